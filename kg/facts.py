"""Facts files: the exchange format between extraction, review and the graph build.

A facts file (YAML, see ``docs/facts-format.md``) holds one announcement's entities
and facts. Extracted, hand-written and gold files share it, so loading is strict:
every problem is reported with the file and line, and all of them at once, because
a person fixing a file by hand wants the whole list, not one error per run.

>>> ff = parse_facts('''
... announcement: {id: demo, published: 2025-10-06}
... entities:
...   ballard: {type: Series, name: Ballard}
...   maggie-q: {type: Person, name: Maggie Q}
... facts:
...   - [ballard, castMember, maggie-q]
... ''', "demo.facts.yaml")
>>> ff.facts[0].p, ff.entities["maggie-q"].name
('castMember', 'Maggie Q')
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import FactsError
from .files import write_atomic
from .names import unsafe_character
from .schema import DATE, ENTITY_TYPES, INTEGER, RELATIONS, STRING

#: Facts files larger than this are refused before parsing (a guard, not a format rule).
MAX_FILE_BYTES = 20 * 1024 * 1024
FACTS_SUFFIXES = (".facts.yaml", ".facts.yml", ".facts.json")


@dataclass
class Problem:
    """One thing wrong in a facts file, located by file and line (1-based)."""

    path: str
    line: int | None
    message: str

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class Announcement:
    """Where the facts come from: one press release."""

    id: str
    published: dt.date | None = None
    source: str | None = None
    title: str | None = None


@dataclass
class Entity:
    """A thing the announcement names, under a file-local id."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    line: int | None = None


@dataclass
class Fact:
    """A [subject, relation, object] statement; the object is an entity id or a literal.

    ``evidence`` (the sentence), ``span`` (offsets into the source text, end exclusive)
    ``confidence`` and ``rule`` (the extraction rule that produced the fact) are filled
    in by the extractor and optional elsewhere.
    """

    s: str
    p: str
    o: object
    evidence: str | None = None
    span: tuple[int, int] | None = None
    confidence: float | None = None
    line: int | None = None
    rule: str | None = None

    @property
    def key(self):
        """The fact without its evidence, for comparing and de-duplicating."""
        return (self.s, self.p, self.o)


@dataclass
class FactsFile:
    """One announcement's entities and facts, as loaded from or saved to YAML."""

    announcement: Announcement
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    path: Path | None = None

    def source_path(self):
        """The announcement text's path, resolved against the facts file, or None."""
        if not self.announcement.source:
            return None
        base = self.path.parent if self.path else Path.cwd()
        return base / self.announcement.source


def source_for(text_path, facts_path):
    """How the facts file at ``facts_path`` names ``text_path`` in ``source:``.

    Relative to the facts file's folder, as `FactsFile.source_path` reads it, so
    a folder of texts and a folder of their facts can move together; absolute
    when the two share no folder but the root (or sit on different drives).

    >>> source_for("texts/a.txt", "facts/a.facts.yaml")
    '../texts/a.txt'
    """
    text, folder = Path(os.path.abspath(text_path)), Path(os.path.abspath(facts_path)).parent
    try:
        if os.path.commonpath([text, folder]) != text.anchor:
            return Path(os.path.relpath(text, folder)).as_posix()
    except ValueError:
        pass
    return text.as_posix()


def is_facts_path(path):
    """Whether a file name marks a facts file (``*.facts.yaml``, ``.yml`` or ``.json``)."""
    return str(path).endswith(FACTS_SUFFIXES)


def find_facts_files(paths):
    """Expand files and directories into a sorted list of facts files.

    Raises:
        FactsError: if a named path does not exist.
    """
    found = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(q for q in p.rglob("*") if q.is_file() and is_facts_path(q))
        elif p.is_file():
            found.append(p)
        else:
            raise FactsError([Problem(str(p), None, "no such file or directory")])
    return sorted(set(found))


# --- loading ---------------------------------------------------------------


def load_facts(path):
    """Load and validate a facts file.

    Raises:
        FactsError: listing every problem found, each with file and line.
    """
    ff, problems = _load(Path(path))
    if problems:
        raise FactsError(problems)
    return ff


def validate_facts(path):
    """Return every problem in a facts file (an empty list when it is valid)."""
    return _load(Path(path))[1]


