"""Credits: creator, showrunner, executive and co-executive producer, director, writer.

Three shapes cover the releases seen: passive "executive produced by A, B and C", role
appositives and predicates ("X, showrunner", "X serves as co-executive producer for
<Org>") and verbs ("X directs the first two episodes"). A company met in a credit list is
a production company, not a person.
"""

from __future__ import annotations

import re

from ..context import MAIN
from ..firstnames import is_given_name
from ..grammar import JOB_TITLE_HEADS, MAKER_NAME, Name, is_cap
from ...names import fold
from .anchor import reads_as_person
from .organisations import listed_works_after
from .people import company_named, list_before, people_list, person_names, resolve_pronoun, subject_names, ctx_chars_before
from .roles import (COMPOUND_RX, COMPOUND_SUFFIX, CREDIT_KINDS, CREDITS_INCLUDE, DESCRIPTORS, GERUND_ROLES, NOT_A_CREDIT_BEFORE, PARTICIPLE_LIST, ROLE_NOUN, ROLE_NOUNS,
                    ROLE_WORDS, paren_role_codes, participle_roles, role_relations, slash_roles)
from .works import WORK_NOUN_RE, locate_works, located_earlier, title_after, work_mention, work_ref


ROLE_PHRASE = re.compile(rf"\b{ROLE_NOUN}\b", re.I)


#: What may stand between a subject and its credit verb, read back from the verb (a prefix of
#: the patterns would be tried at every character): "Jane Roe is set to direct", "John Doe is
#: attached to write", "she is directing".
_AUX_BEFORE = re.compile(r"(?:\b(?:is|are|was|were|has been|have been|has|have)\s+(?:(?:now|also)\s+)?)?(?P<part>\b(?:set|attached|slated|expected|"
                         r"tapped|poised|due|signed on|on board|come on board|in talks|in negotiations|hired|agreed)\s+)?$", re.I)


def _verb_start(text, sent, m):
    """Where a credit verb's clause starts: before an auxiliary ("is set to direct", "is
    writing") when one stands right before the match, else at the match."""
    aux = _AUX_BEFORE.search(text, max(sent.start, m.start() - 40), m.start())
    if aux and (aux.group("part") and m.group().lower().startswith("to ") or not aux.group("part") and m.group().endswith("ing")):
        return aux.start()
    return m.start()


VERB_ROLE = [
    (re.compile(r"(?:also |will |to |would |jointly |together )*(?:co[-–])?exec(?:utive)?[- ]prod(?:uces|uce|uced|ucing)?\b", re.I), "EP"),
    (re.compile(r"(?:also |will |to |would |be )*(?:directs?|directed|directing|co-direct(?:s|ed)?|helm(?:s|ed|ing)?|will direct)\b", re.I), "director"),
    (re.compile(r"(?:also |will |to |would |jointly )*(?:wrote|writes|write|writing|penned|pens|pen|penning|scripted|co-wrote|co-writes|co-write|co-writing)\b", re.I), "writer"),
    (re.compile(r"(?:also |will |to |would |originally )*(?:created|developed|co-created|creates|develops|adapted|create|co-create)\b", re.I), "creator"),
    (re.compile(r"(?:also |will |to |would |jointly )*(?:co-)?showrun(?:s|ning)?\b", re.I), "showrunner"),
]

#: Words each pattern of VERB_ROLE cannot match without (a cheap test before the patterns, whose
#: leading repeated group makes them try every character); re.I also reads these as i and s.
_VERB_ROLE_CUES = {"EP": ("exec",), "director": ("direct", "helm"), "writer": ("wr", "pen", "script"),
                   "creator": ("creat", "develop", "adapted"), "showrunner": ("showrun",)}
_IGNORECASE_EXTRA = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


#: "wrote in collaboration with A": the people after it share the credit.
_IN_COLLABORATION = re.compile(r"\s*in\s+collaboration\s+with\s+(?=[A-Z])")


VERB_ROLE_OBJ = re.compile(
    r"\s*(?:(?:the|this|its|both|all|each|every|several|two|three|four|first|second|last|final|new|original|premiere|pilot|opening|"
    r"series|show|drama|film|movie|it|episodes?|season|seasons|finale|premiere|installment|together|as well|of|one|five|six|"
    r"seven|eight|nine|ten|\d+)\b[ ,]*)*",
    re.I,
)


CREDIT_BY = [
    (re.compile(r"\bco[-–]executive[- ]produced by(?:\s+|(?=(?-i:[A-Z][a-z])))", re.I), "coEP"),
    (re.compile(r"\b(?<![-–])executive[- ]produced by(?:\s+|(?=(?-i:[A-Z][a-z])))", re.I), "EP"),
    (re.compile(r"\b(?:co-)?created (?:for (?:television|tv|the screen|streaming|netflix) |and written |and developed )?by(?:\s+|(?=(?-i:[A-Z][a-z])))", re.I), "creator"),
    (re.compile(r"\b(?:co-)?developed (?:for (?:television|tv|the screen|streaming) )?by(?:\s+|(?=(?-i:[A-Z][a-z])))", re.I), "creator"),
    (re.compile(r"\bbrainchild of\s+(?=[A-Z])", re.I), "creator"),  # "the show is the brainchild of A & B"
    (re.compile(r"\b(?:adapted|reimagined|re-imagined) (?:for (?:television|tv|the screen|screen|the small screen|the stage) )?by(?:\s+|(?=(?-i:[A-Z][a-z])))", re.I), "creator"),
    (re.compile(r"\b(?:directed|helmed) by(?:\s+|(?=(?-i:[A-Z][a-z])))", re.I), "director"),
    (re.compile(r"\b(?:co-)?showrun by\s+", re.I), "showrunner"),
    (re.compile(r"\b(?:written|scripted|penned) (?:for the screen )?by(?:\s+|(?=(?-i:[A-Z][a-z])))|\b(?:teleplay|screenplay|script|story) by(?:\s+|(?=(?-i:[A-Z][a-z])))", re.I), "writer"),
    (re.compile(r"\b(?<![-–])(?<!executive )(?<!executive-)(?:co-)?produced (?:in-house |for [A-Z][^,.;]{0,40}? )?by\s+|\bin association with\s+|\bco-production (?:with|of|between)\s+|"
                r"\bin partnership with\s+|\bproduction companies\s+(?:are\s+|include\s+)?|\bmade by\s+(?=[A-Z])", re.I), "productionCompany"),
]


def credit_work(ctx, sent, lo, hi):
    """The work the credits in tokens [lo, hi) are about: the last one named there that is
    no one's earlier credit, else the section's work."""
    works = [w for w in locate_works(ctx, sent) if w[0] >= lo and w[1] <= hi and not located_earlier(sent, w[0], w[1])]
    if not works:
        return work_ref(ctx, sent, 0, 0)
    return work_mention(ctx, sent, *works[-1])


_GAME_BEFORE = re.compile(r"\b(?:games?|franchise|app|podcast|format|technology)\s+$", re.I)
_BOOK_BEFORE = re.compile(r"\b(?:books?|novels?|novellas?|memoirs?|stories|comics?)\s+(?:of\s+the\s+same\s+name\s+)?$", re.I)


def _emit_people(ctx, sent, items, rel, work, conf=0.9, k=0):
    """Facts for a credits list: rel for people (and their role words), productionCompany for companies."""
    names = [n for n, _, _ in items if not isinstance(n, str)]
    company_list = rel == "productionCompany" and names and not any(fold(n.text) in ctx.person_keys for n in names) \
        and (any(ctx.looks_org(n.text) for n in names) or all(org is None for _, _, org in items) and all(not is_given_name(n.text.split()[0]) for n in names))
    # "co-produced by Quillmark and Tarn Jump": names no given name opens are companies, as a
    # person credited for the first time is named in full
    for name, roles, org in items:
        if isinstance(name, str):
            people = resolve_pronoun(ctx, sent, k, name)
        else:
            people = [name]
        for p in people:
            if ctx.is_work(p.text):
                continue
            if ctx.looks_org(p.text) or company_list:
                if getattr(p, "possessive", False) and sent.t(p.j + 1)[:1].islower():
                    continue  # "produced by A, Quillon's sister studio": the owner in an appositive
                if rel in ("productionCompany",) or rel == "EP":
                    ctx.fact(work, "productionCompany", ctx.mention(p, "Organization", p.start), sent, conf)
                continue
            if rel == "productionCompany" and org is None:
                continue  # people "produced by" get no fact
            pm = ctx.person(p)
            for r in ([rel] if rel and rel != "productionCompany" else []) + roles:
                ctx.fact(work, {"EP": "executiveProducer", "coEP": "coExecutiveProducer"}.get(r, r), pm, sent, conf)
            if org is not None:
                om = ctx.mention(org, "Organization", org.start)
                ctx.fact(pm, "employer", om, sent, conf * 0.9)
                ctx.fact(work, "productionCompany", om, sent, conf * 0.9)


def _all_companies(ctx, items):
    """Whether a credits list names companies only."""
    return bool(items) and all(not isinstance(n, str) and org is None and ctx.looks_org(n.text) for n, _, org in items)


def _titles_by_writers(ctx, sent):
    """ "Undertow by Ros Keller, Tidelines by Amos Pell and Second Cousins by A and B will each
    begin filming": a commission list that pairs each title with its author names its writers.
    Two pairs at least, so that one "X by Y" (a film's director, a book's author) is not read so."""
    pairs = []
    for i, j, f in locate_works(ctx, sent):
        k = j + (sent.t(j) in ("”", '"', "’"))
        if sent.t(k) == "by" and is_cap(sent.t(k + 1)):
            items, _ = people_list(ctx, sent, k + 1, False)
            names = [a for a, _, org in items if not isinstance(a, str) and org is None and ctx.looks_person(a.text)]
            if names:
                pairs.append((work_mention(ctx, sent, i, j, f), names))
    if len(pairs) < 2:
        return
    for work, names in pairs:
        for n in names:
            ctx.fact(work, "writer", ctx.person(n), sent, 0.7)


