"""Where the graph lives: an embedded Oxigraph store (default) or a SPARQL 1.1 server.

``open_store`` picks the kind from the location: a directory (created if missing),
``":memory:"``, or an ``http(s)://`` URL. Both kinds follow :class:`Store`, so the
build, the queries, the exports and the server never ask which one they hold.

>>> store = open_store(":memory:")
>>> store.capabilities.persistent, store.query("ASK { ?s ?p ?o }")
(False, False)
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError
from .base import KG_GRAPHS, QUAD_FORMATS, RDF_FORMATS, SUFFIX_FORMATS, Capabilities, Result, SerializedGraph, Store, load_format
from .embedded import MEMORY, EmbeddedStore, explain_open_error
from .remote import LAYOUTS, RemoteStore

DEFAULT_STORE = ".kg/store"


def default_store_location():
    """The store kg uses when none is given: ``$KG_STORE`` or ``.kg/store``."""
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def open_store(location=None, *, read_only=False, create=True, share=False, **remote_options):
    """Open the store at ``location``.

    Args:
        location: a directory (created if missing), ``":memory:"``, or an
            ``http(s)://`` URL of a SPARQL 1.1 server; None means the default store.
        read_only: open without writing (an on-disk store then takes no write lock).
        create: create a missing on-disk store; reading commands pass False so that
            a mistyped path is an error, not a new empty store.
        share: for reading an on-disk store that another process (``kg serve``,
            ``kg build``) holds: instead of failing on its lock, read a snapshot of
            it as of now (the store is then read-only).
        remote_options: for a URL, the options of :class:`RemoteStore` (layout, user,
            password, timeout...).

    Raises:
        StoreError: when the store cannot be opened (missing, locked, not a store).
    """
    location = str(location or default_store_location())
    if location.startswith(("http://", "https://")):
        return RemoteStore(location, read_only=read_only, **remote_options)
    if not create and location != MEMORY and not Path(location).is_dir():
        raise StoreError(f"no store at {location} (build one with: kg build --store {location})")
    return EmbeddedStore(location, read_only=read_only, share=share)


__all__ = [
    "Capabilities",
    "DEFAULT_STORE",
    "EmbeddedStore",
    "KG_GRAPHS",
    "LAYOUTS",
    "MEMORY",
    "QUAD_FORMATS",
    "RDF_FORMATS",
    "SerializedGraph",
    "RemoteStore",
    "Result",
    "SUFFIX_FORMATS",
    "Store",
    "default_store_location",
    "explain_open_error",
    "load_format",
    "open_store",
]
