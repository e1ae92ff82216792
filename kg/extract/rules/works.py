"""Work titles: finding them (pass 1) and locating them in sentences (pass 2).

Titles are collected first, from the places press releases introduce them ("the drama X",
"renewed X", quoted or italic titles, "X, the new series"), each with a weight; pass 2
then finds the known titles token by token, so that "Brandt: Legacy" is never mistaken
for "Brandt" and credits attach to the work a sentence actually names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from functools import lru_cache

from ..grammar import FILE_FORMATS, JOB_TITLE_HEADS, KIND_NOUNS, ORG_WORDS, WORK_NOUNS, Name, STOP_START, Sentence, is_cap
from ...names import fold
from ..context import MAIN, NUMBERS, ORD
from ..firstnames import is_given_name
from .roles import COMPOUND_SUFFIX


WORK_NOUN_RE = re.compile(
    r"^(?:series|drama|comedy|thriller|show|sitcom|docuseries|docudrama|miniseries|mini-series|limited|anthology|procedural|"
    r"spinoff|spin-off|prequel|sequel|film|movie|feature|documentary|reboot|revival|dramedy|western|mystery|"
    r"original|adaptation|adventure|romance|horror|musical|satire|epic|saga|animation|cartoon|series'|telenovela|co-production)$",
    re.I,
)


FILM_NOUNS = frozenset("film movie feature documentary".split())


SERIES_NOUNS = frozenset("series show sitcom docuseries miniseries mini-series limited anthology procedural spinoff spin-off "
                         "telenovela".split())


def _quoted_title(sent, i):
    """The title inside quotes opening at token i, possessives allowed ("‘Ray Dunmore’s Cal Brody’")."""
    close = {"‘": ("'", "’"), "“": ("”",), '"': ('"',), "'": ("'",)}.get(sent.t(i))
    if not close:
        return None
    k = i + 1
    while k < len(sent.toks) and k < i + 14 and sent.t(k) not in close:
        t = sent.t(k)
        if not (is_cap(t) or t == "'s" or t[0].isdigit() or t in (":", "&", "-", "–", "—", ",", "!", "?", ".") or t.lower() in ("of", "the", "a", "an", "and", "in", "on", "to", "for", "with", "at", "from", "by", "or", "my")):
            return None
        k += 1
    if k == i + 1 or sent.t(k) not in close or not is_cap(sent.t(i + 1)):
        return None
    last = k - 1 - (sent.t(k - 1) == "'s" and k - 1 > i + 1)  # “Better Ask Maud's” pick-up: the possessive is no part of it
    inner = last
    while inner > i + 1 and sent.t(inner) in (",", "."):
        inner -= 1  # “Copper Bay,”: the list's comma is inside the quotes, not the title
    start, end = sent.toks[i + 1].start, sent.toks[inner].end
    return Name(i + 1, last + 1, start, end, sent.doc_text[start:end], [], last < k - 1)


#: Prepositions that open titles ("In Stillness", "On My Corner", "For All Strangers").
_TITLE_PREPOSITIONS = frozenset("In On For From Under Into Over After Before Beyond Between Inside Outside Among".split())
_CALENDAR_WORD = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Spring|Summer|Fall|Autumn|Winter)")

#: The left context of a title that names an earlier credit of someone in the text ("known
#: for playing R on X", "his role in X", "her work on the X reboot", "his directorial debut
#: X", "his Vistaplay hit, X") or the work a new one comes from ("a spinoff of its hit drama
#: X"): such a mention is no evidence of the work the text is about.
_EARLIER_BEFORE = re.compile(
    r"(?:\b(?:known|famed|famous|remembered|recognized|recognised|best known) for\b[^;()]{0,50}"
    r"|\b(?:roles?|turns?|appearances?|work|stints?|run|credits?) (?:in|on|include|including)(?: (?:[\w-]+ ){0,3}?(?:like|such as))?"
    r"|\b(?:films?|movies?|series|shows?|dramas?|comedies) (?:like|such as)"  # (read only near a cue: "credits include ... movies like")
    r"|\b(?:starred|appeared|appearing|featured|worked|working|co-starred|previously \w+) (?:[\w'-]+ ){0,3}?(?:in|on|with)"
    r"|\b(?:alum|alumna|alumni|alumnus|veteran|vet)s? of"
    r"|\b(?:his|her|their|own)(?: (?!new\b|upcoming\b|next\b|latest\b|forthcoming\b)[\w'-]+){0,3},?"
    r"|\b(?:spin-?offs?|prequel|sequel|offshoot|follow-up|continuation) (?:of|to)(?: (?:its|their|the))?(?: [\w-]+){0,3}"
    r"|\b(?:was|were|has been|had been) (?:\w+ ){0,2}(?:a|an) (?:[\w-]+ ){0,5}?(?:on|of|in)(?: [\w&+.-]+){0,4}"
    r"|\b(?:currently serves|served|worked|also serves) as (?:[\w-]+ ){1,6}?(?:on|of|for)(?: [\w&+.'-]+){0,4}"
    r"|\b(?:previous|prior|earlier|last|past) (?:[\w-]+ ){0,2}?(?:films?|features?|movies?|series|shows?|projects?|"
    r"credits?|works?)(?: include| includes| including| are| were)?,?"
    r")\s+(?:the |(?-i:[A-Z][\w&+.-]*)'s )?[‘“\"']?$", re.I)
#: The right context of such a title: a job noun before a name ("“Steel Falcon 2” scribe Ned
#: Garvey", "Redfield star A"), or the new work's noun ("'Harbor Nine' Spinoff").
_EARLIER_AFTER = re.compile(
    r"[”\"’']?\s+(?:star|(?:scribe|co-star|costar|alum|alumna|creator|co-creator|director|helmer|showrunner|"
    r"writer|producer|actor|actress|breakout|vet|veteran|author|filmmaker|exec|favou?rite)s?)\s+(?-i:[A-Z])"
    r"|[”\"’']?\s+(?:spin-?off|prequel|sequel)s?\b"
    # "‘Ashcombe Hall’ creator’s new drama", "‘Rule of Silence’ makers’ new drama", "‘Staying Kind’ star joins"
    r"|[”\"’']?\s+(?:creator|co-creator|writer|director|showrunner|maker|producer)(?:'s|’s|s'|s’)\s"
    r"|[”\"’']?\s+star\s+(?:joins|lands|boards|signs)\b", re.I)

#: After a quoted name, the verbs of a source ("'Variety' confirms ..."): an outlet, not a title.
_SOURCE_AFTER = re.compile(r"[’'”\"]?\s+(?:confirms|confirmed|reports|reported|says|said|writes|wrote|notes|noted|"
                           r"has learned|learned|understands|reveals|revealed|first reported)\b")


_QUOTE_MARKS = frozenset(("‘", "“", '"', "'"))


def opening_quote(sent, i):
    """Token ``i`` opens a quoted title: a curly or double quote, or a straight single quote
    after a space ('Burn and Carry Water'), not an apostrophe ("fans'")."""
    t = sent.t(i)
    if t == "'":
        a = sent.toks[i].start
        return a == 0 or sent.doc_text[a - 1] in " \t\n([—–-"
    return t in ("‘", "“", '"')


def _in_parentheses(sent, i):
    """Token ``i`` is inside parentheses opened earlier in the sentence ("Ava Roe ("X," "Y"))."""
    inside = sent.__dict__.get("_paren")
    if inside is None:
        inside, depth = [], False
        for tok in sent.toks:
            if tok.text in ("(", ")"):
                depth = tok.text == "("
            inside.append(depth)
        sent._paren = inside
    return i > 0 and inside[i - 1] if i <= len(inside) else False


#: Words one of which the left context of an earlier credit holds (a cheap test before the pattern).
_EARLIER_CUES = frozenset("known famed famous remembered recognized recognised role roles turn turns appearance "
                          "spinoff spin-off spinoffs spin-offs prequel sequel offshoot follow-up continuation "
                          "appearances work stint stints run credit credits starred appeared appearing featured "
                          "worked working co-starred previously alum alumna alumni alumnus veteran veterans vet "
                          "his her their own was were been previous prior earlier last past served serves worked".split())


def earlier_credit(sent, name, quoted):
    """A title mention that names an earlier credit of someone in the text, not its work."""
    if _in_parentheses(sent, name.i):
        return True
    a = sent.toks[name.i - quoted].start
    cues = sent.__dict__.get("_cues")
    if cues is None:
        cues = sent._cues = [k for k, tok in enumerate(sent.toks) if tok.text.lower() in _EARLIER_CUES]
    k = bisect_left(cues, name.i)
    if k and cues[k - 1] >= name.i - 24 and _EARLIER_BEFORE.search(sent.doc_text, max(sent.start, a - 120), a + quoted):
        return True
    if _EARLIER_AFTER.match(sent.doc_text, name.end, sent.end):
        return True
    more = _MORE_QUOTED.match(sent.doc_text, name.end, sent.end)  # "“A” and “B” director X": both his credits
    return bool(more and _EARLIER_AFTER.match(sent.doc_text, more.end() - 1, sent.end))


#: More quoted titles listed after a quoted title, up to the last one's closing quote.
_MORE_QUOTED = re.compile(r"(?:[”\"’']?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)[“\"‘][^”\"’“]{1,60}[”\"’])+")


def located_earlier(sent, i, j):
    """The title located at tokens [i, j) is an earlier credit (see :func:`earlier_credit`)."""
    quoted = sent.t(i - 1) in ("‘", "“", '"', "'") and i > 0
    return earlier_credit(sent, Name(i, j, sent.toks[i].start, sent.toks[j - 1].end, "", [], False), quoted)


def comma_title(sent, i):
    """ "Salt, Stone & Silver Keys": one-word items joined by commas, then "&" or "and" and a
    title, read as one title when the text repeats it whole (a list of names has names of
    two words, and is not repeated word for word)."""
    k = i
    while is_cap(sent.t(k)) and sent.t(k) not in STOP_START and sent.t(k + 1) == "," and k - i < 8:
        k += 2
    if k == i or not is_cap(sent.t(k)) or sent.t(k) in STOP_START:
        return None
    last = sent.name_at(k, "title")
    if last is None or last.possessive or "&" not in last.text and " and " not in last.text:
        return None
    start, end = sent.toks[i].start, last.end
    surface = sent.doc_text[start:end]
    if sent.doc_text.count(surface) < 2:
        return None
    return Name(i, last.j, start, end, surface, [], False)


def _without_company(sent, n):
    """A title read on into "from <Company>" ("Jefferson Blue from 40th Television"): the
    title before the preposition."""
    for k in range(n.i + 1, n.j - 1):
        if sent.t(k) in ("from", "at", "for", "on") and any(sent.t(x).lower() in ORG_WORDS for x in range(k + 1, n.j)):
            return Name(n.i, k, n.start, sent.toks[k - 1].end, sent.doc_text[n.start:sent.toks[k - 1].end], [], False)
    return n


def title_after(sent, i):
    """A work title starting at token i (quoted or not)."""
    if sent.t(i) in ("‘", "“", '"', "'"):
        return _quoted_title(sent, i)
    if sent.t(i) in _TITLE_PREPOSITIONS and i > 0 and not sent.headline and is_cap(sent.t(i + 1)) \
            and not _CALENDAR_WORD.match(sent.t(i + 1)):
        # "the new mini-series In The Marrow": a capitalised preposition inside a sentence opens a title
        rest = sent.name_at(i + 1, "title")
        if rest is not None and not rest.possessive:
            start = sent.toks[i].start
            return Name(i, rest.j, start, rest.end, sent.doc_text[start:rest.end], [], False)
    if sent.t(i).isdigit() and is_cap(sent.t(i + 1)) and i > 0:
        # "original series 9 Lanterns": a number opens a title the grammar introduces
        rest = sent.name_at(i + 1, "title")
        if rest is not None and not rest.possessive:
            start = sent.toks[i].start
            return Name(i, rest.j, start, rest.end, sent.doc_text[start:rest.end], [], False)
    n = sent.name_at(i, "title")
    if n is not None and not n.possessive and n.j - n.i > 2:
        n = _without_company(sent, n)
    if n is not None and not n.possessive and sent.t(n.j) in ("and", "&") and is_cap(sent.t(n.j + 1)):
        rest = sent.name_at(n.j + 1, "title")
        if rest is not None and not rest.possessive and sent.t(rest.j) == "by" \
                and not is_given_name(n.text.split()[0]) and not is_given_name(rest.text.split()[0]):
            # "the novel Writers and Lovers by Lily King": one title with "and", before its author
            return Name(n.i, rest.j, n.start, rest.end, sent.doc_text[n.start:rest.end], [], False)
    if n is not None and n.possessive and len(n.text.split()) >= 2 and not n.text.isupper():
        # "Ray Dunmore's Cal Brody": a person's possessive starts the title
        rest = sent.name_at(n.j + 1, "title")
        if rest is not None and not rest.possessive and any(w.lower() in ORG_WORDS for w in n.text.split()[1:]):
            return rest  # "Fernlow Entertainment Studio's Puddlepaws": a company's work, not its title
        if rest is not None and not rest.possessive:
            start, end = n.start, rest.end
            if sent.doc_text.count(rest.text) >= 2 * sent.doc_text.count(sent.doc_text[start:end]):
                return rest  # the text names the work again without the possessor
            return Name(n.i, rest.j, start, end, sent.doc_text[start:end], [], False)
    return n


#: A slate's entry that opens with its title, a comma and its format: "One Night, 4 x 60 event drama".
_FORMAT_AFTER_TITLE = re.compile(r"\s*([A-Z][^,]{0,60}?),\s*(\d{1,3})\s*[x×X]\s*\d{2,3}\b")


#: A people's adjective inside a description ("Netflix's newest African drama"): the shape only.
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ish|ese|ic)")


