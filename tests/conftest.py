"""Shared fixtures: the bundled corpus, fresh stores and a built Bosch-universe graph."""

import pytest

from kg.build import build
from kg.mapping import Identities, load_identities
from kg.store import open_store
from paths import ENTITIES, GOLD


@pytest.fixture
def memory_store():
    """An empty in-memory store."""
    with open_store(":memory:") as store:
        yield store


@pytest.fixture
def store_path(tmp_path):
    """A path for an on-disk store that does not exist yet."""
    return tmp_path / "store"


@pytest.fixture(scope="session")
def identities():
    """The curated identities of data/entities.yaml (empty when the file is absent)."""
    return load_identities(ENTITIES) if ENTITIES.exists() else Identities()


@pytest.fixture(scope="session")
def gold_store(identities):
    """An in-memory store holding the hand-checked facts of data/gold (read-only use)."""
    store = open_store(":memory:")
    report = build([GOLD], store, identities=identities)
    assert not report.failed
    return store


@pytest.fixture(scope="session")
def gold_graph(gold_store):
    """The NetworkX MultiDiGraph of the gold store."""
    from kg.network import to_networkx

    return to_networkx(gold_store)


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (skipped without it unless KG_REQUIRE_BROWSER=1)."""
    from browser import launch, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()
