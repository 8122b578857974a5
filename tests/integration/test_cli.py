"""`flask eia create-user` and `flask eia demo`."""

from __future__ import annotations

import pytest

from eia.cli import eia_cli
from eia.demo import ACCOUNTS, DEMO_PASSWORD
from eia.domain import Role
from eia.extensions import db
from eia.models.users import User
from tests.pages import parse


def test_first_admin_from_the_command_line(app, app_context):
    runner = app.test_cli_runner()
    password = "plum orchard seventeen kites"
    result = runner.invoke(eia_cli, ["create-user", "Chief@Example.org", "--name", "Jo Chief",
                                     "--role", "admin", "--role", "approver"],
                           input=f"{password}\n{password}\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "chief@example.org"))
    assert user.roles == {Role.ADMIN, Role.APPROVER}
    client = app.test_client()
    response = client.post_form("auth.sign_in", {"email": "chief@example.org",
                                                  "password": password})
    assert response.status_code == 302


def test_create_user_refuses_a_weak_password_and_a_duplicate(app, app_context):
    runner = app.test_cli_runner()
    result = runner.invoke(eia_cli, ["create-user", "a@example.org", "--name", "A",
                                     "--role", "admin"], input="password1234\npassword1234\n")
    assert result.exit_code != 0
    assert "too common" in result.output
    runner.invoke(eia_cli, ["create-user", "b@example.org", "--name", "B", "--role", "author",
                            "--invite"])
    result = runner.invoke(eia_cli, ["create-user", "B@example.org", "--name", "B",
                                     "--role", "author", "--invite"])
    assert result.exit_code != 0
    assert "already exists" in result.output


@pytest.mark.own_app
def test_every_demo_account_signs_in_to_a_home_for_its_role(demo_context):
    """Each account's home page has its role's sections; the trainee's and the facilitator's
    show practice to do and to review. (Loading the demo again adds nothing:
    `test_demo_content.py`.)"""
    headings = {
        Role.AUTHOR: "Your assessments", Role.REVIEWER: "Assessments to review",
        Role.APPROVER: "Awaiting your sign-off", Role.FACILITATOR: "Training you run",
        Role.TRAINEE: "Your EIA training", Role.ADMIN: "Administration",
    }
    homes = {}
    for email, _name, _title, _unit, roles in ACCOUNTS:
        client = demo_context.test_client()
        response = client.post_form("auth.sign_in", {"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        page = parse(client.get("/"))
        sections = [h.get_text(strip=True) for h in page.select("main h2")]
        assert sections == [headings[role] for role in Role if role in roles], email
        homes[email] = (client, page)

    # The trainee has a finished attempt with feedback, and one to continue.
    client, page = homes["trainee@example.org"]
    practice = page.select_one("#home-practice").find_parent("section")
    links = [a["href"] for a in practice.select("a")]
    assert any(href.endswith("/feedback") for href in links)
    assert any(a.get_text().startswith("Continue TRN-") for a in practice.select("a"))
    feedback = parse(client.get(next(h for h in links if h.endswith("/feedback"))))
    assert "Competent: a facilitator accepted the attempt" in feedback.get_text()
    assert "Submission 2" in feedback.get_text()  # it improved after the facilitator's review

    # The facilitator has attempts to review and a cohort of four trainees at one scenario.
    client, page = homes["facilitator@example.org"]
    assert "waiting for a facilitator" in page.get_text()
    cohort = parse(client.get("/training/library/library-photo-id-check/cohort"))
    trainees = {row.select("td")[0].get_text(strip=True)
                for row in cohort.select("main table")[0].select("tbody tr")}
    assert len(trainees) == 4
    assert cohort.select_one("figure svg") is not None
