"""Where the bundled data, ontologies and test corpora live: every path a test reads is inside the repo."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GOLD = DATA / "gold"
ANNOUNCEMENTS = DATA / "announcements"
ENTITIES = DATA / "entities.yaml"
ONTOLOGY = ROOT / "ontologies" / "kg.ttl"
SHAPES = ROOT / "ontologies" / "shapes.ttl"
CORPUS = ROOT / "tests" / "corpus"
DEV = CORPUS / "dev"
OTHER = CORPUS / "other"
FRESH = CORPUS / "fresh"
EXTRA = CORPUS / "extra"
