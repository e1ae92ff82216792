"""Entity resolution at build time: partial names to full entities, headline capitals to proper case.

Press releases name a person in full once and by surname after ("Titus Welliver ...
Welliver will ..."), a character by first name ("their daughter, Maddie"), and
shout titles in headlines ("BOSCH RETURNS"). An extractor reading one sentence at a
time makes a node of each; this module merges them in a facts file before it is
mapped, so any extractor (or a hand-written file) gets the same graph:

- a one-word Person name becomes the one Person of the same announcement whose
  surname it is; a one-word Character name the one Character whose first or last
  name it is. Two candidates (two people sharing a surname) keep it apart:
  ambiguous stays separate, and ``likely_duplicates`` reports it for a curator.
- a name written in capitals takes the casing the same announcement uses elsewhere
  (its other names and its evidence sentences); words never seen in lower case
  (acronyms such as LAPD) stay as they are.

Across announcements, ``likely_duplicates`` lists one-word names that match the
full name of an entity of the same type on the same work or franchise, with the
announcements and mentions as evidence; a curator confirms them as aliases in
``data/entities.yaml``.

>>> from kg.facts import Announcement, Entity, Fact, FactsFile
>>> ff = FactsFile(Announcement("a"), {"w": Entity("w", "Series", "BOSCH"), "t": Entity("t", "Person", "Titus Welliver"),
...                                    "x": Entity("x", "Person", "Welliver"), "b": Entity("b", "Series", "Bosch")},
...                [Fact("w", "castMember", "t"), Fact("b", "executiveProducer", "x")])
>>> r = resolve_document(ff)
>>> sorted(e.name for e in r.entities.values()), [(f.s, f.p, f.o) for f in r.facts]
(['Bosch', 'Titus Welliver'], [('b', 'castMember', 't'), ('b', 'executiveProducer', 't')])
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from .names import fold

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")


def resolve_document(ff):
    """A copy of a facts file with partial names merged and headline capitals cased.

    Entities that fold to the same name and type after casing are merged too. The
    input is left unchanged.
    """
    entities = {i: dataclasses.replace(e, aliases=list(e.aliases)) for i, e in ff.entities.items()}
    casing = _casing(ff)
    for e in entities.values():
        proper = _proper_case(e.name, casing)
        if proper != e.name:
            e.aliases = sorted({*e.aliases, e.name})
            e.name = proper
    target = {}
    by_key = {}
    for i, e in sorted(entities.items()):
        key = (e.type, fold(e.name))
        if key in by_key:
            target[i] = by_key[key]
        else:
            by_key[key] = i
    for i, e in sorted(entities.items()):
        if i in target or e.type not in ("Person", "Character") or len(fold(e.name).split()) != 1:
            continue
        full = _full_names(e, [(j, f) for j, f in entities.items() if j != i and j not in target])
        if len(full) == 1:
            target[i] = full[0]
    if not target:
        if all(e.name == ff.entities[i].name for i, e in entities.items()):
            return ff
        return dataclasses.replace(ff, entities=entities)

    def final(i):
        while i in target:
            i = target[i]
        return i

    for i, j in target.items():
        keep = entities[final(j)]
        keep.aliases = sorted({*keep.aliases, entities[i].name, *entities[i].aliases} - {keep.name})
    kept = {i: e for i, e in entities.items() if i not in target}
    facts, seen = [], set()
    for f in ff.facts:
        g = dataclasses.replace(f, s=final(f.s), o=final(f.o) if isinstance(f.o, str) and f.o in ff.entities else f.o)
        key = (g.s, g.p, g.o)
        if key not in seen:
            seen.add(key)
            facts.append(g)
    return dataclasses.replace(ff, entities=kept, facts=facts)


def _full_names(e, others):
    """The ids of the entities of the same type whose full name ``e``'s one word abbreviates."""
    word = fold(e.name)
    out = []
    for j, f in others:
        if f.type != e.type:
            continue
        parts = fold(f.name).split()
        if len(parts) < 2:
            continue
        # People are called by surname; characters by first name or surname.
        if parts[-1] == word or (e.type == "Character" and parts[0] == word):
            out.append(j)
    return out


