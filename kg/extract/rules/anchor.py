"""The document-level choice of the work an announcement is about (its *anchor*).

The title rules of :mod:`.works` find titles where the grammar introduces them ("the drama
X", "renewed X", quoted titles). Real pages often give no such clue for the one work that
matters ("If you've been enjoying Lowmarsh, ..."; "Corvane has renewed the drama"), or give
it to a person ("renews Miles Arden's ..."). This pass reads the whole document:

- every capitalised or quoted span that could be a title is a candidate (straight single
  quotes too; a title quoted once is read whole where it recurs unquoted; one-word items
  joined by commas and "&" when repeated whole);
- a span never counts if any mention reads as a person (a common given name first, "A,
  who", "A said", "A (X, Y)", listed among people, a surname met alone) or as a company
  acting ("A today announced", "A has greenlit", "the streaming service A", "A's Senior
  Vice President"), unless a mention introduces it as a title (quoted, emphasised, "the X",
  "the drama X", "the A-directed X");
- mentions naming someone's earlier credit (in parentheses after a name, "known for",
  "his directorial debut X", "X scribe A") or the work a spinoff comes from count nothing;
- a candidate scores for each mention, more when quoted or introduced, in the lead, as the
  subject of the verbs announcements use of their work ("X follows", "X stars", "X has
  been renewed") and after a company's possessive ("Corvane's X"); the spans of a title-case
  headline count only when the body names them too;
- titles the grammar already found keep their weight, except those that read as people.

The best candidate joins the document's titles with its score; one introduced as a title
and well supported is given enough weight to win the main-work choice of
:mod:`kg.extract.resolve`, which otherwise adds the weight of every mention.
"""

from __future__ import annotations

import re
from collections import Counter

from ..firstnames import is_given_name
from ...names import fold
from ..grammar import JOB_TITLE_HEADS, JOB_TITLE_WORDS, NEVER_IN_NAME, STOP_START, Name, is_cap
from .works import COMPANY_END, WORK_NOUN_RE, _COMPOUND_ADJECTIVE, _QUOTE_MARKS, add_work, _quoted_title, comma_title, earlier_credit, opening_quote, title_after

#: Verbs (and verb phrases) whose subject, in an announcement, is the work itself.
_WORK_VERBS = re.compile(
    r"\s*(?:,[^,]{1,80},\s*)?(?:(?:officially|also|now|finally|reportedly) )?(?:follows|stars|starred|centers|centres|tells|chronicles|explores|"
    r"is (?:a|an|the|based|produced|created|written|directed|developed|executive|set|described|adapted|inspired|about)|focuses|revolves|was (?:created|developed|produced|based)|"
    r"(?:has|had) been (?:renewed|picked|ordered|greenlit|given)|will (?:return|premiere|debut|be back)|"
    r"is being (?:developed|produced|made|written|adapted|shot|filmed)|has (?:added|cast|tapped|enlisted|rounded out)|"
    r"returns|serves as|premieres|premiered|debuts|debuted|marks|airs|streams|is slated|is set to|is scheduled|"
    r"season \w+|'s (?:\w+ )?season|also stars|is produced|hails|comes from)\b",
    re.I,
)
#: What a one-word place qualifies after a determiner: "its European premiere", "the UK rights".
_QUALIFIED_AFTER = re.compile(r"\s+(?:premiere|debut|release|rights|distribution|launch|audiences?|market|box office|tour)\b")
#: Words after which a capitalised span is a place, a company or a person, not a title.
_NOT_BEFORE = frozenset("on at by from via with said says told president chief head executive".split())
#: Capitalised words that never start a title in running text.
_NEVER_TITLE = frozenset(
    "Emmy Emmys Oscar Oscars Golden Globe Globes TCA Variety Deadline Instagram Twitter Facebook "
    "YouTube TikTok Getty Images Photo Credit Credits Image Pictured Source Sources Read Watch "
    "Click Subscribe Share Related Sign Log Menu Home News TV Film Films Movies Television Streaming "
    "Entertainment Season Seasons Episode Episodes Series Part Chapter Volume Mr Ms Mrs Dr "
    "US UK USA America American British".split()
)
_RENEWER_AFTER = re.compile(r"\s*(?:has |have |had |officially |just )*(?:renew|order|greenl|green-l|pick|cancel|announc|sets?\b|dat)", re.I)
_BOOK_BEFORE = frozenset("plays playing played portrays portraying as "
                          "novel novels book books memoir trilogy comic comics podcast play musical".split())
