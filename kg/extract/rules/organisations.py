"""Organisations: distributor, productionCompany (outside credit lists), employer.

Platforms are named by prepositions after distribution words ("exclusively on Prime
Video"), by possessives ("Netflix's hit series"), by "the <Org> series X", by the
announcer ("<Org> has renewed X", "X has been renewed, <Org> announced") and by a
description of a company named before ("the streamer also confirmed it has renewed X");
studios by "from <Org>", "under his <Org> banner", "<Org> thriller X" and a slate item's
"(6×60’, <Org>)"; employers by "<Name>, <job title> at/for <Org>" (or "at the cabler").
"""

from __future__ import annotations

import re

from ..grammar import (JOB_TITLE_HEADS, JOB_TITLE_WORDS, KIND_NOUNS, MAKER_NAME, ORG_WORDS, OUTLET_NOUNS, NATIONALITY, RANKS, WORK_NOUNS, Name, STOP_START,
                       is_cap, is_upper_word)
from ...names import fold
from ..context import NUMBERS, RENEW_RE
from .anchor import reads_as_person
from ..firstnames import is_given_name
from .people import described_person, list_before, resolve_pronoun, subject_names
from .roles import ROLE_WORDS
from .works import (WORK_NOUN_RE, appositive_subject, appositive_work, heading_work, listing_heading, located_earlier, locate_works, ordered_work,
                    title_after, work_mention, work_ref)


DIST_PREV = frozenset("exclusively only streaming stream streams available airs air airing globally premieres premiere "
                      "premiered premiering debuts debut debuting launches launch exclusive now watch streamer "
                      "worldwide episodes releasing arrives arriving".split())


ANNOUNCE_VERBS = re.compile(
    r"(?:today |also |officially |recently |just |jointly |has |have |will |is |had )*(?:announced|announces|renewed|renews|ordered|orders|"
    r"picked up|picks up|greenlit|greenlights|green-lit|will premiere|premieres|will release|releases|released|sets|set|"
    r"unveiled|unveils|revealed|reveals|confirmed|confirms|revived|revives|debuts|launches|will debut|will launch|"
    r"will stream|acquired|has acquired|landed|lands|gave|gives|given|giving|handed|hands|commissioned|commissions|"
    r"canceled|cancelled|cancels|axed|axes|nixed|scrapped)\b",
    re.I,
)


JOB_WORDS = re.compile(
    r"\b(?:head|president|ceo|coo|cfo|cco|cmo|chief|officer|director|vp|evp|svp|vice|executive|chair|chairman|"
    r"chairwoman|chairperson|founder|co-founder|partner|manager|producer|editor|programming|development|content|"
    r"co-heads?|heads|presidents|showrunner|publisher|principal|lead|leader|general|originals|global|senior|head of|managing|"
    r"commissioner|controller|strategy|marketing|television|series)\b",
    re.I,
)


#: A named day or holiday ("Lumen+ Day", "Christmas Eve", "Thanksgiving weekend"): a date, not a platform.
_DAY_NAME = re.compile(r"\s(?:Day|Eve|Weekend)$")
#: Words of the calendar that follow "on" and name no company (holidays too: "airs on Halloween").
_CALENDAR = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|"
                       r"August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                       r"Sunday|Fall|Spring|Summer|Winter|Halloween|Christmas|Thanksgiving|Easter|Boxing Day|New Year|Valentine)\b\.?")


#: A phrase of time or place that may open a sentence before its subject: "During the
#: 2019 summer press tour Saturday, <Org> announced ...".
_OPENING_PHRASE = re.compile(r"(?:During|At|On|In|Following|After|Ahead of|ahead of|Earlier|Today|Tonight|Meanwhile|According to|As per|"
                             r"As reported by)\b[^;.]{0,160}?,\s*(?=[A-Z“\"‘'])"
                             r"|(?:On|This|Next) (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(?=[A-Z])")  # "On Friday Lumen debuts ..."


#: A dateline's place in capitals and a dash before the subject: "MUMBAI—", "LOS ANGELES, Calif. – ".
_PLACE_DASH = re.compile(r"[A-Z][A-Z.' ]{3,30}(?:,\s*[A-Z][A-Za-z.]{1,12})?\s*(?:—|–|--|-)\s*(?=[A-Z0-9])")


#: The same before a subject in lower case ("On July 24, the network will ...").
_OPENING_PHRASE_ANY = re.compile(_OPENING_PHRASE.pattern.replace("(?=[A-Z])", ""))


#: Devices after a maker's name: "on Sony and Vizio smart TVs", "on Roku devices".
_HARDWARE = re.compile(r"(?:\s*(?:,|and|&|,\s*and)\s+[A-Z][\w+-]*(?:\s+[A-Z][\w+-]*)?){0,6}"
                       r"\s+(?:smart\s+)?(?:TVs?|televisions|devices?|phones?|tablets?|consoles?|players?|sticks?)\b")


#: A magazine's teaser and a spaced dash before the subject ("It's almost time to go back to the
#: island — Lumen has announced ..."), or a wire's or site's name and a spaced hyphen.
_TEASER_DASH = re.compile(r"[^—–;:.]{8,140}?\s[—–]\s(?=[A-Z])"
                          r"|[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*){0,2}(?:\s*\([A-Z][\w ]{1,20}\))?\s+-\s+(?=[A-Z])")  # "PanOrbis.Net - Kestrel has"


#: A list item's bullet before a sentence: "* CBS has renewed ...".
_BULLET = re.compile(r"\s*[*•●▪-]\s+")


def subject_start(sent):
    """The token a sentence's subject starts at: 0, or after a bullet, a dateline or a teaser and
    its dash, or after an opening phrase and its comma."""
    b = _BULLET.match(sent.doc_text, sent.start, sent.end) or _PLACE_DASH.match(sent.doc_text, sent.start, sent.end) \
        or _TEASER_DASH.match(sent.doc_text, sent.start, sent.end)
    start = b.end() if b else sent.start
    m = _OPENING_PHRASE.match(sent.doc_text, start, sent.end)
    return sent.tok_at(m.end() if m else start)


def announcer(ctx, sent, verb_tok, work):
    """ "<Org> has renewed X", "<Org> today announced that X ...", "During <event>, <Org>
    announced that X ...": the Org distributes X."""
    a = subject_start(sent)
    if sent.t(a) == "The" and sent.t(a + 1) in ("new", "newly") and is_cap(sent.t(a + 2)):
        a += 2  # "The new Kestrel Network today announced": the company after its description
    elif sent.t(a) == "The" and (kind := _OUTLET_KIND.match(ctx.text, sent.toks[a].end, sent.end)):
        a = sent.tok_at(kind.end())  # "The streaming platform Quarry announced that ...": the company after its kind
    name = sent.name_at(a, "org")
    if name is None:
        op = _OPENING_PHRASE_ANY.match(sent.doc_text, sent.start, sent.end)
        a = sent.tok_at(op.end()) if op else a
        if sent.t(a).lower() == "the" and sent.t(a + 1).lower() in ("network", "streamer", "channel", "cabler") \
                and re.match(r"\s+(?:will |also )*(?:premiere|debut|launch)", ctx.text[sent.toks[a + 1].end:sent.end]):
            org = outlet_named_before(ctx, sent)  # "On July 24, the network will premiere X": the company named before
            if org is not None:
                ctx.fact(work, "distributor", ctx.mention(org, "Organization", org.start), sent, 0.7)
        return
    if name.possessive or ctx.looks_person_strict(name.text) or ctx.is_work(name.text):
        return
    orgs = [name]
    after = name.j
    while sent.t(after) in ("and", "&") or (sent.t(after) == "," and is_cap(sent.t(after + 1)) and sent.t(after + 1) not in STOP_START):
        nxt = sent.name_at(after + 1, "org")
        if nxt is None or nxt.possessive or ctx.is_work(nxt.text):
            break
        orgs.append(nxt)
        after = nxt.j
    if sent.t(after) in ("network", "channel", "streamer") and sent.t(after + 1) != "," and sent.t(name.i) != "The" \
            and "-" not in name.text:
        after += 1  # "Velta network has renewed": the company, called by its kind
    if sent.t(after) == ",":
        # skip an appositive up to the verb
        if not re.search(r",\s*" + ANNOUNCE_VERBS.pattern, ctx.text[sent.toks[after].start:sent.end], re.I):
            return
    elif after >= len(sent.toks) or ANNOUNCE_VERBS.match(ctx.text, sent.toks[after].start, sent.end) is None \
            and _SAID_THAT.match(ctx.text, sent.toks[after].start, sent.end) is None \
            and _BY_ORDERING.match(ctx.text, sent.toks[after].start, sent.end) is None \
            and _GERUND_ORDER.match(ctx.text, sent.toks[after].start, sent.end) is None:
        return
    elif _DATED_DEBUT.match(ctx.text, sent.toks[after].start, sent.end):
        return  # "Ten-Episode Thriller Premieres May 22": what premieres on a date is the work
    works = [work] + listed_works_after(ctx, sent, work)  # "Orbis has renewed A, B and C": each of them
    for o in orgs:
        # "Lumen and Spiral Pictures have announced ...": a maker among the subjects produces it
        rel = "productionCompany" if len(orgs) > 1 and MAKER_NAME.search(o.text) and _ANNOUNCING.match(ctx.text, orgs[-1].end) \
            else "distributor"  # ("A Pictures and B Pictures will release X": both distribute)
        om = ctx.mention(o, "Organization", o.start)
        for w in works:
            ctx.fact(w, rel, om, sent, 0.75 if w is work else 0.7)


def listed_works_after(ctx, sent, work):
    """The works listed after a work mention in its sentence (see :func:`_renewed_together`)."""
    if not hasattr(work, "pos"):
        return []
    ws = locate_works(ctx, sent)
    at = next((x for x, w in enumerate(ws) if sent.toks[w[0]].start == work.pos), None)
    return [] if at is None else [work_mention(ctx, sent, *w) for w in _renewed_together(sent, ws[at:])]


#: A company's order told as the means of its verb: "Kestrel is rewarding its viewers by greenlighting ...".
_BY_ORDERING = re.compile(r"(?:is|was|has been)\s+[a-z]+ing\b[^.;,]{0,50}?\bby\s+(?:greenlighting|green-lighting|renewing|ordering|commissioning)\b")
#: The verb of companies announcing news together (not releasing a film): "have announced plans".
_ANNOUNCING = re.compile(r"\s*(?:(?:have|has|today|also|jointly|officially)\s+)*(?:announced|unveiled|confirmed|revealed)\b")
#: An order told in a participle after the subject's clause: "Kestrel has wrapped up its orders, picking up ...".
_GERUND_ORDER = re.compile(r"[^.;:]{0,80},\s+(?:picking\s+up|ordering|renewing|greenlighting|green-lighting|commissioning|"
                           r"cancell?ing|axing|nixing|scrapping)\b")
#: A company reporting its own news: "Halden said on Friday that X is coming back".
_SAID_THAT = re.compile(r"(?:also |today )?(?:said|says)(?:\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\s+today)?\s+that\b")
#: An intransitive premiere verb and its date: "premieres May 22", "debuts on Friday, June 5".
_DATED_DEBUT = re.compile(r"(?:will )?(?:premieres?|debuts?|launch(?:es)?)\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
                          r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d", re.I)


#: A distribution verb close before "on", with no punctuation between.
_DIST_NEAR = re.compile(
    r"\b(?:air(?:s|ed|ing)?|stream(?:s|ed|ing)?|premier(?:e|es|ed|ing)|debut(?:s|ed|ing)?|launch(?:es|ed|ing)?|"
    r"available|exclusively|return(?:s|ed|ing)?|catch|watch)\b[^,.;:()]{0,25}$",  # ("Viewers can catch Season 1 on X")
    re.I,
)
#: A time slot just before "on": "at 10 p.m. on Showtime", "(10 ET/PT on KVX)", "9/8c on NBC",
#: "at 10 p.m. ET/PT on KVX".
_SLOT_TIME = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?(?:\s*(?:[ECMP]T|[ECMP]T/[ECMP]T))?|[ECMP]T|[ECMP]T/[ECMP]T|/\d{1,2}c|c)\s+$", re.I)
#: "<Org> and <Org> produce." / "Thistle Films produces the series" / "<Org> is the production company"
_COMPANIES_PRODUCE = re.compile(r"\s+(?:(?:also\s+)?(?:co-)?produces?|(?:is|are|serves as|serve as)\s+(?:the\s+)?(?:lead\s+)?(?:production\s+compan(?:y|ies)|producers?|studios?))"
                                r"(?:\s+(?:the|this|of the|for the|on the|behind the)\s+(?:series|show|film|drama|comedy|project))?\s*(?:[.;,]|$)", re.I)
#: "A, which produces the series with B": B co-produces it.
_PRODUCES_WITH = re.compile(r"\b(?:co-)?produc(?:es?|ing)\s+(?:the|this)\s+(?:series|show|film|drama|comedy|project)\s+with\s+(?=[A-Z])", re.I)
#: "Lindqvist and Oduya produce through their company, Thistle Films"
_THROUGH_COMPANY = re.compile(r"\b(?:produces?|produced|works?|worked)\s+(?:the\s+series\s+)?(?:through|via|under)\s+(?:their|his|her)\s+"
                              r"(?:own\s+)?(?:company|companies|banner|shingle|production company)\s*,?\s*", re.I)


#: "under his Half-Light Productions banner", "Under the Ironvale banner,".
_UNDER_BANNER = re.compile(r"\b[Uu]nder (?P<det>the|his|her|their) (?=[A-Z0-9])")
#: The verb of producing a banner follows: "Marquez is producing The Wickening under his X banner".
_PRODUCING = re.compile(r"\b(?:(?:is|are|was|were|will be) )?(?:also )?(?:producing|produces|produce|produced)\b[^.;]{0,60}$", re.I)