def _casing(ff):
    """Lower-case word -> the first non-capitals spelling of it in the announcement's names and evidence."""
    seen = {}
    texts = [e.name for e in ff.entities.values()] + [a for e in ff.entities.values() for a in e.aliases]
    texts += [f.evidence for f in ff.facts if getattr(f, "evidence", None)]
    if ff.announcement.title:
        texts.append(ff.announcement.title)
    for text in texts:
        for w in _WORD.findall(text):
            if not w.isupper():
                seen.setdefault(w.casefold(), w)
    return seen


def _proper_case(name, casing):
    """``name`` with each word in capitals replaced by its spelling elsewhere in the announcement."""
    if not any(w.isupper() and len(w) > 1 for w in _WORD.findall(name)):
        return name
    return _WORD.sub(lambda m: casing.get(m.group().casefold(), m.group()) if m.group().isupper() and len(m.group()) > 1 else m.group(), name)


# --- across announcements ------------------------------------------------------

_PARTIALS = """
SELECT ?short ?t ?shortLabel ?full ?fullLabel ?context ?contextLabel ?g WHERE {
  VALUES ?t { kg:Person kg:Character }
  ?short a ?t ; rdfs:label ?shortLabel .
  FILTER(!CONTAINS(STR(?shortLabel), " "))
  ?full a ?t ; rdfs:label ?fullLabel .
  FILTER(?full != ?short && CONTAINS(STR(?fullLabel), " "))
  FILTER(STRENDS(LCASE(STR(?fullLabel)), CONCAT(" ", LCASE(STR(?shortLabel))))
         || (?t = kg:Character && STRSTARTS(LCASE(STR(?fullLabel)), CONCAT(LCASE(STR(?shortLabel)), " "))))
  # Same work, or works of one franchise or spinoff family.
  ?w1 ?r1 ?short ; a ?wt1 . ?w2 ?r2 ?full ; a ?wt2 .
  FILTER(?wt1 IN (kg:Series, kg:Film) && ?wt2 IN (kg:Series, kg:Film))
  ?w1 (kg:spinoffOf|^kg:spinoffOf|kg:partOfFranchise/^kg:partOfFranchise)? ?w2 .
  ?w1 rdfs:label ?contextLabel . BIND(?w1 AS ?context)
  GRAPH ?g { ?w1 ?r1 ?short }
}
"""


def likely_duplicates(store):
    """One-word names that probably mean the full-named entity of the same type on a related work.

    Returns:
        A list of dicts, one per (partial, full) pair, sorted: ``type``, ``partial``,
        ``full`` (labels), their IRIs, ``works`` (where the partial name is used) and
        ``announcements`` (which state it), and ``candidates`` (how many full-named
        entities match: more than one means the curator must choose).
    """
    pairs = defaultdict(lambda: {"works": set(), "announcements": set()})
    fulls = defaultdict(set)
    for short, t, short_label, full, full_label, _, context_label, g in store.query(_PARTIALS):
        key = (t.value.rsplit("#", 1)[-1], short_label.value, short.value, full_label.value, full.value)
        pairs[key]["works"].add(context_label.value)
        pairs[key]["announcements"].add(g.value.rsplit("/", 1)[-1])
        fulls[short.value].add(full.value)
    out = []
    for (t, partial, partial_iri, full, full_iri), ev in sorted(pairs.items()):
        out.append({
            "type": t, "partial": partial, "partial_iri": partial_iri, "full": full, "full_iri": full_iri,
            "works": sorted(ev["works"]), "announcements": sorted(ev["announcements"]), "candidates": len(fulls[partial_iri]),
        })
    return out


def format_duplicates(found):
    """The report a curator reads, with the entities.yaml lines that would confirm each pair."""
    if not found:
        return "no likely duplicates"
    lines = []
    for d in found:
        note = f"; one of {d['candidates']} candidates, choose one" if d["candidates"] > 1 else ""
        lines.append(f"{d['type']} {d['partial']!r} is probably {d['full']!r} (in {', '.join(d['works'])}; "
                     f"stated by {', '.join(d['announcements'])}{note})")
        lines.append(f"  confirm in data/entities.yaml: - {{type: {d['type']}, name: {d['full']}, aliases: [{d['partial']}]}}")
    return "\n".join(lines)