#: A news site's section names, which open many pages on a line of their own ("Entertainment").
SECTION_LABELS = frozenset("Entertainment News TV Television Movies Showbiz Celebrity Lifestyle Culture Arts Features "
                           "Reviews Streaming Trending Latest".split())


#: The last word of a company's name of two words or more ("Skydance Animation", "Orbis Original
#: Films"): no title ends so ("The Studio" does).
COMPANY_END = re.compile(r"\S\s+(?:Studios|Pictures|Productions|Films|Entertainment|Animation)$")


def add_work(ctx, name, kind=None, weight=1.0, year_ok=False):
    """Count a title as a work's (``kind`` a vote for its type, ``weight`` how surely it is
    one) and return its folded key, or None for a name that is no title: a count or a
    description of works, a company's name, a bare number. Every rule that finds a title goes
    through here, so the anchor and resolve see one tally per title."""
    if name is None:
        return None
    text = name.text if not isinstance(name, str) else name
    if len(text) < 2 or text in STOP_START or text in SECTION_LABELS or _COMPOUND_ADJECTIVE.search(text):
        return None
    f = fold(text)
    if not f or f.replace(" ", "").isdigit() and not (year_ok and re.fullmatch(r"1\d{3}|20\d\d", f)):
        return None
    if _COUNTED_WORKS.fullmatch(f) or _DESCRIBED_WORKS.fullmatch(f):
        return None  # "Renews Three Dramas", "Renews Beloved Original Series": a description, not a title
    if COMPANY_END.search(text):
        return None  # "Orbis Original Films set to debut": a company's name
    if f in NUMBERS:
        return None  # "Orbis Renews Three, Orders a Prequel": a count of works
    entry = ctx.work_titles.setdefault(f, {"toks": _title_toks(text), "votes": Counter(), "weight": 0.0, "surface": text})
    if kind:
        entry["votes"][kind] += 1
    entry["weight"] += weight
    return f


#: The words a title-case heading may keep lower-case: "My Letters to You", "Days of the Tide".
_TITLE_SMALL = frozenset("of the a an and in on at to for or with from".split())


def _heading_named_below(ctx, sent):
    """A bare heading line ("A Tuscan Reunion") that the sentence under it names again, word
    for word and in its capitals ("In A Tuscan Reunion, Rhea Blom plays"): a lineup's section
    title, so a work. Not a person's or a company's name."""
    if not sent.headline or not sent.whole_line or getattr(sent, "list_item", False) or sent.start <= ctx.skip_until \
            or _BULLET_LINE.match(sent.text):
        return None
    text = sent.text.strip()
    words = text.split()
    if not 1 <= len(words) <= 8 or text.endswith((".", ":", "!", "?", ",")) or not is_cap(words[0]) \
            or not all(is_cap(w) or w in _TITLE_SMALL for w in words):
        return None
    k = next((x for x, s in enumerate(ctx.sents) if s is sent), None)
    if k is None or k + 1 >= len(ctx.sents):
        return None
    nxt = ctx.sents[k + 1]
    if "\n" not in ctx.text[sent.end:nxt.start] or nxt.headline or not re.search(r"(?<![\w'’-])" + re.escape(text) + r"(?![\w'’-])", nxt.text):
        return None
    if ctx.looks_person_strict(text) or ctx.looks_org(text):
        return None
    return text


#: A sentence that takes the next title of a lineup: "First up is X, starring", "Next is X,".
_SEQUENCE_IS = re.compile(r"(?:First up|First|Next up|Up next|Next|Then|Last|Last up|Finally|Last but not least),?\s+(?:is|comes)\s+")


#: A number of works in a headline ("Three Dramas", "2 New Series"): a count, not a title.
_COUNTED_WORKS = re.compile(r"(?:\d+|" + "|".join(NUMBERS) + r")(?: new| more| returning| original)? "
                            r"(?:dramas|comedies|series|shows|films|movies|thrillers|originals|titles|docuseries|projects)")


#: A count of works and a dash or colon before their titles: "four new dramas - A, B and C".
_COUNTED_LIST = re.compile(r"\b" + _COUNTED_WORKS.pattern + r"\s*(?:-|–|—|:)\s+(?=[“\"‘A-Z])", re.I)


#: An adjective and a work noun in a headline: "Beloved Original Series", "New Drama".
_DESCRIBED_WORKS = re.compile(r"(?:new|popular|original|hit|returning|acclaimed|upcoming|latest|limited|scripted)"
                              r"(?: [\w-]+){0,2} (?:series|drama|dramas|comedy|comedies|shows|originals)")


#: "the Harlow Bay-set drama", "the Nora Vance-led thriller": a compound adjective before
#: the work noun, not a title.
_COMPOUND_ADJECTIVE = re.compile(r"-[a-z]+$")


@lru_cache(maxsize=4096)
def _title_toks(text):
    """A title as the folded tokens a sentence would show ("Ray Dunmore's" -> ray, dunmore, s)."""
    out = [fold(t) for t in Sentence(text, 0, len(text)).words(0, 10 ** 6)]
    out = [t for t in out if t]
    if len(out) > 1 and out[0] == "the":
        out = out[1:]
    return tuple(out)


def _kind_of(noun):
    noun = noun.lower().rstrip("'")
    if noun in FILM_NOUNS:
        return "Film"
    if noun in SERIES_NOUNS:
        return "Series"
    return None


