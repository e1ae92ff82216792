"""The ``kg`` command: a thin layer over the library.

Each command opens what it needs, calls one kg function and prints the result;
the rules live in the library. Commands are grouped by topic in ``kg/commands``.
"""

import click

from .commands.graph import build_cmd, duplicates_cmd, export_cmd, query_cmd, stats_cmd, validate_cmd, viz_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="kg")
def main():
    """kg: build a knowledge graph from entertainment announcements.

    \b
    Start with:
      kg build                 # data/announcements -> .kg/store and out/
      kg query cast --param series=Ballard
      kg viz --focus "Harry Bosch" -o bosch.html
    """


for command in (build_cmd, validate_cmd, stats_cmd, duplicates_cmd, query_cmd, export_cmd, viz_cmd):
    main.add_command(command)


def _register_optional():
    """Commands whose modules are written by later stages (extraction, the endpoint)."""
    import importlib

    for module, names in (("kg.commands.extract", ("extract", "eval_cmd")), ("kg.commands.serve", ("serve",))):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        for name in names:
            if hasattr(mod, name):
                main.add_command(getattr(mod, name))


_register_optional()
