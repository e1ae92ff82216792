"""Case 2: broken and hostile facts files, through ``kg validate``, ``kg build`` and ``load_facts``.

Every problem is one line naming the file and, where there is one, the line.
"""


import pytest

from kg.errors import FactsError
from kg.facts import load_facts
from kg.store import open_store
from helpers import big_facts_text, cli, one_line_errors

GOOD = """announcement: {id: good, published: 2025-10-06}
entities:
  ballard: {type: Series, name: Ballard}
  maggie-q: {type: Person, name: Maggie Q}
facts:
  - [ballard, castMember, maggie-q]
"""

LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)

#: name -> (text, expected "file:line: message" suffix after the path)
CASES = {
    "malformed": ("announcement:\n  id: x\nentities: {a: [\n", ":4: malformed YAML"),
    "tabs": ("announcement:\n\tid: x\n", ":2: malformed YAML"),
    "bomb": (LAUGHS, ":2: YAML aliases are not allowed in facts files"),
    "anchor-in-entities": (GOOD + "  - &f [ballard, castMember, maggie-q]\n  - *f\n", ":8: YAML aliases are not allowed"),
    "deep-flow": ("announcement: " + "[" * 50_000 + "]" * 50_000 + "\n", ":1: malformed YAML"),
    "deep-block": ("".join("  " * i + "a:\n" for i in range(1_000)), ":33: YAML nested more than 32 levels deep"),
    "two-documents": (GOOD + "---\n" + GOOD, ":7: a facts file holds one YAML document"),
    "wrong-types": ("announcement: {id: [x]}\nentities:\n  a: {type: Series, name: {n: 1}}\nfacts: {}\n", ":1: announcement id must be a string"),
    "bad-literal": (GOOD.replace("facts:\n", "  s2: {type: Season, name: S2}\nfacts:\n  - [s2, seasonNumber, two]\n"), ":7: seasonNumber must be a non-negative integer"),
    "dangling": (GOOD.replace("maggie-q]", "nobody]"), ":6: object 'nobody' is not a declared entity"),
    "duplicate-id": (GOOD.replace("  maggie-q:", "  ballard: {type: Film, name: Other}\n  maggie-q:"), ":4: duplicate key 'ballard' in 'entities'"),
    "duplicate-fact": (GOOD + "  - [ballard, castMember, maggie-q]\n", ":7: duplicate fact"),
    "unknown-relation": (GOOD.replace("castMember", "marriedTo"), ":6: unknown relation 'marriedTo'"),
    "empty": ("", ": file is empty"),
    "not-utf8": (b"announcement: {id: x}\n# caf\xe9\n", ":2: not valid UTF-8"),
}


def write(folder, name, text):
    path = folder / f"{name}.facts.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_problem_names_file_and_line(tmp_path, name):
    text, expected = CASES[name]
    path = write(tmp_path, name, text)
    with pytest.raises(FactsError) as e:
        load_facts(path)
    message = str(e.value)
    assert "\n" not in message
    assert message.startswith(f"{path}{expected}"), message


def test_validate_lists_every_problem_and_build_goes_on(tmp_path):
    folder = tmp_path / "facts"
    folder.mkdir()
    for name, (text, _) in CASES.items():
        write(folder, name, text)
    write(folder, "good", GOOD)
    r = cli("validate", folder)
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    for name, (_, expected) in CASES.items():
        assert any(line.startswith(f"{folder / name}.facts.yaml{expected}") for line in lines), (name, lines)
    assert r.stderr.startswith(f"Error: {len(lines)} problem(s) in {len(CASES)} of {len(CASES) + 1} file(s)")

    store = tmp_path / "store"
    r = cli("build", folder, "--store", store, "--no-outputs")
    assert r.exit_code == 1
    assert len(one_line_errors(r.stderr)) == len(CASES)
    with open_store(store, create=False) as s:
        assert [g.rsplit("/", 1)[-1] for g in s.graphs() if "/announcement/" in g] == ["good"]


def test_a_huge_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.facts.yaml"
    with open(path, "wb") as f:
        f.write(GOOD.encode())
        f.truncate(20 * 1024 * 1024 + 1)
    r = cli("validate", path)
    assert r.exit_code == 1
    assert r.stdout == f"{path}: file is {20 * 1024 * 1024 + 1} bytes, over the 20971520-byte limit\n"


@pytest.mark.slow
def test_a_big_valid_file_loads_whole(tmp_path):
    # How long it takes is measured by benchmarks/bench_big_inputs.py.
    n = 40_000
    path = write(tmp_path, "big", big_facts_text(n))
    assert path.stat().st_size > 2_000_000
    ff = load_facts(path)
    assert len(ff.facts) == n and len(ff.entities) == n + 1