#: An item of a premiere list: a bullet, a title (its quotes may be lost), then a premiere
#: label or a dash and the date.
_DATED_ITEM = re.compile(r"[-*•●▪]\s*[“\"‘']?")
_DATED_ITEM_REST = re.compile(r"[”\"’']?\s*(?:(?:series|season|series finale|season finale)\s+)?(?:premieres?|debuts?|returns?)?\s*(?::|–|—|-|,)?\s*"
                              r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b")


#: A lineup named before "including": "the company's lineup of upcoming original programming
#: including A ...", "Lumen Original titles including ...", "its slate of comedies including ...".
LINEUP = re.compile(r"\b(?:series|titles|lineup|line-up|slate|programming|originals|shows|roster|films|projects|commissions|"
                    r"dramas|comedies|documentaries|catalog|catalogue|library)\b[^.;]{0,80}?"
                    r"\b(?:including|includes|include)\b", re.I)
#: A lineup put after its verb, at the start of a sentence: "Among the returning series for X are
#: A, B and C" ("Returning are A as B; ..." lists a cast, not works).
INVERTED_LINEUP = re.compile(r"Among\s+(?:the|its|their)\b"
                             r"[^.;:,]{0,60}?\s(?:are|is)\s+(?=[“\"‘A-Z])")
#: Words after a lineup's title that open its credits ("A from X and Y", "B starring Z").
_ITEM_CREDITS = frozenset("from starring featuring with by".split())
#: Words that a lineup's cast list uses instead ("the cast includes ...", "series regulars include").
_NOT_A_LINEUP = re.compile(r"\b(?:cast|regulars|stars|ensemble|guest)\b", re.I)


def lineup_titles(sent, k):
    """The titles of a lineup from token k on, quoted or not: each item of the list is its first
    capitalised span ("Small Lights Nowhere from A and B"), or the span after a work noun
    when a description leads ("the adaptation of A's best-selling novel Ordinary Hours",
    "Peter the Bold comedic drama The Bold"); credits after "from", "starring", ... and
    possessives are skipped; a company or a year before a work noun describes the item
    ("Tallow Pictures thriller Keeping Watch", "2024 Christmas film, Pebble"). Items are parted
    by commas, "and", or semicolons when the list begins with an item that ends in one; the
    list ends at a full stop, a dash or a colon."""
    out = []
    n = len(sent.toks)
    j = k
    credits = False
    found = False  # the current item has its title
    while j < n and len(out) < 12:
        t = sent.t(j)
        if t in (".", "—", "–", ":") or t == ";" and not out:
            break
        if t in (",", ";"):
            credits = found = False
            nxt = sent.t(j + 1)
            if nxt[:1].islower() and nxt not in ("and", "or", "the", "a", "an", "plus") and nxt not in _ITEM_CREDITS:
                break  # ", which recently debuted ...": a clause, not the next item
            j += 1
            continue
        if credits:
            if t == "and" and sent.t(j + 1).lower() in ("the", "a", "an") and _described_item_after(sent, j + 2):
                credits = found = False  # "X starring A and B and the Irish dramedy Y": the next item
            j += 1
            continue
        if t == "(":  # "Highmoor (Corvane)": the studio in parentheses
            while j < n and sent.t(j) != ")":
                j += 1
            j += 1
            continue
        low = t.lower()
        if low in _ITEM_CREDITS:
            credits = True
        elif low in ("and", "&", "or"):
            found = False
        elif not found and (is_cap(t) or t in ("“", '"', "‘")):
            name = title_after(sent, j)
            if name is None:
                j += 1
                while j < n and is_cap(sent.t(j)):
                    j += 1  # no title starts inside a capitalised run ("Now Horizon")
                continue
            cut = next((x for x in range(name.i + 1, name.j) if sent.t(x) in _ITEM_CREDITS
                        or name.possessive and sent.t(x) in ("in", "on", "at")), None)
            if cut is not None:  # "Small Lights Nowhere from Dana Whitcombe": the title ends before its credits
                # ("and Riverdale in the CW's schedule": the last title ends before the owner's possessive)
                end = sent.toks[cut - 1].end
                name = Name(name.i, cut, name.start, end, sent.doc_text[name.start:end], [], False)
            nxt = name.j + (sent.t(name.j) in ("”", '"', "’"))
            if not name.possessive and not _describes_next(sent, nxt):
                out.append(name)
                found = True
            elif out and sent.t(name.i - 1) == "and" and out[-1].j == name.i - 1 and _COMMISSION.fullmatch(sent.t(nxt)):
                out.pop()  # "The Lantern and Tessel co-commission, High Road / Low Road": two companies describe the item
            j = max(nxt, j + 1)
            continue
        elif not found and not (t[:1].islower() or t in ("The", "'s", "'", "-", "”", '"', "’") or re.fullmatch(r"(?:19|20)\d\d", t)):
            break  # (a year may open an item's description: "2024 Christmas film, Pebble")
        j += 1
    return out


_COMMISSION = re.compile(r"(?:co-)?commission")


def _described_item_after(sent, x):
    """Tokens from x are a work's description and its title ("Irish dark dramedy Stone Quiet",
    "NWB One thriller X"): at most five words, the last a work noun, then a capitalised word."""
    for y in range(x, min(len(sent.toks), x + 5)):
        t = sent.t(y)
        if t[:1].islower() and WORK_NOUN_RE.match(t):
            return is_cap(sent.t(y + 1)) or sent.t(y + 1) in ("“", '"', "‘")
        if not t[:1].isalnum():
            return False
    return False


def _describes_next(sent, x):
    """A span before lowercase words that end in a work noun and then a title ("Peter the
    Bold comedic drama The Bold", "Tinderbox Pictures psychological crime drama Cold
    Margin", "Christmas film, Pebble"): a description, not the item's title."""
    for y in range(x, min(len(sent.toks), x + 4)):
        t = sent.t(y)
        if not t.islower() or t in ("and", "or"):
            return False  # the next item begins
        if WORK_NOUN_RE.match(t) or t in ("novel", "book") or _COMMISSION.fullmatch(t):
            z = y + 1 + (sent.t(y + 1) == ",")
            return is_cap(sent.t(z)) or sent.t(z) in ("“", '"', "‘")
    return False


def _name_cut_at(sent, k):
    """The title read across token k ("Dr. Dread: The ..." as one span), cut to end before k."""
    for start in range(max(0, k - 6), k):
        if not is_cap(sent.t(start)) or (start and is_cap(sent.t(start - 1))) and sent.t(start - 1) not in STOP_START:
            continue
        n = sent.name_at(start, "title")
        if n is not None and n.i < k < n.j:
            end = sent.toks[k - 1].end
            return Name(n.i, k, n.start, end, sent.doc_text[n.start:end], [], False)
    return None


#: Verbs after "<Org>'s <Title>" that make the span a work: "Brightline's Lake Shore Psychic will be back".
_POSSESSED_TITLE_VERBS = frozenset("will has is returns premieres debuts gets lands arrives finally".split())


def _titles_before_labels(ctx, sent):
    """Places that name a title by what follows it: "Dr. Dread: The limited series starring
    ..." (a colon, then the work described), "a trailer for Maple Court Season 2" (a
    capitalised season number right after the name, inside a sentence), and "Corvane's Silver
    Harbor has ..." (a possessive, then a span that a verb follows)."""
    st = sent.text
    if ":" not in st and "eason" not in st and "'s" not in st and "’s" not in st:
        return
    n = len(sent.toks)
    for k in range(1, n - 2):
        t = sent.t(k)
        if t == ":" and sent.t(k + 1) in ("The", "the", "A", "a", "This", "this") and any(
                WORK_NOUN_RE.match(sent.t(x)) and sent.t(x).islower() for x in range(k + 2, min(n, k + 5))):
            name = sent.name_before(k, "title") or _name_cut_at(sent, k)
        elif t in ("Season", "season") and (sent.t(k + 1).isdigit() or sent.t(k + 1).lower() in NUMBERS) and not sent.headline:
            # "a trailer for Maple Court Season 2", "returning to Wendell in Season 8", "well ahead
            # of Longmere season four, The Quiet Hour season one and ..."
            name = sent.name_before(k - (t == "Season" and sent.t(k - 1) in ("in", "for")), "title")
            if name is not None and (name.i == 0 or t == "season" and (ctx.looks_org(name.text) or fold(name.text) in ctx.org_keys)):
                continue  # a sentence's first words may be anything; "the Lumen season two slate" is a company's
        elif t == "'s" and is_cap(sent.t(k + 1)) and not sent.headline:
            # "Corvane's Silver Harbor has a Season 2 premiere date", "Halcyon's Clever Cooks, from ...,"
            name = title_after(sent, k + 1)
            if name is None or not (sent.t(name.j).lower() in _POSSESSED_TITLE_VERBS
                                    or sent.t(name.j) == "," and sent.t(name.j + 1).lower() in ("from", "which", "the", "a")):
                continue
            owner = sent.name_before(k, "name")
            if owner is not None and (fold(owner.text) in ctx.person_keys or ctx.surname_in_text(owner.text)):
                continue  # "Hull's Tutu is the heroine's grandma": an actor's role, not a company's title
        else:
            continue
        if name is not None and not name.possessive and not ctx.looks_person_strict(name.text) \
                and not (is_given_name(name.text.split()[0]) and (" " in name.text or sent.t(name.i - 1) not in ("to", "on", "for"))):
            # a given name alone is a title where a season follows it: "returning to Wendell in Season 8"
            add_work(ctx, name, None, 2.0 if t == ":" else 1.0)


#: A commission's format in parentheses after its title: episodes by minutes ("(10×60’)",
#: "(6 x 60', Tallow Pictures)", "(3x60 mins)").
EPISODE_FORMAT = re.compile(r"\(\s*(\d{1,3})\s*[x×X]\s*\d{2,3}\s*(?:''|['’′″\"]|mins?\b|minutes\b)?\s*[,)]")


#: After a sentence's subject, the verbs of a work's own season ("will now kick off its third
#: season", "(yes!) returns for its fifth season"): a person's would be "his" or "her", and a
#: network's "its ... season of X".
_ITS_SEASON = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?(?:,[^,]{1,60},\s*)?(?:(?:will|has|is|was)\s+)?(?:(?:now|officially|finally|also|soon)\s+)?"
                         r"(?:kick(?:s|ed)? off|begins?|began|starts?|started|launch(?:es|ed)?|returns?|returned|wrap(?:s|ped)?|"
                         r"ends?|ended|conclude[sd]?|enter(?:s|ed)?|heads? into|opens?|opened)\s+(?:(?:for|with|up)\s+)?"
                         r"its\s+(?:[\w-]+\s+){0,2}?season\b(?!\s+of\b)", re.I)  # "Corvane will launch its third season of X": X's


#: The verbs of a work whose subject an appositive "from <Company>" parts from it.
_FROM_WORK_VERBS = frozenset("stars follows centers centres tells chronicles explores revolves is was will".split())


def _from_company_then_work_verb(sent, j):
    """Tokens from j read ", from <Company>, <work verb>": "Tide, from Orbis Universal, stars ..."."""
    if sent.t(j) != "," or sent.t(j + 1) != "from":
        return False
    k = j + 2
    while k < len(sent.toks) and k < j + 10 and sent.t(k) != ",":
        k += 1
    company = sent.words(j + 2, k)
    return sent.t(k) == "," and sent.t(k + 1) in _FROM_WORK_VERBS and bool(company) and all(is_cap(t) or t in ("&", "of") for t in company) \
        and any(t.lower() in ORG_WORDS or len(t) > 1 and t.isupper() for t in company)


#: What a paragraph says of the work it opens with: "X tells the story of", "X follows a group of",
#: "X is a British coming-of-age romantic comedy-drama", "X centres on".
_PLOT_OPENING = re.compile(r"\s+(?:tells\s+the\s+story\s+of|follows\s+(?:the|a|an|two|three|four)\b|cent(?:re|er)s\s+on|revolves\s+around|"
                           r"also\s+(?:stars|features)\s+(?=[A-Z])|finds\s+(?:\w+\s+)?(?=[A-Z])|"
                           r"chronicles|is\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}?[\w-]*?(?:series|drama|comedy|thriller|show|sitcom|"
                           r"miniseries|dramedy|anthology|procedural)\b)")


#: An order in apposition to a paragraph's opening title: "X, picked up for 26 episodes, is ...",
#: "X, ordered for a 10-episode season, follows ...": only a work is picked up for episodes.
_ORDER_APPOSITIVE = re.compile(r"[!?]?,\s+(?:(?:was|has been)\s+)?(?:picked up|ordered|renewed|greenlit|green-lit|commissioned)\s+"
                               r"for\s+(?:a|an|another|\w+)\s+(?:[\w-]+\s+){0,2}?(?:episodes|seasons?|installments|instalments)\s*,")


def _plot_opening(ctx, sent, w):
    """A paragraph that opens with an unquoted title and what the work is about ("Salt Marsh
    follows a group of teens", "Heartmender is a British ... comedy-drama on Vistaplay"), or with
    its order in apposition ("X, picked up for 20 episodes, is ..."): a roundup's item. A
    person's or company's name is not read so."""
    name = sent.name_at(0, "title")
    if name is None and sent.t(0) in _TITLE_PREPOSITIONS:
        rest = sent.name_at(1, "title")  # "For God & Country also stars ...": the preposition opens the title
        if rest is not None and " " in rest.text:
            name = Name(0, rest.j, sent.toks[0].start, rest.end, ctx.text[sent.toks[0].start:rest.end], [], rest.possessive)
    if name is None or name.possessive:
        return
    ordered = _ORDER_APPOSITIVE.match(ctx.text, name.end, sent.end) is not None  # only a work is ordered for episodes
    if not (ordered or _PLOT_OPENING.match(ctx.text, name.end, sent.end)):
        return
    words = name.text.split()
    first = words[0]
    # a title may open with a preposition ("For God & Country also stars ...") when more follows
    titled = first == "The" and " " in name.text and ordered or first in _TITLE_PREPOSITIONS and len(words) >= 3
    if ctx.looks_person_strict(name.text) or ctx.looks_org(name.text) and not ordered or is_given_name(first) \
            or first in STOP_START and not titled:
        return
    add_work(ctx, name, None, w)