#: Words before a name that make it a person's: "actor A", "starring A", "opposite A".
JOB_BEFORE = frozenset("actor actress star creator showrunner producer director writer author novelist "
                        "co-star costar alum alumna veteran newcomer comedian singer rapper "
                        "stars starring co-starring featuring opposite alongside".split())


def reads_as_person(ctx, text):
    """A span that, without other clues, names a person rather than a work."""
    words = text.split()
    if not words or len(words) > 4 or ":" in text:
        return False  # ("Stanley Tuck: Searching for Spain": a name before a colon opens a title)
    if ctx.looks_person_strict(text):
        return True
    if len(words) == 1:
        return fold(text) in ctx.person_keys
    if not all(is_cap(w) or w in ("de", "van", "von", "del", "da", "la") for w in words):
        return False
    return is_given_name(words[0].rstrip(".")) and not any(w in ("of", "the", "&") for w in words)


#: The right context of a person's name: works are not "who", do not speak or act ("A has
#: been cast", "A starred in"), and are not followed by a parenthesis of credits ("A Roe
#: ("X," "Y")", "A Roe (X)").
_PERSON_AFTER = re.compile(r",? who\b|\s+(?:said|says|told|added|explained|noted|recalled|has been cast|was cast|"
                           r"will play|plays|played|will portray|portrays|starred in|stars in|will star in|has joined|"
                           r"to star|to lead|to headline|to topline|to front|"
                           r"is known for|is best known|will reprise|reprises)\b|\s*\(\s*[‘“\"']?(?-i:[A-Z])")
#: In running text, the verbs of a company's own acts (active voice only: "A has renewed the
#: drama", not "A renewed for a third season"): their subject is never the work.
_COMPANY_ACTS = re.compile(
    r"\s*(?:,[^,]{1,60},\s*)?(?:(?:today|has|have|had|just|officially|also|recently|now|is|are|will) )*"
    r"(?:announc\w*|renew(?:s|ed)?|order(?:s|ed)?|greenl\w*|green-l\w*|picked up|picks up|acquir\w*|"
    r"commission\w*|cancel\w*|develop(?:s|ing)|land(?:s|ed)|bought|buys|tapped|taps|hired|hires|unveil\w*|"
    r"opened|opens|released|releases|dropped|drops|shared|shares|"  # "Lumen opened the vault to the trailer"
    r"(?:premiere|debut)(?=\s+(?:[“\"]|its\s|their\s)))\b"  # "A will premiere “X”", "A will debut its drama X": a premiere verb with a work for object
    r"(?!\s+(?:for|to|by|at|as|through|with|after|ahead|early|straight|in|on)\b|\s*[,.;])", re.I)
#: Nouns before a company's name ("the streaming service X", "the cabler X").
_COMPANY_NOUNS = frozenset("service streamer network cabler platform channel broadcaster studio distributor".split())
#: Participles that, hyphenated to a name, make an adjective before a title ("the A-directed X").
_COMPOUND_CREDIT = frozenset("directed scripted written produced led set starring helmed penned fronted created "
                             "based backed".split())


#: What makes the span before it a title: an appositive description ("X, a drama from",
#: "X, Halden's upcoming drama"), the seasons of a work ("X for a second season"), a
#: description after a colon ("X: The limited series starring ...").
_TITLE_AFTER = re.compile(r"[”\"’']?(?:,\s+(?:the|a|an|its|(?-i:[A-Z])[\w+&.-]*'s)\s+(?:[\w-]+\s+){0,4}?(?:series|drama|comedy|thriller|"
                          r"sitcom|docuseries|miniseries|film|movie|show|adaptation|spinoff|spin-off|prequel|sequel|"
                          r"feature|procedural|dramedy|anthology)\b|,\s+the\s+(?:\w+\s+)?(?:season|installment|instalment|chapter)\s+of\b"
                          r"|\s+(?:for|to) (?:a|an|its) (?:\w+ ){0,2}(?:season|series)\b"
                          r"|:\s+(?:the|a|an|this)\s+(?:[\w-]+\s+){0,3}?(?:series|drama|comedy|thriller|docuseries|miniseries|film|movie|show)\b)", re.I)