#: A credit participle shared with a cast verb: "was created by and stars A and B".
_BY_AND_STARS = re.compile(r"\b(?P<part>(?:co-)?created|written|directed|(?:co-)?executive produced)\s+by\s+and\s+(?:also\s+)?"
                           r"(?:stars|starring|co-stars|co-starring)\s+(?=[A-Z])", re.I)


def _by_and_stars(ctx, sent):
    """ "The comedy was created by and stars Abi Jacobs and Ilana Glass": the people after the
    cast verb hold the credit too (the cast rule reads their casting)."""
    for m in _BY_AND_STARS.finditer(ctx.text, sent.start, sent.end):
        items, _ = people_list(ctx, sent, sent.tok_at(m.end()), False)
        work = credit_work(ctx, sent, 0, sent.tok_at(m.start()))
        people = [it for it in items if not isinstance(it[0], str) and it[2] is None and ctx.looks_person(it[0].text)]
        _emit_people(ctx, sent, people, participle_roles(m.group("part"))[0], work, 0.8)


def rule_credits(ctx, sent):
    low = sent.text.lower()
    if " by" not in low and " with " not in low and "production" not in low and "brainchild" not in low:
        return
    if " by and " in low:
        _by_and_stars(ctx, sent)
    if low.count(" by ") >= 2:
        _titles_by_writers(ctx, sent)
    done = set()
    for m in PARTICIPLE_LIST.finditer(ctx.text, sent.start, sent.end):
        # "created, written and executive produced by A": every relation for every name
        rels = participle_roles(m.group("list"))
        k = sent.tok_at(m.end())
        work = credit_work(ctx, sent, 0, sent.tok_before(m.start()))
        items, _ = people_list(ctx, sent, k, companies="productionCompany" in rels)
        for r in rels:
            _emit_people(ctx, sent, items, r, work, 0.9, k)
        done.add(m.end())
    for rx, rel in CREDIT_BY:
        for m in rx.finditer(ctx.text, sent.start, sent.end):
            if m.end() in done:
                continue
            if rel == "writer" and _BOOK_BEFORE.search(ctx.text, max(sent.start, m.start() - 32), m.start()):
                continue  # "the books written by Arvid Nyman": an author (the source-work rule's)
            if rel == "creator" and _GAME_BEFORE.search(ctx.text, max(sent.start, m.start() - 12), m.start()):
                continue  # "the video game franchise developed by Hollow Lantern": the source's maker
            k = sent.tok_at(m.end())
            before = sent.tok_before(m.start())
            work = _described_title_before(ctx, sent, before) or credit_work(ctx, sent, 0, before)
            # a character "created by" X is createdBy, not the work's creator
            if rel == "creator" and re.search(r"\b(?:character|characters|role)s?\W*$", ctx.text[max(sent.start, m.start() - 25):m.start()], re.I):
                items, _ = people_list(ctx, sent, k, False)
                chars = ctx_chars_before(ctx, sent, m.start())
                for name, _, _ in items:
                    if not isinstance(name, str) and chars:
                        ctx.fact(chars[-1], "createdBy", ctx.person(name), sent, 0.8)
                continue
            items, end = people_list(ctx, sent, k, companies=rel == "productionCompany")
            work = _fronted_work(ctx, sent, end) or work
            rels = rel.split("+")
            for r in rels:
                _emit_people(ctx, sent, items, r, work, 0.9, k)
            if rels == ["productionCompany"] and sent.t(end) == "with" and _all_companies(ctx, people_list(ctx, sent, end + 1, companies=True)[0]):
                # "produced by Tessera with A Productions and B Entertainment": a one-word company before companies
                for name, _, org in items:
                    if not isinstance(name, str) and org is None and not ctx.looks_org(name.text) \
                            and fold(name.text) not in ctx.person_keys and not ctx.looks_person(name.text):
                        ctx.fact(work, "productionCompany", ctx.mention(name, "Organization", name.start), sent, 0.8)
            end = _past_relative(sent, end)
            # "... by A and B alongside C, D and E"
            while sent.t(end).lower() in ("alongside", "with") or (sent.t(end).lower() == "along" and sent.t(end + 1) == "with") or (sent.t(end).lower() == "as" and sent.t(end + 1) == "well"):
                end += 2 if sent.t(end).lower() in ("along", "as") else 1
                if sent.t(end).lower() == "as":
                    end += 1
                more, end2 = people_list(ctx, sent, end)
                if not more:
                    break
                own = _TAIL_ROLES.match(ctx.text, sent.toks[end2].end if end2 < len(sent.toks) and sent.t(end2) == "," else
                                        (sent.toks[end2].start if end2 < len(sent.toks) else sent.end), sent.end)
                tail_rels = rels
                gerund = _TAIL_GERUND.match(ctx.text, sent.toks[end2].start, sent.end) if end2 < len(sent.toks) else None
                if gerund:
                    # "written by A, with B directing all episodes": B's own credit (none for "producing", "starring")
                    tail_rels = [GERUND_ROLES[re.sub(r"[\s–-]+", " ", gerund.group(1).lower())]] if gerund.group(1) else []
                elif own:
                    # "created by A and B, with C and D serving as executive producers": their own role
                    tail_rels = [{"executiveProducer": "EP", "coExecutiveProducer": "coEP"}.get(r, r)
                                 for r in _role_span(ctx, sent, own.group("roles"))]
                for r in tail_rels:
                    _emit_people(ctx, sent, [(a, [], c) for a, _, c in more], r, work, 0.85, k)
                end = end2


def _described_title_before(ctx, sent, b):
    """ "and 2024 Christmas film, Sprocket, directed by A": the title between commas after a
    work noun, right before the credit (token b is the comma after it), or None."""
    if sent.t(b - 1) != ",":
        return None
    name = sent.name_before(b - 1, "title")
    if name is None or name.possessive or sent.t(name.i - 1) != "," or not sent.t(name.i - 2).islower() \
            or not WORK_NOUN_RE.match(sent.t(name.i - 2)) or ctx.looks_person(name.text):
        return None
    located = [w for w in locate_works(ctx, sent) if w[0] == name.i and w[1] == name.j]
    return work_mention(ctx, sent, *located[0]) if located else ctx.mention(name, "Work", name.start)


#: Words that open a credit clause put before its work: "Created by A, the series ...",
#: "From X creator A and co-created by B and C, the untitled new series ...".
_FRONTED = frozenset("Created Co-created Developed Written Directed Helmed Penned Scripted Produced Executive From Adapted".split())


def _fronted_work(ctx, sent, end):
    """The work right after a fronted credit clause that ends at token ``end`` (its comma),
    or None: the clause's people are that work's, not the section's."""
    if sent.t(0) not in _FRONTED:
        return None
    if sent.t(end) == ",":
        end += 1
    elif sent.t(end - 1) != ",":  # the list may have read its closing comma
        return None
    at = end + (sent.t(end) in ("the", "this", "The"))
    for i, j, f in locate_works(ctx, sent):
        if i in (end, at):
            return work_mention(ctx, sent, i, j, f)
    return None


#: A credit verb in -ing after the people of a "with" tail: "with John Doe directing".
_TAIL_GERUND = re.compile(r"\s*(?:also\s+)?(?:((?:co[-–])?executive[- ]producing|directing|writing|showrunning)|producing|starring|as\b)", re.I)


#: A role of its own after a "with" tail: "with C and D serving as executive producers".
_TAIL_ROLES = re.compile(
    r"\s*(?:(?:who\s+)?(?:will\s+|also\s+)*(?:serving|serve|serves)\s+)?as\s+(?:the\s+|its\s+|an?\s+)?"
    rf"(?P<roles>{ROLE_NOUNS})",
    re.I,
)


#: "A and B as new executive producers and co-showrunners" after a name.
_AS_ROLES = re.compile(
    r"(?<=[\w.)])\s+as\s+(?:(?:the|an?|its|new|lead|sole)\s+)*"
    rf"(?P<roles>{ROLE_NOUNS})\b",
    re.I,
)


#: A sentence that opens with the role: "Executive producers for <Title> are A, B and C".
_ROLES_ARE = re.compile(
    r"(?:The\s+)?(?:(?:series|show)(?:['’]s?)?\s+)?(?:(?:additional|other|fellow|new|returning)\s+)?(?P<roles>(?:co[-–])?executive[- ]producers|"
    r"(?:co[-–])?executive[- ]producing team|co[-–]?showrunners|showrunners|co-creators|"
    r"creators|directors|writers)(?:\s+(?:for|of|on)\s+[^,;.]{1,60}?)?\s+(?:are|include|includes|included|were|is|was)(?:\s+|(?<=are)(?=(?-i:[A-Z][a-z])))(?=[A-Z])",
    re.I,
)


#: A verb phrase that takes a post, between a name and "as <role>": "is joining the series",
#: "has come aboard", "will stay on".
_TAKES_POST = re.compile(r"\s+(?:(?:is|are|will|has|have|was|also|now|be|been|set|to)\s+)*"
                         r"(?:join|joins|joining|joined|return|returns|returning|come|comes|coming|came|step|steps|stepping|"
                         r"board|boards|boarding|sign|signs|signed|stay|stays|staying|remain|remains|continue|continues)"
                         r"(?:\s+(?:on|in|up|aboard))?(?:\s+(?:the|this)\s+(?:series|show|project|drama|comedy|film))?\s*")


#: What makes the credit verb after it someone's earlier work: "who is best known for directing".
_KNOWN_FOR = re.compile(r"\b(?:known|famous|famed|celebrated|praised|lauded)\s+for\s+$", re.I)


