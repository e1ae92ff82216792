"""Dates in announcements: the announcement's own date and the dates it mentions.

>>> import datetime as dt
>>> announcement_date("LOS ANGELES, March 4, 2024 — Vistaplay today ...")
datetime.date(2024, 3, 4)
>>> [d for _, _, d in find_dates("premieres Wednesday, July 9", dt.date(2025, 5, 21))]
[datetime.date(2025, 7, 9)]
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE_MDY = re.compile(
    r"\b" + _WEEKDAY + _MONTH + r"\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.I
)
_DATE_DMY = re.compile(
    r"\b" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\.?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I
)
_DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_LEADING = re.compile(r"\s*date:?\s+((?:19|20)\d\d-\d\d-\d\d)\b", re.I)
_DIGIT = re.compile(r"\d")
#: A press site's time stamp: "[06/25/13 - 10:00 AM]" (month/day/year): the page's own date.
_STAMP = re.compile(r"\[(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}|\d{4})\s*-\s*\d{1,2}:\d{2}\s*[AP]M\]")
#: Every month name begins so: text without one holds no written-out date (a cheap test
#: before the date patterns, which try a weekday and twelve months at every character).
_MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: The letters that the patterns' re.I matches to an ASCII letter of a month or weekday name
#: but that lower() does not turn into it ("Auguſt", "Aprİl"): folded before a name is looked
#: up, so that a match always has a month number.
_RE_I_FOLD = str.maketrans({"ſ": "s", "İ": "i", "ı": "i", "\u212a": "k"})
_TODAY = re.compile(r"\btoday\b", re.I)
_TOMORROW = re.compile(r"\btomorrow\b", re.I)


def leading_date(text):
    """A leading ``date YYYY-MM-DD`` header: ``(date, end offset)`` or ``(None, 0)``."""
    m = _LEADING.match(text)
    if not m:
        return None, 0
    try:
        return dt.date.fromisoformat(m.group(1)), m.end()
    except ValueError:
        return None, 0


def _make(year, month, day):
    try:
        return dt.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _month_key(name):
    """A name as MONTHS spells it: lower case, with what re.I equates to ASCII folded to it.

    Folding keeps the length ("İ".lower() would be two characters), so offsets into
    the folded text are offsets into the text.
    """
    return name.translate(_RE_I_FOLD).lower()


def find_dates(text, published=None, start=0, end=None):
    """Every calendar date in ``text[start:end]`` as ``(start, end, date)``.

    A date without a year takes the announcement's year, or the next one when that
    would put it more than two months before the announcement ("premieres January 5"
    announced in November). Dates without a year and no announcement date are skipped.
    """
    end = len(text) if end is None else end
    found = []
    taken = []
    if not _DIGIT.search(text, start, end):
        return found  # every date has a digit
    low = _month_key(text[start:end])
    named = any(month in low for month in _MONTH_STARTS)
    for rx in (_DATE_ISO, _DATE_MDY, _DATE_DMY) if named else (_DATE_ISO,):
        for m in rx.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            month = m.group("month")
            month = int(month) if month.isdigit() else MONTHS[_month_key(month).rstrip(".")]
            year = m.group("year")
            if year is None:
                if published is None:
                    continue
                date = _make(published.year, month, m.group("day"))
                if date and (published - date).days > 61:
                    date = _make(published.year + 1, month, m.group("day"))
            else:
                date = _make(year, month, m.group("day"))
            if date:
                found.append((m.start(), m.end(), date))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda t: t[0])


def announcement_date(text, meta_date=None):
    """The announcement's date: a leading ``date`` header, a meta date or a dateline.

    The dateline is a press site's time stamp ("[06/25/13 - 10:00 AM]") or else the first
    date with a year in the first lines of the text ("NEW YORK — May 2, 2022 —", "April 6, 2022").

    >>> announcement_date("[01/11/07 - 01:56 PM]\\nHalcyon renews ... on June 3")
    datetime.date(2007, 1, 11)
    """
    date, _ = leading_date(text)
    if date:
        return date
    if meta_date:
        return meta_date
    head = text[:600]
    stamp = _STAMP.search(head)
    if stamp:
        year = int(stamp.group("year"))
        date = _make(year if year > 99 else 2000 + year if year < 70 else 1900 + year, stamp.group("month"), stamp.group("day"))
        if date:
            return date
    for _, _, d in find_dates(head):
        return d
    return None


def relative_date(word, published):
    """Resolve "today"/"tomorrow" against the announcement date."""
    if published is None:
        return None
    if word.lower() == "today":
        return published
    if word.lower() == "tomorrow":
        return published + dt.timedelta(days=1)
    return None
