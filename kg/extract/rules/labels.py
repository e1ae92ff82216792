"""Press-site title pages: "Label: value" lines ("Created By: A and B", "Available on: X").

Streamer and studio press sites give a work's facts as a page of labelled lines rather than
sentences: the title on a line of its own, then "Series Premiere: <date>", "Available on:
<Net>", "Created By: A and B", "Executive Producers: A, B, C", a "Cast:" label over bullets
"- Actor (Role)". The labels are a closed vocabulary; :data:`LABELS` maps each to the
relation its value takes. The page's title is the short line standing alone before the
first labelled line.
"""

from __future__ import annotations

import re

from .. import dates as _dates
from ..grammar import Sentence, is_cap
from ...names import fold
from ..context import SeasonRef
from ..firstnames import is_given_name
from .people import people_list, role_slot
from .works import add_work, section_work

#: Label (folded, without its colon) -> relation of the work to the label's value.
LABELS = {
    "created by": "creator", "creator": "creator", "creators": "creator",
    "developed by": "creator",
    "showrunner": "showrunner", "showrunners": "showrunner",
    "executive producer": "executiveProducer", "executive producers": "executiveProducer",
    "executive produced by": "executiveProducer",
    "co-executive producer": "coExecutiveProducer", "co-executive producers": "coExecutiveProducer",
    "director": "director", "directors": "director", "directed by": "director",
    "writer": "writer", "writers": "writer", "written by": "writer",
    "starring": "castMember", "cast": "castMember", "stars": "castMember",
    "production company": "productionCompany", "production companies": "productionCompany", "studio": "productionCompany",
    "studios": "productionCompany",
    "available on": "distributor", "network": "distributor", "platform": "distributor", "streaming on": "distributor",
    "where to watch": "distributor", "watch on": "distributor",
    "premiere": "premiereDate", "premiere date": "premiereDate", "series premiere": "premiereDate",
    "season premiere": "premiereDate", "release date": "premiereDate", "premieres": "premiereDate",
}
#: Relations whose value is a company, not a person.
_COMPANY_VALUES = frozenset(("productionCompany", "distributor"))
_LABEL_LINE = re.compile(r"[ \t]*(?:[-*•][ \t]+)?(?P<label>[A-Z][A-Za-z -]{1,30}?)[ \t]*:[ \t]*(?P<value>[^\n]*)")
_BULLET = re.compile(r"[ \t]*[-*•][ \t]+")


def _lines(text):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def label_lines(ctx):
    """The labelled lines of the text: (label relation, line start, value start, line end)."""
    found = ctx.__dict__.get("_label_lines")
    if found is not None:
        return found
    found = []
    for a, b, line in _lines(ctx.text):
        m = _LABEL_LINE.fullmatch(line)
        if m is None:
            continue
        rel = LABELS.get(fold(m.group("label")))
        if rel is not None:
            found.append((rel, a, a + m.start("value"), b))
    # a page of labels names several credits; a lone "Network:" in prose is no page
    if len({rel for rel, *_ in found if rel not in _COMPANY_VALUES and rel != "premiereDate"}) < 2:
        found = []
    ctx._label_lines = found
    return found


#: A heading over a cast list: "Cast", "Cast & Characters:", "Meet the cast", "Voice cast".
_CAST_HEADING = re.compile(r"[ \t]*(?:(?:the|main|voice|series|full)[ \t]+)?(?:cast(?:[ \t]*(?:&|and)[ \t]*characters?)?|"
                           r"characters?[ \t]*(?:&|and)[ \t]*cast|meet[ \t]+the[ \t]+cast|who(?:['’]s|[ \t]+is)[ \t]+in[ \t]+the[ \t]+cast\??)[ \t]*:?[ \t]*",
                           re.I)


def cast_headings(ctx):
    """End offsets of the lines that head a list of cast bullets outside a page of labels
    ("Cast & Characters" over "• Actor (Credit) as Role" lines)."""
    found = ctx.__dict__.get("_cast_headings")
    if found is None:
        labelled = {a for _, a, _, _ in label_lines(ctx)}
        found = [b for a, b, line in _lines(ctx.text)
                 if a not in labelled and _CAST_HEADING.fullmatch(line) and _bullets(ctx.text, b)]
        ctx._cast_headings = found
    return found


