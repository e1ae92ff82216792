"""Rules that need the whole document: they run after every sentence has been read.
"""

from __future__ import annotations

import re

from ..grammar import MAKER_NAME, OUTLET_NOUNS, STOP_START, Name, Sentence, is_cap
from ...names import fold
from ..firstnames import is_given_name
from ..context import MAIN, M, SeasonRef, work_key
from .anchor import PRESS_RELEASE_FROM, reads_as_person
from .cast import cast_lists
from .organisations import ANNOUNCE_VERBS, NOT_PLATFORMS, outlet_named_before, subject_start
from .people import described_person
from .roles import COMPOUND_SUFFIX, CREDITS_INCLUDE
from .works import INVERTED_LINEUP, LINEUP, SEASON_APPOSITIVE, WORK_NOUN_RE, lineup_titles, locate_works, title_after, work_mention, work_ref


def _character_keys(ctx):
    """Characters known anywhere, by the folds of their names and of their first names."""
    char_keys = {}
    for m in ctx.mentions:
        if m.type == "Character":
            for s in [m.name] + list(m.aliases):
                f = fold(s)
                char_keys.setdefault(f, m)
                w = f.split()
                if len(w) > 1:
                    char_keys.setdefault(w[0], m)
    return char_keys


#: After "<Org>'s <Title>", what may follow an unknown title for it to be one: the end of a
#: list or clause, or a verb of which the work is the subject.
_AFTER_TITLE = frozenset(", . ; : and or ( ” \" ’ is will has premieres returns debuts airs stars follows "
                         "are have return premiere debut air".split())
#: Capitalised spans after a possessive that name no work: an event or a body ("Critics'
#: Association"), a chart ("Top 10"), a description ending in a work noun ("First Drama Series").
_NOT_TITLES = re.compile(r"\b(?:Association|Awards?|Festival|Academy|Guild|Conference|Summit|Tour|Top \d+)\b|"
                         r"\b(?:Series|Drama|Comedy|Show|Film|Movie|Original|Originals)$")
#: Names shaped like a company's: in capitals ("NWB WORLD"), with a capital inside a word
#: ("HarborTV", not "McAllister" or "DeVane"), or ending in "+".
_COMPANY_SHAPE = re.compile(r"^[A-Z]{2,}(?: [A-Z]{2,}){0,2}$|\b(?!Mc|Mac|De|Di|La|Le|Van)[A-Z][a-z]+[A-Z]|\+$")


#: The verbs after a title that opens with a preposition: "Corvane's Under the Pier has been renewed".
_SUBJECT_AFTER = frozenset("has is was will returns premieres".split())
#: "The Pembrook Show": a title, though it ends in a work noun.
_THE_NAME_SHOW = re.compile(r"The [A-Z][\w'-]+ Show")


#: Words before a possessive that make it a company's: "rival Vantage's Night Shift Diaries".
_RIVAL_WORDS = frozenset("rival rivals competitor competing fellow".split())


