"""End-to-end CLI: each command through click, effects checked through the library."""

import json
import shutil

import pytest
from click.testing import CliRunner
from paths import GOLD, ROOT

from kg.cli import main
from kg.query import run_query
from kg.store import open_store


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def built(run, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    result = run("build", GOLD, "--store", store, "--out", out, "--entities", ROOT / "data" / "entities.yaml")
    assert result.exit_code == 0, result.output
    return store, out


def test_build_writes_store_and_outputs(built, run):
    store, out = built
    assert sorted(p.name for p in out.iterdir()) == ["graph.graphml", "graph.html", "graph.json", "graph.trig"]
    with open_store(store, read_only=True) as s:
        count = len(s)
        assert any(r["actor"] == "Maggie Q" for r in run_query(s, "cast", {"series": "Ballard"}).values())
    again = run("build", GOLD, "--store", store, "--out", out, "--entities", ROOT / "data" / "entities.yaml")
    assert "0 built" in again.output
    with open_store(store, read_only=True) as s:
        assert len(s) == count


def test_query_cast_and_formats(built, run):
    store, _ = built
    result = run("query", "cast", "--param", "series=Ballard", "--store", store)
    assert result.exit_code == 0
    line = next(row for row in result.output.splitlines() if "Maggie Q" in row)
    assert "Renée Ballard" in line and "ballard-s2-renewal" in line
    data = json.loads(run("query", "cast", "--param", "series=Ballard", "--store", store, "--format", "json").output)
    assert any(b["actor"]["value"] == "Maggie Q" for b in data["results"]["bindings"])
    csv_out = run("query", "cast", "--store", store, "--format", "csv").output
    assert csv_out.startswith("work,work_iri,actor,actor_iri,character,character_iri,announcements\n")
    assert not csv_out.endswith("\n\n")


def test_query_errors_are_one_line(built, run):
    store, _ = built
    for args, message in [
        (("query", "SELECT * WHERE {"), "Error: SPARQL syntax error"),
        (("query", "cast", "--param", "seriez=x"), "Error: unknown parameter 'seriez'"),
        (("query", "nonsense"), "Error: 'nonsense' is not a canned query"),
    ]:
        result = run(*args, "--store", store)
        assert result.exit_code == 1
        assert result.output.startswith(message) and result.output.count("\n") == 1, result.output


def test_export_projections(built, run, tmp_path):
    store, _ = built
    for fmt in ("graphml", "gexf", "json"):
        for projection in ("full", "people", "works"):
            out = tmp_path / f"g-{projection}.{fmt}"
            result = run("export", "--store", store, "--format", fmt, "--projection", projection, "-o", out)
            assert result.exit_code == 0 and out.stat().st_size > 100
    assert run("export", "--store", store, "--format", "trig").output.startswith("@prefix")


def test_viz_focus_and_unknown_focus(built, run, tmp_path):
    store, _ = built
    out = tmp_path / "v.html"
    assert run("viz", "--store", store, "--focus", "Maggie Q", "--depth", "1", "-o", out).exit_code == 0
    assert "Maggie Q" in out.read_text(encoding="utf-8")
    bad = run("viz", "--store", store, "--focus", "Nobody Here", "-o", tmp_path / "w.html")
    assert bad.exit_code == 1 and "Nobody Here" in bad.output
    assert not (tmp_path / "w.html").exists()


def test_stats(built, run):
    store, _ = built
    result = run("stats", "--store", store)
    assert result.exit_code == 0 and "announcements" in result.output and "castMember" in result.output


def test_validate_reports_every_problem(run, tmp_path):
    good = tmp_path / "good"
    shutil.copytree(GOLD, good)
    assert run("validate", good).exit_code == 0
    bad = good / "bad.facts.yaml"
    bad.write_text("announcement: {id: bad}\nentities:\n  a: {type: Person, name: A}\nfacts:\n  - [a, starsIn, b]\n  - [a, portrays, b]\n", encoding="utf-8")
    result = run("validate", good)
    assert result.exit_code == 1
    assert f"{bad}:5: unknown relation 'starsIn'" in result.output
    assert f"{bad}:6: object 'b' is not a declared entity" in result.output


def test_build_with_a_bad_file_builds_the_others(run, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(GOLD, inputs)
    (inputs / "broken.facts.yaml").write_text("announcement: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(inputs), "--store", str(tmp_path / "s"), "--no-outputs"])
    assert result.exit_code == 1
    assert "broken.facts.yaml:2: malformed YAML" in result.output
    with open_store(tmp_path / "s", read_only=True) as s:
        assert run_query(s, "cast", {"series": "Ballard"}).rows


def test_locked_store_is_a_clear_error(run, tmp_path):
    with open_store(tmp_path / "s"):
        result = run("stats", "--store", tmp_path / "s")
    assert result.exit_code == 1 and "in use by another kg process" in result.output


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_readme_mentions_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in main.commands:
        assert f"kg {command}" in readme, command
