"""Reading announcements: bytes on disk -> normalised text with a map back to the file.

The extractor reads ``Document.text``: Unicode-normalised (NFKC, curly apostrophes made
straight, invisible characters dropped) and, for HTML and Markdown, the visible text
only. Every character of it remembers which characters of ``Document.original`` (the
decoded file) it came from, so that a span found in the text can be reported as a span
of the file (:meth:`Document.to_original`).

>>> doc = document_from_text("Caf\\u0065\\u0301 Meridian premieres today.")
>>> doc.text[:4], doc.to_original(0, 4)
('Café', (0, 5))
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..errors import ExtractError

#: Announcements larger than this are refused unread.
MAX_BYTES = 20 * 1024 * 1024

#: One-to-one character replacements applied after NFKC (offsets do not move).
_TRANSLATE = str.maketrans({
    "\u2019": "'",   # right single quote / apostrophe
    "\u02bc": "'",
    "\u2032": "'",
    "\u2010": "-",   # hyphen
    "\u2011": "-",   # non-breaking hyphen
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\t": " ",
    "\r": "\n",
})
#: Characters dropped altogether (soft hyphen, zero-width marks, BOM).
_DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
#: A left single quote typed for an apostrophe ("Halloran\u2018s", "The Willow Letters\u2018 Jane
#: Roe"): made straight too (a quote that opens a title never follows a letter).
_LEFT_QUOTE_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u2018(?=s\b|\s)")


def _translate(text):
    """The one-to-one replacements of :data:`_TRANSLATE`, apostrophes typed as quotes too."""
    text = text.translate(_TRANSLATE)
    return _LEFT_QUOTE_APOSTROPHE.sub("'", text) if "\u2018" in text else text


@dataclass
class Document:
    """An announcement's text, ready for extraction.

    Attributes:
        text: normalised visible text.
        original: the file's decoded text (what spans of facts point into).
        starts, ends: for each character of ``text``, the span of ``original`` it came
            from; ``None`` when the two texts are identical character for character.
        format: ``"txt"``, ``"md"`` or ``"html"``.
        meta: what the markup says about the text, e.g. ``{"date": "2022-04-06",
            "title": "..."}``.
        emphasis: spans of ``text`` set in italics or quoted as titles by the markup
            (``<em>``, ``<i>``, ``<cite>``, ``*x*``, ``_x_``).
        path: the file, when read from one.
    """

    text: str
    original: str
    starts: list | None = None
    ends: list | None = None
    format: str = "txt"
    meta: dict = field(default_factory=dict)
    emphasis: list = field(default_factory=list)
    path: Path | None = None
    list_items: list = field(default_factory=list)
    #: offsets in ``text`` of the spaces put back after glued words (:func:`_unglued`)
    inserted: list = field(default_factory=list)

    def published(self, start, end):
        """``text[start:end]`` as the file has it: without the spaces put back after glued words
        (the evidence of a fact quotes the file)."""
        if not self.inserted:
            return self.text[start:end]
        out, a = [], start
        for p in self.inserted[bisect_left(self.inserted, start):]:
            if p >= end:
                break
            out.append(self.text[a:p])
            a = p + 1
        out.append(self.text[a:end])
        return "".join(out)

    def to_original(self, start, end):
        """Map a span of ``text`` (end exclusive) to the span of ``original`` it came from."""
        if self.starts is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


# --- decoding ----------------------------------------------------------------


def decode_bytes(raw, name="<bytes>"):
    """Decode a file's bytes as UTF-8 (or UTF-16/UTF-8 with a BOM).

    Raises:
        ExtractError: for empty, binary or undecodable input, naming ``name``.
    """
    if not raw:
        raise ExtractError(f"{name}: empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ExtractError(f"{name}: not valid UTF-16 despite its byte-order mark") from None
    if raw.startswith(b"\x89PNG") or raw.startswith((b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04")) or b"\x00" in raw[:8192]:
        raise ExtractError(f"{name}: binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ExtractError(f"{name}:{line}: not valid UTF-8 (byte {e.start})") from None
    sample = text[:4096]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > max(8, len(sample) // 50):
        raise ExtractError(f"{name}: binary file, not text")
    return text


def read_announcement(path):
    """Read a .txt, .md or .html announcement.

    Args:
        path: the file; the format comes from its suffix (``.html``/``.htm``,
            ``.md``/``.markdown``, anything else is plain text) or from an HTML
            doctype at its start.

    Returns:
        A :class:`Document`.

    Raises:
        ExtractError: if the file is missing, empty, binary, not UTF-8 or over 20 MB.
    """
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExtractError(f"{name}: file is {size} bytes, over the {MAX_BYTES}-byte limit")
        raw = path.read_bytes()
    except OSError as e:
        raise ExtractError(f"{name}: cannot read: {e.strerror or e}") from None
    text = decode_bytes(raw, name)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml") or re.match(r"\s*<(?:!doctype\s+html|html)\b", text[:200], re.I):
        doc = document_from_html(text)
    elif suffix in (".md", ".markdown"):
        doc = document_from_markdown(text)
    else:
        doc = document_from_text(text)
    doc.path = path
    return doc


# --- normalisation with an offset map -------------------------------------------


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_DROP_RE = re.compile("[" + "".join(sorted(_DROP)) + "]")


def _normalise(chars, starts, ends):
    """NFKC-normalise a string whose characters carry source spans, keeping the spans."""
    text = "".join(chars) if not isinstance(chars, str) else chars
    if text.isascii() and "\t" not in text and "\r" not in text:
        return text, starts, ends
    if starts is not None and "\r" not in text and unicodedata.is_normalized("NFKC", text) and not _DROP_RE.search(text):
        return _translate(text), starts, ends  # one-to-one replacements: spans stay
    out, o_starts, o_ends = [], [], []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if cluster in _DROP:
            i = j
            continue
        if not cluster.isascii():
            cluster = unicodedata.normalize("NFKC", cluster)
        cluster = cluster.translate(_TRANSLATE)
        if cluster == "\n" and i + 1 < n and text[i] == "\r" and text[i + 1] == "\n":
            j = i + 2
            cluster = "\n"
        s = starts[i] if starts is not None else i
        e = ends[j - 1] if ends is not None else j
        for c in cluster:
            out.append(c)
            o_starts.append(s)
            o_ends.append(e)
        i = j
    return _translate("".join(out)), o_starts, o_ends


def document_from_text(text):
    """Make a :class:`Document` from plain text (spans point into ``text`` itself)."""
    if text.isascii() and "\t" not in text and "\r" not in text:
        return _unglued(Document(text=text, original=text))
    if "\r" not in text and unicodedata.is_normalized("NFKC", text) and _DROP.isdisjoint(text):
        # One-to-one replacements only: every offset stays where it was.
        return _unglued(Document(text=_translate(text), original=text))
    return _unglued(_slow(text))


#: A function word glued to the name after it, where a scraped page lost the space before a
#: link: "executive produced byHollin Vale Entertainment", "Showrunners for the series areMarta Quillon".
_GLUED = re.compile(r"\b(?:by|are|is|was|were|and|from|with|of|for|to|starring)(?=[A-Z][a-z])")


def _unglued(doc):
    """The document with a space put back after each glued function word (see :data:`_GLUED`);
    the space maps to an empty span of the original, so spans still map back."""
    text = doc.text
    if _GLUED.search(text) is None:
        return doc
    points = [m.end() for m in _GLUED.finditer(text)]
    starts = doc.starts if doc.starts is not None else list(range(len(text)))
    ends = doc.ends if doc.ends is not None else list(range(1, len(text) + 1))
    out, o_s, o_e = [], [], []
    prev = 0
    for p in points:
        out.append(text[prev:p])
        o_s += starts[prev:p]
        o_e += ends[prev:p]
        out.append(" ")
        o_s.append(starts[p])
        o_e.append(starts[p])
        prev = p
    out.append(text[prev:])
    o_s += starts[prev:]
    o_e += ends[prev:]

    def moved(spans):
        return [(a + bisect_right(points, a), b + bisect_left(points, b)) for a, b in spans]

    doc.text = "".join(out)
    doc.starts, doc.ends = o_s, o_e
    doc.inserted = [p + k for k, p in enumerate(points)]
    doc.emphasis, doc.list_items = moved(doc.emphasis), moved(doc.list_items)
    return doc


def _slow(text):
    norm, starts, ends = _normalise(text, None, None)
    return Document(text=norm, original=text, starts=starts, ends=ends)


# --- HTML ---------------------------------------------------------------------

_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol br tr td th table article section header footer "
    "blockquote title dt dd dl hr figure figcaption main aside nav pre address form".split()
)
_SKIP = frozenset("script style noscript template head svg math iframe object".split())
#: Page furniture that states nothing about the announcement: navigation, related
#: stories, comments, captions, share bars, embedded posts (by tag, or by a class or id).
_FURNITURE_TAGS = frozenset("nav aside footer figcaption form button dialog".split())
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|related|recommended|recirc|more-stories|trending|popular|"
    r"comments?|disqus|replies|share|sharing|social|newsletter|subscribe|signup|promo|advert|ads?|sponsored|"
    r"byline|author-bio|caption|credit|embed(?:ded)?(?:-post)?|twitter-tweet|instagram-media|tiktok-embed|"
    r"sidebar|widget|cookie|consent|paywall|footer|site-header|tags|read-more|also-read)(?:$|[\s_-])",
    re.I,
)
#: Elements with no end tag: they never open furniture.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_EMPH = frozenset("em i cite".split())
_META_DATE = frozenset(
    "date pubdate publishdate publish-date publish_date article:published_time og:published_time "
    "dc.date dc.date.issued dcterms.date dcterms.created sailthru.date parsely-pub-date "
    "datepublished release_date".split()
)


class _HTMLText(HTMLParser):
    def __init__(self, source):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for m in re.finditer("\n", source):
            self.line_starts.append(m.end())
        self.chars, self.starts, self.ends = [], [], []
        self.skip = 0
        self.in_title = False
        self.title = []
        self.meta = {}
        self.emph_stack = []
        self.emphasis = []
        self.li_stack = []
        self.list_items = []
        self.open_tags = {}     # tag -> how many are open now
        self.furniture = None   # (tag, depth) of the furniture element being skipped

    def _pos(self):
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def emit(self, s, start, end):
        for c in s:
            self.chars.append(c)
            self.starts.append(start)
            self.ends.append(end)

    def separator(self):
        pos = self._pos()
        self.emit("\n\n", pos, pos)

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key in _META_DATE and "date" not in self.meta:
                m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", a.get("content", ""))
                if m:
                    self.meta["date"] = m.group(1)
            return
        if tag == "time" and "date" not in self.meta:
            m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", dict(attrs).get("datetime") or "")
            if m:
                self.meta["time"] = m.group(1)
        if tag in _SKIP:
            if tag == "head":
                return
            self.skip += 1
            return
        if tag not in _VOID:
            depth = self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
            if self.furniture is None and (tag in _FURNITURE_TAGS or any(
                    k in ("class", "id", "role") and v and _FURNITURE_ATTR.search(v) for k, v in attrs)):
                self.furniture = (tag, depth)
                self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self.separator()
        if tag in _EMPH:
            self.emph_stack.append(len(self.chars))
        if tag == "li":
            self.li_stack.append(len(self.chars))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _SKIP and tag != "head":
            self.skip -= 1

    def handle_endtag(self, tag):
        if tag in _SKIP:
            if tag != "head":
                self.skip = max(0, self.skip - 1)
            return
        if tag in self.open_tags and tag not in _VOID:
            depth = self.open_tags[tag]
            self.open_tags[tag] = max(0, depth - 1)
            if self.furniture == (tag, depth):
                self.furniture = None
                self.skip = max(0, self.skip - 1)
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.separator()
        if tag in _EMPH and self.emph_stack:
            start = self.emph_stack.pop()
            self.emphasis.append((start, len(self.chars)))
        if tag == "li" and self.li_stack:
            self.list_items.append((self.li_stack.pop(), len(self.chars)))

    def _text(self, s, start, end):
        if self.in_title:
            self.title.append(s)
            return
        if self.skip:
            return
        if end - start == len(s):
            for k, c in enumerate(s):
                self.chars.append(c)
                self.starts.append(start + k)
                self.ends.append(start + k + 1)
        else:
            self.emit(s, start, end)

    def handle_data(self, data):
        start = self._pos()
        self._text(data, start, start + len(data))

    def _ref(self, raw_re):
        start = self._pos()
        m = raw_re.match(self.source, start)
        end = m.end() if m else start + 1
        self._text(html.unescape(self.source[start:end]), start, end)

    def handle_entityref(self, name):
        self._ref(re.compile(r"&[A-Za-z][-.A-Za-z0-9]*;?"))

    def handle_charref(self, name):
        self._ref(re.compile(r"&#[xX]?[0-9A-Fa-f]+;?"))


def _collapse(chars, starts, ends, emphasis):
    """Collapse HTML whitespace: runs become one space, block breaks one blank line."""
    out, o_s, o_e = [], [], []
    remap = [0] * (len(chars) + 1)
    pending = None  # None, " " or "\n\n"
    pend_pos = 0
    for i, c in enumerate(chars):
        remap[i] = len(out) if pending is None or not out else len(out) + (2 if pending == "\n\n" else 1)
        if c == "\n" and starts[i] == ends[i]:
            pending, pend_pos = "\n\n", starts[i]
            continue
        if c.isspace():
            if pending is None:
                pending, pend_pos = " ", starts[i]
            continue
        if pending is not None and out:
            for p in pending:
                out.append(p)
                o_s.append(pend_pos)
                o_e.append(pend_pos + (1 if pending == " " else 0))
        pending = None
        out.append(c)
        o_s.append(starts[i])
        o_e.append(ends[i])
    remap[len(chars)] = len(out)
    emph = []
    for k, (a, b) in enumerate(emphasis):
        a2, b2 = min(remap[a], len(out)), min(remap[b], len(out))
        while a2 < b2 and out[a2].isspace():
            a2 += 1
        while b2 > a2 and out[b2 - 1].isspace():
            b2 -= 1
        if b2 > a2:
            emph.append(((a2, b2), k))
    return out, o_s, o_e, sorted(emph)


def document_from_html(source):
    """Make a :class:`Document` from HTML: visible text only, entities decoded.

    Scripts, styles and the ``<head>`` are dropped; the title and a date from a
    ``<meta>`` tag go to ``meta``.
    """
    p = _HTMLText(source)
    try:
        p.feed(source)
        p.close()
    except Exception as e:  # html.parser is lenient; this is a last resort
        raise ExtractError(f"cannot parse HTML: {e}") from None
    spans = p.emphasis + p.list_items
    chars, starts, ends, mapped = _collapse(p.chars, p.starts, p.ends, spans)
    emph = [e for e, k in mapped if k < len(p.emphasis)]
    items = [e for e, k in mapped if k >= len(p.emphasis)]
    text, starts, ends = _normalise(chars, starts, ends)
    if len(text) != len(chars):  # normalisation moved characters: keep no emphasis
        emph = [e for e in emph if e[1] <= len(text)]
        items = []
    meta = dict(p.meta)
    if "date" not in meta and "time" in meta:
        meta["date"] = meta["time"]
    meta.pop("time", None)
    title = " ".join("".join(p.title).split())
    if title:
        meta["title"] = html.unescape(title)
    return _unglued(Document(text=text, original=source, starts=starts, ends=ends, format="html", meta=meta,
                             emphasis=emph, list_items=items))


def visible_text(fragment):
    """The normalised visible text of an HTML fragment (used to check evidence spans)."""
    return " ".join(document_from_html(fragment).text.split())


# --- Markdown -----------------------------------------------------------------

_MD_LINE = re.compile(r"[ ]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")


def document_from_markdown(source):
    """Make a :class:`Document` from Markdown: markup dropped, emphasis remembered."""
    chars, starts, ends, emph, items = [], [], [], [], []

    def put(i, j):
        for k in range(i, j):
            chars.append(source[k])
            starts.append(k)
            ends.append(k + 1)

    pos = 0
    n = len(source)
    while pos < n:
        eol = source.find("\n", pos)
        eol = n if eol < 0 else eol
        m = _MD_LINE.match(source, pos, eol)
        i = m.end() if m else pos
        item_start = len(chars) if m and source[m.end() - 1] in " \t" and source[pos:m.end()].strip()[:1] in "-*+0123456789" else None
        if re.fullmatch(r"\s*(?:[-*_]\s*){3,}", source[pos:eol]):
            i = eol  # horizontal rule
        line_end = eol
        # strip trailing "#" of ATX headings
        while i < line_end:
            c = source[i]
            if c == "\\" and i + 1 < line_end and source[i + 1] in "\\`*_{}[]()#+-.!":
                put(i + 1, i + 2)
                i += 2
                continue
            if c == "[" or (c == "!" and source.startswith("[", i + 1)):
                lm = _MD_LINK.match(source, i, line_end)
                if lm:
                    if c == "[":
                        put(lm.start(1), lm.end(1))
                    i = lm.end()
                    continue
            if c in "*_`":
                run = 1
                while i + run < line_end and source[i + run] == c and run < 3:
                    run += 1
                marker = c * run
                prev = source[i - 1] if i > pos else " "
                if c == "_" and prev.isalnum():
                    put(i, i + run)
                    i += run
                    continue
                close = source.find(marker, i + run, min(line_end, i + run + 400))
                if close > i + run and not source[i + run].isspace():
                    start_out = len(chars)
                    inner_start = i + run
                    # recurse shallowly: inner text is copied as is, minus nested markers
                    for k in range(inner_start, close):
                        if source[k] not in "*_`" or c == "`":
                            put(k, k + 1)
                    if run == 1 and c != "`":
                        emph.append((start_out, len(chars)))
                    i = close + run
                    continue
                put(i, i + run)
                i += run
                continue
            put(i, i + 1)
            i += 1
        if item_start is not None and len(chars) > item_start:
            items.append((item_start, len(chars)))
        if eol < n:
            put(eol, eol + 1)
        pos = eol + 1
    text, starts2, ends2 = _normalise(chars, starts, ends)
    if len(text) != len(chars):
        emph, items = [], []
    return _unglued(Document(text=text, original=source, starts=starts2, ends=ends2, format="md", emphasis=emph,
                             list_items=items))


# --- dates in metadata -------------------------------------------------------------


def iso_date(s):
    """Parse ``YYYY-MM-DD`` or return None."""
    try:
        return dt.date.fromisoformat(s)
    except (TypeError, ValueError):
        return None
