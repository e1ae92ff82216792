"""Franchises and spinoffs: partOfFranchise and spinoffOf.
"""

from __future__ import annotations

import re

from ..grammar import is_cap
from ...names import fold
from ..context import MAIN
from .seasons import LIST_GLUE
from .anchor import reads_as_person
from .works import WORK_NOUN_RE, _in_parentheses, franchise_members, locate_works, title_after, work_mention


#: Words that compare a work to a franchise instead of placing it there.
_LIKENESS = re.compile(r"\b(?:more|less|like|unlike|vein of|spirit of|style of|tradition of|reminiscent of|mold of|mould of)\s+(?:in\s+)?the\s+$", re.I)
#: A franchise's other members after it: "the X franchise, which also includes “C”".
_ALSO_INCLUDES = re.compile(r"\s*,\s*which\s+(?:also\s+)?(?:includes|spans|counts)\s+[“\"‘']?")


def _short_titles(ctx, sent, end):
    """ "HOLLOW ORBIT and DISTANT HARBORS are integral to the COMET WATCH franchise": the works a
    sentence opens with by the part of their titles after the colon ("Comet Watch: Hollow Orbit"),
    listed before token ``end``; [] unless every name is such a part."""
    tails = {fold(e["surface"].split(":", 1)[1]): e["surface"] for e in ctx.work_titles.values() if ":" in e.get("surface", "")}
    if not tails:
        return []
    names, j = sent.names_list_at(int(sent.t(0) in ("“", '"', "‘")), "title")  # a quote may open the sentence
    if not names or j > end or any(fold(n.text) not in tails for n in names):
        return []
    return [ctx.mention(tails[fold(n.text)], "Work", n.start) for n in names]


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
                continue  # "Dana Kell (the Visit the Neighbors franchise)": an earlier credit
            words = name.text.split()
            if words[0] in ("The",):
                words = words[1:]
            if not words:
                continue
            if _LIKENESS.search(text, max(sent.start, name.start - 30), name.start):
                continue  # "a little more in the Blue Hallway universe", "in the vein of the X franchise": a likeness
            if low == "saga" and not re.search(r"\b(?:the)\s*$", text[max(sent.start, name.start - 5):name.start]):
                continue
            core = " ".join(words)
            noun = "cinematic universe" if low == "cinematic" else low
            fr = ctx.mention(f"{core} {noun}", "Franchise", name.start,
                             aliases=[f"{core} franchise", f"{core} universe"])
            works = [w for w in locate_works(ctx, sent) if not (w[0] >= name.i and w[1] <= k)]
            placed = []  # more works the sentence places in it: "A and B are set in ...", "..., which also includes C"
            if works:
                wk = work_mention(ctx, sent, *works[-1]) if not sent.headline else MAIN
                if sent.headline:
                    wk = work_mention(ctx, sent, *works[0])
                elif works[0][1] <= name.i and works[0][0] <= 1:
                    # the sentence's subject, named before the franchise: "“A,” a prequel to “B,” expands the X universe"
                    subject = [works[0]]
                    for w in works[1:]:
                        if w[1] > name.i or not all(sent.t(x) in LIST_GLUE for x in range(subject[-1][1], w[0])):
                            break
                        subject.append(w)  # "“A” and “B” are both set in the X universe"
                    wk = work_mention(ctx, sent, *subject[0])
                    placed = [work_mention(ctx, sent, *w) for w in subject[1:]]
                    also = _ALSO_INCLUDES.match(text, toks[k].end, sent.end)
                    if also:
                        placed += [work_mention(ctx, sent, *w) for w in works if toks[w[0]].start >= also.end() - 1
                                   and w[0] <= sent.tok_at(also.end()) + 1]
            else:
                wk = MAIN
                short = _short_titles(ctx, sent, name.i)
                if short:
                    wk, placed = short[0], short[1:]  # "HOLLOW ORBIT and DISTANT HARBORS are integral to the COMET WATCH franchise"
            listed = re.match(r"\s+(?:also\s+|now\s+)?(?:includes|spans|comprises|encompasses)\s+(?:the\s+series\s+)?", text[toks[k].end:sent.end])
            if listed:
                spans = franchise_members(sent, sent.tok_at(toks[k].end + listed.end()))
                located = locate_works(ctx, sent)
                # a located title inside each listed span (its quotes may be read with it)
                spans = [next((i, j) for i, j, _ in located if a <= i and j <= b) for a, b in spans
                         if any(a <= i and j <= b for i, j, _ in located)]
                for i, j, _ in located:  # "spans “A,” “B” and “C”": the titles joined to a listed one
                    if spans and i > spans[-1][1] and all(sent.t(x) in LIST_GLUE for x in range(spans[-1][1], i)):
                        spans.append((i, j))
                if spans:
                    for i, j in spans:
                        ctx.fact(work_mention(ctx, sent, i, j, None), "partOfFranchise", fr, sent, 0.8)
                    continue
            if re.search(r"\b(?:from|of|in|into|expand|expands|expanding|chapter|latest|entry|installment|addition|extend|extends|joins|part|set|newest|next|continue|continues|grows|universe's)\b", sent.text, re.I):
                ctx.fact(wk, "partOfFranchise", fr, sent, 0.8)
                for other in placed:
                    ctx.fact(other, "partOfFranchise", fr, sent, 0.8)
        if low in ("spinoff", "spin-off", "prequel", "sequel"):
            derived = next((w for w in locate_works(ctx, sent) if w[1] == k + 1 and w[0] < k and w[2].endswith(" " + low)), None)
            if derived is not None and derived[2][:-len(low) - 1] in ctx.work_titles:
                # "Joins 'Tern Bay' Prequel", "the Tern Bay prequel": the work named after its parent
                parent = ctx.work_titles[derived[2][:-len(low) - 1]]
                tm = ctx.mention(parent["surface"], "Series", sent.toks[derived[0]].start)
                ctx.fact(work_mention(ctx, sent, *derived), "spinoffOf", tm, sent, 0.8)
                ctx.spinoff_targets.append(tm)
                continue
        if low in ("spinoff", "spin-off", "offshoot", "prequel"):  # ("prequel spinoff" is spinoffOf)
            j = k + 1
            if sent.t(j).lower() in ("series",):
                j += 1
            if sent.t(j).lower() not in ("of", "to", "from"):
                # "the Redwater spinoff 1887", "the “Harbor Nine” spinoff starring ...": the work
                # named before the noun is the parent, of the title after it or the text's work
                e = k - (sent.t(k - 1) in ("”", '"', "’", "'"))
                parent = [w for w in locate_works(ctx, sent) if w[1] == e]
                after = [w for w in locate_works(ctx, sent) if w[0] == j or w[0] == j + 1 and sent.t(j) in ("“", '"', "‘")]
                named = sent.name_before(e, "title") if not parent and after and is_cap(sent.t(e - 1)) else None
                if named is not None and not named.possessive and not reads_as_person(ctx, named.text) \
                        and not ctx.looks_org(named.text) and fold(named.text) not in ctx.org_keys | ctx.person_keys:
                    parent = [(named.i, named.j, fold(named.text))]  # "the Supernatural prequel series The Winchesters"
                if parent:
                    sm = work_mention(ctx, sent, *after[0]) if after else MAIN
                    tm = work_mention(ctx, sent, *parent[-1])
                    tm.type = "Series"
                    ctx.fact(sm, "spinoffOf", tm, sent, 0.8)
                    ctx.spinoff_targets.append(tm)
                continue
            j += 1
            if sent.t(j).lower() in ("the", "its") and not is_cap(sent.t(j)):
                j += 1
                org = sent.name_at(j, "org")
                if org and WORK_NOUN_RE.match(sent.t(org.j)) and sent.t(org.j)[0].islower():
                    j = org.j + 1
                elif sent.t(j)[:1].islower():
                    while j < len(toks) and (toks[j].text[:1].islower() or toks[j].text == "'s") and j < k + 8:
                        j += 1  # "a spinoff of the network's popular drama X"
                    org = sent.name_at(j, "org")
                    if org and WORK_NOUN_RE.match(sent.t(org.j)) and sent.t(org.j)[0].islower():
                        j = org.j + 1
            owner = sent.name_at(j, "org") if is_cap(sent.t(j)) else None
            if owner is not None and owner.possessive and not ctx.is_work(owner.text):
                # "spinoff of VANTA's global hit series "HIGHMOOR"": the network's show
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
