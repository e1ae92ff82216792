"""Case 1: hostile and broken announcement texts, through ``kg extract``, ``kg build`` and the API.

Each input gives a result or one clear error line naming the file; one bad file
never stops a batch.
"""

import os
import subprocess

import pytest

from kg.errors import ExtractError
from kg.extract import extract_file, extract_text
from kg.facts import load_facts
from kg.store import open_store
from helpers import GOOD_TEXT, cli, kg, one_line_errors, write_announcements

MB = 1024 * 1024

#: name -> (bytes, expected error fragment or None for "gives a result")
BAD = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\t\n   \r\n", None),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
    "latin1.txt": ("Netflix renews Caf\xe9 Society.\n".encode("latin-1"), "not valid UTF-8"),
    "huge.txt": (None, "over the 20971520-byte limit"),  # written sparse below
}
GOOD = {
    "utf16.txt": ("\ufeff" + GOOD_TEXT).encode("utf-16-le"),
    "nested.html": ("<div>" * 20000 + GOOD_TEXT + "</div>" * 20000).encode(),
    "scripted.html": (
        "<html><head><style>p { color: red } /* Netflix has renewed Styled */</style>"
        "<script>document.write('Netflix has renewed Scripted for a third season')</script></head>"
        "<body><!-- Netflix has renewed Commented for a fourth season --><p>" + GOOD_TEXT + "</p></body></html>"
    ).encode(),
    "hostile-names.txt": (
        'Netflix has renewed <script>alert(1)</script> for a second season, starring Jane "Q" O\'Neil '
        "as Ann\u202eBar and Omar \u200fHaddad as Det.\nSam\nLee.\n"
    ).encode(),
}


def write_corpus(folder):
    folder.mkdir()
    for name, (data, _) in BAD.items():
        if data is None:
            with open(folder / name, "wb") as f:  # sparse: 20 MB + 1 byte without writing them
                f.truncate(20 * MB + 1)
        else:
            (folder / name).write_bytes(data)
    for name, data in GOOD.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(GOOD_TEXT)
    return folder


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_text_gives_one_clear_error_or_a_result(tmp_path, name):
    corpus = write_corpus(tmp_path / "in")
    expected = BAD[name][1]
    if expected is None:
        ff = extract_file(corpus / name)
        assert ff.facts == []
        return
    with pytest.raises(ExtractError) as e:
        extract_file(corpus / name)
    message = str(e.value)
    assert "\n" not in message and str(corpus / name) in message and expected in message


@pytest.mark.parametrize("name", sorted(GOOD))
def test_odd_but_readable_text_gives_a_result(tmp_path, name):
    corpus = write_corpus(tmp_path / "in")
    ff = extract_file(corpus / name)
    text = (corpus / name).read_bytes()
    if name == "utf16.txt":
        assert any(e.name == "Maggie Q" for e in ff.entities.values())
    if name == "scripted.html":
        names = {e.name for e in ff.entities.values()}
        # Script, style and comment text is not announcement text.
        assert not names & {"Styled", "Scripted", "Commented"}, names
        assert "Ballard" in names
    if name == "hostile-names.txt":
        assert ff.entities and text  # extracted something, did not crash


def test_extract_batch_goes_on_after_bad_files(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    r = kg("extract", *sorted(corpus.iterdir()), "--out", out)
    assert r.returncode == 1
    errors = one_line_errors(r.stderr)
    assert len(errors) == sum(1 for _, err in BAD.values() if err)
    for name, (_, err) in BAD.items():
        if err:
            assert any(str(corpus / name) in line and err in line for line in errors), (name, errors)
    written = sorted(p.name for p in out.iterdir())
    assert {"good.facts.yaml", "utf16.facts.yaml", "nested.facts.yaml", "scripted.facts.yaml", "hostile-names.facts.yaml"} <= set(written)
    for p in out.iterdir():
        load_facts(p)  # what kg extract writes, kg reads back


def test_build_batch_goes_on_after_bad_files(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    store = tmp_path / "store"
    r = cli("build", corpus, "--store", store, "--no-outputs")
    assert r.exit_code == 1
    failing = sum(1 for _, err in BAD.values() if err)
    assert r.stderr.splitlines()[-1] == f"Error: {failing} input(s) failed; the others were built"
    assert len(one_line_errors(r.stderr)) == failing
    with open_store(store, create=False) as s:
        graphs = {g.rsplit("/", 1)[-1] for g in s.graphs()}
    assert {"good", "utf16", "nested", "scripted", "hostile-names", "blank"} <= graphs


def test_names_with_markup_quotes_newlines_and_bidi_marks_survive_literally():
    text = 'Netflix has renewed Foo for a second season, starring Jane "Q" O\'Neil as <b>Ann</b> Bar.'
    ff = extract_text(text, doc_id="hostile")
    for f in ff.facts:
        start, end = f.span
        assert 0 <= start <= end <= len(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "word " * 10_000,
        "Word " * 10_000,
        "Netflix has renewed Foo, starring " + "Jane Doe, " * 5_000,
        "Netflix has renewed Foo for a second season, starring " + "Jane Doe as Ann Bar, " * 2_400,
        "a" * 50_000,
        "(" * 25_000 + ")" * 25_000,
        "executive produced by " + "and by " * 7_000,
    ],
    ids=["lower", "capitalised", "name-list", "as-list", "one-word", "brackets", "credits"],
)
def test_a_50000_character_sentence_extracts(tmp_path, sentence):
    # Backtracking gone wrong would never finish: the limit guards against that hang only
    # (bench_extract.py --long-sentences measures the time).
    path = tmp_path / "long.txt"
    path.write_text(sentence[:50_000] + ".")
    r = kg("extract", path, "--out", tmp_path / "out", timeout=600)
    assert r.returncode == 0, r.stderr


@pytest.mark.slow
def test_a_50000_character_cast_list_extracts(tmp_path):
    path = tmp_path / "cast.txt"
    path.write_text("Netflix has renewed Foo for a second season, starring " + ", ".join(f"Actor{i} Name as Role{i} Person" for i in range(1500)) + ".")
    try:
        r = kg("extract", path, "--out", tmp_path / "out", timeout=600)  # a guard against a hang, as above
    except subprocess.TimeoutExpired:
        pytest.fail("kg extract hung on a 50,000-character cast list")
    assert r.returncode == 0, r.stderr
    load_facts(tmp_path / "out" / "cast.facts.yaml")  # over 20 MB: refused


@pytest.mark.slow
def test_ten_thousand_files_in_one_build(tmp_path):
    # No time limit: how long it takes is measured by benchmarks/bench_big_inputs.py.
    corpus = tmp_path / "in"
    assert write_announcements(corpus, 10_000) == 10
    store = tmp_path / "store"
    r = kg("build", corpus, "--store", store, "--no-outputs", "--jobs", "2", timeout=None)
    assert r.returncode == 1
    assert len(one_line_errors(r.stderr)) == 10
    assert "9990 built" in r.stdout
    with open_store(store, read_only=True) as s:
        assert len([g for g in s.graphs() if "/announcement/" in g]) == 9990


def test_an_unreadable_file_is_one_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "secret.txt"
    path.write_text(GOOD_TEXT)
    path.chmod(0)
    with pytest.raises(ExtractError, match="cannot read"):
        extract_file(path)