def _under_banner(ctx, sent):
    """ "Marquez is producing The Wickening under his Half-Light Productions banner", "Under the
    Ironvale banner, the movie ...": the banner's company produces the work (and employs the
    subject whose banner it is)."""
    text = ctx.text
    for m in _UNDER_BANNER.finditer(text, sent.start, sent.end):
        o = org_at(sent, sent.tok_at(m.end()))
        if o is None or o.possessive or sent.t(o.j).lower() not in ("banner", "shingle", "label") \
                or ctx.is_work(o.text) or ctx.looks_person_strict(o.text):
            continue
        verb = _PRODUCING.search(text, sent.start, m.start())
        opening = sent.tok_at(m.start()) == subject_start(sent) and sent.t(o.j + 1) == ","
        if verb is None and not opening:
            continue
        om = ctx.mention(o, "Organization", o.start)
        if verb is not None:
            a = sent.tok_at(verb.start())
            works = [w for w in locate_works(ctx, sent) if a <= w[0] < sent.tok_at(m.start())]
            work = work_mention(ctx, sent, *works[0]) if works else work_ref(ctx, sent, 0, len(sent.toks))
        else:  # "Under the X banner, the movie ...": the subject after the comma
            works = [w for w in locate_works(ctx, sent) if w[0] in (o.j + 2, o.j + 3)]
            work = work_mention(ctx, sent, *works[0]) if works else work_ref(ctx, sent, 0, 0)
        ctx.fact(work, "productionCompany", om, sent, 0.75)
        if verb is not None and m.group("det") != "the":
            subj, _ = subject_names(ctx, sent, a)
            for p in subj if not isinstance(subj, str) else []:
                if isinstance(p, str) or ctx.looks_org(p.text) or ctx.is_work(p.text):
                    continue
                while p.j - p.i > 1 and ("/" in sent.t(p.i) or sent.t(p.i).lower() in JOB_TITLE_WORDS):
                    b = p.i + 1 + (sent.t(p.i + 1) in ("/", "-") and p.j - p.i > 2)  # "Writer/director Marquez"
                    p = Name(b, p.j, sent.toks[b].start, p.end, sent.doc_text[sent.toks[b].start:p.end], [], False)
                ctx.fact(ctx.person(p), "employer", om, sent, 0.75)


_IN_DEVELOPMENT_AT = re.compile(r"\bin (?:development|the works) at\s+(?=[A-Z])", re.I)


def _in_development_at(ctx, sent):
    """ "it is now in development at Vistaplay Pictures": the company developing the work makes it."""
    for m in _IN_DEVELOPMENT_AT.finditer(ctx.text, sent.start, sent.end):
        if re.search(r"\b(?:was|were|once|previously|originally|had been|formerly)\b[^,;]{0,20}$", ctx.text[max(sent.start, m.start() - 40):m.start()]):
            continue  # "which was once in development at ABC": an earlier home, not its maker
        k = sent.tok_at(m.end())
        org = org_at(sent, k)
        if org is None or org.possessive or ctx.is_work(org.text) or reads_as_person(ctx, org.text) \
                or fold(org.text) in ctx.person_keys:
            continue
        work = work_ref(ctx, sent, 0, sent.tok_at(m.start()))
        ctx.fact(work, "productionCompany", ctx.mention(org, "Organization", org.start), sent, 0.7)


def rule_companies(ctx, sent):
    """Production companies named as the subject of "produce", or "through their company, X"."""
    text = ctx.text
    low = sent.text.lower()
    if "banner" in low or "shingle" in low:
        _under_banner(ctx, sent)
    if "in development at" in low or "in the works at" in low:
        _in_development_at(ctx, sent)
    if "produc" not in low and "studio" not in low:
        return
    for m in _COMPANIES_PRODUCE.finditer(text, sent.start, sent.end):
        j = sent.tok_before(m.start())
        names = []
        i = j
        while i > 0:
            n = sent.name_before(i, "org")
            if n is None or n.possessive:
                break
            names.insert(0, n)
            i = n.i
            if sent.t(i - 1) in ("and", "&", ","):
                i -= 1 + (sent.t(i - 2) == "," and sent.t(i - 1) in ("and", "&"))
                continue
            break
        if not names or not all(ctx.looks_org(n.text) for n in names):
            continue
        work = work_ref(ctx, sent, 0, len(sent.toks))
        # "Pratt and Lomax's Curious Tangent Studios produces": their company
        owners = []
        if sent.t(i - 1) in ("'s", "'"):
            owner = sent.name_before(i - 1, "name")
            if owner is not None:
                owners = list_before(ctx, sent, owner, always=True)
        for n in names:
            om = ctx.mention(n, "Organization", n.start)
            ctx.fact(work, "productionCompany", om, sent, 0.8)
            for p in owners:
                ctx.fact(ctx.person(p), "employer", om, sent, 0.75)
    for m in _PRODUCES_WITH.finditer(text, sent.start, sent.end):
        company = org_at(sent, sent.tok_at(m.end()))
        if company is not None and not company.possessive and ctx.looks_org(company.text) and not ctx.is_work(company.text):
            ctx.fact(work_ref(ctx, sent, 0, len(sent.toks)), "productionCompany", ctx.mention(company, "Organization", company.start), sent, 0.75)
    for m in _THROUGH_COMPANY.finditer(text, sent.start, sent.end):
        k = sent.tok_at(m.end())
        company = org_at(sent, k)
        if company is None or company.possessive:
            continue
        subj, _ = subject_names(ctx, sent, sent.tok_before(m.start()))
        if isinstance(subj, str):
            subj = resolve_pronoun(ctx, sent, sent.tok_before(m.start()), subj)
        om = ctx.mention(company, "Organization", company.start)
        ctx.fact(work_ref(ctx, sent, 0, len(sent.toks)), "productionCompany", om, sent, 0.8)
        for p in subj:
            if not isinstance(p, str) and not ctx.looks_org(p.text):
                ctx.fact(ctx.person(p), "employer", om, sent, 0.8)


#: "on the rival service Lumen", "on the streaming platform Corvane+": a company named by its kind.
_OUTLET_KIND = re.compile(r"\s*(?:[a-z-]+\s+){0,2}(?:service|streamer|network|channel|platform|cabler|broadcaster)\s+(?=[A-Z])")


#: A company's verb of showing with the work as its object: "VTV AMERICA and RNC will simulcast
#: the second season of Quiet Knives", "Lumen will stream all episodes of X".
_SHOWS_VERB = re.compile(r"\b(?:will |to |also |now )*(?:simulcast|simulcasts|air|airs|stream|streams|carry|carries|broadcast|broadcasts)\s+"
                         r"(?:(?:the |its |all |new )?(?:[\w-]+ )?(?:season|seasons|episodes|installment|series) of\s+)?(?=[“\"‘A-Z])")


def _shows_object(ctx, sent):
    """ "<Org> (and <Org>) will simulcast/air/stream [the Nth season of] X": the subject
    companies distribute X."""
    for m in _SHOWS_VERB.finditer(ctx.text, sent.start, sent.end):
        v = sent.tok_at(m.start())
        works = [w for w in locate_works(ctx, sent) if w[0] in (sent.tok_at(m.end()), sent.tok_at(m.end()) + 1)]
        if not works:
            continue
        orgs = []
        b = v
        while b > 0:
            o = sent.name_before(b, "org")
            if o is None or o.possessive or ctx.is_work(o.text) or ctx.looks_person_strict(o.text) or fold(o.text) in ctx.person_keys \
                    or not (ctx.looks_org(o.text) or fold(o.text) in ctx.org_keys or o.text.isupper()):
                break
            orgs.append(o)
            b = o.i
            if sent.t(b - 1) in ("and", "&"):
                b -= 1
                continue
            break
        w = work_mention(ctx, sent, *works[0])
        for o in orgs:
            ctx.fact(w, "distributor", ctx.mention(o, "Organization", o.start), sent, 0.75)


#: A work the subject calls its own: "its drama Harrowgate", "their upcoming limited series “X”".
#: ("its upcoming Nightfall prequel series The Ashgroves": a parent's name among the modifiers.)
_ITS_WORK = re.compile(r"\b(its|their)\s+(?:[a-z][\w-]*\s+|[A-Z][\w-]*\s+(?=[a-z])){0,3}?(?:%s)\s+(?:of\s+)?(?=[“\"‘A-Z])" % WORK_NOUNS)
#: A company reporting its own work in a clause: "... when Orbis announced that its hit reboot of X".
_SAID_THAT_ITS = re.compile(r"\s+(?:today\s+|also\s+|has\s+|had\s+)?(?:announced|said|confirmed|revealed)(?:\s+(?:today|on\s+\w+day))?\s+that\s+(?=its\s|their\s)")
#: What ends the subject's clause before its "its": another clause, whose "its" may be another's.
_OTHER_CLAUSE = re.compile(r"[;:(]|\b(?:which|who|whose|while|whereas|but|after|when|as|that)\b|[”\"],|,\s+(?:and|but|with)\s")


#: A company's label for its own works: "the next international Viaplay Original" ("Original" in
#: capitals: a brand, not the adjective).
_BRANDED_ORIGINAL = re.compile(r"\b(?:the|a|an)\s+(?:(?:next|new|latest|first|second|third|international|local|upcoming)\s+){0,3}"
                               r"(?P<org>(?-i:[A-Z])[\w+&.-]*(?:\s(?-i:[A-Z])[\w+&.-]*){0,2})\s+Originals?\b(?P<kind>\s+[a-z]+)?")


def _branded_original(ctx, sent):
    """ "X will be the next international Viaplay Original": the company whose label the work
    carries shows it."""
    for m in _BRANDED_ORIGINAL.finditer(ctx.text, sent.start, sent.end):
        if m.group("kind") or not re.search(r"\b(?:be|is|was|as|becomes?)\s+$", ctx.text[max(sent.start, m.start() - 12):m.start()]):
            continue  # only the label as a predicate ("X will be the next Viaplay Original"), not "the Orbis Original drama"
        i, j = sent.tok_at(m.start("org")), sent.tok_before(m.end("org")) + 1
        org = Name(i, j, m.start("org"), m.end("org"), m.group("org"), [], False)
        if ctx.is_work(org.text) or reads_as_person(ctx, org.text) or MAKER_NAME.search(org.text) or org.text in STOP_START:
            continue
        ctx.fact(work_ref(ctx, sent, 0, i), "distributor", ctx.mention(org, "Organization", org.start), sent, 0.7)


def _subject_its_work(ctx, sent):
    """ "Lumen has added six actors to the cast of its drama Harrowgate", "Orbis has enlisted A
    and B for its limited series X": the company the sentence opens on shows the work it
    calls its own (a maker's name, "Tideway Studios", makes it instead: left to the credit rules)."""
    org = sent.name_at(subject_start(sent), "org")
    if org is None or _SAID_THAT_ITS.match(ctx.text, org.end, sent.end) is None:
        # "Fans got good news when Orbis announced that its ...": the subject of the clause
        clause = next((k for k in range(1, len(sent.toks)) if is_cap(sent.t(k)) and not is_cap(sent.t(k - 1))
                       and (n := sent.name_at(k, "org")) is not None and _SAID_THAT_ITS.match(ctx.text, n.end, sent.end)), None)
        org = sent.name_at(clause, "org") if clause is not None else org
    if org is None or org.possessive or ctx.is_work(org.text) or ctx.looks_person_strict(org.text) \
            or fold(org.text) in ctx.person_keys or reads_as_person(ctx, org.text) or MAKER_NAME.search(org.text) \
            or org.text.split()[0] in STOP_START or not re.match(r"\s+(?:[a-z]+ ){0,3}?[a-z]+(?:ed|s)\b", ctx.text[org.end:sent.end]):
        return
    said = _SAID_THAT_ITS.match(ctx.text, org.end, sent.end)
    for m in _ITS_WORK.finditer(ctx.text, org.end, sent.end):
        if _OTHER_CLAUSE.search(ctx.text, said.end() if said else org.end, m.start()):
            return
        if m.group(1) == "their" and not (fold(org.text) in ctx.org_keys or ctx.looks_org(org.text)):
            return  # "A and B have joined their new series": people's
        if re.search(r"\b(?:earlier|previous|former|past|last|other|older)\b", m.group()):
            return  # "its earlier series “Coldwater Bay” on the rival service Lumen": shown elsewhere, perhaps
        k = sent.tok_at(m.end())
        works = [w for w in locate_works(ctx, sent) if w[0] in (k, k + 1)]
        if works:
            ctx.fact(work_mention(ctx, sent, *works[0]), "distributor", ctx.mention(org, "Organization", org.start), sent, 0.7)
        return


#: Between a work and "on the ... network <Org>": a relative clause of showing ("”, which first aired").
_AIRED_CLAUSE = re.compile(r"[”\"’]?,?[”\"’]?\s*(?:which|that|where it)\s+(?:[a-z]+\s+){0,2}(?:aired|streamed|premiered|debuted|ran|launched)\s*")


#: A time after a platform's name: "coming to Lumen this Friday", "arriving to Lumen on June 24".
_WHEN_AFTER = re.compile(r"\s+(?:(?:this|next|on|in|from|starting)\s+)?(?:" + _CALENDAR.pattern + r"|\d{1,2}\s+(?-i:[A-Z])[a-z]+\b)", re.I)
#: A movement to a platform just before "to": "coming soon to", "headed to", "moves to".
_HEADED_TO = re.compile(r"\b(?:coming|comes|come|headed|heading|heads|moving|moves|arriving|arrives)\s+"
                        r"(?:(?:soon|exclusively|only|back|later this year)\s+)?$", re.I)