_TITLE_PREPOSITIONS = frozenset("For In On Into Under After Before Beyond Between".split())


#: A preview list's item heading: "Grey Frost (January 1, Tessel)", "Fitmania (Vistaplay)",
#: "Mudlock (TBC, Prime Reel)": a title on a line of its own, then its date and its service.
_LISTING_HEADING = re.compile(r"(?P<title>[^\W\d_][^()\n]{0,80}?)\s+\((?P<inner>[^()\n]{2,60})\)\s*$")
#: A listing's date still to come: "TBC", "April TBC", "Late 2023".
_DATE_TO_COME = re.compile(r"(?:(?:early|mid|late)[ -])?(?:[A-Z][a-z]+\s+)?(?:TBC|TBA|TBD|\d{4})|(?:early|mid|late)[ -]\d{4}", re.I)
#: Services joined in a listing: "Tessel and Glint", "Vistaplay/Orbit+".
_SERVICE_JOIN = re.compile(r"\s*(?:\band\b|&|/)\s*")


def listing_heading(ctx, sent):
    """(title, date part, services) of a whole-line heading "Title (date, Service)", as
    (start, end) offsets (the date part None when the listing gives none), or None.

    The parenthesis holds nothing but dates still to come or given, then one or more
    services, each a capitalised name that is not a person's: "(March 3, Prime Reel)",
    "(April TBC, Tessel and Glint)", "(Vistaplay)". "Jane Roe (Some Show)" names a person
    and "Lead (Jane Roe)" a player, so neither is a listing.
    """
    if not sent.headline or sent.shouting or not (sent.whole_line or ctx.skip_until and not ctx.text[ctx.skip_until:sent.start].strip()
                                                  and ctx.text[sent.end:].split("\n", 1)[0].strip() == ""):
        return None  # (the first heading may share its line with the page's date header)
    m = _LISTING_HEADING.fullmatch(ctx.text, sent.start, sent.end)
    if m is None or ctx.looks_person_strict(m.group("title")):
        return None
    if any(w.isalpha() and w.islower() and w not in _TITLE_SMALL for w in m.group("title").split()):
        return None  # "Jaye Jacobs as nurse Donna Jackson (BBC)": a photo's caption and credit, not a title
    from .. import dates as _dates
    date = None
    services = []
    pos = m.start("inner")
    for part in m.group("inner").split(","):
        a = pos + len(part) - len(part.lstrip())
        b = pos + len(part.rstrip())
        pos += len(part) + 1
        text = ctx.text[a:b]
        if not text:
            return None
        if services:
            return None  # a date after a service: not a listing
        ds = _dates.find_dates(ctx.text, ctx.published, a, b)
        if ds and ds[0][0] == a and ds[0][1] == b or _DATE_TO_COME.fullmatch(text):
            date = date or ((a, b) if ds else None)
            continue
        q = a
        for name in _SERVICE_JOIN.split(text):
            start = ctx.text.index(name, q)
            q = start + len(name)
            words = name.split()
            if not words or len(words) > 3 or not all(is_cap(w) or w[:1].isdigit() for w in words) \
                    or ctx.looks_person_strict(name) or len(words) > 1 and is_given_name(words[0]) or name.lower() in FILE_FORMATS:
                return None
            services.append((start, q))
    if not services:
        return None
    return (m.start("title"), m.end("title")), date, services


def heading_work(ctx, sent, heading):
    """The work a listing heading (see :func:`listing_heading`) opens with, as a mention."""
    for i, j, f in locate_works(ctx, sent):
        if sent.toks[i].start == heading[0][0]:
            return work_mention(ctx, sent, i, j, f)
    return None


#: An unmarked title that opens a sentence dating its premiere: "Frayed will debut Friday, March
#: 11", "Purple is the New Grey will return for its fourth season on June 17", "Mabel and
#: Joan’s second season debuts Friday, May 6". Inside the
#: title only capitalised words and the small words titles keep lower-case.
_DATED_SUBJECT = re.compile(
    r"(?P<title>[A-Z0-9][\w'’&!-]*(?:\s+(?:[A-Z0-9][\w'’&!:-]*|of|the|and|is|a|an|in|on|at|to|&|vs\.?))*?)"
    r"(?:[’']s\s+[a-z]+\s+season)?\s+(?:will\s+(?:now\s+)?)?(?:premieres?|debuts?|returns?|launch(?:es)?|drops?)\s+"
    r"(?:(?:for|with)\s+(?:its|a|the)\s+[a-z]+\s+season\s+)?(?:on\s+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d")
#: Openings of such a sentence that are no title: "Season 2 will premiere ...", "Part Two returns ...".
_NOT_DATED_TITLE = re.compile(r"(?:Season|Series|Part|Episode|Chapter|Volume|Book|It|They|She|He|This|That|Production|Filming)\b")


def _dated_subject(ctx, sent):
    """The title an unmarked sentence subject gives, when the sentence dates its premiere."""
    m = _DATED_SUBJECT.match(ctx.text, sent.start, sent.end)
    if m is None or _NOT_DATED_TITLE.match(m.group("title")):
        return None
    title = m.group("title")
    if re.search(r"[’']s\b", title):
        return None  # "Vistaplay’s The Ostler will now premiere ...": an owner's possessive, read elsewhere
    words = title.split()
    if ctx.looks_org(title) or ctx.looks_person_strict(title) or len(words) > 8 \
            or 2 <= len(words) <= 3 and all(is_cap(w) for w in words) and is_given_name(words[0]):
        return None  # "Vistaplay will debut ...", "Jane Roe returns ...": a company's or a person's
    return title


#: A broadcast slot in parentheses: "(8:00-9:00 PM ET/PT)", "(9 p.m. ET)", "(8/7c)".
_SLOT_PAREN = re.compile(r"\(\s*\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?\s*)?(?:[-–]\s*\d{1,2}(?::\d\d)?\s*)?(?:[ap]\.?m\.?|/\d{1,2}c)?\s*"
                         r"(?:(?:ET|PT|CT|MT)(?:/(?:ET|PT|CT|MT))?)?\s*\)", re.I)


def _slot_titles(ctx, sent):
    """ "fan favorite BONES (8:00-9:00 PM ET/PT)", "the premiere of Glass Road (9 p.m. ET)": the
    name before a time slot is a work, in a schedule's capitals or not."""
    for m in _SLOT_PAREN.finditer(ctx.text, sent.start, sent.end):
        k = sent.tok_at(m.start())
        name = sent.name_before(k, "title")
        if name is None or name.possessive or name.j != k or _CALENDAR_WORD.fullmatch(name.text.split()[0].title()) \
                or ctx.looks_person_strict(name.text):
            continue
        add_work(ctx, name, None, 1.5)


#: "X, the third season of the anthology": the name before it is a work's.
SEASON_APPOSITIVE = re.compile(rf"[”\"’']?,\s+the\s+(?:{ORD}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:season|series|installment|instalment)\s+of\b", re.I)


def _season_appositive_title(ctx, sent):
    """ "Glass Meridian: Low Tide, the third season of the crime anthology, premieres ...": the
    sentence's opening name is a work's."""
    name = title_after(sent, 0)
    if name is not None and not name.possessive and SEASON_APPOSITIVE.match(ctx.text, name.end, sent.end) \
            and not ctx.looks_person_strict(name.text):
        add_work(ctx, name, None, 2.0)


#: "to begin production on X", "Filming has wrapped on X", "started shooting on X".
_PRODUCTION_ON = re.compile(r"\b(?:production|filming|shooting|principal photography|cameras rolled|cameras roll|started shooting|"
                            r"began shooting|wrapped)\s+(?:has\s+|have\s+)?(?:begun\s+|started\s+|wrapped\s+|started|begun|wrapped)?\s*(?:on|of)\s+(?=[“\"‘A-Z0-9])", re.I)


#: A clause that reports a renewal: "The streamer also confirmed that Low Water will return for".
_THAT_CLAUSE = re.compile(r"\b(?:announced|confirmed|revealed|said|says|reported|reports)\s+(?:today\s+|on\s+\w+day\s+)?that\s+(?=[“\"‘A-Z])")
_RETURNS_FOR_SEASON = re.compile(r"[”\"’']?\s+(?:will\s+(?:return|be\s+back|come\s+back)|is\s+(?:returning|coming\s+back|getting)|"
                                 r"returns|has\s+been\s+(?:renewed|picked\s+up))\s+(?:for\s+)?(?:a|an|its|the)\s+(?:[\w-]+\s+)?season\b", re.I)


def _reported_return_titles(ctx, sent):
    """ "The streamer also confirmed that Low Water will return for a second season": the
    subject of the reported clause is a series."""
    for m in _THAT_CLAUSE.finditer(ctx.text, sent.start, sent.end):
        name = title_after(sent, sent.tok_at(m.end()))
        end = name.end if name is not None else 0
        if name is not None and not name.possessive and _RETURNS_FOR_SEASON.match(ctx.text, end, sent.end) \
                and not ctx.looks_person_strict(name.text) and not ctx.looks_org(name.text):
            add_work(ctx, name, "Series", 1.0)


def _production_on_titles(ctx, sent):
    """ "Focus partners with FilmNation to begin production on Promising Young Woman": the
    title a shoot is on is a work's."""
    for m in _PRODUCTION_ON.finditer(ctx.text, sent.start, sent.end):
        name = title_after(sent, sent.tok_at(m.end()))
        if name is not None and not name.possessive and not ctx.looks_person_strict(name.text):
            add_work(ctx, name, None, 2.0)


#: The subject of a sentence that names the text's work: "The spinoff is titled X", "The new
#: series will be titled X".
_NAMING_SUBJECT = re.compile(r"\s*(?:The|This|Its|The new|The upcoming)\s+(?:[\w-]+\s+)?(?:spin-?off|series|show|drama|comedy|film|movie|"
                             r"project|sequel|prequel|adaptation|thriller)\s+(?:(?:is|will be|has been|was)\s+)?(?:officially\s+)?$")


#: Cast verbs before "as": "Friel stars as “Nicky”" (a role in quotes, no title).
_CAST_AS_VERBS = frozenset("stars star starring co-stars appears appear returns return plays play playing cast".split())


