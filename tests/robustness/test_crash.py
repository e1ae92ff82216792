"""Case 6: ``kg build`` killed with SIGKILL at random points, two builds on one store, atomic outputs.

After a kill the store opens, every announcement graph in it holds exactly the
quads kg.mapping.announcement_quads gives for its facts file (or is absent), and
the next build completes it to what a clean build gives.
"""

import datetime as dt
import json
import os
import random
import signal
import subprocess
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from collections import defaultdict

import pyoxigraph as ox
import pytest

from kg.build import source_hash
from kg.facts import Announcement, Entity, Fact, FactsFile, load_facts, save_facts
from kg.mapping import ANNOUNCEMENT, announcement_iri, announcement_quads, kg_term
from kg.store import open_store
from helpers import KG, kg

SOURCE_HASH = kg_term("sourceHash")
OUTPUTS = ("graph.trig", "graph.json", "graph.graphml", "graph.html")


def make_corpus(folder, n, seed=0):
    rng = random.Random(seed)
    for i in range(n):
        ents = {"w": Entity("w", rng.choice(["Series", "Film"]), f"Work {i}")}
        facts = []
        for j in range(rng.randint(2, 8)):
            ents[f"p{j}"] = Entity(f"p{j}", "Person", f"Person {rng.randint(0, n)}")
            ents[f"c{j}"] = Entity(f"c{j}", "Character", f"Role {i}-{j}")
            facts += [Fact("w", "castMember", f"p{j}"), Fact(f"p{j}", "portrays", f"c{j}")]
        ann = Announcement(f"ann-{i:04d}", published=dt.date(2025, 1, 1) + dt.timedelta(days=i), title=f"Announcement {i}")
        save_facts(FactsFile(ann, ents, facts), folder / f"ann-{i:04d}.facts.yaml")
    return folder


def expected_graphs(folder):
    """Announcement graph IRI -> (its own quads, its quads in shared graphs, source hash).

    Shared graphs (entity descriptions, if the mapping keeps them apart) are not the
    announcement's alone; what it needs there must be present whenever it is.
    """
    out = {}
    for path in sorted(folder.glob("*.facts.yaml")):
        ff = load_facts(path)
        graph = announcement_iri(ff.announcement.id)
        quads = announcement_quads(ff)
        own = {q for q in quads if q.graph_name == graph}
        shared = {q for q in quads if q.graph_name != graph}
        out[graph.value] = (own, shared, source_hash(path))
    return out


def stored_graphs(location):
    """Graph IRI -> its quads, read back with SPARQL (none when the build was killed before it made the store)."""
    by_graph = defaultdict(set)
    if not (Path(location) / "CURRENT").exists():
        return by_graph
    with open_store(location, create=False) as store:
        for g, s, p, o in store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", union_default_graph=False):
            by_graph[g.value].add(ox.Quad(s, p, o, g))
    return by_graph


def assert_whole_or_absent(location, expected):
    stored = stored_graphs(location)
    everything = set().union(*stored.values()) if stored else set()
    for graph, quads in stored.items():
        if not graph.startswith(ANNOUNCEMENT):
            continue
        assert graph in expected, graph
        own, shared, shash = expected[graph]
        hashes = {q.object.value for q in quads if q.predicate == SOURCE_HASH}
        assert hashes <= {shash}
        assert {q for q in quads if q.predicate != SOURCE_HASH} == own, f"{graph} is partial"
        assert shared <= everything, f"{graph} is present but {len(shared - everything)} of its shared quads are not"


def assert_default_is_the_union(location):
    """The default graph holds each triple of the named graphs once, and nothing else."""
    if not (Path(location) / "CURRENT").exists():
        return
    with open_store(location, create=False) as store:
        default = set(store.query("SELECT ?s ?p ?o { ?s ?p ?o }").rows)
        named = set(store.query("SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }").rows)
    assert default == named, f"{len(default - named)} default triples no graph states, {len(named - default)} missing"


def assert_outputs_whole(out):
    for name in OUTPUTS:
        path = out / name
        if not path.exists():
            continue
        data = path.read_bytes()
        if name.endswith(".trig"):
            list(ox.parse(data, format=ox.RdfFormat.TRIG))
        elif name.endswith(".json"):
            json.loads(data)
        elif name.endswith(".graphml"):
            ET.fromstring(data)
        else:
            assert data.rstrip().endswith(b"</html>"), name