def _possessive_company_works(ctx):
    """ "KXT's groundbreaking drama Into the Barrens and western drama The Heir, NWB WORLD's
    Low Gear and Mercer": a company known in the document, then works it shows (or makes)."""
    for sent in ctx.sents:
        toks = sent.toks
        if sent.shouting or not sent.possessive_mark:
            continue  # a headline in capitals has no title boundaries to read
        listed_end = -1  # where the last company's works ended: "Vantage's A and Ardent's B"
        for k in range(len(toks)):
            if not is_cap(sent.t(k)) or (k and is_cap(sent.t(k - 1))):
                continue
            org = sent.name_at(k, "org")
            if org is None or not org.possessive or len(org.text.split()) > 3 or sent.t(k - 1) == "." and is_cap(sent.t(k - 2)):
                continue  # "Halvard Bros. TV's": the name began before the abbreviation
            if described_person(sent, k) or CREDITS_INCLUDE.match(ctx.text, sent.toks[org.j].end if org.j < len(toks) else sent.end):
                continue  # "YouTuber A Roe's", "podcaster A Roe's first show", "Murray's writing credits": a person's
            f = fold(org.text)
            if any(i == k and j > org.j for i, j, _ in locate_works(ctx, sent)):
                continue  # "God's Own Country stars ...": a title the text knows, its possessive included
            company = f in ctx.org_keys or ctx.looks_org(org.text) or _COMPANY_SHAPE.search(org.text) \
                or sent.t(k - 1).lower() in _RIVAL_WORDS or k in (listed_end + 1, listed_end + 2) \
                or _brand_before_quoted_title(ctx, sent, org)
            if not company or f in ctx.person_keys or reads_as_person(ctx, org.text) and not MAKER_NAME.search(org.text) \
                    or ctx.is_work(org.text):
                continue
            rel = "productionCompany" if MAKER_NAME.search(org.text) else "distributor"
            om = None
            j = org.j + 1
            while True:
                skipped = 0
                while j < len(toks) and skipped < 5 and (toks[j].text[:1].islower() and toks[j].text not in ("and", "or", "of", "on", "in", "for", "to", "with", "at", "from", "by", "during")
                                                         or toks[j].text == "-"):
                    j += 1
                    skipped += 1
                title = title_after(sent, j)
                if title is None or title.possessive or title.text.split()[0] in STOP_START and title.text.split()[0] != "The" \
                        and not (j == org.j + 1 and sent.t(title.j) in _SUBJECT_AFTER and not sent.headline):
                    break  # "Corvane's Under the Pier has been renewed": a title may open with a preposition
                quoted = sent.t(j) in ("“", '"', "‘")
                if ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys or reads_as_person(ctx, title.text) \
                        or _NOT_TITLES.search(title.text) and not _THE_NAME_SHOW.fullmatch(title.text):
                    break
                end = title.j + quoted
                if not (ctx.is_work(title.text) or quoted or sent.t(end) in _AFTER_TITLE or end >= len(toks)):
                    break
                longer = [w for w in locate_works(ctx, sent) if w[0] == title.i and w[1] > title.j]
                if longer:  # "Lumen’s Salt and Stone adaptation": the known title, "and" inside it
                    title = Name(title.i, longer[0][1], title.start, sent.toks[longer[0][1] - 1].end,
                                 sent.span_text(title.i, longer[0][1]), [], False)
                    end = title.j
                om = om or ctx.mention(org, "Organization", org.start)
                wm = ctx.mention(title.text, "Work", title.start)
                ctx.fact(wm, rel, om, sent, 0.7)
                j = end
                listed_end = end
                if sent.t(j) == "," and sent.t(j + 1) in ("and", "or"):
                    j += 1
                if sent.t(j) in ("and", ","):
                    nxt = sent.name_at(j + 1, "org")
                    if nxt is not None and nxt.possessive:
                        break  # ", NWB WORLD's ...": the next company's works
                    j += 1
                    continue
                break


def _brand_before_quoted_title(ctx, sent, org):
    """ "Netflix's 'East of Eden'", "Disney's “Mary Poppins Returns”": a one-word possessor
    that is nobody's name (no given name, no surname of a person in the text) before a
    quoted title is the company that shows it."""
    text = org.text
    if " " in text or not text[:1].isupper() or text in NOT_PLATFORMS or is_given_name(text) or ctx.surname_in_text(text) \
            or fold(text) in ctx.person_keys or fold(text) in ctx.author_keys:
        return False
    j = org.j + 1
    while j < org.j + 4 and sent.t(j)[:1].islower() and sent.t(j) not in ("and", "or", "of", "by"):
        j += 1  # "Marvel's massive hit “Iron Man 3”"
    if sent.t(j) not in ("“", '"', "‘", "'") or not is_cap(sent.t(j + 1)):
        return False
    close = next((x for x in range(j + 1, min(len(sent.toks), j + 15)) if sent.t(x) in ("”", '"', "’", "'")), None)
    return close is not None and sent.t(close + 1) != "for"  # "Thirdborn's 'Exposure' for Stan": its maker


_SHARE_VERBS = re.compile(r"\s*(?:today |has |also |on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? )*(?:shared|presented|unveiled|announced|announces|revealed|"
                          r"debuted|set|sets|rolls out|rolled out)\b", re.I)


#: "Tessel used a luncheon at the Harbour Hall today to unveil a 25-strong originals slate".
_TO_UNVEIL = re.compile(r"[^.;]*?\bto (?:unveil|announce|reveal|present|showcase|share)\b", re.I)


