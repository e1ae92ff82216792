"""kg serve --get and the protocol handler without a socket."""

import csv
import io
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import copy_store

from kg.cli import main
from kg.server import ServerConfig, get

pytestmark = pytest.mark.server


def test_get_answers_a_query_without_listening(gold_dir, tmp_path_factory):
    store = copy_store(gold_dir, tmp_path_factory, "get")
    target = "/sparql?" + urllib.parse.urlencode({"query": "SELECT ?l WHERE { ?w a kg:Series ; rdfs:label ?l } ORDER BY ?l"})
    r = get(ServerConfig(store=store, workers=1), target, {"Accept": "text/csv"})
    assert r.status == 200 and r.content_type.startswith("text/csv")
    labels = [row[0] for row in csv.reader(io.StringIO(r.body.decode()))][1:]
    assert "Bosch" in labels and "Ballard" in labels


def test_cli_get_prints_the_answer_and_exits_0_on_200(gold_dir, tmp_path_factory):
    store = copy_store(gold_dir, tmp_path_factory, "cliget")
    target = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?w rdfs:label 'Bosch' }"})
    result = CliRunner().invoke(main, ["serve", "--store", store, "--workers", "1", "--get", target, "--header", "Accept: text/csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"_askResult\r\ntrue\r\n"


def test_cli_get_exits_1_on_other_statuses(tmp_path):
    # A real process: the exit code and the streams are what a script sees.
    (tmp_path / "store").mkdir()
    proc = subprocess.run([str(Path(sys.executable).parent / "kg"), "serve", "--store", str(tmp_path / "store"), "--workers", "1", "--get", "/nowhere"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("404 Not Found: nothing at /nowhere")
    assert "kg serve --get: HTTP 404" in proc.stderr


def test_cli_get_refuses_a_target_that_is_not_a_path(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path), "--get", "sparql"])
    assert result.exit_code == 2
    assert "'sparql' is not a path: start it with /" in result.output
