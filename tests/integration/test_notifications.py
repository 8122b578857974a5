"""Who hears of each move: an in-application notification and an email, to the right people.

The moves are made through the real workflow services; email is delivered to the loopback SMTP
server by `deliver_pending`, as the request that made the move would leave it to.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eia.domain import Role, Verdict
from eia.extensions import db
from eia.models.notifications import Notification
from eia.models.review import CHECKLIST, ReviewPoint
from eia.models.users import User
from eia.progress import applicable_sections
from eia.services import notifications
from eia.services import workflow as moves
from eia.services.mail import deliver_pending
from tests.factories import UserFactory
from tests.integration.sign_off_helpers import complete_draft
from tests.pages import parse


@pytest.fixture
def cast(app_context):
    """The people around one assessment, plus a bystander of every role."""
    lead = UserFactory(name="Priya Shah", roles={Role.AUTHOR})
    # Holds both roles: must never be asked to review work she contributed to.
    contributor = UserFactory(name="Tom Evans", roles={Role.AUTHOR, Role.REVIEWER})
    people = {
        "lead": lead, "contributor": contributor,
        "reviewer": UserFactory(name="Grace Okafor", roles={Role.REVIEWER}),
        "other_reviewer": UserFactory(name="Ade Bello", roles={Role.REVIEWER}),
        "approver": UserFactory(name="David Lloyd", roles={Role.APPROVER}),
        "other_author": UserFactory(name="Sam Patel", roles={Role.AUTHOR}),
    }
    version = complete_draft(lead)
    version.contributors = [contributor]
    db.session.commit()
    people["version"] = version
    return people


def told(kind: str) -> dict[str, str]:
    """Email address -> path, for every notification of `kind`."""
    return {n.user.email: n.url for n in db.session.scalars(
        select(Notification).where(Notification.kind == kind))}


def emailed(outbox, expected: int) -> dict[str, str]:
    """Email address -> subject of what the SMTP server received; the move sent it at once."""
    received = {m["To"]: m["Subject"] for m in outbox.wait_for(expected)}
    assert deliver_pending() == (0, 0), "a move left email in the outbox"
    return received


def review_every_section(review, verdict=Verdict.ACCEPTABLE, comment="") -> None:
    version = review.version
    for section in applicable_sections(version, version.framework):
        db.session.add(ReviewPoint(review=review, section_id=section.id, verdict=verdict.value,
                                   comment=comment))
    review.checklist = {key: True for key, _label in CHECKLIST}
    db.session.commit()


def emails(*people) -> set[str]:
    return {person.email for person in people}


def test_submitting_tells_every_reviewer_but_never_the_authors(cast, outbox):
    version = cast["version"]
    moves.submit(cast["lead"], version)

    path = f"/review/{version.reference}"
    assert told("submitted") == {cast["reviewer"].email: path,
                                 cast["other_reviewer"].email: path}
    received = emailed(outbox, 2)
    assert set(received) == emails(cast["reviewer"], cast["other_reviewer"])
    assert all("is waiting for review" in m.get_content() for m in outbox.messages)
    # The contributor holds the reviewer role but wrote part of it.
    assert cast["contributor"].email not in received
    assert notifications.unread_count(cast["contributor"]) == 0


def test_the_reviewer_taking_it_tells_the_authors(cast, outbox):
    version = cast["version"]
    moves.submit(cast["lead"], version)
    outbox.clear()
    deliver_pending()
    outbox.clear()

    moves.start_review(cast["reviewer"], version)

    task_list = f"/assessments/{version.reference}"
    assert told("review_started") == {cast["lead"].email: task_list,
                                      cast["contributor"].email: task_list}
    received = emailed(outbox, 2)
    assert set(received) == emails(cast["lead"], cast["contributor"])
    assert set(received.values()) == {
        f"Due Regard: Your assessment is being reviewed: {version.reference}"}
    assert all("Grace Okafor has started reviewing" in m.get_content() for m in outbox.messages)


def test_changes_requested_tell_the_authors_and_resubmitting_tells_that_reviewer(cast, outbox):
    version = cast["version"]
    moves.submit(cast["lead"], version)
    review = moves.start_review(cast["reviewer"], version)
    review_every_section(review, Verdict.TO_CORRECT, "Say how Eastfield patients will travel")
    deliver_pending()
    outbox.clear()

    moves.request_changes(cast["reviewer"], version, "The transport plan is missing")
    comments = f"/assessments/{version.reference}/comments"
    assert told("changes_requested") == {cast["lead"].email: comments,
                                         cast["contributor"].email: comments}
    assert set(emailed(outbox, 2)) == emails(cast["lead"], cast["contributor"])
    outbox.clear()

    moves.submit(cast["lead"], version)  # resubmits
    resubmitted = [n for n in db.session.scalars(select(Notification).where(
        Notification.kind == "submitted", Notification.message.contains("resubmitted")))]
    assert [n.user.email for n in resubmitted] == [cast["reviewer"].email]
    assert set(emailed(outbox, 1)) == {cast["reviewer"].email}


def test_recommending_tells_approvers_and_signing_off_tells_authors_and_reviewer(cast, outbox):
    version = cast["version"]
    second_approver = UserFactory(name="Fatima Khan", roles={Role.APPROVER})
    moves.submit(cast["lead"], version)
    review_every_section(moves.start_review(cast["reviewer"], version))
    deliver_pending()
    outbox.clear()

    moves.recommend(cast["reviewer"], version)
    sign_off = f"/sign-off/{version.reference}"
    assert told("recommended") == {cast["approver"].email: sign_off,
                                   second_approver.email: sign_off}
    assert set(emailed(outbox, 2)) == emails(cast["approver"], second_approver)
    outbox.clear()

    moves.sign_off(cast["approver"], version, declaration_accepted=True)
    task_list = f"/assessments/{version.reference}"
    assert told("signed_off") == {cast["lead"].email: task_list,
                                  cast["contributor"].email: task_list,
                                  cast["reviewer"].email: task_list}
    assert set(emailed(outbox, 3)) == emails(cast["lead"], cast["contributor"],
                                             cast["reviewer"])
    # No one heard of anything they have no part in.
    assert notifications.unread_count(cast["other_author"]) == 0


def test_returning_tells_the_authors_and_the_reviewer(cast, outbox):
    version = cast["version"]
    moves.submit(cast["lead"], version)
    review_every_section(moves.start_review(cast["reviewer"], version))
    moves.recommend(cast["reviewer"], version)
    deliver_pending()
    outbox.clear()

    moves.return_for_changes(cast["approver"], version,
                             "The cumulative effect of the bus subsidy cut needs more thought")

    assert set(told("returned")) == emails(cast["lead"], cast["contributor"], cast["reviewer"])
    assert len(emailed(outbox, 3)) == 3
    assert all("without signing it off" in m.get_content() for m in outbox.messages)


def test_the_email_says_what_happened_and_links_to_the_page(cast, outbox):
    version = cast["version"]
    moves.submit(cast["lead"], version)
    emailed(outbox, 2)
    message = next(m for m in outbox.messages if m["To"] == cast["reviewer"].email)
    body = message.get_content()
    assert body.startswith("Dear Grace Okafor,")
    assert f"http://localhost/review/{version.reference}" in body
    assert version.title in body


# --- The notifications page and the unread count ---------------------------------------------


def test_the_page_lists_newest_first_says_which_are_unread_and_links_onward(client_as):
    client = client_as(Role.AUTHOR, name="Priya Shah")
    me = db.session.get(User, client.user_id)
    notifications.notify([me], "review_started", "Grace Okafor has started reviewing EIA-1",
                         "/assessments/EIA-2026-0001")
    notifications.notify([me], "changes_requested", "Grace Okafor has asked for changes",
                         "/assessments/EIA-2026-0001/comments")
    db.session.commit()

    page = client.get_page("main.notifications")
    items = page.select("main li")
    assert [i.a.get_text(strip=True) for i in items] == [
        "Grace Okafor has asked for changes", "Grace Okafor has started reviewing EIA-1"]
    assert items[0].a["href"] == "/assessments/EIA-2026-0001/comments"
    assert all("Unread" in i.get_text() for i in items)  # said in words, not only colour
    link = page.find("a", href="/notifications")
    assert " ".join(link.get_text().split()) == "Notifications (2 unread)"
    assert link.find(class_="govuk-visually-hidden").get_text(strip=True) == "unread"

    response = client.post_form("main.mark_notifications_read")
    assert response.status_code == 302
    page = client.get_page("main.notifications")
    assert "Unread" not in page.select_one("main ul").get_text()
    assert page.find("a", href="/notifications").get_text(strip=True) == "Notifications"
    assert "You have read all your notifications" in page.get_text()


def test_each_person_sees_only_their_own_notifications(client_as):
    mine = client_as(Role.REVIEWER)
    theirs = client_as(Role.REVIEWER)
    notifications.notify([db.session.get(User, theirs.user_id)], "submitted",
                         "Private to someone else", "/review/EIA-2026-0002")
    db.session.commit()
    page = mine.get_page("main.notifications")
    assert "Private to someone else" not in page.get_text()
    assert "You have no notifications" in page.get_text()
    # Marking mine as read leaves theirs unread.
    mine.post_form("main.mark_notifications_read")
    assert notifications.unread_count(db.session.get(User, theirs.user_id)) == 1


def test_signing_in_is_needed(client):
    response = client.get("/notifications")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert "Notifications" not in parse(client.get("/sign-in")).select_one("header").get_text()

