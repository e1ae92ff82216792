"""Where the bundled data, ontologies and shared corpus live (imported by tests and conftest)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GOLD = DATA / "gold"
ANNOUNCEMENTS = DATA / "announcements"
ENTITIES = DATA / "entities.yaml"
ONTOLOGY = ROOT / "ontologies" / "kg.ttl"
SHAPES = ROOT / "ontologies" / "shapes.ttl"
SHARED_DEV = ROOT.parent / "shared" / "corpus" / "dev"
