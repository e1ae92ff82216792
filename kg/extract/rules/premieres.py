"""Premiere dates: premiereDate on a Series, Film or numbered Season.

The spec only counts a full date the text calls a premiere or debut, so a date after a
premiere verb is taken unless a batch, finale or trailer word stands between them; it
attaches to a season when the clause names one.
"""

from __future__ import annotations

import datetime as _dt
import re

from .. import dates as _dates
from ..context import MAIN, SeasonRef, number
from .organisations import announcer
from .seasons import SEASON_RE, its_subject, listed_before
from .works import WORK_NOUN_RE, heading_work, listing_heading, locate_works, section_work, work_mention, work_ref


PREMIERE_RE = re.compile(
    r"\b(?:premieres?|premiered|premiering|debuts?|debuted|debuting|launch(?:es|ed|ing)?|opens?|opening|bows?|"
    r"arrives?|(?:hits|(?<=will )hit|(?<=to )hit)(?=\s+(?:theaters|theatres|cinemas|screens|(?-i:[A-Z])))|(?<=\bbe )in (?:theaters|theatres|cinemas)|releases?|released|releasing|returns?|returning|streams?|streaming|airs?|airing|"
    r"kick(?:s|ed)? off|begins?|be back|is back|are back)\b",
    re.I,
)


PREMIERE_BLOCK = re.compile(r"\b(?:finale|remaining|second half|(?-i:part (?:two|2|ii))|batch|back half|final episodes?|trailer|teaser|first look|"
                            r"volume (?:two|2|ii)|rest of)\b", re.I)


#: What may stand between a season and its premiere verb when the season is the subject:
#: "the fourth season of its acclaimed espionage drama "Paper Lanterns" will make its global debut".
_SEASON_SUBJECT_GAP = re.compile(
    r"\s+of\s+(?:[^,;.]{1,80}?\s+|[^;.]{1,160}?,\s+(?=will|is))(?:will\s+(?:now\s+|also\s+|officially\s+)?|is set to\s+|is scheduled to\s+)?(?:(?:make|have)\s+its\s+(?:[\w-]+\s+)?)?")


#: A date the text says was the plan before a change: "had been slated to premiere Sept. 10",
#: "The premiere had been set for February 5", "originally scheduled for".
_FORMER_DATE = re.compile(r"\b(?:had been|originally|initially|previously)\s+(?:\w+\s+)?(?:set|slated|scheduled|planned|due|dated)\b", re.I)
#: Just before a date, the words that make it the one replaced: "moving from its earlier date
#: of Oct. 10", "pushed back from March 3", "its original date of May 2".
_MOVED_FROM = re.compile(r"(?:\b(?:mov|shift|push|bump)\w*\s+(?:up\s+|back\s+)?from(?:\s+(?:its|the)\b[\w\s-]{0,30}?\s+of)?"
                         r"|\b(?:earlier|original|previous|former)\s+(?:[\w-]+\s+)?date\s+of)\s+$", re.I)
#: Between a past verb and a date, words that put the date ahead: "the poster was released
#: ahead of its August 11 release date" (the date is still to come, not last year's).
_AHEAD = re.compile(r"\b(?:ahead of|before|until|upcoming|next)\b", re.I)
#: After a dated premiere noun, the work it is for: "a March 3 premiere for the miniseries X".
_PREMIERE_FOR = re.compile(r"\s+(?:date\s+)?for\s+(?:the\s+|its\s+|their\s+)?(?:[a-z-]+\s+){0,3}?(?=[“\"‘A-Z])")
#: Between a date and its premiere verb: "on Monday, January 6 when season two premieres".
_WHEN_CLAUSE = re.compile(r"\s+when\s+[^,.;:]{1,40}?\s+(?:will\s+)?$", re.I)
#: A date fronted before the clause it dates: "On Wednesday, June 5, the drama X will premiere".
_FRONTED_DATE = re.compile(r"\s*(?:On|Starting|Beginning)\s+", re.I)
#: A date right after the verb: "bows June 5", "bowed on Sunday, March 3".
_DATE_NEXT = re.compile(r"\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d")
#: A passive that is still to come: "will be released on June 5" (this year's June 5).
_FUTURE_PASSIVE = re.compile(r"\b(?:(?:will|to|'ll|’ll)\s+be|(?:is|are)(?:\s+being)?)\s+$", re.I)
#: The reference date for finding a date without a year when the announcement has no date:
#: it tells that a date is there, never which year (no fact takes it).
_NO_YEAR = _dt.date(2000, 1, 1)


