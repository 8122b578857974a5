"""`flask eia export | import | list`: assessments in and out as JSON documents.

`export --format pdf -o FILE` writes the PDF of a version instead (`eia.pdf`).

The document is the canonical one of `eia.document.schema`; the work is done by
`eia.services.transfer`. Documents go to stdout (or a file) and errors to stderr, so the
commands can be piped and scripted: `import` prints only the new reference. `import` also
takes Word documents, and a folder or a .zip of documents (`eia.archive.bundle`), drafts and
records of the past alike (`eia.services.archive`), and prints each file with the reference it
became.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import click
from flask.cli import with_appcontext

from eia.archive.bundle import read_files
from eia.domain import DomainError
from eia.services import accounts, archive, frameworks, transfer
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
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--as", "as_email", metavar="EMAIL",
              help="Who imports: an author for drafts (the document's lead officer if left "
                   "out), an administrator for records of the past.")
@click.option("--check", is_flag=True,
              help="Check every document and say what it would create; import nothing.")
@with_appcontext
def import_command(path: Path, as_email: str | None, check: bool):
    """Import a JSON document or a Word document, or every document in a folder or a .zip
    archive.

    A document is a draft (a new assessment, version 1) unless it has a `historical` part:
    then it is a record of the past, imported by an administrator. A Word document (.docx) is
    always a record of the past, read with the template whose headings fit it best; what fits
    nowhere is kept as the record's imported text (the import page lets a person correct where
    each heading goes first). One file prints the new
    reference; a folder or archive prints each file with its new reference, and lists every
    problem of every file it could not import (each file is imported whole or not at all).
    """
    importer = _user(as_email) if as_email else None
    if path.is_file() and path.suffix.lower() == ".json" and not check:
        document = _json_document(path)
        if not (isinstance(document, dict) and document.get("historical") is not None):
            click.echo(_import_draft(document, importer).reference)
            return
    found = read_files(_files_at(path), frameworks.current_framework())
    if check:
        _report_plans(archive.plan_batch([f for f in found if _historical(f)]),
                      [f for f in found if not _historical(f)])
        return
    failed = False
    historical = [f for f in found if _historical(f)]
    if historical:
        if importer is None:
            raise click.ClickException("Records of the past are imported by an "
                                       "administrator: give --as EMAIL.")
        for outcome in _importing(archive.import_batch, importer, historical):
            failed |= _report(outcome.filename, outcome.reference, outcome.errors)
    for file in found:
        if file in historical:
            continue
        if file.problem:
            failed |= _report(file.filename, None, {"file": [file.problem]})
            continue
        try:
            reference = _import_draft(file.document, importer, exit_on_refusal=False).reference
        except transfer.ImportRefused as refused:
            failed |= _report(file.filename, None, refused.errors)
        else:
            _report(file.filename, reference, {})
    if failed:
        raise SystemExit(1)


def _user(email: str):
    user = accounts.get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user has the email address {email}")
    return user


def _json_document(file: Path) -> object:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise click.ClickException(f"{file} is not a JSON document: {error}") from error
    except OSError as error:
        raise click.ClickException(f"Cannot read {file}: {error.strerror or error}") from error


def _import_draft(document: object, importer, *, exit_on_refusal: bool = True):
    """A new draft from `document`, imported by `importer` or else its lead officer."""
    try:
        if importer is None:
            # The default importer is the lead officer: check first, so that an unknown lead
            # officer is reported with the document's other problems.
            importer = transfer.check_document(document).lead_officer
        return transfer.import_document(importer, document)
    except transfer.ImportRefused as refused:
        if not exit_on_refusal:
            raise
        click.echo(f"{refused}:", err=True)
        for where, messages in refused.errors.items():
            for message in messages:
                click.echo(f"{where}: {message}", err=True)
        raise SystemExit(1) from refused
    except DomainError as error:
        raise click.ClickException(str(error)) from error


def _files_at(path: Path) -> list[tuple[str, bytes]]:
    """(name, content) of the file at `path`, or of every file in the folder, by name."""
    try:
        if path.is_dir():
            return [(str(file.relative_to(path)), file.read_bytes())
                    for file in sorted(path.rglob("*")) if file.is_file()
                    and not file.name.startswith(".")]
        return [(path.name, path.read_bytes())]
    except OSError as error:
        raise click.ClickException(f"Cannot read {path}: {error.strerror or error}") from error


def _historical(file) -> bool:
    return isinstance(file.document, dict) and file.document.get("historical") is not None


def _importing(run, importer, files):
    try:
        return run(importer, files)
    except DomainError as error:
        raise click.ClickException(str(error)) from error


def _report(filename: str, reference: str | None, errors: dict[str, list[str]]) -> bool:
    """Print what became of one file; True when it was not imported."""
    if reference:
        click.echo(f"{filename}\t{reference}")
        return False
    for where, messages in errors.items():
        for message in messages:
            click.echo(f"{filename}: {where}: {message}", err=True)
    return True


def _report_plans(plans, others) -> None:
    for plan in plans:
        if not plan.ok:
            _report(plan.filename, None, plan.errors)
            continue
        unaccounted = sum(1 for person in plan.people if person.user is None)
        parts = [f"would import the record “{_one_line(plan.title)}”",
                 f"{len(plan.people)} people named ({unaccounted} without an account)"]
        if plan.units_to_create:
            parts.append(f"new units: {'; '.join(plan.units_to_create)}")
        if plan.parent_reference:
            parts.append(f"part of {plan.parent_reference}")
        click.echo(f"{plan.filename}: {', '.join(parts)}")
    for file in others:
        if file.problem:
            _report(file.filename, None, {"file": [file.problem]})
            continue
        try:
            checked = transfer.check_document(file.document)
        except transfer.ImportRefused as refused:
            _report(file.filename, None, refused.errors)
        else:
            click.echo(f"{file.filename}: would import the draft "
                       f"“{_one_line(checked.data['details']['title'])}”")


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
