"""Seasons and renewals: hasSeason, seasonNumber, renewedFor.

Every numbered season the text names belongs to a work (the one named next to it, else
the main work); a renewal verb before the season mention makes it a renewal, once per
clause, so that "renewed for a third season ... since season one" renews only the third.
"""

from __future__ import annotations

import re

from .. import dates as _dates
from ..context import CLASS_YEARS, MAIN, ORDINALS, RENEW_RE, SeasonRef, NUM, ORD, number
from .organisations import announcer
from ..grammar import STOP_START, is_cap
from ...names import fold
from .anchor import reads_as_person
from .roles import COMPOUND_SUFFIX
from .works import WORK_NOUN_RE, lineup_titles, locate_works, other_work, section_work, sentence_subject, work_mention, work_ref


SEASON_RE = re.compile(
    rf"\b(?:(?P<ord>{ORD}|{'|'.join(CLASS_YEARS)}|\d{{1,2}}(?:st|nd|rd|th))(?:[ -](?:and|&)[ -](?:final|last)|[ -](?:full|final|new|last|and final))?[ -]seasons?\b"
    rf"|season[ -](?P<num>\d{{1,2}}|{NUM})\b(?!-)"
    # British usage: "series two", "Guiltless series 2", "the first series of X", "for a second series"
    rf"|(?<![Tt]he )series[ -](?P<snum>\d{{1,2}}|{NUM})\b(?![-.:]|\s+(?:of|episodes?|years?|shows?|titles?|seasons?)\b)"
    rf"|(?:(?<=the )|(?<=for a )|(?<=a )|(?<=its ))(?P<sord>{ORD})[ -]series\b(?=\s+(?:of\b|will\b|is\b|was\b|,|\.|$))"
    # "renewed for a second series.", "will return for a second series in 2015"
    rf"|(?<=for a )(?P<ford>{ORD})[ -]series\b(?=\s+in\s+\d{{4}}\b|[ \t]*(?:[,.;:!?\n]|$))"
    # "second series orders of Tarek and Pinafore": a British season's order
    rf"|\b(?P<oord>{ORD})[ -]series(?=\s+(?:orders?|renewals?|pickups?)\s+(?:of|for)\b))(?P<multi>(?!))?",
    re.I,
)


SEASON_MULTI = re.compile(
    rf"\b(?:(?P<a>{ORD})(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:an?\s+)?(?P<b>{ORD})\s+seasons?\b"
    rf"|seasons\s+(?P<c>\d{{1,2}}|{NUM})(?P<sep>\s*,\s*|\s+and\s+|\s*&\s*|\s*[-–]\s*|\s+through\s+)(?P<d>\d{{1,2}}|{NUM})\b"
    # "the first two seasons of X": seasons 1 to N
    rf"|\bfirst\s+(?P<e>\d|{NUM})\s+seasons\b)"
    rf"(?P<multi>)",
    re.I,
)


#: Between a renewal and a season, words that make the season another one: "renewal comes
#: ahead of its season two finale", "picked up ... before the second-season finale", "The
#: renewal follows a strong performance by the second season".
_NOT_RENEWED = re.compile(r"\b(?:ahead of|before|after|following|follows|followed|since)\b", re.I)


#: A renewal whose subject is the season: "a second season has been greenlit", "Season 3 was
#: officially ordered".
_PASSIVE_RENEWAL = re.compile(r"\s+(?:has|have|had|was|were|is|are)\s+(?:now\s+|officially\s+|also\s+|just\s+)?(?:been\s+)?"
                              r"(?:officially\s+)?(?:greenlit|green-lit|greenlighted|ordered|renewed|commissioned|picked up)\b", re.I)


#: A season denied before its mention: "would not be moving forward with a second season",
#: "there will be no third season", "won't return for a fourth season".
_NO_SEASON = re.compile(r"\b(?:not|no|never|won't|won’t)\s+(?:(?:be|moving|move|forward|ahead|with|get|getting|return|returning|"
                        r"come|coming|back|for|a|an)\s+){0,5}$", re.I)


#: A return announced for a season: "will return for Season 2", "is coming back for a third season".
_RETURNS_FOR = re.compile(r"\b(?:will\s+(?:be\s+)?return(?:ing)?|will\s+(?:be\s+)?come\s+back|is\s+(?:returning|coming\s+back))\s+for\s+(?:a\s+|an\s+)?$", re.I)


