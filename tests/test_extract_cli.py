"""The `extract` and `eval` commands through click's CliRunner."""


from click.testing import CliRunner

from kg.commands.extract import eval_cmd, extract
from kg.facts import load_facts
from paths import DEV



def test_extract_writes_one_facts_file_per_input(tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(extract, [str(DEV / "ballard-s2-renewal.txt"),
                                     str(DEV / "lincoln-lawyer-netflix-premiere.html"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    ff = load_facts(out / "ballard-s2-renewal.facts.yaml")
    assert ff.announcement.id == "ballard-s2-renewal" and ff.facts
    assert load_facts(out / "lincoln-lawyer-netflix-premiere.facts.yaml").announcement.source == "lincoln-lawyer-netflix-premiere.html"
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