#: A schedule's item: "9 p.m.: Harrow — Season 20 premiere", "8/7c: Tide Pools (series premiere)",
#: "Salt Road — Series premiere"; the date is the line above it that is only a date.
_SCHEDULE_ITEM = re.compile(
    r"[ \t]*(?:[-*•][ \t]+)?(?:\d{1,2}(?::\d\d)?[ \t]*(?:[ap]\.?m\.?)?(?:[ \t]*(?:ET|PT|ET/PT|CT))?(?:/\d{1,2}c)?[ \t]*[:–—-][ \t]+)?"
    r"(?P<title>[^\n—–]{2,80}?)[ \t]*(?:[—–-]+[ \t]*|\([ \t]*)"
    r"(?:(?:Season|Series)[ \t]+(?P<n>\d{1,3})[ \t]+|(?P<new>[Ss]eries|[Ss]eason)[ \t]+)(?P<what>premiere|debut|return|finale)s?\)?[ \t]*",
    re.I)


#: What may open a date line before its date: a weekday ("Saturday, Sept. 17").
_WEEKDAY = re.compile(r"[ \t]*(?:[-*•#][ \t]+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]*)?")


#: How a schedule item's line ends: "Season 20 premiere", "(series premiere)", "Series finale".
_ITEM_END = re.compile(r"(?:Season|Series|season|series)[ \t]+(?:\d{1,3}[ \t]+)?(?:premiere|debut|return|finale)s?\)?[ \t]*$", re.M | re.I)


def schedule_items(ctx):
    """The items of a premiere schedule (two or more under date lines): (title start, title
    end, season number or None, whether the line states a premiere, line start, line end, date)."""
    found = ctx.__dict__.get("_schedule")
    if found is not None:
        return found
    found = []
    day = None
    if len(_ITEM_END.findall(ctx.text)) < 2:
        ctx._schedule = found
        return found  # (a quick look: no two lines end like a schedule's items)
    for a, b, line in _lines(ctx.text):
        if not line.strip():
            continue
        ds = _dates.find_dates(ctx.text, ctx.published, a, b)
        if ds and _WEEKDAY.fullmatch(ctx.text, a, ds[0][0]) and re.fullmatch(r"[ \t:]*", ctx.text[ds[0][1]:b]):
            day = ds[0][2]  # "Saturday, Sept. 17": a date line
            continue
        m = _SCHEDULE_ITEM.fullmatch(line)
        if m is None or day is None:
            continue
        what = m.group("what").lower()
        found.append((a + m.start("title"), a + m.end("title"), int(m.group("n")) if m.group("n") else None,
                      what != "finale", a, b, day))
    if len(found) < 2:
        found = []
    ctx._schedule = found
    return found


#: Whose schedule a text gives: "the CBS 2022 fall TV schedule", "CBS's 2022 fall TV premiere dates".
_SCHEDULE_OF = re.compile(r"\b(?P<org>[A-Z][\w+&!.-]*(?: [A-Z][\w+&!.-]*){0,2}?)(?:'s|’s)?\s+(?:\d{4}(?:[-–]\d{2,4})?\s+)?"
                          r"(?:(?:fall|spring|summer|winter|autumn|midseason|new)\s+)?(?:TV\s+|television\s+)?"
                          r"(?:premiere\s+dates|schedule|line-?up|(?:drama|comedy)\s+line-?up)\b")


def _schedule_owner(ctx):
    """The one company whose schedule the text names, as (name, offset), or None."""
    owners = {}
    for m in _SCHEDULE_OF.finditer(ctx.text):
        org = m.group("org")
        if org.split()[0] in ("The", "This", "Its", "Our", "Full", "Complete", "See", "Fall", "TV") or ctx.looks_person(org) \
                or not (fold(org) in ctx.org_keys or ctx.looks_org(org) or org.isupper() or org.endswith("+")
                        or len(re.findall(r"\b%s\b" % re.escape(org), ctx.text)) >= 2):
            continue
        owners.setdefault(fold(org), (org, m.start("org")))
    return next(iter(owners.values())) if len(owners) == 1 else None


