"""Announcements per second for extraction on one core.

    python benchmarks/bench_extract.py [CORPUS_DIR ...] [--rounds N] [--compare-spacy] [--long-sentences]

Measures ``extract_file`` alone and, when ``kg.mapping`` is present, extract + facts
YAML round trip + mapping to RDF quads. ``--compare-spacy`` also times what spaCy's
blank English pipeline (tokenizer + sentencizer, no trained model) costs per
announcement before any rule runs, the alternative front end that was measured.
The target is at least 200 announcements/s. ``--long-sentences`` times one 50,000-character
sentence of each repeated pattern that once made a rule slow (the robustness tests only check
that such input finishes), against ordinary announcement text of the same length.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import extract_file, extract_text, read_announcement  # noqa: E402
from kg.facts import dumps_facts, parse_facts  # noqa: E402

DEFAULT = [ROOT / "tests" / "corpus" / "dev", ROOT / "tests" / "corpus" / "extra"]
SUFFIXES = (".txt", ".md", ".html", ".htm")


def corpus_files(dirs):
    files = []
    for d in dirs:
        files += sorted(p for p in Path(d).glob("*") if p.suffix in SUFFIXES)
    return files


def rate(fn, files, rounds):
    """Announcements per second of CPU time (the machine may be shared; CPU time is what one core gives)."""
    fn(files[0])  # warm up (regex compilation, imports)
    start = time.process_time()
    for _ in range(rounds):
        for f in files:
            fn(f)
    elapsed = time.process_time() - start
    return rounds * len(files) / elapsed


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--compare-spacy", action="store_true")
    ap.add_argument("--long-sentences", action="store_true")
    args = ap.parse_args(argv)
    files = corpus_files(args.dirs or DEFAULT)
    if not files:
        ap.error("no announcements found")
    print(f"{len(files)} announcements x {args.rounds} rounds, one core")
    r = rate(extract_file, files, args.rounds)
    print(f"extract:                  {r:8.1f} announcements/s")
    try:
        from kg.mapping import announcement_quads
    except ImportError:
        announcement_quads = None
    if announcement_quads is not None:
        def full(f):
            ff = parse_facts(dumps_facts(extract_file(f)), str(f))
            return list(announcement_quads(ff))
        print(f"extract + YAML + RDF:     {rate(full, files, args.rounds):8.1f} announcements/s")
    if args.compare_spacy:
        try:
            import spacy
        except ImportError:
            raise SystemExit("--compare-spacy needs spaCy: pip install -e '.[bench]'") from None

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        texts = {f: read_announcement(f).text for f in files}
        print(f"spaCy blank tokenizer+sentencizer only: {rate(lambda f: nlp(texts[f]), files, args.rounds):8.1f} announcements/s")
        from kg.extract.grammar import split_sentences

        print(f"kg tokenizer+sentences only:            {rate(lambda f: split_sentences(texts[f]), files, args.rounds):8.1f} announcements/s")
    if args.long_sentences:
        long_sentences(files)
    return 0


#: Patterns that, repeated into one 50,000-character sentence, once took a rule quadratic time.
LONG_CHUNKS = ["Foo Bar ", "Ann Lee, ", "Ann Lee as Bo Tee, ", "Ann Lee and ", "“Foo ", "season 2 of Foo, ",
               "premieres July 9, ", "Ann Lee's Bob Ray, ", "a ", "Ann Lee, who ", "Ann Lee (Bob Ray) ", "based on ", "Foo of "]


def long_sentences(files, size=50_000):
    """CPU seconds for one sentence of ``size`` characters per pattern, and the ratio to ordinary text."""
    import datetime as dt

    day = dt.date(2024, 5, 1)
    lead = "Netflix has renewed the drama Foo Bar for a second season. executive produced by "

    def seconds(text):
        start = time.process_time()
        extract_text(text, doc_id="big", published=day)
        return time.process_time() - start

    ordinary = " ".join(read_announcement(f).text for f in files)
    ordinary = (ordinary * (size // max(len(ordinary), 1) + 1))[:size]
    base = seconds(ordinary)
    print(f"ordinary text, {size} characters: {base:.3f} s")
    for chunk in LONG_CHUNKS:
        t = seconds(lead + (chunk * (size // len(chunk) + 1))[:size] + ".")
        print(f"one sentence of {chunk!r:24} {t:7.3f} s  ({t / base:5.1f}x ordinary text)")


if __name__ == "__main__":
    sys.exit(main())
