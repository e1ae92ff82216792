"""Names: the one normalisation that decides when two spellings are the same name.

Extraction merges mentions, the mapping makes IRIs and evaluation matches system
entities to gold ones, and all three must agree: if "O'Brien" were ``obrien`` for
scoring but ``o-brien`` in IRIs, a name that scores as found could still become a
second node in the graph. So every stage calls the functions here and nothing else
folds names.

The rules (those of the facts format, ``docs/facts-format.md``): Unicode accents and
case are folded, "&" reads as "and", apostrophes, periods and hyphens join the parts
they separate ("O'Brien", "J.R.R.", "Garcia-Rulfo"), any other punctuation separates
words, and a leading "the" is dropped.

>>> fold("The Lincoln Lawyer"), fold("Renée"), fold("Bosch: Legacy")
('lincoln lawyer', 'renee', 'bosch legacy')
>>> fold("O'Brien") == fold("OBrien") == fold("O’Brien") == "obrien"
True
>>> slug("O'Brien"), slug("Law & Order"), slug("!!!")
('obrien', 'law-and-order', 'unnamed')
>>> ident("The Lincoln Lawyer"), ident("Amélie")
('the-lincoln-lawyer', 'amelie')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Punctuation that joins the parts of one word rather than separating two words.
_JOINERS = frozenset("'’.-")


def _plain(name):
    """The name with accents dropped and case folded."""
    s = unicodedata.normalize("NFKD", name)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def _words(name):
    """The folded words of a name, a leading "the" kept."""
    s = _plain(name).replace("&", " and ")
    return "".join(c if c.isalnum() or c.isspace() else ("" if c in _JOINERS else " ") for c in s).split()


@lru_cache(maxsize=65536)
def fold(name):
    """The comparison key of a name: two names are the same name when their folds are equal.

    Args:
        name: any spelling of a name or title.

    Returns:
        Lower-case words separated by single spaces; "" when nothing is left.
    """
    words = _words(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def slug(name):
    """The key of a name as it appears in an IRI: the fold with hyphens for spaces.

    Never empty, so that an IRI always has a last segment.
    """
    return fold(name).replace(" ", "-") or "unnamed"


@lru_cache(maxsize=16384)
def ident(name):
    """A file-local id for a name or a file stem: ASCII letters and digits joined by hyphens.

    An id only has to be stable and readable, not a comparison key (entities are matched
    by :func:`fold` of their names), so unlike :func:`slug` it keeps a leading "the" and
    the hyphens of a file stem (``the-penguin-s1.txt`` is ``the-penguin-s1``), and drops
    letters outside ASCII. Apostrophes join, as in :func:`fold`.
    """
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’]", "", _plain(name))).strip("-") or "x"


# --- characters a name must not hold ------------------------------------------------

#: Embeddings, overrides and isolates: they make text display in another order than it is
#: stored, so a name holding one can look like a different name (or hide part of a line).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


#: One character a name may not hold: a control character (category Cc is U+0000-001F and
#: U+007F-009F), a line or paragraph separator (Zl, Zp: U+2028, U+2029) or a bidirectional
#: control, as one pattern: one search per name instead of one lookup per character.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _unsafe(c):
    return _UNSAFE.match(c) is not None



def unsafe_character(text):
    """Describe the first character a name may not hold, or return None when there is none.

    Control characters (NUL, BEL, ESC, line breaks, ...) corrupt XML outputs and drive
    terminals; bidirectional controls reorder what a reader sees.

    >>> unsafe_character("Maggie Q") is None
    True
    >>> unsafe_character("Maggie\\x1b[31mQ"), unsafe_character("abc\\u202edef")
    ('a control character (U+001B)', 'a bidirectional control character (U+202E)')
    """
    m = _UNSAFE.search(text)
    if m is None:
        return None
    c = m.group()
    kind = "a bidirectional control character" if c in BIDI_CONTROLS else "a control character"
    return f"{kind} (U+{ord(c):04X})"


def without_unsafe(text):
    """``text`` with each control or bidi control character read as a space, spaces collapsed.

    >>> without_unsafe("Ann\\u202eBar\\n Lee ")
    'Ann Bar Lee'
    """
    if not _UNSAFE.search(text):
        return text
    return " ".join(_UNSAFE.sub(" ", text).split())


def printable(text):
    """``text`` with every control and bidirectional control character written as an escape.

    For output meant for a person (tables, reports, error messages): what reaches a
    terminal is then exactly the characters it shows, on one line.

    >>> printable("a\\x07b\\nc\\u202e")
    'a\\\\x07b\\\\nc\\\\u202e'
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def uchar_escaped(text):
    """``text`` with every control and bidirectional control character but tab and line feed as ``\\uXXXX``.

    JSON and N-Triples read that escape as the character itself, so an answer written
    in them keeps its meaning, while a terminal that shows it is not driven by it. Tab
    and line feed are left: serialisers escape them inside strings themselves, and
    outside strings they are the layout.

    >>> uchar_escaped('{"name": "Maggie\\u202eQ\\x85"}\\n')
    '{"name": "Maggie\\\\u202eQ\\\\u0085"}\\n'
    """
    return _ESCAPED_IN_FORMATS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: What _UNSAFE finds, tab and line feed aside: answers can be long.
_ESCAPED_IN_FORMATS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")