#: "Vistaplay announced premiere dates for 11 of its new and returning series": dates for the
#: speaker's own series.
_ITS_DATES = re.compile(r"\s+(?:today\s+|has\s+)?(?:announced|unveiled|revealed|set)\s+(?:the\s+)?(?:(?:fall|spring|summer|winter|autumn|midseason|new)\s+)?"
                        r"(?:premiere|debut|launch|return)\s+dates\s+"
                        r"for\s+(?:[\w-]+\s+){0,3}?(?:of\s+)?its\b", re.I)


def _lead_announcer(ctx):
    """The company a release is from: the subject of the first "<Org> (today) announced/shared/
    presented ..." among the first sentences."""
    for sent in ctx.sents[:16]:
        if sent.headline or sent.shouting:
            continue
        # "Streamer X announced", "Streaming platform X on Thursday announced": the company after its kind
        first = 1 if sent.t(0).lower() in OUTLET_NOUNS else 2 if sent.t(1) in OUTLET_NOUNS else 0
        org = sent.name_at(first, "org")
        if org is None or org.possessive or ctx.is_work(org.text) or ctx.looks_person_strict(org.text) \
                or reads_as_person(ctx, org.text) or fold(org.text) in ctx.person_keys \
                or not (first or fold(org.text) in ctx.org_keys or ctx.looks_org(org.text) or _COMPANY_SHAPE.search(org.text)
                        or _ITS_DATES.match(ctx.text, org.end, sent.end)):
            continue  # (a name that announces dates for "its" series is a company's)
        if _SHARE_VERBS.match(ctx.text, org.end, sent.end) or ANNOUNCE_VERBS.match(ctx.text, org.end + 1, sent.end) \
                or _TO_UNVEIL.match(ctx.text, org.end, min(sent.end, org.end + 90)):
            return sent, org
    # "[via press release from Vistaplay]", "Press release from Vistaplay, Jan. 17, 2020:" (a line the dateline reader drops)
    m = PRESS_RELEASE_FROM.search(ctx.text, 0, 1500)
    if m:
        end = ctx.text.find("\n", m.end())
        sent = Sentence(ctx.text, m.start(), end if end > 0 else len(ctx.text))
        org = sent.name_at(sent.tok_at(m.end()), "org")
        if org is not None and not org.possessive and not ctx.is_work(org.text) and fold(org.text) not in ctx.person_keys:
            return sent, org
    return None


#: A lineup named by its company and "like"/"such as": "other NWB half-hours like “GRIT” and
#: “Roomies”" (with no company, "shows like X" may be anyone's).
_LINEUP_LIKE = re.compile(r"\b(?:series|titles|lineup|slate|programming|originals|shows|roster|films|dramas|comedies|"
                          r"half-hours|hours)\s+(?:like|such as)\b", re.I)


#: A lineup's company called by its kind: "a growing list of originals made by S for the streamer".
_OUTLET_IN_PHRASE = re.compile(r"\b(?:for|on|at|from) the (?:[\w-]+ )?(?:%s)\b" % "|".join(sorted(OUTLET_NOUNS - {"studio", "company"})),
                               re.I)


def _lineup_owner(ctx, sent, a, b):
    """The company a lineup phrase (tokens a to b) names: "Vistaplay's reputable slate", "a
    scripted roster at Corvane that also includes", "other NWB half-hours like"."""
    for i in range(max(0, a), b):
        if not is_cap(sent.t(i)) or (i > 0 and is_cap(sent.t(i - 1))) or sent.t(i) in STOP_START:
            continue
        org = sent.name_at(i, "org")
        if org is None or org.j > b or ctx.is_work(org.text) or fold(org.text) in ctx.person_keys or reads_as_person(ctx, org.text) \
                or org.text in NOT_PLATFORMS:
            continue  # ("film and TV dramas, which include": a medium, no company)
        if org.possessive or sent.t(i - 1).lower() in ("at", "on", "from", "for"):
            return org
        if sent.t(org.j)[:1].islower() and (fold(org.text) in ctx.org_keys or ctx.looks_org(org.text) or _COMPANY_SHAPE.search(org.text)):
            return org  # "other NWB half-hours like", not "Lumen Original titles"
    return None


