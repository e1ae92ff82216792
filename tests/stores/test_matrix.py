"""One store matrix: the same kg commands on the embedded store, Oxigraph server and Virtuoso.

Every step runs through the CLI, as a user would, on each remote store and on an
embedded store in step with it, and the answers are compared: the build, an
unchanged rebuild, a changed input, ``--prune``, every canned query with and without
parameters, ``kg stats``, exports (TriG, GraphML) and ``kg viz``. Virtuoso is reached
through Digest authentication as a user with the SPARQL_UPDATE role; a second
Virtuoso caps results at 10 rows, which kg must page through, never trust.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import canned_queries

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "data" / "gold"
ENTITIES = ROOT / "data" / "entities.yaml"

#: One parameter set per canned query, including a non-ASCII value.
PARAMS = {
    "cast": [{"series": "Ballard"}, {"series": "the lincoln lawyer (series)"}],
    "based-on": [{"author": "Michael Connelly"}],
    "franchise-people": [{"franchise": "Bosch universe"}],
    "franchise-works": [],
    "producers": [{"work": "Bosch: Legacy"}],
    "provenance": [{"subject": "Maggie Q"}, {"subject": "Renée Ballard"}, {"subject": "Maggie Q", "relation": "portrays"}],
}

pytestmark = [pytest.mark.server, pytest.mark.slow]


class Pair:
    """A remote store and an embedded one, given the same commands."""

    def __init__(self, server, tmp):
        self.server = server
        self.tmp = tmp
        self.embedded = str(tmp / "embedded")
        self.remote = server.url
        self.env = {"KG_STORE_LAYOUT": server.layout, "KG_STORE_USER": server.user, "KG_STORE_PASSWORD": server.password}
        self.inputs = tmp / "inputs"
        shutil.copytree(GOLD, self.inputs)

    def run(self, store, *args, ok=True):
        env = self.env if store == self.remote else {"KG_STORE_LAYOUT": None, "KG_STORE_USER": None, "KG_STORE_PASSWORD": None}
        result = CliRunner().invoke(main, [*args, "--store", store], env=env, catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    def both(self, *args):
        return self.run(self.embedded, *args), self.run(self.remote, *args)

    def build(self, *extra):
        return self.both("build", str(self.inputs), "--entities", str(ENTITIES), "--no-outputs", *extra)


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso", "virtuoso-capped"])
def pair(request, servers, tmp_path_factory):
    server = servers(request.param)
    tmp = tmp_path_factory.mktemp(f"matrix-{request.param}")
    p = Pair(server, tmp)
    mine, theirs = p.build()
    assert "failed" not in theirs.output.lower() or " 0 failed" in theirs.output.lower()
    return p


def _quads(text, fmt=ox.RdfFormat.N_QUADS):
    return sorted(str(q) for q in ox.parse(text.encode() if isinstance(text, str) else text, format=fmt))


def _stats(output):
    """kg stats without its first line, which names the store."""
    return output.splitlines()[1:]


def test_build_gives_the_same_quads(pair):
    mine, theirs = pair.both("export", "--format", "nquads")
    assert _quads(theirs.stdout_bytes) == _quads(mine.stdout_bytes)


def test_unchanged_rebuild_builds_nothing(pair):
    _, theirs = pair.build()
    assert "0 built" in theirs.output, theirs.output


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_canned_queries_without_parameters(pair, name):
    mine, theirs = pair.both("query", name, "--format", "csv")
    assert theirs.output.splitlines()[0] == mine.output.splitlines()[0]
    assert sorted(theirs.output.splitlines()[1:]) == sorted(mine.output.splitlines()[1:])
    assert len(mine.output.splitlines()) > 1, f"{name} answers nothing on the embedded store"


@pytest.mark.parametrize("name,params", [(n, p) for n, ps in sorted(PARAMS.items()) for p in ps])
def test_canned_queries_with_parameters(pair, name, params):
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    mine, theirs = pair.both("query", name, *args, "--format", "csv")
    assert len(mine.output.splitlines()) > 1, f"{name} {params} answers nothing on the embedded store"
    assert sorted(theirs.output.splitlines()) == sorted(mine.output.splitlines())


def test_stats_are_the_same(pair):
    mine, theirs = pair.both("stats")
    assert _stats(theirs.output) == _stats(mine.output)


def test_exports_are_the_same(pair, tmp_path):
    mine, theirs = pair.both("export", "--format", "trig")
    assert _quads(theirs.stdout_bytes, ox.RdfFormat.TRIG) == _quads(mine.stdout_bytes, ox.RdfFormat.TRIG)
    pair.run(pair.embedded, "export", "--format", "graphml", "-o", str(tmp_path / "mine.graphml"))
    pair.run(pair.remote, "export", "--format", "graphml", "-o", str(tmp_path / "theirs.graphml"))
    a, b = nx.read_graphml(tmp_path / "mine.graphml"), nx.read_graphml(tmp_path / "theirs.graphml")
    assert sorted(a.nodes(data=True)) == sorted(b.nodes(data=True))
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))


def test_viz_shows_the_same_graph(pair, tmp_path):
    pair.run(pair.embedded, "viz", "-o", str(tmp_path / "mine.html"))
    pair.run(pair.remote, "viz", "-o", str(tmp_path / "theirs.html"))
    assert (tmp_path / "mine.html").read_bytes() == (tmp_path / "theirs.html").read_bytes()


def test_a_changed_input_is_rebuilt(pair):
    path = pair.inputs / "ballard-s2-renewal.facts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Ballard renewed", "title: Ballard is renewed", 1), encoding="utf-8")
    mine, theirs = pair.build()
    assert "1 built" in theirs.output and "1 built" in mine.output, theirs.output
    mine, theirs = pair.both("export", "--format", "nquads")
    assert _quads(theirs.stdout_bytes) == _quads(mine.stdout_bytes)


def test_prune_drops_what_left_the_inputs(pair):
    (pair.inputs / "bosch-s2-premiere.facts.yaml").unlink()
    mine, theirs = pair.build("--prune")
    mine, theirs = pair.both("export", "--format", "nquads")
    assert "bosch-s2-premiere" not in theirs.output
    assert _quads(theirs.stdout_bytes) == _quads(mine.stdout_bytes)
    mine, theirs = pair.both("stats")
    assert _stats(theirs.output) == _stats(mine.output)


def test_credentials_as_options_and_clear_refusals(servers, tmp_path):
    server = servers("virtuoso")
    runner = CliRunner()
    clean = {"KG_STORE_LAYOUT": None, "KG_STORE_USER": None, "KG_STORE_PASSWORD": None}
    url = server.url
    ok = runner.invoke(main, ["stats", "--store", url, "--store-layout", "virtuoso", "--store-user", server.user, "--store-password", server.password], env=clean)
    assert ok.exit_code == 0, ok.output
    # Without credentials Virtuoso's anonymous endpoint refuses writes: one clean message, a fitting hint.
    refused = runner.invoke(main, ["build", str(GOLD / "ballard-s2-renewal.facts.yaml"), "--store", url, "--store-layout", "virtuoso", "--no-outputs", "--force"], env=clean)
    assert refused.exit_code == 1
    assert "Traceback" not in refused.output and "<html" not in refused.output.lower()
    assert "KG_STORE_USER" in refused.output and "--allow-update" not in refused.output
    # A wrong password is a 401 with the credentials hint.
    wrong = runner.invoke(main, ["stats", "--store", url, "--store-layout", "virtuoso", "--store-user", server.user, "--store-password", "nope"], env=clean)
    assert wrong.exit_code == 0  # reading needs no credentials on Virtuoso's /sparql
    denied = runner.invoke(main, ["build", str(GOLD / "ballard-s2-renewal.facts.yaml"), "--store", url, "--store-layout", "virtuoso", "--store-user", server.user, "--store-password", "nope", "--no-outputs", "--force"], env=clean)
    assert denied.exit_code == 1 and "401" in denied.output and "KG_STORE_PASSWORD" in denied.output, denied.output


@pytest.mark.parametrize(
    "sparql",
    [
        "ASK { ?w kg:castMember ?p }",
        "ASK { ?w kg:castMember kg:nobody }",
        "CONSTRUCT { ?w kg:castMember ?p } WHERE { ?w kg:castMember ?p }",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(ann:))) } GROUP BY ?g ORDER BY ?g",
    ],
)
def test_other_query_forms(pair, sparql):
    """ASK, CONSTRUCT (paged past a cap on triples) and graphs. DESCRIBE is not compared:
    the spec leaves what it returns to each engine (Virtuoso adds incoming triples)."""
    mine, theirs = pair.both("query", sparql)
    assert sorted(theirs.output.splitlines()) == sorted(mine.output.splitlines())


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(ann:))) } ORDER BY DESC(?g)",
        "SELECT ?g ?s WHERE { GRAPH ?g { ?s a ?t } FILTER(STRSTARTS(STR(?g), STR(ann:))) } ORDER BY ?g ?s LIMIT 25 OFFSET 30",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } VALUES ?p { kg:castMember rdfs:label }",
    ],
)
def test_answers_longer_than_the_sort_limit(pair, sparql):
    """Answers many times longer than a server's cap, in the order the query asks for.

    The capped Virtuoso refuses an ORDER BY whose LIMIT plus OFFSET passes 10 rows
    (SR353, as a default Virtuoso does past 10,000), so pages cannot be ordered
    windows of the query there. Sorted IRIs and ties of equal rows make the ordered
    answers comparable line by line (kg's graphs only: Virtuoso has graphs of its own).
    A trailing VALUES clause stays last however the query is paged (on a projected
    variable: Virtuoso refuses one on another, error SQ200, whether paged or not)."""
    if "VALUES" in sparql and pair.server.name == "virtuoso-capped":
        pytest.skip("Virtuoso answers a trailing VALUES with LIMIT or ORDER BY under a small cap with no rows (its own fault, paged or not)")
    mine, theirs = pair.both("query", sparql, "--format", "csv")
    assert len(mine.output.splitlines()) > 21
    if "ORDER BY" in sparql:
        assert theirs.output.splitlines() == mine.output.splitlines()
    else:
        assert sorted(theirs.output.splitlines()) == sorted(mine.output.splitlines())