#: Verbs whose object is a work: "renewed X", "ordered X", "greenlit X".
_WORK_OBJECT_OF = frozenset("renewed renews renew ordered orders greenlit greenlights greenlighted picked".split())


def _title_before(sent, name):
    """The name is introduced as a title by what precedes it: "the X" (ending the phrase: "the
    Vistaplay original" is a company's), a work noun ("frontier drama X"), a credit compound ("the
    A-directed X")."""
    i = name.i
    prev = sent.t(i - 1)
    if prev == "the" and not sent.t(name.j)[:1].islower() or WORK_NOUN_RE.match(prev) and prev[:1].islower():
        return True
    if prev in _COMPOUND_CREDIT and sent.t(i - 2) == "-":
        return True
    return "-" in prev and prev.rsplit("-", 1)[-1] in _COMPOUND_CREDIT


def _candidate_at(sent, i, quoted_before=(), known=None):
    """(name, quoted) of a title candidate starting at token ``i``, or None. A title quoted
    before ("'Lowell's Landing'") is read whole where it recurs unquoted."""
    if opening_quote(sent, i):
        name = _quoted_title(sent, i)
        return (name, True) if name is not None else None
    a = sent.toks[i].start
    for surface in quoted_before:
        if sent.doc_text.startswith(surface, a):
            j = sent.tok_before(a + len(surface))
            return Name(i, j, a, a + len(surface), surface, [], False), False
    t = sent.t(i)
    if t.isdigit() and known and is_cap(sent.t(i + 1)):
        name = title_after(sent, i) if i > 0 else None
        if name is not None and fold(name.text) in known:
            return name, False  # "9 Lanterns", a title the grammar found
    if not (is_cap(t) or re.fullmatch(r"1\d{3}|20\d\d", t) and not sent.headline):
        return None
    name = comma_title(sent, i) if sent.t(i + 1) == "," else None
    name = name or sent.name_at(i, "title")
    if name is None:
        return None
    for entry in (known or {}).values():
        surface = entry.get("surface") or ""
        if len(surface) > len(name.text) and " and " in surface and sent.doc_text.startswith(surface, a):
            j = sent.tok_before(a + len(surface)) + 1  # "Shadow and Bone": a title the grammar read whole, "and" in it
            return Name(i, j, a, a + len(surface), surface, [], False), False
    # a quote mark before a name opens a title only if one closes it ("“Vistaplay's success ...": speech)
    return name, sent.t(i - 1) in ("‘", "“", '"') and sent.t(name.j) in ("’", "”", '"', "'")


#: "[via press release from Vistaplay]", "Press release from Vistaplay, Jan. 17, 2020:".
PRESS_RELEASE_FROM = re.compile(r"\bpress release from\s+", re.I)


