"""The store matrix's servers: started on first use, one of each kind per session.

When ``$KG_TEST_SERVERS`` names the servers.json that ``servers.py start`` wrote
(as .ci/run does), those running servers are used instead. Without a server's program the matrix fails when ``KG_REQUIRE_SERVERS=1`` (as CI
sets) and is skipped with the reason otherwise.
"""

import json
import os

import pytest
from servers import MissingServer, Server, start


def _running():
    """The servers that .ci/run started (each with a fresh database), by kind, or none."""
    path = os.environ.get("KG_TEST_SERVERS")
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        described = json.load(f)
    return {k: Server(k, d["url"], d["layout"], None, d["user"], d["password"]) for k, d in described.items()}


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    """Starts servers on first use, one of each kind per session, and stops them at the end."""
    started, external = {}, _running()

    def get(kind):
        if kind in external:
            return external[kind]
        if kind not in started:
            try:
                started[kind] = start(kind, tmp_path_factory.mktemp(kind))
            except MissingServer as e:
                if os.environ.get("KG_REQUIRE_SERVERS") == "1":
                    pytest.fail(str(e))
                pytest.skip(str(e))
        return started[kind]

    yield get
    for server in started.values():
        server.stop()