def _on_the_outlet(ctx, sent, k):
    """ "“Coldwater Bay” on the rival service Lumen": the work before "on" is shown by the company
    the outlet noun introduces."""
    m = _OUTLET_KIND.match(ctx.text, sent.toks[k + 1].end, sent.end)
    if m is None:
        # "will stream on the BBC iPlayer", "available on the Lumen app": the platform itself, after "the"
        name = org_at(sent, k + 2) if is_cap(sent.t(k + 2)) else None
        if name is not None and not name.possessive and not ctx.is_work(name.text) and not ctx.looks_person_strict(name.text) \
                and (fold(name.text) in ctx.org_keys or ctx.looks_org(name.text) or is_upper_word(name.text.split()[0])) \
                and (sent.t(k - 1).lower() in DIST_PREV or _DIST_NEAR.search(ctx.text, max(sent.start, sent.toks[k].start - 32), sent.toks[k].start)):
            work = appositive_subject(ctx, sent, k) or work_ref(ctx, sent, 0, k)
            ctx.fact(work, "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)
        return
    name = org_at(sent, sent.tok_at(m.end()))
    if name is None or name.possessive or ctx.is_work(name.text) or ctx.looks_person_strict(name.text):
        return
    works = [w for w in locate_works(ctx, sent) if w[1] <= k]
    if works and (works[-1][1] >= k - 1 or _AIRED_CLAUSE.fullmatch(ctx.text, sent.toks[works[-1][1]].start, sent.toks[k].start)):
        ctx.fact(work_mention(ctx, sent, *works[-1]), "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)


#: Between a title and "from <Org>": "X is from", "“X,” from", "X (10×60’), from", "X, also from".
_TITLE_TO_FROM = re.compile(r"[”\"’']?,?[”\"’']?\s*(?:\([^()]{1,30}\)\s*)?,?\s*(?:is |was |are |comes |come |also )*$")
#: A description before "from": "a dark comedy series from", "Dusty comes from".
_FROM_NOUN = re.compile(r"\b(?:series|drama|show|comedy|film|movie|thriller|adaptation|project|production|comes|come|hails|hail)(?:\s+(?:is|are|was|will be))?\s*$", re.I)
#: Where a list item that ends in "from <Org>" begins: "; and drama Kinsale, headlined by ..., also from".
_ITEM_START = frozenset("; : up".split())


def _company_list(ctx, sent, first, known=False):
    """ "A, B, and C", "A and B": the companies listed from ``first`` on; an item after a comma
    must look like a company or lead on to the list's "and" (unless the construction is
    ``known`` to list companies)."""
    orgs = [first]
    o = first
    while True:
        sep, step = sent.t(o.j), o.j + 1
        if sep == "," and sent.t(step) in ("and", "&"):
            step += 1
        elif sep not in ("and", "&", ","):
            break
        nxt = org_at(sent, step) if is_cap(sent.t(step)) else None
        if nxt is None or nxt.possessive or ctx.is_work(nxt.text) and not known or ctx.looks_person_strict(nxt.text):
            break
        after = sent.t(nxt.j)
        if sep == "," and after.islower() and JOB_WORDS.fullmatch(after):
            break  # "from A, Northgate chief programming officer D said": the next clause's employer
        listed = known or after in ("and", "&") or after == "," and sent.t(nxt.j + 1) in ("and", "&")
        if not ctx.looks_org(nxt.text) and not (listed or step > o.j + 1 and after in (".", ";", "")):
            break
        orgs.append(nxt)
        o = nxt
    return orgs


def _listed_with_companies(ctx, sent, name):
    """ "from KBX Universal, David Ecker Productions, and R.T.Q.": a name no one's, first in a list
    whose other items are companies, is one too."""
    if reads_as_person(ctx, name.text) or fold(name.text) in ctx.person_keys:
        return False
    rest = _company_list(ctx, sent, name)[1:]
    return bool(rest) and any(ctx.looks_org(o.text) for o in rest)


def _from_companies(ctx, sent, k, name):
    """ "'Navy Sisters,' from The Mark Gallow Company and Cornerstone Television", "Wayfarer,
    from 40th Avenue Television, stars", "Dusty comes from A, B, and C.", "a dark comedy
    series from A and B, Balmy Evenings", "drama Kinsale, headlined by R, also from Tallis TV;": the
    companies a work comes from produce it."""
    text = ctx.text
    tok = sent.toks[k]
    orgs = _company_list(ctx, sent, name)
    last = orgs[-1]
    works = locate_works(ctx, sent)
    titled = [w for w in works if k - 8 <= w[1] <= k and _TITLE_TO_FROM.fullmatch(text, sent.toks[w[1] - 1].end, tok.start)]
    work = None
    if titled:
        work = work_mention(ctx, sent, *titled[-1])
    described = _FROM_NOUN.search(text, max(sent.start, tok.start - 30), tok.start)
    if work is None and described and sent.t(last.j) == "," and is_cap(sent.t(last.j + 1)):
        # "a dark comedy series from A and B, Balmy Evenings;": the title after the companies
        t = title_after(sent, last.j + 1)
        if t is not None and not t.possessive and sent.t(t.j) in (";", ".", "") and not ctx.looks_org(t.text) \
                and not ctx.looks_person_strict(t.text) and not reads_as_person(ctx, t.text):
            work = ctx.mention(t, "Work", t.start)
    if work is None and described and described.group().lower().startswith("come"):
        # "Dusty comes from ...": the sentence's subject, a title the text names nowhere else
        a = subject_start(sent)
        t = title_after(sent, a)
        if t is not None and t.j == sent.tok_at(described.start()) and not t.possessive and not ctx.looks_org(t.text) \
                and fold(t.text) not in ctx.person_keys and not ctx.looks_person_strict(t.text):
            work = ctx.mention(t, "Work", t.start)
    if work is None and sent.t(last.j) in (";", ".", "") and sent.t(k - 1) in (",", "also"):
        # "...; and drama Kinsale, headlined by R, also from Tallis TV;": the item's first work
        b = k - 1
        while b > 0 and sent.t(b - 1) not in _ITEM_START:
            b -= 1
        item = [w for w in works if b <= w[0] < k and not located_earlier(sent, w[0], w[1])]
        if item:
            work = work_mention(ctx, sent, *item[0])
    if work is None:
        if not described:
            return
        work = appositive_work(ctx, sent, k) or work_ref(ctx, sent, 0, k)
    for o in orgs:
        ctx.fact(work, "productionCompany", ctx.mention(o, "Organization", o.start), sent, 0.75)


def _from_opening(ctx, sent, k):
    """ "From RNC Studios, Into the Saltlands was created by ...", "From A and B, the series
    follows ...": companies in an opening phrase produce the subject after its comma."""
    first = org_at(sent, k + 1)
    if first is None or first.possessive or not ctx.looks_org(first.text) or ctx.looks_person_strict(first.text):
        return
    orgs = _company_list(ctx, sent, first)
    c = orgs[-1].j
    if sent.t(c) != ",":
        return
    works = [w for w in locate_works(ctx, sent) if w[0] in (c + 1, c + 2)]
    if works:
        work = work_mention(ctx, sent, *works[0])
    elif sent.t(c + 1).lower() in ("the", "this") and sent.t(c + 2).lower() in KIND_NOUNS:
        work = work_ref(ctx, sent, 0, 0)  # "From A, the series follows": the text's work
    else:
        return
    for o in orgs:
        ctx.fact(work, "productionCompany", ctx.mention(o, "Organization", o.start), sent, 0.75)


def _a_surname(ctx, text):
    """A one-word name met before as a person, alone or ending a full name ("Halloran" of
    "co-created by Halloran", of "Taylor Halloran"); the first word of a longer name does not
    count (a company's name opens many spans misread as people)."""
    f = fold(text)
    if " " in f or f not in ctx.person_keys:
        return False
    return any(m.type == "Person" and (g == f or g.endswith(" " + f)) for m in ctx.mentions for g in (fold(m.name),))


#: "The VX and Rokka co-commission, Old Dog / New Dog": companies that commission a work show it.
_CO_COMMISSION = re.compile(r"\s+(?:co-)?commission,\s+(?=[“\"‘A-Z])")


def _commissioners(ctx, sent):
    """ "A and B co-commission, X": the companies named before "(co-)commission" show X."""
    for m in _CO_COMMISSION.finditer(ctx.text, sent.start, sent.end):
        first = sent.name_before(sent.tok_at(m.start() + 1), "org")
        if first is None:
            continue
        b = first.i
        while sent.t(b - 1) in ("and", "&") and is_cap(sent.t(b - 2)):
            o = sent.name_before(b - 1, "org")
            if o is None:
                break
            b = o.i
        orgs = _company_list(ctx, sent, org_at(sent, b), known=True) if org_at(sent, b) is not None else []
        t = title_after(sent, sent.tok_at(m.end()))
        if not orgs or t is None or t.possessive or reads_as_person(ctx, t.text) or ctx.looks_org(t.text):
            continue
        w = ctx.mention(t, "Work", t.start)
        for o in orgs:  # companies, though a lineup reader took them for titles
            if not o.possessive and not ctx.looks_person_strict(o.text):
                ctx.fact(w, "distributor", ctx.mention(o, "Organization", o.start), sent, 0.75)


#: Words that cannot stand between a company and a work's kind.
_NOT_KIND_WORDS = frozenset("the a an its their his her our this that these those of for in on at to from with by after before "
                            "and or but has have had is was are were will would also said says as than into about over "
                            "head chief president".split())


def _channel_of(ctx, name_text):
    """ "KBX Three", "RTV2", "KBX Two": an acronym and a channel's number, or a known company's
    acronym and one more word."""
    words = name_text.split()
    return len(words) == 2 and words[0].isupper() and len(words[0]) <= 5 \
        and (fold(words[0]) in ctx.org_keys or words[1].lower() in NUMBERS or words[1].isdigit())


#: Words that open a description of a work before its title: "another KBX1 medical drama, Wardside".
_DESCRIPTION_OPENERS = frozenset("the another a an his her their its".split())
#: Nouns that end such a description: the kinds of work, and what trade prose calls a show.
_DESCRIPTION_NOUNS = KIND_NOUNS | frozenset("hit original procedural adaptation reboot revival".split())


#: A nationality and a medium: "Spanish TV", "Korean television", "British film" describe, not name.
_NATIONAL_MEDIUM = re.compile(r"[A-Z][a-z]+(?:an|ish|ese|ic|i|ch)\s+(?:TV|Television|television|film|Film|cinema)")


def described_work(ctx, sent, i):
    """ "the KBX1 medical drama Wardside", "another Corvane procedural, The Ward", "his Lumen hit,
    Red Hollow", "Lumen's legal drama Tall Order": a title after a description made of an opening
    word, a company (optional), lower-case words and a kind of work, from token ``i``.

    Returns (title, company or None), or None. The company is kept only when the text knows it as
    one or it is shaped like one, so "the Jane Roe legal drama" names no company.
    """
    j = i + (sent.t(i).lower() in _DESCRIPTION_OPENERS)
    if j > i:
        while j < i + 3 and re.fullmatch(r"[a-z]+(?:-[a-z]+)+|one|new|former|hit|popular|acclaimed", sent.t(j)) and is_cap(sent.t(j + 1)):
            j += 1  # "the one-season ABC procedural": words before the company
    org = None
    if is_cap(sent.t(j)):
        n = org_at(sent, j)
        if n is None or ctx.is_work(n.text):
            return None
        if ctx.looks_person_strict(n.text) or reads_as_person(ctx, n.text):
            if n.possessive:
                return None  # "the Jane Roe legal drama Wardside" names no company; "Jane Roe's drama" is hers
            j = n.j
        elif fold(n.text) in ctx.org_keys or ctx.looks_org(n.text) or _channel_of(ctx, n.text):
            org, j = n, n.j + n.possessive
        else:
            return None
    elif j == i:
        return None  # a description opens on a determiner or a company
    k = j
    while k < j + 4 and re.fullmatch(r"[a-z]+(?:-[a-z]+)*|TV", sent.t(k)) and sent.t(k) not in _DESCRIPTION_NOUNS:
        k += 1
    if sent.t(k) in _DESCRIPTION_NOUNS:
        k += sent.t(k + 1) in KIND_NOUNS  # "comedy series"
    elif org is not None and org.possessive and sent.t(org.j) == "'s" and (is_cap(sent.t(j)) or sent.t(j) in ("“", '"', "‘")):
        k = j - 1  # "Lumen's Tall Order": the title right after the possessive (not "the Critics' Association")
    else:
        return None
    k += 1 + (sent.t(k + 1) == ",")
    title = title_after(sent, k) if is_cap(sent.t(k)) or sent.t(k) in ("“", '"', "‘") else None
    if title is None or title.possessive or ctx.looks_org(title.text) or ctx.looks_person_strict(title.text) \
            or fold(title.text) in ctx.person_keys or reads_as_person(ctx, title.text):
        return None
    return title, org


def _national_label(text):
    """Whether a name is a country's adjective, alone or with a label ("Polish", "Spanish Original"),
    not a company's name."""
    words = text.split()
    return bool(NATIONALITY.fullmatch(words[0])) and (len(words) == 1 or len(words) == 2 and words[1] in ("Original", "Originals"))


def _described_works(ctx, sent):
    """ "who played Ann in another KBX1 medical drama, Wardside", "his Lumen hit, Red Hollow":
    the company in a work's description shows it, or makes it when its name says it is a maker."""
    for k, tok in enumerate(sent.toks):
        if tok.text.lower() in _DESCRIPTION_OPENERS and (is_cap(sent.t(k + 1)) or is_cap(sent.t(k + 2))):
            found = described_work(ctx, sent, k)
            if found is not None and found[1] is not None:
                title, org = found
                if _national_label(org.text):
                    continue  # "the Polish Original series X": a country's label, no company
                rel = "productionCompany" if MAKER_NAME.search(org.text) else "distributor"
                ctx.fact(ctx.mention(title, "Work", title.start), rel, ctx.mention(org, "Organization", org.start), sent, 0.7)
            elif found is None and tok.text in ("the", "The") and (sent.t(k - 1) == "of" or k == subject_start(sent)):
                _described_reference(ctx, sent, k)


def _described_reference(ctx, sent, k):
    """ "in Season 2 of the Kestrel spy thriller.", "The Lumen drama stars ...": a description
    of the text's work by its company and kind, with no title after it, names the company that
    shows it."""
    n = org_at(sent, k + 1) if is_cap(sent.t(k + 1)) else None
    if n is None or n.possessive or ctx.is_work(n.text) or ctx.looks_person_strict(n.text) or reads_as_person(ctx, n.text) \
            or not (fold(n.text) in ctx.org_keys or _channel_of(ctx, n.text)):
        return
    j = n.j
    while j < n.j + 3 and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", sent.t(j)) and sent.t(j) not in KIND_NOUNS:
        j += 1
    if sent.t(j) not in KIND_NOUNS or is_cap(sent.t(j + 1)) or sent.t(j + 1) in ("“", '"', "‘", "'s"):
        return
    work = work_ref(ctx, sent, 0, k) if sent.t(k - 1) == "of" else work_ref(ctx, sent, 0, 0)
    rel = "productionCompany" if MAKER_NAME.search(n.text) else "distributor"
    ctx.fact(work, rel, ctx.mention(n, "Organization", n.start), sent, 0.65)


def _company_genre_title(ctx, sent):
    """ "Pebblestone Pictures psychological crime drama Lasting Harm", "HBO drama X": a
    company, lower-case words of kind and a title: a maker's name produces the work, any other
    company's shows it."""
    toks = sent.toks
    kinds = [j for j in range(2, len(toks) - 1) if toks[j].text in KIND_NOUNS]
    if not kinds:
        return  # most sentences name no kind of work
    for k in range(max(0, kinds[0] - 7), kinds[-1] - 1):
        if not is_cap(sent.t(k)) or k and (is_cap(sent.t(k - 1)) and not (k == 1 and sent.t(0) == "This")
                                           or sent.t(k - 1) in ("'s", "'", "the", "The")):
            continue  # "the HBO series X" is read by rule_distribution
        org = org_at(sent, k)
        if org is None or org.possessive or not (ctx.looks_org(org.text) or _channel_of(ctx, org.text)) or ctx.is_work(org.text) \
                or ctx.looks_person_strict(org.text) or reads_as_person(ctx, org.text) and not MAKER_NAME.search(org.text):
            continue
        j = org.j
        while j < org.j + 3 and re.fullmatch(r"[a-z]+(?:-[a-z]+)?", sent.t(j)) and sent.t(j) not in KIND_NOUNS:
            w = sent.t(j)
            if w in _NOT_KIND_WORDS or w.endswith("ed") and "-" not in w and w not in ("limited", "animated", "scripted") \
                    or ANNOUNCE_VERBS.fullmatch(w):
                break  # "CBS has renewed the daytime show X", "Lanternfish head of drama", "X TV orders comedy Y": a clause, not a kind
            j += 1
        if sent.t(j) in KIND_NOUNS and sent.t(j + 1) in KIND_NOUNS:
            j += 1  # "KBX comedy series Jestmen": a kind of two nouns
        if sent.t(j) in KIND_NOUNS and k == 1 and sent.t(0) == "This" and sent.t(j + 1)[:1].islower():
            # "This KBX One romantic thriller starring A tells ...": the work the sentence is about
            rel = "productionCompany" if MAKER_NAME.search(org.text) else "distributor"
            ctx.fact(work_ref(ctx, sent, 0, 0), rel, ctx.mention(org, "Organization", org.start), sent, 0.7)
            continue
        if sent.t(j) not in KIND_NOUNS or not is_cap(sent.t(j + 1)) and sent.t(j + 1) not in ("“", '"', "‘"):
            continue
        t = title_after(sent, j + 1)
        if t is None or t.possessive or ctx.looks_org(t.text) or ctx.looks_person_strict(t.text) \
                or reads_as_person(ctx, t.text) and "'s " not in t.text:
            continue  # "KBX Two comedy Charlie Brannock's Weekly Sweep": a person's possessive opens the title
        rel = "productionCompany" if MAKER_NAME.search(org.text) else "distributor"
        ctx.fact(ctx.mention(t, "Work", t.start), rel, ctx.mention(org, "Organization", org.start), sent, 0.7)


#: A slate's parenthesis of format and makers: "Brambling (3×60’, Rhombic Media and Zeller Films)".
_FORMAT_MAKERS = re.compile(r"\(\s*\d+\s*[x×]\s*\d+(?:''|[’'′″\"])?\s*,\s*(?=[A-Z0-9])")


def _format_parenthesis(ctx, sent):
    """ "Brambling (3×60’, Rhombic Media and Zeller Films)": the companies after a work's
    episode format, in its parenthesis, produce it."""
    for m in _FORMAT_MAKERS.finditer(ctx.text, sent.start, sent.end):
        p = sent.tok_at(m.start())
        works = [w for w in locate_works(ctx, sent) if w[1] == p]
        t = None if works else sent.name_before(p, "title")
        if works:
            work = work_mention(ctx, sent, *works[0])
        elif t is not None and not t.possessive and not ctx.looks_org(t.text) and not ctx.looks_person_strict(t.text) \
                and not reads_as_person(ctx, t.text):
            work = ctx.mention(t, "Work", t.start)
        else:
            continue
        first = org_at(sent, sent.tok_at(m.end()))
        if first is None or first.possessive or not ctx.looks_org(first.text):
            continue
        orgs = _company_list(ctx, sent, first)
        if sent.t(orgs[-1].j) != ")":
            continue
        for o in orgs:
            ctx.fact(work, "productionCompany", ctx.mention(o, "Organization", o.start), sent, 0.75)


def _subject_orders_season(ctx, sent):
    """ "Kitewing is keeping the lamp lit for a second season of its series X", "Pebble TV is
    ..., picking up the third season of X": the company the sentence opens with shows X."""
    if "season" not in sent.text or sent.headline:
        return
    w = ordered_work(ctx, sent)
    if w is None:
        return
    name = sent.name_at(subject_start(sent), "org")
    if name is None or name.possessive or name.j > w[0] or ctx.is_work(name.text) or ctx.looks_person_strict(name.text) \
            or reads_as_person(ctx, name.text) or not _ORG_SUBJECT.match(ctx.text, name.end, sent.end):
        return
    ctx.fact(work_mention(ctx, sent, *w), "distributor", ctx.mention(name, "Organization", name.start), sent, 0.7)


def _listing_services(ctx, sent):
    """ "Harbour Masters (March TBC, Vistel and Glimmer)": each service a preview list's
    heading names shows the work."""
    heading = listing_heading(ctx, sent)
    if heading is None:
        return
    wk = heading_work(ctx, sent, heading)
    if wk is None:
        return
    for a, b in heading[2]:
        ctx.fact(wk, "distributor", ctx.mention(ctx.text[a:b], "Organization", a), sent, 0.75)


def more_platforms(ctx, sent, first):
    """The platforms listed after a first one ("coming to BBC One, BBC Wales and BBC iPlayer",
    "for BBC Three and iPlayer"): each a company's name the text knows, that looks like one, or
    that shares the first one's leading word, or a brand in lower camel case."""
    out, nxt = [], first
    lead = first.text.split()[0]
    while sent.t(nxt.j) in (",", "and", "&") and nxt.j + 1 < len(sent.toks):
        k = nxt.j + 1 + (sent.t(nxt.j) == "," and sent.t(nxt.j + 1) in ("and", "&"))
        d = k
        while sent.t(d).lower() in OUTLET_NOUNS or sent.t(d).lower() in _OUTLET_ADJECTIVES:
            d += 1  # "on Orbis and streaming service Lumen+": the next platform after its description
        if d > k and is_cap(sent.t(d)):
            k = d
        t = sent.t(k)
        if is_cap(t):
            cand = org_at(sent, k)
        elif _BRAND_SHAPE.fullmatch(t):
            b = sent.toks[k]
            cand = Name(k, k + 1, b.start, b.end, b.text, [], False)
        else:
            break
        if cand is None or cand.possessive or ctx.is_work(cand.text) or ctx.looks_person_strict(cand.text) \
                or reads_as_person(ctx, cand.text) or _CALENDAR.match(cand.text):
            break
        if not (cand.text.split()[0] == lead or fold(cand.text) in ctx.org_keys or ctx.looks_org(cand.text)
                or cand.text.endswith("+") or _BRAND_SHAPE.fullmatch(cand.text.split()[0])):
            break
        out.append(cand)
        nxt = cand
    return out


#: "produced by Mayhay Studios for BBC Three": the maker before "for" and the platform.
_MADE_BY_BEFORE = re.compile(r"\b(?:produced|made)\s+by\s+(?:(?:the\s+)?(?:[a-z]+-winning|acclaimed)\s+)?[A-Z][\w&'’. -]{1,60}?\s+$")


def _made_by_for(ctx, sent, k):
    """ "The series is being produced by Mayhay Studios for BBC Three and iPlayer": the
    platforms a company makes the work for show it."""
    if not _MADE_BY_BEFORE.search(ctx.text, max(sent.start, sent.toks[k].start - 80), sent.toks[k].start):
        return
    name = org_at(sent, k + 1)
    if name is None or name.possessive or ctx.is_work(name.text) or ctx.looks_person_strict(name.text) \
            or reads_as_person(ctx, name.text) or MAKER_NAME.search(name.text) or _CALENDAR.match(name.text):
        return
    work = appositive_subject(ctx, sent, k) or work_ref(ctx, sent, 0, k)
    for n in [name] + more_platforms(ctx, sent, name):
        ctx.fact(work, "distributor", ctx.mention(n, "Organization", n.start), sent, 0.7)


def _produced_for_by(ctx, sent, k):
    """ "The series is produced for Quarry TV+ by Quarry Studios": the company a work is made for,
    by another that makes it, shows it (the maker is read with the credits)."""
    name = org_at(sent, k + 1)
    if name is None or name.possessive or sent.t(name.j) != "by" or not is_cap(sent.t(name.j + 1)) \
            or ctx.is_work(name.text) or ctx.looks_person_strict(name.text) or reads_as_person(ctx, name.text):
        return
    work = appositive_subject(ctx, sent, k) or work_ref(ctx, sent, 0, k)
    ctx.fact(work, "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)


#: "streaming on Quillmark and Tarn Jump's YouTube page": the platform a channel is on, after
#: its owner's possessive (the owner is not the distributor of it).
_OWNER_PLATFORM_PAGE = re.compile(r"['’]s\s+(?P<plat>[A-Z][\w-]*)\s+(?:page|channel|account)\b")


def _owner_platform_page(ctx, sent):
    """ "available for streaming on Quillmark and Tarn Jump's YouTube page": YouTube distributes
    the work, when a distribution word stands before the "on"."""
    for m in _OWNER_PLATFORM_PAGE.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start("plat"))
        on = next((x for x in range(k - 1, max(-1, k - 10), -1) if sent.t(x) in ("on", "via")), None)
        if on is None or sent.t(on - 1).lower() not in DIST_PREV and sent.t(on - 1).lower() != "for":
            continue
        name = org_at(sent, k)
        if name is None or name.possessive or ctx.is_work(name.text) or ctx.looks_person_strict(name.text):
            continue
        work = work_ref(ctx, sent, 0, on)
        ctx.fact(work, "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)


#: The medium, not a platform: "nothing like this series on TV", "new movies coming to TV".
_MEDIUM = ("TV", "Television")
#: What a title is "on" that shows nothing: a stage, a disc, a social feed.
NOT_PLATFORMS = frozenset("TV Television Broadway DVD Blu-ray Instagram Twitter X Facebook TikTok Threads Reddit".split())


def _work_before(ctx, sent, k):
    """The work whose title ends just before token ``k`` ("'We Were Liars' on Prime Video",
    "appearances in The Pit on Max"): a title named with its platform; None otherwise."""
    back = k - (sent.t(k - 1) in ("’", "”", '"', "'"))
    hit = next((w for w in locate_works(ctx, sent) if w[1] == back), None)
    if hit is None or (back == k and sent.t(hit[0] - 1) in ("‘", "“", '"', "'")):
        return None
    return work_mention(ctx, sent, *hit)


#: "Kestrel Films is co-financing and distributing the feature", "Tessel will release the film".
_DISTRIBUTES = re.compile(r"\s+(?:(?:is|are|will|has|have|also|now|set to|to|be)\s+)*(?:(?:co-)?financing\s+and\s+|"
                          r"(?:co-)?(?:finance|produce|producing)\s+and\s+)?(?:distribut(?:e|es|ing)|releas(?:e|es|ing)|handl(?:e|es|ing) distribution of)\s+"
                          r"(?:the|this|it\b)(?:\s+(?:film|feature|movie|series|project|picture|documentary|title)\b)?"
                          r"|\s+(?:will\s+|also\s+)*distribute\s+(?:(?:it|the\s+(?:series|film|show))\s+)?(?:globally|worldwide|internationally|"
                          r"outside\s+the\b|in\s+(?:all\s+)?other\s+territories|overseas)", re.I)
#: A passive distribution: "X will be distributed by <Org>", "is being released by".
_DISTRIBUTED_BY = re.compile(r"\b(?:will\s+be|is\s+being|is|was|to\s+be)\s+(?:\w+\s+)?(?:distributed|released)\s+(?:\w+\s+){0,3}?by\s+(?=[A-Z])")


def _company_distributes(ctx, sent):
    """The subject of "is distributing the feature" / "will release the film" is the work's
    distributor, when it is no person."""
    k = subject_start(sent)
    name = org_at(sent, k)
    if name is None and sent.t(k) == "New" and is_cap(sent.t(k + 1)):
        rest = org_at(sent, k + 1)  # "New Line is distributing": "New" opens the company's name
        name = rest and Name(k, rest.j, sent.toks[k].start, rest.end, ctx.text[sent.toks[k].start:rest.end], [], rest.possessive)
    if name is None or name.possessive or ctx.is_work(name.text) or ctx.looks_person_strict(name.text) \
            or reads_as_person(ctx, name.text) or _CALENDAR.match(name.text):
        return
    if _DISTRIBUTES.match(ctx.text, name.end, sent.end):
        work = work_ref(ctx, sent, name.j, len(sent.toks))
        ctx.fact(work, "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)


def _distributed_by(ctx, sent):
    """ "Game Evening will be distributed by Orbis Pictures": the agent of a passive distribution
    (and the companies listed with it) distributes the subject."""
    for m in _DISTRIBUTED_BY.finditer(ctx.text, sent.start, sent.end):
        first = org_at(sent, sent.tok_at(m.end()))
        if first is None or first.possessive or ctx.is_work(first.text) or ctx.looks_person_strict(first.text) \
                or reads_as_person(ctx, first.text) or _CALENDAR.match(first.text):
            continue
        work = work_ref(ctx, sent, 0, sent.tok_at(m.start()))
        for o in _company_list(ctx, sent, first):
            ctx.fact(work, "distributor", ctx.mention(o, "Organization", o.start), sent, 0.75)


#: After a title and its comma: an article, a few descriptive words, then a one- to three-word
#: company before a kind of work: "X, the new Lumen series", "X, a Corvane original drama".
_APPOSITIVE_COMPANY = re.compile(r",\s+(?:the|a|an)\s+(?:(?:new|upcoming|latest|hit|original|next)\s+)?"
                                 r"(?P<org>(?:[A-Z][\w+&.-]*\s+){1,3})(?:original\s+)?"
                                 r"(?:series|drama|comedy|thriller|docuseries|miniseries|film|movie|project|production|show)\b")


def _company_in_appositive(ctx, sent):
    """ "Quarry Lane, the new Lumen series based on ...": the company that names the kind of
    the work just before the comma shows it (or makes it, when its name says it is a maker).
    A brand label ("the Vistaplay Original drama") is left to the rules that name the service."""
    for i, j, f in locate_works(ctx, sent):
        close = j + (sent.t(j) in ("”", '"', "’", "'"))
        if close >= len(sent.toks) or sent.t(close) != ",":
            continue
        m = _APPOSITIVE_COMPANY.match(ctx.text, sent.toks[close].start, sent.end)
        if m is None:
            continue
        name = sent.name_at(sent.tok_at(m.start("org")), "org")
        if name is None or name.text.split()[-1] in ("Original", "Originals") or name.possessive or ctx.is_work(name.text) or reads_as_person(ctx, name.text) \
                or fold(name.text) in ctx.person_keys or name.end > m.end("org"):
            continue
        rel = "productionCompany" if MAKER_NAME.search(name.text) else "distributor"
        ctx.fact(work_mention(ctx, sent, i, j, f), rel, ctx.mention(name, "Organization", name.start), sent, 0.7)


def rule_distribution(ctx, sent):
    text = ctx.text
    toks = sent.toks
    has_poss = sent.possessive_mark
    if "distribut" in sent.text or "releas" in sent.text:
        _company_distributes(ctx, sent)
        _distributed_by(ctx, sent)
    _listing_services(ctx, sent)
    _shows_object(ctx, sent)
    if " its " in sent.text or " their " in sent.text:
        _subject_its_work(ctx, sent)
    if "Original" in sent.text:
        _branded_original(ctx, sent)
    _subject_orders_season(ctx, sent)
    if "commission," in sent.text:
        _commissioners(ctx, sent)
    _company_genre_title(ctx, sent)
    if ", the " in sent.text or ", a " in sent.text:
        _company_in_appositive(ctx, sent)
    _described_works(ctx, sent)
    if "(" in sent.text:
        _format_parenthesis(ctx, sent)
    if " page" in sent.text or " channel" in sent.text:
        _owner_platform_page(ctx, sent)
    platform_on = None  # the last "on" read as a platform's
    for k, tok in enumerate(toks):
        low = tok.text
        if low == "on" and sent.t(k + 1) == "the":
            _on_the_outlet(ctx, sent, k)
        if low in ("hits", "hit") and is_cap(sent.t(k + 1)):
            # "the documentary “Tide Pools” hits Cinevue on June 27": a platform named before
            name = org_at(sent, k + 1)
            if name is not None and not name.possessive and fold(name.text) in ctx.org_keys and not ctx.is_work(name.text):
                work = appositive_subject(ctx, sent, k) or work_ref(ctx, sent, 0, k)
                ctx.fact(work, "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)
        if low == "to" and is_cap(sent.t(k + 1)) and _HEADED_TO.search(text, max(sent.start, tok.start - 24), tok.start):
            # "coming soon to Quarry TV+", "the fantasy epic headed to Orbis later this year"
            name = org_at(sent, k + 1)
            if name is not None and not name.possessive and not ctx.is_work(name.text) and not ctx.looks_person_strict(name.text) \
                    and not _CALENDAR.match(name.text) and not reads_as_person(ctx, name.text) and name.text not in _MEDIUM \
                    and (fold(name.text) in ctx.org_keys or ctx.looks_org(name.text) or name.text.endswith("+") or name.text.isupper()
                         or _WHEN_AFTER.match(text, name.end, sent.end)  # "is coming to Lumen this Friday": where and when it shows
                         or " " in name.text and fold(name.text.split()[0]) in ctx.org_keys  # "coming to Northwind One": its channel
                         or is_upper_word(name.text.split()[0]) and len(name.text.split()[0]) <= 5):  # "coming to KBX Two"
                work = appositive_work(ctx, sent, k) or work_ref(ctx, sent, 0, k)
                ctx.fact(work, "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)
                for more in more_platforms(ctx, sent, name):  # "coming to KBX Two and iViewer"
                    ctx.fact(work, "distributor", ctx.mention(more, "Organization", more.start), sent, 0.75)
        if low == "From" and is_cap(sent.t(k + 1)) and k == subject_start(sent) \
                or low == "from" and sent.t(k - 1) in ("Hailing", "Coming") and is_cap(sent.t(k + 1)) and k - 1 == subject_start(sent):
            _from_opening(ctx, sent, k)  # "From RNC Studios, X ...", "Hailing from Greyline Television, X is ..."
        if low == "for" and sent.t(k - 1).lower() in ("produced", "made") and is_cap(sent.t(k + 1)):
            _produced_for_by(ctx, sent, k)
        elif low == "for" and is_cap(sent.t(k + 1)):
            _made_by_for(ctx, sent, k)
        if low in ("on", "at", "via", "from") and is_cap(sent.t(k + 1)):
            prev = sent.t(k - 1).lower()
            name = org_at(sent, k + 1)
            if name is None or ctx.is_work(name.text) or ctx.looks_person_strict(name.text) or name.possessive \
                    or _CALENDAR.match(name.text) or any(w[0] == k + 1 for w in locate_works(ctx, sent)) \
                    or name.text in _MEDIUM or _DAY_NAME.search(name.text):  # "nothing like this series on TV": the medium
                continue  # "on May 9", "on Sunday", "on Lumen+ Day": a date, not a platform; "at Salt, Smoke & ...": a title
            if sent.t(k + 1) in ("The",) and not (low == "from" and ctx.looks_org(name.text)):
                continue
            if low == "on":
                # the distribution word may stand a few words back: "airing Wednesdays on ABC",
                # "streaming the next day on Hulu", "Will Air Simultaneously on"
                ok = prev in DIST_PREV or (prev == "," and re.search(r"\b(?:premiere|debut|launch|stream|air|returns\b)", sent.text, re.I)) \
                    or prev in ("and", "or") and platform_on is not None and k - platform_on <= 8 \
                    or re.search(r"\b(?:series|drama|show|comedy|original)\s*$", text[max(sent.start, tok.start - 30):tok.start], re.I) \
                    or _DIST_NEAR.search(text, max(sent.start, tok.start - 32), tok.start) is not None \
                    or _SLOT_TIME.search(text, max(sent.start, tok.start - 20), tok.start) is not None
                titled = _work_before(ctx, sent, k) if not ok and name.text not in NOT_PLATFORMS else None
                if not ok and titled is None:
                    continue
                if re.match(r"[\w ]{0,30}\b(?:presentation|panel|stage|set)\b", text[name.end:name.end + 40]):
                    continue
                if _HARDWARE.match(text, name.end):
                    continue  # "the app is available on Sony and Vizio smart TVs": devices, not a work's platforms
                work = titled or appositive_subject(ctx, sent, k) or work_ref(ctx, sent, 0, k)
                if re.search(r"\b(?:series|drama|show|comedy|original)\s*$", text[max(sent.start, tok.start - 30):tok.start], re.I):
                    # "Harrow, the longest-running original series on Corvane Video"
                    w = appositive_work(ctx, sent, k)
                    if w is not None:
                        work = w
                ctx.fact(work, "distributor", ctx.mention(name, "Organization", name.start), sent, 0.8)
                platform_on = k  # ("on American network KXT and on KXT Max": the second "on" too)
                for more in more_platforms(ctx, sent, name):  # "on Pinnacle Network and KMT"
                    ctx.fact(work, "distributor", ctx.mention(more, "Organization", more.start), sent, 0.75)
            elif low == "at":
                if sent.headline or re.search(r"\bseason\b[^,.;]{0,25}$", text[sent.start:tok.start], re.I) and RENEW_RE.search(sent.text):
                    ctx.fact(work_ref(ctx, sent, 0, k), "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)
            elif low == "from" and (ctx.looks_org(name.text) or _listed_with_companies(ctx, sent, name)):
                _from_companies(ctx, sent, k, name)
        # "<Org>'s hit series", "Netflix's The Regent"
        if has_poss and is_cap(tok.text) and (k == 0 or not is_cap(sent.t(k - 1))) and not described_person(sent, k):
            name = sent.name_at(k, "org")
            if name and name.possessive and not ctx.looks_person_strict(name.text) and not ctx.is_work(name.text) and len(name.text) > 1 \
                    and not _a_surname(ctx, name.text) and not _CALENDAR.fullmatch(name.text) \
                    and not (" " in name.text and reads_as_person(ctx, name.text) and not MAKER_NAME.search(name.text)):
                # "Halloran's other two series", "Jeremy Saltonstall's new film": a person's; "Fall's most promising drama"
                j = name.j + 1
                while j < len(toks) and j < name.j + 5 and (toks[j].text[:1].islower() or re.fullmatch(r"\d+-[a-z]+", toks[j].text)) \
                        and not WORK_NOUN_RE.match(toks[j].text):
                    j += 1  # ("Kestrel’s upcoming 10-episode miniseries")
                if sent.t(j).lower() == "limited" and sent.t(j + 1).lower() in ("series", "drama", "event"):
                    j += 1  # "Lumen Max's forthcoming limited series The Stairwell"
                noun = sent.t(j).lower()
                quote = sent.t(name.j + 1) in ("“", '"', "‘")
                owned = [x for x in locate_works(ctx, sent) if x[0] in (name.j + 1, name.j + 1 + quote)] \
                    if j == name.j + 1 or quote else []
                kind_at = owned[0][1] + (sent.t(owned[0][1]) in ("”", '"', "’")) if owned else 0  # ("Kestrel's “Molly Vance” series")
                if owned and sent.t(kind_at)[:1].islower() and WORK_NOUN_RE.match(sent.t(kind_at)) \
                        and not (" " in name.text and reads_as_person(ctx, name.text)):
                    # "Lumen’s Salt and Stone adaptation": the owner's work, its kind after it
                    rel = "productionCompany" if MAKER_NAME.search(name.text) else "distributor"
                    if rel == "distributor" or ctx.looks_org(name.text):
                        ctx.fact(work_mention(ctx, sent, *owned[0]), rel, ctx.mention(name, "Organization", name.start), sent, 0.7)
                    continue
                if any(toks[x].text.lower() in ("book", "novel", "comic", "novels", "books") for x in range(name.j + 1, j)):
                    noun = ""  # "Robert Jarrow's best-selling book series": an author's books
                if noun in ("series", "drama", "show", "comedy", "original", "thriller", "film", "movie", "docuseries", "sitcom", "miniseries"):
                    w = [x for x in locate_works(ctx, sent) if x[0] > j][:1]
                    work = work_mention(ctx, sent, *w[0]) if w and w[0][0] <= j + 3 else None
                    named = title_after(sent, j + 1) if work is None and is_cap(sent.t(j + 1)) else None
                    if named is not None and not named.possessive and not ctx.looks_person_strict(named.text) \
                            and not reads_as_person(ctx, named.text) and not ctx.looks_org(named.text):
                        work = ctx.mention(named, "Work", named.start)  # "Lumen Max's limited series The Stairwell"
                    work = work or work_ref(ctx, sent, 0, len(toks))
                    rel = "productionCompany" if re.search(r"\b(?:studios?|pictures|productions|entertainment|films)\b", name.text, re.I) else "distributor"
                    if rel == "distributor" or ctx.looks_org(name.text):
                        ctx.fact(work, rel, ctx.mention(name, "Organization", name.start), sent, 0.7)
        # "the Corvane Video series Harrow"
        if tok.text.lower() in ("the", "her", "his", "their") and (is_cap(sent.t(k + 1)) or re.fullmatch(r"[a-z]+(?:-[a-z]+)*", sent.t(k + 1)) and is_cap(sent.t(k + 2))):
            skip = 0 if is_cap(sent.t(k + 1)) else 1  # "the landmark NIGHTJAR series Decker"
            name = sent.name_at(k + 1 + skip, "org")
            kind = sent.t(name.j) if name else ""
            plural = kind in _PLURAL_KINDS  # "the acclaimed HBO shows “A,” ... and “B”": a company's works, listed
            if name and not name.possessive and (WORK_NOUN_RE.match(kind) or plural) and kind[:1].islower():
                if ctx.is_work(name.text) or ctx.looks_person_strict(name.text) or re.search(r"-[a-z]+$", name.text) \
                        or _NATIONAL_MEDIUM.fullmatch(name.text) or _national_label(name.text):
                    # "the Peabody-winning series", "the Spanish TV series": an adjective, not a company
                    continue
                at = name.j + 1 + (plural and sent.t(name.j + 1) in (",", ":"))
                at += sent.t(at) in ("“", '"', "‘")  # "her CTV comedy “Jann,”": a quoted title
                ws = locate_works(ctx, sent)
                w = [x for x in ws if x[0] == at]
                if w and (plural or kind in ("series", "drama", "show", "comedy", "original", "film", "movie")):
                    om = ctx.mention(name, "Organization", name.start)
                    listed = [w[0]]
                    for x in _renewed_together(sent, ws[ws.index(w[0]):]) if plural else ():
                        if re.search(r"\b[A-Z]", ctx.text[sent.toks[listed[-1][1] - 1].end:sent.toks[x[0]].start]):
                            break  # "“B,” and the Lumen dramas “C”": another company's works
                        listed.append(x)
                    for x in listed:
                        ctx.fact(work_mention(ctx, sent, *x), "distributor", om, sent, 0.75)
    # "a Lakemoor Entertainment production"; a credit line opens "A Bluefin Pictures production
    # with Redfern Films": the companies after "with" co-produce
    for m in re.finditer(r"\b(?:[Aa]n?|the)\s+(?=[A-Z])", text[sent.start:sent.end]):
        i = sent.tok_at(sent.start + m.end())
        name = sent.name_at(i, "org")
        if name and sent.t(name.j).lower() in ("production", "co-production", "presentation") and not ctx.looks_person_strict(name.text) \
                and not re.search(r"-[a-z]+$", name.text) \
                and not (m.group()[0] == "A" and ctx.is_work(name.text)):
            work = work_ref(ctx, sent, 0, i)
            ctx.fact(work, "productionCompany", ctx.mention(name, "Organization", name.start), sent, 0.8)
            first = org_at(sent, name.j + 2) if sent.t(name.j + 1) == "with" and is_cap(sent.t(name.j + 2)) else None
            if first is not None and not first.possessive and not ctx.is_work(first.text) and not ctx.looks_person_strict(first.text):
                for o in _company_list(ctx, sent, first, known=True):
                    ctx.fact(work, "productionCompany", ctx.mention(o, "Organization", o.start), sent, 0.75)
    # "X, formerly known as Y"
    for m in re.finditer(r"\b(?:formerly|previously) (?:known as|called|named)\s+", text[sent.start:sent.end]):
        i = sent.tok_at(sent.start + m.end())
        alias = sent.name_at(i, "org")
        owner = sent.name_at(0, "org")
        if alias and owner and not owner.possessive:
            a = ctx.mention(alias, "Organization", alias.start)
            o = ctx.mention(owner, "Organization", owner.start)
            ctx.alias_links.append((o, a))


#: What may follow ", <Org>," when the organisation ends a job title: a speech verb, a relative clause.
_CLAUSE_AFTER = frozenset("said says added commented noted explained stated announced who".split())
#: A department that ends a division's name ("KBX Programming"): the company is the rest.
_DEPARTMENTS = frozenset("programming originals".split())


def _company_of(sent, o):
    """ "KBX Programming" -> "KBX": a department word after a company's name is no part of it."""
    if o.j - o.i >= 2 and sent.t(o.j - 1).lower() in _DEPARTMENTS:
        end = sent.toks[o.j - 2].end
        return Name(o.i, o.j - 1, o.start, end, sent.doc_text[o.start:end], [], False)
    return o


#: "A is joining <Org> as Editor-at-Large", "A joins <Org> as its new head of drama".
_JOINS_AS = re.compile(r"\s+(?:is |has |will )?(?:join|joins|joining|joined)\s+(?=[A-Z])")
#: Heads of a job title taken on at a company (not a cast's "series regular").
_JOINED_AS_HEADS = JOB_TITLE_HEADS | frozenset("editor correspondent anchor".split())


def _joins_as(ctx, sent):
    """ "Anchor Rosa Delgado is joining Meridian News as Editor-at-Large": the company a person
    joins with a job title employs them."""
    for m in _JOINS_AS.finditer(ctx.text, sent.start, sent.end):
        person = sent.name_before(sent.tok_at(m.start() + 1), "name")
        org = org_at(sent, sent.tok_at(m.end()))
        if person is None or org is None or org.possessive or person.possessive or sent.t(org.j) != "as":
            continue
        i = person.i
        while i < person.j - 2 and sent.t(i).lower() in _JOINED_AS_HEADS | {"host", "reporter", "journalist"}:
            i += 1  # "Anchor Rosa Delgado": a job word before the name
        if i > person.i:
            person = Name(i, person.j, sent.toks[i].start, person.end, sent.span_text(i, person.j), [], False)
        if not (ctx.looks_person(person.text) or reads_as_person(ctx, person.text)) or ctx.is_work(org.text) \
                or ctx.looks_person_strict(org.text) or fold(org.text) in ctx.person_keys:
            continue
        words = [w for x in sent.words(org.j + 1, min(len(sent.toks), org.j + 7)) for w in x.lower().split("-")]
        if not any(w in _JOINED_AS_HEADS for w in words[:6]):
            continue
        ctx.fact(ctx.person(person), "employer", ctx.mention(org, "Organization", org.start), sent, 0.75)


def rule_employer(ctx, sent):
    text = ctx.text
    toks = sent.toks
    if " join" in sent.text:
        _joins_as(ctx, sent)
    for k, tok in enumerate(toks):
        if tok.text not in (",", "–", "—") or k == 0 or not is_cap(sent.t(k - 1)):
            continue
        person = sent.name_before(k, "name")
        if person is None or person.possessive or ctx.looks_org(person.text) or ctx.is_work(person.text):
            continue
        if len(person.text.split()) < 2 or all(w.lower() in JOB_TITLE_WORDS for w in person.text.split()) \
                or fold(person.text) in ctx.character_keys:
            continue  # "Jeff Grossmark, Executive Vice President, Programming, Lumen+": a title, not a name;
            # "as Matt Renwick, the new head of Paragon Studios": a character's job
        if _possessive_title_after(ctx, sent, person, k) or tok.text != ",":
            continue  # "Mara Lind – Northwind's Head of Drama –": a dash opens only that appositive
        # the title runs to the last "at|for|of|with <Org>" (or ", <Org>") before the clause ends
        j = k + 1
        orgs = []
        title_end = None
        skipped = None
        limit = min(len(toks), k + 30)
        while j < limit:
            t = sent.t(j)
            if t in (".", ";", "“", "”", '"', "(") or t.lower() in ("said", "says", "added", "who", "which", "noted", "explained"):
                break
            if t.lower() in ("at", "for", "of") and sent.t(j + 1).lower() == "the" and sent.t(j + 2).lower() in OUTLET_NOUNS \
                    and sent.t(j + 3) in (",", ".", ";", ""):
                # "Keith Cordell, president of development and production at the cabler": the company named before
                o = outlet_named_before(ctx, sent)
                if o is not None and fold(o.text) not in ctx.person_keys:
                    orgs, title_end = [o], j
                break
            if is_cap(t) and j > k + 1 and sent.t(j - 1).lower() in JOB_TITLE_HEADS and is_cap(sent.t(j - 1)):
                # "Danny Cohen, Controller BBC One, says": a British title runs into a company the text knows
                o = org_at(sent, j)
                if o is not None and not o.possessive and fold(o.text) in ctx.org_keys and not ctx.is_work(o.text) \
                        and sent.t(o.j) in (",", "said", "says"):
                    orgs, title_end = [o], j
                    break
            if (t.lower() in ("at", "for", "of", "with") or (t == "," and j > k + 1)) and is_cap(sent.t(j + 1)):
                o = org_at(sent, j + 1)
                if o and not o.possessive and sent.t(o.j) in (",", ".", ";", "", "said", "says", "added", "and", "who", "”", '"') and not ctx.looks_person_strict(o.text) and not ctx.is_work(o.text) and fold(o.text) not in ctx.person_keys:
                    if sent.t(j + 1) in ("The",) and not ctx.looks_org(o.text):
                        j += 1
                        continue
                    if all(w in ORG_WORDS for w in fold(o.text).split()) or t != "," and all(w in JOB_TITLE_WORDS for w in fold(o.text).split()):
                        j += 1
                        continue  # "Head of Television, Quarry Studios", "Head of Drama": a department, not the employer
                    if t == "," and sent.t(o.j) not in (".", ";", "", "”", '"') and not (
                            sent.t(o.j) == "," and sent.t(o.j + 1).lower() in _CLAUSE_AFTER):
                        if skipped is None and ctx.looks_org(o.text):
                            skipped = o
                        j += 1
                        continue  # ", <Org>" only ends the clause: "president of programming, KBX." / "..., VTV AMERICA, commented"
                    if t == "," and skipped is not None and not ctx.looks_org(o.text):
                        o = skipped  # "President, Tiderock Studios, Scripted, said": the company, not its division
                    orgs, title_end = [o], j
                    # "President and CEO of Pinnacle Media Networks and KTV Entertainment Studios",
                    # "president of original programming for RNC, DuskTV and RNC Studios"
                    orgs += _org_list_tail(ctx, sent, o)
                    while sent.t(orgs[-1].j) == "and" and is_cap(sent.t(orgs[-1].j + 1)):
                        o2 = org_at(sent, orgs[-1].j + 1)
                        if o2 is None or not ctx.looks_org(o2.text) or sent.t(o2.j) not in (",", ".", ";", "", "”", '"', "and"):
                            break
                        orgs.append(o2)
                    if sent.t(orgs[-1].j) != "and":
                        break
            j += 1
        if not orgs:
            continue
        org = orgs[0]
        title = text[toks[k + 1].start:toks[title_end - 1].end] if title_end > k + 1 else ""
        if not title or not JOB_WORDS.search(title) or len(title) > 160 or re.match(r"(?:and|or|but|who|which|both)\b", title) \
                or _NOT_IN_TITLE.search(title):
            continue  # ("A, famous for her work in X, lends her voice to R, the ship's head of HR": no job)
        if re.search(r"\b(?:producer|showrunner|creator|author|writer|director)s?\b", title, re.I) and not re.search(
                r"\b(?:head|president|chief|officer|vp|ceo|coo|chair|founder|partner|manager|executive vice|programming|development|content)\b", title, re.I):
            # "co-executive producer for Hieronymus Pictures": the roles rule handles it
            continue
        people = [person]
        if re.match(r"(?:co-)?(?:heads|presidents|chiefs|co-presidents|co-chairs|chairs)\b", title, re.I):
            people = list_before(ctx, sent, person, always=True)  # "A and B, co-heads of scripted for X"
        for p in people:
            pm = ctx.person(p)
            for org in orgs:
                org = _company_of(sent, org)
                ctx.fact(pm, "employer", ctx.mention(org, "Organization", org.start), sent, 0.85)
            ctx.fact(pm, "jobTitle", title, sent, 0.8)


#: Words no job title holds: an appositive that describes or acts ("known for", "lends her voice").
_NOT_IN_TITLE = re.compile(r"\b(?:famous|known|best|lends?|is|are|was|were|will|has|have|her|his|their)\b", re.I)


#: Words that end a job title read after a company's possessive.
_TITLE_END = frozenset(", . ; ” \" ( – — said says added described praised noted who".split())


def _possessive_title_after(ctx, sent, person, k):
    """ "Daniel Fenwick, The Coastline Reporter's chief TV critic, described": the company
    in the possessive, then a lower-case job title, make the company the person's employer."""
    o = sent.name_at(k + 1, "org") if is_cap(sent.t(k + 1)) else None
    if o is None or not o.possessive or ctx.is_work(o.text) or reads_as_person(ctx, o.text) \
            or is_given_name(o.text.split()[0]) or {fold(person.text), fold(o.text)} & ctx.character_keys:
        return False  # "Reina Vasquez, Maddie's training officer": a character
    j = o.j + 1
    capital = is_cap(sent.t(j)) and sent.t(j).lower() in JOB_TITLE_HEADS  # "Northwind's Head of Drama": a title in capitals
    while j < len(sent.toks) and j < o.j + 8 and sent.t(j) not in _TITLE_END and (not is_cap(sent.t(j)) or capital
                                                                                  and sent.t(j).lower() in JOB_TITLE_WORDS) \
            or is_upper_word(sent.t(j)):
        j += 1
    title = sent.span_text(o.j + 1, j)
    if j == o.j + 1 or sent.t(j) not in _TITLE_END or not JOB_WORDS.search(title) and not _CRAFT_NOUNS.search(title):
        return False
    pm = ctx.person(person)
    ctx.fact(pm, "employer", ctx.mention(o, "Organization", o.start), sent, 0.8)
    ctx.fact(pm, "jobTitle", title, sent, 0.75)
    return True


#: Newsroom and agency jobs that JOB_WORDS leaves out ("chief TV critic", "senior reporter").
_CRAFT_NOUNS = re.compile(r"\b(?:critic|reporter|correspondent|columnist|analyst|spokesperson|spokesman|spokeswoman)\b", re.I)


#: A brand's shape: a capital inside a word ("nuTV", "DuskTV") or capitals only ("KNT").
_BRAND_SHAPE = re.compile(r"[a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,6}")


def _org_list_tail(ctx, sent, first):
    """The companies after ``first`` in "A, B and C" when the list closes on "and <Org>" and
    the clause ends there (the middle ones need not look like companies)."""
    out = []
    o = first
    while sent.t(o.j) == "," and is_cap(sent.t(o.j + 1)):
        o = org_at(sent, o.j + 1)
        if o is None or o.possessive or ctx.looks_person_strict(o.text) or ctx.is_work(o.text):
            return []
        out.append(o)
    if not out or sent.t(o.j) != "and":
        return []
    t = sent.t(o.j + 1)
    if t[:1].islower() and _BRAND_SHAPE.fullmatch(t):  # "for KBS, KNT and nuTV": a brand's lower-case first letter
        tok = sent.toks[o.j + 1]
        last = Name(o.j + 1, o.j + 2, tok.start, tok.end, tok.text, [], False)
    else:
        last = org_at(sent, o.j + 1) if is_cap(t) else None
    if last is None or not (ctx.looks_org(last.text) or _BRAND_SHAPE.fullmatch(last.text)) \
            or sent.t(last.j) not in (",", ".", ";", "", "”", '"'):
        return []
    return out + [last]


def _title_word(t):
    return t.lower() in JOB_TITLE_WORDS


#: A department's words, in capitals between a company and a job title (never a company's own
#: name words such as Television or Studios).
_DEPARTMENT_WORDS = frozenset("original originals series scripted unscripted programming content development".split())


def _org_before(sent, a):
    """The company name ending just before token ``a`` (its possessive too), read back over
    capitalised tokens: "VELTA" of "VELTA President and CEO", "Quarry" of "Quarry's heads"."""
    end = a
    if sent.t(a - 1) in ("'s", "'"):
        end = a - 1
    i = end
    while i > 0 and end - i < 4 and (is_cap(sent.t(i - 1)) or sent.t(i - 1) in ("&", "+")) and sent.t(i - 1) not in STOP_START:
        i -= 1
    while i < end and not is_cap(sent.t(i)):
        i += 1
    if i >= end:
        return None
    start, stop = sent.toks[i].start, sent.toks[end - 1].end
    return Name(i, end, start, stop, sent.doc_text[start:stop], [], end < a)


def rule_title_before_name(ctx, sent):
    """ "KBX programming president Casey Blount", "Lumen chief content officer Bela Barsi",
    "Velta COO Jeffrey Hale", "Quarry's heads of worldwide video A and B": a job title
    between a company and a person's name makes the company the person's employer."""
    toks = sent.toks
    n = len(toks)
    k = 0
    while k < n:
        if sent.t(k).lower() not in JOB_TITLE_HEADS:
            k += 1
            continue
        a = k
        plural = sent.t(k).lower() in ("heads", "presidents")
        capital = sent.t(k)[:1].isupper()  # "Orbis Executive Vice President Chris Selak": a title in capitals
        while a > 0 and _title_word(sent.t(a - 1)) and (sent.t(a - 1).islower() or capital and sent.t(a - 1)[:1].isupper()) \
                and sent.t(a - 1).lower() not in ("of", "and", "&"):
            a -= 1
        while a > 1 and sent.t(a - 1).lower() in _DEPARTMENT_WORDS and is_cap(sent.t(a - 1)) and is_cap(sent.t(a - 2)):
            a -= 1  # "Brightline Original Series president": a department in capitals is the title's, not the company's
        b = k + 1
        while b < n and _title_word(sent.t(b)):
            b += 1
        k = b
        if sent.t(b) == "," and is_cap(sent.t(b + 1)) and sent.t(a - 1) in ("'s", "'") and is_cap(sent.t(a)):
            b += 1  # "The Mark Gallow Company's President of Production, Deborah Speake"
        if a == 0 or b >= n or not is_cap(sent.t(b)):
            continue
        org = _org_before(sent, a)
        if org is None or ctx.is_work(org.text) or ctx.looks_person_strict(org.text) or len(org.text.split()) > 4:
            continue
        if fold(org.text) in ctx.person_keys or reads_as_person(ctx, org.text) and not ctx.looks_org(org.text) or any(w.lower().rstrip(".") in RANKS for w in org.text.split()):
            continue  # "Deputy Chief Irwin Ives": a rank, not a company
        people = []
        i = b
        while True:
            p = sent.name_at(i, "name")
            if p is None or p.possessive or ctx.looks_org(p.text) or ctx.is_work(p.text):
                break
            words = p.text.split()
            if not (2 <= len(words) <= 4) or not (ctx.looks_person(p.text) or reads_as_person(ctx, p.text)):
                break
            people.append(p)
            if sent.t(p.j) in ("and", "&") and plural and is_cap(sent.t(p.j + 1)):
                i = p.j + 1
                continue
            break
        if not people:
            continue
        title = sent.span_text(a, b - (sent.t(b - 1) == ","))
        om = ctx.mention(org, "Organization", org.start)
        for p in people:
            pm = ctx.person(p)
            ctx.fact(pm, "employer", om, sent, 0.8)
            ctx.fact(pm, "jobTitle", title, sent, 0.75)


def rule_possessive_title_appositive(ctx, sent):
    """ "Lumen's Senior Vice President of Originals, Craig Ellery, presented ...": a company's
    possessive, a job title, then the person's name between commas makes the company the
    person's employer."""
    if "," not in sent.text or "'s" not in sent.text and "’s" not in sent.text:
        return
    toks = sent.toks
    for p, tok in enumerate(toks):
        if tok.text != "'s" or p == 0:
            continue
        b = p + 1
        while b < len(toks) and _title_word(sent.t(b)):
            b += 1
        if b == p + 1 or sent.t(b) != "," or not any(sent.t(x).lower() in JOB_TITLE_HEADS for x in range(p + 1, b)):
            continue
        person = sent.name_at(b + 1, "name")
        if person is None or person.possessive or sent.t(person.j) != "," or not (2 <= len(person.text.split()) <= 4) \
                or ctx.looks_org(person.text) or ctx.is_work(person.text):
            continue
        org = _org_before(sent, p + 1)
        if org is None or ctx.is_work(org.text) or ctx.looks_person_strict(org.text) or reads_as_person(ctx, org.text) \
                or fold(org.text) in ctx.person_keys:
            continue
        om = ctx.mention(org, "Organization", org.start)
        pm = ctx.person(person)
        ctx.fact(pm, "employer", om, sent, 0.8)
        ctx.fact(pm, "jobTitle", sent.span_text(p + 1, b), sent, 0.75)


def org_at(sent, i):
    """An organisation's name at token i, cut before "at", "for", "in", "on" or "to".

    The title reader joins "Original Programming at VELTA" or "Lumen in the U.S." into one
    name; organisations keep "of", "&", "+" and "with" ("Lumen+ with NIGHTJAR") only.
    """
    n = sent.name_at(i, "org")
    if n is None or _NATIONAL_MEDIUM.fullmatch(n.text):
        return None  # ("the Spanish TV series X": a country's television, no company)
    if NATIONALITY.fullmatch(n.text):
        k = n.j  # "on American network HBO", "British broadcaster ITV": the company after its description
        while sent.t(k).lower() in OUTLET_NOUNS or sent.t(k).lower() in _OUTLET_ADJECTIVES:
            k += 1
        return org_at(sent, k) if k > n.j and is_cap(sent.t(k)) else None
    for k in range(n.i + 1, n.j):
        if sent.t(k) in ("at", "for", "in", "on", "to", "from"):
            end = sent.toks[k - 1].end
            return Name(n.i, k, n.start, end, sent.doc_text[n.start:end], [], False)
    if not n.possessive and _LOWER_BRAND.fullmatch(sent.t(n.j)):
        e = sent.toks[n.j]  # "BBC iPlayer": a brand in lower camel case after the company's name
        return Name(n.i, n.j + 1, n.start, e.end, sent.doc_text[n.start:e.end], [], False)
    return n


#: Words of an outlet's description between a country's adjective and the company's name.
_OUTLET_ADJECTIVES = frozenset("streaming cable pay-tv public commercial free-to-air subscription premium satellite "
                               "terrestrial digital video-on-demand pay".split())


#: Plural kinds of work after a company's name: "the HBO shows “A” and “B”".
_PLURAL_KINDS = frozenset("shows dramas comedies films movies originals titles thrillers sitcoms docuseries".split())


#: A brand written in lower camel case ("iPlayer", "eBay").
_LOWER_BRAND = re.compile(r"[a-z]{1,3}[A-Z][A-Za-z]*")


#: What renews, orders or greenlights a work: the company that will show it.
_ORDER_VERB = re.compile(
    r"(?:has |have |had |officially |just |quickly |today |also |only |now )*(?:renewed|renews|ordered|orders|greenlit|greenlights|"
    r"green-lit|green-lights|to greenlight|to renew|to order|to commission|by (?:greenlighting|green-lighting|renewing|ordering|commissioning)|(?<=, )picking up|commissioned|commissions|picked up|picks up|has given|gave|handed|acquired|has acquired|order for|orders for|"
    r"(?:will (?:not )?be |is (?:not )?|are (?:not )?)?moving forward with|"
    r"canceled|cancelled|cancels|axed|axes|nixed|nixing|scrapped|pulled the plug on)\b",  # "the network will not be moving forward with a second season of X"
    # (a network that cancels a show has been showing it: "Syfy canceled the series after three seasons")
    re.I,
)
#: What "handed"/"gave" hands out before the works: "handed out series orders to".
_ORDERS_TO = re.compile(r"\s+(?:out\s+)?(?:(?:full|new|straight-to-)?\s*(?:series|season|pilot|episode)\s+)?(?:orders?|pickups?|renewals?)\s+to\s+", re.I)
_ORDER_WORDS = ("renew", "order", "greenl", "green-l", "commission", "picked up", "picks up", "gave", "given", "handed", "acquired",
                "moving forward", "cancel", "axe", "nix", "scrapped", "pulled the plug")
#: "the premium cable network", "the streamer", "the cabler": a company named before.
_OUTLET_NOUN = re.compile(
    r"\b(?:the|that) (?:[\w-]+ ){0,3}(?:network|streamer|streaming service|service|outlet|cabler|channel|platform|"
    r"broadcaster|net|studio)\s+$",
    re.I,
)
#: A company opening a sentence as its subject: "Velta is heading back to Lowmarsh".
_ORG_SUBJECT = re.compile(r"\s*(?:is|has|have|was|will|had|today|officially|just|also)\b"
                          r"|\s*used\b[^.;]{0,80}?\bto (?:unveil|announce|reveal|present|showcase)\b")  # "Vela used a luncheon to unveil"
#: Words that end an organisation's name in a title-case headline or a lead.
_NOT_ORG = frozenset("EXCLUSIVE Exclusive UPDATE Update BREAKING".split())


def outlet_named_before(ctx, sent):
    """The company a description ("the network") refers to: the last one that opened a
    sentence as its subject, or was named with a company word, in the sentences before."""
    k = ctx.sents.index(sent) if sent in ctx.sents else -1
    for prev in reversed(ctx.sents[max(0, k - 3):k + 1]):
        for i in range(min(len(prev.toks), 40)):
            if i and not (prev.t(i - 1) in (",", "—", ":") or prev.t(i - 1).lower() in ("at", "on", "to", "for", "from", "and")):
                continue
            name = prev.name_at(i, "org")
            if name is None or name.text in _NOT_ORG or ctx.is_work(name.text) or ctx.looks_person_strict(name.text) \
                    or WORK_NOUN_RE.match(name.text.split()[0]) or name.text.lower() in OUTLET_NOUNS:
                continue  # "Series Based on Diana Galloway's Novels", "Network Will Team up": a headline's words
            if prev is sent and name.end >= sent.end or i and MAKER_NAME.search(name.text):
                continue  # "a comedy from Bellweather Entertainment": a maker, not what "the streamer" refers to
            if name.possessive or (i == 0 and _ORG_SUBJECT.match(ctx.text, name.end, prev.end)) or fold(name.text) in ctx.org_keys \
                    or ctx.looks_org(name.text):
                return name
    return None


#: "The Tarn-owned streamer also confirmed it has renewed": the company's description, then its report.
_OUTLET_SAYS = re.compile(r"\b(?:the|that) (?:[\w-]+ ){0,3}(?:%s)\s+" % "|".join(sorted(OUTLET_NOUNS)) +
                          r"(?:also |today |has |have )*(?:confirmed|announced|said|revealed)\s+(?:that\s+)?(?:it|they)\s+$", re.I)
#: What may part two works renewed together: "A and B for second seasons, and C for fifth".
_TOGETHER = re.compile(
    r"(?:,?[”\"’'](?=\s))?(?:\s*\([^()]{0,80}\))?(?:\s+from\s+(?-i:[A-Z])[^,;.()]{0,40}?)?(?:,?\s*(?:which|who)\b[^,;.]{0,80},)?"
    r"(?:\s*[”\"’']?,?\s*for (?:a |an |its |their )?(?:[\w-]+ ){0,2}seasons?)?"
    r"(?:\s*[”\"’']?\s*,\s*(?:and\s+|&\s+)?|\s*[”\"’']?\s+and\s+|\s*&\s*|(?<=[,”\"’'])\s+)"
    # "both KBX Three sitcom A and KBX Two comedy B": each one's channel and kind; "and the comedy C"
    r"(?:(?:the|its|their|both)\s+)?(?:(?:(?-i:[A-Z])[\w+]*\s+){0,3}(?:[a-z-]+\s+){0,2}(?:%s)\s+|(?:(?!(?:while|whereas|but|as|also|is|are|was|were|has|have|had|will|which|who|that|when|with|for|to|by|on|in|at)\b)[a-z-]+\s+){1,3}?)?[“\"‘']?\s*$"
    % "|".join(sorted(KIND_NOUNS)), re.I)


def _renewed_together(sent, works):
    """The works listed after the first one an order verb takes: "renewed A and B for second
    seasons, and C for fifth", "“A,” which got a fifth season, and “B”", "A from Lumen Studios
    and B from Tidewater Pictures" (a comma or "and", quotes, an earlier credit or studio in
    parentheses or after "from", a relative clause, a kind before the next title between them)."""
    out = []
    prev = works[0]
    for w in works[1:]:
        if not _TOGETHER.fullmatch(sent.doc_text, sent.toks[prev[1] - 1].end, sent.toks[w[0]].start) or located_earlier(sent, w[0], w[1]):
            break
        out.append(w)
        prev = w
    return out


def _for_platform(ctx, sent, j):
    """ "for <Org>" after an order verb (token ``j`` on), when <Org> is shaped like a service."""
    for k in range(j, min(len(sent.toks) - 1, j + 25)):
        if sent.t(k) in (".", ";"):
            break
        if sent.t(k) == "for" and is_cap(sent.t(k + 1)):
            o = org_at(sent, k + 1)
            if o is not None and not o.possessive and not ctx.is_work(o.text) and not ctx.looks_person_strict(o.text) \
                    and (ctx.looks_org(o.text) or fold(o.text) in ctx.org_keys or o.text.endswith("+")):
                return o
    return None


#: A work renewed or ordered in the passive: "X has been renewed", "the series has been picked up".
_PASSIVE_ORDER = re.compile(r"\b(?:(?:has|have|had|was|were|is)\s+(?:officially\s+|now\s+|just\s+)?been|was|were|is|are|to be|being)\s+"
                            r"(?:officially\s+|now\s+|jointly\s+)?(?:renewed|picked up|ordered|greenlit|green-lit|(?:re-?|co-)?commissioned)\b", re.I)
#: "..., KBS announced today.": the company that reports the renewal, closing the sentence.
_TRAILING_ANNOUNCER = re.compile(r",\s*((?:the\s+)?[A-Za-z][\w&+.' -]{0,40}?)\s+(?:announced|revealed)"  # an outlet "confirmed"
                                 r"(?:\s+(?:today|on\s+\w+|\w+day|this week|in a statement))?\s*[.!]?\s*$")
#: The agent of a passive order: "has been renewed by Northwind", "was picked up by the KBX".
_BY_AGENT = re.compile(r"(?:\s+for\s+(?:an?\s+|another\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?i:seasons?|series)(?:\s+(?:\d+|[a-z]+))??)?"
                       r"\s+(?P<prep>by|at)\s+(?:the\s+)?(?=[A-Z0-9])")  # ("was ordered at CBS": a network's order)
#: "with Kestrel confirming the series has been renewed": a company's verb of saying before the passive.
_SAYS_THAT = re.compile(r"\s+(?:confirm|announc|reveal)(?:s|es|ed|ing|e)?\s+(?:that\s+)?(?:the\s+(?:series|show|drama|comedy)|it)\s+$", re.I)


def _reported_renewal(ctx, sent):
    """ "X has been renewed for a third season, KBS announced today", "with Kestrel confirming
    the series has been renewed", "co-commissioned by A and B": the company that orders or
    reports a passive order shows the work. Every passive of the sentence counts ("X is
    co-commissioned by A, after Y was commissioned by B")."""
    for m in _PASSIVE_ORDER.finditer(ctx.text, sent.start, sent.end):
        _passive_order(ctx, sent, m)
    if sent.headline:
        # "X Renewed for Season 2 by TNT": a headline's passive drops its auxiliary
        for m in _HEADLINE_PASSIVE.finditer(ctx.text, sent.start, sent.end):
            if _BY_AGENT.match(ctx.text, m.end(), sent.end):
                _passive_order(ctx, sent, m)


#: A headline's passive order without its auxiliary: "X Renewed for Season 2 by TNT".
_HEADLINE_PASSIVE = re.compile(r"(?<=\s)(?:Renewed|Picked Up|Ordered|Greenlit|Commissioned)\b")


def _passive_order(ctx, sent, m):
    text = ctx.text
    a = sent.tok_at(m.start())
    org = None
    t = _TRAILING_ANNOUNCER.search(text, m.end(), sent.end)
    by = _BY_AGENT.match(text, m.end(), sent.end)
    if by is not None:
        # "X has been renewed by Northwind for a second series": the passive's agent
        org = sent.name_at(sent.tok_at(by.end()), "org")
        if org is not None and by.group("prep") == "at" and not (fold(org.text) in ctx.org_keys or is_upper_word(org.text)
                                                                 or org.text.endswith("+") or _BROADCASTER_END.search(org.text)):
            org = None  # "renewed at the upfronts", "picked up at Comic-Con": a place or an event, not a network
    elif t is not None:
        words = t.group(1).lower().split()
        if words[0] == "the" and len(words) <= 3 and words[-1] in OUTLET_NOUNS:  # "..., the network announced"
            org = outlet_named_before(ctx, sent)
        else:
            name = sent.name_at(sent.tok_at(t.start(1)), "org")
            if name is not None and name.end == t.end(1):
                org = name
    else:
        say = _SAYS_THAT.search(text, max(sent.start, m.start() - 40), m.start())
        if say is not None:
            k = sent.tok_at(say.start() + 1)
            org = sent.name_before(k, "org")
    if org is None or org.possessive or ctx.is_work(org.text) or ctx.looks_person_strict(org.text) \
            or fold(org.text) in ctx.person_keys or reads_as_person(ctx, org.text):
        return
    located = locate_works(ctx, sent)
    subject = next((w for w in located if w[1] == a or w[1] == a - 1 and sent.t(a - 1) in ("”", '"', "’", "'")), None)
    # ("after the thriller X was commissioned by", "‘A,’ ‘B,’ ‘C’ Renewed at AMC")
    work = work_mention(ctx, sent, *subject) if subject is not None else work_ref(ctx, sent, 0, a)
    works = [work]
    if subject is not None:
        # "New dramas A, B and C were picked up at KBX": each work of the subject list
        earlier = [w for w in located if w[1] <= subject[0]]
        first = subject
        for w in reversed(earlier):
            if not _TOGETHER.fullmatch(text, sent.toks[w[1] - 1].end, sent.toks[first[0]].start):
                break
            works.insert(0, work_mention(ctx, sent, *w))
            first = w
    agents = [org]
    if by is not None and sent.t(org.j) == "and" and is_cap(sent.t(org.j + 1)):  # "co-commissioned by A and B"
        second = org_at(sent, org.j + 1)
        if second is not None and not second.possessive and not ctx.is_work(second.text) and not reads_as_person(ctx, second.text) \
                and fold(second.text) not in ctx.person_keys:
            agents.append(second)
    for o in agents:
        om = ctx.mention(o, "Organization", o.start)
        for w in works:
            ctx.fact(w, "distributor", om, sent, 0.75)


#: The end of a broadcaster's or a streamer's name: "Kestrel Network", "Orbis TV", "Lumen Channel".
_BROADCASTER_END = re.compile(r"\b(?:TV|Network|Channel|Television|Plus|Max|Now|Go|Play)$")


#: What may stand between the announcing verb and the work: "announced plans for", "confirmed the return of".
_ANNOUNCED_OF = (r"(?:plans\s+for\s+|the\s+(?:return|renewal|revival|launch|arrival|premiere)\s+of\s+"
                 r"|the\s+(?:cast|first\s+look|trailer|teaser|premiere\s+date|key\s+art)\s+(?:for|of)\s+)?")
#: "A today announced that it is developing an untitled legal drama", "A also announced an
#: upcoming comedy series starring ...": the company announces a work it describes.
_ANNOUNCED_WORK = re.compile(r"\b(?:announced|announces|unveiled|unveils|confirmed|confirms)\s+(?:that\s+it\s+is\s+(?:developing|producing)\s+)?"
                            + _ANNOUNCED_OF +
                            r"(?:(?:an?|its)\s+(?:(?:brand|new|upcoming|untitled|original|scripted|[a-z]+-(?:part|episode|hour))\s+){1,3}"
                            r"|(?:the\s+)?(?:(?:new|upcoming|untitled|original|scripted|[a-z]+-(?:part|episode|hour))\s+){1,3})(?:[a-z]+\s+){0,2}?"
                            r"(?:series|drama|comedy|thriller|show|docuseries|miniseries|film|movie)\b")


#: A title right after the announcing verb.
_ANNOUNCED_TITLE = re.compile(r"\b(?:announced|announces|unveiled|unveils|confirmed|confirms|revealed|reveals)\s+" + _ANNOUNCED_OF
                             + r"(?:(?:the|its|a|an|their)\s+)?(?:(?:(?!(?:for|of|to|with|by|in|on|at|from|that|and)\b)[a-z]+(?:-[a-z]+)*\s+){0,4}?"
                             r"(?:series|drama|comedy|thriller|show|film|movie),?\s+)?(?=[“\"‘A-Z])")


#: A company's premiere of a quoted title, in the present: "On Friday Lumen debuts “Harrow”".
_DEBUTS_QUOTED = re.compile(r"\b(?:debuts|premieres|launches)\s+(?=[“\"‘])")


def _announced_work(ctx, sent):
    """The described work's company, when it is the sentence's announcing subject (not a
    person met before: "Ellery also announced an upcoming comedy")."""
    subj = sent.name_at(subject_start(sent), "org")
    f = fold(subj.text) if subj is not None else ""
    if not f or f in ctx.person_keys or any(p.endswith(" " + f) for p in ctx.person_keys):
        return
    for m in _ANNOUNCED_WORK.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_before(m.end())
        announcer(ctx, sent, sent.tok_at(m.start()), work_ref(ctx, sent, k, k + 1))
    for m in list(_ANNOUNCED_TITLE.finditer(ctx.text, sent.start, sent.end)) + list(_DEBUTS_QUOTED.finditer(ctx.text, sent.start, sent.end)):
        k = sent.tok_at(m.end())  # "Kestrel has announced The Lovers, starring ...": the title itself
        w = [x for x in locate_works(ctx, sent) if x[0] in (k, k + 1)]
        if w:
            announcer(ctx, sent, sent.tok_at(m.start()), work_mention(ctx, sent, *w[0]))


def _spinoff_after(sent, j):
    """The title ending before token ``j`` is followed by "spinoff" (or "prequel", "sequel") and no
    title of the new work: "has picked up the “Harbor Nine” spinoff starring ..."."""
    j += sent.t(j) in ("”", '"', "’", "'")
    return sent.t(j).lower() in ("spinoff", "spin-off", "prequel", "sequel") and not is_cap(sent.t(j + 1)) \
        and sent.t(j + 1) not in ("“", '"', "‘", "'")


def _credit_of_person_after(sent, j):
    """ "ordered a pilot based on “Iron Crown” author A's novella": a title that a credit noun
    after it (token ``j`` on) ties to a person is that person's earlier work, not the one ordered
    (a "spinoff" after the title is not: "orders 'Harbor Nine' spinoff X" orders from its network)."""
    j += sent.t(j) in ("”", '"', "’", "'")
    return (sent.t(j).lower() in ROLE_WORDS or sent.t(j).lower() in ("author", "star", "scribe", "alum")) and is_cap(sent.t(j + 1))


def rule_renewer(ctx, sent):
    """ "<Org> has renewed/ordered/greenlit X" anywhere in a sentence, and "the network has
    renewed the drama" after a sentence whose subject is the company: distributor."""
    text = ctx.text
    low = sent.text.lower()
    if "announc" in low or "unveil" in low or "confirm" in low or "reveal" in low or "debuts" in low or "premieres" in low or "launches" in low:
        _announced_work(ctx, sent)
    if not any(w in low for w in _ORDER_WORDS):
        return  # the verb's stems: most sentences need no regular-expression scan
    if " been " in low or " by " in low or " at " in low:
        _reported_renewal(ctx, sent)
    for m in _ORDER_VERB.finditer(text, sent.start, sent.end):
        if m.start() > sent.start and text[m.start() - 1].isalnum():
            continue
        before = text[max(sent.start, m.start() - 60):m.start()]
        k = sent.tok_before(m.start())
        org = None
        if _OUTLET_NOUN.search(before) or _OUTLET_SAYS.search(before):
            org = outlet_named_before(ctx, sent)
        elif k > 0:
            name = sent.name_before(k, "org")
            if name is not None and name.i > 0 and not name.possessive and name.text not in _NOT_ORG and "-to-" not in name.text \
                    and not ctx.is_work(name.text) and not ctx.looks_person_strict(name.text) \
                    and (sent.t(name.i - 1) in (",", "—") or sent.t(name.i - 1).lower() in ("and", "after", "as", "when", "that")) \
                    and not any(a <= name.i < b for a, b, _ in locate_works(ctx, sent)):
                org = name
        j = sent.tok_at(m.end())
        given = _ORDERS_TO.match(text, m.end(), sent.end)
        if given is not None:
            j = sent.tok_at(given.end())  # "handed out series orders to the drama X, comedy Y and Z"
        works = [w for w in locate_works(ctx, sent) if w[0] >= j and not _credit_of_person_after(sent, w[1])]
        spun = bool(works) and works[0][0] <= j + 6 and _spinoff_after(sent, works[0][1])
        if spun:
            works = works[1:]  # "picked up the “Harbor Nine” spinoff": the spinoff is the text's work, not its parent
            work = work_ref(ctx, sent, 0, 0)
        else:
            work = work_mention(ctx, sent, *works[0]) if works and works[0][0] <= j + 6 else work_ref(ctx, sent, j, len(sent.toks))
        platform = _for_platform(ctx, sent, j)
        if platform is not None:
            org = platform  # "Quarry has ordered a new drama ... for Quarry TV+": the service it is for
        if org is None and any(sent.t(x).lower() in JOB_TITLE_HEADS for x in range(max(0, k - 24), k)):
            # "Kestrel president Dave Neve used his platform to renew X": the executive's company
            employers = {id(f.o): f.o for f in ctx.facts if f.p == "employer" and f.sent is sent}
            if len(employers) == 1:
                om = next(iter(employers.values()))
                ctx.fact(work, "distributor", om, sent, 0.7)
                for w in _renewed_together(sent, works) if works else ():
                    ctx.fact(work_mention(ctx, sent, *w), "distributor", om, sent, 0.65)
                continue
        if org is None:
            first = sent.span_text(*works[0][:2]) if works else ""
            if spun:
                announcer(ctx, sent, j, work)
                if works and re.search(r"\b(?:as well as|along with)\b", ctx.text[sent.toks[j].start:sent.toks[works[0][0]].start]):
                    for w in works[:1] + _renewed_together(sent, works):  # "... spinoff as well as the drama “Tundra”"
                        announcer(ctx, sent, j, work_mention(ctx, sent, *w))
            elif works and not reads_as_person(ctx, first):
                # "Tessaly today announced it has greenlit ... Trial": the announcing company
                announcer(ctx, sent, j, work_mention(ctx, sent, *works[0]))
                if works[0][0] <= j + 6:
                    for w in _renewed_together(sent, works):  # "A also ordered “X” and “Y.”"
                        announcer(ctx, sent, j, work_mention(ctx, sent, *w))
            continue
        om = ctx.mention(org, "Organization", org.start)
        ctx.fact(work, "distributor", om, sent, 0.75)
        if works and works[0][0] <= j + 6:
            for w in _renewed_together(sent, works):
                ctx.fact(work_mention(ctx, sent, *w), "distributor", om, sent, 0.7)
        break
