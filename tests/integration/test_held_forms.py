"""SECURITY.md (No lost work): long forms do not lose input when a CSRF token or session
expires. What a form carried when its session had ended is kept on the server, and once its
author is signed in again a page sends it on to where it was going."""

from __future__ import annotations

from sqlalchemy import func, select

from eia.extensions import db
from eia.models.assessments import AssessmentVersion
from eia.models.held_forms import HeldForm
from tests.conftest import sign_in_client
from tests.factories import PASSWORD, UserFactory, start_assessment
from tests.pages import parse

# A long answer, typed over an afternoon, with line breaks and markup in it.
LONG_ANSWER = ("The clinic moves across town.\r\n<b>Older patients</b> rely on the 14 bus. " * 200)
WHERE = {"section_id": "aims_and_scope", "page_id": "purpose"}


def _timed_out(client) -> None:
    with client.session_transaction() as session:
        session["last_seen"] -= 31 * 60
        session["signed_in_at"] -= 31 * 60


def _opened(client, version) -> dict:
    """The question page as its author opens it, before typing: its token and lock."""
    page = client.get_page("assessments.edit_page", reference=version.reference, **WHERE)
    return {name: page.select_one(f"main form input[name={name}]")["value"]
            for name in ("csrf_token", "lock_version")}


def _save(client, version, opened: dict):
    client.forget_csrf()  # what the browser sends next comes from the pages it loads
    return client.post(client.url("assessments.edit_page", reference=version.reference, **WHERE),
                       data={**opened, "purpose": LONG_ANSWER,
                             "intended_outcomes": "Fewer missed appointments",
                             "intent": "continue"})


def _send_again(client, page):
    """Submit the kept form as its page offers it, with the page's own hidden fields."""
    form = page.select_one("main form")
    fields = [(field["name"], field.get("value", "")) for field in form.select("input")]
    return client.post(form["action"], data=dict(fields))


def _purpose(version) -> str:
    db.session.expire_all()
    section = db.session.get(AssessmentVersion, version.id).section("aims_and_scope")
    return section.answers.get("purpose", "") if section else ""


def test_an_answer_sent_after_the_session_timed_out_is_kept_and_sent_again(app, app_context):
    author = UserFactory()
    version = start_assessment(author)
    client = sign_in_client(app, author)
    opened = _opened(client, version)
    _timed_out(client)

    refused = _save(client, version, opened)
    assert refused.status_code == 302 and refused.location.startswith("/sign-in")
    sign_in_page = parse(client.get(refused.location))
    assert "What you were saving has been kept" in sign_in_page.get_text()
    assert _purpose(version) == ""

    signed_in = client.post_form("auth.sign_in", {"email": author.email, "password": PASSWORD})
    assert signed_in.location == client.url("account.view_held_form")
    page = client.get_page("account.view_held_form")
    assert page.h1.get_text(strip=True) == "Your changes have not been saved yet"
    assert _send_again(client, page).status_code == 302
    # As a browser sends it: a form's line breaks are CR LF.
    assert _purpose(version) == LONG_ANSWER
    # Sent again, it is no longer offered: not on its page, nor at the next sign-in.
    assert client.get_page("account.view_held_form").h1.get_text(strip=True) == \
        "No unsaved changes"
    assert db.session.scalar(select(func.count()).select_from(HeldForm)) == 0
    client.post_form("auth.sign_out")
    client.forget_csrf()
    again = client.post_form("auth.sign_in", {"email": author.email, "password": PASSWORD})
    assert again.location == "/"


def test_a_form_whose_csrf_token_belongs_to_an_ended_session_is_kept(app, app_context):
    author = UserFactory()
    version = start_assessment(author)
    client = sign_in_client(app, author)
    opened = _opened(client, version)
    # Signed in again in another tab: a new session, whose forms carry a new token.
    client.post_form("auth.sign_out")
    client.forget_csrf()
    client.post_form("auth.sign_in", {"email": author.email, "password": PASSWORD})

    refused = _save(client, version, opened)
    assert refused.location == client.url("account.view_held_form")
    assert _send_again(client, client.get_page("account.view_held_form")).status_code == 302
    assert _purpose(version) == LONG_ANSWER


def test_a_kept_form_is_given_back_only_to_the_person_who_sent_it(app, app_context):
    author, other = UserFactory(), UserFactory()
    version = start_assessment(author)
    client = sign_in_client(app, author)
    opened = _opened(client, version)
    _timed_out(client)
    _save(client, version, opened)

    # Someone else signs in on the same browser: the kept form is not theirs.
    signed_in = client.post_form("auth.sign_in", {"email": other.email, "password": PASSWORD})
    assert signed_in.location == "/"
    shown = client.get_page("account.view_held_form")
    assert shown.h1.get_text(strip=True) == "No unsaved changes"
    assert "Older patients" not in shown.get_text() and not shown.select("main form")


def test_signing_in_and_passwords_are_never_kept(app, app_context):
    client = app.test_client()
    client.post("/sign-in", data={"csrf_token": "expired", "email": "someone@example.org",
                                  "password": "a secret"})
    author = UserFactory()
    client = sign_in_client(app, author)
    token = client.csrf_token()
    _timed_out(client)
    client.post(client.url("auth.change_password"), data={
        "csrf_token": token, "current_password": PASSWORD, "password": "new secret words",
        "confirm": "new secret words"})
    assert db.session.scalar(select(func.count()).select_from(HeldForm)) == 0


def test_a_form_another_site_makes_the_browser_send_is_never_kept(app, app_context):
    """A token is only this browser's if it was given to it: one the attacker got from a
    session of their own is refused, and nothing is kept to be offered back."""
    author, attacker = UserFactory(), UserFactory()
    version = start_assessment(author)
    attackers_token = _opened(sign_in_client(app, attacker), start_assessment(attacker))
    client = sign_in_client(app, author)
    response = _save(client, version, {**attackers_token, "lock_version": ""})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(HeldForm)) == 0
