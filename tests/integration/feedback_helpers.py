"""Sessions that have happened, with people who attended them, and their survey answers: the
data the feedback tests start from, made through the real services."""

from __future__ import annotations

from datetime import timedelta

from eia.domain import Attendance, Role
from eia.models.feedback import LengthAnswer, PaceAnswer
from eia.models.types import utcnow
from eia.services.training import bookings, surveys
from tests.factories import UserFactory, training_session


def past_session(programme, *, attendees=(), no_shows=(), days_ago=3, **overrides):
    """A delegate session of `programme` that started `days_ago` days ago, booked by
    `attendees` and `no_shows` before it started, with attendance marked."""
    earlier = utcnow() - timedelta(days=days_ago + 7)
    capacity = overrides.pop("capacity", max(12, len(attendees) + len(no_shows)))
    session = training_session(programme, now=earlier, capacity=capacity, **overrides)
    marks = {}
    for people, mark in ((attendees, Attendance.ATTENDED), (no_shows, Attendance.NO_SHOW)):
        for person in people:
            marks[bookings.book(person, session, now=earlier).id] = mark
    if marks:
        bookings.mark_attendance(session.facilitators[0].user, session, marks)
    return session


def trainees(count: int, **fields):
    return [UserFactory(roles={Role.TRAINEE}, **fields) for _ in range(count)]


def answers(satisfaction=4, length=LengthAnswer.ABOUT_RIGHT, pace=PaceAnswer.ABOUT_RIGHT,
            before=2, after=4, most_useful="", to_change="") -> surveys.SurveyAnswers:
    return surveys.SurveyAnswers(satisfaction=satisfaction, length=length, pace=pace,
                                 confidence_before=before, confidence_after=after,
                                 most_useful=most_useful, to_change=to_change)


def answered(session, people, given=None) -> None:
    """Each person answers the session's survey: `given` is a list of answers, one each, or
    one set of answers for everyone (typical answers when not given)."""
    given = answers() if given is None else given
    for index, person in enumerate(people):
        surveys.answer_survey(person, session,
                              given[index] if isinstance(given, list) else given)
