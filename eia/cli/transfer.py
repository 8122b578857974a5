"""`flask eia export | import | list`: assessments in and out as JSON documents.

`export --format pdf -o FILE` writes the PDF of a version instead (`eia.pdf`).

The document is the canonical one of `eia.document.schema`; the work is done by
`eia.services.transfer`. Documents go to stdout (or a file) and errors to stderr, so the
commands can be piped and scripted: `import` prints only the new reference.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import click
from flask.cli import with_appcontext

from eia.domain import DomainError
from eia.services import accounts, transfer
from eia.services.documents import assessment_pdf


@click.command("export")
@click.argument("reference")
@click.option("--version", "number", type=click.IntRange(min=1),
              help="Version number; the latest version if left out.")
@click.option("--format", "output_format", type=click.Choice(["json", "pdf"]), default="json",
              show_default=True, help="Document format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of standard output (required for pdf).")
@with_appcontext
def export_command(reference: str, number: int | None, output_format: str,
                   output: Path | None):
    """Write one version of an assessment as a JSON document or a PDF.

    JSON goes to standard output unless -o is given. A PDF is binary, so it is only ever
    written to a file: --format pdf needs -o FILE, for example
    `flask --app app eia export EIA-2026-0042 --version 2 --format pdf -o EIA-2026-0042-v2.pdf`.
    """
    if output_format == "pdf" and output is None:
        raise click.UsageError("--format pdf needs -o FILE: a PDF is not written to the "
                               "terminal.")
    try:
        version = transfer.get_version(reference, number)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    if output_format == "pdf":
        content = assessment_pdf(version)
    else:
        text = json.dumps(transfer.export_document(version), indent=2, sort_keys=True,
                          ensure_ascii=False) + "\n"
        if output is None:
            click.echo(text, nl=False)
            return
        content = text.encode("utf-8")
    try:
        output.write_bytes(content)
    except OSError as error:
        # A missing folder or a read-only file: say so rather than print a traceback.
        raise click.ClickException(f"Cannot write {output}: {error.strerror or error}") from error
    click.echo(f"Wrote {version.reference} version {version.number} to {output}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as", "as_email", metavar="EMAIL",
              help="The author importing it; the document's lead officer if left out.")
@with_appcontext
def import_command(file: Path, as_email: str | None):
    """Create a new assessment (new reference, version 1, draft) from a JSON document."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise click.ClickException(f"{file} is not a JSON document: {error}") from error
    except OSError as error:
        raise click.ClickException(f"Cannot read {file}: {error.strerror or error}") from error
    importer = None
    if as_email:
        importer = accounts.get_user_by_email(as_email)
        if importer is None:
            raise click.ClickException(f"No user has the email address {as_email}")
    try:
        if importer is None:
            # The default importer is the lead officer: check first, so that an unknown lead
            # officer is reported with the document's other problems.
            checked = transfer.check_document(document)
            importer = checked.lead_officer
        assessment = transfer.import_document(importer, document)
    except transfer.ImportRefused as refused:
        click.echo(f"{refused}:", err=True)
        for path, messages in refused.errors.items():
            for message in messages:
                click.echo(f"{path}: {message}", err=True)
        raise SystemExit(1) from refused
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    click.echo(assessment.reference)


@click.command("list")
@with_appcontext
def list_command():
    """One line per assessment version: reference, version, status and title, tab-separated."""
    for version in transfer.list_versions():
        click.echo("\t".join([version.reference, str(version.number), version.status,
                              _one_line(version.title)]))


def _one_line(text: str) -> str:
    # Titles are kept exactly as written, so a tab or line break would split the record.
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
