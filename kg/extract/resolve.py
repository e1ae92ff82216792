"""From mentions to a facts file: merging names, choosing the main work, checking types.

Mentions with the same folded name (or alias) in the same family are one entity; a short
name joins the one longer name it ends or starts ("Connelly" -> "Michael Connelly"). The
main work is the heaviest work cluster. Raw facts are then mapped to entity ids and kept
only where the vocabulary's domain and range allow them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..facts import Announcement, Entity, Fact, FactsFile
from ..schema import RELATIONS
from ..names import fold, ident
from .calibration import calibrated
from .context import M, MAIN, NUMBERS, SeasonRef
from .firstnames import is_given_name
from .grammar import POSSESSIVE_PRONOUNS
from .rules.anchor import JOB_BEFORE, reads_as_person


class _UF:
    def __init__(self):
        self.p = {}

    def find(self, x):
        self.p.setdefault(x, x)
        while self.p[x] is not x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra is not rb:
            self.p[rb] = ra


#: Words that name a company's making arm after its name: "KXT Studios", "NWB Productions".
_DIVISIONS = frozenset("studios studio productions pictures television tv films entertainment".split())


#: Words that make a title another work of the one it opens with: "Bosch Spinoff", "Harrow: The Series".
_WORK_WORDS = frozenset("spinoff spin off prequel sequel series season reboot revival movie film show special "
                        "documentary musical universe franchise saga part chapter".split())


#: A word of a full name before a surname: a capitalised word or an initial ("Chad L. Coleman").
_NAME_WORD = r"(?:[A-Z][\w’'-]*|[A-Z]\.)"


def full_name_in_text(text, surname, taken):
    """The one full name in ``text`` that ends with ``surname`` and opens with a common given
    name or follows a job word ("Harris will play Dawes" after "actor Jared Harris"), or None when the text gives none
    or several ("Dan Levy" and "Eugene Levy"), or when the full name is another entity's
    (``taken``: folded names of works, characters and companies).

    Real pages often name a person in full only where no rule reads a fact ("SyFy has booked
    actor Jared Harris ...") and by the surname alone where one does.

    >>> full_name_in_text("Actor Jared Harris joins. Harris plays Dawes.", "Harris", set())
    'Jared Harris'
    """
    last = re.sub(r"['’]", "['’]", re.escape(surname))
    found = {}
    for m in re.finditer(r"((?:%s[ \t]+){1,3})(%s)\b" % (_NAME_WORD, last), text):
        words = m.group(1).split()
        start = next((x for x, w in enumerate(words) if is_given_name(w)), None)
        if start is None and text[:m.start()].rsplit(None, 1)[-1:] and text[:m.start()].rsplit(None, 1)[-1] in JOB_BEFORE:
            start = len(words) - 1  # "“Marrow Street” star Pia Lomond": a rarer given name after a job word
        if start is None:
            continue
        full = " ".join(words[start:] + [m.group(2)])
        if fold(full) not in taken:
            found.setdefault(fold(full), full)
    return next(iter(found.values())) if len(found) == 1 else None


def _with_pronoun(text, name):
    """A title the name reader cut after its opening pronoun ("Dark Materials" of "His Dark
    Materials", "Brilliant Friend" of "My Brilliant Friend"): whole when every time the text
    names it, a capitalised pronoun stands before it.

    >>> _with_pronoun("HBO dates His Dark Materials. His Dark Materials stars A.", "Dark Materials")
    'His Dark Materials'
    """
    if name.split()[0] in POSSESSIVE_PRONOUNS or not any(f"{p} {name}" in text for p in POSSESSIVE_PRONOUNS):
        return name
    total = len(re.findall(r"(?<!\w)%s(?!\w)" % re.escape(name), text))
    for p in POSSESSIVE_PRONOUNS:
        if total and len(re.findall(r"(?<!\w)%s %s(?!\w)" % (p, re.escape(name)), text)) == total:
            return f"{p} {name}"
    return name


def _family(t):
    return "Work" if t in ("Series", "Film", "Work") else t


def resolve(ctx, doc_id, source, published, title, to_original, sentence_text):
    mentions = [m for m in ctx.mentions]
    # "the novel of the same name" -> a Novel named as the work
    uf = _UF()
    keys = {}
    for m in mentions:
        uf.find(m)
        for nm in [m.name] + list(m.aliases):
            k = (_family(m.type), fold(nm))
            if not k[1]:
                continue
            if k in keys:
                uf.union(keys[k], m)
            else:
                keys[k] = m
    for a, b in ctx.alias_links:
        uf.union(a, b)
    # short names: "Halloran" -> "Brendan Halloran", "Glint" -> "Lumen Glint"
    def clusters():
        out = defaultdict(list)
        for m in mentions:
            out[uf.find(m)].append(m)
        return out

    cl = clusters()
    # a network the text shows works on is not its own studio ("KXT", "KXT Studios") nor a
    # company the text says makes works ("NWB", "NWB Universal"); a service is not its
    # company's other names ("Lumen TV+", "Lumen"; "Corvane+", "Corvane Network"); but a
    # studio's short name is the studio ("Lanternfish" of "Lanternfish Studios")
    shown_on = {uf.find(f.o) for f in ctx.facts if f.p == "distributor" and isinstance(f.o, M)}
    made_by = {uf.find(f.o) for f in ctx.facts if f.p == "productionCompany" and isinstance(f.o, M)}
    # "Head of Commissioning for NWB Western Isles": a division that employs, not the NWB that shows
    employs = {uf.find(f.o) for f in ctx.facts if f.p == "employer" and isinstance(f.o, M)}
    plus = {r for r, ms in cl.items() if any(m.name.endswith("+") for m in ms)}

    def another_company(short_root, long_root, next_word):
        """Whether a longer name that begins with a shorter one is another company: a "+"
        service beside its company ("Corvane" / "Corvane+"), or a studio, maker or employer
        beside the network the text shows works on ("KXT" / "KXT Studios"), or a second service
        that shows the same works ("HBO" / "HBO Max")."""
        short, long = uf.find(short_root), uf.find(long_root)
        if (long in plus) != (short in plus):
            return True
        if short in shown_on and long in shown_on:
            return True  # "on HBO and on HBO Max": two services that both show the work
        return short in shown_on and long not in shown_on and (next_word in _DIVISIONS or long in made_by or long in employs)

    by_family = defaultdict(list)
    for root, ms in cl.items():
        fam = _family(ms[0].type)
        names = {fold(x) for m in ms for x in [m.name] + list(m.aliases) if fold(x)}
        by_family[fam].append((root, names))
    for fam in ("Person", "Character", "Organization", "BookSeries", "Franchise"):
        items = by_family.get(fam, [])
        if len(items) < 2:
            continue
        # index the longer names by their edge words, so each short name looks at few candidates
        by_edge = defaultdict(list)
        for root2, names2 in items:
            for long in names2:
                lw = long.split()
                if len(lw) > 2 and lw[-1] in ("jr", "sr"):
                    lw = lw[:-1]  # "Linus Harte, Jr." is the "Harte" of a later sentence
                if len(lw) > 1:
                    by_edge[lw[0]].append((root2, lw))
                    by_edge[lw[-1]].append((root2, lw))
        for root, names in items:
            for short in names:
                sw = short.split()
                cands = set()
                for root2, lw in by_edge.get(sw[0], []) + (by_edge.get(sw[-1], []) if sw[-1] != sw[0] else []):
                    if len(lw) <= len(sw) or uf.find(root2) is uf.find(root):
                        continue
                    if fam in ("Person", "Character"):
                        ok = len(sw) == 1 and (lw[0] == sw[0] or lw[-1] == sw[0])
                    elif fam == "Organization" and "with" in lw:
                        ok = False  # "Corvane+ with NIGHTOWL" is a service of its own, not NIGHTOWL
                    elif fam == "Organization" and lw[-len(sw):] != sw:
                        ok = lw[:len(sw)] == sw and not (lw[len(sw)] in NUMBERS or lw[len(sw)].isdigit())
                        # "NWB Three", "Lantern 4": a numbered channel is not its company
                        if ok and another_company(root, root2, lw[len(sw)]):
                            ok = False
                            cands.add(None)  # still a longer name it might be: "KXT" of "KXT Networks and KXT Productions"
                    else:
                        ok = lw[-len(sw):] == sw
                    if ok:
                        cands.add(uf.find(root2))
                if len(cands) == 1 and None not in cands:
                    longer = cands.pop()
                    if all(len(n.split()) <= len(sw) for n in names):
                        uf.union(longer, root)
    # a work named by its first word ("the “Magnum” reboot" of "Magnum P.I."): the one longer
    # title that opens with it, when no colon or dash makes the rest a subtitle ("Dexter" and
    # "Dexter: New Blood" are two works)
    works = [(r, ms) for r, ms in clusters().items() if _family(ms[0].type) == "Work"]
    by_first = defaultdict(set)
    for r, ms in works:
        for m in ms:
            words = m.name.split()
            if len(words) > 1 and words[0] not in ("The", "A", "An") and not re.search(r"[:–—(]", m.name) \
                    and all(w[:1].isupper() or not w[:1].isalpha() for w in words[1:]) \
                    and not any(fold(w) in _WORK_WORDS for w in words[1:]):  # ("Bosch spinoff", "Harrow Series" are other works)
                by_first[fold(words[0])].add(r)
    for r, ms in works:
        names = {fold(x) for m in ms for x in [m.name] + list(m.aliases) if fold(x)}
        if len(names) == 1 and " " not in next(iter(names)):
            longer = {uf.find(x) for x in by_first.get(next(iter(names)), ())} - {uf.find(r)}
            if len(longer) == 1:
                uf.union(longer.pop(), r)
    cl = clusters()
    # a "character" with the full name of an actor of the same text is that actor, read into
    # the role slot of a list ("B playing his wife, C as Inspector D"): it is no character
    acting = {uf.find(f.o) for f in ctx.facts if f.p == "castMember" and isinstance(f.o, M)} \
        | {uf.find(f.s) for f in ctx.facts if f.p == "portrays" and isinstance(f.s, M)}
    people = {fold(x) for root, ms in cl.items() if root in acting and _family(ms[0].type) == "Person"
              for m in ms for x in [m.name] + list(m.aliases) if " " in fold(x)}
    for root, ms in list(cl.items()):
        if _family(ms[0].type) == "Character" and any(fold(m.name) in people for m in ms):
            del cl[root]

    # the main work
    work_clusters = {r: ms for r, ms in cl.items() if _family(ms[0].type) == "Work"}
    main = None
    best = -1.0
    for r, ms in work_clusters.items():
        f = fold(ms[0].name)
        score = ctx.work_titles.get(f, {}).get("weight", 0.0) + sum(m.weight for m in ms)
        if any(t is m for t in ctx.spinoff_targets for m in ms):
            score -= 3.0
        entry = ctx.work_titles.get(f, {})
        if reads_as_person(ctx, ms[0].name) and not entry.get("appositive") and not entry.get("votes") and not entry.get("titled"):
            # (a title the grammar gave a kind, or one introduced as a title, keeps its weight: "HBO's “Perry Mason” series")
            score -= 5.0  # "Jerome Sallow's new film": a headline's possessor is no work (but "the drama, Jordan Falls")
        first = min(m.pos for m in ms)
        key = (score, -first)
        if main is None or key > best:
            main, best = r, key
    # a work no sentence names by its title ("an untitled romantic drama") may still outweigh them
    named = {fold(m.name) for ms in work_clusters.values() for m in ms}
    unnamed = [(e["weight"], f) for f, e in ctx.work_titles.items() if f not in named]
    if unnamed and (main is None or max(unnamed)[0] > best[0]):
        f = max(unnamed)[1]
        m = M(ctx.work_titles[f].get("surface") or _title_case(f, ctx.text), "Work", 0)
        mentions.append(m)
        cl[m] = [m]
        main = m

    # types and names
    other_names = {fold(x) for ms in cl.values() if _family(ms[0].type) != "Person"
                   for m in ms for x in [m.name] + list(m.aliases)}
    entities = {}
    ent_of = {}
    used = set()
    order = sorted(cl.items(), key=lambda kv: min(m.pos for m in kv[1]))
    for root, ms in order:
        types = Counter(m.type for m in ms)
        fam = _family(ms[0].type)
        if fam == "Work":
            votes = Counter()
            for m in ms:
                votes.update(ctx.work_titles.get(fold(m.name), {}).get("votes", {}))
                if m.type in ("Series", "Film"):
                    votes[m.type] += 2
            if votes:
                etype = max(votes, key=votes.get)
                if root is main and ctx.work_kind == "Film" and votes.get("Series", 0) <= votes.get("Film", 0):
                    etype = "Film"
            else:
                etype = ctx.work_kind if root is main else "Series"
            if root is main and not votes:
                etype = ctx.work_kind
        else:
            etype = max(types, key=types.get)
        surfaces = []
        for m in sorted(ms, key=lambda m: m.pos):
            for s in [m.name] + list(m.aliases):
                if s not in surfaces:
                    surfaces.append(s)
        if etype in ("Person", "Character", "Organization"):
            name = max((m.name for m in sorted(ms, key=lambda m: m.pos)), key=lambda s: (len(s.split()), -surfaces.index(s)))
            if etype == "Person" and " " not in name.strip():
                full = full_name_in_text(ctx.text, name.strip(), other_names)
                if full is not None:
                    surfaces.append(full)
                    name = full
        else:
            name = sorted(ms, key=lambda m: (m.pos, -len(m.name)))[0].name
        name = name.strip()
        if fam == "Work":
            name = _with_pronoun(ctx.text, name)
        if etype in ("Series", "Film") and fold(name) in ctx.season_subtitles:
            surfaces.append(name)  # "True Detective: Night Country, the fourth season of ...": the series is "True Detective"
            name = ctx.season_subtitles[fold(name)]
        aliases = [s for s in surfaces if s != name and fold(s) != fold(name) or (s != name and s.replace("'", "") != name and fold(s) == fold(name) and any(ord(c) > 127 for c in name + s))]
        aliases = [a for a in dict.fromkeys(aliases) if a]
        base = ident(name)
        eid = base
        if eid in used:
            eid = f"{base}-{etype.lower()}"
        k = 2
        while eid in used:
            eid = f"{base}-{k}"
            k += 1
        used.add(eid)
        entities[eid] = Entity(eid, etype, name, aliases)
        for m in ms:
            ent_of[m] = eid
    main_id = ent_of.get(main)

    def ref(x):
        if x is MAIN:
            return main_id
        if isinstance(x, M):
            return ent_of.get(x)
        if isinstance(x, SeasonRef):
            w = ref(x.work)
            if w is None or entities[w].type != "Series":
                return None
            sid = f"{w}-s{x.n}"
            if sid not in entities:
                entities[sid] = Entity(sid, "Season", f"{entities[w].name} season {x.n}")
            return sid
        if isinstance(x, tuple) and x and x[0] in ("SAME", "SAME_SERIES"):
            w = ref(x[1])
            if w is None:
                return None
            wname = entities[w].name
            btype = "Novel" if x[0] == "SAME" else "BookSeries"
            for eid, e in entities.items():
                if e.type == btype and fold(e.name) == fold(wname):
                    return eid
            eid = f"{ident(wname)}-{'novel' if btype == 'Novel' else 'books'}"
            entities[eid] = Entity(eid, btype, wname)
            return eid
        return None

    facts = {}
    order_keys = []
    raw = list(ctx.facts)
    for rf in raw:
        s = ref(rf.s)
        if s is None:
            continue
        rel = RELATIONS.get(rf.p)
        if rel is None:
            continue
        if rel.literal:
            o = rf.o
        else:
            o = ref(rf.o)
            if o is None or o == s:
                continue
            if entities[o].type not in rel.range:
                continue
        if entities[s].type not in rel.domain:
            continue
        key = (s, rf.p, o)
        conf = calibrated(rf.rule, rf.p, rf.conf)
        if key in facts:
            if conf > facts[key].confidence:
                facts[key].confidence = conf
                facts[key].rule = rf.rule
            continue
        a, b = to_original(rf.sent.start, rf.sent.end)
        facts[key] = Fact(s, rf.p, o, evidence=sentence_text(rf.sent), span=(a, b), confidence=conf, rule=rf.rule)
        order_keys.append(key)
    # keep only entities that facts use (quoted people with no relation are kept too)
    ann = Announcement(id=doc_id, published=published, source=source, title=title)
    ff = FactsFile(ann, entities, [facts[k] for k in order_keys])
    return ff


def _title_case(f, text):
    i = text.lower().find(f)
    return text[i:i + len(f)] if i >= 0 else f.title()
