"""kg serve: the SPARQL 1.1 Protocol endpoint (see kg.server)."""

import click

from ..errors import KGError


@click.command("serve")
@click.option("--store", "store_location", metavar="DIR", help="Store directory (':memory:' for an empty temporary one). [default: $KG_STORE or .kg/store]")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; anything but loopback exposes the endpoint to the network.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on (0 picks a free one).")
@click.option("--allow-update", is_flag=True, help="Take SPARQL Update at /sparql and Graph Store writes at /store (refused with 403 otherwise).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1), help="Seconds a query or update may run before it is stopped (503).")
@click.option("--max-rows", default=100_000, show_default=True, type=click.IntRange(1), help="Most rows or triples in one answer (422 beyond).")
@click.option("--max-bytes", default=64_000_000, show_default=True, type=click.IntRange(1), help="Most bytes in one answer (422 beyond).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Query worker processes: queries evaluated at once.")
@click.option("--max-memory", default=2000, show_default=True, type=click.IntRange(0), metavar="MB", help="Megabytes of memory one query worker may use; a query past it gets 503 (0: no bound).")
@click.option("--max-wait", default=10.0, show_default=True, type=click.FloatRange(0.1), help="Seconds a request waits for a free query worker (503 beyond).")
@click.option("--max-connections", default=64, show_default=True, type=click.IntRange(1), help="Connections served at once (503 beyond).")
@click.option("--cors", "cors_origins", multiple=True, metavar="ORIGIN", help="Allow browser pages from ORIGIN to call the endpoint ('*' for any). Repeatable. [default: no CORS]")
@click.option("--allow-host", "allowed_hosts", multiple=True, metavar="NAME", help="A name the Host header may give besides loopback names and --host. Repeatable.")
@click.option("--quiet", is_flag=True, help="Do not log requests.")
@click.option("--get", "get_path", metavar="PATH", help="Answer one GET request for PATH (e.g. '/sparql?query=...') without listening, print the answer, exit 0 on 200.")
@click.option("--header", "headers", multiple=True, metavar="NAME:VALUE", help="With --get: a request header, e.g. 'Accept: text/csv'. Repeatable.")
def serve(store_location, host, port, allow_update, timeout, max_rows, max_bytes, workers, max_memory, max_wait, max_connections, cors_origins, allowed_hosts, quiet, get_path, headers):
    """Serve the store over HTTP: a SPARQL 1.1 endpoint at /sparql, the page at /.

    Read-only unless --allow-update; writes from pages of other sites are refused
    (see --cors). Queries run in processes that cannot open network connections,
    with a time, memory and result-size limit. Canned queries answer at
    /queries/NAME?param=value, bound as kg query binds them. While it runs, kg serve owns the store:
    to build into it, start it with --allow-update and run
    kg build --store http://HOST:PORT/.

    \b
    Example:
      kg serve --store .kg/store
      kg serve --allow-update --port 7878 &
      kg build data/announcements --store http://127.0.0.1:7878/
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/sparql
      kg serve --get '/sparql?query=ASK%7B%7D' --header 'Accept: text/csv'
      kg serve --get '/queries/cast.csv?series=Ballard'

    Python: kg.server
    """
    from ..server import ServerConfig, serve as run
    from ..store import default_store_location

    if host not in ("127.0.0.1", "localhost", "::1") and not quiet:
        click.echo(f"warning: listening on {host}: the endpoint is reachable from the network", err=True)
    config = ServerConfig(
        store=store_location or default_store_location(),
        host=host,
        port=port,
        allow_update=allow_update,
        timeout=timeout,
        max_rows=max_rows,
        max_bytes=max_bytes,
        workers=workers,
        max_memory=max_memory * 1_000_000 or None,
        max_wait=max_wait,
        max_connections=max_connections,
        cors_origins=tuple(cors_origins),
        allowed_hosts=tuple(allowed_hosts),
    )

    if get_path is not None:
        return _get(config, get_path, headers)

    def ready(server):
        mode = "read-write" if allow_update else "read-only"
        click.echo(f"kg serve: {server.url} ({mode}; SPARQL endpoint {server.base_url}, Graph Store {server.url}store). Ctrl-C stops.", err=True)

    try:
        run(config, log=not quiet, ready=ready)
    except KGError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def _get(config, path, header_lines):
    """``--get``: one request through the handler, the body on stdout, the status as exit code."""
    from ..server import get

    if not path.startswith("/"):
        raise click.BadParameter(f"{path!r} is not a path: start it with /", param_hint="--get")
    headers = {}
    for line in header_lines:
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            raise click.BadParameter(f"{line!r} is not NAME: VALUE", param_hint="--header")
        headers[name.strip()] = value.strip()
    try:
        response = get(config, path, headers)
    except KGError as e:
        raise click.ClickException(str(e)) from None
    click.echo(response.body, nl=False)
    if response.status != 200:
        click.echo(f"kg serve --get: HTTP {response.status}", err=True)
        raise SystemExit(1)