#: A studio after a directing or writing verb: "would direct for Amazon MGM Studios".
_FOR_MAKER = re.compile(r"\s*for\s+(?P<org>(?:[A-Z][\w&.+-]*\s+){0,3}(?:Studios?|Pictures|Films|Productions|Entertainment|Television))\b")


#: Words before a role noun that make its name a character of the story: "follows aspiring
#: writer A", "the story of a struggling director B".
_PLOT_BEFORE = frozenset("follows following about aspiring struggling budding would-be failed fictional".split())


#: A sentence that opens on its credit and puts the people after a copula: "Also executive
#: producing are A and B", "Executive producing alongside Roe are A and B", "Joining Roe as
#: executive producers are A and B", "The show's creator and showrunner is A".
_INVERTED_CREDIT = re.compile(
    r"(?:(?:Also|Additionally|Further|Meanwhile),?\s+)?(?:(?P<verb>(?:co[-–])?executive[- ]producing|writing|directing)"
    r"(?:\s+(?:the|this)\s+(?:series|show|film|movie|drama|comedy|project))?"  # "Also executive producing the series are"
    r"|(?:Joining|Serving)\s+(?:[A-Z][\w'-]*\s+){0,3}?as\s+"
    rf"(?:the\s+)?(?P<roles>{ROLE_NOUNS})"
    rf"|(?:The|Its)\s+(?:series|show|film|movie|drama|comedy)(?:['’]s|['’])\s+(?P<owned>{ROLE_NOUNS}))"  # "The show's creator and showrunner is A"
    r"(?:\s+(?:alongside|with)\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})?,?\s+(?:are|is|will be)\s+(?=[A-Z])",
    re.I)


#: A sentence that opens on a team whose members carry their roles in parentheses: "The
#: creative team includes A (creator/exec producer), B (exec producer) and C (director)".
_TEAM_INCLUDES = re.compile(
    r"(?:The\s+|Its\s+|Their\s+)?(?:(?:series['’]s?|show['’]s?|key|core)\s+)?(?:creative|producing|production|writing)\s+team\s+"
    r"(?:(?:for|of|on|behind)\s+[^,;.]{1,60}?\s+)?(?:includes|included|include|is|are|comprises|features)\s+(?=[A-Z])",
    re.I,
)


def _role_span(ctx, sent, m):
    """Relations named by a role phrase ("co-showrunners and executive producers")."""
    return role_relations(m)


_ROLE_APPOS = re.compile(
    r",\s+(?:(?:the|an?|its|his|her|their|fellow|also|both|longtime|original|series|(?:show|series|drama|comedy|film)['’]s?|and|acclaimed|celebrated|prolific|award|[\w-]*(?:winning|nominated)|"
    r"(?-i:[A-Z])[\w:'-]*(?:\s+(?-i:[A-Z])[\w:'-]*){0,3})\s+){0,5}"
    rf"(?P<roles>{ROLE_NOUNS})"
    r"(?P<tail>\s+(?:for|of|at|on|with)\s+)?",
    re.I,
)


#: The words coordinated after a role noun, up to the next comma: "director and country head,".
_AND_MORE_TITLE = re.compile(r"\s+(?:and|&)\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s*(?=[,;:]|$)")


#: The comma before a speaker's company after the speaker's role: "A, Executive Producer, Drama Republic:".
_SPEAKER_COMPANY = re.compile(r",\s+(?=[A-Z])")


_ROLE_PRED = re.compile(
    r"(?P<verb>,?\s*(?:who\s+)?(?:also\s+|will\s+|now\s+|again\s+|currently\s+|previously\s+|has\s+|have\s+|had\s+|been\s+)*(?:serves?|served|serving|will serve|(?:is\s+|are\s+)?(?:set|slated|expected|due|tapped) to serve|is|are|was|were|remains?|"
    r"will remain|will be|to be|would be|(?:is |are )?attached|acts?|will act|joins?|joined|signed on|comes? on(?:board)?|boards?|returns?|return|continues?|continue|steps in|stepped in|take over|takes over|took over|"
    r"has been named|have been named|was named|were named|named|tapped|hired)\s+(?:(?:also|now|again|still)\s+)?(?:on ?board\s+)?(?:as\s+)?(?:the\s+|an?\s+|its\s+|lead\s+)?)"
    rf"(?P<roles>{ROLE_NOUNS})",
    re.I,
)


#: Role nouns in lower case right before a capitalised name ("executive producer and
#: showrunner Jane Roe").
_ROLE_CHAIN = re.compile(rf"(?<![\w-])(?P<roles>{ROLE_NOUNS})\s+(?=[A-Z])", re.I)


#: Credit verbs in -ing that open a fronted clause ("Besides creating X, A is ...").
_CREDIT_GERUNDS = frozenset("creating co-creating producing writing directing developing co-writing".split())


def _past_relative(sent, end):
    """Where a credits list goes on after a relative clause on its last item ("by A through
    Media Red, which also serves as the studio, along with B"): the token after the clause's
    closing comma when "along with", "alongside" or "with" follows it, else ``end``."""
    k = end + (sent.t(end) == ",")
    if sent.t(k) != "which":
        return end
    close = next((x for x in range(k + 1, min(len(sent.toks), k + 15)) if sent.t(x) in (",", ";", ".")), None)
    if close is not None and sent.t(close) == "," and (sent.t(close + 1) in ("alongside", "with")
                                                       or sent.t(close + 1) == "along" and sent.t(close + 2) == "with"):
        return close + 1
    return end


#: A fronted clause of a credit verb: "Besides creating Vesta's Blue Harbor, A is ...".
_FRONTED_CREDIT = re.compile(r"(?:Besides|Beyond|After|Before|While|Since|In addition to)\s+(?P<verb>co-creating|creating|writing|directing|"
                             r"executive producing|showrunning)\s+(?:the\s+)?")
_FRONTED_RELATION = {"co-creating": "creator", "creating": "creator", "writing": "writer", "directing": "director",
                     "executive producing": "executiveProducer", "showrunning": "showrunner"}


def _fronted_credit(ctx, sent):
    """ "Besides creating Vesta's Blue Harbor, Dana Holt is ...": the subject after the clause's
    comma holds that credit on the title in it (after a company's possessive or a description)."""
    m = _FRONTED_CREDIT.match(ctx.text, sent.start, sent.end)
    if m is None:
        return
    k = sent.tok_at(m.end())
    owner = sent.name_at(k, "org")
    if owner is not None and owner.possessive:
        k = owner.j + 1
    while sent.t(k)[:1].islower() and k < sent.tok_at(m.end()) + 5:
        k += 1  # "Vesta's drama Pitchfork"
    title = title_after(sent, k)
    if title is None or title.possessive or sent.t(title.j) != "," or ctx.looks_org(title.text) or fold(title.text) in ctx.person_keys:
        return
    subject = sent.name_at(title.j + 1, "name")
    if subject is None or subject.possessive or not (ctx.looks_person(subject.text) or fold(subject.text) in ctx.person_keys
                                                     or ctx.surname_in_text(subject.text)):
        return
    ctx.fact(ctx.mention(title, "Work", title.start), _FRONTED_RELATION[m.group("verb")], ctx.person(subject), sent, 0.8)


def _credits_include(ctx, sent):
    """ "Murray's writing credits include “Sons of Ash,” “Luke Vance” and “The Clone Years”": the
    person's earlier works, each with the relation the kind of credit names."""
    for k, tok in enumerate(sent.toks):
        if tok.text not in ("'s", "’", "'") or not is_cap(sent.t(k - 1)):
            continue
        m = CREDITS_INCLUDE.match(ctx.text, tok.end, sent.end)
        rel = CREDIT_KINDS.get((m.group("kind") or "").lower()) if m else None
        who = sent.name_before(k, "name") if rel else None
        if who is None or not ctx.looks_person(who.text) and fold(who.text) not in ctx.person_keys:
            continue
        works = [w for w in locate_works(ctx, sent) if w[0] >= sent.tok_at(m.end())]
        first = sent.tok_at(m.end()) + (sent.t(sent.tok_at(m.end())) in ("“", '"', "‘"))
        if not works or works[0][0] not in (first - 1, first):
            continue
        first_work = work_mention(ctx, sent, *works[0])
        for w in [first_work] + listed_works_after(ctx, sent, first_work):
            ctx.fact(w, rel, ctx.person(who), sent, 0.75)


#: People producing for a company: "Jane Tranter and Julie Gardner produce for Bad Wolf".
_PRODUCE_FOR = re.compile(r"\s+(?:(?:also|will|both|all|each|jointly)\s+)*(?:produce|produces|producing)\s+for\s+(?=[A-Z])")


def _produce_for(ctx, sent):
    """ "A, B and C produce for Bad Wolf": a producer credited with a company makes it the
    work's production company and the person's employer (no producer relation for them)."""
    for m in _PRODUCE_FOR.finditer(ctx.text, sent.start, sent.end):
        org = sent.name_at(sent.tok_at(m.end()), "org")
        if org is None or org.possessive or ctx.is_work(org.text) or ctx.looks_person_strict(org.text) \
                or sent.t(org.j) not in (".", ",", ";", ""):
            continue
        names, _ = subject_names(ctx, sent, sent.tok_at(m.start() + len(m.group()) - len(m.group().lstrip())))
        people = [n for n in names if not isinstance(n, str) and ctx.looks_person(n.text)] if not isinstance(names, str) else []
        if not people:
            continue
        om = ctx.mention(org, "Organization", org.start)
        ctx.fact(credit_work(ctx, sent, 0, people[0].i), "productionCompany", om, sent, 0.75)
        for p in people:
            ctx.fact(ctx.person(p), "employer", om, sent, 0.75)