#: A casting item on a line of its own: "Calla Skogman: Matthias, “a witch hunter ...”", "Kim Ode:
#: The Apparat – a royal advisor": the actor, a colon, the character and a description.
_CAST_COLON_LINE = re.compile(
    r"[ \t]*(?:[-*•][ \t]+)?(?P<actor>[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3})(?:[ \t]*:|[ \t]+(?P<aka>aka|a\.k\.a\.?|AKA)\b)[ \t]*"
    r"(?P<actor_said>(?:This|The)[ \t]+(?:actor|actress|star|performer)[ \t]+(?:is[ \t]+playing|plays|will[ \t]+play|portrays|is[ \t]+portraying)[ \t]+)?"
    r"(?P<role>(?:The[ \t]+)?[A-Z][\w'’.-]+(?:[ \t]+(?:[A-Z][\w'’.-]+|of|the|de|van|von)){0,4})"
    r"[ \t]*(?:[,–—(:]|\.(?:[ \t]|$)|-[ \t]|$|[ \t]+(?:is|was|who)\b)")


def cast_colon_lines(ctx):
    """The "Actor: Character, description" (or "Actor aka Character is ...", "Actor: This actress
    is playing Character, ...") lines of a text that has two or more of them, as
    (line start, line end, actor start, actor end, role start, role end)."""
    found = ctx.__dict__.get("_cast_colon")
    if found is not None:
        return found
    found = []
    if ctx.text.count(":") + ctx.text.count(" aka ") + ctx.text.count(" a.k.a") >= 2:
        for a, b, line in _lines(ctx.text):
            # a line, or what follows a quotation closing on it (a caption repeated before the item)
            for start in [0] + [q.end() for q in re.finditer(r"[.”\"][ \t]+(?=[A-Z])", line)]:
                m = _CAST_COLON_LINE.match(line, start)
                if m is None or fold(m.group("actor")) in LABELS \
                        or not (is_given_name(m.group("actor").split()[0]) or m.group("actor_said") or m.group("aka")) \
                        or fold(m.group("role")) in LABELS:
                    continue
                found.append((a, b, a + m.start("actor"), a + m.end("actor"), a + m.start("role"), a + m.end("role")))
                break
    if len(found) < 2:
        found = []
    ctx._cast_colon = found
    return found


def label_owned(ctx):
    """Offsets of the lines the label reader owns (labelled lines and the cast bullets under
    a "Cast:" label or a cast heading): the sentence rules leave them alone, since they read
    them otherwise."""
    owned = set()
    for rel, a, v, b in label_lines(ctx):
        owned.add(a)
        if rel == "castMember" and v >= b:
            owned.update(_bullet_starts(ctx.text, b))
    for b in cast_headings(ctx):
        owned.update(_bullet_starts(ctx.text, b))
    owned.update(a + len(ctx.text[a:b]) - len(ctx.text[a:b].lstrip()) for _, _, _, _, a, b, _ in schedule_items(ctx))
    owned.update(a + len(ctx.text[a:b]) - len(ctx.text[a:b].lstrip()) for a, b, *_ in cast_colon_lines(ctx))
    return owned


def _bullet_starts(text, pos):
    """Where the sentences of the bullet lines after ``pos`` start (an indented bullet's
    sentence starts at its bullet mark)."""
    return {a + len(text[a:b]) - len(text[a:b].lstrip()) for a, b in _bullets(text, pos)}


def _bullets(text, pos):
    """(start, end) of the bullet lines after offset ``pos``, up to the first line that is none."""
    out = []
    for a, b, line in _lines(text[pos + 1:]):
        if _BULLET.match(line) is None:
            if line.strip():
                break
            continue
        out.append((a + pos + 1, b + pos + 1))
    return out


def label_page_title(ctx):
    """On a page of labelled lines, the title: the last short capitalised line standing alone
    before the first label (not a site header with "|", not a label)."""
    found = label_lines(ctx)
    if not found:
        return None
    first = found[0][1]
    title = None
    for _, _, line in _lines(ctx.text[:first]):
        s = line.strip()
        words = s.split()
        if not s or "|" in s or ":" in s or not (1 <= len(words) <= 7) or not is_cap(words[0]) or s.isupper() \
                or fold(s) in LABELS:
            continue  # a "Cast" heading over bullets names the label, not the work
        if any(c.isdigit() for c in s) and not re.search(r"[A-Za-z]{3}", s):
            continue
        if sum(1 for w in words if is_cap(w) or w.lower() in ("of", "the", "and", "a", "in", "on")) < len(words):
            continue
        title = s
    if title:
        add_work(ctx, title, None, 6.0)
    return title


