"""Date-driven reminders: actions falling due or overdue, review dates coming up, training
sessions the day before (to everyone holding a place), and the survey after a session.

`send_reminders(today)` finds every reminder due on `today` and sends each one that has never
been sent. A reminder is "sent" when its key is in `sent_reminders`; the key is inserted in the
same transaction as the notification and its email, so the reminder and the record of it exist
together or not at all. Two runs at once (cron overlapping itself) both try to insert the key:
the database's unique constraint lets one win, and the other treats the refusal as "already
sent". That makes the command safe to run as often as you like. The same run sends the
facilitators' daily question board digests, which keep their own once-a-day keys
(`eia.services.training.board.send_digests`).

Email is delivered afterwards through the outbox: a mail server that is down leaves the
messages queued for the next run (or `send-mail`), and never loses a reminder.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from eia import queries
from eia.domain import ActionStatus, SessionFormat, VersionStatus
from eia.extensions import db
from eia.formatting import LOCAL_ZONE, format_date, format_datetime
from eia.models.assessments import Action, AssessmentVersion
from eia.models.notifications import SentReminder
from eia.models.programme import TrainingSession
from eia.models.types import utcnow
from eia.models.users import User
from eia.services import notifications
from eia.services.mail import deliver_pending
from eia.services.training import board, surveys
from eia.services.transaction import unit_of_work

DUE_SOON_DAYS = 7
REVIEW_DUE_DAYS = queries.REVIEW_DUE_WITHIN_DAYS

# Actions on these versions are no longer anyone's to do.
_CLOSED = (VersionStatus.WITHDRAWN.value, VersionStatus.SUPERSEDED.value)


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str
    message: str
    path: str
    people: tuple[User, ...]
    reference: str = ""


@dataclass
class Summary:
    sent: dict[str, int] = field(default_factory=lambda: {
        "action_due": 0, "action_overdue": 0, "review_due": 0, "session_tomorrow": 0,
        "survey_invitation": 0})
    already_sent: int = 0
    board_digests: int = 0
    emails_sent: int = 0
    emails_failed: int = 0

    def _sessions(self) -> str:
        count = self.sent["session_tomorrow"]
        return f", {count} training sessions tomorrow" if count else ""

    def line(self) -> str:
        total = sum(self.sent.values())
        return (f"Sent {total} reminder{'' if total == 1 else 's'} "
                f"({self.sent['action_due']} actions due soon, "
                f"{self.sent['action_overdue']} actions overdue, "
                f"{self.sent['review_due']} reviews due{self._sessions()}, "
                f"{self.sent['survey_invitation']} training surveys); "
                f"{self.already_sent} already sent before; emails: {self.emails_sent} sent, "
                f"{self.emails_failed} to retry."
                + (f" Question board digests: {self.board_digests}."
                   if self.board_digests else ""))


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _latest_open_versions() -> list[AssessmentVersion]:
    """The latest version of each live assessment, unless it was withdrawn or superseded."""
    latest = (select(func.max(AssessmentVersion.number).label("number"),
                     AssessmentVersion.assessment_id.label("assessment_id"))
              .group_by(AssessmentVersion.assessment_id).subquery())
    return list(db.session.scalars(
        queries.live_versions()
        .join(latest, (latest.c.assessment_id == AssessmentVersion.assessment_id)
              & (latest.c.number == AssessmentVersion.number))
        .where(AssessmentVersion.status.not_in(_CLOSED))
        .options(selectinload(AssessmentVersion.actions),
                 selectinload(AssessmentVersion.assessment))
        .order_by(AssessmentVersion.id)))


def _action_reminders(today: date) -> Iterator[Reminder]:
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    for version in _latest_open_versions():
        people = tuple(version.editors)
        about = f"{version.reference} ‘{version.title}’"
        action: Action
        for action in version.actions:
            due = action.due_date
            if due is None or action.status == ActionStatus.DONE or due > horizon:
                continue
            what = _short(action.description)
            if due < today:
                yield Reminder(f"action_overdue:{action.id}:{due.isoformat()}", "action_overdue",
                               f"An action in {about} was due on {_long_date(due)} and is not "
                               f"marked done: {what}", notifications.task_list_path(version),
                               people, version.reference)
            else:
                yield Reminder(f"action_due:{action.id}:{due.isoformat()}", "action_due",
                               f"An action in {about} is due on {_long_date(due)}: {what}",
                               notifications.task_list_path(version), people, version.reference)


def _review_reminders(today: date) -> Iterator[Reminder]:
    for version, review_date in queries.list_versions_due_for_review(
            today, within_days=REVIEW_DUE_DAYS):
        when = ("was due for review on" if review_date < today else "is due for review on")
        yield Reminder(f"review_due:{version.id}:{review_date.isoformat()}", "review_due",
                       f"{version.reference} ‘{version.title}’ {when} "
                       f"{_long_date(review_date)}: check what actually happened and start "
                       "the review", notifications.task_list_path(version), tuple(version.editors),
                       version.reference)


def _survey_invitations(today: date) -> Iterator[Reminder]:
    """An invitation to each attendee of a session that has ended (by the end of `today`, and
    never before it really has)."""
    end_of_day = datetime.combine(today + timedelta(days=1), time(), LOCAL_ZONE)
    for invitation in surveys.invitations_due(min(end_of_day, utcnow())):
        session = invitation.session
        yield Reminder(f"survey_invitation:{session.id}:{invitation.person.id}",
                       "survey_invitation",
                       f"Thank you for coming to “{session.title}” on "
                       f"{format_date(session.starts_at.astimezone(LOCAL_ZONE).date())}. Tell "
                       "us how it went: a few short questions, answered anonymously.",
                       surveys.survey_path(session), (invitation.person,))


def _session_reminders(today: date) -> Iterator[Reminder]:
    """Sessions starting tomorrow (UK time), to everyone holding a place. A session moved to
    another day is reminded of again, for its new day."""
    tomorrow = today + timedelta(days=1)
    start = datetime.combine(tomorrow, time(), LOCAL_ZONE)
    end = datetime.combine(tomorrow + timedelta(days=1), time(), LOCAL_ZONE)
    sessions = db.session.scalars(select(TrainingSession).where(
        TrainingSession.starts_at >= start, TrainingSession.starts_at < end,
        TrainingSession.cancelled_at.is_(None), TrainingSession.announced_at.is_not(None))
        .options(selectinload(TrainingSession.bookings)).order_by(TrainingSession.starts_at))
    for session in sessions:
        people = tuple(b.person for b in session.bookings if b.holds_place)
        if not people:
            continue
        where = session.link if session.format == SessionFormat.ONLINE else session.place
        yield Reminder(f"session_tomorrow:{session.id}:{tomorrow.isoformat()}",
                       "session_tomorrow",
                       f"Your training session “{session.title}” is tomorrow, "
                       f"{format_datetime(session.starts_at)} ({where}).",
                       f"/training/sessions/{session.id}", people)


def due_reminders(today: date) -> list[Reminder]:
    """Every reminder that applies on `today`, sent before or not."""
    return [*_action_reminders(today), *_review_reminders(today), *_session_reminders(today),
            *_survey_invitations(today)]


def _already_sent(keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return set(db.session.scalars(select(SentReminder.key).where(SentReminder.key.in_(keys))))


def _send_once(reminder: Reminder) -> bool:
    """Record the key and notify in one transaction; False if someone else got there first."""
    try:
        with unit_of_work():
            db.session.add(SentReminder(key=reminder.key))
            db.session.flush()
            notifications.notify(reminder.people, reminder.kind, reminder.message,
                                 reminder.path, reference=reminder.reference)
    except IntegrityError:
        return False
    return True


def send_reminders(today: date | None = None) -> Summary:
    """Send each reminder due on `today` (default: the real today) that was never sent."""
    today = today or date.today()
    summary = Summary()
    reminders = due_reminders(today)
    seen = _already_sent([r.key for r in reminders])
    # Collected first, sent afterwards: a rollback below must not disturb the iteration.
    for reminder in reminders:
        if reminder.key in seen or not _send_once(reminder):
            summary.already_sent += 1
            continue
        seen.add(reminder.key)
        summary.sent[reminder.kind] += 1
    summary.board_digests = board.send_digests(today)
    summary.emails_sent, summary.emails_failed = deliver_pending(limit=1000)
    return summary