#: A year on its own in a headline: "KTV winter 2017 TCA recap" (not a season's "2022-23").
_HEADLINE_YEAR = re.compile(r"(?<![\d\-–/])(?:199\d|20[0-4]\d)(?![\d\-–/])")


def _headline_year(ctx):
    """The one year an undated announcement's headline names, or None: the year of its dates
    that give none ("KTV winter 2017 TCA recap ... series premiere: March 5"). A year that is a
    work's title ("1887 sets its premiere") says nothing about the announcement."""
    if "headline_year" not in ctx.__dict__:
        first = ctx.text[ctx.skip_until:].lstrip().split("\n", 1)[0]
        years = {int(y) for y in _HEADLINE_YEAR.findall(first) if y not in ctx.work_titles}
        ctx.headline_year = years.pop() if len(years) == 1 else None
    return ctx.headline_year


#: A broadcast season named in the opening lines: "premiere dates for the 2009-2010 season".
_TV_SEASON_YEARS = re.compile(r"\b((?:19|20)\d\d)[-–/](?:(?:19|20)\d\d|\d\d)\s+(?:(?:TV|television|broadcast|fall|network)\s+)?season\b", re.I)


def _reference(ctx):
    """The date that yearless dates are read against, and whether it tells their year: the
    announcement's date, else January 1 of its headline's year, else August 1 of the first
    year of the broadcast season its opening names (fall dates in that year, spring dates in
    the next), else _NO_YEAR (year unknown)."""
    if ctx.published:
        return ctx.published, True
    year = _headline_year(ctx)
    if year:
        return _dt.date(year, 1, 1), True
    years = {m.group(1) for m in _TV_SEASON_YEARS.finditer(ctx.text, ctx.skip_until, ctx.skip_until + 1500)}
    if len(years) == 1:
        return _dt.date(int(years.pop()), 8, 1), True
    return _NO_YEAR, False


def _object_after(ctx, sent, v):
    """The work named right after the verb at token v ("will premiere “X”"), as a mention, or None."""
    at = v + 1 + (sent.t(v + 1) in ("“", '"', "‘"))
    obj = [w for w in locate_works(ctx, sent) if w[0] == at]
    return work_mention(ctx, sent, *obj[0]) if obj else None


#: Verbs that start a premiere only when a season is their subject or object.
_SEASON_START = ("return", "begin", "be back", "is back", "are back")


def _both_before(ctx, sent, m):
    """ "... will both return May 27" with no work named before the verb: the two seasons (or
    else the two works) the sentence before names, or []."""
    if not re.search(r"\bboth\s+(?:will\s+|to\s+)?$|\bwill\s+both\s+$", ctx.text[max(sent.start, m.start() - 12):m.start()], re.I):
        return []
    v = sent.tok_at(m.start())
    if any(i < v for i, _, _ in locate_works(ctx, sent)):
        return []
    k = ctx.sents.index(sent)
    if k == 0:
        return []
    prev = ctx.sents[k - 1]
    seasons = list(dict.fromkeys(f.o for f in ctx.facts if f.p == "hasSeason" and f.sent is prev))
    if len(seasons) == 2:
        return seasons
    works = {f: (i, j) for i, j, f in locate_works(ctx, prev)}
    return [work_mention(ctx, prev, i, j, f) for f, (i, j) in works.items()] if len(works) == 2 else []


def _subject_list(ctx, sent, v):
    """ "“A” and “B” premiere June 5", "A and B will both debut ...": the works listed as the
    subject of the verb at token v (two or more, joined by "and"), or []."""
    b = v
    while b > 0 and sent.t(b - 1).lower() in ("will", "both", "to", "set", "are", "officially", "each", "also"):
        b -= 1
    b -= sent.t(b - 1) in ("”", '"', "’")
    listed = listed_before(ctx, sent, b, within=0)
    if not listed or not re.search(r"\band\b|&", ctx.text[listed[0].pos:sent.toks[b - 1].end]):
        return []
    return listed


