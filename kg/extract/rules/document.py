"""Rules that need the whole document: they run after every sentence has been read.
"""

from __future__ import annotations

import re

from ..grammar import is_cap
from ...names import fold
from ..context import M
from .works import work_ref


def _character_keys(ctx):
    """Characters known anywhere, by the folds of their names and of their first names."""
    char_keys = {}
    for m in ctx.mentions:
        if m.type == "Character":
            for s in [m.name] + list(m.aliases):
                f = fold(s)
                char_keys.setdefault(f, m)
                w = f.split()
                if len(w) > 1:
                    char_keys.setdefault(w[0], m)
    return char_keys


def postpass(ctx):
    """Rules that need the whole document: possessive portrayals, "in which", authorless novels."""
    char_keys = _character_keys(ctx)
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
        work = work_ref(ctx, sent, 0, a.i)
        pm = ctx.person(a)
        cm = ctx.character(sent, b)
        ctx.fact(work, "castMember", pm, sent, 0.7)
        ctx.fact(pm, "portrays", cm, sent, 0.7)
        ctx.fact(work, "hasCharacter", cm, sent, 0.7)
    char_keys = _character_keys(ctx)  # the possessive portrayals above add characters
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
