"""The state one extraction carries: mentions, raw facts, known names, and the sentences.

Rules never build entities directly: they add *mentions* (a name, a type, a position) and
*raw facts* between mentions, :data:`MAIN` (the announcement's main work, decided only at
the end) or :class:`SeasonRef` (a season of a work). Keeping the decision about which
mentions are one entity, and which work is the main one, until every rule has run is what
lets a rule early in the document use a name that is only explained later.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from . import dates as _dates
from .firstnames import is_given_name
from .grammar import HONORIFICS, KIN_NOUNS, ORG_WORDS, RANKS, Name, Sentence, is_cap, is_upper_word, sentence_spans
from ..names import fold


ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "inaugural": 1,
}


NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}


ORD = "|".join(ORDINALS)


#: A season's place said as a school year: "its freshman season", "a sophomore season"
#: (read only before "season", so "a freshman drama" stays a new show).
CLASS_YEARS = {"freshman": 1, "sophomore": 2}


NUM = "|".join(NUMBERS)


#: An award compound before a person's name: "Academy Award-winning ", "Emmy-nominated ".
_AWARD_PREFIX = re.compile(r"(?:[A-Z][\w'’.]*\s+){0,3}[A-Z][\w'’.]*-(?:winning|nominated|winner|nominee)\s+")
#: Post-nominal letters after a person's name: " OBE", " CBE".
_POST_NOMINALS = re.compile(r",?\s+(?:OBE|CBE|MBE|KBE|DBE|QC|KC)\b$")


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


def work_key(x):
    """One key per work for a raw fact's subject: the main work, a mention's folded name, a season's work."""
    if isinstance(x, SeasonRef):
        return work_key(x.work)
    return fold(x.name) if isinstance(x, M) else x


@dataclass
class RawFact:
    s: object
    p: str
    o: object
    sent: Sentence
    conf: float
    rule: str = ""


#: Rule names by code object (the caller of :meth:`Context.fact`), computed once.
_rule_names = {}


def _calling_rule(depth):
    """The rule a fact comes from: "module.function" of the code ``depth`` frames up."""
    code = sys._getframe(depth).f_code
    rule = _rule_names.get(code)
    if rule is None:
        module = code.co_filename.rsplit("/", 1)[-1].removesuffix(".py")
        rule = _rule_names[code] = f"{module}.{code.co_name}"
    return rule


def number(word):
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in NUMBERS:
        return NUMBERS[w]
    if w in ORDINALS:
        return ORDINALS[w]
    if w in CLASS_YEARS:
        return CLASS_YEARS[w]
    m = re.match(r"(\d+)(?:st|nd|rd|th)$", w)
    return int(m.group(1)) if m else None


def _kin_word(word):
    """A family noun, singular or plural, capitalised to open a sentence: "Sons", "Daughter"."""
    w = word.lower()
    return w in KIN_NOUNS or w.endswith("s") and w[:-1] in KIN_NOUNS