def _studios_in_parentheses(ctx, sent, titles, owner):
    """ "a roster at Corvane that also includes Highmoor (Halvard), the final season of Voltage (KXT TV
    Studios)": in the lineup of a company, a company in parentheses after a title made it."""
    for name in titles:
        p = name.j + (sent.t(name.j) in ("”", '"', "’"))
        if sent.t(p) != "(":
            continue
        org = sent.name_at(p + 1, "org")
        if org is None or org.possessive or sent.t(org.j) != ")" or fold(org.text) == fold(owner.text) \
                or ctx.is_work(org.text) or re.fullmatch(r"\d{4}", org.text):
            continue
        f = fold(org.text)
        if reads_as_person(ctx, org.text) and not any(k.startswith(f + " ") for k in ctx.org_keys):
            continue  # a person, unless a company's longer name begins so ("Calder Lane" of "Calder Lane Television")
        ctx.fact(ctx.mention(name.text, "Work", name.start), "productionCompany", ctx.mention(org, "Organization", org.start), sent, 0.7)


#: The rules whose companies share a work with the lineup's owner ("A and B co-commission, X",
#: "the premieres of the KXT One thriller X": first shown there, then in the lineup).
_SHARED = ("organisations._commissioners", "organisations._described_works")


#: After a list of titles: "... in the CW's schedule", "... on Tessel's fall lineup".
_SCHEDULE_AFTER = re.compile(r"\s+(?:in|on|at)\s+(?:the\s+)?(?=[A-Z])")
_SCHEDULE_NOUNS = frozenset("schedule lineup line-up slate roster".split())


def _schedule_owner_after(ctx, sent, titles):
    """ "It will join shows such as A, B and C in the CW's schedule": the company whose schedule
    the list ends in, or None."""
    if not titles:
        return None
    end = titles[-1].j + (sent.t(titles[-1].j) in ("”", '"', "’"))
    m = _SCHEDULE_AFTER.match(ctx.text, sent.toks[end - 1].end, sent.end)
    if m is None:
        return None
    org = sent.name_at(sent.tok_at(m.end()), "org")
    if org is None or not org.possessive or ctx.is_work(org.text) or reads_as_person(ctx, org.text):
        return None
    k = org.j + 1
    while k < len(sent.toks) and k < org.j + 4 and sent.t(k)[:1].islower() and sent.t(k).lower() not in _SCHEDULE_NOUNS:
        k += 1
    return org if sent.t(k).lower() in _SCHEDULE_NOUNS else None


#: Before a list of titles: the words that make it someone's credits, not a company's lineup.
_CREDITS_BEFORE = re.compile(r"\b(?:credits|roles|known for|starred|appeared|worked|filmography|résumé|resume)\b", re.I)


def _lineup_works(ctx):
    """ "Lumen Original titles including “A,” “B” ...", "four of its summer series, including A
    and B", "a roster at Corvane that also includes A (Halvard), the final season of B (KXT TV
    Studios)": the works of a lineup are shown by the company the phrase names, else by the
    announcer; only the works inside the list count."""
    lead = None
    for sent in ctx.sents:
        low = sent.text.lower()
        inverted = INVERTED_LINEUP.match(ctx.text, sent.start, sent.end)  # "Among the returning series for X are A, B"
        if "includ" not in low and " like " not in low and "such as" not in low and inverted is None:
            continue  # the words the patterns need: most sentences need no scan
        m = LINEUP.search(ctx.text, sent.start, sent.end) or _LINEUP_LIKE.search(ctx.text, sent.start, sent.end) or inverted
        if m is None or _CREDITS_BEFORE.search(ctx.text, max(sent.start, m.start() - 40), m.start() + 1):
            continue  # ("a veteran whose credits include TV series like “X”": someone's earlier work)
        k = sent.tok_at(m.end())
        a = sent.tok_at(m.start())
        back = a
        while back > 0 and a - back < 4 and sent.t(back - 1) not in (",", ";", ":", "(", "—"):
            back -= 1
        owner = _lineup_owner(ctx, sent, back, k)
        if owner is None and _OUTLET_IN_PHRASE.search(ctx.text, sent.toks[back].start, m.end()):
            owner = outlet_named_before(ctx, sent)  # "originals made by Arden for the streamer, including"
        if owner is None:
            titles = lineup_titles(sent, k)
            owner = _schedule_owner_after(ctx, sent, titles)
            if owner is not None:  # "shows such as A, B and C in the CW's schedule": each title the list names
                om = ctx.mention(owner, "Organization", owner.start)
                for name in titles:
                    if not ctx.looks_person_strict(name.text) and not ctx.looks_org(name.text):
                        ctx.fact(ctx.mention(name, "Work", name.start), "distributor", om, sent, 0.65)
                continue
        if owner is None:
            if lead is None:
                lead = _lead_announcer(ctx) or ()  # found once, when a lineup names no company
            if not lead or not (LINEUP.match(ctx.text, m.start()) or m is inverted):
                continue
            owner = lead[1]
        titles = lineup_titles(sent, k)
        end = max((n.j for n in titles), default=len(sent.toks))
        _studios_in_parentheses(ctx, sent, titles, owner)
        om = None
        # "KXT's drama A" names A's own company; "The Lantern and Tessel co-commission, A" shares A with the lineup's
        given = {id(f.s) for f in ctx.facts if f.sent is sent and f.p == "distributor" and f.rule not in _SHARED}
        for i, j, f in locate_works(ctx, sent):
            if i < k or i > end or f in ctx.org_keys:
                continue  # "The Lantern and Tessel co-commission, X": companies, not works of the lineup
            w = work_mention(ctx, sent, i, j, f)
            if any(x.s is not None and getattr(x.s, "name", None) == w.name and x.sent is sent and x.p == "distributor"
                   and x.rule not in _SHARED for x in ctx.facts) or id(w) in given:
                continue  # "KXT's drama A": a company of its own
            om = om or ctx.mention(owner, "Organization", owner.start)
            ctx.fact(w, "distributor", om, sent, 0.65)


