"""Markup, script and formulas typed into any text field come out as the text that was typed,
on every page, PDF, CSV (alone or in a zip) and JSON answer, whoever reads them.

The world of the access-matrix walk is built, then every free-text value in it (each text
column of every table, and each text answer inside the JSON columns) has hostile text put in
front of it. Every GET route is then read by every role the matrix lets in: no page may hold
an element made from that text, every CSV cell holding it is neutralised, every PDF shows it
literally and links nothing, every JSON answer gives it back unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from sqlalchemy import String, Text, select, update
from sqlalchemy.exc import DBAPIError

from eia.extensions import db
from tests.integration.world import ROLES, allowed, build_world, every_rule, label, url_of

# Starts like a formula, closes a quoted attribute of either kind, then opens an element; the
# entity shows whether text is escaped once (seen as "&amp;"), not decoded or left raw.
HOSTILE = "=1+\"'><x-h>&amp;"
SEEN = "<x-h>&amp;"
# Values that name something rather than say something: keys, states, emails, hashes, slugs,
# references and file contents in base64.
IDENTIFIER = re.compile(r"[a-z0-9_.@+/=$:-]*|\$argon2.*|[A-Z]+-\d{4}-\d+|[A-Za-z0-9+/=]{60,}",
                        re.DOTALL)
# Columns whose text the pages look things up by, and the TOML sources of frameworks and
# scenarios (whose texts are shown, as the other texts are, once read).
LOOKED_UP = {"reference", "key", "email", "token_hash", "password_hash", "hash", "prev_hash",
             "source"}


def _hostile(value):
    """`value` with HOSTILE in front of each free text in it (JSON text is walked)."""
    if isinstance(value, str):
        return value if IDENTIFIER.fullmatch(value) else HOSTILE + value
    if isinstance(value, list):
        return [_hostile(item) for item in value]
    if isinstance(value, dict):
        return {key: _hostile(item) for key, item in value.items()}
    return value


def _with_hostile_text(text: str) -> str:
    if text[:1] in "[{":
        try:
            return json.dumps(_hostile(json.loads(text)), ensure_ascii=False)
        except ValueError:
            pass
    return _hostile(text)


def make_every_text_hostile() -> set[str]:
    """Put HOSTILE into every free text the database holds that may still change (signed-off
    versions and the audit log refuse, as they should); the names of the columns changed."""
    changed = set()
    for table in db.metadata.sorted_tables:
        key = list(table.primary_key.columns)
        columns = [column for column in table.columns
                   if type(column.type) in (String, Text) and not column.foreign_keys
                   and not column.primary_key and column.name not in LOOKED_UP]
        if not columns or len(key) != 1:
            continue
        for row in db.session.execute(select(key[0], *columns)).all():
            values = {}
            for column, value in zip(columns, row[1:], strict=True):
                new = _with_hostile_text(value) if isinstance(value, str) else value
                if new != value and len(new) <= (column.type.length or len(new)):
                    values[column.name] = new
            if not values:
                continue
            try:
                with db.session.begin_nested():
                    db.session.execute(update(table).where(key[0] == row[0]).values(values))
            except DBAPIError:  # a row the database keeps as it is, by trigger
                continue
            changed.update(f"{table.name}.{name}" for name in values)
    db.session.expire_all()
    return changed


def _strings(value) -> list[str]:
    """Every string in a JSON document."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def _csv_problem(body: bytes) -> tuple[str | None, bool]:
    cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))
             for cell in row if SEEN in cell]
    raw = [cell for cell in cells if not cell.startswith("'")]
    return (f"formula cells left as they are: {raw[:2]}" if raw else None), bool(cells)


def _problem_in(response) -> tuple[str | None, bool]:
    """What is unsafe in the answer, and whether it showed the hostile text at all."""
    kind = response.mimetype
    body = response.get_data()
    if kind == "text/html":
        page = BeautifulSoup(body, "html.parser")
        if page.find("x-h"):
            return "an element was made from typed text", True
        return None, SEEN in page.get_text()
    if kind == "text/csv":
        return _csv_problem(body)
    if kind == "application/zip":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            answers = [_csv_problem(archive.read(name)) for name in archive.namelist()
                       if name.endswith(".csv")]
        return (next((problem for problem, _ in answers if problem), None),
                any(shown for _, shown in answers))
    if kind == "application/pdf":
        if b"/URI" in body or b"/Launch" in body:
            return "the PDF links somewhere", True
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
        return None, "<x-h>" in text
    if kind == "application/json":
        return None, any(HOSTILE in text for text in _strings(json.loads(body)))
    return None, False


# Escaping is the templates', the PDF builder's and the exports' work, the same on every
# database, so the walk runs once: in PostgreSQL's run, which has less else to do than SQLite's
# (tests/conftest.py, `run_of`).
@pytest.mark.route_walk
@pytest.mark.postgresql
def test_typed_markup_and_formulas_are_only_ever_text(app, client_as, outbox, app_context):
    """SECURITY.md (Output encoding): HTML autoescaped, no `|safe` on user data; every user
    string escaped before reportlab markup; CSV cells starting with `= + - @` neutralised.

    Slow (a minute or so): every free text of the access-matrix world, read back through every
    page, PDF, CSV and JSON answer by every role the access matrix lets in."""
    world = build_world(app, client_as, outbox)
    changed = make_every_text_hostile()
    assert {"assessment_versions.title", "users.name", "training_programmes.name",
            "section_answers.answers"} <= changed, changed
    wrong, shown_in = [], {"text/html": 0, "text/csv": 0, "application/zip": 0,
                           "application/pdf": 0, "application/json": 0}
    # A PDF is built from the version alone, not from who asks for it: each address's PDF is
    # read once, and the other roles' downloads are checked only for their answer.
    pdf_read: dict[str, tuple[str | None, bool]] = {}
    for role in ROLES:
        client = world.client(role)
        for rule in every_rule(app):
            if "GET" not in rule.methods or not allowed(rule.endpoint, role):
                continue
            url = url_of(world, rule, role)
            response = client.get(url)
            if response.status_code >= 500:
                wrong.append(f"{label(role)} GET {rule.endpoint}: {response.status_code}")
                continue
            if response.mimetype == "application/pdf" and url in pdf_read:
                problem, shown = pdf_read[url]
            else:
                problem, shown = _problem_in(response)
                if response.mimetype == "application/pdf":
                    pdf_read[url] = problem, shown
            if problem:
                wrong.append(f"{label(role)} GET {rule.endpoint}: {problem}")
            if shown:
                shown_in[response.mimetype] += 1
    assert not wrong, "typed text that became something else:\n" + "\n".join(wrong)
    # The hostile text reached every kind of answer, so each check above checked something.
    assert all(shown_in.values()), shown_in