def rule_label_lines(ctx):
    """Facts of the labelled lines: the work's credits, companies, date and cast."""
    found = label_lines(ctx)
    for rel, a, v, b in found:
        sent = Sentence(ctx.text, a, b)
        sent.emph = {}
        work = section_work(ctx, sent)
        if rel == "premiereDate":
            for _, _, d in _dates.find_dates(ctx.text, ctx.published, v, b):
                if d is not None:
                    ctx.fact(work, "premiereDate", d, sent, 0.8)
                    break
            continue
        i = sent.tok_at(v)
        if rel == "castMember" and v >= b:
            _cast_bullets(ctx, work, b)
            continue
        if rel not in _COMPANY_VALUES:
            # "Executive producers: A; B and C for Saltbox Pictures": a credits list, companies included
            items, _ = people_list(ctx, sent, i, False)
            for n, _, org in items:
                if isinstance(n, str) or len(n.text.split()) < 2 or ctx.looks_org(n.text):
                    continue
                pm = ctx.person(n)
                ctx.fact(work, rel, pm, sent, 0.8)
                if org is not None:
                    om = ctx.mention(org, "Organization", org.start)
                    ctx.fact(pm, "employer", om, sent, 0.8)
                    ctx.fact(work, "productionCompany", om, sent, 0.8)
            continue
        names, _ = sent.names_list_at(i, "org")
        for n in names:
            ctx.fact(work, rel, ctx.mention(n, "Organization", n.start), sent, 0.8)
    for b in cast_headings(ctx):
        heading = Sentence(ctx.text, ctx.text.rfind("\n", 0, b) + 1, b)
        heading.emph = {}
        _cast_bullets(ctx, section_work(ctx, heading), b)
    for a, b, pa, pb, ra, rb in cast_colon_lines(ctx):
        sent = Sentence(ctx.text, a, b)
        sent.emph = {}
        work = section_work(ctx, sent)
        ctx.performance(work, ctx.mention(ctx.text[pa:pb], "Person", pa), ctx.mention(ctx.text[ra:rb], "Character", ra), sent, 0.75)
    items = schedule_items(ctx)
    owner = _schedule_owner(ctx) if items else None
    for ta, tb, n, premiere, a, b, day in items:
        sent = Sentence(ctx.text, a, b)
        sent.emph = {}
        title = ctx.text[ta:tb].strip(" *_“”\"")
        work = ctx.mention(title, "Work", ta)
        add_work(ctx, title, "Series")
        if owner is not None:
            ctx.fact(work, "distributor", ctx.mention(owner[0], "Organization", owner[1]), sent, 0.7)
        if n is not None:
            season = SeasonRef(work, n)
            ctx.fact(work, "hasSeason", season, sent, 0.8)
            ctx.fact(season, "seasonNumber", n, sent, 0.8)
            if premiere:
                ctx.fact(season, "premiereDate", day, sent, 0.75)
        elif premiere:
            ctx.fact(work, "premiereDate", day, sent, 0.75)


def _cast_bullets(ctx, work, pos):
    """Bullets "- Actor (Role)" or "• Actor (Earlier Credit) as Role" under a "Cast:" label or a
    cast heading, up to the first line that is no bullet."""
    for a, b in _bullets(ctx.text, pos):
        m = _BULLET.match(ctx.text, a, b)
        sent = Sentence(ctx.text, a, b)
        sent.emph = {}
        i = sent.tok_at(m.end())
        actor = sent.name_at(i, "name")
        if actor is None or len(actor.text.split()) < 2:
            continue
        pm = ctx.person(actor)
        ctx.fact(work, "castMember", pm, sent, 0.8)
        k = actor.j
        role = None
        if sent.t(k) == "(":
            close = next((x for x in range(k + 1, min(len(sent.toks), k + 20)) if sent.t(x) == ")"), None)
            if close is not None and sent.t(close + 1) == "as":
                k = close + 1  # "Actor (Earlier Credit) as Role": the parenthesis is a credit
            else:
                role = sent.name_at(k + 1, "char")
                role = role if role is not None and sent.t(role.j) == ")" else None
        if sent.t(k) == "as":
            role = role_slot(ctx, sent, k + 1)  # "Actor as the Professor"
        if role is not None:
            cm = ctx.character(sent, role)
            ctx.fact(pm, "portrays", cm, sent, 0.8)
            ctx.fact(work, "hasCharacter", cm, sent, 0.8)