#: A lead that announces dates for several works: "Northwind announced the premiere dates ...",
#: "KXT set premiere dates for the following shows".
_DATES_LEAD = re.compile(r"\b(?:premieres?|return|debut|launch|release)\s+dates\b", re.I)


def _headline_announcer(ctx):
    """ "Meridian Network Sets Fall Premiere Dates: ...": a headline whose subject is a company
    that announces dates."""
    for sent in ctx.sents[:3]:
        if not sent.headline or not _DATES_LEAD.search(sent.text):
            continue
        org = sent.name_at(0, "org")
        if org is not None and not org.possessive and not ctx.is_work(org.text) and fold(org.text) not in ctx.person_keys \
                and _SHARE_VERBS.match(ctx.text, org.end, sent.end):
            return sent, org
    return None


def _dated_works(ctx):
    """ "<Org> announced the premiere dates for ...": the works the text then dates, and the
    seasons it dates, are shown by the announcing company, unless a sentence names another
    platform for them ("on KXT2")."""
    if not ctx.dated:
        return
    lead = _lead_announcer(ctx)
    if lead is None or not any(_DATES_LEAD.search(s.text) for s in [lead[0], *ctx.sents[:12]]):
        lead = _headline_announcer(ctx)
        if lead is None:
            return
    org = None
    shown = {work_key(f.s) for f in ctx.facts if f.p == "distributor"}
    for work, sent in ctx.dated:
        if work_key(work) in shown:
            continue
        org = org or ctx.mention(lead[1], "Organization", lead[1].start)
        ctx.fact(work, "distributor", org, sent, 0.7)
        shown.add(work_key(work))


#: A brief's credit line: "[KXT via press release]", "(via press release from Corvane)".
_VIA_RELEASE = re.compile(r"[\[(]\s*(?:via press release from\s+)?(?P<org>[A-Z][\w&+.' -]{0,40}?)\s+via press release\s*[\])]"
                          r"|[\[(]\s*via press release from\s+(?P<org2>[A-Z][\w&+.' -]{0,40}?)\s*[\])]")
#: A paragraph's subject company acting on dates: "KXT has switched up some of its summer premiere dates".
_DATES_ACT = re.compile(r"\s*(?:has|have|today|also|just|finally)?\s*(?:\w+\s+){0,3}?(?:announced|set|sets|unveiled|revealed|"
                        r"shared|switched up|put|puts|locked in|confirmed|moved)\b", re.I)


_DATES_WORDS = re.compile(r"\b(?:dates?|schedule|premieres?)\b", re.I)


def _paragraphs(ctx):
    """The document's sentences grouped by paragraph (a line break between two sentences)."""
    out = []
    prev_end = 0
    for s in ctx.sents:
        if not out or ("\n" in ctx.text[prev_end:s.start] and any(c.isalnum() for c in s.text)):
            out.append([])
        out[-1].append(s)
        if any(c.isalnum() for c in s.text):
            prev_end = s.end  # "..." opening a brief is no sentence of its own
    return out


