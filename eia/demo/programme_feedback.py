"""What the demo programme's delegates said: the survey after each delegate session, and a poll
in the latest one.

The half-day sessions were rated lower and found too long; the two-hour sessions that replaced
them did better on satisfaction and on the confidence people left with, which is what the
programme's reports and the lead's page show. Four in five attendees answered; every answer
goes through the survey service the day after the session, as an attendee's would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from eia.domain import SessionKind
from eia.models.feedback import LengthAnswer, PaceAnswer, PollKind
from eia.models.programme import TrainingProgramme, TrainingSession
from eia.models.types import utcnow
from eia.services.training import bookings, polls, surveys
from eia.services.training.surveys import SurveyAnswers

HALF_DAY = 180  # sessions this long or longer were the first, longer format

# (satisfaction, length, pace, confidence before, after), taken in turn by the attendees.
LONG_FORMAT = (
    (3, LengthAnswer.TOO_LONG, PaceAnswer.TOO_SLOW, 2, 3),
    (3, LengthAnswer.TOO_LONG, PaceAnswer.ABOUT_RIGHT, 2, 4),
    (4, LengthAnswer.ABOUT_RIGHT, PaceAnswer.ABOUT_RIGHT, 1, 3),
    (2, LengthAnswer.TOO_LONG, PaceAnswer.TOO_SLOW, 2, 3),
    (3, LengthAnswer.TOO_LONG, PaceAnswer.ABOUT_RIGHT, 3, 4),
)
SHORT_FORMAT = (
    (5, LengthAnswer.ABOUT_RIGHT, PaceAnswer.ABOUT_RIGHT, 2, 4),
    (4, LengthAnswer.ABOUT_RIGHT, PaceAnswer.ABOUT_RIGHT, 1, 4),
    (4, LengthAnswer.ABOUT_RIGHT, PaceAnswer.TOO_FAST, 2, 4),
    (5, LengthAnswer.ABOUT_RIGHT, PaceAnswer.ABOUT_RIGHT, 2, 5),
    (4, LengthAnswer.TOO_SHORT, PaceAnswer.ABOUT_RIGHT, 3, 4),
)
MOST_USEFUL = ("Working through the library scenario in a group.",
               "Seeing what a weak assessment looks like and why.",
               "The checklist of what evidence to look for.")
TO_CHANGE = {True: ("Shorter: the afternoon dragged.", "Less reading aloud of the slides."),
             False: ("More time for questions at the end.", "Send the pack before the day.")}


def _answers(session: TrainingSession, number: int) -> SurveyAnswers:
    long_format = session.duration_minutes >= HALF_DAY
    satisfaction, length, pace, before, after = (LONG_FORMAT if long_format
                                                 else SHORT_FORMAT)[number % 5]
    return SurveyAnswers(
        satisfaction=satisfaction, length=length, pace=pace, confidence_before=before,
        confidence_after=after,
        most_useful=MOST_USEFUL[number % 3] if number % 2 == 0 else "",
        to_change=TO_CHANGE[long_format][number % 2] if number % 3 == 0 else "")


def _attendees(session: TrainingSession):
    return [booking.person for booking in bookings.booked(session) if booking.attended]


def _answer_surveys(session: TrainingSession) -> int:
    people = _attendees(session)
    answering = [person for number, person in enumerate(people) if number % 5 != 4]
    for number, person in enumerate(answering):
        surveys.answer_survey(person, session, _answers(session, number),
                              now=session.ends_at + timedelta(days=1))
    return len(answering)


def _poll(session: TrainingSession) -> None:
    """During the latest session: how ready people felt to start an assessment."""
    facilitator = session.facilitators[0].user
    poll = polls.open_poll(facilitator, session, kind=PollKind.SCALE,
                           question="How ready do you feel to start an EIA for your own "
                                    "proposal? (1 not at all, 5 completely)")
    for number, person in enumerate(_attendees(session)):
        polls.answer_poll(person, poll, (3, 4, 4, 5, 3)[number % 5])
    polls.close_poll(facilitator, poll, now=session.ends_at)


def load_feedback(programme: TrainingProgramme) -> Iterator[str]:
    past = [s for s in programme.sessions
            if s.kind == SessionKind.DELEGATE and s.ends_at < utcnow()]
    answered = sum(_answer_surveys(session) for session in past)
    yield f"created: {answered} survey answers across {len(past)} delegate sessions"
    _poll(past[-1])
    yield f"created: a poll in “{past[-1].title}”"
