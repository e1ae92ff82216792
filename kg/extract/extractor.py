"""Text -> facts file: the rules, the entity merging and the public API.

The extractor is rule based: a sentence splitter and tokenizer of its own
(:mod:`kg.extract.grammar`), then rules that read the grammar of press releases
("X as Y", "executive produced by A, B and C", "renewed for a second season",
"based on <author>'s novel <Title>", "<Name>, <job title> at <Org>"). Each rule adds
*mentions* (a name with a type) and facts between them; at the end mentions are merged
into entities (same name, aliases, "Connelly" -> "Michael Connelly"), the main work
of the announcement is chosen, and the facts are checked against the vocabulary.

>>> ff = extract_text("date 2025-10-06 Netflix has renewed Ballard for a second season.", doc_id="demo")
>>> sorted(f"{f.s} {f.p} {f.o}" for f in ff.facts)[:2]
['ballard distributor netflix', 'ballard hasSeason ballard-s2']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExtractError
from ..facts import Announcement, Entity, Fact, FactsFile
from ..schema import RELATIONS
from . import dates as _dates
from .grammar import (
    ORG_WORDS,
    RANKS,
    STOP_START,
    Sentence,
    fold,
    is_cap,
    is_upper_word,
    slugify,
    sentence_spans,
)
from .reader import Document, document_from_text, iso_date, read_announcement

# --- vocabulary of the rules ----------------------------------------------------------

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}
NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_ORD = "|".join(ORDINALS)
_NUM = "|".join(NUMBERS)
SEASON_RE = re.compile(
    rf"\b(?:(?P<ord>{_ORD}|\d{{1,2}}(?:st|nd|rd|th))(?:[ -](?:and|&)[ -](?:final|last)|[ -](?:full|final|new|last|and final))?[ -]season\b(?!s)"
    rf"|season[ -](?P<num>\d{{1,2}}|{_NUM})\b(?!-))(?P<multi>(?!))?",
    re.I,
)
CAST_VERB = re.compile(
    r"\b(?:returns?|returning|stars?|starring|co-stars?|appears?|appearing|reprises?|reprising|joins?|joining|"
    r"plays?|playing|voices?|voicing|comes?|coming|recurs?|recurring|guest|guest-stars?|portrays?|portraying|cast|"
    r"rounds?|back|lends?|takes?|stepping|steps|appearance|debut|turn|role)\b",
    re.I,
)
CAST_CUE = re.compile(
    r"\b(?:cast|casts|ensemble|stars?|starring|co-stars?|includes?|including|features?|featuring|joins?|"
    r"plays?|returns?|returning|reprises?|voices?|lead|leads|with|alongside|also|portrays?|recurring|named|"
    r"members?|lineup|line-up|roles?)\b",
    re.I,
)
NOT_AS = frozenset("such well known serve serves served serving same so just much long soon far as regarded seen described "
                   "billed touted hailed viewed referred act acts acted acting work works worked working function "
                   "functions rebranded relaunched rebrands renamed".split())
ROLE_WORDS = {
    "showrunner": "showrunner", "showrunners": "showrunner", "co-showrunner": "showrunner",
    "co-showrunners": "showrunner", "creator": "creator", "creators": "creator", "co-creator": "creator",
    "co-creators": "creator", "director": "director", "directors": "director", "writer": "writer",
    "writers": "writer", "screenwriter": "writer", "screenwriters": "writer", "writer-director": "writer+director",
    "director-writer": "writer+director", "writer/director": "writer+director",
}
ROLE_PHRASE = re.compile(
    r"\b(?P<role>co[-–]executive[- ]producers?|executive[- ]producers?|co[-–]?showrunners?|showrunners?|"
    r"co-creators?|creators?|writer[-/]directors?|directors?|head writers?|screenwriters?|writers?)\b",
    re.I,
)
SOURCE_TRIGGER = re.compile(
    r"\b(?:(?:loosely |very loosely )?based on|adapted from|an adaptation of|adaptation of|adapts|adapting|draws? on|drawing on|drawn from|"
    r"inspired by|(?:threads|elements|stories|storylines|material|plots?) from)\b",
    re.I,
)
BOOK_SING = frozenset("novel book novella memoir story comic graphic debut bestseller best-seller title installment entry".split())
BOOK_PLUR = frozenset("novels books novellas stories comics titles series saga trilogy installments".split())
BOOK_ADJ = re.compile(r"^(?:best-?selling|bestselling|acclaimed|beloved|popular|hit|classic|award-winning|celebrated|"
                      r"iconic|bestseller|international|internationally|critically|new|young|adult|ya|crime|mystery|"
                      r"detective|fantasy|thriller|romance|famous|eponymous|original|graphic|first|second|third|"
                      r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|final|last|same-named|\d{4}|"
                      r"long-running|much-loved|legal|historical|science|fiction|science-fiction|sci-fi|horror|"
                      r"times|york|new|nytimes|1|#1|no|number|one|pulitzer|prize-winning|hugo|award|booker)$", re.I)
JOB_WORDS = re.compile(
    r"\b(?:head|president|ceo|coo|cfo|cco|cmo|chief|officer|director|vp|evp|svp|vice|executive|chair|chairman|"
    r"chairwoman|chairperson|founder|co-founder|partner|manager|producer|editor|programming|development|content|"
    r"co-head|showrunner|publisher|principal|lead|leader|general|originals|global|senior|head of|managing|"
    r"commissioner|controller|strategy|marketing|television|series)\b",
    re.I,
)
PREMIERE_RE = re.compile(
    r"\b(?:premieres?|premiered|premiering|debuts?|debuted|debuting|launch(?:es|ed|ing)?|opens?|opening|bows?|"
    r"arrives?|hits? theaters|releases?|released|releasing|returns?|returning|streams?|streaming|airs?|airing)\b",
    re.I,
)
PREMIERE_BLOCK = re.compile(r"\b(?:finale|remaining|second half|(?-i:part (?:two|2|ii))|batch|back half|final episodes?|trailer|teaser|first look|"
                            r"volume (?:two|2|ii)|rest of)\b", re.I)
WORK_NOUN_RE = re.compile(
    r"^(?:series|drama|comedy|thriller|show|sitcom|docuseries|docudrama|miniseries|mini-series|limited|anthology|procedural|"
    r"spinoff|spin-off|prequel|sequel|film|movie|feature|documentary|reboot|revival|dramedy|western|mystery|"
    r"original|adaptation|adventure|romance|horror|musical|satire|epic|saga|animation|cartoon|series'|telenovela)$",
    re.I,
)
FILM_NOUNS = frozenset("film movie feature documentary".split())
SERIES_NOUNS = frozenset("series show sitcom docuseries miniseries mini-series limited anthology procedural spinoff spin-off "
                         "telenovela".split())
DIST_PREV = frozenset("exclusively only streaming stream streams available airs air airing globally premieres premiere "
                      "premiered premiering debuts debut debuting launches launch exclusive now watch streamer "
                      "worldwide episodes releasing arrives arriving".split())
ANNOUNCE_VERBS = re.compile(
    r"(?:today |also |officially |has |have |will |is |had )*(?:announced|announces|renewed|renews|ordered|orders|"
    r"picked up|picks up|greenlit|greenlights|green-lit|will premiere|premieres|will release|releases|released|sets|set|"
    r"unveiled|unveils|revealed|reveals|confirmed|confirms|revived|revives|debuts|launches|will debut|will launch|"
    r"will stream|acquired|has acquired|landed|lands|gave|gives)\b",
    re.I,
)
RENEW_RE = re.compile(
    r"\b(?:renew(?:s|ed|ing|al)?|pick(?:s|ed)? up(?=[^.;]{0,60}\bfor\b)|pickup|order(?:s|ed)?|greenlit|greenlights?|green-lit|green-lights?|"
    r"revived?|brings? back)\b",
    re.I,
)
PRONOUNS = frozenset("he she they both"
                     .split())
VERB_ROLE = [
    (re.compile(r"(?:also |will |to |would |jointly |together )*(?:co[-–])?executive[- ]produc(?:es|e|ed|ing)\b", re.I), "EP"),
    (re.compile(r"(?:also |will |to |would )*(?:directs?|directed|directing|helm(?:s|ed)?|will direct)\b", re.I), "director"),
    (re.compile(r"(?:also |will |to |would |jointly )*(?:wrote|writes|write|penned|pens|scripted|co-wrote|co-writes)\b", re.I), "writer"),
    (re.compile(r"(?:also |will |to |would |originally )*(?:created|developed|co-created|creates|develops|adapted)\b", re.I), "creator"),
]
VERB_ROLE_OBJ = re.compile(
    r"\s*(?:(?:the|this|its|both|all|each|every|several|two|three|four|first|second|last|final|new|original|premiere|pilot|opening|"
    r"series|show|drama|film|movie|it|episodes?|season|seasons|finale|premiere|installment|together|as well|\d+)\b[ ,]*)*",
    re.I,
)


# --- mentions and references -----------------------------------------------------------------


@dataclass(eq=False)
class M:
    """A mention: a name the text gives a type, at a place."""

    name: str
    type: str
    pos: int
    aliases: list = field(default_factory=list)
    weight: float = 1.0


class _Main:
    def __repr__(self):
        return "MAIN"


MAIN = _Main()


@dataclass(frozen=True)
class SeasonRef:
    work: object
    n: int


@dataclass
class RawFact:
    s: object
    p: str
    o: object
    sent: Sentence
    conf: float


def _number(word):
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in NUMBERS:
        return NUMBERS[w]
    if w in ORDINALS:
        return ORDINALS[w]
    m = re.match(r"(\d+)(?:st|nd|rd|th)$", w)
    return int(m.group(1)) if m else None


# --- the extraction context ----------------------------------------------------------------------


class _Ctx:
    def __init__(self, text, published, skip_until=0, emphasis=()):
        self.text = text
        self.published = published
        self.mentions = []
        self.facts = []
        self.alias_links = []
        self.person_keys = set()   # folds of people's names and their first/last words
        self.org_keys = set()
        self.author_keys = set()
        self.work_titles = {}      # fold -> (tokens folded, type vote)
        self.work_kind = "Series"
        self.pending_possessive = []
        self.pending_in_which = []
        self.sents = []
        self.emphasis = list(emphasis)
        self.skip_until = skip_until
        self.spinoff_targets = []

    # mentions
    def mention(self, name, type_, pos, aliases=(), weight=1.0):
        if isinstance(name, str):
            text = name
        else:
            text, aliases, pos = name.text, list(name.aliases) + list(aliases), name.start
        text = " ".join(text.split()).strip(" ,;:'\"“”‘")
        if not text:
            return None
        m = M(text, type_, pos, [a for a in aliases if a and a != text], weight)
        self.mentions.append(m)
        if type_ == "Person":
            f = fold(text)
            self.person_keys.add(f)
            words = f.split()
            if len(words) > 1:
                self.person_keys.add(words[-1])
                self.person_keys.add(words[0])
        elif type_ == "Organization":
            self.org_keys.add(fold(text))
        return m

    def fact(self, s, p, o, sent, conf=0.9):
        if s is None or o is None:
            return
        self.facts.append(RawFact(s, p, o, sent, conf))

    # classification of a bare name
    def looks_org(self, name_text):
        words = fold(name_text).split()
        if not words:
            return False
        if fold(name_text) in self.org_keys:
            return True
        return any(w in ORG_WORDS for w in words) or name_text.replace(" ", "").isupper() and len(name_text) <= 6

    def looks_person(self, name_text):
        f = fold(name_text)
        words = name_text.split()
        if not words or self.looks_org(name_text) or f in self.work_titles:
            return False
        if f in self.person_keys:
            return True
        if len(words) == 1:
            return False
        return all(is_cap(w) for w in words) and len(words) <= 5

    def is_work(self, name_text):
        return fold(name_text) in self.work_titles

    # people named by a rule
    def person(self, name, sent=None):
        """A Person mention for a Name (resolving pronouns is the caller's job)."""
        return self.mention(name, "Person", name.start)

    def character(self, sent, name):
        """A Character mention, rank words dropped ("Detective Renée Ballard" -> "Renée Ballard")."""
        words = sent.toks[name.i:name.j]
        k = 0
        while k < len(words) - 1 and (words[k].text.lower().rstrip(".") in RANKS or words[k].text.lower() in RANKS
                                      or is_upper_word(words[k].text) or words[k].text == "."):
            k += 1
        start = words[k].start
        text = self.text[start:name.end]
        aliases = list(name.aliases)
        if k:
            aliases.append(name.text)
            if name.aliases:
                aliases = [a for a in aliases if a != name.text] + [self.text[start:name.end]]
                nick_surface = name.aliases[0]
                cut = nick_surface.find(self.text[start:start + 1] + self.text[start + 1:start + 3])
                text = " ".join(name.text.split()[k:]) if k < len(name.text.split()) else name.text
                if cut > 0:
                    aliases.append(nick_surface[cut:])
        if name.aliases and not k:
            text = name.text
        return self.mention(text, "Character", start, aliases)


# --- sentences ---------------------------------------------------------------------------

_DATELINE = re.compile(r"[^\n]{0,80}?\s*(?:—|–|--|-)\s*")
_WIRE = re.compile(r"[A-Z][A-Za-z .,']{0,60}(?:--|—|–)\s*\([A-Za-z][\w /.-]{0,40}\)\s*(?:--|—|–|-)\s*")


_LETTERS = re.compile(r"[^\W\d_]")


@dataclass
class _Span:
    start: int
    end: int


def _sentences(ctx, text):
    sents = [_Span(a, b) for a, b in sentence_spans(text, ctx.skip_until)]
    out = []
    first_para_end = text.find("\n", ctx.skip_until)
    for s in sents:
        start = s.start
        # datelines: "NEW YORK — May 2, 2022 — ", "June 6, 2023 — ", "LOS ANGELES--(BUSINESS WIRE)--"
        if s.start < 1500 and len(out) < 3:
            m = _WIRE.match(text, start, s.end)
            if m:
                start = m.end()
            else:
                for a, b, _ in _dates.find_dates(text, None, start, min(s.end, start + 120)):
                    if any(c.isdigit() for c in text[a:b][-4:]):
                        rest = re.match(r"\s*(?:—|–|--|-|:)\s*", text[b:s.end])
                        if rest:
                            start = b + rest.end()
                        elif text[b:s.end].strip(" .") == "":
                            start = s.end
                        break
        if start >= s.end:
            continue
        headline = False
        line_start = text.rfind("\n", 0, s.start) + 1
        line_end = text.find("\n", s.end)
        whole_line = text[line_start:s.start].strip() == "" and text[s.end:(line_end if line_end >= 0 else len(text))].strip() == ""
        if s.start < (first_para_end if first_para_end > 0 else len(text)) or s.start == ctx.skip_until or whole_line:
            words = re.findall(r"[^\W\d_][\w'-]*", text[s.start:s.end])
            if words:
                caps = sum(1 for w in words if w[0].isupper())
                headline = caps / len(words) > 0.6 and not text[s.start:s.end].rstrip().endswith(".")
        sent = Sentence(text, start, s.end, headline=headline)
        letters = _LETTERS.findall(sent.text)
        sent.shouting = len(letters) > 0 and sum(map(str.isupper, letters)) > 0.6 * len(letters)
        sent.emph = {a: b for a, b in ctx.emphasis if sent.start <= a < sent.end}
        out.append(sent)
    return out


# --- pass 1: works --------------------------------------------------------------------------------


def _quoted_title(sent, i):
    """The title inside quotes opening at token i, possessives allowed ("‘Tom Clancy’s Jack Ryan’")."""
    close = {"‘": ("'", "’"), "“": ("”",), '"': ('"',), "'": ("'",)}.get(sent.t(i))
    if not close:
        return None
    k = i + 1
    while k < len(sent.toks) and k < i + 14 and sent.t(k) not in close:
        t = sent.t(k)
        if not (is_cap(t) or t == "'s" or t[0].isdigit() or t in (":", "&", "-", ",", "!", "?", ".") or t.lower() in ("of", "the", "a", "an", "and", "in", "on", "to", "for", "with", "at", "from", "by", "or", "my")):
            return None
        k += 1
    if k == i + 1 or sent.t(k) not in close or not is_cap(sent.t(i + 1)):
        return None
    from .grammar import Name
    start, end = sent.toks[i + 1].start, sent.toks[k - 1].end
    return Name(i + 1, k, start, end, sent.doc_text[start:end], [], False)


def _title_after(sent, i):
    """A work title starting at token i (quoted or not)."""
    if sent.t(i) in ("‘", "“", '"', "'"):
        return _quoted_title(sent, i)
    n = sent.name_at(i, "title")
    if n is not None and n.possessive and len(n.text.split()) >= 2 and not n.text.isupper():
        # "Tom Clancy's Jack Ryan": a person's possessive starts the title
        rest = sent.name_at(n.j + 1, "title")
        if rest is not None and not rest.possessive:
            start, end = n.start, rest.end
            from .grammar import Name
            return Name(n.i, rest.j, start, end, sent.doc_text[start:end], [], False)
    return n


def _add_work(ctx, name, kind=None, weight=1.0):
    if name is None:
        return None
    text = name.text if not isinstance(name, str) else name
    if len(text) < 2 or text in STOP_START:
        return None
    f = fold(text)
    if not f or f.replace(" ", "").isdigit():
        return None
    entry = ctx.work_titles.setdefault(f, {"toks": _title_toks(text), "votes": Counter(), "weight": 0.0})
    if kind:
        entry["votes"][kind] += 1
    entry["weight"] += weight
    return f


def _title_toks(text):
    """A title as the folded tokens a sentence would show ("Tom Clancy's" -> tom, clancy, s)."""
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


def _find_works(ctx):
    for sent in ctx.sents:
        if sent.shouting:
            continue
        text = ctx.text
        toks = sent.toks
        n = len(toks)
        # title-case headlines make name boundaries unreliable: their patterns weigh less
        w = 0.4 if sent.headline else 1.0
        # quoted titles in headlines and text: ‘The Lincoln Lawyer’, “Bosch”
        for k, t in enumerate(toks):
            if t.text in ("‘", "“", '"') and (k == 0 or not is_cap(toks[k - 1].text)):
                name = _quoted_title(sent, k)
                if name and (sent.headline or not is_cap(sent.t(name.j + 1))) and not (sent.headline is False and ctx.looks_person_strict(name.text)):
                    _add_work(ctx, name, None, 3.0 if sent.headline else 1.5)
            low = t.text.lower()
            # "the hit detective drama Ballard", "the Prime Video series Bosch"
            if WORK_NOUN_RE.match(low) and t.text[0].islower() and k + 1 < n:
                nxt = _title_after(sent, k + 1)
                if nxt and not nxt.possessive and sent.t(nxt.j) not in ("as",) and not ctx.looks_person_strict(nxt.text) and sent.t(k - 1).lower() not in ("a",):
                    if low not in ("original", "hit", "adaptation", "sequel", "prequel", "spinoff", "spin-off") or sent.t(k - 1).lower() in ("the", "its", "their"):
                        _add_work(ctx, nxt, _kind_of(low), w)
            # "X, the new drama series", "X, a comedy"
            if t.text == "," and k > 0 and sent.t(k + 1).lower() in ("the", "a", "an", "its"):
                kk = k + 2
                while kk < n and kk < k + 8 and (sent.t(kk)[:1].islower() or sent.t(kk) in ("-",) or sent.t(kk)[:1].isdigit()) and not WORK_NOUN_RE.match(sent.t(kk)) \
                        and sent.t(kk) not in ("on", "of", "for", "at", "in", "with", "from", "by", "to", "who", "that", "which"):
                    kk += 1
                if kk < n and WORK_NOUN_RE.match(sent.t(kk)) and sent.t(kk)[0].islower() and sent.t(kk).lower() not in ("original", "adaptation"):
                    prev = sent.name_before(k, "title")
                    if prev and sent.t(prev.i - 1).lower() in ("by", "with", "and", "from", "as", "said", "featuring", "starring", "about", "follows", "like"):
                        prev = None
                    if re.match(r"(?:stars|is|was|will|has|had|follows|centers|centres|tells|returns|premieres|debuts|sees)$", sent.t(kk + 1)):
                        prev = None  # "Based on ... Renée Ballard, the series stars": a clause, not an appositive
                    if prev and not prev.possessive and not ctx.looks_person_strict(prev.text):
                        _add_work(ctx, prev, _kind_of(sent.t(kk)), w)
        st = sent.text
        base = sent.start
        # renewals, premieres, "season of X", "X is produced by", "spinoff of X", "will release X"
        for m in re.finditer(r"\b(?:renew(?:s|ed)?|will release|releases|premiere of|season of|spin-?off of|spinoff to|"
                             r"premiere for|return of|renewal of|revival of|picks? up|picked up)\s+(?:the |a )?(?:(?:new|hit|\w+ and final|\w+) season of )?", st, re.I):
            i = sent.tok_at(base + m.end())
            name = _title_after(sent, i)
            if name and WORK_NOUN_RE.match(sent.t(name.j)) and sent.t(name.j)[0].islower() and is_cap(sent.t(name.j + 1)):
                continue  # "spinoff of the Prime Video series Bosch": a distributor, then the title
            if name and not ctx.looks_person_strict(name.text) and not (name.text.split()[0] in ("Season",)):
                _add_work(ctx, name, "Series" if re.search(r"renew|season|spin", m.group(), re.I) else None, 2.0 * w)
        for m in re.finditer(r"\s+(?:(?:has|have|had) been |is being |is |was |will be |gets? |officially )?(?:renewed|picked up|premieres|debuts|will premiere|"
                             r"will debut|is (?:executive )?produced by|was (?:developed|created)|is based on|is adapted from|"
                             r"is set to premiere|hits theaters|Renewed|Premieres|Debuts)\b", st):
            if re.match(r"\s*(?:will premiere|premieres|will debut|debuts)\s+(?:(?:the|its)\s+)?(?:[\w-]+\s+)?season\b|\s*(?:will premiere|premieres|will debut|debuts)\s+(?-i:[A-Z])",
                        m.group() + st[m.end():], re.I):
                continue
            if re.match(r"\s*(?:renewed|picked up|Renewed)\s+(?!for\b|to\b|by\b|at\b|on\b|in\b|through\b|with\b|as\b|after\b|ahead\b|early\b|[,.;])", m.group() + st[m.end():]):
                continue  # active voice: "Netflix renewed the series" names the renewer
            j = sent.tok_before(base + m.start())
            name = sent.name_before(j, "title")
            if name is None and j > 0 and sent.t(j - 1) in ("'", "”", '"'):
                name = sent.name_before(j - 1, "title")
            if name and not ctx.looks_person_strict(name.text) and not name.possessive:
                if name.text.split()[0] in STOP_START and name.text.split()[0] != "The":
                    continue
                _add_work(ctx, name, "Series" if "renew" in m.group().lower() else None, 2.0 * w)
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
                        _add_work(ctx, name, None, 3.0)
                break


def _looks_person_strict(ctx, text):
    f = fold(text)
    return f in ctx.person_keys and " " in f


_Ctx.looks_person_strict = _looks_person_strict


def _locate_works(ctx, sent):
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
        if (is_cap(toks[i].text) or toks[i].text[0].isdigit()) and folded[i] in by_first:
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
                    if is_cap(prev) and prev not in ("The",) and prev not in STOP_START and not (i >= 2 and toks[i - 2].text in ("‘", "“")) and not sent.headline:
                        break
                    if nxt.lower() in ("universe", "franchise", "novels", "books", "novel", "book") or (is_cap(nxt) and not sent.headline and nxt not in STOP_START and fold(nxt) not in ("season",)):
                        break
                    hit = (i - 1 if prev == "The" else i, k, f)
                    break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    sent._works = out
    return out


def _work_ref(ctx, sent, lo, hi, prefer="last"):
    """The work named in tokens [lo, hi) of a sentence (a mention), or MAIN."""
    works = [w for w in _locate_works(ctx, sent) if w[0] >= lo and w[1] <= hi]
    if not works:
        return MAIN
    i, j, f = works[-1] if prefer == "last" else works[0]
    return _work_mention(ctx, sent, i, j, f)


def _work_mention(ctx, sent, i, j, f):
    entry = ctx.work_titles[f]
    return ctx.mention(sent.span_text(i, j).strip("‘“'\"”"), "Work", sent.toks[i].start)


# --- pass 2: relations ------------------------------------------------------------------------


def _people_list(ctx, sent, i, allow_roles=True):
    """A credits list: names with optional role words, "of <Org>" and "<Org>'s" parts.

    Returns ([(Name, roles, org_name)], next_index).
    """
    items = []
    n = len(sent.toks)
    roles = []
    while i < n:
        # role words before names: "co-showrunners A and B", "showrunner X"
        t = sent.t(i).lower()
        if allow_roles and t in ROLE_WORDS:
            roles = ROLE_WORDS[t].split("+")
            i += 1
            continue
        if allow_roles and t in ("executive", "co-executive", "co–executive") and sent.t(i + 1).lower().startswith("producer"):
            roles = ["EP" if t == "executive" else "coEP"]
            i += 2
            continue
        if t in ("and", ",", "&"):
            i += 1
            continue
        if t in PRONOUNS and sent.t(i)[0].isupper() is False or t in ("he", "she"):
            items.append((t, list(roles), None))
            i += 1
            if sent.t(i) in (",", "and", "&"):
                continue
            break
        name = sent.name_at(i, "name")
        if name is None and sent.t(i) == "The":
            name = sent.name_at(i, "org")
        if name is None:
            break
        org = None
        if name.possessive and ctx.looks_org(name.text):
            # "The Gotham Group's Ellen Goldsmith-Vein"
            person = sent.name_at(name.j + 1, "name")
            if person:
                org, name = name, person
        i = name.j
        if sent.t(i) in ("of", "for", "from", "at") and is_cap(sent.t(i + 1)):
            o = sent.name_at(i + 1, "org")
            if o and ctx.looks_org(o.text) or (o and sent.t(i) == "of" and not ctx.looks_person_strict(o.text)):
                org = o
                i = o.j
        if sent.t(i) == "(":
            close = i
            while close < n and close < i + 12 and sent.t(close) != ")":
                close += 1
            if sent.t(close) == ")":
                i = close + 1
        items.append((name, list(roles), org))
        if sent.t(i) == "," and sent.t(i + 1) in ("and", "&"):
            i += 2
        elif sent.t(i) in (",", "and", "&"):
            i += 1
        else:
            break
    return items, i


def _resolve_pronoun(ctx, sent, k, word):
    """People a pronoun at token k refers to: the people named before it in this sentence, else the previous one's first."""
    names = _person_names(ctx, sent, 0, k)
    if word == "both":
        return names[-2:] if len(names) >= 2 else []
    if word == "they":
        return names[-2:] if len(names) >= 2 else names
    if names:
        return names[-1:]
    idx = ctx.sents.index(sent)
    if idx > 0:
        prev = _person_names(ctx, ctx.sents[idx - 1], 0, len(ctx.sents[idx - 1].toks))
        if prev:
            return prev[:1]
    return []


def _person_names(ctx, sent, lo, hi):
    out = []
    i = lo
    while i < hi:
        if is_cap(sent.t(i)):
            n = sent.name_at(i, "name")
            if n and n.j <= hi:
                if ctx.looks_person(n.text):
                    out.append(n)
                i = n.j
                continue
        i += 1
    return out


def _emit_people(ctx, sent, items, rel, work, conf=0.9, k=0):
    """Facts for a credits list: rel for people (and their role words), productionCompany for companies."""
    names = [n for n, _, _ in items if not isinstance(n, str)]
    company_list = rel == "productionCompany" and any(ctx.looks_org(n.text) for n in names) \
        and not any(fold(n.text) in ctx.person_keys for n in names)
    for name, roles, org in items:
        if isinstance(name, str):
            people = _resolve_pronoun(ctx, sent, k, name)
        else:
            people = [name]
        for p in people:
            if ctx.is_work(p.text):
                continue
            if ctx.looks_org(p.text) or company_list:
                if rel in ("productionCompany",) or rel == "EP":
                    ctx.fact(work, "productionCompany", ctx.mention(p, "Organization", p.start), sent, conf)
                continue
            if rel == "productionCompany":
                continue  # people "produced by" get no fact
            pm = ctx.person(p)
            for r in ([rel] if rel else []) + roles:
                ctx.fact(work, {"EP": "executiveProducer", "coEP": "coExecutiveProducer"}.get(r, r), pm, sent, conf)
            if org is not None:
                om = ctx.mention(org, "Organization", org.start)
                ctx.fact(pm, "employer", om, sent, conf * 0.9)
                ctx.fact(work, "productionCompany", om, sent, conf * 0.9)


CREDIT_BY = [
    (re.compile(r"\bco[-–]executive[- ]produced by\s+", re.I), "coEP"),
    (re.compile(r"\b(?<![-–])executive[- ]produced by\s+", re.I), "EP"),
    (re.compile(r"\bwritten and directed by\s+", re.I), "writer+director"),
    (re.compile(r"\b(?:co-)?created (?:for (?:television|tv|the screen|streaming|netflix) |and written |and developed )?by\s+", re.I), "creator"),
    (re.compile(r"\b(?:co-)?developed (?:for (?:television|tv|the screen|streaming) )?by\s+", re.I), "creator"),
    (re.compile(r"\badapted for (?:television|tv|the screen|the stage) by\s+", re.I), "creator"),
    (re.compile(r"\bdirected by\s+", re.I), "director"),
    (re.compile(r"\b(?:written|scripted|penned) (?:for the screen )?by\s+|\b(?:teleplay|screenplay|script|story) by\s+", re.I), "writer"),
    (re.compile(r"\b(?<![-–])(?<!executive )(?<!executive-)(?:co-)?produced by\s+|\bin association with\s+|\bco-production with\s+|"
                r"\bin partnership with\s+|\bproduction companies\s+(?:are\s+|include\s+)?", re.I), "productionCompany"),
]


def _rule_credits(ctx, sent):
    low = sent.text.lower()
    if " by " not in low and " with " not in low and "production compan" not in low:
        return
    for rx, rel in CREDIT_BY:
        for m in rx.finditer(ctx.text, sent.start, sent.end):
            k = sent.tok_at(m.end())
            before = sent.tok_before(m.start())
            work = _work_ref(ctx, sent, 0, before)
            # a character "created by" X is createdBy, not the work's creator
            if rel == "creator" and re.search(r"\b(?:character|characters|role)s?\W*$", ctx.text[max(sent.start, m.start() - 25):m.start()], re.I):
                items, _ = _people_list(ctx, sent, k, False)
                chars = ctx_chars_before(ctx, sent, m.start())
                for name, _, _ in items:
                    if not isinstance(name, str) and chars:
                        ctx.fact(chars[-1], "createdBy", ctx.person(name), sent, 0.8)
                continue
            items, end = _people_list(ctx, sent, k)
            rels = rel.split("+")
            for r in rels:
                _emit_people(ctx, sent, items, r, work, 0.9, k)
            # "... by A and B alongside C, D and E"
            while sent.t(end).lower() in ("alongside", "with") or (sent.t(end).lower() == "along" and sent.t(end + 1) == "with") or (sent.t(end).lower() == "as" and sent.t(end + 1) == "well"):
                end += 2 if sent.t(end).lower() in ("along", "as") else 1
                if sent.t(end).lower() == "as":
                    end += 1
                more, end2 = _people_list(ctx, sent, end)
                if not more:
                    break
                for r in rels:
                    _emit_people(ctx, sent, [(a, [], c) for a, _, c in more], r, work, 0.85, k)
                end = end2


def ctx_chars_before(ctx, sent, pos):
    return [m for m in ctx.mentions if m.type == "Character" and sent.start <= m.pos < pos]


def _role_span(ctx, sent, m):
    """Relations named by a role phrase ("co-showrunners and executive producers")."""
    roles = []
    for rm in ROLE_PHRASE.finditer(m):
        r = rm.group("role").lower().replace("–", "-")
        if r.startswith("co-executive"):
            roles.append("coExecutiveProducer")
        elif r.startswith("executive"):
            roles.append("executiveProducer")
        elif "showrunner" in r:
            roles.append("showrunner")
        elif "creator" in r:
            roles.append("creator")
        elif "director" in r and "writer" in r:
            roles += ["writer", "director"]
        elif "director" in r:
            roles.append("director")
        elif "writer" in r:
            roles.append("writer")
    return roles


_ROLE_APPOS = re.compile(
    r",\s+(?:(?:the|an?|its|his|her|their|fellow|also|both|longtime|original|series|and|(?-i:[A-Z])[\w:'-]*(?:\s+(?-i:[A-Z])[\w:'-]*){0,3})\s+){0,4}"
    r"(?P<roles>(?:co[-–])?(?:executive[- ]producers?|showrunners?|co-creators?|creators?|directors?|writers?)"
    r"(?:(?:\s*,\s*|\s+and\s+|\s*/\s*)(?:co[-–])?(?:executive[- ]producers?|showrunners?|co-creators?|creators?|directors?|writers?|author))*)"
    r"(?P<tail>\s+(?:for|of|at|on|with)\s+)?",
    re.I,
)
_ROLE_PRED = re.compile(
    r"(?P<verb>,?\s*(?:who\s+)?(?:also\s+|will\s+|now\s+|again\s+|currently\s+)*(?:serves?|served|serving|will serve|is|are|was|were|remains?|"
    r"will remain|joins?|joined|signed on|comes? on(?:board)?|boards?|returns?|steps in|stepped in|take over|takes over|took over|"
    r"has been named|have been named|was named|were named|named|tapped|hired)\s+(?:as\s+)?(?:the\s+|an?\s+|its\s+|lead\s+)?)"
    r"(?P<roles>(?:co[-–])?(?:executive[- ]producers?|showrunners?|co-creators?|creators?|directors?|writers?)"
    r"(?:(?:\s*,\s*|\s+and\s+|\s*/\s*)(?:co[-–])?(?:executive[- ]producers?|showrunners?|co-creators?|creators?|directors?|writers?))*)",
    re.I,
)


def _subject_names(ctx, sent, j):
    """The people (a list, or a pronoun) whose clause ends before token j, skipping ", who ..., "."""
    k = j
    if sent.t(k - 1).lower() == "who" and sent.t(k - 2) == ",":
        # "..., and Jean-Marc Vallée, who directed": the relative clause is about the last name only
        last = sent.name_before(k - 2, "name")
        return ([last] if last is not None else []), k - 2
    elif sent.t(k - 1) != ",":
        # "Ted Humphrey, who developed it, is showrunner"
        back = k - 1
        while back > 0 and back > k - 12 and sent.t(back).lower() != "who" and sent.t(back)[:1].islower():
            back -= 1
        if sent.t(back).lower() == "who" and sent.t(back - 1) == ",":
            k = back - 1
    # skip a relative clause ", who developed it,"
    elif sent.t(k - 1) == ",":
        back = k - 2
        while back > 0 and back > k - 14 and sent.t(back).lower() not in ("who", ","):
            back -= 1
        if sent.t(back).lower() == "who" and sent.t(back - 1) == ",":
            k = back - 1
        elif sent.t(k - 1) == ",":
            k -= 1
    if sent.t(k - 1).lower() in PRONOUNS:
        return sent.t(k - 1).lower(), k - 1
    # "A and B", "A, B and C"
    last = sent.name_before(k, "name")
    if last is None:
        return [], k
    names = [last]
    i = last.i
    while i > 0:
        if sent.t(i - 1) in ("and", "&") and sent.t(i - 2) == ",":
            prev = sent.name_before(i - 2, "name")
        elif sent.t(i - 1) in (",", "and", "&"):
            prev = sent.name_before(i - 1, "name")
        else:
            break
        if prev is None or prev.possessive:
            break
        names.insert(0, prev)
        i = prev.i
    if sent.t(i - 1).lower() in ROLE_WORDS:
        i -= 1
    if i >= 2 and sent.t(i - 1) == "and" and sent.t(i - 2).lower() in ("he", "she"):
        return [f"__pron__{sent.t(i - 2).lower()}@{i - 2}"] + names, i - 2
    return names, i


def _rule_roles(ctx, sent):
    text = ctx.text
    low = sent.text.lower()
    if not any(w in low for w in ("produc", "showrunner", "creator", "direct", "writ", "wrote", "creat", "develop", "adapt", "helm", "pen")):
        return
    # "X, Y and Z, co-showrunners and executive producers" / "Connelly, an executive producer on the series,"
    has_role = ROLE_PHRASE.search(sent.text) is not None
    for m in (_ROLE_APPOS.finditer(text, sent.start, sent.end) if has_role else ()):
        j = sent.tok_before(m.start())
        roles = _role_span(ctx, sent, m.group("roles"))
        if not roles:
            continue
        names, _ = _subject_names(ctx, sent, j)
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
        _assign_roles(ctx, sent, names, roles, org, j, 0.85)
    # "Ted Humphrey, who also serves as showrunner" / "Theresa Snider serves as co-executive producer for X"
    for m in (_ROLE_PRED.finditer(text, sent.start, sent.end) if has_role else ()):
        j = sent.tok_before(m.start())
        names, _ = _subject_names(ctx, sent, j)
        roles = _role_span(ctx, sent, m.group("roles"))
        if isinstance(names, str):
            names = _resolve_pronoun(ctx, sent, j, names)
        if not names:
            continue
        org = None
        k = sent.tok_at(m.end())
        if sent.t(k) in ("for", "at", "of", "with") and sent.t(k) != "with":
            o = sent.name_at(k + 1, "org")
            if o and ctx.looks_org(o.text):
                org = o
        _assign_roles(ctx, sent, names, roles, org, j, 0.85)
        # "is showrunner alongside Dailyn Rodriguez"
        if sent.t(k).lower() in ("alongside", "with") or (sent.t(k) == "along" and sent.t(k + 1) == "with"):
            more, _ = _people_list(ctx, sent, k + (2 if sent.t(k) == "along" else 1), False)
            _assign_roles(ctx, sent, [a for a, _, _ in more if not isinstance(a, str)], roles, None, j, 0.8)
    # "showrunner Eric Overmyer", "co-showrunners A and B"
    for k, t in enumerate(sent.toks):
        low = t.text.lower()
        if low in ROLE_WORDS and t.text[0].islower() and is_cap(sent.t(k + 1)):
            if sent.t(k - 1).lower() in ("executive", "co-executive"):
                continue
            items, _ = _people_list(ctx, sent, k + 1, False)
            names = [a for a, _, _ in items if not isinstance(a, str) and ctx.looks_person(a.text) or (not isinstance(a, str) and len(a.text.split()) == 1 and fold(a.text) in ctx.person_keys)]
            _assign_roles(ctx, sent, names, ROLE_WORDS[low].split("+"), None, k, 0.8)
        if low in ("producer", "producers") and sent.t(k - 1).lower() in ("executive", "co-executive", "co–executive") and t.text[0].islower() and \
                (is_cap(sent.t(k + 1)) or sent.t(k + 1).lower() in ("are", "include", "were", "includes") and is_cap(sent.t(k + 2))):
            items, _ = _people_list(ctx, sent, k + 1 + (not is_cap(sent.t(k + 1))), False)
            names = [a for a, _, _ in items if not isinstance(a, str) and ctx.looks_person(a.text)]
            role = "executiveProducer" if sent.t(k - 1).lower() == "executive" else "coExecutiveProducer"
            _assign_roles(ctx, sent, names, [role], None, k, 0.8)
    # verbs: "he executive produces the series with A and B", "Wilkinson also directed the first two episodes"
    for rx, role in VERB_ROLE:
        for m in rx.finditer(text, sent.start, sent.end):
            if m.start() > sent.start and text[m.start() - 1].isalnum():
                continue
            j = sent.tok_before(m.start())
            after = text[m.end():sent.end]
            if role == "creator":
                # only "created the series", "who developed it," -- not "created in his 1992 debut"
                if not re.match(r"\s*(?:(?:the|this) (?:series|show|drama|comedy|film|movie|adaptation)|it)\b|\s*[,.;]|\s*$", after, re.I):
                    continue
                if re.match(r"\s*(?:by|in|for)\b", after):
                    continue
            if role == "EP" and re.match(r"\s*by\b", after):
                continue
            if role in ("director", "writer") and re.match(r"\s*(?:by|in|for)\b", after):
                continue
            names, _ = _subject_names(ctx, sent, j)
            if isinstance(names, str):
                names = _resolve_pronoun(ctx, sent, j, names)
            else:
                expanded = []
                for n in names:
                    if isinstance(n, str) and n.startswith("__pron__"):
                        word, at = n[8:].split("@")
                        expanded += _resolve_pronoun(ctx, sent, int(at), word)
                    else:
                        expanded.append(n)
                names = expanded
            rel = {"EP": "coExecutiveProducer" if re.match(r"(?:\w+ )*co[-–]", m.group(), re.I) else "executiveProducer"}.get(role, role)
            # subject list with role words: "He and showrunner Eric Overmyer wrote the pilot"
            if not names and j > 0:
                continue
            _assign_roles(ctx, sent, names, [rel], None, j, 0.8)
            obj = VERB_ROLE_OBJ.match(text, m.end(), sent.end)
            k = sent.tok_at(obj.end())
            if sent.t(k).lower() in ("with", "alongside") or (sent.t(k) == "along" and sent.t(k + 1) == "with"):
                more, _ = _people_list(ctx, sent, k + (2 if sent.t(k) == "along" else 1), False)
                _assign_roles(ctx, sent, [a for a, _, _ in more if not isinstance(a, str)], [rel], None, j, 0.8)


def _assign_roles(ctx, sent, names, roles, org, j, conf):
    if not names or not roles:
        return
    work = _work_ref(ctx, sent, 0, len(sent.toks))
    for n in names:
        if isinstance(n, str):
            continue
        if ctx.looks_org(n.text) or ctx.is_work(n.text):
            continue
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


def _role_slot(ctx, sent, k):
    """The character named after "as" / "plays": skips determiners, descriptors and ranks."""
    n = len(sent.toks)
    steps = 0
    while k < n and steps < 12:
        t = sent.t(k)
        low = t.lower()
        if low in ("his", "her", "their", "its", "the", "a", "an", "also", "both", "one", "of", "new", "series", "regular", "voice", "young", "younger", "older", "teenage", "adult"):
            k += 1
            steps += 1
            continue
        if t == ",":
            k += 1
            steps += 1
            continue
        if t[:1].islower() and t.isalpha() or (t[:1].islower() and "-" in t):
            if low in ("who", "which", "that", "in", "on", "at", "for", "with", "and", "to", "from", "is", "was", "will", "opposite", "alongside", "when", "while", "after", "before"):
                return None
            k += 1
            steps += 1
            continue
        if is_cap(t):
            name = sent.name_at(k, "char")
            if name is None:
                return None
            if name.possessive:
                # "Bosch's partner, Detective Jerry Edgar"
                k = name.j + 1
                steps += 1
                continue
            return name
        return None
    return None


def _rule_cast(ctx, sent):
    if sent.shouting:
        return
    text = ctx.text
    toks = sent.toks
    n = len(toks)
    cue = CAST_CUE.search(sent.text) is not None
    for k, tok in enumerate(toks):
        low = tok.text.lower()
        if (low == "as" and tok.text == "as") or (low == "of" and sent.t(k - 1).lower() == "role" and sent.t(k - 2).lower() == "the"):
            prev = sent.t(k - 1).lower()
            if prev in NOT_AS or sent.t(k + 1).lower() in ("well", "part", "a", "an", "such", "of", "soon", "much", "long", "it", "they", "he", "she", "the", "part") and not _role_slot_ok(ctx, sent, k + 1):
                continue
            left = None
            bridge_ok = False
            if is_cap(sent.t(k - 1)) or sent.t(k - 1) in (")",):
                left = sent.name_before(k, "name")
                bridge_ok = cue or (left is not None and left.i == 0 and len(toks) <= 16)
            else:
                # walk back over a verb phrase: "returns", "appears in a recurring role", "joins the cast"
                b = k - 1
                while b >= 0 and b > k - 10 and (toks[b].text[:1].islower() or toks[b].text in ("-",)) and toks[b].text not in ("as",):
                    b -= 1
                bridge = text[toks[b + 1].start:tok.start] if b + 1 < k else ""
                if b >= 0 and is_cap(toks[b].text) and CAST_VERB.search(bridge):
                    left = sent.name_before(b + 1, "name")
                    bridge_ok = True
            if left is None or not bridge_ok or left.possessive:
                continue
            if ctx.looks_org(left.text) or ctx.is_work(left.text):
                continue
            role = _role_slot(ctx, sent, k + 1)
            lefts = _list_before(ctx, sent, left)
            if role is not None and (ctx.looks_org(role.text) or ctx.is_work(role.text)):
                role = None
            roles = [role] if role else []
            if role is not None and len(lefts) > 1 and re.search(r"\brespectively\b", sent.text):
                rl, _ = sent.names_list_at(role.i, "name")
                if len(rl) == len(lefts):
                    roles = rl
            work = _work_ref(ctx, sent, 0, left.i)
            if roles and len(roles) == len(lefts) and len(lefts) > 1:
                pairs = list(zip(lefts, roles))
            else:
                pairs = [(left, role)]
            for person, char in pairs:
                pm = ctx.person(person)
                ctx.fact(work, "castMember", pm, sent, 0.9)
                if char is not None:
                    cm = ctx.character(sent, char)
                    ctx.fact(pm, "portrays", cm, sent, 0.9)
                    ctx.fact(work, "hasCharacter", cm, sent, 0.9)
        elif low in ("plays", "played", "portrays", "portrayed", "voices", "voiced", "play", "portray", "voice", "playing", "portraying") and tok.text[0].islower():
            if sent.t(k + 1).lower() in ("a", "an") and not is_cap(sent.t(k + 2)):
                pass
            b = k - 1
            while b >= 0 and toks[b].text.lower() in ("also", "will", "now", "to", "set", "is", "who", "and", "would"):
                b -= 1
            if b < 0 or not is_cap(toks[b].text):
                continue
            left = sent.name_before(b + 1, "name")
            if left is None or left.possessive or ctx.looks_org(left.text) or ctx.is_work(left.text):
                continue
            role = _role_slot(ctx, sent, k + 1)
            if role is None or ctx.looks_org(role.text) or ctx.is_work(role.text):
                continue
            lefts = _list_before(ctx, sent, left)
            work = _work_ref(ctx, sent, 0, left.i)
            pairs = [(left, role)]
            if len(lefts) > 1 and re.search(r"\brespectively\b", sent.text):
                rl, _ = sent.names_list_at(role.i, "name")
                if len(rl) == len(lefts):
                    pairs = list(zip(lefts, rl))
            for person, char in pairs:
                pm = ctx.person(person)
                cm = ctx.character(sent, char)
                ctx.fact(work, "castMember", pm, sent, 0.9)
                ctx.fact(pm, "portrays", cm, sent, 0.9)
                ctx.fact(work, "hasCharacter", cm, sent, 0.9)
        elif tok.text == "(" and k > 0 and is_cap(sent.t(k + 1)):
            inner = sent.name_at(k + 1, "name")
            if inner is None or sent.t(inner.j) != ")" or len(inner.text.split()) < 2 or ctx.looks_org(inner.text) or ctx.is_work(inner.text):
                continue
            if any(is_upper_word(w) for w in inner.text.split()):
                continue
            left = sent.name_before(k, "name")
            if left is None or left.possessive or ctx.looks_org(left.text) or ctx.is_work(left.text):
                continue
            work = _work_ref(ctx, sent, 0, left.i)
            pm = ctx.person(inner)
            cm = ctx.character(sent, left)
            ctx.fact(work, "castMember", pm, sent, 0.85)
            ctx.fact(pm, "portrays", cm, sent, 0.85)
            ctx.fact(work, "hasCharacter", cm, sent, 0.85)
        elif low in ("starring", "stars", "co-starring", "co-stars", "includes", "features", "include", "feature", "star") and tok.text[0].islower():
            if low in ("includes", "features", "include", "feature") and not re.search(r"\b(?:cast|ensemble|lineup|line-up)\b[^.;]{0,20}$", text[sent.start:tok.start], re.I):
                continue
            if low in ("stars", "star") and not (sent.t(k - 1).lower() in ("series", "film", "show", "drama", "also", "comedy", "movie", "thriller") or ctx.is_work(sent.t(k - 1)) or is_cap(sent.t(k + 1))):
                continue
            if low in ("stars", "star") and not is_cap(sent.t(k + 1)):
                continue
            items, _ = _people_list(ctx, sent, k + 1, False)
            work = _work_ref(ctx, sent, 0, k)
            for name, _, _ in items:
                if isinstance(name, str) or ctx.looks_org(name.text) or ctx.is_work(name.text):
                    continue
                if len(name.text.split()) < 2 and fold(name.text) not in ctx.person_keys:
                    continue
                ctx.fact(work, "castMember", ctx.person(name), sent, 0.85)
        elif low in ("return", "returns", "star", "reprise", "join") and tok.text[0].islower() and k > 0:
            # "Amy Aquino and Lance Reddick also return."
            b = k - 1
            if sent.t(b).lower() == "also":
                b -= 1
            if not is_cap(sent.t(b)) or sent.t(k + 1) not in (".", ",", ";", "") and sent.t(k + 1).lower() not in ("the", "to", "for", "in"):
                continue
            if sent.t(k + 1).lower() in ("to", "for") and low in ("return", "returns"):
                continue
            last = sent.name_before(b + 1, "name")
            if last is None or last.possessive or not ctx.looks_person(last.text):
                continue
            work = _work_ref(ctx, sent, 0, last.i)
            for p in _list_before(ctx, sent, last, always=True):
                ctx.fact(work, "castMember", ctx.person(p), sent, 0.8)
    # "Titus Welliver's Harry Bosch": decided after all sentences (authors are known then)
    for k, tok in enumerate(toks if any(t.text in ("'s", "'") for t in toks) else ()):
        if is_cap(tok.text) and (k == 0 or not is_cap(sent.t(k - 1))):
            a = sent.name_at(k, "name")
            if a is None or not a.possessive or len(a.text.split()) < 2:
                continue
            b_i = a.j + 1
            b = sent.name_at(b_i, "name")
            if b is None or b.possessive:
                continue
            nxt = sent.t(b.j).lower()
            if nxt in BOOK_PLUR or nxt in BOOK_SING or nxt in ("character", "characters", "universe", "franchise", "film", "show", "drama"):
                continue
            ctx.pending_possessive.append((sent, a, b))


def _role_slot_ok(ctx, sent, k):
    return _role_slot(ctx, sent, k) is not None and sent.t(k).lower() in ("a", "an", "the")


def _list_before(ctx, sent, last, always=False):
    names = [last]
    i = last.i
    while i > 0:
        if sent.t(i - 1) in ("and", "&") and sent.t(i - 2) == ",":
            prev = sent.name_before(i - 2, "name")
        elif sent.t(i - 1) in (",", "and", "&"):
            prev = sent.name_before(i - 1, "name")
        else:
            break
        if prev is None or prev.possessive or not ctx.looks_person(prev.text):
            break
        # "Role, Person as Role; Person as ..." : a list item already paired with a role stops the list
        names.insert(0, prev)
        i = prev.i
    if len(names) > 1 and not always and not re.search(r"\b(?:respectively|return|returns|also|both|all)\b", sent.text):
        return [last]
    return names


SEASON_MULTI = re.compile(
    rf"\b(?:(?P<a>{_ORD})(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:an?\s+)?(?P<b>{_ORD})\s+seasons?\b"
    rf"|seasons\s+(?P<c>\d{{1,2}}|{_NUM})(?P<sep>\s*,\s*|\s+and\s+|\s*&\s*|\s*[-–]\s*|\s+through\s+)(?P<d>\d{{1,2}}|{_NUM})\b)"
    rf"(?P<multi>)",
    re.I,
)


def _season_mentions(text, start, end):
    """Season mentions as (match, number): "second season", "Season 3", "seasons two and three"."""
    out = []
    taken = []
    for m in SEASON_MULTI.finditer(text, start, end):
        if m.group("a"):
            nums = [_number(m.group("a")), _number(m.group("b"))]
        else:
            a, b = _number(m.group("c")), _number(m.group("d"))
            nums = list(range(a, b + 1)) if a and b and ("-" in m.group("sep") or "–" in m.group("sep") or "through" in m.group("sep")) and b - a < 12 else [a, b]
        for n in nums:
            if n:
                out.append((m, n))
        taken.append((m.start(), m.end()))
    for m in SEASON_RE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        n = _number(m.group("ord") or m.group("num"))
        if n:
            out.append((m, n))
    return sorted(out, key=lambda t: t[0].start())


def _rule_season(ctx, sent):
    """Seasons named anywhere, renewals, and premieres."""
    text = ctx.text
    renew = None if sent.shouting else RENEW_RE.search(sent.text)
    renewal_done = False
    renewal_mention = None
    for m, num in _season_mentions(text, sent.start, sent.end):
        if renewal_done and renewal_mention is not m:
            renewal_done = "past"
        i = sent.tok_at(m.start())
        j = sent.tok_before(m.end())
        # whose season: "of X", "X's", "that show's", "its", else the main work
        work = None
        if sent.t(j) == "of":
            w = [x for x in _locate_works(ctx, sent) if x[0] == j + 1]
            if w:
                work = _work_mention(ctx, sent, *w[0])
        if work is None:
            b = i - 1
            while b >= 0 and sent.t(b).lower() in ("a", "the", "its", "and", "final", "new", "full", "upcoming", "latest", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"):
                if sent.t(b).lower() in ORDINALS and sent.t(b).lower() != (m.group("ord") or "").lower() and not m.group("multi"):
                    break
                b -= 1
            if sent.t(b) == "'s" or sent.t(b) == "'":
                if sent.t(b - 1).lower() in ("show", "series"):
                    work = _other_work(ctx, sent, b)
                else:
                    w = [x for x in _locate_works(ctx, sent) if x[1] == b]
                    if w:
                        work = _work_mention(ctx, sent, *w[0])
            elif sent.t(b + 1).lower() != "its":
                w = [x for x in _locate_works(ctx, sent) if x[1] == i]
                if w:
                    work = _work_mention(ctx, sent, *w[0])
        if work is None:
            work = MAIN
        season = SeasonRef(work, num)
        ctx.fact(work, "hasSeason", season, sent, 0.85)
        ctx.fact(season, "seasonNumber", num, sent, 0.9)
        if renew and renewal_done != "past" and (not renewal_done or renewal_mention is m):
            rm = None
            for r in RENEW_RE.finditer(text, sent.start, m.start()):
                rm = r
            if rm is not None and sent.tok_at(m.start()) - sent.tok_at(rm.start()) <= 30 and ";" not in text[rm.end():m.start()]:
                if rm.group().lower() in ("gets", "lands", "landed", "returns for", "return for", "will return for") and not re.search(r"\b(?:renew|order|pick)", sent.text, re.I):
                    pass
                else:
                    # the renewed work: named between the verb and the season, else before the verb
                    rv = sent.tok_at(rm.start())
                    wk = _work_ref(ctx, sent, rv, i, prefer="first")
                    if wk is MAIN:
                        wk = _work_ref(ctx, sent, 0, rv)
                    if work is not MAIN and wk is MAIN:
                        wk = work
                    if wk is not MAIN and work is MAIN:
                        season = SeasonRef(wk, num)
                        ctx.fact(wk, "hasSeason", season, sent, 0.85)
                        ctx.fact(season, "seasonNumber", num, sent, 0.9)
                    ctx.fact(season.work if work is not MAIN else wk, "renewedFor", season, sent, 0.9)
                    renewal_done = True
                    renewal_mention = m
                    _announcer(ctx, sent, rv, season.work if work is not MAIN else wk)
    _rule_premiere(ctx, sent)


def _other_work(ctx, sent, b):
    """ "that show's": a work named before other than the clause's own subject."""
    if ctx.spinoff_targets:
        return ctx.spinoff_targets[-1]
    works = [w for w in _locate_works(ctx, sent) if w[1] <= b]
    if len(works) >= 2:
        return _work_mention(ctx, sent, *works[-2])
    return MAIN


def _announcer(ctx, sent, verb_tok, work):
    """ "<Org> has renewed X", "<Org> today announced that X ...": the Org distributes X."""
    name = sent.name_at(0, "org")
    if name is None:
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
    if sent.t(after) == ",":
        # skip an appositive up to the verb
        if not re.search(r",\s*" + ANNOUNCE_VERBS.pattern, ctx.text[sent.toks[after].start:sent.end], re.I):
            return
    elif after >= len(sent.toks) or ANNOUNCE_VERBS.match(ctx.text, sent.toks[after].start, sent.end) is None:
        return
    for o in orgs:
        ctx.fact(work, "distributor", ctx.mention(o, "Organization", o.start), sent, 0.75)


def _rule_premiere(ctx, sent):
    text = ctx.text
    if sent.shouting:
        return
    for m in PREMIERE_RE.finditer(text, sent.start, sent.end):
        word = m.group().lower()
        if word.startswith(("return", "stream", "air", "arriv")) and not re.search(r"\bpremiere|debut|launch", sent.text, re.I):
            if not word.startswith(("return", "arriv")):
                continue
        if word.startswith(("release", "open", "bow", "hits")) and not re.search(r"\b(?:theaters|theatres|cinemas|film|movie|nationwide|worldwide|box office)\b", sent.text, re.I):
            if not re.search(r"\brelease\b", word):
                continue
            if ctx.work_kind != "Film":
                continue
        # the date: after the verb (or just before it: "Sets July 9 Premiere")
        window_end = min(sent.end, m.end() + 150)
        ds = _dates.find_dates(text, ctx.published, m.end(), window_end)
        date = None
        dpos = None
        if ds:
            a, b, d = ds[0]
            between = text[m.end():a]
            if not PREMIERE_BLOCK.search(between) and not re.search(r"[;]|\band\s+(?:will|the)\b", between):
                date, dpos = d, a
        if date is None:
            before = _dates.find_dates(text, ctx.published, max(sent.start, m.start() - 25), m.start())
            if before and not PREMIERE_BLOCK.search(text[before[-1][1]:m.start()]):
                date, dpos = before[-1][2], before[-1][0]
        if date is None:
            tm = re.match(r"\s*(today|tomorrow)\b", text[m.end():sent.end], re.I)
            if tm and ctx.published:
                date = _dates.relative_date(tm.group(1), ctx.published)
                dpos = m.end()
        if date is None:
            continue
        if PREMIERE_BLOCK.search(text[max(sent.start, m.start() - 30):m.start()]):
            continue
        if word.startswith("return") and not re.search(r"\bseason\b", sent.text, re.I):
            continue
        # a year on its own right after a full date ("July 9, 2025") is fine; a bare month is not a date
        k = sent.tok_at(m.start())
        # the subject: a numbered season next to the verb or between verb and date
        season = None
        lo = max(sent.start, m.start() - 60)
        hi = max(dpos, m.end())
        tail = re.match(r"\s+(?:for|of)\s+[^,;.]{1,60}?\s+(?=season\b)", text[hi:min(sent.end, hi + 80)], re.I)
        if tail and dpos < m.start():
            hi = min(sent.end, hi + tail.end() + 12)
        for sm in SEASON_RE.finditer(text, lo, hi):
            num = _number(sm.group("ord") or sm.group("num"))
            if not num:
                continue
            if sm.start() < m.start():
                gap = text[sm.end():m.start()]
                if re.search(r"[,;]|\bwhich\b|\bof\b", gap) and not re.match(r"\s+of\s+\S+", gap):
                    if not re.fullmatch(r"\s+of\s+[^,;]{1,40}\s+(?:will\s+|is set to\s+)?", gap):
                        continue
            season = num
        wk = _work_ref(ctx, sent, 0, sent.tok_at(dpos))
        if season:
            sref = SeasonRef(wk, season)
            ctx.fact(sref, "premiereDate", date, sent, 0.85)
            ctx.fact(wk, "hasSeason", sref, sent, 0.85)
            ctx.fact(sref, "seasonNumber", season, sent, 0.9)
        else:
            ctx.fact(wk, "premiereDate", date, sent, 0.85)
        _announcer(ctx, sent, k, wk)
        break


def _rule_distribution(ctx, sent):
    text = ctx.text
    toks = sent.toks
    has_poss = any(t.text in ("'s", "'") for t in toks)
    for k, tok in enumerate(toks):
        low = tok.text
        if low in ("on", "at", "via", "from") and is_cap(sent.t(k + 1)):
            prev = sent.t(k - 1).lower()
            name = sent.name_at(k + 1, "org")
            if name is None or ctx.is_work(name.text) or ctx.looks_person_strict(name.text) or name.possessive:
                continue
            if sent.t(k + 1) in ("The",):
                continue
            if low == "on":
                ok = prev in DIST_PREV or (prev == "," and re.search(r"\b(?:premiere|debut|launch|stream|air)", sent.text, re.I)) \
                    or re.search(r"\b(?:series|drama|show|comedy|original)\s*$", text[max(sent.start, tok.start - 30):tok.start], re.I)
                if not ok:
                    continue
                if re.match(r"[\w ]{0,30}\b(?:presentation|panel|stage|set)\b", text[name.end:name.end + 40]):
                    continue
                work = _work_ref(ctx, sent, 0, k)
                if re.search(r"\b(?:series|drama|show|comedy|original)\s*$", text[max(sent.start, tok.start - 30):tok.start], re.I):
                    # "Bosch, the longest-running original series on Prime Video"
                    w = _appositive_work(ctx, sent, k)
                    if w is not None:
                        work = w
                ctx.fact(work, "distributor", ctx.mention(name, "Organization", name.start), sent, 0.8)
            elif low == "at":
                if sent.headline or re.search(r"\bseason\b[^,.;]{0,25}$", text[sent.start:tok.start], re.I) and RENEW_RE.search(sent.text):
                    ctx.fact(_work_ref(ctx, sent, 0, k), "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)
            elif low == "from" and ctx.looks_org(name.text):
                if re.search(r"\b(?:series|drama|show|comedy|film|movie|thriller|adaptation|project|production|comes|come)\s*$", text[max(sent.start, tok.start - 30):tok.start], re.I):
                    work = _appositive_work(ctx, sent, k) or _work_ref(ctx, sent, 0, k)
                    ctx.fact(work, "productionCompany", ctx.mention(name, "Organization", name.start), sent, 0.75)
        # "<Org>'s hit series", "Netflix's The Crown"
        if has_poss and is_cap(tok.text) and (k == 0 or not is_cap(sent.t(k - 1))):
            name = sent.name_at(k, "org")
            if name and name.possessive and not ctx.looks_person_strict(name.text) and not ctx.is_work(name.text) and len(name.text) > 1:
                j = name.j + 1
                while j < len(toks) and j < name.j + 5 and toks[j].text[:1].islower() and not WORK_NOUN_RE.match(toks[j].text):
                    j += 1
                noun = sent.t(j).lower()
                if noun in ("series", "drama", "show", "comedy", "original", "thriller", "film", "movie", "docuseries", "sitcom"):
                    w = [x for x in _locate_works(ctx, sent) if x[0] > j][:1]
                    work = _work_mention(ctx, sent, *w[0]) if w and w[0][0] <= j + 3 else _work_ref(ctx, sent, 0, len(toks))
                    rel = "productionCompany" if re.search(r"\b(?:studios?|pictures|productions|entertainment|films)\b", name.text, re.I) else "distributor"
                    if rel == "distributor" or ctx.looks_org(name.text):
                        ctx.fact(work, rel, ctx.mention(name, "Organization", name.start), sent, 0.7)
        # "the Prime Video series Bosch"
        if tok.text.lower() == "the" and is_cap(sent.t(k + 1)):
            name = sent.name_at(k + 1, "org")
            if name and not name.possessive and WORK_NOUN_RE.match(sent.t(name.j)) and sent.t(name.j)[0].islower():
                if ctx.is_work(name.text) or ctx.looks_person_strict(name.text):
                    continue
                w = [x for x in _locate_works(ctx, sent) if x[0] == name.j + 1]
                if w and sent.t(name.j).lower() in ("series", "drama", "show", "comedy", "original", "film", "movie"):
                    ctx.fact(_work_mention(ctx, sent, *w[0]), "distributor", ctx.mention(name, "Organization", name.start), sent, 0.75)
    # "a Lakeshore Entertainment production"
    for m in re.finditer(r"\b(?:an?|the)\s+(?=[A-Z])", text[sent.start:sent.end]):
        i = sent.tok_at(sent.start + m.end())
        name = sent.name_at(i, "org")
        if name and sent.t(name.j).lower() in ("production", "co-production", "presentation") and not ctx.looks_person_strict(name.text):
            ctx.fact(_work_ref(ctx, sent, 0, i), "productionCompany", ctx.mention(name, "Organization", name.start), sent, 0.8)
    # "X, formerly known as Y"
    for m in re.finditer(r"\b(?:formerly|previously) (?:known as|called|named)\s+", text[sent.start:sent.end]):
        i = sent.tok_at(sent.start + m.end())
        alias = sent.name_at(i, "org")
        owner = sent.name_at(0, "org")
        if alias and owner and not owner.possessive:
            a = ctx.mention(alias, "Organization", alias.start)
            o = ctx.mention(owner, "Organization", owner.start)
            ctx.alias_links.append((o, a))


def _appositive_work(ctx, sent, k):
    """The work an appositive ending at token k describes: "Bosch, the ... series on"."""
    b = k - 1
    while b > 0 and sent.t(b) != "," and b > k - 10:
        b -= 1
    if sent.t(b) == ",":
        w = [x for x in _locate_works(ctx, sent) if x[1] == b]
        if w:
            return _work_mention(ctx, sent, *w[-1])
    return None


def _rule_franchise_spinoff(ctx, sent):
    text = ctx.text
    toks = sent.toks
    for k, tok in enumerate(toks):
        low = tok.text.lower()
        if low in ("universe", "franchise", "multiverse", "saga", "cinematic") and k > 0 and is_cap(sent.t(k - 1)):
            if low == "cinematic" and sent.t(k + 1).lower() != "universe":
                continue
            name = sent.name_before(k, "title")
            if name is None or name.possessive:
                continue
            words = name.text.split()
            if words[0] in ("The",):
                words = words[1:]
            if not words:
                continue
            if low == "saga" and not re.search(r"\b(?:the)\s*$", text[max(sent.start, name.start - 5):name.start]):
                continue
            core = " ".join(words)
            noun = "cinematic universe" if low == "cinematic" else low
            fr = ctx.mention(f"{core} {noun}", "Franchise", name.start,
                             aliases=[f"{core} franchise", f"{core} universe"])
            works = [w for w in _locate_works(ctx, sent) if not (w[0] >= name.i and w[1] <= k)]
            if works:
                wk = _work_mention(ctx, sent, *works[-1]) if not sent.headline else MAIN
                if sent.headline:
                    wk = _work_mention(ctx, sent, *works[0])
            else:
                wk = MAIN
            if re.search(r"\b(?:from|of|in|into|expand|expands|expanding|chapter|latest|entry|installment|addition|extend|extends|joins|part|set|newest|next|continue|continues|grows|universe's)\b", sent.text, re.I):
                ctx.fact(wk, "partOfFranchise", fr, sent, 0.8)
        if low in ("spinoff", "spin-off", "offshoot"):
            j = k + 1
            if sent.t(j).lower() in ("series",):
                j += 1
            if sent.t(j).lower() not in ("of", "to", "from"):
                # "the Yellowstone spinoff 1923"
                continue
            j += 1
            if sent.t(j).lower() in ("the", "its") and not is_cap(sent.t(j)):
                j += 1
                org = sent.name_at(j, "org")
                if org and WORK_NOUN_RE.match(sent.t(org.j)) and sent.t(org.j)[0].islower():
                    j = org.j + 1
                elif sent.t(j)[:1].islower():
                    while j < len(toks) and toks[j].text[:1].islower() and j < k + 8:
                        j += 1
                    org = sent.name_at(j, "org")
                    if org and WORK_NOUN_RE.match(sent.t(org.j)) and sent.t(org.j)[0].islower():
                        j = org.j + 1
            target = [w for w in _locate_works(ctx, sent) if w[0] == j]
            if target:
                tm = _work_mention(ctx, sent, *target[0])
            else:
                name = _title_after(sent, j)
                if name is None:
                    continue
                tm = ctx.mention(name, "Series", name.start)
            subj = [w for w in _locate_works(ctx, sent) if w[0] != j and fold(sent.span_text(w[0], w[1])) != fold(tm.name)]
            sm = _work_mention(ctx, sent, *subj[0]) if subj else MAIN
            tm.type = "Series"
            ctx.fact(sm, "spinoffOf", tm, sent, 0.85)
            ctx.spinoff_targets.append(tm)


def _book_np(ctx, sent, i):
    """Read a source-work phrase at token i.

    Returns a list of (mention, author Name or None) and the end index.
    """
    toks = sent.toks
    n = len(toks)
    out = []
    author = None
    plural = False
    count_of = False
    # "two of those books", "three of Connelly's novels"
    if sent.t(i).lower() in NUMBERS or sent.t(i).lower() in ("several", "some", "many", "both", "each", "one", "elements", "parts"):
        if sent.t(i + 1) == "of":
            i += 2
            count_of = True
    while sent.t(i) in ("the", "a", "an", "his", "her", "their", "those", "these"):
        i += 1
    if is_cap(sent.t(i)):
        name = sent.name_at(i, "name")
        if name and name.possessive and ctx.looks_person(name.text) or (name and name.possessive and not ctx.looks_org(name.text) and not ctx.is_work(name.text) and len(name.text.split()) <= 3):
            author = name
            i = name.j + 1
    # adjectives
    while i < n and (BOOK_ADJ.match(sent.t(i)) and not sent.t(i)[0].isupper() or sent.t(i) in ("-",)):
        i += 1
    t = sent.t(i).lower()
    if t in BOOK_SING:
        j = i + 1
        if sent.t(j) == "of" and sent.t(j + 1) == "the" and sent.t(j + 2).lower() in ("same", "same-named"):
            out.append(("__same__", author))
            return out, j + 4
        if sent.t(j) == ",":
            j += 1
        while sent.t(j).lower() in ("titled", "entitled", "called"):
            j += 1
        title = _title_after(sent, j)
        if title is not None and not ctx.looks_person_strict(title.text):
            out.append((ctx.mention(title, "Novel", title.start), author))
            return out, title.j
        return out, i + 1
    if t in BOOK_PLUR or t == "series":
        plural = True
        j = i + 1
        if sent.t(j).lower() in ("featuring", "about", "starring", "following", "centered", "centred"):
            c = _role_slot(ctx, sent, j + 1)
            if c is not None:
                cm = ctx.character(sent, c)
                bs = ctx.mention(f"{cm.name} novels" if t not in ("series", "books") else f"{cm.name} {t}", "BookSeries", c.start)
                ctx.fact(bs, "hasCharacter", cm, sent, 0.85)
                out.append((bs, author))
                return out, c.j
        if sent.t(j) in (",", "—", "–", ":", "-", "--"):
            items, end = sent.names_list_at(j + 1, "title")
            if items:
                for it in items:
                    if not ctx.looks_person_strict(it.text):
                        out.append((ctx.mention(it, "Novel", it.start), author))
                return out, end
        if author is not None:
            return [("__author_books__", author)], j
        return out, j
    # "<Name> novels" / "<Name> series"
    if is_cap(sent.t(i)):
        name = sent.name_at(i, "title")
        if name is not None:
            nxt = sent.t(name.j).lower()
            if nxt in BOOK_PLUR or (nxt == "series" and author is not None):
                bs = ctx.mention(f"{name.text} {nxt}", "BookSeries", name.start,
                                 aliases=[f"{name.text} {x}" for x in ("novels", "books", "series") if x != nxt])
                bs._char_name = name.text
                out.append((bs, author))
                return out, name.j + 1
            if nxt in BOOK_SING and author is not None:
                out.append((ctx.mention(name, "Novel", name.start), author))
                return out, name.j + 1
            if author is None and not ctx.looks_person_strict(name.text) and not ctx.looks_org(name.text):
                # a bare title: a novel (or the work's own source); "by <Person>" names its author
                m = ctx.mention(name, "Novel", name.start)
                j = name.j
                if sent.t(j) == "by" and is_cap(sent.t(j + 1)):
                    a = sent.name_at(j + 1, "name")
                    if a:
                        author, j = a, a.j
                out.append((m, author))
                return out, j
    return out, i


def _apply_books(ctx, sent, books, work=None, conf=0.85):
    doc_author = None
    for b, author in books:
        if b == "__same__":
            wk = work if work is not None else MAIN
            b = ("SAME", wk)
            ctx.fact(wk, "basedOn", b, sent, conf)
            if author:
                ctx.fact(b, "author", ctx.person(author), sent, conf)
                ctx.author_keys.add(fold(author.text))
            continue
        if b == "__author_books__":
            if author:
                ctx.author_keys.add(fold(author.text))
            continue
        if work is not None:
            ctx.fact(work, "basedOn", b, sent, conf)
        if author is not None:
            ctx.fact(b, "author", ctx.person(author), sent, conf)
            ctx.author_keys.add(fold(author.text))
        else:
            ctx.pending_authorless = getattr(ctx, "pending_authorless", [])
            ctx.pending_authorless.append((b, sent))


def _rule_books(ctx, sent):
    text = ctx.text
    for m in SOURCE_TRIGGER.finditer(text, sent.start, sent.end):
        i = sent.tok_at(m.end())
        books, end = _book_np(ctx, sent, i)
        if not books:
            continue
        subj_end = sent.tok_before(m.start())
        work = _work_ref(ctx, sent, 0, subj_end)
        like = re.match(r"\s*Like\s+(?:the\s+)?(original|first|earlier|parent)\s+(?:series|show)\b", sent.text)
        _apply_books(ctx, sent, books, work)
        if like and ctx.spinoff_targets:
            _apply_books(ctx, sent, [(b, a) for b, a in books], ctx.spinoff_targets[-1])
        # "The Brass Verdict, the second book in Connelly's Lincoln Lawyer series"
        _book_appositive(ctx, sent, end, books)
        _in_which(ctx, sent, end, books)
    # independent statements about books
    for m in re.finditer(r"\b(?:author|writer|creator) of (?:the |his |her )?", text[sent.start:sent.end]):
        i = sent.tok_at(sent.start + m.end())
        books, _ = _book_np(ctx, sent, i)
        subj = _person_names(ctx, sent, 0, sent.tok_before(sent.start + m.start()))
        if not subj:
            subj = [n for n in _person_names_loose(ctx, sent, 0, sent.tok_before(sent.start + m.start()))]
        if books and subj:
            _apply_books(ctx, sent, [(b, subj[0]) for b, _ in books if not isinstance(b, str)])
    for k, tok in enumerate(sent.toks):
        # "<Person>'s novel <Title>", "<Person>'s <Name> series" outside a based-on phrase
        if tok.text == "'s" or (tok.text == "'" and sent.t(k - 1).endswith("s")):
            if SOURCE_TRIGGER.search(text, max(sent.start, sent.toks[k].start - 40), sent.toks[k].start):
                continue
            a = sent.name_before(k, "name")
            if a is None:
                continue
            nxt = k + 1
            j = nxt
            while j < len(sent.toks) and BOOK_ADJ.match(sent.t(j)) and not is_cap(sent.t(j)):
                j += 1
            if sent.t(j).lower() in BOOK_SING | BOOK_PLUR or (is_cap(sent.t(j)) and sent.t(_name_end(sent, j)).lower() in BOOK_PLUR):
                if ctx.looks_org(a.text):
                    continue
                start = a.i
                books, end = _book_np(ctx, sent, start)
                if books:
                    _apply_books(ctx, sent, books)
                    _book_appositive(ctx, sent, end, books)
                    _in_which(ctx, sent, end, books)
        # "... in his 2005 novel The Lincoln Lawyer", "created in his 1992 debut, The Black Echo"
        if tok.text.lower() in ("his", "her", "their") and sent.t(k - 1).lower() == "in":
            books, end = _book_np(ctx, sent, k + 1)
            books = [(b, a) for b, a in books if not isinstance(b, str)]
            if books:
                # the author is the subject of the verb before "in"
                v = k - 2
                subj = None
                if sent.t(v).lower() in ("created", "introduced", "invented", "debuted", "wrote", "first"):
                    subj = sent.name_before(v, "name")
                    if subj is None and v > 0:
                        subj = sent.name_before(v - 1, "name") if sent.t(v - 1).lower() in ("first", "originally") else None
                if subj is not None:
                    _apply_books(ctx, sent, [(b, subj) for b, _ in books])
                    chars = ctx_chars_before(ctx, sent, sent.toks[k].start)
                    if chars and sent.t(v).lower() in ("created", "introduced", "invented"):
                        for b, _ in books:
                            ctx.fact(b, "hasCharacter", chars[-1], sent, 0.8)
                        ctx.fact(chars[-1], "createdBy", ctx.person(subj), sent, 0.8)
                _book_appositive(ctx, sent, end, books)
    # "X, the second book in Connelly's Lincoln Lawyer series" without a trigger
    for m in re.finditer(r",\s+(?:the|a)\s+(?:\w+\s+){0,2}(?:book|novel|installment|entry|instalment)\s+(?:in|of)\s+", text[sent.start:sent.end]):
        i = sent.tok_before(sent.start + m.start())
        name = sent.name_before(i, "title")
        if name is None or ctx.looks_person_strict(name.text):
            continue
        if SOURCE_TRIGGER.search(text, max(sent.start, name.start - 30), name.start):
            continue
        nov = ctx.mention(name, "Novel", name.start)
        _book_appositive(ctx, sent, name.j, [(nov, None)])


def _name_end(sent, j):
    n = sent.name_at(j, "title")
    return n.j if n else j


def _person_names_loose(ctx, sent, lo, hi):
    out = []
    i = lo
    while i < hi:
        if is_cap(sent.t(i)):
            n = sent.name_at(i, "name")
            if n and n.j <= hi:
                if not ctx.looks_org(n.text) and not ctx.is_work(n.text):
                    out.append(n)
                i = n.j
                continue
        i += 1
    return out


def _book_appositive(ctx, sent, end, books):
    """ ", the second book in <Person>'s <Name> series": the novel's author and series."""
    if sent.t(end) != ",":
        return
    m = re.match(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:book|novel|installment|instalment|entry|title|volume)\s+(?:in|of|from)\s+",
                 ctx.text[sent.toks[end].start:sent.end])
    if not m:
        return
    i = sent.tok_at(sent.toks[end].start + m.end())
    series, _ = _book_np(ctx, sent, i)
    for s, author in series:
        if isinstance(s, str):
            continue
        s.type = "BookSeries"
        if author is not None:
            ctx.fact(s, "author", ctx.person(author), sent, 0.85)
            ctx.author_keys.add(fold(author.text))
            for b, a in books:
                if not isinstance(b, str) and a is None:
                    ctx.fact(b, "author", ctx.person(author), sent, 0.85)


def _in_which(ctx, sent, end, books):
    """ "<Novel>, in which Harry is hired": characters named there belong to the novel."""
    m = re.match(r",?\s+(?:in which|which follows|which sees|where|about|following|featuring)\s+", ctx.text[sent.toks[end].start if end < len(sent.toks) else sent.end:sent.end])
    if not m:
        return
    for b, _ in books:
        if not isinstance(b, str):
            ctx.pending_in_which.append((b, sent, sent.tok_at(sent.toks[end].start + m.end())))


def _rule_created_by(ctx, sent):
    text = ctx.text
    # "<Person>'s beloved character"
    for m in re.finditer(r"(?:'s?|s')\s+(?:[\w-]+\s+){0,3}?characters?\b", text[sent.start:sent.end]):
        k = sent.tok_before(sent.start + m.start() + 1)
        a = sent.name_before(sent.tok_at(sent.start + m.start()), "name")
        if a is None or ctx.looks_org(a.text) or ctx.is_work(a.text):
            continue
        chars = ctx_chars_before(ctx, sent, sent.start + m.start())
        if chars:
            ctx.fact(chars[-1], "createdBy", ctx.person(a), sent, 0.75)
    for m in re.finditer(r"\b(?:created|introduced|invented|conceived|dreamed up)\b", text[sent.start:sent.end]):
        k = sent.tok_at(sent.start + m.start())
        after = text[sent.start + m.end():sent.end]
        if re.match(r"\s+(?:by|for)\b", after):
            continue
        subj = sent.name_before(k, "name")
        if subj is None and sent.t(k - 1).lower() in ("first", "originally", "famously", "also"):
            subj = sent.name_before(k - 1, "name")
        if subj is not None and not ctx.looks_org(subj.text) and not ctx.is_work(subj.text) and not subj.possessive:
            chars = ctx_chars_before(ctx, sent, sent.toks[subj.i].start)
            if chars and re.search(r"\b(?:whom|who|that)?\s*(?:author|writer|novelist)?\s*$", text[max(sent.start, subj.start - 20):subj.start]):
                ctx.fact(chars[-1], "createdBy", ctx.person(subj), sent, 0.8)
                ctx.author_keys.add(fold(subj.text))
            continue
        # "the book that introduced Connelly's defense attorney Mickey Haller"
        c = _role_slot_with_owner(ctx, sent, k + 1)
        if c is None:
            continue
        owner, char = c
        cm = ctx.character(sent, char)
        before = text[max(sent.start, sent.toks[k].start - 40):sent.toks[k].start]
        if re.search(r"\b(?:book|novel|story|debut)\s+(?:that|which)\s*$", before):
            novels = [x for x in ctx.mentions if x.type == "Novel" and sent.start <= x.pos < sent.toks[k].start]
            if not novels:
                novels = [x for x in ctx.facts if x.p == "basedOn" and x.sent is sent]
                novels = [x.o for x in novels]
            if novels:
                ctx.fact(novels[-1], "hasCharacter", cm, sent, 0.8)
        if owner is not None:
            ctx.fact(cm, "createdBy", ctx.person(owner), sent, 0.8)


def _role_slot_with_owner(ctx, sent, k):
    owner = None
    n = len(sent.toks)
    steps = 0
    while k < n and steps < 10:
        t = sent.t(k)
        if t.lower() in ("the", "a", "an", "his", "her", "their"):
            k += 1
            steps += 1
            continue
        if is_cap(t):
            name = sent.name_at(k, "name")
            if name is None:
                return None
            if name.possessive:
                owner = name
                k = name.j + 1
                steps += 1
                continue
            return owner, name
        if t[:1].islower() and t.replace("-", "").isalpha():
            k += 1
            steps += 1
            continue
        return None
    return None


def _rule_employer(ctx, sent):
    text = ctx.text
    toks = sent.toks
    for k, tok in enumerate(toks):
        if tok.text != "," or k == 0 or not is_cap(sent.t(k - 1)):
            continue
        person = sent.name_before(k, "name")
        if person is None or person.possessive or ctx.looks_org(person.text) or ctx.is_work(person.text):
            continue
        if len(person.text.split()) < 2:
            continue
        # the title runs to the last "at|for|of|with <Org>" before the clause ends
        j = k + 1
        org = None
        title_end = None
        limit = min(len(toks), k + 30)
        while j < limit:
            t = sent.t(j)
            if t in (".", ";", "“", "”", '"', "(") or t.lower() in ("said", "says", "added", "who", "which", "noted", "explained"):
                break
            if t.lower() in ("at", "for", "of", "with") and is_cap(sent.t(j + 1)):
                o = sent.name_at(j + 1, "org")
                if o and not o.possessive and sent.t(o.j) in (",", ".", ";", "", "said", "says", "added", "and", "who") and not ctx.looks_person_strict(o.text) and not ctx.is_work(o.text) and fold(o.text) not in ctx.person_keys:
                    if sent.t(j + 1) in ("The",) and not ctx.looks_org(o.text):
                        j += 1
                        continue
                    org, title_end = o, j
                    if sent.t(o.j) != "and":
                        break
            j += 1
        if org is None:
            continue
        title = text[toks[k + 1].start:toks[title_end - 1].end] if title_end > k + 1 else ""
        if not title or not JOB_WORDS.search(title) or len(title) > 160 or re.match(r"(?:and|or|but|who|which|both)\b", title):
            continue
        if re.search(r"\b(?:producer|showrunner|creator|author|writer|director)s?\b", title, re.I) and not re.search(
                r"\b(?:head|president|chief|officer|vp|ceo|coo|chair|founder|partner|manager|executive vice|programming|development|content)\b", title, re.I):
            # "co-executive producer for Hieronymus Pictures": the roles rule handles it
            continue
        pm = ctx.person(person)
        om = ctx.mention(org, "Organization", org.start)
        ctx.fact(pm, "employer", om, sent, 0.85)
        ctx.fact(pm, "jobTitle", title, sent, 0.8)


# --- resolution ----------------------------------------------------------------------------------


class _UF:
    def __init__(self):
        self.p = {}

    def find(self, x):
        self.p.setdefault(x, x)
        while self.p[x] is not x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra is not rb:
            self.p[rb] = ra


def _family(t):
    return "Work" if t in ("Series", "Film", "Work") else t


def _resolve(ctx, doc_id, source, published, title, to_original, sentence_text):
    mentions = [m for m in ctx.mentions]
    # "the novel of the same name" -> a Novel named as the work
    uf = _UF()
    keys = {}
    for m in mentions:
        uf.find(m)
        for nm in [m.name] + list(m.aliases):
            k = (_family(m.type), fold(nm))
            if not k[1]:
                continue
            if k in keys:
                uf.union(keys[k], m)
            else:
                keys[k] = m
    for a, b in ctx.alias_links:
        uf.union(a, b)
    # short names: "Connelly" -> "Michael Connelly", "Freevee" -> "Amazon Freevee"
    def clusters():
        out = defaultdict(list)
        for m in mentions:
            out[uf.find(m)].append(m)
        return out

    cl = clusters()
    by_family = defaultdict(list)
    for root, ms in cl.items():
        fam = _family(ms[0].type)
        names = {fold(x) for m in ms for x in [m.name] + list(m.aliases) if fold(x)}
        by_family[fam].append((root, names))
    for fam in ("Person", "Character", "Organization", "BookSeries", "Franchise"):
        items = by_family.get(fam, [])
        if len(items) < 2:
            continue
        # index the longer names by their edge words, so each short name looks at few candidates
        by_edge = defaultdict(list)
        for root2, names2 in items:
            for long in names2:
                lw = long.split()
                if len(lw) > 1:
                    by_edge[lw[0]].append((root2, lw))
                    by_edge[lw[-1]].append((root2, lw))
        for root, names in items:
            for short in names:
                sw = short.split()
                cands = set()
                for root2, lw in by_edge.get(sw[0], []) + (by_edge.get(sw[-1], []) if sw[-1] != sw[0] else []):
                    if len(lw) <= len(sw) or uf.find(root2) is uf.find(root):
                        continue
                    if fam in ("Person", "Character"):
                        ok = len(sw) == 1 and (lw[0] == sw[0] or lw[-1] == sw[0])
                    else:
                        ok = lw[-len(sw):] == sw or (fam == "Organization" and lw[:len(sw)] == sw)
                    if ok:
                        cands.add(uf.find(root2))
                if len(cands) == 1:
                    longer = cands.pop()
                    if all(len(n.split()) <= len(sw) for n in names):
                        uf.union(longer, root)
    cl = clusters()

    # the main work
    work_clusters = {r: ms for r, ms in cl.items() if _family(ms[0].type) == "Work"}
    main = None
    best = -1.0
    for r, ms in work_clusters.items():
        f = fold(ms[0].name)
        score = ctx.work_titles.get(f, {}).get("weight", 0.0) + sum(m.weight for m in ms)
        if any(t is m for t in ctx.spinoff_targets for m in ms):
            score -= 3.0
        first = min(m.pos for m in ms)
        key = (score, -first)
        if main is None or key > best:
            main, best = r, key
    if main is None and ctx.work_titles:
        f, entry = max(ctx.work_titles.items(), key=lambda kv: kv[1]["weight"])
        m = M(_title_case(f, ctx.text), "Work", 0)
        mentions.append(m)
        cl[m] = [m]
        main = m

    # types and names
    entities = {}
    ent_of = {}
    used = set()
    order = sorted(cl.items(), key=lambda kv: min(m.pos for m in kv[1]))
    for root, ms in order:
        types = Counter(m.type for m in ms)
        fam = _family(ms[0].type)
        if fam == "Work":
            votes = Counter()
            for m in ms:
                votes.update(ctx.work_titles.get(fold(m.name), {}).get("votes", {}))
                if m.type in ("Series", "Film"):
                    votes[m.type] += 2
            if votes:
                etype = votes.most_common(1)[0][0]
                if root is main and ctx.work_kind == "Film" and votes.get("Series", 0) <= votes.get("Film", 0):
                    etype = "Film"
            else:
                etype = ctx.work_kind if root is main else "Series"
            if root is main and not votes:
                etype = ctx.work_kind
        else:
            etype = types.most_common(1)[0][0]
        surfaces = []
        for m in sorted(ms, key=lambda m: m.pos):
            for s in [m.name] + list(m.aliases):
                if s not in surfaces:
                    surfaces.append(s)
        if etype in ("Person", "Character", "Organization"):
            name = max((m.name for m in sorted(ms, key=lambda m: m.pos)), key=lambda s: (len(s.split()), -surfaces.index(s)))
        else:
            name = sorted(ms, key=lambda m: (m.pos, -len(m.name)))[0].name
        name = name.strip()
        aliases = [s for s in surfaces if s != name and fold(s) != fold(name) or (s != name and s.replace("'", "") != name and fold(s) == fold(name) and any(ord(c) > 127 for c in name + s))]
        aliases = [a for a in dict.fromkeys(aliases) if a]
        base = slugify(name)
        eid = base
        if eid in used:
            eid = f"{base}-{etype.lower()}"
        k = 2
        while eid in used:
            eid = f"{base}-{k}"
            k += 1
        used.add(eid)
        entities[eid] = Entity(eid, etype, name, aliases)
        for m in ms:
            ent_of[m] = eid
    main_id = ent_of.get(main)

    def ref(x):
        if x is MAIN:
            return main_id
        if isinstance(x, M):
            return ent_of.get(x)
        if isinstance(x, SeasonRef):
            w = ref(x.work)
            if w is None or entities[w].type != "Series":
                return None
            sid = f"{w}-s{x.n}"
            if sid not in entities:
                entities[sid] = Entity(sid, "Season", f"{entities[w].name} season {x.n}")
            return sid
        if isinstance(x, tuple) and x and x[0] == "SAME":
            w = ref(x[1])
            if w is None:
                return None
            wname = entities[w].name
            for eid, e in entities.items():
                if e.type == "Novel" and fold(e.name) == fold(wname):
                    return eid
            eid = f"{slugify(wname)}-novel"
            entities[eid] = Entity(eid, "Novel", wname)
            return eid
        return None

    facts = {}
    order_keys = []
    raw = list(ctx.facts)
    for rf in raw:
        s = ref(rf.s)
        if s is None:
            continue
        rel = RELATIONS.get(rf.p)
        if rel is None:
            continue
        if rel.literal:
            o = rf.o
        else:
            o = ref(rf.o)
            if o is None or o == s:
                continue
            if entities[o].type not in rel.range:
                continue
        if entities[s].type not in rel.domain:
            continue
        key = (s, rf.p, o)
        if key in facts:
            if rf.conf > facts[key].confidence:
                facts[key].confidence = rf.conf
            continue
        a, b = to_original(rf.sent.start, rf.sent.end)
        facts[key] = Fact(s, rf.p, o, evidence=sentence_text(rf.sent), span=(a, b), confidence=rf.conf)
        order_keys.append(key)
    # keep only entities that facts use (quoted people with no relation are kept too)
    ann = Announcement(id=doc_id, published=published, source=source, title=title)
    ff = FactsFile(ann, entities, [facts[k] for k in order_keys])
    return ff


def _title_case(f, text):
    i = text.lower().find(f)
    return text[i:i + len(f)] if i >= 0 else f.title()


def _postpass(ctx):
    """Rules that need the whole document: possessive portrayals, "in which", authorless novels."""
    for sent, a, b in ctx.pending_possessive:
        af = fold(a.text)
        if af in ctx.author_keys or any(af.endswith(" " + k) or k.endswith(" " + af) for k in ctx.author_keys):
            continue
        if ctx.looks_org(a.text) or ctx.is_work(a.text) or ctx.is_work(b.text) or ctx.looks_org(b.text):
            continue
        if len(b.text.split()) < 2 and fold(b.text) not in char_keys:
            continue
        if not ctx.looks_person(a.text):
            continue
        work = _work_ref(ctx, sent, 0, a.i)
        pm = ctx.person(a)
        cm = ctx.character(sent, b)
        ctx.fact(work, "castMember", pm, sent, 0.7)
        ctx.fact(pm, "portrays", cm, sent, 0.7)
        ctx.fact(work, "hasCharacter", cm, sent, 0.7)
    # characters known anywhere: folds of names and first names
    char_keys = {}
    for m in ctx.mentions:
        if m.type == "Character":
            for s in [m.name] + list(m.aliases):
                f = fold(s)
                char_keys.setdefault(f, m)
                w = f.split()
                if len(w) > 1:
                    char_keys.setdefault(w[0], m)
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
    # book series named after a character ("the Harry Bosch novels") has that character
    for m in list(ctx.mentions):
        if m.type == "BookSeries":
            core = getattr(m, "_char_name", None)
            if core and fold(core) in char_keys and " " in fold(core):
                sent = next((x for x in ctx.sents if x.start <= m.pos < x.end), None)
                if sent is not None:
                    ctx.fact(m, "hasCharacter", char_keys[fold(core)], sent, 0.7)


# --- public API ------------------------------------------------------------------------------------------


def _extract(doc, doc_id, source, published):
    text = doc.text
    lead_date, skip = _dates.leading_date(text)
    if published is None:
        published = _dates.announcement_date(text, iso_date(doc.meta.get("date")))
    ctx = _Ctx(text, published, skip, doc.emphasis)
    film = len(re.findall(r"\b(?:film|movie|theaters|theatres|theatrical|box office|motion picture|feature film)\b", text, re.I))
    series = len(re.findall(r"\b(?:series|season|episodes?|showrunners?|docuseries|miniseries)\b", text, re.I))
    ctx.work_kind = "Film" if film > series else "Series"
    ctx.sents = _sentences(ctx, text)
    _find_works(ctx)
    for sent in ctx.sents:
        sent._works = None
    # pass 2: relations, sentence by sentence
    for sent in ctx.sents:
        _rule_cast(ctx, sent)
        _rule_credits(ctx, sent)
        _rule_roles(ctx, sent)
        _rule_franchise_spinoff(ctx, sent)
        _rule_season(ctx, sent)
        _rule_distribution(ctx, sent)
        _rule_books(ctx, sent)
        _rule_created_by(ctx, sent)
        _rule_employer(ctx, sent)
    _postpass(ctx)
    # mentions of the main work by name weigh more
    for sent in ctx.sents:
        for i, j, f in _locate_works(ctx, sent):
            _work_mention(ctx, sent, i, j, f).weight = 0.2
    title = doc.meta.get("title")
    if not title:
        first = text[skip:].strip().split("\n", 1)[0].strip()
        title = first if first and len(first) <= 200 and not first.endswith(".") else None
    def sentence_text(sent):
        if sent is None:
            return None
        return " ".join(sent.text.split())
    def to_orig(a, b):
        return doc.to_original(a, b)
    ff = _resolve(ctx, doc_id, source, published, title, to_orig, sentence_text)
    # facts derived from the whole document carry no sentence: give them their first support
    ff.facts = [f for f in ff.facts if f.span is not None]
    return ff


def extract_text(text, *, doc_id, source=None, published=None):
    """Extract a facts file from the text of one announcement.

    Args:
        text: the announcement as plain text (spans of facts point into it).
        doc_id: the announcement id (a slug).
        source: the file it came from, recorded in the facts file.
        published: the announcement date; found in the text when None.

    Returns:
        A :class:`kg.facts.FactsFile`; the same text always gives the same file.

    >>> ff = extract_text("June 6, 2023 — Jane Roe joins the cast of Foo as Detective Ann Bar.", doc_id="x")
    >>> ff.announcement.published.isoformat()
    '2023-06-06'
    """
    return _extract(document_from_text(text), doc_id, source, published)


def extract_document(doc, *, doc_id, source=None, published=None):
    """Extract a facts file from a :class:`Document` (spans map back to ``doc.original``)."""
    return _extract(doc, doc_id, source, published)


def doc_id_for(path):
    """The announcement id of a file: its stem as a slug."""
    name = Path(path).name
    for suffix in (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    else:
        name = Path(name).stem
    return slugify(name)


def extract_file(path):
    """Read an announcement file and extract its facts.

    The announcement id is the file stem as a slug and ``source`` is the file name.

    Raises:
        ExtractError: for unreadable input (empty, binary, not UTF-8, over 20 MB).
    """
    path = Path(path)
    doc = read_announcement(path)
    try:
        return _extract(doc, doc_id_for(path), path.name, None)
    except RecursionError:  # pragma: no cover - defensive
        raise ExtractError(f"{path}: text too deeply nested to extract") from None