def rule_roles(ctx, sent):
    text = ctx.text
    low = sent.text.lower()
    if "credits" in low:
        _credits_include(ctx, sent)
    if "produc" in low and " for " in low:
        _produce_for(ctx, sent)
    if "ing " in sent.text[:40]:
        _fronted_credit(ctx, sent)
    if "-" in sent.text and COMPOUND_RX.search(sent.text):
        _compound_credits(ctx, sent)
    if not any(w in low for w in ("produc", "exec", "screenplay", "script", "showrun", "creator", "direct", "writ", "wrote", "creat", "develop", "adapt", "helm", "pen")):
        return
    # "X, Y and Z, co-showrunners and executive producers" / "Ferrand, an executive producer on the series,"
    has_role = ROLE_PHRASE.search(sent.text) is not None
    for m in (_ROLE_APPOS.finditer(text, sent.start, sent.end) if has_role else ()):
        j = sent.tok_before(m.start())
        roles = _role_span(ctx, sent, m.group("roles"))
        if not roles or not m.group("tail") and is_cap(sent.t(sent.tok_at(m.end("roles")))):
            continue  # "by A, showrunner B, C": the role word is B's, not A's
        also = _AND_MORE_TITLE.match(text, m.end("roles"), sent.end)
        if also and any(w.lower() in JOB_TITLE_HEADS for w in also.group(1).split()):
            continue  # "says A, director and country head, Lumen India": a job title, no credit
        if sent.t(j - 1).lower() in ROLE_WORDS or sent.t(j - 1).lower() in DESCRIPTORS:
            continue  # "known as a writer, director, and producer": a list of roles, not an appositive
        names, _ = subject_names(ctx, sent, j)
        if isinstance(names, str) or not names:
            continue
        names = [n for n in names if not isinstance(n, str)]
        if not all(ctx.looks_person(n.text) or len(n.text.split()) == 1 for n in names):
            continue
        org = None
        if m.group("tail"):
            o = sent.name_at(sent.tok_at(m.end("tail")), "org")
            if o and ctx.looks_org(o.text):
                org = o
        elif _SPEAKER_COMPANY.match(text, m.end("roles")):
            # "A and B, Executive Producers, Drama Republic, added:": the company the speakers are with
            o = sent.name_at(sent.tok_at(_SPEAKER_COMPANY.match(text, m.end("roles")).end()), "org")
            if o and not o.possessive and (ctx.looks_org(o.text) or fold(o.text) in ctx.org_keys) \
                    and re.match(r"\s*(?::|,\s*(?:added|said|says|adds|commented|explained|noted)\b)", text[o.end:o.end + 20]):
                org = o
        held_on = _works_on(ctx, sent, sent.tok_at(m.end("roles"))) if m.group("tail") and org is None else []
        if not held_on and m.group("roles")[:1].isupper() and m.group("tail") and m.group("tail").strip().lower() == "of":
            continue  # "Nora Vance, Director of Original Programming, Lumen": a job title, no credit
        for work in held_on or [None]:  # "Jane Roe, creator of “Foo Town,” will ...": Foo Town's creator
            _assign_roles(ctx, sent, names, roles, org, j, 0.85, work)
    # "Abel Stroud, who also serves as showrunner" / "Wren Halloway serves as co-executive producer for X"
    for m in (_ROLE_PRED.finditer(text, sent.start, sent.end) if has_role else ()):
        j = sent.tok_before(m.start())
        names, _ = subject_names(ctx, sent, j)
        if re.match(r",\s*who\s+(?:also\s+|will\s+|now\s+)*(?:is|was|serves|served|remains|joins|joined|returns|takes|took|steps|stepped)\b",
                    m.group("verb")) and isinstance(names, list) and len(names) > 1:
            names = names[-1:]  # "by A and B, who is also showrunner": the relative clause is B's
        roles = _role_span(ctx, sent, m.group("roles"))
        items = _with_list_before(ctx, sent, j) if re.match(r"\s*serving\b", m.group("verb")) else []
        if items:
            # "..., with Scott Roe of Calla Pictures and Ned Farrow serving as executive producers"
            _assign_items(ctx, sent, items, roles, j, 0.85)
            continue
        if isinstance(names, str):
            names = resolve_pronoun(ctx, sent, j, names)
        if not names and j > 0:
            names = _coordinated_subject(ctx, sent, j) or _group_noun_subject(ctx, sent, j)  # "A, who created the series and also serves as EP"
        if not names:
            continue
        org = None
        k = sent.tok_at(m.end())
        if sent.t(k) in ("for", "at", "of", "with") and sent.t(k) != "with":
            o = sent.name_at(k + 1, "org")
            if o and ctx.looks_org(o.text):
                org = o
        subject_org = _company_of_subject(ctx, sent, j) if org is None else None
        if subject_org is not None:
            names, org = subject_org  # "Pointer Pictures' A, B and C also serve as executive producers"
        # ("Besides creating Lumen's Blue Harbor, A is ...": the object of a fronted credit verb is no producer)
        names = [n for n in names if isinstance(n, str) or not any(sent.t(x).lower() in _CREDIT_GERUNDS for x in range(max(0, n.i - 3), n.i))]
        held_on = _works_on(ctx, sent, k) if org is None else []
        if not held_on and org is None and sent.t(k) == "on" and is_cap(sent.t(k + 1)) and m.group("verb").strip().lower().startswith(("is", "was")):
            # "A is an executive producer on Murders in the Tower": a title the text names nowhere else
            # (of two words at least: one word after "on" is as often a network)
            t = sent.name_at(k + 1, "title")
            if t is not None and " " in t.text and not ctx.looks_org(t.text) and fold(t.text) not in ctx.org_keys | ctx.person_keys:
                held_on = _titles_at(ctx, sent, k + 1)
        if not names:
            continue
        for work in held_on or [None]:
            _assign_roles(ctx, sent, names, roles, org, j, 0.85, work)
        if org is None and sent.t(k) == "," and sent.t(k + 1) in ("succeeding", "replacing"):
            # "will take over as showrunner and executive producer, succeeding Jane Roe": hers before
            prior = sent.name_at(k + 2, "name")
            if prior is not None and not prior.possessive and ctx.looks_person(prior.text):
                _assign_roles(ctx, sent, [prior], roles, None, j, 0.8)
        if org is not None:
            _gapped_credit(ctx, sent, org.j, roles, j)
        # "is showrunner alongside Inés Caldera", "as an executive producer for Season 3, alongside A"
        k0 = k
        while k < k0 + 5 and sent.t(k).lower() in ("for", "on", "in", "of", "the", "season", "series", ",") or \
                k < k0 + 5 and k > k0 and (sent.t(k).isdigit() or sent.t(k) in ("Season", "Seasons")):
            k += 1
        if sent.t(k - 1) != "," and k != k0:
            k = k0
        if org is not None:
            k = k0
        if sent.t(k).lower() in ("alongside", "with") or (sent.t(k) == "along" and sent.t(k + 1) == "with"):
            more, end = people_list(ctx, sent, k + (2 if sent.t(k) == "along" else 1), False)
            # "serves as showrunner and executive producer alongside X", "who are executive producers
            # and directors along with X": X shares the producer credit only, else the last role
            # (and "along with A and B of <Org>": their company)
            shared = ["executiveProducer"] if "executiveProducer" in roles else roles[-1:]
            if end < len(sent.toks) and _TAIL_GERUND.match(ctx.text, sent.toks[end].start, sent.end):
                shared = []  # "serves as showrunner, with A and B as executive producers": theirs, read on their own
            _assign_items(ctx, sent, more, shared, j, 0.8)
    # "Executive producers for “The Lamplight” are Pellham, Aaron Vesey, Nora Kestrel Hale"
    m = _ROLES_ARE.match(text, sent.start, sent.end)
    if m:
        items, _ = people_list(ctx, sent, sent.tok_at(m.end()), True)
        items = [it for it in items if not isinstance(it[0], str) and (ctx.looks_person(it[0].text) or fold(it[0].text) in ctx.person_keys
                                                                      or ctx.surname_in_text(it[0].text))]
        roles = m.group("roles").lower()
        rels = ["coExecutiveProducer" if roles.startswith("co") else "executiveProducer"] if "producing" in roles else _role_span(ctx, sent, roles)
        _assign_items(ctx, sent, [(a, [], org) for a, _, org in items], rels, 0, 0.8)
        # "Executive producers include showrunner Jane Roe, ...": her own role too
        _emit_people(ctx, sent, [it for it in items if it[1]], None, credit_work(ctx, sent, 0, len(sent.toks)), 0.8)
    # "Jane Roe (showrunner) and John Doe (director) executive produce": roles in parentheses
    if "(" in sent.text:
        for k, tok in enumerate(sent.toks):
            if tok.text != "(" or ")" not in sent.words(k, k + 10):
                continue
            close = sent.words(k, k + 10).index(")") + k
            codes = paren_role_codes(sent.span_text(k + 1, close))
            name = sent.name_before(k, "name") if codes else None
            if name is not None and not name.possessive and ctx.looks_person(name.text):
                rels = [{"EP": "executiveProducer", "coEP": "coExecutiveProducer"}.get(c, c) for c in codes]
                _assign_roles(ctx, sent, [name], rels, None, k, 0.8)
    # "Also executive producing are A and B", "Joining Roe as executive producers are A and B"
    m = _INVERTED_CREDIT.match(text, sent.start, sent.end)
    if m:
        code = GERUND_ROLES[re.sub(r"[\s–-]+", " ", m.group("verb").lower())] if m.group("verb") else None
        roles = m.group("roles") or m.group("owned")
        rels = _role_span(ctx, sent, roles) if roles else [{"EP": "executiveProducer", "coEP": "coExecutiveProducer"}.get(code, code)]
        items, end = people_list(ctx, sent, sent.tok_at(m.end()), False)
        end -= sent.t(end - 1) == ","  # (the list's end is after its closing comma)
        if sent.t(end) == "," and sent.t(end + 1) in ("alongside", "with") and is_cap(sent.t(end + 2)):
            more, _ = people_list(ctx, sent, end + 2, False)  # "Directing is A (Riot), alongside B (Rake) and C"
            items += more
        _assign_items(ctx, sent, items, rels, 0, 0.8)
    # "The creative team includes A (creator/exec producer), B (head writer)": each name's own roles
    m = _TEAM_INCLUDES.match(text, sent.start, sent.end)
    if m:
        items, _ = people_list(ctx, sent, sent.tok_at(m.end()), True)
        work = credit_work(ctx, sent, 0, sent.tok_at(m.end()))
        _emit_people(ctx, sent, [it for it in items if not isinstance(it[0], str) and it[1]], None, work, 0.8)
    # "with Rob Castellan and Joy Brannock as new executive producers and co-showrunners"
    for m in (_AS_ROLES.finditer(text, sent.start, sent.end) if has_role else ()):
        j = sent.tok_before(m.start())
        if sent.t(j - 1) in ("role", "roles") and sent.t(j - 2).lower() in ("his", "her", "their"):
            # "continuing his roles as executive producer, writer and director of “Marrow Creek”"
            names = resolve_pronoun(ctx, sent, j - 2, "they" if sent.t(j - 2).lower() == "their" else "he")
        else:
            names, _ = subject_names(ctx, sent, j)
            if not names:
                # "Charles Murray is joining the series as showrunner": over the verb that takes the post
                b = next((x for x in range(j - 1, max(-1, j - 8), -1) if not sent.t(x)[:1].islower()), -1)
                if b >= 0 and (is_cap(sent.t(b)) or sent.t(b) == ",") and _TAKES_POST.fullmatch(text, sent.toks[b].end, sent.toks[j].start):
                    # (", who is under a deal at X, is joining": the relative clause is skipped there)
                    names, _ = subject_names(ctx, sent, b + 1)
        if isinstance(names, str) or not names:
            continue
        names = [n for n in names if not isinstance(n, str) and ctx.looks_person(n.text)]
        for work in _works_on(ctx, sent, sent.tok_at(m.end())) or [None]:
            _assign_roles(ctx, sent, names, _role_span(ctx, sent, m.group("roles")), None, j, 0.8, work)
    # "from exec producer and showrunner Lucía Serrat": several role nouns before names
    for m in (_ROLE_CHAIN.finditer(text, sent.start, sent.end) if has_role else ()):
        roles = role_relations(m.group("roles"))
        k = sent.tok_at(m.start())
        if len(roles) < 2 or sent.t(k - 1).lower() in ("as", "the", "a", "an") or not m.group()[0].islower() and k > 0:
            continue  # one role is read below; "as the writer and director X" names a character;
            # a capital opens the chain only at the sentence's start ("Creator and writer Pellow said")
        items, _ = people_list(ctx, sent, sent.tok_at(m.end()), False)
        names = [a for a, _, org in items if not isinstance(a, str) and (ctx.looks_person(a.text) or " " not in a.text
                 and (fold(a.text) in ctx.person_keys or ctx.surname_in_text(a.text)))]  # "Pellow" of "Jack Pellow"
        if not m.group("roles").endswith("s"):
            names = names[:1]  # singular roles name one person
        _assign_roles(ctx, sent, names, roles, None, k, 0.8, credit_work(ctx, sent, 0, k))
    # "showrunner Hal Brenner", "co-showrunners A and B"
    for k, t in enumerate(sent.toks):
        low = t.text.lower()
        if low in ROLE_WORDS and (t.text[0].islower() or k == 0) and is_cap(sent.t(k + 1)):
            if sent.t(k - 1).lower() in ("executive", "co-executive"):
                continue
            b = k - 1
            while b > k - 4 and sent.t(b)[:1].islower() and sent.t(b) not in ("as",):
                b -= 1
            if sent.t(b) == "as":
                continue  # "rounds out the ensemble as hospital director Victor Hale": a character
            if any(sent.t(x).lower() in _PLOT_BEFORE for x in range(max(0, b), k)):
                continue  # "follows aspiring writer Casey Peel": a character of the story
            if sent.t(k - 1).lower() in NOT_A_CREDIT_BEFORE.get(ROLE_WORDS[low], ()):
                continue  # "the trilogy by comic book writer Jeff Roe", "casting director Jane Roe": no credit
            earlier = _earlier_title_before(ctx, sent, k)
            if earlier is True:
                continue  # "from Velvet Alibis creator Marc Dunmore": an earlier credit
            items, _ = people_list(ctx, sent, k + 1, False)
            names = [a for a, _, _ in items if not isinstance(a, str) and ctx.looks_person(a.text) or (not isinstance(a, str) and len(a.text.split()) == 1 and fold(a.text) in ctx.person_keys)]
            if not low.endswith("s"):
                names = names[:1]  # "by A, showrunner B, C and D": the role word is B's alone
            roles = ROLE_WORDS[low].split("+")
            head, _, mod = sent.t(k - 1).lower().rpartition("/")
            if mod in ("new", "incoming", "former", "departing", "returning") and slash_roles(head):
                roles = [r for r in slash_roles(head) if r != "EP"] + roles  # "co-creator/new showrunner Bette Amundsen"
            _assign_roles(ctx, sent, names, roles, None, k, 0.8, earlier)
        if "/" in low and (t.text[0].islower() or k == 0) and is_cap(sent.t(k + 1)) and slash_roles(low):
            # "from executive producers/showrunners/writers A and B"
            roles = slash_roles(low)
            if sent.t(k - 1).lower() not in ("executive", "co-executive"):
                roles = [r for r in roles if r != "EP"]
            elif sent.t(k - 1).lower() == "co-executive":
                roles = ["coEP" if r == "EP" else r for r in roles]
            rels = [{"EP": "executiveProducer", "coEP": "coExecutiveProducer"}.get(r, r) for r in roles]
            items, _ = people_list(ctx, sent, k + 1, False)
            names = [a for a, _, _ in items if not isinstance(a, str) and ctx.looks_person(a.text)]
            _assign_roles(ctx, sent, names, rels, None, k, 0.8, credit_work(ctx, sent, 0, k))
        if low in ("producer", "producers") and sent.t(k - 1).lower() in ("executive", "co-executive", "co–executive") and t.text[0].islower() and \
                (is_cap(sent.t(k + 1)) or sent.t(k + 1).lower() in ("are", "include", "were", "includes", ":") and is_cap(sent.t(k + 2))):
            items, _ = people_list(ctx, sent, k + 1 + (not is_cap(sent.t(k + 1))), False)
            names = [a for a, _, _ in items if not isinstance(a, str) and ctx.looks_person(a.text)]
            role = "executiveProducer" if sent.t(k - 1).lower() == "executive" else "coExecutiveProducer"
            _assign_roles(ctx, sent, names, [role], None, k, 0.8)
    # verbs: "he executive produces the series with A and B", "Ashdown also directed the first two episodes"
    verbs = sent.text.translate(_IGNORECASE_EXTRA).lower()
    for rx, role in VERB_ROLE:
        if not any(cue in verbs for cue in _VERB_ROLE_CUES[role]):
            continue
        for m in rx.finditer(text, sent.start, sent.end):
            if m.start() > sent.start and (text[m.start() - 1].isalnum() or text[m.start()].isupper()):
                continue  # "Tiderock Studios, Scripted, said": a job title's word, not a verb
            if _KNOWN_FOR.search(text, max(sent.start, m.start() - 24), m.start()):
                continue  # "best known for directing many episodes of A and B": earlier credits
            j = sent.tok_before(_verb_start(text, sent, m))
            after = text[m.end():sent.end]
            named, after_named = _works_at(ctx, sent, _past_description(sent, sent.tok_at(m.end())), True)
            # ("who created The Saltmarsh Files", "directed Ember and Drift", "created family drama This Is Now")
            if not named and role == "director":
                star = sent.name_at(sent.tok_at(m.end()), "name")  # "who directed Okafor in Double Blindside"
                if star is not None and sent.t(star.j) == "in" and is_cap(sent.t(star.j + 1)):
                    named = _works_at(ctx, sent, star.j + 1) or _titles_at(ctx, sent, star.j + 1)
                    if not named:
                        continue  # the star's earlier film, unnamed here: not this work's credit
            if role == "creator" and not named:
                # only "created the series", "who developed it," -- not "created in his 1992 debut"
                if not re.match(r"\s*(?:(?:the|this) (?:series|show|drama|comedy|film|movie|adaptation|pilot)|it)\b|\s*[,.;]|\s*$", after, re.I) \
                        and not _ADAPTED_FOR_SCREEN.match(after) \
                        and not (re.match(r"\s*and\s", after) and not re.match(r"\s*and\s+(?:[\w-]+\s+){0,2}by\b", after)):
                    continue  # "which Jane Roe created and will direct" reads on; "created and produced by" does not
                if re.match(r"\s*(?:by|in|for)\b", after):
                    continue
            if role == "EP" and re.match(r"\s*by\b", after):
                continue
            if role == "director" and _OWN_SCRIPT.match(after):
                rel_more = ["writer"]  # "will be directing from his own script"
            else:
                rel_more = []
            maker = _FOR_MAKER.match(after) if role in ("director", "writer") else None
            if role in ("director", "writer") and re.match(r"\s*(?:by|in|for)\b", after) and not _IN_COLLABORATION.match(after) \
                    and maker is None:
                continue  # (but "would direct for Amazon MGM Studios": the studio makes it)
            if role == "writer" and _PAGE_WORK_AFTER.match(after):
                continue  # "Jane Roe wrote the book on which the series is based", "writes the sharpest spy stories": an author
            if role == "writer" and not named and re.match(r"\s*(?:on|that|to|about|of|online|:|,\s*[\"“]|[\"“])", after):
                continue  # "He wrote on social media", "she wrote that": words, not a credit
            names, _ = subject_names(ctx, sent, j)
            subject_org = _company_of_subject(ctx, sent, j)
            if subject_org is not None:
                names, subject_org = subject_org  # "Ashley Fox of FilmLine Entertainment will executive produce"
            if isinstance(names, str):
                names = resolve_pronoun(ctx, sent, j, names)
            else:
                expanded = []
                for n in names:
                    if isinstance(n, str) and n.startswith("__pron__"):
                        word, at = n[8:].split("@")
                        expanded += resolve_pronoun(ctx, sent, int(at), word)
                    else:
                        expanded.append(n)
                names = expanded
            rel = {"EP": "coExecutiveProducer" if re.match(r"(?:\w+ )*co[-–]", m.group(), re.I) else "executiveProducer"}.get(role, role)
            if len(names) == 1 and not isinstance(names[0], str) and sent.t(j - 1) == "who" and sent.t(j - 2) == "," \
                    and re.search(r"\b(?:produce|write|direct|showrun)$", m.group(), re.I) and not re.search(r"\b(?:will|to|would)\b", m.group(), re.I):
                # "created by Anton Rusk and Graham Pellew, who executive produce with X": a plural verb, both
                names = list_before(ctx, sent, names[0], always=True)
            if not names and j > 0:
                # a second predicate: "X serves as showrunner and executive produces", "A and B wrote and directed"
                names = _coordinated_subject(ctx, sent, j) or _group_noun_subject(ctx, sent, j)
            if not names and j > 0:
                continue
            obj = VERB_ROLE_OBJ.match(text, m.end(), sent.end)
            k = sent.tok_at(obj.end())
            if named:  # "who created “Iron Orchard” with A": the people after the title
                k = max(k, after_named)
            if sent.words(k, k + 3) == ["in", "collaboration", "with"]:
                k += 2  # "who wrote in collaboration with A, B and C": co-writers
            org, k = _company_after_verb(ctx, sent, k)
            if maker is not None and org is not None and subject_org is None:
                # "would direct for Amazon MGM Studios": the studio makes the work; it employs no director
                ctx.fact(credit_work(ctx, sent, 0, j) if not named else named[0], "productionCompany",
                         ctx.mention(org, "Organization", org.start), sent, 0.75)
                org = None
            org = subject_org or org  # ("A of JAX Media executive producing for <Network>": the company is A's)
            if org is not None and sent.t(k) == "," and sent.t(k + 1).lower() in ("alongside", "with", "along"):
                k += 1  # "executive produce for Redkite Productions, alongside Marlin"
            for work in named or [None]:
                _assign_roles(ctx, sent, names, [rel] + rel_more, org, j, 0.8, work)
            if named and sent.t(k) == "," and (sent.t(k + 1).lower() in ("with", "alongside") or sent.t(k + 1) == "along"):
                k += 1  # "exec produce Harrowgate, alongside A, B and C"
            if sent.t(k) == "," and org is None and (sent.t(k + 1).lower() in ("with", "alongside")
                                                     or sent.t(k + 1) == "along" and sent.t(k + 2) == "with"):
                k += 1  # "Amy Pohl executive produces, along with A, B and C"
            if sent.t(k).lower() in ("with", "alongside") or (sent.t(k) == "along" and sent.t(k + 1) == "with"):
                more, _ = people_list(ctx, sent, k + (2 if sent.t(k) == "along" else 1), False)
                _assign_items(ctx, sent, more, [rel], j, 0.8)
    if "debut of" in sent.text.lower():
        _debut_of(ctx, sent)
    if "director" in sent.text and " chair" in sent.text:
        _directors_chair(ctx, sent)
    if "produc" in sent.text.lower():
        _subject_companies_produce(ctx, sent)
        _company_produces(ctx, sent)
    # after the verbs, whose people it may name: "his directorial debut, “Hotel Calloway,”", "her original screenplay for Dust or Deep Water"
    if "his " in verbs or "her " in verbs or "their " in verbs:
        for m in _OWN_WORK.finditer(text, sent.start, sent.end):
            k = sent.tok_at(m.end())
            if m.group(2).lower() == "directorial debut" and sent.t(k) in ("with", "on"):
                k += 1  # "will make her directorial debut with the film"
                if sent.t(k).lower() in ("the", "this") and WORK_NOUN_RE.match(sent.t(k + 1)):
                    works = [work_ref(ctx, sent, 0, 0)]
                    people = [n for n in person_names(ctx, sent, 0, sent.tok_at(m.start())) if ctx.looks_person(n.text)][-1:]
                    _assign_roles(ctx, sent, people, ["director"], None, k, 0.8, works[0])
                    continue
            works = _works_at(ctx, sent, k) or _titles_at(ctx, sent, k + (sent.t(k) in ("“", '"', "‘")))
            people = [n for n in person_names(ctx, sent, 0, sent.tok_at(m.start()))
                      if fold(n.text) in ctx.person_keys or is_given_name(n.text.split()[0])]  # not "an Ashgrove Award"
            people = people[-2:] if m.group(1).lower() == "their" else people[-1:]
            rel = "director" if m.group(2).lower().startswith("direct") else "writer"
            for work in works[:1]:
                _assign_roles(ctx, sent, people, [rel], None, k, 0.8, work)


