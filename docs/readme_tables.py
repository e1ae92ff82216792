"""The README's tables, generated from the code by cog (``cog -r README.md``; CI runs ``cog --check``).

Each function prints Markdown for one ``[[[cog ... ]]]`` block of README.md: the command
table from the click commands (their usage, the first sentence of their help and the
``Python:`` line that names the library call), the canned-query table from
``kg/queries/*.rq`` and the predeclared prefixes from ``kg.mapping.PREFIXES``.
"""

import re

import click


def _commands():
    from kg.cli import main

    ctx = click.Context(main, info_name="kg")
    return [(name, main.get_command(ctx, name)) for name in main.list_commands(ctx)]


def _usage(name, command):
    ctx = click.Context(command, info_name=f"kg {name}")
    parts = [f"kg {name}"]
    for p in command.params:
        if isinstance(p, click.Argument):
            parts.append(p.make_metavar(ctx))
        elif p.required:
            parts.append(f"{p.opts[-1]} {p.make_metavar(ctx)}")
    return " ".join(parts + ["[OPTIONS]"])


def _summary(command):
    first = (command.help or "").strip().split("\n\n")[0]
    return " ".join(first.split())


def _cell(text):
    return text.replace("|", "\\|")


def library_calls(command):
    """The functions or modules a command's help names on its ``Python:`` line."""
    m = re.search(r"^\s*Python:\s*(.+)$", command.help or "", re.M)
    return [c.strip() for c in m.group(1).split(",")] if m else []


def command_table(out=print):
    out("| command | what it does | library call |")
    out("|---|---|---|")
    for name, command in _commands():
        calls = ", ".join(f"`{c}`" for c in library_calls(command))
        out(f"| `{_usage(name, command)}` | {_cell(_summary(command))} | {calls} |")


def canned_query_table(out=print):
    from kg.query import canned_queries

    out("| name | answers | parameters |")
    out("|---|---|---|")
    for q in canned_queries().values():
        params = ", ".join(f"`{p}`" for p in q.params)
        out(f"| `{q.name}` | {_cell(q.description)} | {params} |")


def prefix_list(out=print):
    from kg.mapping import PREFIXES

    out(", ".join(f"`{p}:`" for p in PREFIXES))