#: Between a dated work and the next work of the same clause: "X on June 5 and “Y” on June 12",
#: "X premieres June 5, followed by the drama “Y” on June 12".
_PAIR_GLUE = re.compile(r"\s*,?\s*(?:and|followed by|then|with)\s+(?:the\s+[a-z-]+\s+)?[“\"‘']?")
_PAIR_DATE = re.compile(r"[”\"’']?,?\s+(?:on\s+)?")


def _more_dated(ctx, sent, pos, ref, dated=None):
    """ "Northwind will premiere “A” on June 5 and “B” on June 12": the works after a premiere's
    date that carry dates of their own premiere on them (their mentions appended to ``dated``).
    Returns where the last date read ends."""
    works = locate_works(ctx, sent)
    while True:
        g = _PAIR_GLUE.match(ctx.text, pos, sent.end)
        w = next((x for x in works if g and sent.toks[x[0]].start == g.end()), None)
        if w is None:
            return pos
        after = _PAIR_DATE.match(ctx.text, sent.toks[w[1] - 1].end, sent.end)
        ds = _dates.find_dates(ctx.text, ref, after.end(), min(sent.end, after.end() + 40)) if after else None
        if not ds or ds[0][0] != after.end():
            return pos
        wm = work_mention(ctx, sent, *w)
        ctx.fact(wm, "premiereDate", ds[0][2], sent, 0.8)
        if dated is not None:
            dated.append(wm)
        pos = ds[0][1]


def _past(d):
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # February 29
        return d.replace(year=d.year - 1, day=28)


def _subject_before_appositive(ctx, sent, v):
    """ "X, the prequel spinoff of ... Y, will premiere": X, not Y, is the subject of the verb at token v."""
    b = v - 1
    while b > 0 and sent.t(b).lower() in ("will", "to", "set", "is", "officially", "also", "now", "slated", "scheduled", "due"):
        b -= 1
    quotes = ("”", '"', "'", "’")
    if sent.t(b) in quotes:
        b -= 1
    if sent.t(b) != ",":
        return None
    k = b - 1
    while k > 0 and k > b - 25 and sent.t(k) != ",":
        k -= 1
    if sent.t(k) == "," and sent.t(k + 1).lower() in ("which", "who") and 1 < k <= 4 \
            and sent.t(0).lower() in ("the", "this") and WORK_NOUN_RE.match(sent.t(k - 1).lower()) \
            and all(sent.t(x)[:1].islower() for x in range(1, k)):
        # "The show, which is based on Vane's novel “X,” is slated to debut ...": the described work,
        # not the one its relative clause names
        return section_work(ctx, sent)
    if sent.t(k) != "," or sent.t(k + 1 + (sent.t(k + 1) in quotes)).lower() not in ("the", "a", "an", "its"):
        return None
    close = k - 1 if sent.t(k - 1) in quotes else k
    works = [w for w in locate_works(ctx, sent) if w[1] == close]
    if not works:
        return None
    return work_mention(ctx, sent, *works[-1])


#: What opens a second premiere clause of a sentence.
_CLAUSE_BREAK = re.compile(r"(?:,\s*(?:while|and|with|whereas)?|;|\s(?:while|and|whereas))\s+(?:the\s+)?", re.I)


def _next_clause(ctx, sent, a, b):
    """Whether the text between offsets a and b opens a new clause about another work: a
    clause break, then a work named before the premiere verb at b."""
    br = _CLAUSE_BREAK.search(ctx.text, a, b)
    if br is None:
        return False
    return any(sent.toks[i].start >= br.end() - 1 and sent.toks[j - 1].end <= b for i, j, _ in locate_works(ctx, sent))