def parse_facts(text, name="<string>"):
    """Parse facts from YAML text; ``name`` is used in error messages.

    Raises:
        FactsError: listing every problem found.
    """
    ff, problems = _parse(text, name)
    if problems:
        raise FactsError(problems)
    return ff


def _load(path):
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(name, None, f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")]
        raw = path.read_bytes()
    except OSError as e:
        return None, [Problem(name, None, f"cannot read: {e.strerror or e}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(name, line, "not valid UTF-8")]
    ff, problems = _parse(text, name)
    if ff is not None:
        ff.path = path
    return ff, problems


def _parse(text, name):
    try:
        root = _compose(text, name)
    except _Refused as e:
        return None, [e.problem]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark else None
        what = getattr(e, "problem", None) or str(e).splitlines()[0]
        return None, [Problem(name, line, f"malformed YAML: {what}")]
    reader = _Reader(name)
    ff = reader.facts_file(root)
    return (ff if not reader.problems else None), reader.problems


#: Facts files nest four levels deep; anything far deeper is hostile or broken.
MAX_DEPTH = 32

# libyaml when PyYAML has it: the pure-Python scanner is quadratic on deep flow
# nesting and ~25x slower on big files (a 20 MB file would take minutes).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Refused(Exception):
    def __init__(self, problem):
        self.problem = problem


def _compose(text, name):
    """Build the YAML node tree from the event stream in one pass, without recursion.

    Does what ``yaml.compose`` does for the one document a facts file holds, but
    refuses aliases (facts files never need anchors, and refusing them makes
    "billion laughs" bombs harmless) and nesting deeper than MAX_DEPTH before the
    tree is built, so hostile files cost time linear in their size.
    """
    resolver = yaml.resolver.Resolver()
    root, stack, documents = None, [], 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(Problem(name, line, "YAML aliases are not allowed in facts files"))
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(Problem(name, line, "a facts file holds one YAML document, not several"))
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node = stack.pop()
            node.end_mark = event.end_mark
            continue
        if isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _Refused(Problem(name, line, f"YAML nested more than {MAX_DEPTH} levels deep"))
            kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolver.resolve(kind, None, event.implicit)
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
        else:
            continue
        if not stack:
            root = node
        elif isinstance(stack[-1], yaml.SequenceNode):
            stack[-1].value.append(node)
        else:
            pairs = stack[-1].value
            if pairs and len(pairs[-1]) == 1:
                pairs[-1] = (pairs[-1][0], node)
            else:
                pairs.append((node,))
        if not isinstance(node, yaml.ScalarNode):
            stack.append(node)
    return root


class _Reader:
    """Walks the YAML node tree (not constructed objects) so that every value keeps its line."""

    def __init__(self, name):
        self.name = name
        self.problems = []
        self._constructor = yaml.SafeLoader("")

    def problem(self, node, message):
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.name, line, message))

    def scalar(self, node):
        try:
            return self._constructor.construct_object(node, deep=False)
        except (ValueError, yaml.YAMLError):
            # An impossible timestamp such as 2025-13-45: keep the text, let the
            # field's own check say what is wrong with it.
            return node.value

    def mapping(self, node, what):
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping")
            return None
        out = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                self.problem(k, f"{what} has a key that is not a string")
                continue
            key = str(self.scalar(k))
            if key in out:
                self.problem(k, f"duplicate key {key!r} in {what}")
                continue
            out[key] = v
        return out

    def text(self, node, what, required=True, quote=False):
        """A string value; ``quote`` marks text copied from the source (evidence), which may
        hold any character, where names may not."""
        if node is None:
            if required:
                self.problem(None, f"{what} is missing")
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{what} must be a string")
            return None
        value = self.scalar(node)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(node, f"{what} is empty")
            return None
        return str(value) if quote else self.safe(node, what, str(value))

    def safe(self, node, what, value):
        """The value, or None with a problem when it holds a control or bidi control character."""
        bad = unsafe_character(value)
        if bad:
            self.problem(node, f"{what} holds {bad}")
            return None
        return value

    def facts_file(self, root):
        if root is None:
            self.problem(None, "file is empty")
            return None
        top = self.mapping(root, "the file")
        if top is None:
            return None
        for key in top:
            if key not in ("announcement", "entities", "facts"):
                self.problem(top[key], f"unknown top-level key {key!r}")
        ann = self.announcement(top.get("announcement"), root)
        entities = self.entities(top.get("entities"))
        facts = self.facts(top.get("facts"), entities)
        return FactsFile(ann, entities, facts)

    def announcement(self, node, root):
        if node is None:
            self.problem(root, "'announcement' is missing")
            return Announcement(id="")
        m = self.mapping(node, "'announcement'") or {}
        ann = Announcement(id=self.text(m.get("id"), "announcement id") or "")
        if ann.id and not all(c.isalnum() or c in "-_." for c in ann.id):
            self.problem(m["id"], f"announcement id {ann.id!r} must be a slug (letters, digits, - _ .)")
        if "published" in m:
            value = self.scalar(m["published"]) if isinstance(m["published"], yaml.ScalarNode) else None
            date = _as_date(value)
            if date is None:
                self.problem(m["published"], f"published must be an ISO date (YYYY-MM-DD), not {value!r}")
            ann.published = date
        ann.source = self.text(m.get("source"), "source", required=False)
        ann.title = self.text(m.get("title"), "title", required=False)
        return ann

    def entities(self, node):
        entities = {}
        if node is None:
            return entities
        m = self.mapping(node, "'entities'")
        for eid, enode in (m or {}).items():
            em = self.mapping(enode, f"entity {eid!r}")
            if em is None:
                continue
            for key in em:
                if key not in ("type", "name", "aliases"):
                    self.problem(em[key], f"entity {eid!r} has unknown key {key!r}")
            etype = self.text(em.get("type"), f"type of entity {eid!r}")
            if etype is None and "type" not in em:
                self.problems[-1].line = enode.start_mark.line + 1
            if etype is not None and etype not in ENTITY_TYPES:
                self.problem(em["type"], f"entity {eid!r} has unknown type {etype!r} (one of {', '.join(ENTITY_TYPES)})")
            name = self.text(em.get("name"), f"name of entity {eid!r}")
            if name is None and "name" not in em:
                self.problems[-1].line = enode.start_mark.line + 1
            aliases = []
            if "aliases" in em:
                anode = em["aliases"]
                if isinstance(anode, yaml.SequenceNode):
                    for a in anode.value:
                        alias = self.text(a, f"alias of entity {eid!r}")
                        if alias:
                            aliases.append(alias)
                else:
                    self.problem(anode, f"aliases of entity {eid!r} must be a list")
            entities[eid] = Entity(eid, etype or "", name or "", aliases, enode.start_mark.line + 1)
        return entities

    def facts(self, node, entities):
        facts = []
        if node is None:
            return facts
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'facts' must be a list")
            return facts
        seen = {}
        for fnode in node.value:
            fact = self.fact(fnode, entities)
            if fact is None:
                continue
            if fact.key in seen:
                self.problem(fnode, f"duplicate fact {list(fact.key)} (first at line {seen[fact.key]})")
                continue
            seen[fact.key] = fact.line
            facts.append(fact)
        return facts

    def fact(self, node, entities):
        line = node.start_mark.line + 1
        extra = {}
        if isinstance(node, yaml.SequenceNode):
            if len(node.value) != 3:
                self.problem(node, f"a fact must be [subject, relation, object], got {len(node.value)} items")
                return None
            s_node, p_node, o_node = node.value
        elif isinstance(node, yaml.MappingNode):
            m = self.mapping(node, "fact") or {}
            for key in m:
                if key not in ("s", "p", "o", "evidence", "span", "confidence", "rule"):
                    self.problem(m[key], f"fact has unknown key {key!r}")
            if not all(k in m for k in "spo"):
                self.problem(node, "a fact mapping needs s, p and o")
                return None
            s_node, p_node, o_node = m["s"], m["p"], m["o"]
            extra = self.evidence(m)
        else:
            self.problem(node, "a fact must be a list [s, p, o] or a mapping {s, p, o, ...}")
            return None
        for n in (s_node, p_node, o_node):
            if not isinstance(n, yaml.ScalarNode):
                self.problem(n, "fact subject, relation and object must be scalars")
                return None
        s, p, o = str(self.scalar(s_node)), str(self.scalar(p_node)), self.scalar(o_node)
        rel = RELATIONS.get(p)
        if rel is None:
            self.problem(p_node, f"unknown relation {p!r}")
            return None
        subject = entities.get(s)
        if subject is None:
            self.problem(s_node, f"subject {s!r} is not a declared entity")
        elif subject.type and subject.type not in rel.domain:
            self.problem(s_node, f"{p} needs a subject of type {' or '.join(rel.domain)}, but {s!r} is a {subject.type}")
        if rel.literal:
            o = self.literal(o_node, o, rel)
            if o is None:
                return None
        else:
            o = str(o)
            obj = entities.get(o)
            if obj is None:
                self.problem(o_node, f"object {o!r} is not a declared entity")
            elif obj.type and obj.type not in rel.range:
                self.problem(o_node, f"{p} needs an object of type {' or '.join(rel.range)}, but {o!r} is a {obj.type}")
        return Fact(s, p, o, line=line, **extra)

    def literal(self, node, value, rel):
        if rel.literal == INTEGER:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.problem(node, f"{rel.name} must be a non-negative integer, not {value!r}")
                return None
            return value
        if rel.literal == DATE:
            date = _as_date(value)
            if date is None:
                self.problem(node, f"{rel.name} must be an ISO date (YYYY-MM-DD), not {value!r}")
            return date
        if rel.literal == STRING:
            if not isinstance(value, str) or not value.strip():
                self.problem(node, f"{rel.name} must be a non-empty string")
                return None
            return self.safe(node, rel.name, value)
        raise AssertionError(rel.literal)

    def evidence(self, m):
        out = {}
        if "evidence" in m:
            out["evidence"] = self.text(m["evidence"], "evidence", required=False, quote=True)
        if "span" in m:
            snode = m["span"]
            values = [self.scalar(v) for v in snode.value if isinstance(v, yaml.ScalarNode)] if isinstance(snode, yaml.SequenceNode) else []
            if len(values) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in values) and 0 <= values[0] <= values[1]:
                out["span"] = (values[0], values[1])
            else:
                self.problem(snode, "span must be [start, end] with 0 <= start <= end")
        if "confidence" in m:
            value = self.scalar(m["confidence"]) if isinstance(m["confidence"], yaml.ScalarNode) else None
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1 and not math.isnan(value):
                out["confidence"] = float(value)
            else:
                self.problem(m["confidence"], f"confidence must be a number from 0 to 1, not {value!r}")
        if "rule" in m:
            out["rule"] = self.text(m["rule"], "rule", required=False)
        return out


