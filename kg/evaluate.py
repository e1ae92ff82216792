"""Scoring extracted facts against gold facts files.

The rules are those of ``docs/facts-format.md``: names are compared by their
:func:`kg.names.fold`; a system entity matches the
gold entity whose name or alias equals one of its own, preferring one of the same
type; a system fact is correct when its subject and object match the gold fact's
(or its literal is equal) and the relation is the same. Precision, recall and F1 are
micro-averaged over all facts, ``jobTitle`` aside.

>>> from kg.facts import parse_facts
>>> gold = parse_facts("announcement: {id: a}\\nentities: {x: {type: Series, name: The Foo}}\\nfacts: [[x, premiereDate, 2024-01-02]]")
>>> sys_ = parse_facts("announcement: {id: a}\\nentities: {foo: {type: Series, name: Foo}}\\nfacts: [[foo, premiereDate, 2024-01-02]]")
>>> score_pair(gold, sys_).tp
1
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KGError
from .names import fold
from .facts import find_facts_files, load_facts, write_atomic
from .schema import RELATIONS


@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other):
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Error:
    """One false positive or false negative, with readable names."""

    doc: str
    kind: str  # "FP" or "FN"
    s: str
    p: str
    o: str
    evidence: str | None = None

    def __str__(self):
        return f"{self.kind} {self.doc}: [{self.s}, {self.p}, {self.o}]"


@dataclass
class PairResult:
    doc: str
    tp: int
    fp: int
    fn: int
    per_relation: dict
    errors: list
    judged: list = field(default_factory=list)  # (rule, relation, confidence, correct)


@dataclass
class EvalReport:
    """The result of :func:`evaluate`: overall and per-relation counts, every error."""

    overall: Counts = field(default_factory=Counts)
    per_relation: dict = field(default_factory=dict)
    per_document: dict = field(default_factory=dict)
    false_positives: list = field(default_factory=list)
    false_negatives: list = field(default_factory=list)
    failures: list = field(default_factory=list)  # (gold file, error message)
    judged: list = field(default_factory=list)  # (rule, relation, confidence, correct) per system fact

    @property
    def f1(self):
        return self.overall.f1

    @property
    def precision(self):
        return self.overall.precision

    @property
    def recall(self):
        return self.overall.recall


def _names(e):
    return {fold(n) for n in [e.name, *e.aliases] if fold(n)}


def _match_entities(gold, system):
    """Map each system entity id to a gold entity id (or None)."""
    index = defaultdict(list)
    for g in gold.entities.values():
        for n in _names(g):
            index[n].append(g)
    out = {}
    for s in system.entities.values():
        cands = []
        for n in sorted(_names(s)):
            for g in index.get(n, ()):
                if g not in cands:
                    cands.append(g)
        if not cands:
            out[s.id] = None
            continue
        same = [g for g in cands if g.type == s.type]
        # prefer the same type, then a match on the gold entity's own name, then file order
        pool = same or cands
        pool.sort(key=lambda g: (fold(g.name) not in _names(s), list(gold.entities).index(g.id)))
        out[s.id] = pool[0].id
    return out


def _literal(v):
    if isinstance(v, dt.datetime):
        return v.date()
    return v


def score_pair(gold, system, doc=None):
    """Score one system facts file against its gold file."""
    doc = doc or gold.announcement.id
    m = _match_entities(gold, system)
    gold_keys = {}
    for f in gold.facts:
        rel = RELATIONS.get(f.p)
        if rel is None or not rel.scored:
            continue
        o = _literal(f.o) if rel.literal else f.o
        gold_keys[(f.s, f.p, o)] = f
    sys_keys = {}
    for f in system.facts:
        rel = RELATIONS.get(f.p)
        if rel is None or not rel.scored:
            continue
        s = m.get(f.s)
        if rel.literal:
            o = _literal(f.o)
        else:
            o = m.get(f.o)
        key = (s or f"?{f.s}", f.p, (o if o is not None else f"?{f.o}"))
        if key not in sys_keys:
            sys_keys[key] = f
    per_rel = defaultdict(Counts)
    errors = []

    def show(ff, eid):
        if isinstance(eid, str) and eid.startswith("?"):
            e = system.entities.get(eid[1:])
            return f"{e.name} ({e.type}, unmatched)" if e else eid
        e = ff.entities.get(eid) if isinstance(eid, str) else None
        return e.name if e else str(eid.isoformat() if hasattr(eid, "isoformat") else eid)

    judged = []
    for key, f in sys_keys.items():
        judged.append((f.rule, key[1], f.confidence, key in gold_keys))
        if key in gold_keys:
            per_rel[key[1]].tp += 1
        else:
            per_rel[key[1]].fp += 1
            errors.append(Error(doc, "FP", show(gold, key[0]), key[1], show(gold, key[2]) if not RELATIONS[key[1]].literal else str(key[2]), f.evidence))
    for key in gold_keys:
        if key not in sys_keys:
            per_rel[key[1]].fn += 1
            errors.append(Error(doc, "FN", show(gold, key[0]), key[1], show(gold, key[2]) if not RELATIONS[key[1]].literal else str(key[2])))
    tp = sum(c.tp for c in per_rel.values())
    fp = sum(c.fp for c in per_rel.values())
    fn = sum(c.fn for c in per_rel.values())
    return PairResult(doc, tp, fp, fn, dict(per_rel), errors, judged)


def _system_for(gold_path, gold, system_dir):
    if system_dir is not None:
        name = Path(gold_path).name
        for suffix in (".facts.yaml", ".facts.yml", ".facts.json"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
        path = Path(system_dir) / f"{name}.facts.yaml"
        if not path.exists():
            raise KGError(f"{path}: no system facts file for {gold_path}")
        return load_facts(path)
    from .extract import extract_file

    src = gold.source_path()
    if src is None:
        raise KGError(f"{gold_path}: gold file names no source text")
    return extract_file(src)


def evaluate(gold_paths_or_dir, system_dir=None):
    """Score extraction against gold facts files.

    Args:
        gold_paths_or_dir: a directory of ``*.facts.yaml`` gold files, one file, or a list
            of either.
        system_dir: a directory of system facts files named ``<stem>.facts.yaml``; when
            None, the texts named by the gold files' ``source:`` are extracted.

    Returns:
        An :class:`EvalReport`. A gold file whose text cannot be extracted counts all its
        facts as false negatives and is listed in ``failures``.

    Raises:
        KGError: if no gold files are found.
    """
    if isinstance(gold_paths_or_dir, (str, Path)):
        gold_paths_or_dir = [gold_paths_or_dir]
    paths = find_facts_files(gold_paths_or_dir)
    if not paths:
        raise KGError(f"no gold facts files in {', '.join(map(str, gold_paths_or_dir))}")
    report = EvalReport()
    for path in paths:
        gold = load_facts(path)
        doc = gold.announcement.id or Path(path).stem
        try:
            system = _system_for(path, gold, system_dir)
        except KGError as e:
            report.failures.append((str(path), str(e)))
            from .facts import FactsFile

            system = FactsFile(gold.announcement)
        res = score_pair(gold, system, doc)
        report.per_document[doc] = Counts(res.tp, res.fp, res.fn)
        report.overall.add(Counts(res.tp, res.fp, res.fn))
        for rel, c in res.per_relation.items():
            report.per_relation.setdefault(rel, Counts()).add(c)
        report.judged.extend(res.judged)
        for e in res.errors:
            (report.false_positives if e.kind == "FP" else report.false_negatives).append(e)
    report.per_relation = dict(sorted(report.per_relation.items()))
    return report


#: The confidence bins of the reliability table (lower bounds; the last bin includes 1.0).
RELIABILITY_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def reliability(report):
    """Observed precision per confidence bin: is a fact at 0.9 right nine times in ten?

    Returns:
        A list of ``(low, high, facts, mean confidence, precision)`` for the bins that
        hold facts; facts without a confidence are left out.
    """
    edges = list(RELIABILITY_BINS) + [1.0000001]
    out = []
    for lo, hi in zip(edges, edges[1:]):
        inside = [(c, ok) for _r, _p, c, ok in report.judged if c is not None and lo <= c < hi]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            out.append((lo, min(hi, 1.0), len(inside), mean, sum(ok for _, ok in inside) / len(inside)))
    return out


def rule_counts(report):
    """``{(rule, relation): (true positives, false positives)}`` over the judged facts."""
    counts = defaultdict(lambda: [0, 0])
    for rule, rel, _c, ok in report.judged:
        if rule:
            counts[(rule, rel)][0 if ok else 1] += 1
    return {k: tuple(v) for k, v in sorted(counts.items())}


def write_calibration(report, path):
    """Write the per-rule counts of ``report`` as the COUNTS table of a calibration module.

    The extractor's confidences must be the hand-set ones while measuring, so the caller
    evaluates with an empty table first (``kg eval --calibrate`` does).
    """
    text = Path(path).read_text(encoding="utf-8")
    head, sep, rest = text.partition("COUNTS: dict[tuple[str, str], tuple[int, int]] = {\n")
    if not sep:
        raise KGError(f"{path}: no COUNTS table to replace")
    tail = rest[rest.index("}\n"):]
    rows = "".join(f"    ({rule!r}, {rel!r}): ({tp}, {fp}),\n" for (rule, rel), (tp, fp) in rule_counts(report).items())
    write_atomic(path, head + sep + rows + tail)


def format_report(report, errors=True):
    """The report as text: overall and per-relation P/R/F1 tables, then every error."""
    lines = []

    def row(name, c):
        return f"{name:<22} {c.tp:>5} {c.fp:>5} {c.fn:>5} {c.precision:>7.3f} {c.recall:>7.3f} {c.f1:>7.3f}"

    head = f"{'relation':<22} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>7} {'R':>7} {'F1':>7}"
    lines.append(head)
    lines.append("-" * len(head))
    for rel, c in report.per_relation.items():
        lines.append(row(rel, c))
    lines.append("-" * len(head))
    lines.append(row("micro (all)", report.overall))
    lines.append("")
    dhead = f"{'document':<40} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>7} {'R':>7} {'F1':>7}"
    lines.append(dhead)
    lines.append("-" * len(dhead))
    for doc, c in report.per_document.items():
        lines.append(f"{doc:<40} {c.tp:>5} {c.fp:>5} {c.fn:>5} {c.precision:>7.3f} {c.recall:>7.3f} {c.f1:>7.3f}")
    for _path, msg in report.failures:
        lines.append(f"failed: {msg}")
    bins = reliability(report)
    if bins:
        lines.append("")
        rhead = f"{'confidence':<14} {'facts':>6} {'mean conf':>10} {'precision':>10}"
        lines.append(rhead)
        lines.append("-" * len(rhead))
        for lo, hi, n, mean, prec in bins:
            lines.append(f"{f'{lo:.1f}-{hi:.1f}':<14} {n:>6} {mean:>10.3f} {prec:>10.3f}")
    if errors:
        if report.false_positives:
            lines.append("")
            lines.append(f"false positives ({len(report.false_positives)}):")
            lines.extend(f"  {e}" for e in report.false_positives)
        if report.false_negatives:
            lines.append("")
            lines.append(f"false negatives ({len(report.false_negatives)}):")
            lines.extend(f"  {e}" for e in report.false_negatives)
    return "\n".join(lines)