def document_anchor(ctx):
    """Score title candidates over the whole document; give the best its weight.

    A title-case headline's spans count only when the body names them too (its capitals
    make every span a candidate); quoted or emphasised headline titles count alone.
    Mentions that name someone's earlier credit count nothing; spans that read as a
    person, or as a company acting, count nothing anywhere in the text unless a mention
    is introduced as a title (quoted, "the X", "the drama X").
    """
    score = Counter()
    head = Counter()
    seen_mid = Counter()
    surfaces = {}
    persons = set()
    titled = set()
    companies = set()
    quoted_before = set()
    for k, sent in enumerate(ctx.sents):
        if sent.shouting and not sent.headline:
            continue
        lead = k < 3 or sent.headline
        toks = sent.toks
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i].text
            found = _candidate_at(sent, i, quoted_before, ctx.work_titles) if t[:1].isupper() or t[:1].isdigit() or t in _QUOTE_MARKS else None
            if found is None:
                i += 1
                continue
            name, quoted = found
            if not quoted:
                cut = _person_before_connector(ctx, sent, name)
                if cut is not None:
                    persons.add(fold(sent.span_text(name.i, cut)))
                    i = cut  # "John Doe in Cinder Road": a person, then the title after "in"
                    continue
            j = name.j
            text = name.text.rstrip(",.")
            f = fold(text)
            i = j + (quoted and sent.t(j) != "'s")
            if not f:
                continue
            skip, introduced = _skip_reason(ctx, sent, name, text, f, quoted, persons, companies, titled)
            if skip != "nickname" and quoted and ("'s" in text or "’s" in text):
                quoted_before.add(text)
            if skip:
                continue
            prev = sent.t(name.i - 1 - quoted).lower()
            at_start = name.i - quoted <= 0
            s = 1.0
            if prev in _NOT_BEFORE and not quoted and not introduced:
                s = 0.3
            if quoted or name.end in sent.emph.values():
                s += 1.0
            elif introduced:
                s += 0.5
            if lead:
                s += 1.0
            rest = sent.doc_text[name.end + quoted:min(sent.end, name.end + 120)]
            work_verb = _WORK_VERBS.match(rest) is not None
            if work_verb:
                s += 1.5
            if name.i >= 2 and sent.t(name.i - 1 - quoted) == "'s":
                s += 1.0  # "Corvane's Under the Pier"
            if not at_start:
                seen_mid[f] += 1
            elif " " not in text and not quoted and not work_verb:
                s = 0.3  # a capitalised first word is weak evidence of a name
            if sent.headline and not (quoted or name.end in sent.emph.values()):
                head[f] += s
            else:
                score[f] += s
            surfaces.setdefault(f, text)
    for f, s in head.items():
        if f in score:
            score[f] += s  # a headline span the body names too
    persons -= titled
    # a surname met alone as a person ("Wren, who") makes the full name one ("Tobias Wren"),
    # and a full name met as a person makes its surname one
    surnames = {f for f in persons if " " not in f} | {f.rsplit(" ", 1)[-1] for f in persons if " " in f}
    persons |= {f for f in score if f not in titled and f.rsplit(" ", 1)[-1] in surnames}
    for f in companies - titled:
        score.pop(f, None)
    for f in _role_names(ctx) - titled:
        score.pop(f, None)  # "Jessie Mei Li as Alina Starkov": Alina is a character, not the work
    release = PRESS_RELEASE_FROM.search(ctx.text, 0, 1500)
    if release:  # "Press release from Vistaplay, Jan. 17, 2020:": the publisher is a company, not the work
        score.pop(fold(re.match(r"[\w+&.' -]*?(?=[,:;\]\n]|\s+(?:on|via)\b|$)", ctx.text[release.end():release.end() + 60]).group()), None)
    for f in titled & set(ctx.work_titles):
        ctx.work_titles[f]["titled"] = True  # introduced as a title (quoted, "the drama X"): no person's name
    # titles the grammar found that read as people are not works
    for f in list(ctx.work_titles):
        if f in titled or ctx.work_titles[f]["votes"] or ctx.work_titles[f].get("appositive"):
            continue  # introduced as a title somewhere, given a kind by the grammar ("renewed X for"), or
            # named in apposition to a description ("BBC Two’s drama, Paris Blues."), though a given name opens it
        if " " in f and reads_as_person(ctx, ctx.work_titles[f].get("surface") or _surface(ctx.text, f)):
            del ctx.work_titles[f]  # "Miles Arden Family Drama Ordered ...": a full name names no work
        elif f in persons:
            entry = ctx.work_titles[f]
            entry["weight"] = min(entry["weight"], 0.0) - 2.0
    # a span read short at a sentence start ("Pier" of "Under the Pier, which ...") is the
    # longer candidate when every occurrence of it is inside that one
    by_suffix = {}
    for g in score:
        words = g.split()
        for k in range(1, min(len(words), 6)):
            by_suffix.setdefault(" ".join(words[k:]), []).append(g)
    for f in sorted(score, key=len):
        if f not in score:
            continue
        longer = [g for g in by_suffix.get(f, ()) if g in score]
        if len(longer) == 1 and ctx.text.count(surfaces[f]) == ctx.text.count(surfaces[longer[0]]):
            g = longer[0]
            score[g] += score.pop(f)
            seen_mid[g] += seen_mid[f]
            if f in ctx.work_titles:
                ctx.work_titles[f]["weight"] = -2.0
    strongest = max((e["weight"] for e in ctx.work_titles.values()), default=0.0)
    if not score or strongest >= 30.0:
        return None  # the grammar found a title it trusts
    for f in list(score):
        if f in persons and f not in ctx.work_titles:
            del score[f]
    if not score:
        return None
    best = max(score, key=lambda f: (score[f] + ctx.work_titles.get(f, {}).get("weight", 0.0), seen_mid[f]))
    total = score[best]
    floor = 2.5 if strongest > 0 else 2.0  # with no title found at all, weaker evidence will do
    if total < floor or (seen_mid[best] == 0 and total < 4):
        return None
    # a choice introduced as a title outweighs the sum of mentions the main-work choice adds
    top = max((e["weight"] for f, e in ctx.work_titles.items() if f != best), default=0.0)
    own = ctx.work_titles.get(best, {}).get("weight", 0.0)
    add_work(ctx, surfaces[best], None, max(total * 0.5, top - own + 3.0) if best in titled and total >= 3 else total * 0.5)
    return best