def _premiered_by(ctx, sent, m):
    """ "HALCYON AMERICA announced today the channel will premiere new co-production X and the
    final season of Y": the works a company's premiere verb takes as objects (no date needed)
    are the announcing company's."""
    if not re.match(r"premiere|debut|launch", m.group(), re.I) or not re.search(r"\b(?:will|to)\s+$", ctx.text[max(sent.start, m.start() - 8):m.start()]):
        return
    v = sent.tok_at(m.end())
    for i, j, f in locate_works(ctx, sent):
        if v <= i <= v + 12 and not re.search(r"[,;.]|\b(?:on|in|at|with|from)\b", ctx.text[m.end():sent.toks[i].start]):
            announcer(ctx, sent, v, work_mention(ctx, sent, i, j, f))
        elif i > v:
            break


#: A list's item dated in parentheses: "“Glass Tower” (April 11)", "X (Sunday, May 2 at 9 p.m.)".
_ITEM_DATE = re.compile(r"[”\"’']?\s*\((?P<inner>[^()]{3,60})\)")
#: What makes a sentence's dated items premieres: "announced premiere dates for ...: A (April 4), B (April 11)".
_DATES_OF = re.compile(r"\b(?:premiere|debut|launch|return)\s+dates?\b|\bpremier(?:e|es|ing)\b|\bdebut(?:s|ing)?\b", re.I)
#: Between a season and the title of its list item: "the second season of “X”".
_SEASON_OF_ITEM = re.compile(r"\s+of\s+(?:the\s+)?[“\"‘']?$")


def _dated_items(ctx, sent):
    """ "Northwind announced premiere dates for its lineup: “A” (April 4), “B” (April 11) and the
    second season of “C” (May 2)", "“A” (June 5) and “B” (June 12) are among the new premieres":
    each listed work (or numbered season) whose parenthesis opens with a date premieres that day."""
    pm = _DATES_OF.search(sent.text)
    if pm is None or "(" not in sent.text:
        return
    ref, known = _reference(ctx)
    if not known:
        return
    item_start = sent.start
    for i, j, f in locate_works(ctx, sent):
        end = sent.toks[j - 1].end
        im = _ITEM_DATE.match(ctx.text, end, sent.end)
        if im is None:
            continue
        start = sent.toks[i].start - (sent.t(i - 1) in ("“", '"', "‘", "'"))
        ds = _dates.find_dates(ctx.text, ref, im.start("inner"), im.end("inner"))
        if not ds or ds[0][0] != im.start("inner") or PREMIERE_BLOCK.search(im.group("inner")) \
                or PREMIERE_BLOCK.search(ctx.text, max(item_start, start - 40), start):
            continue  # "(2019)", "(Role)", "(finale June 2)", "the final episodes of X (May 20)": no premiere date
        item_start = im.end()
        wk = work_mention(ctx, sent, i, j, f)
        season = None
        for sm in SEASON_RE.finditer(ctx.text, max(sent.start, start - 40), start):
            if _SEASON_OF_ITEM.fullmatch(ctx.text, sm.end(), start + (sent.t(i - 1) in ("“", '"', "‘", "'"))):
                season = number(sm.group("ord") or sm.group("num") or "")
        if season:
            sref = SeasonRef(wk, season)
            ctx.fact(wk, "hasSeason", sref, sent, 0.8)
            ctx.fact(sref, "seasonNumber", season, sent, 0.85)
            ctx.fact(sref, "premiereDate", ds[0][2], sent, 0.8)
        else:
            ctx.fact(wk, "premiereDate", ds[0][2], sent, 0.8)


def _dated_heading(ctx, sent):
    """ "Grey Tide (January 1, Vesta)": a preview list's heading dates the work's debut."""
    heading = listing_heading(ctx, sent)
    if heading is None or heading[1] is None:
        return
    ref, known = _reference(ctx)
    if not known:
        return
    ds = _dates.find_dates(ctx.text, ref, *heading[1])
    wk = heading_work(ctx, sent, heading)
    if ds and wk is not None:
        ctx.fact(wk, "premiereDate", ds[0][2], sent, 0.75)


#: A calendar item's parenthesis that calls it a premiere: "(Exclusive, U.S. Premiere)".
_PREMIERE_PAREN = re.compile(r"\s*\([^()\n]{0,60}\bpremiere\b[^()\n]{0,30}\)", re.I)
#: A line that is only a date, its weekday first: "Monday, May 4, 2020".
_WEEKDAY_LEAD = re.compile(r"\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?\Z")