class Context:
    def __init__(self, text, published, skip_until=0, emphasis=()):
        self.text = text
        self.published = published
        self.mentions = []
        self.facts = []
        self.alias_links = []
        #: folded "Title: Subtitle" -> "Title", where the subtitle names a season of the work
        self.season_subtitles = {}
        self.person_keys = set()   # folds of people's names and their first/last words
        self.org_keys = set()
        self.org_heads = set()     # first words of companies' names met so far, given names left out
        self.character_keys = set()  # folds of characters' names met so far
        self.author_keys = set()
        self.work_titles = {}      # fold -> (tokens folded, type vote)
        self.work_kind = "Series"
        self.pending_possessive = []
        self.pending_in_which = []
        self.sents = []
        self.emphasis = list(emphasis)
        self.skip_until = skip_until
        self.spinoff_targets = []
        self.list_items = []
        self.dated = []  # (work, sentence) of every premiere clause with a date, its year known or not

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
            if len(words) > 2 and words[-1] in ("jr", "sr"):
                words = words[:-1]  # "Linus Harte, Jr." is "Harte" later
            if len(words) > 1:
                self.person_keys.add(words[-1])
                self.person_keys.add(words[0])
        elif type_ == "Character":
            self.character_keys.update(fold(x) for x in [text, *m.aliases])
        elif type_ == "Organization":
            f = fold(text)
            self.org_keys.add(f)
            head = f.split(" ", 1)[0]
            if head != f and not is_given_name(head):
                self.org_heads.add(head)  # "for Kestrel" after "Kestrel Productions"
        return m

    def fact(self, s, p, o, sent, conf=0.9, rule=None):
        """A raw fact; ``rule`` names the rule, by default the calling function
        ("cast.rule_cast", "credits._credit_list"), so every fact says where it came from."""
        if s is None or o is None:
            return
        self.facts.append(RawFact(s, p, o, sent, conf, rule or _calling_rule(2)))

    def performance(self, work, person, character, sent, conf):
        """The three facts of one casting: the work's cast member, whom they play, and the
        work's character; named, like ``fact``, after the calling rule."""
        rule = _calling_rule(2)
        self.fact(work, "castMember", person, sent, conf, rule)
        self.fact(person, "portrays", character, sent, conf, rule)
        self.fact(work, "hasCharacter", character, sent, conf, rule)

    # classification of a bare name
    def looks_org(self, name_text):
        words = fold(name_text).split()
        if not words:
            return False
        if fold(name_text) in self.org_keys or len(words) == 1 and words[0] in self.org_heads and words[0] not in self.person_keys:
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

    def surname_in_text(self, word):
        """Whether a one-word name follows a given name somewhere in the text ("Varnell"
        after "George Varnell" in a quote that no rule read)."""
        for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(word)}\b", self.text):
            if is_given_name(m.group(1)):
                return True
        return False

    def is_work(self, name_text):
        return fold(name_text) in self.work_titles

    def looks_person_strict(self, text):
        """A name already met as a person's full name (two words or more)."""
        f = fold(text)
        return f in self.person_keys and " " in f

    # people named by a rule
    def person(self, name, sent=None):
        """A Person mention for a Name (resolving pronouns is the caller's job), without an
        award compound before it or post-nominal letters after it ("Academy Award-winning Jim
        Brand", "Charlotte Rowe OBE"): descriptions the name reader may run into the name."""
        text = name.text
        m = _AWARD_PREFIX.match(text)
        cut = m.end() if m and len(text[m.end():].split()) >= 2 else 0
        tail = _POST_NOMINALS.search(text)
        end = tail.start() if tail and len(text[cut:tail.start()].split()) >= 2 else len(text)
        if cut or end < len(text):
            name = Name(name.i, name.j, name.start + cut, name.start + end, text[cut:end], list(name.aliases), name.possessive)
        return self.mention(name, "Person", name.start)

    def character(self, sent, name):
        """A Character mention, rank words dropped ("Detective Renée Ballard" -> "Renée Ballard")."""
        words = sent.toks[name.i:name.j]
        k = 0
        while k < len(words) - 1 and (words[k].text.lower().rstrip(".") in RANKS or words[k].text.lower() in RANKS
                                      or is_upper_word(words[k].text) or words[k].text == "."
                                      or k == 0 and name.i == 0 and _kin_word(words[k].text)):
            k += 1  # ("Sons Matty (Lloyd) and Cal (Nichols) need ...": a family word opening the sentence)
        rest = [w for w in words[k:] if w.text != "."]
        if k and len(rest) == 1 and words[k - 1 - (words[k - 1].text == ".")].text.lower().rstrip(".") in HONORIFICS:
            k = 0  # "Mrs. Ahuja" beside "Mr. Ahuja": a form of address before a surname alone is the name
        if k == 0:
            # "British Foreign Secretary Miles Tarrant": a title after words that qualify it
            p = max((p for p in range(len(words) - 2) if words[p].text.lower() in RANKS), default=-1)
            if p > 0 and all(is_cap(w.text) or w.text == "." for w in words[:p]):
                k = p + 1
        if k == 0 and len(words) >= 3:
            # "Navy SEAL Thomas Magnum": a service or a trade before a given name and a surname
            p = next((p for p in range(1, len(words) - 1) if is_given_name(words[p].text)), None)
            if p is not None and not any(is_given_name(w.text) for w in words[:p]) and is_cap(words[-1].text):
                k = p
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


_WIRE = re.compile(r"[A-Z][A-Za-z .,']{0,60}(?:--|—|–)\s*\([A-Za-z][\w /.-]{0,40}\)\s*(?:--|—|–|-)\s*")


