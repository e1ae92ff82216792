"""The query page at ``/``: the template with the canned queries, the prefixes and the settings filled in.

The page runs a canned query through ``/queries/NAME`` (so its parameters filter as in
``kg query``) and any other text through ``/sparql``; its editor, table, sorting and
downloads are the template's own script, so that it works offline.
"""

from __future__ import annotations

import json
from importlib import resources

from .canned import canned_query_list


def page_html(config, nonce, token=""):
    """The page, its scripts and styles allowed by ``nonce``; it holds the write ``token``."""
    template = resources.files("kg.templates").joinpath("sparql.html").read_text(encoding="utf-8")
    from ..mapping import PREFIXES

    settings = {"update": config.allow_update, "timeout": config.timeout, "maxRows": config.max_rows, "token": token, "prefixes": PREFIXES}
    return template.replace("{{NONCE}}", nonce).replace("{{CANNED_JSON}}", script_json(canned_query_list())).replace("{{CONFIG_JSON}}", script_json(settings))


def page_csp(nonce):
    """The page's Content-Security-Policy: its own scripts, requests to this server only."""
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; "
        "frame-src 'self'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


#: The graph view is a page of its own: scripts inline, no network, shown sandboxed.
GRAPH_VIEW_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; base-uri 'none'"


def script_json(value):
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``, no markup."""
    return json.dumps(value, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
