"""Docs that cannot drift: help examples run, README tables match the code, no path outside the repo."""

import importlib
import os
import re
import shlex
import shutil
import subprocess
import sys

import click
import pytest

from helpers import BIN, http, stop, wait_until
from kg.cli import main
from kg.server import free_port
from paths import CORPUS, DATA, ROOT

sys.path.insert(0, str(ROOT / "docs"))
import readme_tables  # noqa: E402  (docs/ is not a package)

COMMANDS = sorted(main.commands)


# --- paths outside the repository ------------------------------------------------------

#: Folders that are not part of the repository (build products, caches, the virtualenv).
NOT_THE_REPO = {".git", ".venv", ".hypothesis", ".pytest_cache", ".ruff_cache", "__pycache__", "out", ".kg", "build"}
#: References to places outside a clone: the checkout's neighbours, one machine's absolute paths.
OUTSIDE = re.compile(
    r"\.\./(?:\.\./)*shared\b"  # the shared folder beside the checkout
    r"|(?<![\w./-])shared/(?:corpus|spec)\b"  # its corpus and spec, which a clone does not have
    r"|[\"']shared[\"']"  # the same, built with pathlib
    r"|(?<![\w.-])/(?:work|home|Users|root)/"  # absolute paths of one machine
)
#: Relative links in Markdown, which must stay inside the repository.
LINK = re.compile(r"\]\(((?:\.\./)+[^)#\s]*)")


def repo_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in NOT_THE_REPO and not d.endswith(".egg-info")]
        for name in filenames:
            if name != ".git":
                yield os.path.join(dirpath, name)


def outside_references(root):
    """``(file, line number, text)`` for each reference to a path outside ``root``."""
    root = os.path.realpath(root)
    found = []
    for path in repo_files(root):
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except (UnicodeDecodeError, OSError):
            continue  # binary files hold no paths a user would follow
        for n, line in enumerate(lines, 1):
            hits = [m.group(0) for m in OUTSIDE.finditer(line)]
            if path.endswith(".md"):
                for m in LINK.finditer(line):
                    target = os.path.realpath(os.path.join(os.path.dirname(path), m.group(1)))
                    if os.path.commonpath([root, target]) != root:
                        hits.append(m.group(1))
            found += [(os.path.relpath(path, root), n, h) for h in hits]
    return found


def test_no_file_refers_to_a_path_outside_the_repository():
    assert outside_references(ROOT) == []


# Built from pieces, so that this file does not hold what it looks for.
SHARED = "sha" + "red"
PLANTED = [f"see ../{SHARED}/corpus/dev", f"DEV = ROOT.parent / '{SHARED}' / 'corpus'", f"kg eval {SHARED}/corpus/dev",
           "open('/" + "work/data/x')", "[spec](../../../elsewhere.md)", "/" + "home/me/corpus"]


@pytest.mark.parametrize("text", PLANTED)
def test_the_check_finds_a_reference_when_there_is_one(tmp_path, text):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "file.md").write_text(f"ok line\n{text}\n")
    assert [(f, n) for f, n, _ in outside_references(tmp_path)] == [(os.path.join("sub", "file.md"), 2)]


def test_the_facts_format_is_in_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/facts-format.md" in readme
    doc = (ROOT / "docs" / "facts-format.md").read_text(encoding="utf-8")
    for section in ("## Entity types", "## Relations", "## Conventions", "## Text as it is published", "## How extraction is scored"):
        assert section in doc


# --- README generated from the code ------------------------------------------------------


def test_readme_tables_are_generated_from_the_code():
    r = subprocess.run([str(BIN / "cog"), "--check", "README.md"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr + "\nrun: cog -r README.md"


def test_the_query_help_lists_every_predeclared_prefix():
    from kg.mapping import PREFIXES

    text = main.commands["query"].get_help(click.Context(main.commands["query"], info_name="kg query"))
    for name, iri in PREFIXES.items():
        assert re.search(rf"^\s+{name}:\s+{re.escape(iri)}$", text, re.M), name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_examples_and_names_its_library_call(name):
    command = main.commands[name]
    assert "Example" in command.help
    calls = readme_tables.library_calls(command)
    assert calls, f"kg {name} --help has no 'Python:' line"
    for call in calls:
        module, _, attr = call.rpartition(".")
        try:
            importlib.import_module(call)
        except ImportError:
            assert hasattr(importlib.import_module(module), attr), call


# --- every --help example runs ----------------------------------------------------------


def examples(text):
    """The command lines under "Example:" (and "Start with:") in a help text, comments dropped."""
    out, inside = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped in ("Example:", "Start with:"):
            inside = True
        elif inside and (stripped.startswith(("kg ", "curl ")) or stripped == "kg"):
            out.append(re.sub(r"\s+#.*$", "", stripped))
        elif inside and stripped and not line.startswith(" "):
            inside = False
        elif inside and stripped.startswith(("Python:", "Options:", "Canned queries:")):
            inside = False
    return out


def help_text(name=None):
    command = main if name is None else main.commands[name]
    return command.get_help(click.Context(command, info_name="kg" if name is None else f"kg {name}"))


def all_examples():
    # The builds first: the other examples use the store and folders they make.
    order = ["build", None, "validate", "stats", "duplicates", "query", "export", "viz", "extract", "eval", "serve"]
    assert set(order) - {None} == set(COMMANDS), "a new command: add it to the order here"
    return [(name, line) for name in order for line in examples(help_text(name))]


def test_the_example_parser_finds_them():
    found = all_examples()
    assert ("build", "kg build") in found and ("eval", "kg eval tests/corpus/dev --system facts/") in found
    assert sum(1 for name, _ in found if name == "serve") == 6


@pytest.fixture
def workdir(tmp_path):
    """A folder laid out like the repository's data, where the examples run as a user would run them."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(CORPUS / "dev", tmp_path / "tests" / "corpus" / "dev")
    return tmp_path


@pytest.mark.slow
def test_every_help_example_runs(workdir):
    """Each example is run by bash from a folder holding data/ and tests/corpus/dev, in order.

    The server examples listen on a free port instead of 7878 (other programs may hold it);
    a line ending in ``&`` starts in the background and the next line waits until it answers;
    a foreground ``kg serve`` is checked to answer, then stopped; ``kg serve --get`` runs
    like any command, once the servers started before it have been stopped (they own the store).
    """
    port = free_port()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("KG_STORE", None)
    background = []
    try:
        for _name, line in all_examples():
            line = line.replace("7878", str(port))
            if line.startswith("kg serve") and "--port" not in line and "--get" not in line:
                line += f" --port {port}"
            if line.startswith("kg serve --get"):
                while background:
                    stop(background.pop())
            elif line.startswith("kg serve"):
                proc = subprocess.Popen(["bash", "-c", "exec " + line.rstrip(" &")], cwd=workdir, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
                background.append(proc)
                wait_until(lambda proc=proc: _answers(port) or proc.poll() is not None, timeout=60, what=f"{line!r} answering")
                assert proc.poll() is None, proc.stderr.read().decode()
                if not line.endswith("&"):
                    stop(background.pop())
                continue
            r = subprocess.run(["bash", "-c", line], cwd=workdir, env=env, capture_output=True, text=True, timeout=300)
            assert r.returncode == 0, f"{shlex.quote(line)} failed:\n{r.stdout}\n{r.stderr}"
            assert "Traceback" not in r.stderr
    finally:
        for proc in background:
            stop(proc)


def _answers(port):
    try:
        return http("GET", f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=2).status == 200
    except OSError:
        return False
