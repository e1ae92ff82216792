"""`kg extract` and `kg eval`: thin click wrappers over kg.extract and kg.evaluate.

The lead registers them on the ``kg`` group::

    from kg.commands.extract import extract, eval_cmd
    cli.add_command(extract)
    cli.add_command(eval_cmd)
"""

from pathlib import Path

import click

from ..errors import KGError
from ..names import printable


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the facts files (DIR/<stem>.facts.yaml per input).")
def extract(inputs, out_dir):
    """Extract facts from announcements (.txt, .md, .html, or folders of them) into facts files.

    Each facts file names its text relative to itself (source:), so
    kg build TEXTS FACTS builds the texts with the facts files in their place:
    review the facts files, and the reviewed facts win. One bad file prints an
    error and does not stop the others; the exit code is 1 if any failed.

    \b
    Example:
      kg extract data/announcements --out facts/
      kg build data/announcements facts/

    Python: kg.extract.extract_to
    """
    from ..build import find_texts
    from ..extract import extract_to, facts_path_for
    from ..files import check_output_dir

    try:
        check_output_dir(out_dir)
        texts = find_texts(inputs)
    except KGError as e:
        raise click.ClickException(printable(str(e))) from None
    failed, written = 0, {}
    for path in texts:
        target = facts_path_for(path, out_dir)
        if target in written:  # one facts file per announcement id: never overwrite another's
            click.echo(f"error: {printable(str(path))}: its facts file {printable(str(target))} is already written from {printable(str(written[target]))}; rename one of them", err=True)
            failed += 1
            continue
        try:
            target, ff = extract_to(path, out_dir)
        except KGError as e:
            click.echo(f"error: {printable(str(e))}", err=True)
            failed += 1
            continue
        except OSError as e:  # pragma: no cover - read_announcement reports these as KGError
            click.echo(f"error: {path}: {e.strerror or e}", err=True)
            failed += 1
            continue
        written[target] = path
        if not ff.facts and not ff.entities:
            click.echo(f"warning: {path}: no facts found; wrote an empty facts file", err=True)
        click.echo(f"{path} -> {target} ({len(ff.entities)} entities, {len(ff.facts)} facts)")
    if not texts:
        click.echo("warning: no announcement texts (.txt, .md, .html) found", err=True)
    if failed:
        raise SystemExit(1)


@click.command("eval")
@click.argument("gold_dir", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--system", "system_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Score these facts files (<stem>.facts.yaml) instead of extracting the gold files' sources.")
@click.option("--errors/--no-errors", default=True, show_default=True, help="List every false positive and negative.")
@click.option("--calibrate", is_flag=True,
              help="Measure each rule's precision with the rules' own confidences and write it to kg/extract/calibration.py.")
def eval_cmd(gold_dir, system_dir, errors, calibrate):
    """Score extraction against gold facts files: P/R/F1 overall, per relation and per
    document, and a reliability table (observed precision per confidence bin).

    \b
    Example:
      kg eval tests/corpus/dev
      kg eval tests/corpus/dev --system facts/

    Python: kg.evaluate.evaluate
    """
    from ..evaluate import evaluate, format_report, write_calibration
    from ..extract import calibration

    try:
        if calibrate:
            saved, calibration.COUNTS = calibration.COUNTS, {}
            try:
                report = evaluate(list(gold_dir), system_dir=system_dir)
            finally:
                calibration.COUNTS = saved
            write_calibration(report, calibration.__file__)
            click.echo(f"wrote {len(report.judged)} judged facts to {calibration.__file__}")
        report = evaluate(list(gold_dir), system_dir=system_dir)
    except KGError as e:
        raise click.ClickException(str(e)) from None
    click.echo("\n".join(printable(line) for line in format_report(report, errors=errors).splitlines()))
