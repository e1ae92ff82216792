"""Commands over the graph: build, validate, stats, query, export, viz."""

import sys
import time
from pathlib import Path

import click

from ..build import DEFAULT_INPUT, DEFAULT_OUT, build, default_identities, write_outputs
from ..errors import KGError
from ..facts import find_facts_files, validate_facts
from ..files import check_output_dir
from ..names import printable
from ..store import LAYOUTS, RDF_FORMATS, default_store_location, open_store

def _remember(ctx, param, value):
    """Keep a remote store's option for _open (they are not the command's own arguments)."""
    if value is not None:
        ctx.meta.setdefault("kg.remote", {})[param.name] = value
    return value


def store_option(command):
    """--store, and how to reach a SPARQL server given as --store URL."""
    for option in reversed(
        [
            click.option("--store", "store_location", metavar="DIR|URL", help="Store directory, ':memory:', or a SPARQL server URL. [default: $KG_STORE or .kg/store]"),
            click.option("--store-layout", "layout", type=click.Choice(sorted(LAYOUTS)), expose_value=False, callback=_remember, help="Endpoint layout of a SPARQL server. [default: $KG_STORE_LAYOUT or oxigraph]"),
            click.option("--store-user", "user", metavar="NAME", expose_value=False, callback=_remember, help="User for HTTP Basic or Digest authentication. [default: $KG_STORE_USER]"),
            click.option(
                "--store-password", "password", metavar="TEXT", expose_value=False, callback=_remember, help="Its password (prefer $KG_STORE_PASSWORD: a command line is visible to others)."
            ),
        ]
    ):
        command = option(command)
    return command


def _open(location, **kw):
    remote = click.get_current_context().meta.get("kg.remote", {})
    location = str(location or default_store_location())
    try:
        return open_store(location, **kw, **remote) if location.startswith(("http://", "https://")) else open_store(location, **kw)
    except KGError as e:
        _fail(e)


def _fail(error):
    """Exit 1 with the error as one line (control characters in it escaped for the terminal)."""
    raise click.ClickException(printable(str(error))) from None


@click.command("build")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True, help="Where to write graph.trig, graph.json, graph.graphml and graph.html.")
@click.option("--entities", type=click.Path(dir_okay=False, path_type=Path), help="Curated entities file. [default: data/entities.yaml if present]")
@click.option("--no-outputs", is_flag=True, help="Only update the store; write nothing to --out.")
@click.option("--prune", is_flag=True, help="Remove announcements from the store that are not among INPUTS.")
@click.option("--force", is_flag=True, help="Rebuild announcements even when unchanged.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=1, show_default=True, help="Worker processes for reading and extracting inputs.")
def build_cmd(inputs, store_location, out_dir, entities, no_outputs, prune, force, jobs):
    """Build announcements (texts or facts files) into the store and write the outputs.

    INPUTS are announcement texts (.txt, .md, .html), facts files (*.facts.yaml) or
    directories of them; without INPUTS, data/announcements is built. A facts file
    whose source is one of the texts replaces extraction of that text.

    \b
    Example:
      kg build                                  # data/announcements -> .kg/store, out/
      kg build data/gold --store .kg/gold --out out/gold

    Python: kg.build.build, kg.build.write_outputs
    """
    inputs = list(inputs) or [Path(DEFAULT_INPUT)]
    try:
        if not no_outputs:
            check_output_dir(out_dir)  # before the store is touched: a bad --out costs nothing
        identities = default_identities(entities)
        with _open(store_location) as store:
            with _Progress() as bar:
                report = build(
                    inputs, store, identities=identities, prune=prune, force=force, jobs=jobs,
                    on_error=bar.wrap(lambda m: click.echo(f"error: {printable(str(m))}", err=True)), progress=bar.step, on_total=bar.start,
                )
            click.echo(report.summary())
            if not no_outputs:
                for path in write_outputs(store, out_dir):
                    click.echo(f"wrote {path}")
    except KGError as e:
        _fail(e)
    if report.failed:
        raise click.ClickException(f"{len(report.failed)} input(s) failed; the others were built")


class _Progress:
    """A progress line on stderr (count, rate, ETA), drawn only when stderr is a terminal."""

    def __init__(self, stream=None, every=0.2):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.every = every
        self.total = self.done = 0
        self.started = self.drawn = 0.0

    def start(self, total):
        self.total, self.started = total, time.monotonic()

    def step(self, _ann_id=None):
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.drawn >= self.every or self.done == self.total):
            self.drawn = now
            self._draw(now)

    def wrap(self, echo):
        """An on_error callback that keeps the progress line below the message."""
        def call(message):
            if self.enabled:
                self.stream.write("\r\033[K")
            echo(message)
        return call

    def _draw(self, now):
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate and self.total else 0
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        eta = f"{int(left // 60)}:{int(left % 60):02d}"
        self.stream.write(f"\r\033[K[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total}  {rate:,.0f}/s  ETA {eta}")
        self.stream.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.enabled and self.drawn:
            self.stream.write("\n")
            self.stream.flush()


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate_cmd(paths):
    """Check facts files and report every problem, with file and line.

    \b
    Example:
      kg validate data/gold
      kg validate data/gold/ballard-s2-renewal.facts.yaml

    Python: kg.facts.validate_facts
    """
    try:
        files = find_facts_files(paths)
    except KGError as e:
        _fail(e)
    problems = [p for f in files for p in validate_facts(f)]
    for p in problems:
        click.echo(printable(str(p)))
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {len({p.path for p in problems})} of {len(files)} file(s)")
    click.echo(f"{len(files)} file(s) valid")


