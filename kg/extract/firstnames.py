"""Given names, from the name dictionary the ``gender-guesser`` package ships.

A capitalised span that starts with a common given name ("Clara Whitcombe", "Hugh
Varnell") is far more likely a person than a title, which matters most where the text
gives no other clue ("renewed Clara Whitcombe's Warden of Ashgrove"). The dictionary
(Jörg Michael's ``nam_dict.txt``) gives each name a frequency per country; only names
in use in the English-speaking countries it covers are kept, which leaves out rare
entries that are ordinary words elsewhere ("The" is a given name in Vietnam).

The package is read as data only (its detector is not used): the file is parsed once per
process, lazily, in about a tenth of a second.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

#: Columns of the frequency field for Great Britain, Ireland and the USA (the file's
#: header lists one column per country, in this order).
_ENGLISH_COLUMNS = slice(0, 3)
#: Where the frequency field starts on a line of the file.
_FREQ_AT = 30
#: Words that are given names in the file but, capitalised in an announcement, are far
#: more often something else.
_NOT_GIVEN = frozenset(
    "star will may hope grace chase hunter king queen prince princess major general royal "
    "joy faith summer winter autumn april june august rose ivy lily ruby pearl young black "
    "white brown green gray grey love sunny lucky angel justice story son sky river ocean "
    "dale glen sterling banks sharp stone wolf fox bear red"
    .split()
)


#: One entry: a gender code, then the name (lines starting "#" or "=" are comments and
#: spelling variants).
_ENTRY = re.compile(r"^[MF1?][MF ]? +(\S+)", re.M)


@lru_cache(maxsize=1)
def given_names():
    """The folded given names in common English-language use (a frozenset)."""
    try:
        data = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover - dependency missing
        return frozenset()
    out = set()
    for m in _ENTRY.finditer(data):
        at = m.start() + _FREQ_AT
        if data[at + _ENGLISH_COLUMNS.start:at + _ENGLISH_COLUMNS.stop].strip():
            out.add(m.group(1).lower().replace("+", "-"))
    return frozenset(out - _NOT_GIVEN)


def is_given_name(word):
    """Whether ``word`` (any case) is a common given name, or two joined by a hyphen.

    >>> is_given_name("Taylor"), is_given_name("Kingstown"), is_given_name("Nora-Jane")
    (True, False, True)
    """
    low = word.lower()
    names = given_names()
    if low in names:
        return True
    first, sep, second = low.partition("-")
    return bool(sep) and first in names and second in names
