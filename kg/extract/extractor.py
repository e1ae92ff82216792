"""Text -> facts file: the order the rules run in, and the public API.

The extractor is rule based: a sentence splitter and tokenizer of its own
(:mod:`kg.extract.grammar`), then rules that read the grammar of press releases
("X as Y", "executive produced by A, B and C", "renewed for a second season",
"based on <author>'s novel <Title>", "<Name>, <job title> at <Org>"). It runs in three
steps:

1. :func:`kg.extract.rules.works.find_works` collects the work titles of the document,
   so that later rules can tell a title from a person or a company;
2. each rule of :data:`SENTENCE_RULES` reads every sentence and adds *mentions* and raw
   facts (one module of :mod:`kg.extract.rules` per family of relations), then
   :func:`kg.extract.rules.document.postpass` runs the rules that need the whole text;
3. :func:`kg.extract.resolve.resolve` merges mentions into entities, chooses the main work
   and checks the facts against the vocabulary.

>>> ff = extract_text("date 2025-10-06 Vistaplay has renewed Harrowgate for a second season.", doc_id="demo")
>>> sorted(f"{f.s} {f.p} {f.o}" for f in ff.facts)[:2]
['harrowgate distributor vistaplay', 'harrowgate hasSeason harrowgate-s2']
"""

from __future__ import annotations

import re
from pathlib import Path

from . import dates as _dates
from ..errors import ExtractError
from ..names import ident, without_unsafe
from .reader import document_from_text, iso_date, read_announcement
from .context import Context, sentences
from .resolve import resolve
from .rules.books import rule_books, rule_created_by
from .rules.cast import rule_cast
from .rules.credits import rule_credits, rule_roles
from .rules.document import postpass
from .rules.franchises import rule_franchise_spinoff
from .rules.labels import label_owned, label_page_title, rule_label_lines
from .rules.organisations import (rule_companies, rule_distribution, rule_employer, rule_possessive_title_appositive,
                                  rule_renewer, rule_title_before_name)
from .rules.premieres import rule_premiere
from .rules.seasons import rule_season
from .rules.anchor import document_anchor
from .rules.works import find_works, locate_works, work_mention


#: The sentence rules, in order: later rules see the mentions of earlier ones (the
#: credits rule knows the characters the cast rule found, the employer rule the people).
SENTENCE_RULES = (
    rule_cast,
    rule_credits,
    rule_roles,
    rule_franchise_spinoff,
    rule_season,
    rule_premiere,
    rule_distribution,
    rule_books,
    rule_created_by,
    rule_employer,
    rule_title_before_name,
    rule_possessive_title_appositive,
    rule_companies,
    rule_renewer,
)


def _extract(doc, doc_id, source, published):
    text = doc.text
    lead_date, skip = _dates.leading_date(text)
    if published is None:
        published = _dates.announcement_date(text, iso_date(doc.meta.get("date")))
    ctx = Context(text, published, skip, doc.emphasis)
    ctx.list_items = doc.list_items
    film = len(re.findall(r"\b(?:film|movie|theaters|theatres|theatrical|box office|motion picture|feature film)\b", text, re.I))
    series = len(re.findall(r"\b(?:series|season|episodes?|showrunners?|docuseries|miniseries|pilots?|one-hour|half-hour|"
                            r"hour-long|sitcom|renew(?:s|ed|al)?)\b", text, re.I))
    ctx.work_kind = "Film" if film > series else "Series"
    ctx.sents = sentences(ctx, text)
    find_works(ctx)
    label_page_title(ctx)
    document_anchor(ctx)
    for sent in ctx.sents:
        sent._works = None
    # pass 2: relations, sentence by sentence
    owned = label_owned(ctx)
    for sent in ctx.sents:
        if owned and sent.start in owned:
            continue  # a "Label: value" line or a bullet under "Cast:": the label reader's
        for rule in SENTENCE_RULES:
            rule(ctx, sent)
    postpass(ctx)
    rule_label_lines(ctx)
    # mentions of the main work by name weigh more
    for sent in ctx.sents:
        for i, j, f in locate_works(ctx, sent):
            work_mention(ctx, sent, i, j, f).weight = 0.2
    title = doc.meta.get("title")
    if not title:
        first = text[skip:].strip().split("\n", 1)[0].strip()
        title = first if first and len(first) <= 200 and not first.endswith(".") else None
    def sentence_text(sent):
        if sent is None:
            return None
        text = " ".join(doc.published(sent.start, sent.end).split())
        # A run-on "sentence" (a scraped list, a page with no full stops) would be
        # repeated whole in every fact it yields; the span still covers all of it.
        return text if len(text) <= MAX_EVIDENCE_CHARS else text[:MAX_EVIDENCE_CHARS].rstrip() + " …"
    def to_orig(a, b):
        return doc.to_original(a, b)
    ff = resolve(ctx, doc_id, source, published, title, to_orig, sentence_text)
    # facts derived from the whole document carry no sentence: give them their first support
    ff.facts = [f for f in ff.facts if f.span is not None]
    return _printable_names(ff)


def _printable_names(ff):
    """Control and bidi control characters out of names and strings: what extract writes, validation accepts."""
    ff.announcement.title = ff.announcement.title and (without_unsafe(ff.announcement.title) or None)
    for e in ff.entities.values():
        e.name = without_unsafe(e.name)
        e.aliases = [a for a in dict.fromkeys(without_unsafe(a) for a in e.aliases) if a and a != e.name]
    for f in ff.facts:
        if isinstance(f.o, str) and f.p == "jobTitle":
            f.o = without_unsafe(f.o)
    return ff


#: Evidence longer than this is cut (with an ellipsis); the span keeps the whole sentence.
MAX_EVIDENCE_CHARS = 1000


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
    return ident(name)


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


def facts_path_for(path, out_dir):
    """Where `extract_to` writes the facts of the announcement file ``path``."""
    return Path(out_dir) / f"{doc_id_for(path)}.facts.yaml"


def extract_to(path, out_dir):
    """Extract an announcement file into ``out_dir/<id>.facts.yaml``; return (that path, the FactsFile).

    The facts file's ``source:`` names the text relative to the facts file itself
    (`kg.facts.source_for`), so building the texts and the (reviewed) facts files
    together lets the facts files win. The file is written atomically.

    Raises:
        ExtractError: for unreadable input, as `extract_file`.
        KGError: when the facts file cannot be written.
    """
    from ..facts import save_facts, source_for

    ff = extract_file(path)
    target = facts_path_for(path, out_dir)
    ff.announcement.source = source_for(path, target)
    save_facts(ff, target)
    return target, ff