#: What an author writes, after a writing verb: "the book", "a memoir", "the sharpest, funniest spy stories".
_PAGE_WORK_AFTER = re.compile(r"\s*(?:the|a|an|her|his|their)\s+(?:[\w-]+,?\s+){0,3}?(?:book|novel|memoir|play|article|comic|bestseller|"
                              r"stor(?:y|ies)|poem|essay|column)s?\b", re.I)


#: "X adapted the novel for television", "developed the books for the screen": a creator.
_ADAPTED_FOR_SCREEN = re.compile(r"\s*(?:the|his|her|their|its|(?-i:[A-Z])[\w'’-]*['’]s?)\s+(?:[\w'’-]+\s+){0,3}?(?:novels?|books?|memoirs?|plays?|comics?|podcasts?|stor(?:y|ies))"
                                 r"\s+for\s+(?:television|tv|the screen|the small screen|streaming)\b", re.I)


#: "directs from her own script", "will direct from a screenplay he wrote": the director's script.
_OWN_SCRIPT = re.compile(r"\s*(?:(?:the|this) (?:film|movie|feature|pilot|project) )?from (?:his|her|their) own (?:script|screenplay)\b"
                         r"|\s*(?:(?:the|this) (?:film|movie|feature|pilot|project) )?from an? (?:script|screenplay) (?:he|she|they) (?:wrote|penned)\b", re.I)