#: What separates a dateline's date from the text: a dash, after a closing parenthesis or a
#: wire service's tag ("(May 7, 2024) —", "Aug. 17, 2022 /PRNewswire/ --").
_AFTER_DATELINE = re.compile(r"\)?\s*(?:\([A-Z][^()]{1,40}\)\s*)?(?:/[A-Za-z-]{2,30}/\s*)?(?:—|–|--|-|:)\s*")
_LETTERS = re.compile(r"[^\W\d_]")
#: A full date opening a line, then a place in parentheses or a dash: "March 31, 2020 (Millbrook, CA) –".
_DATE_DATELINE = re.compile(r"[A-Z][a-z]{2,8}\.? \d{1,2}, (?:19|20)\d\d\s*(?:\([A-Z][^()]{1,40}\)\s*)?(?:—|–|--|-)\s")
#: A dateline's place in capitals, then a date: "MILLBROOK, CA - July 28, 2018 - ",
#: "FAIRHAVEN, Calif., Jan. 11 -- " (after a page's furniture lines, where no other lead is).
_PLACE_DATELINE = re.compile(r"[A-Z][A-Z.' ]{2,30},(?:\s[A-Z][A-Za-z.]{1,10},?)?\s+(?:[-—–]{1,2}\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b)")
#: A dateline without a year (find_dates needs one): "Port Ellis - Thursday, April 4 - ".
_YEARLESS_DATELINE = re.compile(r"[A-Z][\w.' ]{1,30}?\s+[-—–]{1,2}\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
                                r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s+[-—–]{1,2}\s+")
#: A trade paper's kicker before a headline or a lead: "EXCLUSIVE:", "UPDATED:".
_KICKER = re.compile(r"(?:EXCLUSIVE|Exclusive|UPDATED?|Updated?|BREAKING|Breaking|SCOOP|FIRST LOOK|First Look|WATCH|VIDEO|PHOTOS?|REVIEW)\s*(?::|—|–|-|\|)\s*")
#: Lines of page furniture, by how they start: related links, captions, credits, prompts.
_FURNITURE = re.compile(
    r"\(?(?:related(?: stories| articles| posts)?|read (?:more|next|also)|see also|also read|more from [\w ]{1,30}|"
    r"watch|listen|image credit|photo credit|picture|pictured|image via|images? courtesy|photo|photos|credit|source|"
    r"editor'?s note|sign up|subscribe|follow us|advertisement|share this(?: story| article)?)\b\s*[:|(\-—–)]"
    r"|(?:advertisement|sponsored(?: content)?|(?:story|article) continues below(?: advertisement)?|continue reading below|scroll to continue)\s*$"
    r"|<(?:image|img|figure|figcaption)\b",  # an image's markup kept in a text copy: "<image>![alt](...)</image>"
    re.I,
)
#: The credit that ends a photo's caption line: "... stars in Wellmania. Credit: Supplied".
_CAPTION_END = re.compile(r"(?:^|[.!?]\s+)Credit:\s*[^.\n]{1,60}\.?\s*$")
#: Photo credits inside a line: "(Picture: Northwind)", "Jane Roe/Getty Images", "Image via Vistaplay".
_CREDIT_LINE = re.compile(r"\((?:Picture|Photo|Image|Credit|Photo Credits?)\s*:|/Getty Images\b|\bGetty Images\s*$|\s-\s(?:Getty|H)\s-\s|\bImage via\b")



def _may_be_credit_line(text, start, end):
    """Whether ``text[start:end]`` holds a character every _CREDIT_LINE match holds ("(", "/", "-") or
    its "Getty"/"Image via" (a cheap test before the pattern, which would try every character)."""
    part = text[start:end]
    return "(" in part or "/" in part or "-" in part or "Getty" in part or "Image via" in part


#: A promotion's link at the end of a line: "Your Complete Guide to Pilots See All", "... Read More".
_PROMO_END = re.compile(r"\s(?:See|View|Read|Show) (?:All|More)\s*(?:»|›|>)?\s*$")
#: A page's time stamp on a line of its own: "[06/25/13 - 10:00 AM]".
_STAMP = re.compile(r"\s*\[\d{1,2}/\d{1,2}/\d{2,4}\s*-\s*\d{1,2}:\d{2}\s*[AP]M\]\s*")


#: A text that stops inside a capitalised word of a sentence (an excerpt cut off: "... executive
#: produced by Da", "Emmy Award winner Rosa Ke"): the fragment, after the line's first words.
_CUT_NAME = re.compile(r"(?<=[\w,;] )[A-Z][\w'’-]*\Z")


#: A text that stops after a fronted credit clause ("... Directed by Jane Roe,"): the work it
#: credits was cut off, so the clause states nothing.
_CUT_CLAUSE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))[A-Z][a-z]+(?:ed|en)\s+by\s+[^.!?\n]{1,80},\s*\Z")


def _cut_off(text):
    """Where a text cut off inside a name ends its last sentence, or one cut off after a fronted
    credit clause begins it: the fragment's start, or None."""
    clause = _CUT_CLAUSE.search(text, max(0, len(text) - 100))
    if clause is not None:
        return clause.start()
    m = _CUT_NAME.search(text, max(0, len(text) - 40))
    if m is None:
        return None
    line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
    return m.start() if len(line.split()) >= 5 else None  # not a short line of furniture ("Lowmarsh, Sundays, 8/7c, Corvane")


#: An excerpt's mark that it was cut off: "... of the web series Doodle […]", "... [...]".
_EXCERPT_MARK = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*$")


def _excerpt_end(text, start, end):
    """Where a sentence that a teaser's "[…]" cuts off ends: before the mark and before the
    capitalised word it cut (a name's first word), else ``end``."""
    mark = _EXCERPT_MARK.search(text, start, end)
    if mark is None:
        return end
    cut = _cut_off(text[start:mark.start()])
    return start + len(text[start:start + cut].rstrip()) if cut is not None else mark.start()