def _brief_companies(ctx):
    """ "... KXT has switched up some of its summer premiere dates ... [KXT via press release]":
    in a roundup of briefs, the company a paragraph opens with (acting on dates) or credits at
    its end shows the works the paragraph dates or numbers seasons of."""
    if "via press release" not in ctx.text and not (ctx.dated and _DATES_WORDS.search(ctx.text)):
        return  # no brief credits a company, and no premiere clause dates a work
    shown = {work_key(f.s) for f in ctx.facts if f.p == "distributor"}
    by_sent = {}
    for f in ctx.facts:
        if f.p in ("premiereDate", "hasSeason"):
            by_sent.setdefault(id(f.sent), []).append(f)
    for para in _paragraphs(ctx):
        org = None
        start = para[0].start
        end = para[-1].end
        via = _VIA_RELEASE.search(ctx.text, start, min(len(ctx.text), end + 2))
        if via:
            at = via.start("org") if via.group("org") else via.start("org2")
            s = next((x for x in para if x.start <= at < x.end), None)
            org = s.name_at(s.tok_at(at), "org") if s is not None else None
        if org is None:
            first = next((x for x in para if any(c.isalnum() for c in x.text)), None)
            name = first.name_at(0, "org") if first is not None else None
            if name is not None and not name.possessive and (fold(name.text) in ctx.org_keys or ctx.looks_org(name.text)
                                                            or _COMPANY_SHAPE.search(name.text)) \
                    and _DATES_ACT.match(ctx.text, name.end, first.end) and _DATES_WORDS.search(first.text):
                org = name
        if org is None or ctx.is_work(org.text) or fold(org.text) in ctx.person_keys:
            continue
        om = None
        for f in [f for x in para for f in by_sent.get(id(x), ())]:
            work = f.s.work if isinstance(f.s, SeasonRef) else f.s
            if not isinstance(work, M) or work_key(work) in shown:
                continue
            om = om or ctx.mention(org, "Organization", org.start)
            ctx.fact(work, "distributor", om, f.sent, 0.65)
            shown.add(work_key(work))


#: A company's slate of counted works: "Adult Swim has scheduled eight new original series",
#: "Netflix announced premiere dates for 11 of its new and returning series".
_SLATE = re.compile(
    r"\b(?:has |have |today |also |reportedly |officially |just |now )*(?:scheduled|ordered|announced|unveiled|greenlit|commissioned|picked up|revealed|set|handed out)\s+"
    r"(?:(?:premiere|launch|return) dates for\s+|series orders to\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:of its\s+)?(?:(?:new|original|returning|and|scripted|hour-long|half-hour|animated|local|homegrown|upcoming)\s+)*"
    r"(?:series|shows|dramas|comedies|originals|titles|programmes|programs)\b", re.I)
#: A dateline's place in capitals before the subject, with a colon or a dash ("NEW YORK: ").
_PLACE_OPENING = re.compile(r"[A-Z][A-Z.' ]{3,30}(?:,\s*[A-Z][A-Za-z.]{1,12})?\s*(?::|—|–|--|-)\s*(?=[A-Z0-9])")


#: A slate named by its company near a text's start: "Stan used a luncheon to unveil a 25-strong
#: originals slate", "CBC revealed its 2020-21 slate", "Channel 4's drama line-up for autumn".
_SLATE_VERB = re.compile(r"[^.;:]{0,60}?\b(?:unveil|reveal|announc|present|showcas|set|build|launch|confirm)\w*\b[^.;:]{0,60}?"
                         r"\b(?:slate|line-?up|commissions)\b", re.I)
_SLATE_OWNED = re.compile(r"['’]s?\s+(?:[\w/-]+\s+){0,4}?(?:slate|line-?up|commissions)\b", re.I)


def _slate_owner(ctx, sent):
    """The company whose slate a sentence announces (see :data:`_SLATE`, :data:`_SLATE_VERB`,
    :data:`_SLATE_OWNED`), or None."""
    p = _PLACE_OPENING.match(ctx.text, sent.start, sent.end)
    name = sent.name_at(sent.tok_at(p.end()) if p else 0, "org")
    if name is None or ctx.is_work(name.text) or reads_as_person(ctx, name.text) or fold(name.text) in ctx.person_keys:
        return None
    if name.possessive:
        return name if _SLATE_OWNED.match(ctx.text, name.end, sent.end) else None
    return name if _SLATE_VERB.match(ctx.text, name.end, sent.end) else None  # (no person: a given name opens none)