def find_works(ctx):
    for sent in ctx.sents:
        if sent.shouting:
            continue
        if "(" in sent.text:
            _slot_titles(ctx, sent)
        if " on " in sent.text or " of " in sent.text:
            _production_on_titles(ctx, sent)
        if " that " in sent.text:
            _reported_return_titles(ctx, sent)
        if " season of" in sent.text or " series of" in sent.text or " install" in sent.text:
            _season_appositive_title(ctx, sent)
        heading = listing_heading(ctx, sent)
        if heading is not None:
            add_work(ctx, ctx.text[heading[0][0]:heading[0][1]], None, 3.0)
        if not sent.headline and sent.toks and is_cap(sent.toks[0].text):
            add_work(ctx, _dated_subject(ctx, sent), None, 1.0)
        toks = sent.toks
        n = len(toks)
        # title-case headlines make name boundaries unreliable: their patterns weigh less
        w = 0.4 if sent.headline else 1.0
        # quoted titles in headlines and text: ‘The Night Counsel’, “Brandt”
        for k, t in enumerate(toks):
            if t.text in _QUOTE_MARKS and opening_quote(sent, k) and (k == 0 or not is_cap(toks[k - 1].text)
                                                                      or sent.headline and toks[k - 1].text.lower() in KIND_NOUNS) \
                    and not (sent.t(k - 1) == "as" and (is_cap(sent.t(k - 2)) or sent.t(k - 2) in _CAST_AS_VERBS)):
                # "stars A as “Tess,”", "Friel stars as “Nicky”": a role in quotes
                name = _quoted_title(sent, k)
                if name and (sent.headline or not is_cap(sent.t(name.j + 1)) or sent.t(name.j + 1) == "Season") and not (sent.headline is False and ctx.looks_person_strict(name.text)) \
                        and not _SOURCE_AFTER.match(sent.doc_text, name.end, sent.end):
                    # someone's earlier credit ("Ava Roe (“X”)", "known for “X”") is a work, not the text's
                    add_work(ctx, name, None, 0.2 if earlier_credit(sent, name, True) else 3.0 if sent.headline else 1.5)
            after_poss = k + 1 if t.text == "'s" else None
            owner = sent.name_before(k, "name") if after_poss is not None and k and is_cap(sent.t(k - 1)) else None
            if owner is not None and is_cap(sent.t(after_poss)) and not ctx.looks_person(owner.text):
                # (not "Mo Yan's Red Door series": an author's books)
                # "Lumen’s Salt and Stone adaptation", "Orbis's Harrowgate reboot": an owner's
                # title, then the kind of work it is
                nxt = title_after(sent, after_poss)
                if nxt is not None and sent.t(nxt.j) in ("and", "&", "of") and is_cap(sent.t(nxt.j + 1)):
                    more = title_after(sent, nxt.j + 1)  # "Netflix’s Shadow and Bone adaptation": one title, "and" in it
                    if more is not None and sent.t(more.j)[:1].islower() and WORK_NOUN_RE.match(sent.t(more.j)):
                        nxt = Name(nxt.i, more.j, nxt.start, more.end, sent.doc_text[nxt.start:more.end], [], more.possessive)
                if nxt is not None and not nxt.possessive and sent.t(nxt.j)[:1].islower() and WORK_NOUN_RE.match(sent.t(nxt.j)) \
                        and not ctx.looks_person_strict(nxt.text):
                    add_work(ctx, nxt, _kind_of(sent.t(nxt.j)), 2.0 * w)
            low = t.text.lower()
            # ("the festival title X", "buzz title X": a work named by the trade's word for one)
            work_noun = t.text[0].islower() and (WORK_NOUN_RE.match(low) is not None or low == "title")
            # "the hit detective drama Marlow", "the Prime Reel series Brandt"
            if work_noun and k + 1 < n and not (sent.t(k - 1) == "of" and sent.t(k - 2).lower() in JOB_TITLE_HEADS):
                # (not "head of drama A": a job title, then a person)
                nxt = title_after(sent, k + 1)
                # ("the anthology TV series": a one-word name before another work noun modifies it)
                modifier = nxt is not None and " " not in nxt.text and sent.t(nxt.j)[:1].islower() and WORK_NOUN_RE.match(sent.t(nxt.j)) is not None
                if nxt and not nxt.possessive and not modifier and sent.t(nxt.j) not in ("as",) and not ctx.looks_person_strict(nxt.text) and sent.t(k - 1).lower() not in ("a",):
                    if low not in ("original", "hit", "adaptation", "sequel", "prequel", "spinoff", "spin-off") or sent.t(k - 1).lower() in ("the", "its", "their"):
                        add_work(ctx, nxt, _kind_of(low), w)
            # "The show, Lost Parcel Office, is being adapted": the title in apposition to a description
            if work_noun and sent.t(k + 1) == "," and any((sent.t(b).lower() in ("the", "this", "its", "their")
                                                          or sent.t(b) == "'s" and is_cap(sent.t(b - 1)))
                                                         and all(sent.t(x)[:1].islower() for x in range(b + 1, k))
                                                         for b in range(max(0, k - 4), k)):
                # "its original series, The Workshop, has been renewed", "Northwind's upcoming crime thriller
                # series, Hound, is based on"
                nxt = title_after(sent, k + 2)
                closed = nxt.j + (sent.t(nxt.j) in ("”", '"', "’", "'")) if nxt else 0
                if nxt and not nxt.possessive and (sent.t(closed) == "," or closed >= n or closed == n - 1 and sent.t(closed) in (".", "!", "?")) \
                        and not ctx.looks_person_strict(nxt.text):  # (or the sentence ends with the title)
                    f = add_work(ctx, nxt, _kind_of(low), 2.0 * w)
                    if f is not None:
                        ctx.work_titles[f]["appositive"] = True  # (kept though a given name opens it: "London Fog")
            # "X, the new drama series", "X, a comedy"
            org_owner = is_cap(sent.t(k + 1)) and sent.t(k + 2) == "'s"  # "X, Halden's upcoming drama"
            if t.text == "," and k > 0 and (sent.t(k + 1).lower() in ("the", "a", "an", "its") or org_owner):
                kk = k + 2 + org_owner
                while kk < n and kk < k + 8 and (sent.t(kk)[:1].islower() or sent.t(kk) in ("-",) or sent.t(kk)[:1].isdigit()
                                                 or kk > k + 2 + org_owner and _DEMONYM.fullmatch(sent.t(kk))) \
                        and not WORK_NOUN_RE.match(sent.t(kk)) \
                        and sent.t(kk) not in ("on", "of", "for", "at", "in", "into", "with", "from", "by", "to", "who", "that", "which"):
                    kk += 1
                if kk < n and WORK_NOUN_RE.match(sent.t(kk)) and sent.t(kk)[0].islower() and sent.t(kk).lower() not in ("original", "adaptation") \
                        and sent.t(kk + 1 + (sent.t(kk + 1) == "'s")).lower() not in _PERSON_AFTER_WORK_NOUN:
                    prev = sent.name_before(k, "title")
                    if prev is not None and sent.t(prev.i - 1) == "," and is_cap(sent.t(prev.i - 2)):
                        b = prev.i - 2
                        while sent.t(b - 1) == "," and is_cap(sent.t(b - 2)):
                            b -= 2
                        whole = comma_title(sent, b)
                        prev = whole if whole is not None and whole.j == prev.j else prev
                    if prev is None and is_cap(sent.t(k - 1)) and not is_cap(sent.t(k - 2)) and sent.t(k - 1) not in STOP_START:
                        # "an update on October, the upcoming thriller": a one-word title the name reader refuses (a month)
                        tk = sent.toks[k - 1]
                        prev = Name(k - 1, k, tk.start, tk.end, tk.text, [], False)
                    if prev and sent.t(prev.i - 1) in _TITLE_PREPOSITIONS and sent.t(prev.i - 2).lower() in ("is", "are", "was", ","):
                        b = sent.toks[prev.i - 1]  # "is For Crown & Harbour, a naval drama": the preposition opens the title
                        prev = Name(prev.i - 1, prev.j, b.start, prev.end, ctx.text[b.start:prev.end], [], prev.possessive)
                    if prev and sent.t(prev.i - 1).lower() in ("by", "with", "and", "from", "as", "said", "featuring", "starring", "about", "follows", "like") \
                            and not (sent.t(prev.i - 1) == "and" and sent.t(prev.i - 2) == ";"):
                        prev = None  # (but "...; and Luck, a new animated feature": the last item of a list split by semicolons)
                    if re.match(r"(?:stars|is|was|will|has|had|follows|centers|centres|tells|returns|premieres|debuts|sees|[a-z]{3,}ed)$", sent.t(kk + 1)):
                        prev = None  # "Based on ... Renée Marlow, the series stars", "Shot in rural X, the series started": a clause, not an appositive
                    if prev and not prev.possessive and not ctx.looks_person_strict(prev.text):
                        add_work(ctx, prev, _kind_of(sent.t(kk)), w)
        st = sent.text
        base = sent.start
        dated = _DATED_ITEM.match(st)
        if dated:
            # "• The Westerlies” season premiere: March 7": a premiere list's item (its opening quote lost with the bullet)
            k = sent.tok_at(base + dated.end())
            name = sent.name_at(k, "title")
            if name and _DATED_ITEM_REST.match(ctx.text, name.end, sent.end) and not ctx.looks_person_strict(name.text):
                add_work(ctx, name, None, 1.5)
        _titles_before_labels(ctx, sent)
        if "(" in st:
            for m in EPISODE_FORMAT.finditer(st):
                # "Fealty (10×60’), from ...": a commission's episodes and running time follow its title
                name = sent.name_before(sent.tok_at(base + m.start()), "title")
                if name is not None and not name.possessive and not ctx.looks_person_strict(name.text):
                    add_work(ctx, name, "Series" if m.group(1) != "1" else None, 2.0 * w)
        fmt = _FORMAT_AFTER_TITLE.match(st)
        if fmt:
            # "One Night, 4 x 60 event drama, written by ...": a slate's entry, its title first
            name = sent.name_at(sent.tok_at(base + fmt.start(1)), "title")
            if name is not None and name.end == base + fmt.end(1) and not ctx.looks_person_strict(name.text):
                add_work(ctx, name, "Series" if fmt.group(2) != "1" else None, 2.0 * w)
        if sent.start == 0 or ctx.text[sent.start - 1] == "\n":
            _plot_opening(ctx, sent, w)
        if "its" in st and "season" in st or ", from " in st:
            k0 = next((x for x in range(min(n, 4)) if toks[x].text[:1].isalnum()), None)
            name = title_after(sent, k0) if k0 is not None and is_cap(sent.t(k0)) else None
            if name is not None and not name.possessive and not ctx.looks_person_strict(name.text) and not ctx.looks_org(name.text):
                if _ITS_SEASON.match(ctx.text, name.end + (sent.t(name.j) in _CLOSE)):
                    add_work(ctx, name, "Series", 2.0 * w)  # "Fenwick & Roe (yes!) will now kick off its third season"
                elif _from_company_then_work_verb(sent, name.j) and not is_given_name(name.text.split()[0]):
                    add_work(ctx, name, None, 1.0 * w)  # "Tide, from Orbis Universal, stars Colin Ashby as ..."
        for m in _COUNTED_LIST.finditer(st):
            # "Northwind commissions four new dramas - Fracture, Roommates, Red Heron and Last of Kin"
            for name in lineup_titles(sent, sent.tok_at(base + m.end())):
                if not ctx.looks_person_strict(name.text) and not ctx.looks_org(name.text):
                    add_work(ctx, name, None, w)
        lineup = LINEUP.search(st) or INVERTED_LINEUP.match(st)
        if lineup and not _NOT_A_LINEUP.search(st, 0, lineup.end()):
            for name in lineup_titles(sent, sent.tok_at(base + lineup.end())):
                # a full name that starts with a given name is a person; a given name alone in a
                # list of titles is one ("including Iron Sparrow, Wayfarer, and Dale")
                if not ctx.looks_person_strict(name.text) and not (" " in name.text and is_given_name(name.text.split()[0])):
                    add_work(ctx, name, None, 1.0)
        if "untitled" in st:
            _untitled_work(ctx, sent, w)
        add_work(ctx, _heading_named_below(ctx, sent), ctx.work_kind, 1.0)  # (the kind the text is about: a title, not a name)
        # a lineup walked through in order: "First up is Greta Vale: A Lakeside Mystery, starring A and B"
        m = _SEQUENCE_IS.match(ctx.text, sent.start, sent.end)
        if m:
            name = title_after(sent, sent.tok_at(m.end()))
            if name is not None and sent.t(name.j) == ":" and is_cap(sent.t(name.j + 1)):
                rest = sent.name_at(name.j + 1, "title")  # a subtitle after the colon
                if rest is not None and not rest.possessive:
                    name = Name(name.i, rest.j, name.start, rest.end, ctx.text[name.start:rest.end], [], False)
            if name is not None and not name.possessive and sent.t(name.j) in (",", ".", "") \
                    and not ctx.looks_person_strict(name.text):
                add_work(ctx, name, None, 1.5 * w)
        # renewals, premieres, "season of X", "X is produced by", "spinoff of X", "will release X"
        for m in re.finditer(r"\b(?:renew(?:s|ed)?|will release|releases|premiere of|season of|spin-?off of|spinoff to|"
                             r"(?:is |was |be )?(?:titled|entitled|dubbed)|(?:working|tentative|provisional) title(?: of)?,?|"
                             r"(?:order|renewal|pickup|pick-up|greenlight|commitment) (?:to|for)|"
                             r"premiere for|return of|renewals? of|revival of|picks? up|picked up)\s+(?:the |a )?(?:(?:new|hit|\w+ and final|\w+) season of )?", st, re.I):
            i = sent.tok_at(base + m.end())
            name = title_after(sent, i)
            if name and WORK_NOUN_RE.match(sent.t(name.j)) and sent.t(name.j)[0].islower() and is_cap(sent.t(name.j + 1)):
                continue  # "spinoff of the Prime Reel series Brandt": a distributor, then the title
            if name and WORK_NOUN_RE.match(sent.t(name.j)) and sent.t(name.j)[0].islower() and " " in name.text \
                    and is_given_name(name.text.split()[0]):
                continue  # "renews Cass Whitford series": the person whose series it is, not its title
            if name and m.group().lower().startswith("return of") and sent.t(name.j) == "as":
                continue  # "the return of Lena Hart as nurse Tessa Moore": an actor and a role
            if name and not ctx.looks_person_strict(name.text) and name.text.split()[0] != "Season" and not name.possessive:
                kind = "Series" if re.search(r"renew|season|spin", m.group(), re.I) else None
                # "a brand new crime drama with the working title, Taken Down": the work announced;
                # "The spinoff is titled X": the text names the work it is about
                named = _NAMING_SUBJECT.match(st[:m.start()]) and re.search(r"titled|dubbed", m.group(), re.I)
                add_work(ctx, name, kind, (8.0 if named else 4.0 if re.search(r"\btitle\b", m.group(), re.I) else 2.0) * w)
                for more in _listed_titles(ctx, sent, name):
                    add_work(ctx, more, kind, 1.5 * w)
        for m in re.finditer(r"\s+(?:(?:has|have|had) been |is being |is |was |will be |gets? |officially )?(?:renewed|picked up|premieres|debuts|will premiere|returns for|"
                             r"will debut|is (?:executive )?produced by|was (?:developed|created)|is based on|is adapted from|"
                             r"is set to premiere|hits theaters|Renewed|Premieres|Debuts)\b", st):
            if re.match(r"\s*(?:will premiere|premieres|will debut|debuts)\s+(?:(?:the|its)\s+)?(?:[\w-]+\s+)?season\b|\s*(?:will premiere|premieres|will debut|debuts)\s+(?-i:[A-Z“\"])",
                        m.group() + st[m.end():], re.I) \
                    or re.match(r"\s*(?:will premiere|will debut)\s+(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:" + WORK_NOUNS + r")\s+(?-i:[A-Z“\"‘])",
                                m.group() + st[m.end():], re.I):
                continue  # "Harbor will premiere its coastal drama Saltwick": the company, with the work for object
            if re.match(r"\s*(?:renewed|picked up|Renewed)\s+(?!for\b|to\b|by\b|at\b|on\b|in\b|through\b|with\b|as\b|after\b|ahead\b|early\b|[,.;])", m.group() + st[m.end():]):
                continue  # active voice: "Vistaplay renewed the series" names the renewer
            j = sent.tok_before(base + m.start())
            name = sent.name_before(j, "title")
            if name is None and j > 0 and sent.t(j - 1) in ("'", "”", '"'):
                name = sent.name_before(j - 1, "title")
            if name and sent.t(name.i - 1) == "from" and ctx.looks_org(name.text):
                # "X from Lantern Pictures is based on": X (read as a plain name, since a title may run over "from")
                name = sent.name_before(name.i - 1, "name")
                if name is not None and name.i > 0 and sent.t(name.i - 1).islower():
                    name = None  # "The Song of the Heron from ...": only a part of the title
            if name and not ctx.looks_person_strict(name.text) and not name.possessive:
                if name.text.split()[0] in STOP_START and name.text.split()[0] != "The":
                    continue
                if sent.t(name.i - 1).lower() in ("starring", "featuring", "opposite", "alongside"):
                    continue  # "The limited series starring Owen Marsh will premiere": the cast, not the work
                if _CREDITED_BY.search(ctx.text, sent.start, name.start):
                    continue  # "The drama co-created by A and B is produced by": B is credited, not the work
                add_work(ctx, name, "Series" if "renew" in m.group().lower() else None, 2.0 * w)
        # "The Redwater universe also includes 1871, which ..., and 1919": year-only titles too
        for m in _FRANCHISE_INCLUDES.finditer(st):
            for i, j in franchise_members(sent, sent.tok_at(base + m.end())):
                name = Name(i, j, sent.toks[i].start, sent.toks[j - 1].end, sent.span_text(i, j))
                if not ctx.looks_person_strict(name.text):
                    add_work(ctx, name, None, w, year_ok=True)
    # emphasis spans (HTML <em>, Markdown *x*): titles, type unknown
    for a, b in ctx.emphasis:
        for sent in ctx.sents:
            if sent.start <= a < sent.end:
                i = sent.tok_at(a)
                name = sent.name_at(i, "title")
                if name and name.end == b:
                    f = fold(name.text)
                    if f in ctx.work_titles:
                        ctx.work_titles[f]["weight"] += 0.5
                    if sent.headline:
                        add_work(ctx, name, None, 3.0)
                break
    _roundup_item_headings(ctx)
    _drop_headline_genres(ctx)
    _derived_works(ctx)