def _under_date_line(ctx, sent, k):
    """ "Monday, May 4, 2020" on a line of its own, then "X (Exclusive, U.S. Premiere) – Episodes
    1 and 2": a calendar's item whose parenthesis calls it a premiere premieres on the date above."""
    if not sent.whole_line or k == 0 or "(" not in sent.text or not ctx.sents[k - 1].whole_line:
        return
    ws = [w for w in locate_works(ctx, sent) if w[0] == 0]
    name = sent.name_at(0, "title") if not ws else None  # the calendar's layout makes the title one
    end = sent.toks[ws[0][1] - 1].end if ws else name.end if name is not None and not name.possessive else None
    if end is None or not _PREMIERE_PAREN.match(ctx.text, end, sent.end):
        return
    line = ctx.sents[k - 1]
    ref, known = _reference(ctx)
    ds = _dates.find_dates(ctx.text, ref, line.start, line.end)
    if len(ds) != 1 or not _WEEKDAY_LEAD.match(ctx.text[line.start:ds[0][0]]) or ctx.text[ds[0][1]:line.end].strip(" .,:"):
        return
    if not known and not re.search(r"\d{4}", ctx.text[ds[0][0]:ds[0][1]]):
        return
    wk = work_mention(ctx, sent, *ws[0]) if ws else ctx.mention(name, "Work", name.start)
    ctx.fact(wk, "premiereDate", ds[0][2], sent, 0.75)


#: A start date after a verb of streaming or airing: "will be streaming from September 27".
_FROM_DATE = re.compile(r"\s+(?:from|starting|beginning)" + _DATE_NEXT.pattern)
#: "on streaming and on-demand", "on air": the medium, named with a verb's words, is no verb.
_MEDIUM_NOUNS = re.compile(r"\bon[ -](?:streaming|demand|air)\b", re.I)


