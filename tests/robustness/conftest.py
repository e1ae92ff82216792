"""Fixtures of the robustness suite, on top of those of tests/conftest.py."""

import pytest

from helpers import KgServe, copy_store


@pytest.fixture(scope="module")
def served(gold_dir, tmp_path_factory):
    """Here ``kg serve`` runs as a subprocess, as a user starts it, over a copy of the gold store
    (2 s limit, small answers), so that crashes and limits are those of the real command."""
    server = KgServe(copy_store(gold_dir, tmp_path_factory, "served"), "--timeout", "2", "--max-rows", "500",
                     "--max-bytes", "200000", "--workers", "2", "--max-connections", "64")
    yield server
    server.stop()