#: The words of a site's rubric before a headline's colon ("Casting News:", "Exclusive:").
_RUBRIC_WORDS = frozenset("casting news exclusive update updates breaking report first look watch video tv film "
                          "television streaming review preview trailer renewal renewals ratings".split())


def _derived_works(ctx):
    """ "Joins 'Tern Bay' Prequel", "the cast of the Tern Bay spinoff": a work derived from a known
    title and given no title of its own (no title after the noun, no "of"/"to" X) is named "<Tern
    Bay> prequel", like an untitled one, so that "the Tern Bay prequel" finds it again.

    A headline's derived work is what the text is about, however often it names the parent,
    unless the headline opens on the work's own title ("Harrow: A, B Join 'Tern Bay' Spinoff"),
    which then takes the weight instead."""
    found = []
    for sent in ctx.sents:
        low = sent.text.lower()
        if "prequel" not in low and "spinoff" not in low and "spin-off" not in low and "sequel" not in low:
            continue
        for k, t in enumerate(sent.toks):
            noun = t.text.lower()
            if noun not in _DERIVED or not (t.text.islower() or sent.headline) or k == 0:
                continue
            nxt = sent.t(k + 1 + (sent.t(k + 1).lower() == "series"))
            if is_cap(nxt) or nxt in _QUOTE_MARKS or nxt.lower() in ("of", "to", "from", "starring", "called", "titled", "("):
                continue  # "the Tern Bay spinoff Harrow", "a prequel to Tern Bay": a title, or the text's work, elsewhere
            e = k - (sent.t(k - 1) in ("”", '"', "’", "'"))
            parent = next((w[:2] for w in locate_works(ctx, sent) if w[1] == e), None)
            if parent is None and e < k:
                name = sent.name_before(e, "title")  # "Joins 'Tern Bay' Prequel": a quoted title before it
                if name is not None and sent.t(name.i - 1) in _QUOTE_MARKS and not name.possessive \
                        and not ctx.looks_person_strict(name.text) and not ctx.looks_org(name.text):
                    parent = (name.i, name.j)
            if parent is None or sent.t(parent[0] - 1 - (e < k)).lower() in ("untitled", "its", "a", "an"):
                continue
            base = sent.span_text(*parent).strip("‘“'\"”’")
            if base.split()[0].lower() in _DERIVED or any(f.startswith(fold(base) + " ") and f != fold(f"{base} {noun}")
                                                          for f in ctx.work_titles):
                continue  # "The Rookie spinoff" where the text names "The Rookie: Feds": that title is the spinoff
            topic = sent.name_at(0, "name") if sent.headline else None
            if topic is not None and not (sent.t(topic.j) == ":" and topic.j < parent[0]
                                          and not all(x.lower() in _RUBRIC_WORDS for x in topic.text.split())):
                topic = None
            found.append((sent, base, noun, topic))
    if any(topic is not None for _, _, _, topic in found):
        for _, base, _, topic in found:
            add_work(ctx, base, "Series", 1.0)
            if topic is not None:
                add_work(ctx, topic, "Series", 3.0)  # "Harrow: ...": the spinoff's own title
        return
    for sent, base, noun, _ in found:
        add_work(ctx, base, "Series", 1.0)
        bare = len(re.findall(rf"\b(?:the|this) {noun}\b", ctx.text, re.I))  # "joined the cast of the prequel"
        add_work(ctx, f"{base} {noun}", "Series", 3.0 + 1.5 * bare + 4.0 * bool(sent.headline))
        sent._works = None


#: What the paragraph under a roundup's item heading says of it: "this show's", "the series", "its cast".
_ITEM_BODY = re.compile(r"\b(?:this|the)\s+(?:show|series|drama|comedy|film|thriller|docuseries)\b|\bits\s+(?:cast|eight|six|ten|first|stars)\b", re.I)