def _slate_distributor(ctx):
    """A text whose company announces a slate ("Adult Swim has scheduled eight new original
    series", "Stan used a luncheon to unveil its 2024 originals slate", "Channel 4's drama
    line-up") shows every work it names as its own, save those the text gives to another
    company or names only as someone's earlier credit."""
    for x, sent in enumerate(ctx.sents):
        m = _SLATE.search(ctx.text, sent.start, sent.end)
        if m is None:
            owner = _slate_owner(ctx, sent) if x < 4 else None
            if owner is not None:
                _distribute_all(ctx, ctx.mention(owner, "Organization", owner.start))
                return
            continue
        p = _PLACE_OPENING.match(ctx.text, sent.start, sent.end)
        name = sent.name_at(sent.tok_at(p.end()) if p else 0, "org")
        if name is not None and (name.possessive or sent.t(name.j) in ("'", "’") and sent.t(name.j + 1).islower()):
            k = name.j + 1  # "Halden's streaming service, Halden Go, has commissioned": the service in the appositive
            while sent.t(k).islower() and k < name.j + 4:
                k += 1
            name = sent.name_at(k + 1, "org") if sent.t(k) == "," else None
            if name is not None and sent.t(name.j) != ",":
                name = None
        if name is None or name.possessive or ctx.is_work(name.text) or reads_as_person(ctx, name.text) \
                or ctx.text[name.end:m.start()].strip(" ,") not in ("", "on Thursday", "today", "on Friday", "this week"):
            continue
        _distribute_all(ctx, ctx.mention(name, "Organization", name.start))
        return


def _distribute_all(ctx, org):
    """The slate's company shows every work the text names that no fact gives another company."""
    shown = {fold(f.s.name) for f in ctx.facts if f.p == "distributor" and isinstance(f.s, M)}
    seen = set()
    for s2 in ctx.sents:
        for i, j, f in locate_works(ctx, s2):
            if f in seen or f in shown or ctx.work_titles.get(f, {}).get("weight", 0.0) < 1.0:
                continue
            seen.add(f)
            ctx.fact(work_mention(ctx, s2, i, j, f), "distributor", org, s2, 0.6)


def _subtitled_seasons(ctx):
    """ "True Detective: Night Country, the fourth season of the anthology": a subtitle that
    names one season of a work. The work is the title before the colon; resolve names it so
    and keeps the subtitled name as an alias."""
    for f, entry in ctx.work_titles.items():
        name = entry.get("surface") or ""
        if ": " in name and any(SEASON_APPOSITIVE.match(ctx.text, m.end()) for m in re.finditer(re.escape(name), ctx.text)):
            ctx.season_subtitles[f] = name.split(": ", 1)[0]


#: What follows a lead's company when the lead is about its own work: a verb or its possessive's
#: description ("Peacock has officially booked", "Syfy recently announced", "Netflix's first Indian
#: original series, X, will return").
_LEAD_PREDICATE = re.compile(r"(?:\s+(?:has|have|had|is|was|will|today|recently|officially|just|also|now)\b"
                             r"|\s+[a-z]+(?:ed|s)\b|'s\s+(?:first|new|latest|hit|upcoming|original|acclaimed|popular)\b)")


def _lead_company(ctx):
    """The company a text's lead opens on shows the text's work when nothing in the text says
    who shows any work: "Peacock has officially booked an appointment with Dr. Death: the limited
    series ...", "Syfy recently announced some exciting casting". A company whose name says it
    makes works (Pictures, Studios) is left alone, and so is one the text names once only."""
    if any(f.p == "distributor" for f in ctx.facts):
        return  # the text says who shows its works
    lead = next((x for x in ctx.sents[:6] if not x.headline and not x.shouting and any(c.isalpha() for c in x.text)), None)
    if lead is None:
        return
    org = lead.name_at(subject_start(lead), "org")
    if org is None or ctx.is_work(org.text) or ctx.looks_person_strict(org.text) or reads_as_person(ctx, org.text) \
            or fold(org.text) in ctx.person_keys or MAKER_NAME.search(org.text) or len(org.text) < 2 \
            or org.text.split()[0] in STOP_START or not _LEAD_PREDICATE.match(ctx.text, org.end - 2 * org.possessive):
        return
    if not (fold(org.text) in ctx.org_keys or ctx.text.count(org.text) >= 2):
        return
    ctx.fact(MAIN, "distributor", ctx.mention(org, "Organization", org.start), lead, 0.6)


