"""Fixtures for every test: fresh stores, the bundled build, running servers, a browser.

pytest finds these by name; test modules never import them. Helpers that tests call
(``http``, ``start_server``, ``cli`` ...) are plain functions in ``helpers.py``.
"""

import pytest

from helpers import Canary, build_gold, build_gold_into, copy_store, gold_identities, start_oxigraph, start_server, stop
from kg.store import open_store


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
    """The curated identities of data/entities.yaml."""
    return gold_identities()


@pytest.fixture(scope="session")
def gold_dir(tmp_path_factory, identities):
    """An on-disk store holding the build of data/gold (read-only use: copy it to write or serve)."""
    return build_gold(str(tmp_path_factory.mktemp("gold") / "store"), identities)


@pytest.fixture(scope="session")
def gold_store(identities):
    """An in-memory store holding the hand-checked facts of data/gold (read-only use)."""
    return build_gold_into(open_store(":memory:"), identities)


@pytest.fixture(scope="session")
def gold_graph(gold_store):
    """The NetworkX MultiDiGraph of the gold store."""
    from kg.network import to_networkx

    return to_networkx(gold_store)


@pytest.fixture(scope="module")
def served(gold_dir, tmp_path_factory):
    """A read-only kg serve (in this process) over a copy of the gold store (3 s limit, 2 workers)."""
    server = start_server(copy_store(gold_dir, tmp_path_factory, "served"))
    yield server
    server.close()


@pytest.fixture
def rw_server(tmp_path):
    """kg serve --allow-update over a fresh, empty store."""
    (tmp_path / "store").mkdir()
    server = start_server(str(tmp_path / "store"), allow_update=True)
    yield server
    server.close()


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """The base URL of a real, empty Oxigraph server (module-wide)."""
    proc, base = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
    yield base
    stop(proc)


@pytest.fixture
def canary():
    """A loopback socket that records every connection made to it (see helpers.Canary)."""
    c = Canary()
    yield c
    c.close()


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
