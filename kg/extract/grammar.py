"""The small grammar of press releases: sentences, tokens and name spans.

Everything here is linear in the length of its input: tokens come from one
``finditer``, names are read token by token, and no regular expression nests
quantifiers, so a 50,000-character sentence costs no more than it should.

>>> s = split_sentences("Maren T. Holt joins as Mo. The show is good.")
>>> [x.text for x in s]
['Maren T. Holt joins as Mo.', 'The show is good.']
>>> n = s[0].name_at(0)
>>> n.text
'Maren T. Holt'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .firstnames import is_given_name

#: "executive produced byHollin Vale Entertainment", "areMarta Quillon": a link's missing space
#: after "by" / "are" splits the glued word ("Quarry TV+'s": the possessive after a plus).
_TOKEN = re.compile(r"\b(?:by|are)(?=[A-Z][a-z])|\w+(?:[-+&'/]\w+)*|(?<=\+)'s\b|\S")
_ABBREV = frozenset(
    "mr mrs ms dr st jr sr inc ltd co corp calif mass fla ill wash ore penn conn ariz colo "
    "no vs etc jan feb mar apr jun jul aug sep sept oct nov dec ave blvd mt ft gen lt sgt capt "
    "det prof rev hon approx dept univ bros intl assn pt vol ed eds jr sr n.y d.c u.s u.k l.a "
    "col maj cpl cmdr insp supt adm brig pvt".split()  # ranks before a role's name: "Col. Ethan Wills"
)
#: Abbreviations a name goes on after ("Dr. Ana Reyes", "Sgt. Lena Holt", "Warner Bros. Television").
_NAME_ABBREVS = frozenset("Jr Sr St Dr Mr Mrs Ms Bros Inc Co Corp Ltd Sgt Lt Capt Det Prof Rev Gen Col Cmdr Insp Supt".split())
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
#: A time zone after "p.m.": "ET", "PT", "ET/PT", "EST".
_TIME_ZONE = re.compile(r"[ECMP][SD]?T\b")
_SENT_END = re.compile(r"[.!?]+[\"”'’)\]]*\s+|\n+")

#: Capitalised words that start a sentence or clause but never a name.
STOP_START = frozenset(
    "The A An This That These Those In On At For As With And But Or Both Also Plus Meanwhile "
    "He She It They We I I'm I've I'll I'd You His Her Its Their Our My Your Who Whom Which What When Where While "
    "After Before During Like Unlike From To Of By Each Every All Some Many More Most Based "
    "Directed Written Produced Created Developed Adapted Starring Following Including Season "
    "Seasons Episode Episodes Chapter Part Today Tomorrow Yesterday Now Then Here There If "
    "Since Until Once Only Even Just Not No Yes Previously Additionally Further Furthermore "
    "However Together Longtime Fans Audiences Viewers Actor Actress New Showrunner Showrunners Co-showrunner Co-showrunners "
    "Added Said Says Noted Commented Explained Continued Concluded".split()  # ("Added Kestrel chief A: ...": an inverted attribution)
)
#: Question words whose "'s" is "is" ("Where's Waldo?", "Who's Counting"), before a capital.
_CONTRACTED = frozenset("Where What Who How Why When".split())
#: Words never inside a name (months and weekdays end one).
NEVER_IN_NAME = frozenset(
    "January February March April June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mondays Tuesdays Wednesdays Thursdays Fridays "
    "Saturdays Sundays Season Seasons Episode Episodes".split()
)
#: The lower-case end of a hyphenated award word before a name ("Tony-nominee", "Oscar-winner").
AWARD_WORDS = frozenset("nominee nominees nominated winner winners winning".split())
#: Words a number follows that make it no channel's: "Series 2", "Part 1", "Phase 4".
NUMBERED_PARTS = frozenset("Series Part Parts Phase Book Books Volume Vol Chapter Chapters Act Year Years Day Days Week Weeks No".split())
_PARTICLE_NAME = re.compile(r"[a-z]{1,3}'[A-Z]")
_MONTHS = frozenset("January February March April June July August September October November December".split())
#: Month abbreviations, no names before a day number: "Sept. 16", "Jan 5".
_MONTH_ABBREVS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
#: Words that end a name in a Title-Case headline ("Netflix Renews X for Season 2").
HEADLINE_BREAK = frozenset(
    "Renews Renewed Renew Sets Set Premieres Premiere Premiering Opens Open Announces Announced "
    "Returns Return Debuts Debut Lands Land Gets Get Orders Ordered Picks Picked Unveils Unveiled "
    "Reveals Revealed Drops Releases Release Starring Stars Star Joins Join Casts Cast Adds Added "
    "Taps Tapped Boards Launches Launch Arrives Arrive Comes Coming Is Are Will To For At On In "
    "Of With As From By Ahead After Before And Its Their His Her Cast Additions Teaser Trailer "
    "Date Dates First Final Next New Greenlights Greenlit Streams Streaming Officially Begins "
    "Heads Moves Confirms Confirmed Wraps Ends Exclusively Only Nationwide Worldwide Summer "
    "Fall Spring Winter Launch Two-Part Gets Lands Scores Earns Secures Second Third Fourth Fifth Sixth "
    "Seventh Eighth Ninth Tenth Season Seasons".split()
)
#: Lower-case words allowed inside a name between capitalised words.
CONNECT_TITLE = frozenset("of the & a an in on at to for from with de la le du da del van von der den di y 'n".split())
CONNECT_PERSON = frozenset("de la le du da del van von der den di bin al dos das st. y".split())
#: Family nouns that tie a role to another character ("plays the daughter of Nico Valtorra").
KIN_NOUNS = frozenset("son daughter wife husband mother father sister brother widow widower niece nephew grandson "
                      "granddaughter grandmother grandfather uncle aunt cousin fiancee fiancée fiance fiancé "
                      "stepmother stepfather stepson stepdaughter half-brother half-sister twin".split())
#: Rank and job words dropped from a character's name ("Detective Odile Varnay").
RANKS = frozenset(
    "detective det det. lieutenant lt lt. sergeant sgt sgt. officer deputy chief captain capt capt. "
    "commander agent special inspector constable sheriff marshal judge justice doctor dr dr. "
    "professor prof prof. mr mr. mrs mrs. ms ms. miss sir dame lord lady king queen prince princess "
    "emperor empress duke duchess baron baroness reverend rev rev. pastor rabbi senator president "
    "governor mayor ambassador general colonel admiral corporal commissioner superintendent "
    "attorney coach nurse uncle aunt auntie grandma grandpa deputy-chief assistant district "
    "prosecutor lawyer investigator trooper ranger private-eye dean principal headmaster "
    "headmistress lieutenant-commander vice master secretary minister chancellor".split()
)
#: Forms of address among the rank words: kept before a surname alone ("Mrs. Ahuja").
HONORIFICS = frozenset("mr mrs ms miss mx".split())
ORG_WORDS = frozenset(
    "pictures entertainment studios studio productions production films film media television tv "
    "network networks company co. co inc inc. llc ltd ltd. group channel broadcasting animation "
    "works workshop house records publishing publishers books press partners industries "
    "enterprises corporation corp corp. international global labs lab content originals "
    "releasing distribution features films' company's plus+ streaming+ ventures collective "
    "productions' artists agency foundation".split()
)
#: The head word of a job title: "programming president", "chief content officer", "COO".
JOB_TITLE_HEADS = frozenset("president presidents chief officer head heads co-head ceo coo cco cfo cmo chair chairman controller "
                         "chairwoman chairperson vp svp evp gm".split())
#: Words a job title is made of, around its head ("president of original programming").
JOB_TITLE_WORDS = frozenset("of and & original originals programming scripted unscripted content entertainment development "
                         "production current creative worldwide global video television tv film films series drama comedy "
                         "executive senior vice co managing general international domestic digital streaming strategy "
                         "marketing business affairs operating acquisitions movies features studio studios network "
                         "networks division u.s. us".split()) | JOB_TITLE_HEADS

#: The last word of a company that makes rather than shows ("Pebblestone Pictures", "Tallis TV").
MAKER_NAME = re.compile(r"\b(?:studios?|pictures|productions|films|entertainment|television|tv)$", re.I)
#: The nouns a company is called by once named ("at the cabler", "the Tarn-owned streamer").
OUTLET_NOUNS = frozenset("network streamer cabler channel broadcaster platform service studio company pubcaster".split())
#: The kinds of work a trade paper puts between a company and a title ("Larch Pictures thriller X").
KIND_NOUNS = frozenset("series drama comedy thriller show sitcom docuseries miniseries procedural dramedy film "
                       "movie documentary western anthology".split())

#: A country's, a region's or a people's adjective ("American", "Nordic", "U.S.", "Inuk"): before an outlet's or a
#: person's description ("on American network KXT", "by Inuk showrunners A and B").
NATIONALITY = re.compile(
    r"American|British|English|Scottish|Welsh|Irish|Canadian|Australian|Indian|Pakistani|Nigerian|South African|Kenyan|"
    r"French|German|Spanish|Italian|Portuguese|Dutch|Belgian|Swiss|Austrian|Polish|Czech|Danish|Swedish|Norwegian|Finnish|"
    r"Icelandic|Nordic|Scandinavian|European|Russian|Turkish|Greek|Israeli|Arab|Egyptian|Brazilian|Mexican|Argentine|"
    r"Argentinian|Colombian|Chilean|Latin American|Chinese|Japanese|Korean|South Korean|Thai|Filipino|Indonesian|"
    r"Malaysian|Singaporean|Vietnamese|Taiwanese|Asian|African|Kiwi|Aussie|U\.S\.|US|UK|"
    r"Inuk|Inuit|Indigenous|M[aā]ori|Aboriginal|First Nations|Native American|Black|Latino|Latina|Latinx")

#: Words that make the next capitalised words a work title ("the drama Veldmoor").
WORK_NOUNS = (
    "series|drama|dramas|comedy|comedies|thriller|show|sitcom|docuseries|miniseries|limited series|"
    "anthology|procedural|spinoff|spin-off|prequel|sequel|adaptation|film|movie|feature|documentary|"
    "animated series|reboot|revival|saga|franchise|original|originals|hit|dramedy|western|mystery|"
    "series'|show's|drama's|film's"
)


@lru_cache(maxsize=65536)
def is_cap(t):
    """A capitalised word, or a digit-led word with letters ("6th", "21st")."""
    return bool(t) and (t[0].isupper() or (t[0].isdigit() and any(c.isalpha() for c in t)))


def is_upper_word(t):
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class _TokenTexts(dict):
    """Token index -> token text, "" for any index outside the sentence."""

    __slots__ = ()

    def __missing__(self, i):
        return ""


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int


@dataclass
class Name:
    """A name span in a sentence: tokens [i, j), its surface text and variants."""

    i: int
    j: int
    start: int
    end: int
    text: str
    aliases: list = field(default_factory=list)
    possessive: bool = False


#: Possessive pronouns, capitalised: they open titles ("His Dark Materials", "My Brilliant Friend").
POSSESSIVE_PRONOUNS = ("His", "Her", "My", "Our", "Your", "Their")
#: Pronouns and quantifiers that open a title when capitalised inside a sentence: "the cast of
#: They Came Back", "has renewed All American: Homecoming", "the drama Only Murders", "a premiere
#: for His Dark Materials".
_TITLE_OPENERS = frozenset("They We You She He It All Every Only No Some Each Most More Many Once Until Since Even "
                            "Just If Yes Now Then Here There This That These What Where When How Why Who".split()
                            + list(POSSESSIVE_PRONOUNS))


class Sentence:
    """A sentence of the document with its tokens (offsets are offsets of the document text)."""

    def __init__(self, doc_text, start, end, headline=False):
        self.doc_text = doc_text
        self.start = start
        self.end = end
        self.text = doc_text[start:end]
        self.headline = headline
        self.emph = {}
        self._memo = {}
        found = list(_TOKEN.finditer(doc_text, start, end))
        texts = [m.group() for m in found]
        starts = [m.start() for m in found]
        ends = [m.end() for m in found]
        if "'s" in self.text or "'S" in self.text:
            # a possessive is a token of its own: "Netflix's" is "Netflix" + "'s"
            texts, starts, ends = [], [], []
            for x, m in enumerate(found):
                t = m.group()
                a, b = m.span()
                if t[:-2] in _CONTRACTED and x + 1 < len(found) and found[x + 1].group()[:1].isupper():
                    texts.append(t)  # "Where's Waldo?": a title's contraction, no possessive
                    starts.append(a)
                    ends.append(b)
                elif len(t) > 2 and (t.endswith("'s") or t.endswith("'S")) and t[-3].isalnum():
                    texts += (t[:-2], "'s")
                    starts += (a, b - 2)
                    ends += (b - 2, b)
                else:
                    texts.append(t)
                    starts.append(a)
                    ends.append(b)
        if "’s" in self.text or "’S" in self.text:
            # a curly possessive too: "Netflix’s" is "Netflix" + "'s" (the text keeps its apostrophe)
            k = 1
            while k < len(texts) - 1:
                if texts[k] == "’" and texts[k + 1] in ("s", "S") and starts[k] == ends[k - 1] and ends[k] == starts[k + 1] \
                        and texts[k - 1][-1:].isalnum():
                    texts[k:k + 2] = ["'s"]
                    ends[k:k + 2] = [ends[k + 1]]
                    del starts[k + 1]
                k += 1
        self.toks = toks = list(map(Tok, texts, starts, ends))
        self._texts = texts
        self._n = len(toks)
        self._starts = starts
        self._ends = ends
        #: a possessive "'s" or a bare apostrophe among the tokens: the possessive readers' cue
        self.possessive_mark = "'s" in texts or "'" in texts
        # ``t`` is the hottest call of the rules: a dict's C lookup, "" off either end
        self.t = _TokenTexts(enumerate(texts)).__getitem__

    def __repr__(self):
        return f"Sentence({self.text!r})"

    # -- positions
    def tok_at(self, pos):
        """Index of the first token starting at or after document offset ``pos``."""
        return bisect_left(self._starts, pos)

    def tok_before(self, pos):
        """Index one past the last token ending at or before ``pos``."""
        return bisect_right(self._ends, pos)

    def words(self, i, j):
        return [t.text for t in self.toks[i:j]]

    def span_text(self, i, j):
        if i >= j:
            return ""
        return self.doc_text[self.toks[i].start:self.toks[j - 1].end]

    def t(self, i):
        """The text of token ``i``, or "" outside the sentence (each instance binds a faster lookup)."""
        return self._texts[i] if 0 <= i < self._n else ""

    # -- names
    def _possessive_in_title(self, i, j):
        """Whether the "'s" at token j is inside a title that opens at token i: an article and one
        or two words before it ("The Handmaid's Tale", "A Good Girl's Guide"), or one word after a
        kind of work ("the drama God's Own Country"); not a company's name ("The Gotham Group's",
        "The CW's") and not before a person's given name."""
        if self.doc_text[self.toks[j].start:self.toks[j].end] == "'S" and self.t(j - 1).isupper() and is_upper_word(self.t(j + 1)):
            return True  # "GREY'S ANATOMY": a title in capitals keeps its possessive
        if self.t(i) in ("The", "A", "An"):
            words = [self.t(x) for x in range(i + 1, j)]
        elif self.t(i - 1).lower() in KIND_NOUNS or self.t(i - 1) == "title":
            words = [self.t(x) for x in range(i, j)]  # "buzz title God's Own Country": a kind's title
            if len(words) != 1:
                return False
        else:
            return False
        return 1 <= len(words) <= 2 and not any(w.isupper() for w in words) \
            and words[-1].lower() not in ORG_WORDS and is_cap(self.t(j + 1)) and self.t(j + 1) not in STOP_START \
            and not is_given_name(self.t(j + 1))

    def _cap_ok(self, i, first, mode):
        t = self.t(i)
        if not is_cap(t):
            return False
        if t in _MONTH_ABBREVS and (self.t(i + 1)[:1].isdigit() or self.t(i + 1) == "." and self.t(i + 2)[:1].isdigit()):
            return False  # "Sept. 16": a date
        if t in NEVER_IN_NAME and not (mode == "title" and not first and t in _MONTHS and not self.t(i + 1)[:1].isdigit()) \
                and not (mode in ("char", "name") and first and t in _MONTHS and is_cap(self.t(i + 1)) and self.t(i + 1) not in NEVER_IN_NAME
                         and not self.t(i + 1)[:1].isdigit()):
            return False  # "The Ghosts of Late October" keeps its month; so does a role named "June Halvorsen"
        if first and t in STOP_START and not (mode in ("title", "org") and t in ("The", "A", "An")) \
                and not (mode == "title" and self.t(i - 1) in ("'s", "‘", "“", '"') and is_cap(self.t(i + 2))) \
                and not (mode == "title" and t in _TITLE_OPENERS and i > 0 and self.t(i - 1).isalpha() and self.t(i - 1).islower()
                         and is_cap(self.t(i + 1)) and self.t(i + 1) not in NEVER_IN_NAME):
            return False  # "Kestrel's For the Lanterns", "“For All Harbors”" may open with one
        if first and mode == "name" and "-" in t and t.rsplit("-", 1)[1] in AWARD_WORDS:
            return False  # "Tony-nominee Perrin Sloane", "Emmy-winner A": a description before the name
        if self.headline and t in HEADLINE_BREAK and not first:
            return False
        if self.headline and first and t in HEADLINE_BREAK and mode != "title":
            return False
        return True

    def name_at(self, i, mode="name", max_tokens=8):
        """Read a capitalised name starting at token ``i``.

        ``mode`` is "name" (people, characters, organisations) or "title" (works:
        allows "of", "the", colons, digits and a leading "The").
        """
        key = (i, mode, max_tokens)
        memo = self._memo
        if key in memo:
            return memo[key]
        memo[key] = out = self._name_at(i, mode, max_tokens)
        return out

    def _name_at(self, i, mode, max_tokens):
        n = len(self.toks)
        if i >= n:
            return None
        if i == 0 and self.t(0) == "Per" and self.t(2) == "," and mode != "title":
            return None  # "Per Deadline, A and B will star": an attribution, not a Swedish given name
        if mode == "title" and self.emph:
            end = self.emph.get(self.toks[i].start)
            if end is not None:
                j = bisect_right(self._ends, end)
                if j > i:
                    surface = self.doc_text[self.toks[i].start:self.toks[j - 1].end]
                    return Name(i, j, self.toks[i].start, self.toks[j - 1].end, surface, [], self.t(j) == "'s")
        j = i
        parts = 0
        nick = None
        possessive = False
        if mode == "org" and self.t(i).isdigit() and i + 1 < n and self._cap_ok(i + 1, False, mode):
            j, parts = i + 1, 1  # "88 Lanterns Entertainment", "404 Studios"
        while j < n and parts < max_tokens:
            t = self.t(j)
            if self._cap_ok(j, parts == 0, mode):
                j += 1
                parts += 1
                # initials "A." and abbreviations "Jr."
                if self.t(j) == "." and (len(t) == 1 or t in _NAME_ABBREVS) and j + 1 < n and (is_cap(self.t(j + 1)) or t in ("Bros", "Inc", "Co", "Corp", "Ltd", "Jr", "Sr")):
                    j += 1
                if self.t(j) == "'s" and mode == "title" and self._possessive_in_title(i, j):
                    j += 1  # "A Good Girl's Guide to Murder", "The Handmaid's Tale": the title goes on
                    continue
                if self.t(j) == "'s" or (self.t(j) == "'" and t.endswith("s") and not self._quote_open_before(i)):
                    possessive = True
                    break
                continue
            if parts and t in ("“", '"', "‘") and mode in ("name", "char") and nick is None:
                # Della “Penny” Marsh
                k = j + 1
                while k < n and k < j + 4 and is_cap(self.t(k)):
                    k += 1
                if k > j + 1 and k < n and self.t(k) in ("”", '"', "'") and k + 1 < n and is_cap(self.t(k + 1)):
                    nick = (j, k + 1)
                    j = k + 1
                    continue
                break
            if parts and mode in ("name", "char") and len(t) > 3 and t[0].islower() and _PARTICLE_NAME.match(t):
                j += 1  # "Soraya al'Tirin", "Melis al'Doran"
                parts += 1
                continue
            if parts and mode == "char" and t == "of" and j + 1 < n and is_cap(self.t(j + 1)) and self.t(j + 1) not in STOP_START:
                j += 1  # "Aldric of Varne"
                continue
            if parts and t == "+" and mode in ("title", "org") and self.toks[j].start == self.toks[j - 1].end:
                j += 1  # "Quarry TV+", "Lumen+ with NIGHTJAR"
                if self.t(j) == "'s":
                    possessive = True  # "Quarry TV+'s"
                    break
                continue
            if parts and mode == "title" and t == "and" and self.t(j + 1) in ("a", "an", "the") and j + 2 < n \
                    and self._cap_ok(j + 2, False, mode) and self.t(j + 2) not in ("The", "A", "An"):
                j += 2  # "Four Weddings and a Funeral", "Harry and the Hendersons": an article after "and" joins one title
                continue
            if parts and mode == "title" and t == "and" and self._subtitled_and(i, j):
                j += 1  # "Salt Roads and Honey" where the text also writes "Salt Roads and Honey: The Second Harvest"
                continue
            if parts and (t.lower() in (CONNECT_TITLE if mode in ("title", "org") else CONNECT_PERSON)) and t.islower() or (parts and mode in ("title", "org") and t in ("&", "+")):
                # a connector must be followed by a capitalised word
                k = j + 1
                while k < n and self.t(k).lower() in CONNECT_TITLE and self.t(k).islower() and k < j + 3:
                    k += 1
                if k < n and self._cap_ok(k, False, mode) and not (t == "and" and mode != "title") \
                        and not (t == "for" and is_upper_word(self.t(k)) and len(self.t(k)) <= 4) \
                        and not (mode == "title" and t in ("from", "by") and k == j + 1 and is_given_name(self.t(k))
                                 and is_cap(self.t(k + 1)) and self.t(k + 1) not in STOP_START):
                    j = k  # (not "X for the UK", "X for BBC Two": a territory or a channel, after the title;
                    # not "the drama Harrow from Dana Lindqvist": a person after the title)
                    continue
                break
            if parts and mode == "title" and t == ":" and j + 1 < n and is_cap(self.t(j + 1)) \
                    and not (self.t(j + 1) in ("The", "A", "An", "This") and self.t(j + 2)[:1].islower()):
                j += 1  # "Harrow: Legacy", not "Dr. Quill: The limited series ..."
                continue
            if parts and mode == "title" and (t in ("vs", "v") or t == "/" and self.toks[j].start > self.toks[j - 1].end):
                # "Moreno vs. Moreno", "Old Dog / New Dog": two names joined into one title
                k = j + 1 + (t != "/" and self.t(j + 1) == ".")
                if k < n and self._cap_ok(k, False, mode):
                    j = k
                    continue
                break
            if parts and mode == "title" and t[0].isdigit():
                j += 1
                parts += 1
                continue
            if parts == 1 and mode == "org" and t.isdigit() and len(t) <= 2 and self.t(j - 1) not in NUMBERED_PARTS:
                # "Channel 4", "Fox 5": a channel's number ends its name ("Channel 4's" is possessive)
                j += 1
                possessive = self.t(j) == "'s"
            break
        if parts == 0:
            return None
        # drop trailing connectors / colons
        while j > i and (self.t(j - 1) in (":", "&") or self.t(j - 1) == "+" and self.toks[j - 1].start != self.toks[j - 2].end
                         or (self.t(j - 1).islower() and self.t(j - 1) != "'s")):
            j -= 1
        if j <= i or (j == i + 1 and self.t(i) in STOP_START):
            return None
        if mode == "name" and j - i >= 2 and self.t(j) == "," and self.t(j + 1) in ("Jr", "Sr") and not possessive:
            j += 2 + (self.t(j + 2) == ".")  # "Dorian Welles, Jr.": the suffix is part of the name
        start, end = self.toks[i].start, self.toks[j - 1].end
        surface = self.doc_text[start:end]
        aliases = []
        text = surface
        if nick:
            a, b = nick
            before = self.doc_text[start:self.toks[a].start].rstrip()
            after = self.doc_text[self.toks[b].start:end]
            nickname = self.span_text(a + 1, b - 1)
            text = f"{before} {after}"
            aliases = [surface, f"{nickname} {after}"]
        return Name(i, j, start, end, text, aliases, possessive)

    def _subtitled_and(self, i, j):
        """Whether "and" at token j joins one title: the capitalised words around it are, somewhere
        in the text, a title's head before a colon and a subtitle ("Salt Roads and Honey: The
        Second Harvest"), which a list of two titles never is."""
        k = j + 1
        while k < self._n and is_cap(self.t(k)) and self.t(k) not in NEVER_IN_NAME:
            k += 1
        if k == j + 1:
            return False
        head = self.doc_text[self.toks[i].start:self.toks[k - 1].end]
        return (head + ":") in self.doc_text and (head + ": ") in self.doc_text

    def _quote_open_before(self, i):
        k = i - 1
        return k >= 0 and self.t(k) in ("‘", "'")

    def name_before(self, j, mode="name", max_tokens=8):
        """Read a name ending just before token ``j`` (the longest one that parses)."""
        if mode == "name" and self.t(j - 1) == "." and self.t(j - 2) in ("Jr", "Sr") and self.t(j - 3) == ",":
            for start in range(max(0, j - 3 - max_tokens), j - 4):  # "Linus Harte, Jr."
                full = self.name_at(start, mode, max_tokens) if is_cap(self.t(start)) else None
                if full is not None and full.j == j:
                    return full
        k = j
        count = 0
        while k > 0 and count < max_tokens + 3:
            t = self.t(k - 1)
            if is_cap(t) or t == "." or (t.islower() and t in (CONNECT_PERSON if mode == "name" else CONNECT_TITLE) and t not in ("and", "a", "an", "in", "on", "at", "to", "for", "with", "from")) or t in ("“", "”", '"') or (mode == "title" and t == ":") \
                    or (mode == "org" and t == "+"):  # "Lumen+ has renewed"
                k -= 1
                count += 1
                continue
            break
        for start in range(k, j):
            if not is_cap(self.t(start)):
                continue
            n = self.name_at(start, mode, max_tokens)
            if n and n.j == j:
                return n
            if n and n.j > j:
                # the forward reader went past j (e.g. possessive); accept a prefix name
                continue
        return None

    def names_list_at(self, i, mode="name", roles=None):
        """Read "A, B and C" / "A, B, and C" / "A & B" starting at token ``i``.

        Returns the names and the index after the list. ``roles``, if given, is a set of
        lower-case role words that may precede a name ("showrunner Hal Brenner").
        """
        names = []
        n = len(self.toks)
        while i < n:
            name = self.name_at(i, mode)
            if name is None:
                break
            names.append(name)
            i = name.j
            if name.possessive:
                break
            k = i
            if self.t(k) == "(":  # "A (B)" inside a list: skip the parenthesis
                close = k
                while close < n and close < k + 12 and self.t(close) != ")":
                    close += 1
                if self.t(close) == ")":
                    k = close + 1
            if self.t(k) == "," and self.t(k + 1) in ("and", "&"):
                i = k + 2
            elif self.t(k) in (",", "and", "&"):
                i = k + 1
            else:
                break
        return names, i


