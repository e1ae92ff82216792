"""Write a synthetic corpus of entertainment announcements and their facts files.

Run from the repository root:

    .venv/bin/python benchmarks/generate.py --announcements 1000 --seed 1 --out /tmp/corpus

Each announcement is a press-release text (``<id>.txt``: renewals, casting lists with
"X as Y", credits lists, source novels, platforms, premieres) and the facts file that
text states (``<id>.facts.yaml``, valid for ``kg.facts.load_facts``). People, companies,
works and novels are drawn with Zipf-like popularity from pools that grow with the
corpus, so a few names recur across many shows and the graph is connected like a
real one. Names come from syllable tables (no real people). The same seed gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.facts import Announcement, Entity, Fact, FactsFile, dumps_facts  # noqa: E402

# --- name tables -------------------------------------------------------------

_ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "r", "s", "sh", "t", "tr", "v", "w", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ia", "ou"]
_CODAS = ["", "n", "r", "l", "s", "th", "nd", "m", "x", "ck", "tt", "ll"]
_FIRST_ENDS = ["a", "o", "ie", "en", "ah", "el", "is", "an", "ey", "y"]
_LAST_ENDS = ["son", "man", "ford", "ley", "ton", "berg", "wood", "field", "er", "ez", "ski", "ridge"]

_ADJECTIVES = ["Silver", "Crimson", "Hollow", "Broken", "Quiet", "Last", "Northern", "Burning", "Golden", "Hidden",
               "Iron", "Wild", "Dark", "Bright", "Lost", "Distant", "Frozen", "Savage", "Gentle", "Electric",
               "Midnight", "Scarlet", "Restless", "Sunken", "Velvet", "Stolen", "Bitter", "Pale", "Endless", "Shattered"]
_NOUNS = ["Harbor", "Empire", "Witness", "Frontier", "Kingdom", "Station", "Verdict", "Garden", "Signal", "Tide",
          "Crown", "Ledger", "Canyon", "Orchard", "Precinct", "Dynasty", "Archive", "Circuit", "Meridian", "Lantern",
          "Citadel", "Badge", "Covenant", "Horizon", "Parish", "Atlas", "Cartel", "Hunt", "Summit", "Vault"]
_PLACES = ["Los Angeles", "New York", "London", "Atlanta", "Toronto", "Burbank", "Santa Monica"]
_GENRES = ["detective drama", "legal thriller", "workplace comedy", "fantasy epic", "crime drama", "period drama",
           "sci-fi thriller", "family drama", "spy thriller", "medical drama"]
_JOBS = ["Head of Drama Series", "President of Television", "Head of Original Content", "Chief Content Officer",
         "Head of Scripted Development", "Co-Head of Television"]
_ORG_SUFFIX = ["Pictures", "Studios", "Entertainment", "Productions", "Media", "Films", "Television"]
_STREAMER_SUFFIX = ["Plus", "Max", "Stream", "Play", "TV", "Now"]
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _syllable_words(rng, n, ends, min_syl, max_syl):
    seen, out = set(), []
    while len(out) < n:
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.randint(min_syl, max_syl)))
        word = (word + rng.choice(ends)).capitalize()
        if word not in seen and len(word) > 2:
            seen.add(word)
            out.append(word)
    return out


class Names:
    """Deterministic, collision-free names: the i-th person, company, work, novel..."""

    def __init__(self, seed):
        rng = random.Random(f"names-{seed}")
        self.first = _syllable_words(rng, 400, _FIRST_ENDS, 1, 1)
        self.last = _syllable_words(rng, 3000, _LAST_ENDS, 1, 1)
        self.words = _syllable_words(rng, 2000, ["", "a", "on", "ia"], 1, 2)
        self._pairs = len(self.first) * len(self.last)

    def _pair(self, i, salt):
        # A multiplicative permutation of the (first, last) grid: distinct i, distinct names.
        j = (i * 7_919 + salt) % self._pairs
        return self.first[j % len(self.first)], self.last[j // len(self.first)]

    def person(self, i):
        first, last = self._pair(i, 0)
        return f"{first} {last}"

    def character(self, i):
        first, last = self._pair(i, 104_729)
        return f"{first} {last}"

    def work(self, i):
        a, n = _ADJECTIVES[i % 30], _NOUNS[(i // 30) % 30]
        rest = i // 900
        return f"{a} {n}" if rest == 0 else f"{self.words[rest % 2000]} {a} {n}" if rest < 2000 else f"{self.words[rest % 2000]} {self.words[(rest // 2000) % 2000]} {a} {n}"

    def novel(self, i):
        return f"{self.words[(i * 31) % 2000]} {_NOUNS[i % 30]}" if i < 60_000 else f"{self.words[(i * 31) % 2000]} {self.words[(i // 2000) % 2000]} {_NOUNS[i % 30]}"

    def company(self, i):
        word = self.words[(i * 17) % 2000] if i < 2000 else f"{self.words[i % 2000]} {self.words[(i // 2000) % 2000]}"
        return f"{word} {_ORG_SUFFIX[i % len(_ORG_SUFFIX)]}"

    def streamer(self, i):
        return f"{self.words[(i * 13 + 7) % 2000]} {_STREAMER_SUFFIX[i % len(_STREAMER_SUFFIX)]}"

    def franchise(self, i):
        return f"{self.words[(i * 29 + 3) % 2000]} universe"


class Zipf:
    """Draw indexes 0..n-1 with probability proportional to 1 / (i + 1) ** s."""

    def __init__(self, n, s=1.05):
        self.cum = list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))

    def __call__(self, rng):
        return bisect.bisect_left(self.cum, rng.random() * self.cum[-1])


# --- the world: works with stable casts and credits ----------------------------


class World:
    """Pools sized from the corpus so that popularity and reuse look the same at every size."""

    def __init__(self, n, seed):
        self.rng = random.Random(seed)
        self.names = Names(seed)
        self.n_people = max(200, n * 3)
        self.n_works = max(20, n // 3)
        self.n_companies = max(20, n // 20)
        self.n_streamers = 12
        self.n_novels = max(20, n // 6)
        self.n_franchises = max(5, n // 200)
        self.people = Zipf(self.n_people)
        self.works = Zipf(self.n_works, 0.9)
        self.companies = Zipf(self.n_companies)
        self.streamers = Zipf(self.n_streamers, 1.2)
        self.novels = Zipf(self.n_novels)
        self.franchises = Zipf(self.n_franchises)
        self._works = {}
        self._next_character = 0
        self._announcements = {}  # work index -> announcements so far
        self._credits = {}  # person index -> works credited so far

    # Real careers and shows are long-tailed but bounded: nobody is in every show and no
    # show gets every announcement, so popular draws are capped and redrawn uniformly.
    MAX_ANNOUNCEMENTS_PER_WORK = 20
    MAX_WORKS_PER_PERSON = 40

    def pick_work(self, rng):
        i = self.works(rng)
        while self._announcements.get(i, 0) >= self.MAX_ANNOUNCEMENTS_PER_WORK:
            i = rng.randrange(self.n_works)
        self._announcements[i] = self._announcements.get(i, 0) + 1
        return i

    def person(self, rng):
        i = self.people(rng)
        while self._credits.get(i, 0) >= self.MAX_WORKS_PER_PERSON:
            i = rng.randrange(self.n_people)
        self._credits[i] = self._credits.get(i, 0) + 1
        return self.names.person(i)

    def work(self, i):
        """The i-th work, created on first use with its stable credits."""
        w = self._works.get(i)
        if w is None:
            rng = random.Random(f"work-{i}-{self.rng.random()}")
            film = rng.random() < 0.25
            w = {
                "name": self.names.work(i),
                "type": "Film" if film else "Series",
                "genre": rng.choice(_GENRES),
                "streamer": self.names.streamer(self.streamers(rng)),
                "company": self.names.company(self.companies(rng)),
                "creator": self.person(rng),
                "showrunners": [self.person(rng) for _ in range(rng.choice((1, 1, 2)))],
                "producers": [self.person(rng) for _ in range(rng.randint(2, 6))],
                "director": self.person(rng),
                "cast": [],  # (actor, character)
                "season": 1,
                "novel": None,
                "franchise": self.names.franchise(self.franchises(rng)) if rng.random() < 0.15 else None,
            }
            if rng.random() < 0.4:
                k = self.novels(rng)
                w["novel"] = (self.names.novel(k), "Novel" if rng.random() < 0.5 else "BookSeries",
                              self.names.person((k * 7_717) % self.n_people))
            for _ in range(rng.randint(3, 8)):
                w["cast"].append(self._new_role(rng))
            self._works[i] = w
        return w

    def _new_role(self, rng):
        self._next_character += 1
        return self.person(rng), self.names.character(self._next_character)


# --- announcements ------------------------------------------------------------


class Doc:
    """One announcement being written: sentences and the facts they state."""

    def __init__(self, ann_id, published, title):
        self.ann = Announcement(ann_id, published, f"{ann_id}.txt", title)
        self.entities = {}
        self.by_key = {}
        self.facts = {}
        self.paragraphs = []

    def entity(self, etype, name):
        key = (etype, name)
        if key not in self.by_key:
            base = "-".join(name.lower().split())
            local = base if base not in self.entities else f"{base}-{etype.lower()}"
            self.entities[local] = Entity(local, etype, name)
            self.by_key[key] = local
        return self.by_key[key]

    def fact(self, s, p, o):
        f = Fact(s, p, o)
        self.facts.setdefault(f.key, f)

    def facts_file(self):
        return FactsFile(self.ann, self.entities, list(self.facts.values()))


def _names(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + (", and " if len(items) > 2 else " and ") + items[-1]


def _long_date(d):
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def announcement(world, k):
    """The k-th announcement: (id, text, FactsFile)."""
    rng = random.Random(f"ann-{k}-{world.rng.random()}")
    wi = world.pick_work(rng)
    w = world.work(wi)
    published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    kind = rng.choice(("renewal", "casting", "premiere", "order")) if w["type"] == "Series" else rng.choice(("casting", "premiere", "order"))
    ann_id = f"{'-'.join(w['name'].lower().split())}-{kind}-{k}"
    name = w["name"]
    doc = Doc(ann_id, published, f"{name}: {kind} announcement")
    work = doc.entity(w["type"], name)
    streamer = doc.entity("Organization", w["streamer"])
    noun = "series" if w["type"] == "Series" else "film"
    opening = f"{rng.choice(_PLACES).upper()}, {_long_date(published)} — "
    sentences = []

    if kind == "renewal":
        w["season"] += 1
        n = w["season"]
        season = doc.entity("Season", f"{name} season {n}")
        ordinal = _ORDINALS[n - 1] if n <= len(_ORDINALS) else f"{n}th"
        sentences.append(f"{opening}{w['streamer']} announced today that the {w['genre']} {name} has been renewed for a {ordinal} season.")
        doc.fact(work, "renewedFor", season)
        doc.fact(work, "hasSeason", season)
        doc.fact(season, "seasonNumber", n)
        doc.fact(work, "distributor", streamer)
    elif kind == "premiere":
        date = published + dt.timedelta(days=rng.randint(20, 120))
        if w["type"] == "Series":
            n = w["season"]
            season = doc.entity("Season", f"{name} season {n}")
            sentences.append(f"{opening}Season {n} of {name} premieres {_long_date(date)}, exclusively on {w['streamer']}.")
            doc.fact(work, "hasSeason", season)
            doc.fact(season, "seasonNumber", n)
            doc.fact(season, "premiereDate", date)
        else:
            sentences.append(f"{opening}The film {name} premieres {_long_date(date)}, exclusively on {w['streamer']}.")
            doc.fact(work, "premiereDate", date)
        doc.fact(work, "distributor", streamer)
    elif kind == "order":
        sentences.append(f"{opening}{w['streamer']} has ordered {name}, a new {w['genre']} {noun}, from {w['company']}.")
        doc.fact(work, "distributor", streamer)
        company = doc.entity("Organization", w["company"])
        doc.fact(work, "productionCompany", company)
    else:
        sentences.append(f"{opening}{w['streamer']} has set the cast of {name}, its upcoming {w['genre']} {noun}.")
        doc.fact(work, "distributor", streamer)

    # Casting: established roles, sometimes a newcomer who joins the cast.
    cast = rng.sample(w["cast"], min(len(w["cast"]), rng.randint(2, 6)))
    if kind == "casting" or rng.random() < 0.3:
        role = world._new_role(rng)
        w["cast"].append(role)
        cast.append(role)
        actor, character = role
        sentences.append(f"{actor} joins the cast as {character}.")
    listed = [f"{a} as {c}" for a, c in cast]
    sentences.append(rng.choice((
        f"The {noun} stars {_names(listed)}.",
        f"The {noun}, starring {_names(listed)}, is a fan favourite.",
        f"{name} stars {_names(listed)}.",
    )))
    for actor, character in cast:
        p, c = doc.entity("Person", actor), doc.entity("Character", character)
        doc.fact(work, "castMember", p)
        doc.fact(p, "portrays", c)
        doc.fact(work, "hasCharacter", c)

    if w["novel"] and rng.random() < 0.7:
        title, btype, author = w["novel"]
        book, person = doc.entity(btype, title), doc.entity("Person", author)
        phrase = "novel" if btype == "Novel" else "novels"
        sentences.append(f"{name} is based on {author}'s best-selling {phrase} {title}.")
        doc.fact(work, "basedOn", book)
        doc.fact(book, "author", person)
    if w["franchise"] and rng.random() < 0.8:
        fr = doc.entity("Franchise", w["franchise"])
        sentences.append(f"The {w['franchise']} continues to expand with {name}.")
        doc.fact(work, "partOfFranchise", fr)

    credits = []
    if rng.random() < 0.6:
        creator = doc.entity("Person", w["creator"])
        credits.append(f"{name} was created by {w['creator']}.")
        doc.fact(work, "creator", creator)
    if w["type"] == "Series" and rng.random() < 0.6:
        runners = [doc.entity("Person", p) for p in w["showrunners"]]
        credits.append(f"{_names(w['showrunners'])} {'serves as showrunner' if len(runners) == 1 else 'serve as co-showrunners'}.")
        for r in runners:
            doc.fact(work, "showrunner", r)
    if rng.random() < 0.8:
        credits.append(f"The {noun} is executive produced by {_names(w['producers'])}.")
        for p in w["producers"]:
            doc.fact(work, "executiveProducer", doc.entity("Person", p))
    if rng.random() < 0.4:
        credits.append(f"{w['director']} directs the first two episodes." if w["type"] == "Series" else f"The film is directed by {w['director']}.")
        doc.fact(work, "director", doc.entity("Person", w["director"]))
    if kind != "order" and rng.random() < 0.5:
        company = doc.entity("Organization", w["company"])
        credits.append(f"{name} is produced by {w['company']}.")
        doc.fact(work, "productionCompany", company)
    sentences += credits

    if rng.random() < 0.5:
        exec_name = world.person(rng)
        job = rng.choice(_JOBS)
        p = doc.entity("Person", exec_name)
        sentences.append(f"“We can’t wait for audiences to see what comes next,” said {exec_name}, {job} for {w['streamer']}.")
        doc.fact(p, "employer", streamer)
        doc.fact(p, "jobTitle", job)

    text = f"{doc.ann.title}\n\n" + "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)) + "\n"
    return ann_id, text, doc.facts_file()


def generate(n, seed, out):
    """Write n announcements and their facts files into ``out``; return the paths of the facts files."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    world = World(n, seed)
    paths = []
    for k in range(n):
        ann_id, text, ff = announcement(world, k)
        (out / f"{ann_id}.txt").write_text(text, encoding="utf-8")
        facts_path = out / f"{ann_id}.facts.yaml"
        facts_path.write_text(dumps_facts(ff), encoding="utf-8")
        paths.append(facts_path)
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--announcements", "-n", type=int, required=True, help="how many announcements")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    parser.add_argument("--out", type=Path, default=None, help="directory to write [default: benchmarks/corpus-N-sS]")
    args = parser.parse_args()
    out = args.out or ROOT / "benchmarks" / f"corpus-{args.announcements}-s{args.seed}"
    generate(args.announcements, args.seed, out)
    print(f"wrote {args.announcements} announcements and facts files to {out}")


if __name__ == "__main__":
    main()
