"""Importing delegates from a CSV file: every bad row named and nothing made, a preview of a
good file, accounts and invitations for new people, the trainee role for people who have an
account, bookings onto a chosen session, the progress of a large file, and cells that a
spreadsheet would run as formulas shown as text."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from eia.domain import BookingStatus, Role
from eia.extensions import db
from eia.models.mail import OutboundEmail
from eia.models.users import User
from eia.services.mail import deliver_pending
from eia.services.training import bookings, delegates
from tests.factories import UnitFactory, UserFactory, programme, training_session
from tests.pages import error_summary, parse


def _upload(client, training, text: str, session=None, filename="delegates.csv"):
    data = {"file": (io.BytesIO(text.encode()), filename),
            "session_id": str(session.id) if session else ""}
    return client.post(client.url("training.import_delegates", programme_id=training.id),
                       data={"csrf_token": client.csrf_token(), **data},
                       content_type="multipart/form-data")


def _people() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_a_bad_file_names_every_bad_row_and_makes_nothing(client_as, app_context):
    UnitFactory(name="Estates")
    client = client_as(Role.FACILITATOR)
    training = programme()
    before = _people()
    text = ("name,email,unit\n"
            "Ada Byrne,ada@example.org,Estates\n"
            ",nobody@example.org,Estates\n"
            "Bo Chen,not-an-email,Estates\n"
            "Cy Dunn,cy@example.org,Nowhere\n"
            "Di Ede,ada@example.org,Estates\n")
    page = parse(_upload(client, training, text))
    problems = error_summary(page)
    assert "Row 3: the name is missing" in problems
    assert "Row 4: ‘not-an-email’ is not an email address" in problems
    assert "Row 5: there is no unit called ‘Nowhere’" in problems
    assert "Row 2: ada@example.org is in the file more than once" in problems
    assert "Row 6: ada@example.org is in the file more than once" in problems
    # The preview shows every row, good and bad, and nothing was made.
    rows = page.select("tbody tr")
    assert len(rows) == 5
    assert _people() == before


def test_a_good_file_is_previewed_then_imported_with_invitations_roles_and_bookings(
        client_as, app_context, outbox):
    estates = UnitFactory(name="Estates")
    client = client_as(Role.FACILITATOR)
    training = programme()
    session = training_session(training, capacity=2)
    existing = UserFactory(roles={Role.AUTHOR}, email="ed@example.org", name="Ed Fox")
    deliver_pending()
    outbox.clear()
    before = _people()
    text = ("Ada Byrne,ada@example.org,Estates\n"
            "Bo Chen,BO@example.org,estates\n"
            "Ed Fox,ed@example.org,Estates\n")
    response = _upload(client, training, text, session=session)
    assert response.status_code == 302
    preview = parse(client.get(response.location))
    text_of_preview = " ".join(preview.get_text().split())
    assert "New account, invited by email" in text_of_preview
    assert "Has an account already: gets the trainee role" in text_of_preview
    assert _people() == before  # nobody is made before the import is run
    run = preview.select_one("form[action$='/run']")["action"]
    response = client.post(run, data={"csrf_token": client.csrf_token()})
    assert response.status_code == 302
    done = parse(client.get(response.location))
    summary = " ".join(done.get_text().split())
    assert "Imported: 3 of 3 rows" in summary
    assert "2 new accounts, each invited by email" in summary
    assert "2 booked onto" in summary and "1 on its waiting list" in summary
    assert done.select_one("progress")["value"] == "3"
    assert done.find("meta", {"http-equiv": "refresh"}) is None
    ada = db.session.scalar(select(User).where(User.email == "ada@example.org"))
    assert ada.roles == {Role.TRAINEE} and ada.unit_id == estates.id
    db.session.refresh(existing)
    assert existing.roles == {Role.AUTHOR, Role.TRAINEE}
    deliver_pending()
    invited = {m["To"] for m in outbox.messages if "set-password" in m.get_body().get_content()}
    assert invited == {"ada@example.org", "bo@example.org"}
    statuses = sorted(b.status for b in session.bookings)
    assert statuses == sorted([BookingStatus.BOOKED, BookingStatus.BOOKED,
                               BookingStatus.WAITLISTED])


def test_cells_a_spreadsheet_would_run_are_shown_as_text(client_as, app_context):
    UnitFactory(name="Estates")
    client = client_as(Role.FACILITATOR)
    page = parse(_upload(client, programme(),
                         '=HYPERLINK("http://evil.example"),bad,Estates\n'))
    cells = [cell.get_text() for cell in page.select("tbody td")]
    assert "'=HYPERLINK(\"http://evil.example\")" in cells
    assert '=HYPERLINK("http://evil.example")' not in cells


def test_a_file_that_is_not_csv_or_empty_is_refused(client_as, app_context):
    client = client_as(Role.FACILITATOR)
    training = programme()
    assert "The selected file must be a CSV file ending in .csv" in error_summary(
        parse(_upload(client, training, "a,b,c", filename="people.xlsx")))
    assert any("no delegates in it" in p for p in error_summary(
        parse(_upload(client, training, "name,email,unit\n"))))


def test_trainees_cannot_import(client_as, app_context):
    client = client_as(Role.TRAINEE)
    training = programme()
    assert client.get(client.url("training.import_delegates",
                                 programme_id=training.id)).status_code == 403


def test_two_thousand_rows_import_in_batches_with_progress(app, app_context, monkeypatch):
    """Slow (a minute or so): two thousand accounts are made through the accounts service.
    Their invitations are written to the log rather than sent, which the test above checks."""
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    UnitFactory(name="Estates")
    facilitator = UserFactory(roles={Role.FACILITATOR})
    training = programme(lead=facilitator)
    text = "name,email,unit\n" + "".join(f"Delegate {n},delegate{n}@example.org,Estates\n"
                                         for n in range(2_000))
    checked, job = delegates.prepare_import(facilitator, training, text.encode(), "big.csv")
    assert checked.good and job.total == 2_000 and job.percent == 0
    delegates.run_import(job.id)
    db.session.refresh(job)
    assert job.done == 2_000 and job.created == 2_000 and job.percent == 100
    assert job.finished_at is not None
    trainees = db.session.scalar(select(func.count()).select_from(User).where(
        User.email.like("delegate%@example.org")))
    assert trainees == 2_000
    # Running it again (a second press, a restart) makes nobody twice.
    delegates.run_import(job.id)
    assert db.session.scalar(select(func.count()).select_from(User).where(
        User.email.like("delegate%@example.org"))) == 2_000
    assert bookings.bookings_of(facilitator) == []


def test_every_invitation_and_booking_of_a_batch_is_sent_before_the_next_batch(
        app_context, outbox):
    """A batch of a hundred people booked onto a session queues two hundred messages (an
    invitation and a booking each): all of them go before the next batch starts."""
    UnitFactory(name="Estates")
    facilitator = UserFactory(roles={Role.FACILITATOR})
    training = programme(lead=facilitator)
    session = training_session(training, capacity=200)
    text = "".join(f"Delegate {n},delegate{n}@example.org,Estates\n"
                   for n in range(delegates.BATCH))
    _, job = delegates.prepare_import(facilitator, training, text.encode(), "delegates.csv",
                                      session=session)
    outbox.messages.clear()
    delegates.run_import(job.id)
    assert db.session.scalar(select(func.count()).select_from(OutboundEmail).where(
        OutboundEmail.sent_at.is_(None))) == 0
    sent_to = [message["To"] for message in outbox.messages
               if message["To"].startswith("delegate")]
    assert len(sent_to) == 2 * delegates.BATCH
    assert set(sent_to) == {f"delegate{n}@example.org" for n in range(delegates.BATCH)}


def test_the_page_shows_the_progress_and_refreshes_itself_until_the_import_is_done(
        client_as, app_context):
    UnitFactory(name="Estates")
    client = client_as(Role.FACILITATOR)
    training = programme()
    text = "".join(f"Delegate {n},delegate{n}@example.org,Estates\n" for n in range(150))
    _, job = delegates.prepare_import(db.session.get(User, client.user_id), training,
                                      text.encode(), "delegates.csv")
    delegates.run_batch(job.id)  # the first hundred, as the background run would
    page = client.get_page("training.view_delegate_import", programme_id=training.id,
                           import_id=job.id)
    progress = page.select_one("progress")
    assert (progress["value"], progress["max"]) == ("100", "150")
    assert page.find("meta", {"http-equiv": "refresh"}) is not None
    assert "Importing: 100 of 150 rows" in " ".join(page.get_text().split())
    delegates.run_import(job.id)
    page = client.get_page("training.view_delegate_import", programme_id=training.id,
                           import_id=job.id)
    assert page.find("meta", {"http-equiv": "refresh"}) is None
    assert "150 new accounts" in page.get_text()