def _roundup_item_headings(ctx):
    """A preview's or slate's items, each a short title-case line of its own over a paragraph
    about "this show" or "the series" ("Secrets at Red Rocks" / "Adapting the ... story,
    this show's ..."): every such heading after the first paragraph is a work, when the text
    has two or more of them (one alone may be a section's name)."""
    found = []
    sents = ctx.sents
    for k, sent in enumerate(sents[:-1]):
        words = sent.text.split()
        if not sent.whole_line or sent.shouting or sent.start <= ctx.skip_until or not 1 <= len(words) <= 7 \
                or sent.text.rstrip()[-1:] in ".:!?\")”" or sent.text in SECTION_LABELS or not is_cap(words[0]):
            continue
        if not all(is_cap(w) or w in _TITLE_SMALL or not w[:1].isalpha() for w in words):
            continue
        body = sents[k + 1]
        if ctx.text[sent.end:body.start].count("\n") < 1 or len(body.text.split()) < 12:
            continue
        para_end = ctx.text.find("\n", body.start)
        para = ctx.text[body.start:para_end if para_end > 0 else len(ctx.text)]
        if _ITEM_BODY.search(para) and not ctx.looks_person_strict(sent.text.strip()):
            found.append(sent.text.strip())
    if len(found) >= 2:
        for title in found:
            add_work(ctx, title, None, 2.0)


#: A genre noun that ends a title-case headline's description of a work: "Picks Up Space Drama".
_GENRE_END = re.compile(r"\s(?:Drama|Comedy|Thriller|Mystery|Western|Dramedy|Sitcom|Docuseries|Miniseries|Procedural|"
                        r"Anthology|Adaptation|Spinoff|Spin-Off|Prequel|Sequel|Reboot|Revival|Romance|Satire)$")


def _drop_headline_genres(ctx):
    """ "Lumen Picks Up Space Drama for Season 4", "Veridian Picks Up Frontier Mystery “X”": a
    headline's capitals turn a description into a title-shaped span; one that no other
    sentence names is no title."""
    heads = [(s.start, s.end) for s in ctx.sents if s.headline]
    if not heads:
        return
    for f, e in list(ctx.work_titles.items()):
        surface = e.get("surface") or ""
        if e["votes"] or not _GENRE_END.search(surface):
            continue
        at = [m.start() for m in re.finditer(re.escape(surface), ctx.text)]
        if at and all(any(a <= x < b for a, b in heads) for x in at):
            del ctx.work_titles[f]


#: Nouns that make "the series creator", "the show's creator" a person, not a work.
_PERSON_AFTER_WORK_NOUN = frozenset("creator co-creator showrunner co-showrunner star regular writer director producer lead".split())


#: A credit's "by" and people before a name, which makes the name a person: "co-created by
#: Jane Roe and Tom Ray is produced by".
_CREDITED_BY = re.compile(r"\b(?:created|written|developed|directed|produced)\s+by\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:and|&)\s+$|"
                          r"\b(?:created|written|developed|directed)\s+by\s+$")


def _listed_titles(ctx, sent, name):
    """The titles listed after a first one up to "for": "renewed EASTFIELD, SEPARATION and
    UNSTEADY for second seasons" (every item a title, the list closed by "for")."""
    out = []
    j = name.j + (sent.t(name.j) in ("”", '"', "’"))
    while sent.t(j) in (",", "and", "&"):
        k = j + 1 + (sent.t(j) == "," and sent.t(j + 1) in ("and", "&"))
        nxt = title_after(sent, k)
        if nxt is None or nxt.possessive or ctx.looks_person_strict(nxt.text):
            return []
        out.append(nxt)
        j = nxt.j + (sent.t(nxt.j) in ("”", '"', "’"))
    return out if out and sent.t(j) == "for" else []


_DERIVED = ("spinoff", "spin-off", "prequel", "sequel")


def _untitled_work(ctx, sent, w):
    """ "an untitled spinoff of Bosch", "the untitled Bosch prequel": a work with no title
    yet, named "<Brandt> spinoff" so that "the Brandt spinoff" finds it again."""
    for k, t in enumerate(sent.toks):
        if t.text.lower() != "untitled":
            continue
        nxt = sent.t(k + 1).lower()
        base = noun = None
        if is_cap(sent.t(k + 1)):
            name = title_after(sent, k + 1)
            if name is not None and not name.possessive and sent.t(name.j).lower() in _DERIVED:
                base, noun = name.text, sent.t(name.j).lower()
        elif nxt in _DERIVED:
            j = k + 2 + (sent.t(k + 2).lower() == "series")
            if sent.t(j) in ("of", "to"):
                name = title_after(sent, j + 1)
                if name is not None and not name.possessive and not ctx.looks_person_strict(name.text):
                    base, noun = name.text, nxt
        if base:
            add_work(ctx, f"{base} {noun}", "Series", 3.0 * w)
        elif not is_cap(sent.t(k + 1)):
            # "an untitled romantic drama executive produced by ...": the description is its name
            j = k + 1
            while j < k + 5 and sent.t(j)[:1].islower() and not WORK_NOUN_RE.match(sent.t(j)):
                j += 1
            if j < k + 5 and WORK_NOUN_RE.match(sent.t(j)) and sent.t(j)[:1].islower():
                j += WORK_NOUN_RE.match(sent.t(j + 1)) is not None and sent.t(j + 1)[:1].islower()
                add_work(ctx, sent.span_text(k, j + 1), _kind_of(sent.t(j)) or "Series", 3.0 * w)


_FRANCHISE_INCLUDES = re.compile(r"\b(?:universe|franchise|saga)\s+(?:also\s+|now\s+)?(?:includes|spans|comprises|encompasses)\s+(?:the\s+series\s+)?")


def franchise_members(sent, i):
    """Token spans of the titles listed at token i: "1883, which ..., and 1923, starring ..."."""
    out = []
    n = len(sent.toks)
    while i < n and len(out) < 8:
        t = sent.t(i)
        if re.fullmatch(r"1\d{3}|20\d\d", t) and not is_cap(sent.t(i + 1)):
            out.append((i, i + 1))
            j = i + 1
        else:
            name = title_after(sent, i)
            if name is None or name.possessive:
                break
            out.append((name.i, name.j))
            j = name.j
        # skip a relative clause or an appositive up to the next ", and" / "and"
        k = j
        while k < n and k < j + 25 and not (sent.t(k) == "and" and (sent.t(k - 1) == "," or k == j)) and sent.t(k) not in (";", "."):
            k += 1
        if sent.t(k) != "and":
            break
        i = k + 1
    return out


def locate_works(ctx, sent):
    """Occurrences of known work titles in a sentence: list of (i, j, fold)."""
    if getattr(sent, "_works", None) is not None:
        return sent._works
    titles = ctx.__dict__.get("_titles")
    if titles is None or ctx.__dict__.get("_titles_n") != len(ctx.work_titles):
        titles = sorted(((v["toks"], f) for f, v in ctx.work_titles.items()), key=lambda x: -len(x[0]))
        ctx._titles, ctx._titles_n = titles, len(ctx.work_titles)
    by_first = ctx.__dict__.get("_by_first")
    if by_first is None or ctx.__dict__.get("_by_first_n") != len(titles):
        by_first = defaultdict(list)
        for ttoks, f in titles:
            by_first[ttoks[0]].append((ttoks, f))
            if ttoks[0] == "the" and len(ttoks) > 1:
                by_first[ttoks[1]].append((ttoks, f))
        ctx._by_first, ctx._by_first_n = by_first, len(titles)
    out = []
    toks = sent.toks
    folded = [fold(t.text) for t in toks]
    n = len(toks)
    i = 0
    while i < n:
        hit = None
        if (is_cap(toks[i].text) or toks[i].text[0].isdigit() or folded[i] == "untitled") and folded[i] in by_first:
            for ttoks, f in by_first[folded[i]]:
                # compare folded tokens, skipping empty folds (punctuation)
                k, m = i, 0
                while k < n and m < len(ttoks):
                    if folded[k] == "" or (folded[k] == "the" and m == 0 and ttoks[0] != "the"):
                        k += 1
                        continue
                    if folded[k] != ttoks[m]:
                        break
                    k += 1
                    m += 1
                if m == len(ttoks):
                    prev = toks[i - 1].text if i > 0 else ""
                    nxt = toks[k].text if k < n else ""
                    if is_cap(prev) and prev not in ("The",) and prev not in STOP_START and not (i >= 2 and toks[i - 2].text in ("‘", "“")) and not sent.headline \
                            and prev.rpartition("-")[2] not in COMPOUND_SUFFIX:  # ("Tomas Greer-starring Tern Bay": an adjective before it)
                        break
                    if nxt.lower() in ("universe", "franchise", "novels", "books", "novel", "book") or (is_cap(nxt) and not sent.headline and nxt not in STOP_START and fold(nxt) not in ("season",)):
                        break
                    if nxt == "'s" and k == i + 1 and _first_name_of_character(ctx, f):
                        break  # "Dexter's younger sister": the character Dexter Morgan, not the show
                    hit = (i - 1 if prev == "The" else i, k, f)
                    break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    sent._works = out
    return out


def _first_name_of_character(ctx, f):
    return any(k.startswith(f + " ") for k in ctx.character_keys)


_ORIGINAL_SERIES = re.compile(r"\bthe (?:original|parent|flagship|earlier) (?:series|show)\b", re.I)


def work_ref(ctx, sent, lo, hi, prefer="last"):
    """The work named in tokens [lo, hi) of a sentence (a mention), or MAIN."""
    works = [w for w in locate_works(ctx, sent) if w[0] >= lo and w[1] <= hi
             and (not _in_parentheses(sent, w[0]) or _in_parentheses(sent, lo))]  # "A (“X”) will write": not X's
    if len(works) == 1 and located_earlier(sent, *works[0][:2]):
        works = []  # "X star A will reprise her role": the text's work, not X
    if not works:
        if ctx.spinoff_targets and lo < hi <= len(sent.toks) and _ORIGINAL_SERIES.search(
                ctx.text, sent.toks[lo].start, sent.toks[hi - 1].end):
            return ctx.spinoff_targets[-1]  # "the original series, which starred Brisk"
        return section_work(ctx, sent)
    i, j, f = works[-1] if prefer == "last" else works[0]
    return work_mention(ctx, sent, i, j, f)


def appositive_subject(ctx, sent, k):
    """ "X, the prequel spinoff of the series Y, will premiere ... on Z": X, when the last work
    named before token k closes an appositive that describes an earlier work."""
    works = [w for w in locate_works(ctx, sent) if w[1] <= k]
    if len(works) < 2 or sent.t(works[-1][1]) != ",":
        return None
    last = works[-1]
    for w in reversed(works[:-1]):
        c = w[1] + (sent.t(w[1]) in ("”", '"'))
        if sent.t(c) == "," and sent.t(c + 1).lower() in ("the", "a", "an", "its") and \
                "," not in sent.words(c + 1, last[0]):
            return work_mention(ctx, sent, *w)
    return None


#: What may follow a work that is the subject of its sentence: "“Harbor Lights” will launch",
#: "The Outer Reach has been renewed", "“I’m Barely Holding On” explores".
_SUBJECT_VERBS = frozenset("will is has have was were had returns premieres premiered debuts launches arrives "
                           "explores follows stars centers centres tells begins kicks comes marks continues gets "
                           "heads moves wraps ends concludes airs streams features brings".split())
#: The words before a subject that is a season of the work: "Season 3 of “Harbor Lights”".
_SEASON_OF = re.compile(r"\bseason(?:\s+\w+)?\s+of\s+(?:the\s+)?[“\"‘']?$", re.I)
_CLOSE = ("”", '"', "’", "'")


