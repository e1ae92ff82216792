"""The streaming build: source hashes, worker processes, batches and the progress line."""

import shutil

import pytest
from click.testing import CliRunner
from rdflib import Dataset
from rdflib.compare import isomorphic, to_isomorphic

import kg.build
from kg.build import build, source_hash
from kg.cli import main
from kg.facts import load_facts
from kg.store import open_store

from paths import GOLD

SOURCE_HASH = "https://w3id.org/entertainment-kg/ontology#sourceHash"


def _dataset(store):
    ds = Dataset()
    ds.parse(data=store.dump("nquads"), format="nquads")
    return ds


def _graphs(store):
    """Each named graph as an rdflib graph in canonical form, by graph IRI."""
    ds = _dataset(store)
    return {str(g.identifier): to_isomorphic(g) for g in ds.graphs() if len(g)}


@pytest.fixture
def corpus(tmp_path):
    """A copy of the gold facts files (their sources are not copied: facts files are built as they are)."""
    d = tmp_path / "corpus"
    d.mkdir()
    for f in sorted(GOLD.glob("*.facts.yaml"))[:6]:
        shutil.copy(f, d / f.name)
    return d


@pytest.fixture
def texts(tmp_path, monkeypatch):
    """Three announcement texts and a counting stand-in for the extractor."""
    d = tmp_path / "texts"
    d.mkdir()
    sources = {f.name.removesuffix(".facts.yaml"): f for f in sorted(GOLD.glob("*.facts.yaml"))[:3]}
    for stem in sources:
        (d / f"{stem}.txt").write_text(f"Text of {stem}.\n", encoding="utf-8")
    calls = []

    def extract_file(path):
        calls.append(path.name)
        ff = load_facts(sources[path.stem])
        ff.path = None
        return ff

    import types
    import sys

    fake = types.ModuleType("kg.extract")
    fake.extract_file = extract_file
    monkeypatch.setitem(sys.modules, "kg.extract", fake)
    return d, calls


def test_unchanged_texts_are_not_extracted_again(texts, memory_store):
    folder, calls = texts
    first = build([folder], memory_store)
    assert (first.built, first.unchanged) == (3, 0) and len(calls) == 3
    before = _graphs(memory_store)

    again = build([folder], memory_store)
    assert (again.built, again.unchanged) == (0, 3)
    assert len(calls) == 3  # nothing re-extracted
    assert _graphs(memory_store) == before  # nothing re-written


def test_a_changed_text_is_extracted_again_alone(texts, memory_store):
    folder, calls = texts
    build([folder], memory_store)
    changed = sorted(folder.glob("*.txt"))[0]
    changed.write_text("An edited text.\n", encoding="utf-8")
    report = build([folder], memory_store)
    assert calls[3:] == [changed.name]
    # Its facts did not change, so the graph is kept and only its source hash moves on.
    assert (report.built, report.unchanged) == (0, 3)
    hashes = {r[0].value for r in memory_store.query(f"SELECT ?h WHERE {{ ?g <{SOURCE_HASH}> ?h }}")}
    assert source_hash(changed) in hashes
    build([folder], memory_store)
    assert len(calls) == 4


def test_force_extracts_everything_again(texts, memory_store):
    folder, calls = texts
    build([folder], memory_store)
    report = build([folder], memory_store, force=True)
    assert report.built == 3 and len(calls) == 6


def test_unchanged_facts_files_are_not_parsed_again(corpus, memory_store, monkeypatch):
    build([corpus], memory_store)
    parsed = []
    real = kg.build.load_facts
    monkeypatch.setattr(kg.build, "load_facts", lambda p: parsed.append(p) or real(p))
    report = build([corpus], memory_store)
    assert report.unchanged == 6 and parsed == []


def test_every_announcement_records_its_source_hash(corpus, memory_store):
    build([corpus], memory_store)
    rows = memory_store.query(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{SOURCE_HASH}> ?h }} }}")
    assert len(rows) == 6
    expected = {source_hash(f) for f in corpus.glob("*.facts.yaml")}
    assert {r[1].value for r in rows} == expected


@pytest.mark.parametrize("batch_size", [1, 4, 500])
def test_jobs_and_batches_give_the_same_store(corpus, identities, batch_size):
    with open_store(":memory:") as one, open_store(":memory:") as two:
        build([corpus], one, identities=identities, jobs=1)
        build([corpus], two, identities=identities, jobs=2, batch_size=batch_size)
        assert one.graphs() == two.graphs()
        # Per named graph, as rdflib compares graphs (kg writes no blank nodes, so
        # equal canonical forms mean equal quads).
        assert _graphs(one) == _graphs(two)
        assert all(isomorphic(g, _graphs(two)[name]) for name, g in _graphs(one).items())


def test_jobs_keep_input_order_for_duplicate_ids(corpus, tmp_path, memory_store):
    first = sorted(corpus.glob("*.facts.yaml"))[0]
    copy = corpus / "zz-copy.facts.yaml"
    copy.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    errors = []
    report = build([corpus], memory_store, jobs=2, on_error=errors.append)
    assert report.built == 6 and len(errors) == 1
    assert errors[0].startswith(str(copy)) and str(first) in errors[0]


def test_a_bad_file_fails_alone_with_jobs(corpus, memory_store):
    (corpus / "broken.facts.yaml").write_text("announcement: [\n", encoding="utf-8")
    errors = []
    report = build([corpus], memory_store, jobs=2, on_error=errors.append)
    assert report.built == 6 and len(report.failed) == 1 and "broken.facts.yaml" in errors[0]


def test_progress_and_total_callbacks(corpus, memory_store):
    totals, seen = [], []
    build([corpus], memory_store, progress=seen.append, on_total=totals.append)
    assert totals == [6] and len(seen) == 6


def test_cli_build_with_jobs_is_quiet_off_a_terminal(corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "--store", str(tmp_path / "s"), "--no-outputs", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert result.output == result.stdout
    assert "ETA" not in result.output and "\r" not in result.output
    assert result.output.startswith("6 built, 0 unchanged;")
    again = CliRunner().invoke(main, ["build", str(corpus), "--store", str(tmp_path / "s"), "--no-outputs"])
    assert again.output.startswith("0 built, 6 unchanged;")


def test_cli_rejects_zero_jobs(corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "--store", str(tmp_path / "s"), "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output
