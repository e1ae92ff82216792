"""Franchises and spinoffs: partOfFranchise and spinoffOf.
"""

from __future__ import annotations

import re

from ..grammar import is_cap
from ...names import fold
from ..context import MAIN
from .works import WORK_NOUN_RE, _in_parentheses, franchise_members, locate_works, title_after, work_mention


def rule_franchise_spinoff(ctx, sent):
    text = ctx.text
    toks = sent.toks
    for k, tok in enumerate(toks):
        low = tok.text.lower()
        if low in ("universe", "franchise", "multiverse", "saga", "cinematic") and k > 0 and is_cap(sent.t(k - 1)):
            if low == "cinematic" and sent.t(k + 1).lower() != "universe":
                continue
            name = sent.name_before(k, "title")
            if name is None or name.possessive or _in_parentheses(sent, name.i):
                continue  # "Teri Polo (the Meet the Parents franchise)": an earlier credit
            words = name.text.split()
            if words[0] in ("The",):
                words = words[1:]
            if not words:
                continue
            if low == "saga" and not re.search(r"\b(?:the)\s*$", text[max(sent.start, name.start - 5):name.start]):
                continue
            core = " ".join(words)
            noun = "cinematic universe" if low == "cinematic" else low
            fr = ctx.mention(f"{core} {noun}", "Franchise", name.start,
                             aliases=[f"{core} franchise", f"{core} universe"])
            works = [w for w in locate_works(ctx, sent) if not (w[0] >= name.i and w[1] <= k)]
            if works:
                wk = work_mention(ctx, sent, *works[-1]) if not sent.headline else MAIN
                if sent.headline:
                    wk = work_mention(ctx, sent, *works[0])
            else:
                wk = MAIN
            listed = re.match(r"\s+(?:also\s+|now\s+)?(?:includes|spans|comprises|encompasses)\s+(?:the\s+series\s+)?", text[toks[k].end:sent.end])
            if listed:
                spans = franchise_members(sent, sent.tok_at(toks[k].end + listed.end()))
                located = {(i, j) for i, j, _ in locate_works(ctx, sent)}
                spans = [sp for sp in spans if sp in located]
                if spans:
                    for i, j in spans:
                        ctx.fact(work_mention(ctx, sent, i, j, None), "partOfFranchise", fr, sent, 0.8)
                    continue
            if re.search(r"\b(?:from|of|in|into|expand|expands|expanding|chapter|latest|entry|installment|addition|extend|extends|joins|part|set|newest|next|continue|continues|grows|universe's)\b", sent.text, re.I):
                ctx.fact(wk, "partOfFranchise", fr, sent, 0.8)
        if low in ("spinoff", "spin-off", "offshoot"):
            j = k + 1
            if sent.t(j).lower() in ("series",):
                j += 1
            if sent.t(j).lower() not in ("of", "to", "from"):
                # "the Yellowstone spinoff 1923"
                continue
            j += 1
            if sent.t(j).lower() in ("the", "its") and not is_cap(sent.t(j)):
                j += 1
                org = sent.name_at(j, "org")
                if org and WORK_NOUN_RE.match(sent.t(org.j)) and sent.t(org.j)[0].islower():
                    j = org.j + 1
                elif sent.t(j)[:1].islower():
                    while j < len(toks) and toks[j].text[:1].islower() and j < k + 8:
                        j += 1
                    org = sent.name_at(j, "org")
                    if org and WORK_NOUN_RE.match(sent.t(org.j)) and sent.t(org.j)[0].islower():
                        j = org.j + 1
            owner = sent.name_at(j, "org") if is_cap(sent.t(j)) else None
            if owner is not None and owner.possessive and not ctx.is_work(owner.text):
                # "spinoff of STARZ's global hit series "OUTLANDER"": the network's show
                j = owner.j + 1
                while j < len(toks) and j < owner.j + 7 and toks[j].text[:1].islower():
                    j += 1
                if sent.t(j) in ("“", '"', "‘"):
                    j += 1
            target = [w for w in locate_works(ctx, sent) if w[0] == j]
            if target:
                tm = work_mention(ctx, sent, *target[0])
            else:
                name = title_after(sent, j)
                if name is None:
                    continue
                tm = ctx.mention(name, "Series", name.start)
            subj = [w for w in locate_works(ctx, sent) if w[0] != j and fold(sent.span_text(w[0], w[1])) != fold(tm.name)]
            sm = work_mention(ctx, sent, *subj[0]) if subj else MAIN
            tm.type = "Series"
            ctx.fact(sm, "spinoffOf", tm, sent, 0.85)
            ctx.spinoff_targets.append(tm)
