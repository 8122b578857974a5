"""Survey answers and the people who give them, for the feedback tests: made through the real
services (past sessions with attendance come from `tests.factories.past_session`)."""

from __future__ import annotations

from eia.domain import Role
from eia.models.feedback import LengthAnswer, PaceAnswer
from eia.services.training import surveys
from tests.conftest import reloaded, sign_in_client
from tests.factories import UserFactory


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


def with_lead_signed_in(app, built: dict) -> dict:
    """A programme's world built once for its module (`built`, naming its `lead_user`), read
    again in this test's session, with a client of the lead's signed in as `lead`."""
    world = reloaded(built)
    return {**world, "lead": sign_in_client(app, world["lead_user"])}