#: A plain producing verb after its subject: "A of Falder Pictures and B will produce the project".
_PRODUCE_VERB = re.compile(r"\s*(?:(?:will|would|also|are|is|to|set to)\s+)*(?:co-)?produc(?:e|es|ing)\b(?!\s+by\b)", re.I)


def _subject_companies_produce(ctx, sent):
    """ "Lena Brask of Falder Pictures, Ian Moro and Rae Quell of Ninefold Films will produce
    the project": the producers get no fact, the companies they are "of" are the work's
    production companies and their employers. Only a subject list that opens the sentence."""
    items, end = people_list(ctx, sent, 0, True)
    if end <= 0 or end >= len(sent.toks) or not any(org is not None for _, _, org in items):
        return
    if not _PRODUCE_VERB.match(ctx.text, sent.toks[end - 1].end, sent.end):
        return
    if re.match(r"\s*(?:co-)?produc", ctx.text[sent.toks[end].start:sent.end], re.I) is None \
            and sent.t(end).lower() not in ("will", "would", "also", "are", "is", "to", "set"):
        return
    _emit_people(ctx, sent, items, "productionCompany", credit_work(ctx, sent, end, len(sent.toks)), 0.8)


#: "Tessel, which produces the series, ...": the company before the clause makes the work.
_WHICH_PRODUCES = re.compile(r",\s+which\s+(?:also\s+)?(?:co-)?produces\s+(?:the|this)\s+(?:series|show|film|drama|comedy|project|feature)\b", re.I)
#: "A, B and C will produce via Skydance": the company the producers work through.
_PRODUCE_VIA = re.compile(r"\s+(?:(?:will|would|also|are|is|to|set to)\s+)*(?:co-|executive\s+)?produce\s+(?:via|through)\s+(?=[A-Z])")


def _company_produces(ctx, sent):
    """ "Tessel, which produces the series" and "A and B will produce via Skydance": the
    company is a production company of the work; the producers via it are its people."""
    for m in _WHICH_PRODUCES.finditer(ctx.text, sent.start, sent.end):
        org = sent.name_before(sent.tok_at(m.start()), "org")
        if org is not None and not org.possessive and not ctx.looks_person(org.text) and not ctx.is_work(org.text):
            ctx.fact(credit_work(ctx, sent, 0, org.i), "productionCompany", ctx.mention(org, "Organization", org.start), sent, 0.8)
    for m in _PRODUCE_VIA.finditer(ctx.text, sent.start, sent.end):
        org = sent.name_at(sent.tok_at(m.end()), "org")
        if org is None or org.possessive or ctx.looks_person_strict(org.text) or ctx.is_work(org.text):
            continue
        om = ctx.mention(org, "Organization", org.start)
        ctx.fact(credit_work(ctx, sent, 0, org.i), "productionCompany", om, sent, 0.8)
        last = sent.name_before(sent.tok_at(m.start() + 1), "name")
        if last is not None and not last.possessive and ctx.looks_person(last.text):
            for p in list_before(ctx, sent, last, always=True, surnames=True):
                ctx.fact(ctx.person(p), "employer", om, sent, 0.75)
        if "executive" in m.group() and sent.t(org.j) in ("alongside", "with"):
            more, _ = people_list(ctx, sent, org.j + 1, False)  # "will executive produce through X alongside B": B too
            _assign_items(ctx, sent, more, ["executiveProducer"], org.j, 0.75)