@click.command("stats")
@store_option
def stats_cmd(store_location):
    """Print counts: quads, announcements, entities by type, facts by relation.

    \b
    Example:
      kg stats --store .kg/store

    Python: kg.query.graph_stats
    """
    from ..query import graph_stats

    try:
        with _open(store_location, create=False) as store:
            stats = graph_stats(store)
    except KGError as e:
        _fail(e)
    click.echo(f"store          {store_location or default_store_location()}")
    for key in ("announcements", "quads", "triples"):
        click.echo(f"{key:<14} {stats[key]}")
    click.echo("entities")
    for t, n in stats["entities"].items():
        click.echo(f"  {t:<20} {n}")
    click.echo("facts by relation")
    for r, n in stats["relations"].items():
        click.echo(f"  {r:<20} {n}")


@click.command("duplicates")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def duplicates_cmd(store_location, fmt):
    """List entities that probably are one: a one-word name beside a full name on a related work.

    Each pair comes with its evidence (the works where the short name is used, the
    announcements that state it) and the data/entities.yaml line that would confirm
    it; a short name that fits several full names is flagged for the curator to choose.

    \b
    Example:
      kg duplicates
      kg duplicates --format json

    Python: kg.resolve.likely_duplicates, kg.resolve.format_duplicates
    """
    import json

    from ..resolve import format_duplicates, likely_duplicates

    try:
        with _open(store_location, create=False) as store:
            found = likely_duplicates(store)
    except KGError as e:
        _fail(e)
    click.echo(json.dumps(found, indent=2, ensure_ascii=False) if fmt == "json" else printable(format_duplicates(found)))


def _canned_help():
    from ..query import canned_queries

    return "\n".join(f"  {q.name:<18} {q.description}" for q in canned_queries().values())


@click.command("query", epilog=None)
@click.argument("query")
@store_option
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query variable (repeatable); bound as an RDF term, never pasted.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query_cmd(query, store_location, params, fmt):
    """Run a canned query by NAME, a .rq FILE or SPARQL text.

    The prefixes listed below are predeclared; the default graph holds each
    current fact once (GRAPH ?g tells which announcements stated it).

    \b
    Example:
      kg query cast --param series=Ballard
      kg query provenance --param subject="Maggie Q" --param relation=portrays
      kg query "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" --format json

    Python: kg.query.run_query
    """
    from ..query import format_result, parse_param, run_query

    try:
        bound = dict(parse_param(p) for p in params)
        with _open(store_location, create=False) as store:
            result = run_query(store, query, bound)
    except KGError as e:
        _fail(e)
    text = format_result(result, fmt, terminal=sys.stdout.isatty())
    click.echo(text, nl=not text.endswith("\n"))  # CSV ends with its own newline: no blank last line


def _prefix_help():
    from ..mapping import PREFIXES

    return "\n".join(f"  {name + ':':<18} {iri}" for name, iri in PREFIXES.items())


query_cmd.help += "\n\n\b\nCanned queries:\n" + _canned_help() + "\n\n\b\nPrefixes:\n" + _prefix_help()


@click.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", *RDF_FORMATS]), default="graphml", show_default=True, help="A NetworkX format, or an RDF format of the whole store.")
@click.option("--projection", type=click.Choice(["full", "people", "works"]), default="full", show_default=True, help="full graph, person-person collaborations, or work-work shared people.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write. [default: standard output]")
def export_cmd(store_location, fmt, projection, output):
    """Export the graph for NetworkX tools (GraphML, GEXF, JSON) or as RDF.

    \b
    Example:
      kg export --format gexf --projection people -o people.gexf
      kg export --format trig -o bosch.trig

    Python: kg.network.to_networkx, kg.network.projection
    """
    from ..files import write_atomic
    from ..network import dumps_graph, projection as project, to_networkx

    try:
        with _open(store_location, create=False) as store:
            if fmt in RDF_FORMATS:
                if projection != "full":
                    raise KGError("--projection applies to graphml, gexf and json only")
                data = store.dump(fmt)
            else:
                data = dumps_graph(project(to_networkx(store), projection), fmt)
        if output:
            write_atomic(output, data)
        elif isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            click.echo(data, nl=False)
    except KGError as e:
        _fail(e)


@click.command("viz")
@store_option
@click.option("--focus", metavar="NAME", help="Draw only this entity's neighbourhood (name, alias or IRI).")
@click.option("--depth", type=click.IntRange(0, 10), default=2, show_default=True, help="Hops around --focus.")
@click.option("--max-nodes", type=click.IntRange(1), default=2000, show_default=True, help="Above this, draw the top nodes by degree (or the focus) and say so.")
@click.option("--title", help="Page title. [default: the focus's name, or 'kg graph']")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write.")
def viz_cmd(store_location, focus, depth, max_nodes, title, output):
    """Write the graph as one self-contained interactive HTML page (works offline).

    \b
    Example:
      kg viz -o universe.html
      kg viz --focus "Titus Welliver" --depth 2 -o welliver.html

    Python: kg.viz.write_html
    """
    from ..network import to_networkx
    from ..query import provenance_index
    from ..viz import write_html

    try:
        with _open(store_location, create=False) as store:
            G = to_networkx(store)
            said = provenance_index(store)
        write_html(G, output, focus=focus, depth=depth, max_nodes=max_nodes, title=title, provenance=said)
    except KGError as e:
        _fail(e)
    click.echo(f"wrote {output}")