def _season_mentions(text, start, end):
    """Season mentions as (match, number): "second season", "Season 3", "seasons two and three"."""
    out = []
    taken = []
    low = text[start:end].lower()
    if "season" not in low and "series" not in low:
        return out  # both patterns need one of the words: skip the two scans
    for m in SEASON_MULTI.finditer(text, start, end):
        if m.group("e"):
            nums = list(range(1, (number(m.group("e")) or 0) + 1))
        elif m.group("a"):
            nums = [number(m.group("a")), number(m.group("b"))]
        else:
            a, b = number(m.group("c")), number(m.group("d"))
            nums = list(range(a, b + 1)) if a and b and ("-" in m.group("sep") or "–" in m.group("sep") or "through" in m.group("sep")) and b - a < 12 else [a, b]
        for n in nums:
            if n:
                out.append((m, n))
        taken.append((m.start(), m.end()))
    for m in SEASON_RE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        n = number(m.group("ord") or m.group("num") or m.group("snum") or m.group("sord") or m.group("ford") or m.group("oord"))
        if n:
            out.append((m, n))
    return sorted(out, key=lambda t: t[0].start())


def _glued_headline(ctx, sent):
    """A related story's headline run into a paragraph ("... his father. Bad Neighbors Season 4:
    Northwind Renews Harlan, Tova, Brisk Series For the Fourth Season."): page furniture. It
    starts inside a line, has a colon in its first half, and capitalises nearly every word."""
    if sent.headline or ":" not in sent.text[:len(sent.text) // 2]:
        return False
    if not ctx.text[ctx.text.rfind("\n", 0, sent.start) + 1:sent.start].strip():
        return False  # a line of its own: a heading, not a link run into the text
    words = re.findall(r"[^\W\d_][\w'’-]*", sent.text)
    return len(words) >= 6 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


#: What follows the title that "its ... season" refers to: "X will now kick off its", "X returns for its".
_SUBJECT_VERBS = frozenset("will is has returns kicks begins starts wraps ends enters heads comes".split())
#: Verbs a company uses of its own shows ("Vistaplay will premiere its third season"): no title before them.
_COMPANY_VERBS = frozenset("premiere premieres debut debuts launch launches release releases unveil unveils renew renews "
                           "order orders air airs stream streams".split())


def its_subject(ctx, sent, k):
    """ "Fenwick & Roe (yes!) will now kick off its third season": the unquoted title that opens
    the sentence and that "its" at token k refers to, as a work mention, or None. Only a work has
    seasons, so the subject of "its ... season" is one; a company or a person is not read so."""
    name = sent.name_at(0, "title")
    if name is None or name.possessive or sent.t(k).lower() != "its" or k - name.j > 8 or sent.headline:
        return None
    v = name.j
    if sent.t(v) == "(":  # "Fenwick & Roe (yes!) will ..."
        while v < k and sent.t(v) != ")":
            v += 1
        v += 1
    if sent.t(v).lower() not in _SUBJECT_VERBS or sent.t(k - 1).lower() in _COMPANY_VERBS:
        return None  # "Emmy-winning workplace comedy earns ...", "Vistaplay will premiere its third season"
    if ctx.looks_person_strict(name.text) or ctx.looks_org(name.text) or reads_as_person(ctx, name.text) \
            or name.text.split()[0] in STOP_START or any(is_cap(sent.t(x)) for x in range(name.j, k)):
        return None
    return ctx.mention(name, "Work", name.start)


#: A company giving a work a season, up to the season's article: "is giving freshman drama X a".
_GIVEN_SEASON = re.compile(r"\b(?:giv(?:es|ing|en)|gave)\s[^.;]{1,60}?\s(?:a|an)\s+$", re.I)


def rule_season(ctx, sent):
    """Seasons named anywhere, renewals, and premieres."""
    text = ctx.text
    if _glued_headline(ctx, sent):
        return
    renew = None if sent.shouting else RENEW_RE.search(sent.text)
    renewal_done = False
    renewal_mention = None
    for m, num in _season_mentions(text, sent.start, sent.end):
        if _season_orders_of(ctx, sent, m, num):
            continue
        if _NO_SEASON.search(text, max(sent.start, m.start() - 60), m.start()):
            continue  # "Northwind would not be moving forward with a second season": a season that is not
        if renewal_done and renewal_mention is not m:
            renewal_done = "past"
        i = sent.tok_at(m.start())
        j = sent.tok_before(m.end())
        if m.re is SEASON_RE and (m.group("num") or m.group("snum")) and any(w[0] == j - 1 for w in locate_works(ctx, sent)):
            continue  # "the original series 9 Lanterns": the number begins a title
        # whose season: "of X", "X's", "that show's", "its", else the main work
        work = None
        mention_end = m.end()
        of = j + (sent.t(j).lower() in ("premiere", "finale", "debut", "opener") and sent.t(j + 1).lower() == "of")
        if sent.t(of).lower() == "of":  # "Season 3 of X", "the 12th season premiere of X", "FINAL SEASON OF X"
            q = of + 1
            while q < of + 8 and (sent.t(q)[:1].islower() or sent.t(q) in (",", "-")) and sent.t(q) not in ("and", "or", "which", "who"):
                q += 1  # "the second season of global hit, epic saga “Keystone”": a description first
            if q > of + 1 and sent.t(q) not in ("“", '"', "‘") and not WORK_NOUN_RE.match(sent.t(q - 1)):
                # an unquoted title after a description is read only after its work noun:
                # "season three of the legal drama WEIGHT OF PROOF"
                q = of + 1
            c = q
            while c < q + 3 and is_cap(sent.t(c)) and sent.t(c).rpartition("-")[2] not in COMPOUND_SUFFIX:
                c += 1
            if is_cap(sent.t(c)) and sent.t(c).rpartition("-")[2] in COMPOUND_SUFFIX:
                q = c + 1  # "the third season finale of Tomas Greer-starring Tern Bay": a credit made an adjective first
            q += sent.t(q) in ("“", '"', "‘", "'")  # "Season 3 of “Harbor Lights”"
            w = [x for x in locate_works(ctx, sent) if x[0] == q]
            owner = sent.name_at(q, "org") if not w else None
            if owner is not None and owner.possessive and ctx.looks_org(owner.text):
                # "the sixth season of Fernlow Entertainment Studio's Puddlepaws": the company's work
                w = [x for x in locate_works(ctx, sent) if x[0] == owner.j + 1]
            if w:
                work = work_mention(ctx, sent, *w[0])
                close = w[0][1] + (sent.t(w[0][1]) in ("”", '"', "’", "'"))
                mention_end = sent.toks[close - 1].end  # "a second season of X has been greenlit": the phrase ends after X
        if work is None and renew is None and sent.t(i - 1).lower() == "their" and m.group().lower().endswith("seasons"):
            owners = listed_before(ctx, sent, i - 1)
            if owners:
                # "outperforming “A” and “B” during similar times in their first seasons": each one's
                for wk in owners:
                    ctx.fact(wk, "hasSeason", SeasonRef(wk, num), sent, 0.8)
                    ctx.fact(SeasonRef(wk, num), "seasonNumber", num, sent, 0.85)
                continue
        if work is None:
            read_for = False  # whether the work is the one named just before "for"
            b = i - 1
            while b >= 0 and sent.t(b).lower() in ("a", "the", "its", "and", "final", "new", "full", "upcoming", "latest", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"):
                if sent.t(b).lower() in ORDINALS and sent.t(b).lower() != (m.group("ord") or "").lower() and not m.group("multi"):
                    break
                b -= 1
            if sent.t(b) == "'s" or sent.t(b) == "'":
                if sent.t(b - 1).lower() in ("show", "series"):
                    work = other_work(ctx, sent, b)
                else:
                    w = [x for x in locate_works(ctx, sent) if x[1] == b]
                    if w:
                        work = work_mention(ctx, sent, *w[0])
            elif not (read_for := sent.t(b + 1).lower() == "its" or sent.t(b) == "for" and sent.t(b + 1).lower() in ("a", "an") and renewal_done == "past"):
                # "Bravado season two", "“Bravado” season two"
                w = [x for x in locate_works(ctx, sent) if x[1] == i or x[1] == i - 1 and sent.t(i - 1) in ("”", '"', "’")]
                if w:
                    work = work_mention(ctx, sent, *w[0])
            if work is None and sent.t(b) == "for" and b > 0 and (read_for or renew is None):
                # "... and “McMafia” for its second season", "renewed A for a second season and B for a
                # third season", "as will “B” for a 33rd season, “C” for a third season": the work just before "for"
                end = b - (sent.t(b - 1) in ("”", '"', "’"))
                w = [x for x in locate_works(ctx, sent) if x[1] == end]
                if w:
                    work = work_mention(ctx, sent, *w[0])
                    if renewal_done == "past" and sent.t(w[0][0] - 1 - (sent.t(w[0][0] - 1) in ("“", '"', "‘"))) == "and":
                        renewal_done = False  # a second work of the same renewal
        if work is None and sent.t(b + 1).lower() == "its":
            # "“Ember Coast's” renewal comes ahead of its season two finale": the work named before
            w = [x for x in locate_works(ctx, sent) if x[1] <= b + 1]
            if w and not RENEW_RE.search(text, sent.toks[w[-1][1] - 1].end, m.start()):
                work = work_mention(ctx, sent, *w[-1])
            elif not w:
                work = its_subject(ctx, sent, b + 1)
        if work is None and sent.t(i - 1) == "in":
            # "returning to Wendell in Season 8": the work just before "in"
            w = [x for x in locate_works(ctx, sent) if x[1] == i - 1 - (sent.t(i - 2) in ("”", '"', "’"))]
            if w:
                work = work_mention(ctx, sent, *w[0])
            else:
                # an unquoted title the work finder took for a first name: "is returning to Wendell in Season 8"
                name = sent.name_before(i - 1, "title")
                if name is not None and not name.possessive and sent.t(name.i - 1) == "to" \
                        and re.match(r"return|come back|heads? back", sent.t(name.i - 2), re.I) and not ctx.looks_person_strict(name.text):
                    work = ctx.mention(name, "Work", name.start)
        if work is None and renewal_done == "past":
            # "renewed A for a second season, and B is also back for a third season": the work named
            # since the renewed season
            since = [x for x in locate_works(ctx, sent) if sent.toks[x[0]].start >= renewal_mention.end() and x[1] <= i]
            if since:
                work = work_mention(ctx, sent, *since[-1])
        if work is None and (renew is None or renewal_done == "past") and not sent.headline:
            # "Silver Harbor has a Season 2 premiere date", "X will be back for Season 4": the sentence's
            # subject (a renewal's own grammar decides whose seasons it names, and a season after
            # the renewed one is the same work's: "X has been renewed for a fifth season ahead
            # of the season 4 premiere")
            sub = sentence_subject(ctx, sent)
            if sub is not None and sub[1] <= i:
                work = work_mention(ctx, sent, *sub)
        if work is None and sent.t(i - 1) == "(":
            # "Harlow & Vine (season 2 premiere)": the work just before the parenthesis
            w = [x for x in locate_works(ctx, sent) if x[1] == i - 1 - (sent.t(i - 2) in ("”", '"', "’"))]
            if w:
                work = work_mention(ctx, sent, *w[0])
        if work is None:
            work = MAIN
        # a sentence that names no work at all ("Season 1 is set to premiere ..."): its section's
        # (or one that names its section's work: "The makers of X have confirmed ... the drama's fifth season")
        home = work
        if work is MAIN:
            here = section_work(ctx, sent)
            named = {f for _, _, f in locate_works(ctx, sent)}
            home = here if not named or here is not MAIN and named == {fold(here.name)} else MAIN
        season = SeasonRef(home, num)
        main_facts = len(ctx.facts)
        ctx.fact(home, "hasSeason", season, sent, 0.85)
        ctx.fact(season, "seasonNumber", num, sent, 0.9)
        if renew and renewal_done != "past" and (not renewal_done or renewal_mention is m):
            rm = None
            for r in RENEW_RE.finditer(text, sent.start, m.start()):
                rm = r
            if rm is None:
                rm = _GIVEN_SEASON.search(text, sent.start, m.start())  # "Orbis is giving drama X a second season"
            if rm is None:
                rm = _SEASON_RENEWAL.match(text, m.end(), sent.end)  # "handed X a third-season renewal"
            if rm is None and _PASSIVE_RENEWAL.match(text, mention_end, sent.end):
                # "NWB said a second season has been greenlit": the season is the renewal's subject
                ctx.fact(season.work, "renewedFor", season, sent, 0.85)
                renewal_done = True
                renewal_mention = m
            elif rm is not None and sent.tok_at(m.start()) - sent.tok_at(rm.start()) <= 30 and ";" not in text[rm.end():m.start()] \
                    and not _NOT_RENEWED.search(text, rm.end(), m.start()):
                if rm.group().lower() in ("gets", "lands", "landed", "returns for", "return for", "will return for") and not re.search(r"\b(?:renew|order|pick)", sent.text, re.I):
                    pass
                else:
                    # the renewed work: named between the verb and the season, else before the verb
                    rv = sent.tok_at(rm.start())
                    wk = work_ref(ctx, sent, rv, i, prefer="first")
                    if wk is MAIN:
                        wk = work_ref(ctx, sent, 0, rv)
                    if work is not MAIN and wk is MAIN:
                        wk = work
                    if wk is not MAIN and work is MAIN:
                        del ctx.facts[main_facts:main_facts + 2]  # the season is the renewed work's, not the main work's
                        season = SeasonRef(wk, num)
                        ctx.fact(wk, "hasSeason", season, sent, 0.85)
                        ctx.fact(season, "seasonNumber", num, sent, 0.9)
                    ctx.fact(season.work if work is not MAIN else wk, "renewedFor", season, sent, 0.9)
                    _seasons_through(ctx, sent, m, season.work if work is not MAIN else wk, num)
                    _elliptic_renewals(ctx, sent, m)
                    renewal_done = True
                    renewal_mention = m
                    announcer(ctx, sent, rv, season.work if work is not MAIN else wk)
                    if work is MAIN and wk is not MAIN:
                        # "renewed A, B and C for second seasons": every work of the list
                        for other in _renewed_list(ctx, sent, rv, i)[1:]:
                            season = SeasonRef(other, num)
                            ctx.fact(other, "hasSeason", season, sent, 0.85)
                            ctx.fact(season, "seasonNumber", num, sent, 0.9)
                            ctx.fact(other, "renewedFor", season, sent, 0.85)
                            announcer(ctx, sent, rv, other)
        if not renewal_done and _RETURNS_FOR.search(text, max(sent.start, m.start() - 40), m.start()) \
                and not _dates.find_dates(text, ctx.published, m.end(), sent.end):
            # "Northwind also announced that Riverton will return for Season 2 in 2018": a return with no
            # date is the renewal ("returns for its third season on May 9" is a premiere)
            ctx.fact(season.work, "renewedFor", season, sent, 0.8)
            announcer(ctx, sent, sent.tok_at(m.start()), season.work)  # "Halden also announced that X will return"
            renewal_done = True
            renewal_mention = m


#: A renewal named by its season: "a third-season renewal", "a second-season order".
_SEASON_RENEWAL = re.compile(r"[\s-]*(?:renewal|order|pickup|pick-up)\b(?!s?\s+(?:of|for)\b)", re.I)
#: A renewal's second work with the season word left out: ", and Bramble for fifth", "and B for a third".
_ELLIPTIC = re.compile(rf",?\s+and\s+(?P<w>[“\"‘']?(?-i:[A-Z])[^,;.]{{0,60}}?)\s+for\s+(?:a\s+|an\s+|its\s+)?(?P<ord>{ORD}|\d{{1,2}}(?:st|nd|rd|th))\b(?!\s*[-–]?\s*seasons?\b)", re.I)


def _elliptic_renewals(ctx, sent, m):
    """ "renewed A and B for second seasons, and Bramble for fifth": the work after "and" is renewed
    for the ordinal that stands for its season."""
    e = _ELLIPTIC.match(ctx.text, m.end(), sent.end)
    if e is None:
        return
    works = [w for w in locate_works(ctx, sent) if e.start("w") <= sent.toks[w[0]].start and sent.toks[w[1] - 1].end <= e.end("w")]
    n = number(e.group("ord"))
    if works:
        work = work_mention(ctx, sent, *works[0])
    else:  # an unquoted title the renewal's grammar names: ", and Bramble for fifth"
        name = sent.name_at(sent.tok_at(e.start("w")), "title")
        if name is None or name.end != e.end("w") or name.possessive or ctx.looks_person_strict(name.text) or ctx.looks_org(name.text):
            return
        work = ctx.mention(name, "Work", name.start)
    if not n:
        return
    season = SeasonRef(work, n)
    ctx.fact(work, "hasSeason", season, sent, 0.8)
    ctx.fact(season, "seasonNumber", n, sent, 0.85)
    ctx.fact(work, "renewedFor", season, sent, 0.8)
    announcer(ctx, sent, sent.tok_at(m.start()), work)  # the company that renews the first renews it too


#: A renewal for several seasons: "a two-season renewal", "a three-season order".
_MULTI_SEASON = re.compile(rf"\b(?P<n>{NUM}|\d)[- ]seasons? (?:renewal|order|pickup|pick-up|extension)\b", re.I)


def _seasons_through(ctx, sent, m, work, last):
    """ "a two-season renewal, taking it through its fifth season": the renewal names its last
    season; the seasons before it that the count covers are renewed too (fourth and fifth)."""
    multi = _MULTI_SEASON.search(sent.text)
    if multi is None or not re.search(r"\bthrough\s+(?:its\s+|the\s+)?$", ctx.text[max(sent.start, m.start() - 14):m.start()], re.I):
        return
    count = number(multi.group("n")) or 0
    for n in range(max(1, last - count + 1), last):
        season = SeasonRef(work, n)
        ctx.fact(work, "hasSeason", season, sent, 0.8)
        ctx.fact(season, "seasonNumber", n, sent, 0.85)
        ctx.fact(work, "renewedFor", season, sent, 0.8)


#: A season's order or renewal naming its works after it: "second-season orders for A and B".
_ORDERS_OF = re.compile(r"\s+(?:orders?|renewals?|pickups?|pick-ups?)\s+(?:of|for)\s+")


def _season_orders_of(ctx, sent, m, num):
    """ "second series orders of Tarek and Pinafore", "third-season renewals for A, B and C": every
    work of the list after the order is renewed for that season."""
    o = _ORDERS_OF.match(ctx.text, m.end(), sent.end)
    if o is None:
        return False
    listed = [n for n in lineup_titles(sent, sent.tok_at(o.end())) if not ctx.looks_person_strict(n.text) and fold(n.text) not in ctx.person_keys]
    for name in listed:
        work = ctx.mention(name, "Work", name.start)
        season = SeasonRef(work, num)
        ctx.fact(work, "hasSeason", season, sent, 0.85)
        ctx.fact(season, "seasonNumber", num, sent, 0.9)
        ctx.fact(work, "renewedFor", season, sent, 0.85)
        announcer(ctx, sent, sent.tok_at(m.start()), work)  # "Corvane announced the second season pickups of A and B"
    return bool(listed)


#: What joins the items of a list of titles.
LIST_GLUE = (",", "and", "&", "”", '"', "“", "’", "‘")


def listed_before(ctx, sent, k, within=12):
    """The works of the list that ends shortly before token k ("A and B during similar times in
    their ..."): two or more works with nothing but commas, "and" and quotes between them, the
    last ending at most ``within`` tokens before k; else []."""
    works = [w for w in locate_works(ctx, sent) if w[1] <= k]
    if not works or k - works[-1][1] > within:
        return []
    tail = [works[-1]]
    for w in reversed(works[:-1]):
        if not all(sent.t(x) in LIST_GLUE for x in range(w[1], tail[0][0])):
            break
        tail.insert(0, w)
    return [work_mention(ctx, sent, *w) for w in tail] if len(tail) > 1 else []


def _renewed_list(ctx, sent, lo, hi):
    """The works listed between a renewal verb and its season, when they form one list
    ("A, B and C"): nothing but commas, "and" and quotes between them."""
    works = [w for w in locate_works(ctx, sent) if w[0] >= lo and w[1] <= hi]
    if len(works) < 2:
        return []
    for (_, b, _), (c, _, _) in zip(works, works[1:]):
        if any(sent.t(x) not in LIST_GLUE for x in range(b, c)):
            return []
    return [work_mention(ctx, sent, *w) for w in works]
