"""The `extract` and `eval` commands through click's CliRunner."""


import shutil

from click.testing import CliRunner

from kg.commands.extract import eval_cmd, extract
from kg.facts import load_facts
from paths import ANNOUNCEMENTS, DEV

from helpers import cli
from kg.store import open_store


def test_extract_writes_one_facts_file_per_input(tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(extract, [str(DEV / "ballard-s2-renewal.txt"),
                                     str(DEV / "lincoln-lawyer-netflix-premiere.html"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    ff = load_facts(out / "ballard-s2-renewal.facts.yaml")
    assert ff.announcement.id == "ballard-s2-renewal" and ff.facts
    # source: resolves from the facts file itself (relative or absolute, by where the two are)
    source = load_facts(out / "lincoln-lawyer-netflix-premiere.facts.yaml").source_path()
    assert source.resolve() == (DEV / "lincoln-lawyer-netflix-premiere.html").resolve()
    assert not list(out.glob(".*.tmp"))


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    r = CliRunner().invoke(extract, [str(bad), str(empty), str(DEV / "bosch-s1-premiere.txt"), "--out", str(out)])
    assert r.exit_code == 1
    assert f"error: {bad}: binary file, not text\n" in r.stderr
    assert f"error: {empty}: empty file\n" in r.stderr
    assert (out / "bosch-s1-premiere.facts.yaml").exists()
    assert not (out / "bad.facts.yaml").exists()


def test_blank_text_warns_and_writes_an_empty_facts_file(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text("   \n", encoding="utf-8")
    r = CliRunner().invoke(extract, [str(blank), "--out", str(tmp_path / "out")])
    assert r.exit_code == 0
    assert "warning:" in r.stderr
    ff = load_facts(tmp_path / "out" / "blank.facts.yaml")
    assert ff.facts == [] and ff.announcement.id == "blank"


def test_extract_a_folder_names_each_text_relative_to_its_facts_file(tmp_path):
    texts = tmp_path / "texts"
    shutil.copytree(ANNOUNCEMENTS, texts)
    (texts / "README.md").write_text("# what this folder holds\n", encoding="utf-8")
    r = CliRunner().invoke(extract, [str(texts), "--out", str(tmp_path / "facts")])
    assert r.exit_code == 0, r.output
    inputs = sorted(p.name for p in texts.iterdir() if p.name != "README.md")
    written = sorted((tmp_path / "facts").glob("*.facts.yaml"))
    assert len(written) == len(inputs) > 10
    ff = load_facts(tmp_path / "facts" / "ballard-s2-renewal.facts.yaml")
    assert ff.announcement.source == "../texts/ballard-s2-renewal.txt"
    assert ff.source_path().resolve() == (texts / "ballard-s2-renewal.txt").resolve()


def test_two_texts_for_one_facts_file_are_refused_not_overwritten(tmp_path):
    for folder, words in (("a", "renewed Ballard for a second season"), ("b", "renewed Bosch for a third season")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(f"Netflix has {words}.\n", encoding="utf-8")
    r = CliRunner().invoke(extract, [str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "facts")])
    assert r.exit_code == 1
    assert f"error: {tmp_path / 'b' / 'news.txt'}: its facts file" in r.stderr and "already written from" in r.stderr
    assert load_facts(tmp_path / "facts" / "news.facts.yaml").source_path().resolve() == (tmp_path / "a" / "news.txt").resolve()


def test_reviewed_facts_win_over_their_texts(tmp_path):
    texts, reviewed, store = tmp_path / "texts", tmp_path / "reviewed", tmp_path / "store"
    shutil.copytree(ANNOUNCEMENTS, texts)
    assert cli("extract", texts, "--out", reviewed).exit_code == 0
    # A reviewer corrects one title; the build must take the facts file, not re-extract the text.
    target = reviewed / "ballard-s2-renewal.facts.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("  title:")]
    lines.insert(next(i for i, line in enumerate(lines) if line.startswith("  source:")) + 1, "  title: Reviewed title")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("build", texts, reviewed, "--store", store, "--no-outputs")
    assert r.exit_code == 0, r.output
    assert f"{len(list(reviewed.iterdir()))} built" in r.output
    with open_store(store, read_only=True) as s:
        titles = {row[0].value for row in s.query("PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?t { GRAPH ?g { ?a dcterms:title ?t } }")}
        assert "Reviewed title" in titles


def test_extract_needs_out():
    r = CliRunner().invoke(extract, ["x.txt"])
    assert r.exit_code == 2 and "--out" in r.output


def test_eval_prints_tables(tmp_path):
    r = CliRunner().invoke(eval_cmd, [str(DEV), "--no-errors"])
    assert r.exit_code == 0, r.output
    assert "micro (all)" in r.output and "castMember" in r.output


def test_eval_with_system_dir(tmp_path):
    out = tmp_path / "sys"
    CliRunner().invoke(extract, [str(p) for p in sorted(DEV.glob("*.txt"))] +
                       [str(DEV / "lincoln-lawyer-netflix-premiere.html"), "--out", str(out)])
    r = CliRunner().invoke(eval_cmd, [str(DEV), "--system", str(out)])
    assert r.exit_code == 0 and "micro (all)" in r.output


def test_eval_without_gold_files_fails(tmp_path):
    r = CliRunner().invoke(eval_cmd, [str(tmp_path)])
    assert r.exit_code == 1 and "no gold facts files" in r.output


def test_help_has_examples():
    for cmd in (extract, eval_cmd):
        r = CliRunner().invoke(cmd, ["--help"])
        assert r.exit_code == 0 and "Example" in r.output and "kg " in r.output