def postpass(ctx):
    """Rules that need the whole document: possessive portrayals, "in which", authorless novels,
    the works a company's possessive names."""
    _subtitled_seasons(ctx)
    _possessive_company_works(ctx)
    _lineup_works(ctx)
    _dated_works(ctx)
    _brief_companies(ctx)
    _slate_distributor(ctx)
    _lead_company(ctx)
    cast_lists(ctx)
    char_keys = _character_keys(ctx)
    for sent, a, b in ctx.pending_possessive:
        af = fold(a.text)
        if af in ctx.author_keys or any(af.endswith(" " + k) or k.endswith(" " + af) for k in ctx.author_keys):
            continue
        if ctx.looks_org(a.text) or ctx.is_work(a.text) or ctx.is_work(b.text) or ctx.looks_org(b.text) \
                or WORK_NOUN_RE.match(b.text.split()[-1]) or ctx.is_work(ctx.text[a.start:b.end]):
            continue  # "Tessa Varnum's Legal Drama": her work, described, not her character
        if b.text.rpartition("-")[2] in COMPOUND_SUFFIX:
            continue  # "Connor's Mara Quell-starring series": a credit made an adjective, then the work
        described = sent.t(b.j) == "," and sent.t(b.j + 1).lower() in ("a", "an") and sent.t(b.j + 2)[:1].islower() \
            and re.search(r"\b(?:joins|joined|plays|played|stars|cast)\b", sent.text) is not None \
            or sent.t(b.j) == "is" and a.i == 0 and fold(a.text) in ctx.person_keys \
            and (sent.t(b.j + 1).lower() in ("a", "an", "the") or sent.t(b.j + 2) == "'s")  # "Hull's Tutu is the heroine's grandma"
        if len(b.text.split()) < 2 and fold(b.text) not in char_keys and not described:
            continue  # (a one-word role needs to be known, or described in a cast sentence: "A's Maeve, a blind oracle")
        if not ctx.looks_person(a.text):
            continue
        if fold(a.text) not in ctx.person_keys and not is_given_name(a.text.split()[0]) and len(b.text.split()) >= 2 \
                and (is_given_name(b.text.split()[0]) or fold(b.text) in ctx.person_keys):
            continue  # "American Psycho's Bill Sage": a title's possessive before its actor, an earlier credit
        work = work_ref(ctx, sent, 0, a.i)
        pm = ctx.person(a)
        cm = ctx.character(sent, b)
        ctx.performance(work, pm, cm, sent, 0.7)
    char_keys = _character_keys(ctx)  # the possessive portrayals above add characters
    for book, sent, i in ctx.pending_in_which:
        k = i
        while k < len(sent.toks):
            t = sent.t(k)
            f = fold(t)
            if is_cap(t) and f in char_keys:
                ctx.fact(book, "hasCharacter", char_keys[f], sent, 0.7)
            k += 1
    # a book whose author the text leaves implicit ("two of those books") is by the one author it names
    authors = {a for a in ctx.author_keys}
    full = [a for a in authors if " " in a]
    pending = getattr(ctx, "pending_authorless", [])
    if pending and len(full) == 1:
        author_m = next((m for m in ctx.mentions if m.type == "Person" and fold(m.name) == full[0]), None)
        if author_m is not None:
            for b, sent in pending:
                if isinstance(b, M) and b.type == "Novel" and re.search(r"\b(?:those|these|his|her|the author's)\s+(?:\w+\s+)?(?:books|novels)\b", sent.text):
                    ctx.fact(b, "author", author_m, sent, 0.6)
    # book series named after a character ("the Hal Brandt novels") has that character
    for m in list(ctx.mentions):
        if m.type == "BookSeries":
            core = getattr(m, "_char_name", None)
            if core and fold(core) in char_keys and " " in fold(core):
                sent = next((x for x in ctx.sents if x.start <= m.pos < x.end), None)
                if sent is not None:
                    ctx.fact(m, "hasCharacter", char_keys[fold(core)], sent, 0.7)