#: "The drama marks the directorial debut of actor Tamsin Orr": the work's director, after
#: lower-case words that describe her.
_DEBUT_OF = re.compile(r"\b(?:marks|mark|will mark|is|will be|serves as)\s+(?:the|a)\s+(?:feature\s+)?directorial\s+debut\s+of\s+(?:(?-i:[a-z])[\w-]*\s+){0,3}")


def _debut_of(ctx, sent):
    """ "The surreal drama marks the directorial debut of actor Tamsin Orr": Orr directs the work
    the sentence is about (its subject, else the section's)."""
    for m in _DEBUT_OF.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.end())
        person = sent.name_at(k, "name")
        if person is None or person.possessive or not ctx.looks_person(person.text):
            continue
        work = credit_work(ctx, sent, 0, sent.tok_before(m.start()))
        ctx.fact(work, "director", ctx.person(person), sent, 0.8)


#: "with Tamsin Orr in the director's chair", "Orr will be in the director's chair".
_DIRECTORS_CHAIR = re.compile(r"\s+(?:(?:is|will be|was|sits|will sit|takes|will take)\s+)?in\s+the\s+director['’]s\s+chair\b")


def _directors_chair(ctx, sent):
    """The person "in the director's chair" directs the work the sentence is about."""
    for m in _DIRECTORS_CHAIR.finditer(ctx.text, sent.start, sent.end):
        person = sent.name_before(sent.tok_at(m.start() + 1), "name")
        if person is None or person.possessive or not ctx.looks_person(person.text) or ctx.is_work(person.text):
            continue
        work = credit_work(ctx, sent, 0, person.i)
        ctx.fact(work, "director", ctx.person(person), sent, 0.8)


#: A person's own earlier work named by its credit: "his directorial debut, “Hotel Calloway,”",
#: "her original screenplay for Dust or Deep Water".
_OWN_WORK = re.compile(r"\b(his|her|their)\s+(?:(?:original|first|acclaimed|feature|latest)\s+)?"
                       r"(directorial debut|(?:screenplay|script|teleplay)\s+for)\s*,?\s*", re.I)


def _with_list_before(ctx, sent, j):
    """The people of a "with A of <Org> and B" list that ends right before token j (the
    "serving as" of its role), each with their company; [] when there is none."""
    for w in range(j - 1, max(0, j - 20), -1):
        if sent.t(w) in (".", ";"):
            break
        if sent.t(w) == "with":
            items, end = people_list(ctx, sent, w + 1, False)
            return items if end == j else []
    return []


def _past_description(sent, k):
    """The token after a description that opens at token k and ends in a kind of work ("family
    drama", "the ABC comedy"), or k when none does: where the title it introduces starts."""
    q = k + (sent.t(k).lower() in ("the", "a", "an", "his", "her", "their"))
    q0 = q
    while q < q0 + 4 and (sent.t(q)[:1].islower() and sent.t(q).isalpha() or sent.t(q).isupper() and len(sent.t(q)) <= 5):
        if WORK_NOUN_RE.match(sent.t(q)) and sent.t(q).islower() and (is_cap(sent.t(q + 1)) or sent.t(q + 1) in ("“", '"', "‘")):
            return q + 1
        q += 1
    return k


def _works_at(ctx, sent, k, with_end=False):
    """The works named from token k on, a title or a list of them ("Double Blindside and
    Tallhouse"), as mentions ([] when no known title starts at k); with ``with_end``, also
    the index after the last title and its closing quote."""
    out, end = [], k
    for i, j, f in locate_works(ctx, sent):
        at = i - (sent.t(i - 1) in ("“", '"', "‘", "'"))
        if at == k:
            out.append(work_mention(ctx, sent, i, j, f))
            k = end = j + (sent.t(j) in ("”", '"', "’", "'"))
            k += sent.t(k) == ","
            if sent.t(k) in ("and", "&"):
                k += 1
    return (out, end) if with_end else out


def _works_on(ctx, sent, k):
    """The works a role phrase ending before token k is held on ("serves as a writer on Corvane
    Video's popular series The Grafters", "showrunner on such series as A, and B", "a writer for
    the first two seasons of Odd Miracles"), or []: the first title within a few words of
    "on" / "for", before any comma or new clause."""
    if sent.t(k) not in ("on", "for", "of"):
        return []
    starts = {w[0] - (sent.t(w[0] - 1) in ("“", '"', "‘")) for w in locate_works(ctx, sent)}
    for t in range(k + 1, min(k + 10, len(sent.toks))):
        if t in starts:
            return _works_at(ctx, sent, t)
        if sent.t(t) in ("as", "like") and sent.t(t - 1) in ("series", "shows", "projects") and is_cap(sent.t(t + 1)):
            return _titles_at(ctx, sent, t + 1)  # "on such series as The Hollow Acre, and Corliss"
        if sent.t(t) in (",", ".", ";", "and", "with", "alongside", "(", "who", "which"):
            break
    return []


def _titles_at(ctx, sent, k):
    """Capitalised titles from token k on, joined by "and" ("in Double Blindside and
    Tallhouse" after a credit verb and its star), as new work mentions."""
    out = []
    while is_cap(sent.t(k)):
        t = sent.name_at(k, "title")
        while t is not None and not t.possessive and sent.t(t.j) in ("or", "of", "in", "on", "the", "to", "for"):
            at = t.j + 1 + (sent.t(t.j + 1) in ("the", "a"))  # "Dust or Deep Water", "Wolves of the Grey Coast"
            more = sent.name_at(at, "title") if is_cap(sent.t(at)) else None
            if more is None:
                break
            t = Name(t.i, more.j, t.start, more.end, sent.span_text(t.i, more.j), [], more.possessive)
        if t is None or t.possessive or ctx.looks_person_strict(t.text):
            break
        out.append(ctx.mention(t, "Work", t.start))
        k = t.j + (sent.t(t.j) == ",")
        if sent.t(k) not in ("and", "&"):
            break
        k += 1
    return out


def _earlier_title_before(ctx, sent, k):
    """A title other than the sentence's own work that ends right before the role word at
    token k, or None: "Harbor Nine creator Dana Whitford" is Harbor Nine's creator (the work,
    a mention), "from Velvet Alibis creator Marc Dunmore" an earlier credit of a title not
    met as a work (True: no fact), "Harrow showrunner Hal Brenner" in a text about Harrow none."""
    p = k - 1 - (sent.t(k - 1) in ("”", '"', "’", "'"))
    if p < 0 or not (is_cap(sent.t(p)) or sent.t(p).isdigit()) or sent.t(p) in ("The", "A", "An") \
            or p == 0 and sent.t(p) in ("From", "With", "By", "And", "Also"):
        return None  # ("“Tin Soldier 3” scribe Drew Halberd": a title may end in a number; "From creators A
        # and B, ...": a preposition opens the sentence)
    own = credit_work(ctx, sent, 0, len(sent.toks))
    for i, j, f in locate_works(ctx, sent):
        if j == p + 1:
            return work_mention(ctx, sent, i, j, f) if own is MAIN or fold(own.name) != f else None
    b = p
    while b > 1 and p - b < 5 and is_cap(sent.t(b - 1)):
        b -= 1
    if sent.t(b - 1) in ("from", "From", "by", "with", "and", ","):
        return True  # "from Velvet Alibis creator"
    if b == 1 and is_cap(sent.t(0)):
        b = 0  # the title opens the sentence
    if b == 0 and not sent.headline and not WORK_NOUN_RE.match(sent.t(p).lower()) \
            and not ctx.looks_org(sent.span_text(b, p + 1)) and fold(sent.span_text(b, p + 1)) not in ctx.person_keys:
        return True  # "Quorum creator David Mandrake is behind ...", "The Family Pike creator Benjamin Pike": an unknown title's
    return None


def _gapped_credit(ctx, sent, k, roles, j):
    """ "A and B will continue as executive producers for Tessaly, and C for KRV": the verb and
    the roles left out after ", and", with a company of C's own."""
    if sent.t(k) != "," or sent.t(k + 1) != "and":
        return
    person = sent.name_at(k + 2, "name")
    if person is None or person.possessive or not ctx.looks_person(person.text) or sent.t(person.j) not in ("for", "at"):
        return
    org = _org_name_at(ctx, sent, person.j + 1)
    if org is not None and sent.t(org.j) in (".", ";", ""):
        _assign_roles(ctx, sent, [person], roles, org, j, 0.8)


def _org_name_at(ctx, sent, k):
    """A company's name at token k ("KRV Europe & Africa"), or None."""
    o = sent.name_at(k, "org") if is_cap(sent.t(k)) else None
    return o if o is not None and not o.possessive and (ctx.looks_org(o.text) or " " in o.text) and not ctx.is_work(o.text) else None


#: "under their X banner": the words that make X the credited people's company.
_BANNER_NOUNS = frozenset("banner banners shingle label company".split())


def _company_of_subject(ctx, sent, j):
    """ "Ashley Fox of FilmLine Entertainment will executive produce", "A and B of Hypnotic also
    executive produce": the people before "of <Company>" at the end of the subject that ends
    before token j, and the company; or None."""
    b = j - 1
    while b > 0 and sent.t(b) in ("will", "also", "to", "would", "both", "all", "jointly", "each"):
        b -= 1
    org = sent.name_before(b + 1, "org") if is_cap(sent.t(b)) else None
    if org is not None and ctx.looks_person(org.text) and " of " not in org.text:
        return _possessive_company_of_subject(ctx, sent, sent.name_before(b + 1, "name"))
    of = max((x for x in range(org.i + 1, org.j) if sent.t(x) == "of"), default=None) if org is not None else None
    if of is not None:  # an organisation's name keeps "of": "Ashley Fox of FilmLine Entertainment" is read whole
        org = Name(of + 1, org.j, sent.toks[of + 1].start, org.end, sent.doc_text[sent.toks[of + 1].start:org.end], [], org.possessive)
    if org is None or org.possessive or sent.t(org.i - 1) != "of" or ctx.is_work(org.text) or ctx.looks_person_strict(org.text) \
            or not (ctx.looks_org(org.text) or fold(org.text) in ctx.org_keys) and (reads_as_person(ctx, org.text) or fold(org.text) in ctx.person_keys):
        return None  # ("A and B of Titmouse": a company the text has not named before, but no person)
    last = sent.name_before(org.i - 1, "name")
    if last is None or last.possessive or not ctx.looks_person(last.text) or ctx.looks_org(last.text):
        return None
    return list_before(ctx, sent, last, always=True), org