def rule_premiere(ctx, sent):
    text = ctx.text
    if sent.shouting:
        return
    _dated_items(ctx, sent)
    _dated_heading(ctx, sent)
    if sent.whole_line and "(" in sent.text:
        _under_date_line(ctx, sent, ctx.sents.index(sent))
    done = None  # where the last premiere clause read ends: "A will premiere May 6, while B will launch June 17"
    for m in PREMIERE_RE.finditer(text, sent.start, sent.end):
        if done is not None and (m.start() < done or not _next_clause(ctx, sent, done, m.start())):
            continue
        word = m.group().lower()
        if word.startswith(("return", "stream", "air", "arriv")) and not re.search(r"\bpremiere|debut|launch", sent.text, re.I):
            if not word.startswith(("return", "arriv")) and not _FROM_DATE.match(text, m.end(), sent.end):
                continue  # ("will be streaming from September 27": the day it starts)
        if word.startswith("begin") and re.match(r"\s+(?:production|filming|shooting|work|casting|principal)\b", text[m.end():sent.end], re.I):
            continue  # "begins production in May": no premiere
        if word.startswith(("release", "open", "bow", "hit", "in ")) and not re.search(r"\b(?:theaters|theatres|cinemas|films?|movies?|documentar(?:y|ies)|nationwide|worldwide|box office)\b", sent.text, re.I):
            if word.startswith("bow") and _DATE_NEXT.match(text, m.end(), sent.end):
                pass  # a series "bows June 5" (trade press), not "bows out"
            elif not re.search(r"\brelease\b", word) or ctx.work_kind != "Film":
                continue
        # the date: after the verb (or just before it: "Sets July 9 Premiere")
        window_end = min(sent.end, m.end() + 150)
        ref, known = _reference(ctx)
        ds = _dates.find_dates(text, ref, m.end(), window_end)
        date = None
        dpos = None
        dend = None
        lead = None
        if ds:
            a, b, d = ds[0]
            between = text[m.end():a]
            if not PREMIERE_BLOCK.search(between) and not re.search(r"[;]|\band\s+(?:will|the)\b", between) \
                    and not PREMIERE_RE.search(_MEDIUM_NOUNS.sub("", between)) and not _FORMER_DATE.search(text, max(sent.start, m.start() - 30), a) \
                    and not _MOVED_FROM.search(text, max(sent.start, a - 50), a):
                date, dpos, dend = d, a, b
                if word.endswith("ed") and d > (ctx.published or d) and not re.search(r"\d{4}", text[a:b]) \
                        and not _AHEAD.search(between) and not _FUTURE_PASSIVE.search(text, max(sent.start, m.start() - 16), m.start()):
                    date = _past(d)  # "premiered February 27" in a May release: this year, not next
        if date is None:
            before = _dates.find_dates(text, ref, max(sent.start, m.start() - 25), m.start())
            if before and not PREMIERE_BLOCK.search(text[before[-1][1]:m.start()]):
                date, dpos = before[-1][2], before[-1][0]
            elif when := [d for d in _dates.find_dates(text, ref, max(sent.start, m.start() - 80), m.start())
                          if _WHEN_CLAUSE.fullmatch(text, d[1], m.start())]:
                date, dpos = when[-1][2], when[-1][0]  # "on Monday, January 6 when season two premieres"
            else:
                # "June 5: “Salt Road” (series premiere)": a list item that opens with its date
                ds = _dates.find_dates(text, ref, sent.start, min(sent.end, sent.start + 40))
                if ds and ds[0][0] == sent.start and re.match(r"\s*[:–—]", text[ds[0][1]:sent.end]) \
                        and not PREMIERE_BLOCK.search(text, ds[0][1], m.start()):
                    date, dpos, lead = ds[0][2], ds[0][0], ds[0][1]
                fronted = _FRONTED_DATE.match(text, sent.start, m.start())
                if date is None and fronted:
                    ds = _dates.find_dates(text, ref, fronted.end(), min(m.start(), fronted.end() + 30))
                    if ds and ds[0][0] == fronted.end() and re.match(r"\s*,", text[ds[0][1]:m.start()]) \
                            and not PREMIERE_BLOCK.search(text, ds[0][1], m.start()) and not PREMIERE_RE.search(text, ds[0][1], m.start()):
                        date, dpos, lead = ds[0][2], ds[0][0], ds[0][1]  # "On Wednesday, June 5, the drama X will premiere"
        if date is None:
            tm = re.match(r"\s*(today|tomorrow)\b", text[m.end():sent.end], re.I)
            if tm and ctx.published:
                date = _dates.relative_date(tm.group(1), ctx.published)
                dpos = m.end()
        if date is None:
            _premiered_by(ctx, sent, m)
            continue
        if PREMIERE_BLOCK.search(text[max(sent.start, m.start() - 30):m.start()]):
            continue
        both = _both_before(ctx, sent, m)
        if both:
            # "Q&V has put dates on the second season of A and the fourth season of B. The Western
            # and the crime drama will both return May 27": each of the two named just before
            if date is not None:
                for target in both:
                    ctx.fact(target, "premiereDate", date, sent, 0.8)
            done = max(dpos, m.end())
            continue
        if word.startswith(_SEASON_START) and not re.search(r"\bseason\b", sent.text, re.I):
            continue  # "returns May 5", "begins June 25": a season's start only when the text names the season
        # a year on its own right after a full date ("July 9, 2025") is fine; a bare month is not a date
        k = sent.tok_at(m.start())
        # the subject: a numbered season next to the verb or between verb and date
        season = None
        season_its = None
        season_of = None  # the token after "season of": the season's own work
        lo = max(sent.start if done is None else done, m.start() - 240)
        hi = max(dpos, m.end())
        tail = re.match(r"\s+(?:for|of)\s+(?:[^,;.]{1,60}?\s+)?(?=season\b)", text[hi:min(sent.end, hi + 80)], re.I)
        if tail and dpos < m.start():
            hi = min(sent.end, hi + tail.end() + 12)
        for sm in SEASON_RE.finditer(text, lo, hi):
            num = number(sm.group("ord") or sm.group("num"))
            if not num:
                continue
            if sm.start() < m.start():
                gap = text[sm.end():m.start()]
                if re.fullmatch(r"\s*,\s*which\s+(?:will\s+|is\s+set\s+to\s+|is\s+scheduled\s+to\s+)?(?:first\s+|originally\s+)?", gap) or word.endswith("ing") and re.fullmatch(r"\s*,\s*", gap):
                    pass  # "its first season, which premiered February 27", "a fourth season, which will premiere
                    # January 12", "Willow Lane Season 2, premiering Friday"
                elif sm.start() < m.start() - 60 and not re.fullmatch(_SEASON_SUBJECT_GAP, gap):
                    continue
                elif re.search(r"[,;]|\bwhich\b|\bof\b", gap) and not re.match(r"\s+of\s+\S+", gap):
                    if not re.fullmatch(_SEASON_SUBJECT_GAP, gap):
                        continue
            season = num
            season_its = sent.tok_at(sm.start()) - 1 if sent.t(sent.tok_at(sm.start()) - 1).lower() == "its" else None
            of = re.match(r"\s+of\s+", text[sm.end():sent.end])
            season_of = sent.tok_at(sm.end() + of.end()) if of else None
        v = sent.tok_at(m.start())
        owner = [w for w in locate_works(ctx, sent) if w[0] in (season_of, season_of + 1)] if season_of is not None else []
        if lead is not None:
            # the item's work, after its date ("June 10: “X” (series premiere)"), or the verb's object
            # ("On June 5, Northwind will premiere “X”")
            wk = _object_after(ctx, sent, v) or work_ref(ctx, sent, sent.tok_at(lead), v)
            if wk is MAIN:
                continue
        else:
            wk = _subject_before_appositive(ctx, sent, v) or work_ref(ctx, sent, 0, sent.tok_at(dpos))
            if wk is MAIN and dpos < m.start():
                wk = _object_after(ctx, sent, v) or MAIN  # "On June 5, the network will premiere “X”"
            if wk is MAIN and season_its is not None:
                wk = its_subject(ctx, sent, season_its) or MAIN  # "Hollis & Reed (yes!) will now kick off its third season"
        if owner:
            wk = work_mention(ctx, sent, *owner[0])  # "set a Jan. 6 premiere for the sixth season of X": X's season
        elif dpos < m.start() and (pf := _PREMIERE_FOR.match(text, m.end(), sent.end)):
            named = [w for w in locate_works(ctx, sent) if w[0] in (sent.tok_at(pf.end()), sent.tok_at(pf.end()) + 1)]
            if named:
                wk = work_mention(ctx, sent, *named[0])  # "set a March 3 premiere for the miniseries X": X
        ctx.dated.append((wk, sent))
        if not known and not re.search(r"\d{4}", text[dpos:dpos + 25].split("\n")[0]):
            date = None  # "on March 5" with no announcement date: the work is dated, the year unknown
        if not season and sent.t(0) == "It" and lead is None:
            # "The second season will stream March 24. It will later make its broadcast debut on
            # March 26": the season the sentence before dated
            k0 = ctx.sents.index(sent)
            prev = ctx.sents[k0 - 1] if k0 > 0 else None
            dated = [f.s for f in ctx.facts if f.sent is prev and f.p == "premiereDate" and isinstance(f.s, SeasonRef)]
            if prev is not None and len({(id(s.work), s.n) for s in dated}) == 1:
                wk, season = dated[0].work, dated[0].n
        if season:
            sref = SeasonRef(wk, season)
            if date is not None:
                ctx.fact(sref, "premiereDate", date, sent, 0.85)
            ctx.fact(wk, "hasSeason", sref, sent, 0.85)
            ctx.fact(sref, "seasonNumber", season, sent, 0.9)
        elif date is not None:
            ctx.fact(wk, "premiereDate", date, sent, 0.85)
            if not word.endswith("s"):
                # "“Salt Road” and “Glass Tower” premiere June 5": every work of the subject list
                for other in _subject_list(ctx, sent, v):
                    ctx.fact(other, "premiereDate", date, sent, 0.8)
        more = []
        if date is not None and dend is not None:
            dend = _more_dated(ctx, sent, dend, ref, more)
        for w in [wk] + more:
            announcer(ctx, sent, k, w)  # the company whose verb it is shows each work it dates
        done = max(dpos, m.end(), dend or 0)