def split_sentences(text, start=0, end=None):
    """Split ``text[start:end]`` into :class:`Sentence` objects (lines, then sentence ends)."""
    return [Sentence(text, s, e) for s, e in sentence_spans(text, start, end)]


#: Lines a hard-wrap test leaves out: bullets, headings, numbers, markup, "Label:" lines.
_NOT_PROSE_LINE = re.compile(r"[-*•#\d<]|[A-Z][\w -]{1,30}:")


def _hard_wrapped(text, start, end):
    """Whether the text is prose broken into lines mid-sentence (a wire copy wrapped at a
    fixed width, even with blank lines between): most of its lines of three words or more
    end on a word (a page's menus and captions are shorter, or are no prose)."""
    lines = [ln for ln in (ln.strip() for ln in text[start:end].split("\n")) if ln.count(" ") >= 2]
    prose = [ln for ln in lines if not _NOT_PROSE_LINE.match(ln)]
    if len(prose) < 10:
        return False
    mid = sum(1 for ln in prose[:-1] if ln[-1].isalpha() or ln[-1] == ",")
    return mid >= 0.8 * (len(prose) - 1)


def sentence_spans(text, start=0, end=None):
    """The ``(start, end)`` offsets of the sentences of ``text[start:end]``. In hard-wrapped
    text a line break after a word or a comma continues the sentence."""
    end = len(text) if end is None else end
    out = []
    pos = start
    wrapped = "\n" in text[start:end] and _hard_wrapped(text, start, end)
    for m in _SENT_END.finditer(text, start, end):
        if wrapped and m.group().startswith("\n") and m.start() > start and (text[m.start() - 1].isalpha() or text[m.start() - 1] == ",") \
                and not _NOT_PROSE_LINE.match(text, m.end()):
            continue
        if "\n" not in m.group():
            # an abbreviation or an initial does not end a sentence
            k = m.start()
            w = k
            while w > start and (text[w - 1].isalnum() or text[w - 1] == "."):
                w -= 1
            word = text[w:k].lower()
            nxt = text[m.end():m.end() + 1]
            if word in _ABBREV or (len(word) == 1 and word.isalpha() and text[w].isupper()) \
                    or _INITIALS.fullmatch(word) and text[w].isupper():  # "as J.K. Coe"
                continue
            if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'(["):
                continue
            if word in ("a.m", "p.m") and _TIME_ZONE.match(text, m.end()):
                continue  # "at 10 p.m. ET/PT on KVX": the slot goes on
        _add_trimmed(out, text, pos, m.end())
        pos = m.end()
    _add_trimmed(out, text, pos, end)
    return out


def _add_trimmed(out, text, s, e):
    """Append ``(s, e)`` without its surrounding white space, unless nothing is left."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


#: Download formats a press page lists in parentheses ("Trailer (MP4)", "Stills (ZIP)"): no service.
FILE_FORMATS = frozenset("zip mp4 mp3 mov m4v pdf jpg jpeg png gif tif tiff doc docx wav".split())