def _role_names(ctx):
    """The folded names of the roles "<Name> as <Role>" gives in the text, in full and by their
    first and last words."""
    out = set()
    for m in re.finditer(r"\b[A-Z][\w'’.-]+ as (?:the )?((?-i:[A-Z])[\w'’-]+(?: (?-i:[A-Z])[\w'’-]+){0,2})", ctx.text):
        words = fold(m.group(1)).split()
        if words:
            out.update((" ".join(words), words[0], words[-1]))
    return out


#: A kind of work after a one-word name that modifies it: "the new Vistaplay series".
_KIND_AFTER = re.compile(r"\s+(?:series|project|production|original|show|drama|comedy|film|movie|docuseries|miniseries|thriller)\b")


#: A month and a day ("May 17", "Sept. 4th"): what a capitalised span that is a date reads as.
_DATE_SPAN = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?")


def _skip_reason(ctx, sent, name, text, f, quoted, persons, companies, titled):
    """Why a candidate mention counts nothing toward the hand score (None when it counts),
    and whether it is introduced as a title. Marks the span as a person's or a company's
    where the mention says so."""
    j = name.j
    if quoted and " " not in text and is_given_name(sent.t(name.i - 2)) and is_cap(sent.t(j + 1)):
        return "nickname", False  # "Tom “Spud” Harrow": a nickname inside a name, not a title
    first = text.split()[0]
    if not quoted and _DATE_SPAN.fullmatch(text):
        return "date", False  # "on Friday, May 17": a date, not a title
    if not quoted and COMPANY_END.search(text):
        return "company", False  # "its slate of Orbis Original Films set to premiere": a company's name, not a title
    prev = sent.t(name.i - 1 - quoted).lower()
    if first in _NEVER_TITLE or first in NEVER_IN_NAME or (first in STOP_START and first not in ("The", "A", "An") and not (quoted or sent.t(name.i - 1) == "'s")):
        return "first_word", False
    if _COMPOUND_ADJECTIVE.search(text):
        return "compound", False  # "the A Roe-directed": an adjective, not a title
    if not quoted and " " not in text and prev in ("its", "their", "his", "her", "the", "a") \
            and _QUALIFIED_AFTER.match(sent.doc_text, name.end):
        return "qualifier", False  # "its European premiere", "the UK rights": a place qualifying a noun
    if name.possessive and not quoted and " " not in text and sent.t(j + 1).lower() in ("premiere", "debut", "rights", "release"):
        return "place", False  # "Berlin's Panorama section": a place's
    if name.possessive and not quoted and reads_as_person(ctx, text):
        persons.add(f)  # "Rob Halden's next drama": a person, whose surname alone is one too
    if name.possessive and not sent.t(j + 1)[:1].islower():
        n = len(sent.toks)
        if not quoted and any(sent.t(x).lower() in JOB_TITLE_HEADS for x in range(j + 1, min(n, j + 6))) \
                and all(sent.t(x).lower() in JOB_TITLE_WORDS or sent.t(x).lower() in JOB_TITLE_HEADS
                        for x in range(j + 1, min(n, j + 3))):
            companies.add(f)  # "Vistaplay's Senior Vice President of Originals": a company's officer
        return "possessor", False  # "Miles Arden's Mayor ...", "Vistaplay's" (a possessor)
    if earlier_credit(sent, name, quoted):
        return "earlier_credit", False
    if not quoted and " " not in text and _KIND_AFTER.match(sent.doc_text, name.end, sent.end) \
            and prev in ("the", "a", "an", "new", "upcoming", "latest", "original", "its", "their"):
        return "modifier", False  # "the new Vistaplay series", "a Vistaplay production": a company's, not a title
    introduced = quoted or name.end in sent.emph.values() or _title_before(sent, name) \
        or prev in _WORK_OBJECT_OF or _TITLE_AFTER.match(sent.doc_text, name.end, sent.end) is not None
    if introduced:
        titled.add(f)
    elif _PERSON_AFTER.match(sent.doc_text, name.end, sent.end) or reads_as_person(ctx, text) \
            or _among_people(ctx, sent, name) or prev == "of" and sent.t(name.i - 2).lower() == "casting":
        # ("with the casting of Ravi Mehra": the person cast)
        persons.add(f)
        return "person", False
    if ctx.looks_org(text):
        return "org_name", introduced
    if prev in JOB_BEFORE or prev in _BOOK_BEFORE:
        return "role_before", introduced
    acts = not sent.headline and not quoted and (_COMPANY_ACTS.match(sent.doc_text, name.end, sent.end)
                                                 or prev in _COMPANY_NOUNS or name.text.rstrip(",.").endswith("+")
                                                 or prev == "of" and sent.t(name.i - 2).lower() in JOB_TITLE_HEADS)
    if acts:
        companies.add(f)
        return "company_acts", introduced
    if _RENEWER_AFTER.match(sent.doc_text, name.end, sent.end):
        return "renewer", introduced  # "Corvane has renewed ...": the company that renews
    if _job_title_after(sent, j):
        return "job_title_after", introduced  # "Corvid chief content officer A": the company a person works for
    return None, introduced


