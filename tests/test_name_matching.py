"""Names that match nothing or several entities, in queries and in the NetworkX helpers; stable outputs."""

import hashlib
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from paths import ROOT

from kg.cli import main
from kg.network import connection, find_node
from kg.query import AmbiguousName, Candidate, NameNotFound, match_name, run_query

FILM = "https://w3id.org/entertainment-kg/id/film/lincoln-lawyer"
SERIES = "https://w3id.org/entertainment-kg/id/series/lincoln-lawyer"


def test_a_parameter_that_matches_nothing_suggests_the_nearest_names(gold_store):
    with pytest.raises(NameNotFound) as e:
        run_query(gold_store, "cast", {"series": "Balard"})
    assert e.value.suggestions[0] == "Ballard"
    assert str(e.value).startswith("no entity named 'Balard' in the graph\n\nDid you mean: 'Ballard'")


def test_a_parameter_that_matches_several_lists_them_and_how_to_choose(gold_store):
    with pytest.raises(AmbiguousName) as e:
        run_query(gold_store, "cast", {"series": "The Lincoln Lawyer"})
    assert [(c.iri, c.type) for c in e.value.candidates] == [(FILM, "Film"), (SERIES, "Series")]
    assert e.value.candidates[0].year == "2011"
    assert "'The Lincoln Lawyer (Film)'" in str(e.value) and f"<{FILM}>" in str(e.value)
    film = run_query(gold_store, "cast", {"series": "The Lincoln Lawyer (Film)"}).values()
    series = run_query(gold_store, "cast", {"series": f"<{SERIES}>"}).values()
    assert film and series and {r["actor"] for r in film} != {r["actor"] for r in series}
    assert {r["actor"] for r in run_query(gold_store, "cast", {"series": "ballard"}).values()} >= {"Maggie Q"}


def test_cli_says_so_without_a_traceback(gold_dir):
    r = CliRunner().invoke(main, ["query", "cast", "--param", "series=Balard", "--store", str(gold_dir)])
    assert r.exit_code == 1
    assert "no entity named 'Balard'" in r.output and "Did you mean: 'Ballard'" in r.output
    assert "Traceback" not in r.output


def test_find_node_never_picks_silently(gold_graph):
    with pytest.raises(AmbiguousName) as e:
        find_node(gold_graph, "The Lincoln Lawyer")
    assert {c.type for c in e.value.candidates} >= {"Film", "Series"}
    assert find_node(gold_graph, "The Lincoln Lawyer (Series)") == SERIES
    assert find_node(gold_graph, f"<{FILM}>") == FILM
    assert find_node(gold_graph, "Bosch") == "https://w3id.org/entertainment-kg/id/series/bosch"  # a label beats an alias
    with pytest.raises(NameNotFound, match="Did you mean: 'Harry Bosch'"):
        find_node(gold_graph, "Harry Bosh")


def test_match_name_in_the_api():
    entries = [(Candidate("a", "Jane Roe", "Person"), ["J. Roe"]), (Candidate("b", "Jane Roe", "Character", work="Show"), [])]
    assert match_name("j. roe", entries).iri == "a"
    assert match_name("Jane Roe (Character)", entries).iri == "b"
    with pytest.raises(AmbiguousName):
        match_name("JANE ROE", entries)


_SCRIPT = """
import hashlib, sys
from kg.build import build, default_identities
from kg.network import connection, dumps_graph, to_networkx
from kg.store import open_store
from kg.viz import write_html
store = open_store(":memory:")
build(["data/announcements"], store, identities=default_identities())
G = to_networkx(store)
print(connection(G, "Maggie Q", "Manuel Garcia-Rulfo"))
print(connection(G, "Titus Welliver", "Maggie Q"))
for fmt in ("json", "graphml"):
    print(fmt, hashlib.sha256(dumps_graph(G, fmt).encode()).hexdigest())
write_html(G, sys.argv[1])
"""


@pytest.mark.slow
def test_outputs_are_the_same_whatever_the_hash_seed(tmp_path):
    answers = []
    for seed in ("1", "2", "3"):
        html = tmp_path / f"g{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        r = subprocess.run([sys.executable, "-c", _SCRIPT, str(html)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        answers.append((r.stdout, hashlib.sha256(html.read_bytes()).hexdigest()))
    assert answers[0] == answers[1] == answers[2]


def test_connection_is_the_first_shortest_path_in_label_order(gold_graph):
    steps = connection(gold_graph, "Maggie Q", "Manuel Garcia-Rulfo")
    assert steps == connection(gold_graph.copy(), "Maggie Q", "Manuel Garcia-Rulfo")
    reversed_graph = gold_graph.__class__()
    reversed_graph.add_nodes_from(reversed(list(gold_graph.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(gold_graph.edges(keys=True, data=True))))
    assert connection(reversed_graph, "Maggie Q", "Manuel Garcia-Rulfo") == steps