def _as_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


# --- saving ----------------------------------------------------------------


def dumps_facts(ff):
    """Serialise a FactsFile to YAML text, one entity and one fact per line.

    The output is stable (same facts, same bytes) so that extraction output can be
    diffed and reviewed, and it loads back to an equal FactsFile.
    """
    a = ff.announcement
    lines = ["announcement:", f"  id: {_flow(a.id)}"]
    if a.published:
        lines.append(f"  published: {a.published.isoformat()}")
    if a.source:
        lines.append(f"  source: {_flow(a.source)}")
    if a.title:
        lines.append(f"  title: {_flow(a.title)}")
    lines.append("entities:" if ff.entities else "entities: {}")
    for e in ff.entities.values():
        body = {"type": e.type, "name": e.name}
        if e.aliases:
            body["aliases"] = list(e.aliases)
        lines.append(f"  {_flow(e.id)}: {_flow(body)}")
    lines.append("facts:" if ff.facts else "facts: []")
    for f in ff.facts:
        o = f.o.isoformat() if isinstance(f.o, dt.date) else f.o
        if f.evidence is None and f.span is None and f.confidence is None and f.rule is None:
            lines.append(f"  - {_flow([f.s, f.p, o])}")
            continue
        body = {"s": f.s, "p": f.p, "o": o}
        if f.span is not None:
            body["span"] = list(f.span)
        if f.confidence is not None:
            body["confidence"] = round(f.confidence, 3)
        if f.rule is not None:
            body["rule"] = f.rule
        if f.evidence is not None:
            body["evidence"] = f.evidence
        lines.append(f"  - {_flow(body)}")
    return "\n".join(lines) + "\n"


def save_facts(ff, path):
    """Write a FactsFile atomically (temp file, then rename): never a half-written file."""
    write_atomic(path, dumps_facts(ff))


def _flow(value):
    # libyaml's emitter: fast on long evidence, and it escapes U+0085 (the pure-Python
    # emitter writes it raw in a single-quoted scalar, which loads back as a space).
    text = yaml.dump(value, Dumper=_DUMPER, default_flow_style=True, allow_unicode=True, width=2**31 - 1, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...")