_BULLET_LINE = re.compile(r"\s*[•●▪◦*-]\s")


#: Words that open a clause before a sentence's subject: "Months after ...", "Since ...".
_SUBORDINATE_OPENING = re.compile(r"(?:(?:\w+\s+){0,2}(?:after|before|since)|While|When|Although|Though|Following|Until)\b", re.I)


def sentence_subject(ctx, s):
    """The work a sentence is about: its first work, when that work is the
    subject of a verb ("Season 3 of “Harbor Lights” will launch", "... announced that The
    Outer Reach has been renewed"), not an object or a credit ("Roe (Foo) joins", "star of Foo")."""
    ws = locate_works(ctx, s)
    if not ws:
        return None
    i, j, f = ws[0]
    k = j + (s.t(j) in _CLOSE)
    if s.t(k) == "(" and EPISODE_FORMAT.match(ctx.text, s.toks[k].start):
        return ws[0]  # "Also new is Cloudberry (3×60’, ...)": a slate introduces each commission so
    if s.t(k) == "(":
        while k < len(s.toks) and s.t(k) != ")":
            k += 1
        k += 1  # "Loose Thread (Varga/Stone), produced by ...": what follows the parenthesis
    if s.t(k) in ("!", "?") and s.t(k + 1) == ",":
        k += 1  # "Fizzle Is A Menace!, picked up for ...": the title's own mark, then the appositive
    if s.t(k).lower() == "season" and s.t(k + 1)[:1].isalnum():
        k += 2  # "“Harbor Lights” season 3 will ..."
    if s.t(k).lower() not in _SUBJECT_VERBS and not (s.t(k) == "," and i <= 6):
        return None  # a comma only after an opening subject: "Freshman comedy X, from creator A, debuts ..."
    b = i - (s.t(i - 1) in ("“", '"', "‘", "'"))
    before = s.t(b - 1).lower() if b > 0 else ""
    if any(s.t(x).lower() in ("his", "her", "their") for x in range(max(0, b - 4), b)):
        return None  # "his Fox comedy The Grinder was canceled": a person's earlier work
    if _SUBORDINATE_OPENING.match(s.text) and "," not in s.words(0, i) and "," in s.words(i, len(s.toks)):
        return None  # "Months after X was canceled, the actor ...": inside a clause before the sentence's subject
    if before == "of" and not _SEASON_OF.search(ctx.text, s.start, s.toks[i].start):
        return None
    if before in ("in", "on", "from", "with", "for", "to", "like", "than", "as", "by", "at", "and", "or"):
        return None
    if s.t(k) == "," and (before.endswith("ed") or before in ("wrote", "ran")) and s.t(b - 2).lower() not in ("the", "a", "an", "its", "their"):
        return None  # "Jane Roe, who created “Adrift,” will ...": an object, not the sentence's subject
    return ws[0]


#: A new work introduced by description: "announced an upcoming comedy series starring ...".
_INDEFINITE_WORK = re.compile(r"\b(?:a|an)\s+(?:(?:new|upcoming|untitled)\s+)?(?:[a-z-]+\s+){0,2}?"
                              r"(?:series|drama|comedy|thriller|docuseries|miniseries|film|movie)\b")


def _untitled_in_paragraph(ctx, k):
    """(sentence, work) of the untitled work ("the untitled new series") that a later sentence of
    the paragraph opening at sentence k names, when that paragraph names no other work."""
    for s in ctx.sents[k + 1:]:
        if "\n" in ctx.text[ctx.sents[k].end:s.start]:
            return None
        ws = [w for w in locate_works(ctx, s) if not located_earlier(s, w[0], w[1])]
        if ws:
            return (s, ws[0]) if len(ws) == 1 and ws[0][2].startswith("untitled") else None
    return None


def _line_title_work(ctx, k):
    """The one work a headline-like line names ("Cast announced for ‘Rule of Silence’ makers’ new
    drama ‘The Quiet Courier’": a whole line with no closing stop), its earlier credits aside,
    when the paragraph under it names that work again (a story's own headline, not a caption
    or a related-story link)."""
    s = ctx.sents[k]
    if not (s.whole_line or not ctx.text[ctx.skip_until:s.start].strip()) or s.text.rstrip("”’\"' ").endswith((".", "!", "?", ":", ",", ")")) \
            or getattr(s, "list_item", False) or _BULLET_LINE.match(s.text):
        return None  # (a list item is an item of its list, not a section)
    ws = [w for w in locate_works(ctx, s) if not located_earlier(s, w[0], w[1])]
    if len({f for _, _, f in ws}) != 1 or k + 1 >= len(ctx.sents):
        return None
    nxt = ctx.sents[k + 1]
    if "\n" not in ctx.text[s.end:nxt.start] or ws[0][2] not in {f for _, _, f in locate_works(ctx, nxt)}:
        return None
    return ws[0]


#: A company's order of a season of a work: "is laying down the track for a second season of
#: its series X", "picking up the sixth season of X".
_SEASON_ORDER_OF = re.compile(r"\b(?:renew\w*|order\w*|greenl\w*|green-l\w*|pick(?:s|ed|ing)? up|commission\w*|for)\s+"
                              r"(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}seasons?\s+of\b", re.I)


def ordered_work(ctx, s):
    """The work of "<Company> ... a second season of X" opening a paragraph of a roundup: the
    company is the subject, the work the paragraph is about."""
    m = _SEASON_ORDER_OF.search(ctx.text, s.start, s.end)
    if m is None:
        return None
    k = s.tok_at(m.end())
    ws = [w for w in locate_works(ctx, s) if w[0] >= k]
    return ws[0] if ws and ws[0][0] <= k + 8 else None


#: A paragraph's opening that introduces the next work of a slate: "First up is the drama series X",
#: "Next is the comedy X", "The last is the mystery-thriller X", "Also new is X", "Then there's X".
_NEXT_IN_SLATE = re.compile(
    r"(?:First(?: up| off)?|Next(?: up)?|Then|Also(?: new| ordered| coming| on tap| on the slate)?|Another(?: new)?(?: one)?|"
    r"The (?:first|second|third|fourth|next|last|final|other|latest)(?: one| series| project| order)?|Last(?: but not least)?(?: up)?|"
    r"Finally|Rounding out the (?:slate|list|lineup|orders|trio))"
    r",?\s+(?:is|was|comes|there's|there is|we have)\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?=[“\"‘A-Z$0-9])")


def introduced_work(ctx, s):
    """The work a paragraph of a slate opens on when it introduces it ("Next is the comedy X")."""
    m = _NEXT_IN_SLATE.match(ctx.text, s.start, s.end)
    if m is None:
        return None
    k = s.tok_at(m.end())
    ws = [w for w in locate_works(ctx, s) if k <= w[0] <= k + 1]
    return ws[0] if ws else None


def section_work(ctx, sent):
    """The work of the section a sentence is in, or MAIN.

    A heading inside the document that names exactly one work ("## Coming first: *The
    Hexer: Bone Origin*") makes that work the subject of the sentences under it until
    the next heading; headings before the first paragraph (the title) do not. In a text
    about several works (a lineup, a roundup, a premiere-date list), a paragraph that opens
    with a work as its subject starts a section the same way, so that "The new season
    finds ..." and "The cast also includes ..." under "Season 3 of “Harbor Lights” will launch"
    are Harbor Lights', not the main work's; it takes two such paragraphs about different works
    to call a text one about several.
    """
    sections = ctx.__dict__.get("_sections")
    if sections is None:
        def heading(s):  # a list item is no heading, in Markdown or as a scraped "• " line
            if listing_heading(ctx, s) is not None:
                return True  # "Grey Frost (January 1, Tessel)": a preview list's item, the first one too
            return s.headline and s.whole_line and not getattr(s, "list_item", False) and not _BULLET_LINE.match(s.text)
        leaders = {}
        in_body = False  # headings before the first paragraph are the page's title and furniture
        prev_end = 0
        for k, s in enumerate(ctx.sents):
            if not in_body and not s.text.endswith("."):
                # the title line of a page of stories is the first story's headline
                lead = _line_title_work(ctx, k)
                if lead is not None:
                    leaders[id(s)] = (s, lead)
            if not heading(s):
                in_body = in_body or s.text.endswith(".")
                if in_body and "\n" in ctx.text[prev_end:s.start]:
                    lead = sentence_subject(ctx, s) or ordered_work(ctx, s) or introduced_work(ctx, s) or _line_title_work(ctx, k)
                    if lead is not None:
                        leaders[id(s)] = (s, lead)
                    elif not locate_works(ctx, s) and _INDEFINITE_WORK.search(s.text):
                        untitled = _untitled_in_paragraph(ctx, k)
                        if untitled is not None:
                            leaders[id(s)] = untitled
            if any(c.isalnum() for c in s.text):
                prev_end = s.end  # "..." opening a brief is no sentence of its own
        if len({w[2] for _, w in leaders.values()}) < 2 and not any(w[2].startswith("untitled") for _, w in leaders.values()):
            leaders = {}  # (a paragraph that introduces an untitled work is about a work of its own)
        sections = {}
        current = None
        in_body = False
        for s in ctx.sents:
            if heading(s):
                listing = listing_heading(ctx, s) is not None
                if in_body or listing:  # (someone's earlier credit, or a weak title read in the heading alone, names no section)
                    ws = locate_works(ctx, s) if listing else [
                        w for w in locate_works(ctx, s) if not located_earlier(s, w[0], w[1])
                        and ctx.work_titles.get(w[2], {}).get("weight", 1.0) >= 1.0]
                    current = (s, ws[0]) if len({f for _, _, f in ws}) == 1 else None
                else:
                    current = leaders.get(id(s), current)
                continue
            in_body = in_body or s.text.endswith(".")
            current = leaders.get(id(s), current)
            sections[id(s)] = current
        ctx._sections = sections
    here = sections.get(id(sent))
    if here is None:
        return MAIN
    s, (i, j, f) = here
    return work_mention(ctx, s, i, j, f)


def work_mention(ctx, sent, i, j, f):
    text = sent.span_text(i, j).strip("‘“'\"”")
    if any(q in text for q in "‘“\"”’'") and f in ctx.work_titles and fold(ctx.work_titles[f]["surface"]) == fold(text):
        text = ctx.work_titles[f]["surface"]  # "'Tern Bay' Prequel": the name the title was found under
    return ctx.mention(text, "Work", sent.toks[i].start)


def other_work(ctx, sent, b):
    """ "that show's": a work named before other than the clause's own subject."""
    if ctx.spinoff_targets:
        return ctx.spinoff_targets[-1]
    works = [w for w in locate_works(ctx, sent) if w[1] <= b]
    if len(works) >= 2:
        return work_mention(ctx, sent, *works[-2])
    return MAIN


def appositive_work(ctx, sent, k):
    """The work an appositive ending at token k describes: "Bosch, the ... series on"."""
    b = k - 1
    while b > 0 and sent.t(b) != "," and b > k - 10:
        b -= 1
    if sent.t(b) == ",":
        w = [x for x in locate_works(ctx, sent) if x[1] == b]
        if w:
            return work_mention(ctx, sent, *w[-1])
    return None
