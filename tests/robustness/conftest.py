"""Fixtures of the robustness suite (the helpers themselves live in rhelpers.py)."""

from rhelpers import canary, gold_store_dir, served  # noqa: F401