def sentences(ctx, text):
    out = []
    cut = _cut_off(text)
    first_para_end = text.find("\n", ctx.skip_until)
    prose_before_nav = 0  # page furniture ("News", "Shows", "Sign In") before the dateline does not count
    for s_start, s_end in sentence_spans(text, ctx.skip_until):
        if cut is not None and s_end > cut:
            s_end = len(text[:cut].rstrip())  # the cut-off name states nothing
        if "[" in text[s_end - 6:s_end]:
            s_end = _excerpt_end(text, s_start, s_end)
        start = s_start
        if len(out) - prose_before_nav < 3 and out and out[-1].whole_line and len(out[-1].toks) <= 4 and not out[-1].text.endswith("."):
            prose_before_nav += 1
        # datelines: "NEW YORK — May 2, 2022 — ", "June 6, 2023 — ", "LOS ANGELES--(BUSINESS WIRE)--"
        if s_start < 1500 and (len(out) - prose_before_nav < 3 or _PLACE_DATELINE.match(text, start, s_end)
                               or _DATE_DATELINE.match(text, start, s_end)):
            m = _WIRE.match(text, start, s_end) or _YEARLESS_DATELINE.match(text, start, s_end)
            if m:
                start = m.end()
            else:
                for a, b, _ in _dates.find_dates(text, None, start, min(s_end, start + 120)):
                    if any(c.isdigit() for c in text[a:b][-4:]):
                        rest = _AFTER_DATELINE.match(text[b:s_end])
                        if rest:
                            start = b + rest.end()
                        elif text[b:s_end].strip(" .") == "" and len(text[start:a].split()) <= 5:
                            start = s_end  # "Published April 6, 2022.", not "X premieres on Wednesday, June 5, 2024."
                        break
        kicker = _KICKER.match(text, start, s_end)
        if kicker:
            start = kicker.end()  # "EXCLUSIVE: Jane Roe joins ...": the kicker is no part of a name
        if start >= s_end or _FURNITURE.match(text, start, s_end) or _may_be_credit_line(text, start, s_end) and _CREDIT_LINE.search(text, start, s_end) \
                or _STAMP.fullmatch(text, start, s_end) or _PROMO_END.search(text, start, s_end):
            continue  # page furniture states nothing: "Related: ...", "(Image credit: ...)", "... /Getty Images"
        headline = False
        line_start = text.rfind("\n", 0, s_start) + 1
        line_end = text.find("\n", s_end)
        whole_line = text[line_start:s_start].strip() == "" and text[s_end:(line_end if line_end >= 0 else len(text))].strip() == ""
        if "Credit:" in text[s_start:line_end if line_end >= 0 else len(text)] \
                and _CAPTION_END.search(text, s_start, line_end if line_end >= 0 else len(text)):
            continue  # a photo's caption, which its line ends by crediting: "Jane Roe stars in X. Credit: Supplied."
        if s_start < (first_para_end if first_para_end > 0 else len(text)) or s_start == ctx.skip_until or whole_line:
            words = re.findall(r"[^\W\d_][\w'-]*", text[s_start:s_end])
            if words:
                caps = sum(1 for w in words if w[0].isupper())
                headline = caps / len(words) > 0.6 and not text[s_start:s_end].rstrip().endswith(".")
        sent = Sentence(text, start, s_end, headline=headline)
        sent.whole_line = whole_line
        letters = _LETTERS.findall(sent.text)
        sent.shouting = len(letters) > 0 and sum(map(str.isupper, letters)) > 0.6 * len(letters)
        sent.emph = {a: b for a, b in ctx.emphasis if sent.start <= a < sent.end}
        sent.list_item = any(a <= sent.start < b for a, b in ctx.list_items)
        out.append(sent)
    return out


PRONOUNS = frozenset("he she they both"
                     .split())


RENEW_RE = re.compile(
    r"\b(?:renew(?:s|ed|ing|als?)?|pick(?:s|ed)? up(?=[^.;]{0,60}\bfor\b)|pick(?:s|ed|ing)? up(?=\s+(?:a|an|the|its|their)\s)|pickup|order(?:s|ed)?|greenlit|greenlights?|green-lit|green-lights?|"
    r"revived?|brings? back|(?:re-?)?commission(?:s|ed)?(?=\s+(?:it\s+|them\s+)?for\s+(?:a|an|its|their)\s)|"
    r"(?:giv(?:es|ing|en)|gave)(?=\s[^.;]{0,60}?\b(?:a|an)\s+(?:[\w-]+\s+)?season\b))\b",  # "Orbis is giving X a second season"
    re.I,
)