def all_quads(location):
    with open_store(location, create=False) as store:
        return set(store.quads())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = make_corpus(tmp_path_factory.mktemp("crash") / "in", 1100)
    clean = folder.parent / "clean"
    r = kg("build", folder, "--store", clean, "--no-outputs", cwd=folder.parent)
    assert r.returncode == 0, r.stderr
    return folder, expected_graphs(folder), all_quads(clean)


@pytest.mark.slow
def test_kill_9_during_build_then_reopen_and_complete(corpus, tmp_path):
    folder, expected, clean = corpus
    rng = random.Random(6)
    store, out = tmp_path / "store", tmp_path / "out"
    for _ in range(4):
        proc = subprocess.Popen([KG, "build", folder, "--store", store, "--out", out, "--force"], cwd=tmp_path,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 4.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert_whole_or_absent(store, expected)
        assert_default_is_the_union(store)
        assert_outputs_whole(out)
    r = kg("build", folder, "--store", store, "--out", out, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert all_quads(store) == clean
    assert_default_is_the_union(store)
    assert_outputs_whole(out)


@pytest.mark.slow
def test_two_builds_at_once_on_one_store(corpus, tmp_path):
    folder, _, clean = corpus
    store = tmp_path / "store"
    procs = [subprocess.Popen([KG, "build", folder, "--store", store, "--no-outputs"], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(120), *p.communicate()) for p in procs]
    for rc, _, err in results:
        assert rc == 0 or (rc == 1 and f"store {store} is in use by another kg process" in err), err
    assert any(rc == 0 for rc, _, _ in results)
    if any(rc for rc, _, _ in results):
        assert kg("build", folder, "--store", store, "--no-outputs", cwd=tmp_path).returncode == 0
    assert all_quads(store) == clean


def test_a_second_build_while_the_store_is_served_fails_clearly(tmp_path):
    folder = make_corpus(tmp_path / "in", 3)
    store = tmp_path / "store"
    assert kg("build", folder, "--store", store, "--no-outputs").returncode == 0
    with open_store(store):
        r = kg("build", folder, "--store", store, "--no-outputs")
    assert r.returncode == 1
    assert r.stderr.strip() == f"Error: store {store} is in use by another kg process (wait for it to finish, or use --store elsewhere)"


def test_every_output_file_is_replaced_atomically(tmp_path):
    """Outputs are replaced by rename (a new inode), and a reader never sees part of one."""
    folder = make_corpus(tmp_path / "in", 40)
    store, out = tmp_path / "store", tmp_path / "out"
    targets = [out / name for name in OUTPUTS] + [tmp_path / "export.graphml", tmp_path / "export.trig", tmp_path / "viz.html",
                                                   tmp_path / "facts" / "a.facts.yaml"]
    (tmp_path / "a.txt").write_text("Netflix has renewed Ballard for a second season, starring Maggie Q as Renee Ballard.\n")

    def run_all():
        for args in (["build", folder, "--store", store, "--out", out, "--force"],
                     ["export", "--store", store, "--format", "graphml", "-o", tmp_path / "export.graphml"],
                     ["export", "--store", store, "--format", "trig", "-o", tmp_path / "export.trig"],
                     ["viz", "--store", store, "-o", tmp_path / "viz.html"],
                     ["extract", tmp_path / "a.txt", "--out", tmp_path / "facts"]):
            r = kg(*args, cwd=tmp_path)
            assert r.returncode == 0, r.stderr

    run_all()
    before = {t: (t.stat().st_ino, t.stat().st_mode & 0o777) for t in targets}
    seen_partial = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            try:
                assert_outputs_whole(out)
            except FileNotFoundError:
                seen_partial.append("missing")
            except Exception as e:  # noqa: BLE001 - any parse error means a partial file
                seen_partial.append(repr(e)[:200])

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        run_all()
    finally:
        stop.set()
        watcher.join(10)
    assert seen_partial == []
    for t in targets:
        assert t.stat().st_ino != before[t][0], f"{t.name} was rewritten in place"
        assert t.stat().st_mode & 0o777 == 0o666 & ~_umask(), f"{t.name} has mode {oct(t.stat().st_mode & 0o777)}"
    assert not [p for p in tmp_path.rglob(".*.tmp")], "temp files left behind"


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