def _person_before_connector(ctx, sent, name):
    """Where a title span read on from a person's name over a preposition ("John Doe in
    Cinder Road") is cut: the index of the preposition, or None."""
    after_cue = sent.t(name.i - 1).lower() in JOB_BEFORE  # "cast opposite A in X"
    for k in range(name.i + 2, name.j - 1):
        if sent.t(k) in ("in", "on", "at", "for", "with", "from", "to") and (after_cue or reads_as_person(ctx, sent.span_text(name.i, k))):
            return k
    return None


def _among_people(ctx, sent, name):
    """A span listed between names that read as people ("will also star A Roe, Rush Kei
    Winters, B Poe"): one of them, whatever its first word."""
    k = name.i - 1
    if sent.t(k) == "and":
        k -= 1 + (sent.t(k - 1) == ",")
    if sent.t(k) == ",":
        before = sent.name_before(k, "name")
        if before is not None and reads_as_person(ctx, before.text):
            return True
    k = name.j + (sent.t(name.j) == ",")
    if sent.t(k) == "and" or sent.t(name.j) == ",":
        k += sent.t(k) == "and"
        after = sent.name_at(k, "name")
        return after is not None and reads_as_person(ctx, after.text)
    return False


def _job_title_after(sent, j):
    """Tokens from ``j`` on are a job title ("programming president", "COO") before a name."""
    k = j
    while k < len(sent.toks) and k < j + 6 and sent.t(k).lower() in JOB_TITLE_WORDS:
        if sent.t(k).lower() in JOB_TITLE_HEADS and k + 1 < len(sent.toks) and is_cap(sent.t(k + 1)) \
                and sent.t(k + 1).lower() not in JOB_TITLE_WORDS:
            return True
        k += 1
    return False


def _surface(text, f):
    i = text.lower().find(f)
    return text[i:i + len(f)] if i >= 0 else f