def _possessive_company_of_subject(ctx, sent, last):
    """ "Pointer Pictures' A, B and C also serve as executive producers": the people of a subject
    list that opens on a maker's possessive, and the maker; or None."""
    if last is None or last.possessive:
        return None
    people = list_before(ctx, sent, last, always=True)
    p = people[0].i - 1
    if sent.t(p) not in ("'s", "'", "’"):
        return None
    org = sent.name_before(p, "org")
    if org is None or ctx.is_work(org.text) or ctx.looks_person_strict(org.text) \
            or not (MAKER_NAME.search(org.text) or fold(org.text) in ctx.org_keys) and (
                reads_as_person(ctx, org.text) or " " in org.text or org.i > 0 and sent.t(org.i - 1)[:1].islower()):
        return None  # (a one-word name no given name opens, like "Titmouse’s A and B", opening the subject, is a company's)
    return people, org


def _company_after_verb(ctx, sent, k):
    """The company a credit verb names for its subjects at token k, and the index after it:
    "also executive produce for Orchardgate Productions" (or "on behalf of"), "executive produce under their
    Cobalt Hour banner"."""
    # "for Orchardgate Productions", "on behalf of Streetlamp Pictures"
    at = k + 1 if sent.t(k) == "for" else k + 3 if (sent.t(k), sent.t(k + 1), sent.t(k + 2)) == ("on", "behalf", "of") else None
    if at is not None and sent.t(at) == "the" and company_named(ctx, sent, at + 1):
        at += 1  # "on behalf of the Gordon Company"
    if at is not None and is_cap(sent.t(at)):
        o = sent.name_at(at, "org")
        if o is not None and not o.possessive and ctx.looks_org(o.text) and not ctx.is_work(o.text):
            return o, o.j
    if sent.t(k) in ("under", "through", "via") and sent.t(k + 1) in ("their", "his", "her", "its", "the"):
        o = sent.name_at(k + 2, "org")
        if o is not None and not o.possessive and sent.t(o.j).lower() in _BANNER_NOUNS:
            return o, o.j + 1 + (sent.t(o.j + 1) == ",")
    return None, k


def _compound_credits(ctx, sent):
    """ "the Corwin Ellery Marsh-directed and -scripted Night Ledger": a credit in a
    hyphenated compound before the work's title (or before "pilot", "film": the text's work)."""
    for k, tok in enumerate(sent.toks):
        head, _, suffix = tok.text.rpartition("-")
        rel = COMPOUND_SUFFIX.get(suffix)
        if rel is None or not head or not is_cap(head):
            continue
        b = k
        while b > 0 and is_cap(sent.t(b - 1)) and sent.t(b - 1) not in ("The", "A", "An") and k - b < 4:
            b -= 1
        start, end = sent.toks[b].start, tok.start + len(head)
        # "the Kim Arden/Catherine Pell-led drama": two people
        names, at = [], start
        for part in ctx.text[start:end].split("/"):
            names.append(Name(b, k + 1, at, at + len(part), part))
            at += len(part) + 1
        if not all(ctx.looks_person(n.text) or fold(n.text) in ctx.person_keys for n in names):
            continue
        rels = [rel]
        j = k + 1
        while sent.t(j) == "and" and sent.t(j + 1) in ("-", "–") and sent.t(j + 2).lower() in COMPOUND_SUFFIX:
            rels.append(COMPOUND_SUFFIX[sent.t(j + 2).lower()])
            j += 3
        works = [w for w in locate_works(ctx, sent) if w[0] >= j and w[0] <= j + 3]
        if rels[0] == "castMember" and not sent.t(j)[:1].islower() and not (suffix == "starring" or works and works[0][0] == j):
            continue  # "the Greg Hollister-led Hollister Productions": a company's head, not a star
            # ("Titus Welliver-starring Bosch: Legacy": a star, before a title)
        title = title_after(sent, j) if not works and suffix == "starring" and is_cap(sent.t(j)) else None
        if title is not None and not title.possessive and not ctx.looks_org(title.text):
            work = ctx.mention(title, "Work", title.start)  # "Titus Welliver-starring Bosch: Legacy": the title after it
        else:
            work = work_mention(ctx, sent, *works[0]) if works else work_ref(ctx, sent, 0, 0)
        for name in names:
            pm = ctx.person(name)
            for r in rels:
                ctx.fact(work, {"EP": "executiveProducer"}.get(r, r), pm, sent, 0.8)


def _group_noun_subject(ctx, sent, j):
    """ "The duo will serve as co-showrunners": the people a group noun right before token j
    (its clause's verb) refers to, as "they" would; [] otherwise."""
    b = j - 1
    while b > 0 and sent.t(b).lower() in ("will", "also", "now", "both", "would"):
        b -= 1
    if sent.t(b).lower() in ("duo", "pair", "trio", "two", "three", "partners", "team") and sent.t(b - 1).lower() == "the":
        return resolve_pronoun(ctx, sent, b - 1, "they")
    if b == 0 and sent.t(0) == "Both":
        return resolve_pronoun(ctx, sent, 0, "they")  # "Both will executive produce": the two just named
    return []


def _coordinated_subject(ctx, sent, j):
    """The subject of the first of two coordinated predicates ending before token j.

    "Lauren Kemp Avery serves as showrunner and [executive produces]", "Matt Corrigan
    and Ross Corrigan also wrote and [directed]": back over "and" and a lower-case predicate
    (role words allowed) to the names that start the clause.
    """
    if sent.t(j - 1) != "and":
        return []
    b = j - 2
    while b >= 0 and b > j - 12 and sent.t(b)[:1].islower() and sent.t(b).replace("-", "").isalpha() and sent.t(b) not in ("who", "whom", "which", "that"):
        b -= 1
    if sent.t(b) in ("who", "whom", ")", ",") and b < j - 2:
        # "A, who created the series and also serves as", "A & B, both of whom executive produce and write",
        # "Erica Salem (“Undertow”) wrote the pilot and executive produces", "X, who created the
        # series, returns as showrunner and executive produces"
        names, _ = subject_names(ctx, sent, b + 1)
        return [] if isinstance(names, str) else [n for n in names if not isinstance(n, str) and ctx.looks_person(n.text)]
    if b < 0 or b == j - 2 or not is_cap(sent.t(b)):
        return []
    names, _ = subject_names(ctx, sent, b + 1)
    if isinstance(names, str):
        return resolve_pronoun(ctx, sent, b + 1, names)
    return [n for n in names if not isinstance(n, str)]


def _work_outside_clause(ctx, sent, names, j):
    """The work of a credit whose subject is followed by a clause of its own before the role at
    token j ("Jane Roe, who created “Adrift,” will executive produce the series"): the last work
    named outside that clause, else the section's; None when there is no such clause."""
    ends = [n.j for n in names if not isinstance(n, str) and sent.start <= n.start < sent.end and n.j < j]
    if not ends or "," not in sent.words(max(ends), j):
        return None
    a = max(ends)
    works = [w for w in locate_works(ctx, sent) if (w[1] <= a or w[0] >= j) and not located_earlier(sent, w[0], w[1])]
    return work_mention(ctx, sent, *works[-1]) if works else work_ref(ctx, sent, 0, 0)


def _with_shared_surname(sent, n):
    """ "John and Art Kessler": a given name alone before "and" and a full name with another
    given name takes that name's surname (John Kessler)."""
    if " " in n.text or not is_given_name(n.text) or sent.t(n.j) not in ("and", "&"):
        return n
    other = sent.name_at(n.j + 1, "name")
    words = other.text.split() if other is not None else []
    if len(words) != 2 or not is_given_name(words[0]):
        return n
    return Name(n.i, n.j, n.start, n.end, f"{n.text} {words[1]}", [], n.possessive)


def _assign_items(ctx, sent, items, roles, j, conf, work=None):
    """Roles for the people of a :func:`people_list`, each with the company named with it."""
    for a, _, org in items:
        if not isinstance(a, str):
            _assign_roles(ctx, sent, [a], roles, org, j, conf, work)


def _assign_roles(ctx, sent, names, roles, org, j, conf, work=None):
    if not names or not roles:
        return
    if work is None:
        work = _work_outside_clause(ctx, sent, names, j) or credit_work(ctx, sent, 0, len(sent.toks))
    for n in names:
        if isinstance(n, str):
            continue
        if ctx.looks_org(n.text) or ctx.is_work(n.text):
            continue
        n = _with_shared_surname(sent, n)
        first, _, rest = n.text.partition(" ")
        if rest and (first.lower() in DESCRIPTORS or first.lower() in ROLE_WORDS
                     or n.i == 0 and first.endswith("ing") and not is_given_name(first)):  # "Joining Roe as"
            # "Veteran Castellan has served as": the descriptor opening the sentence is no part of the name
            n = Name(n.i + 1, n.j, n.start + len(first) + 1, n.end, rest, [], n.possessive)
        if len(n.text.split()) == 1 and fold(n.text) not in ctx.person_keys and not ctx.looks_person(n.text):
            # a bare surname is fine if it names someone already met; otherwise still take it
            pass
        pm = ctx.person(n)
        for r in roles:
            if r == "author":
                continue
            ctx.fact(work, r, pm, sent, conf)
        if org is not None:
            om = ctx.mention(org, "Organization", org.start)
            ctx.fact(pm, "employer", om, sent, conf)
            ctx.fact(work, "productionCompany", om, sent, conf)
