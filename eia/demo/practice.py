"""Demo practice: trainees' attempts at the library photo ID scenario, and one in progress.

The demo trainee's first attempt missed a critical point (what people would lose: their
Universal Credit journal and job searching); the facilitator reviewed it, asked for that, and
accepted the revised attempt as competent. A second attempt, at the online blood test booking
scenario, is half done. Three more trainees make a cohort: one waiting for review, one being
reviewed, one not yet submitted. Everything goes through the training services and the same
review services as a live assessment; nothing is made twice when the demo runs again.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from eia.demo.answers import answers_for, changed, fill_attempt
from eia.domain import Verdict
from eia.models.users import User
from eia.progress import applicable_sections
from eia.services import accounts, review
from eia.services import workflow as moves
from eia.services.training import attempts, library, records
from eia.training.marking import Attempt, model_attempt

FACILITATOR = "facilitator@example.org"
LIBRARY = "library-photo-id-check"
BLOOD_TESTS = "blood-test-booking-online-only"

# The demo trainee's first effect on socio-economic disadvantage: specific about who lacks ID,
# silent about what they would lose.
FIRST_SOCIO_ECONOMIC_EFFECT = (
    "44% of computer users have no internet at home. People in social housing (19%) and "
    "unemployed people (22%) are the most likely to lack a passport or licence, and people who "
    "are homeless have no proof of address. Ending the guest pass would leave them with nowhere "
    "else to go online.")
ASKED = (Verdict.TO_CORRECT, "Say what people would actually lose if they could not use the "
                             "computers. The evidence pack says what they use them for.")
CHANGES_REASON = ("Good screening and a sound outcome. One thing to correct in the impact on "
                  "socio-economic disadvantage: what people lose.")
REPLY = ("Added: they would lose access to their Universal Credit journal, benefits and job "
         "searching.")


def first_draft(model: Attempt) -> Attempt:
    return changed(model, impacts={"socio_economic": {"effect": FIRST_SOCIO_ECONOMIC_EFFECT}})


def no_major_change(model: Attempt) -> Attempt:
    """Sees the impacts but lets the proposal through, and counts nobody turned away."""
    return changed(model, outcome="no_major_change", texts={
        "outcome": "No major change: the audit requires photo ID, and staff will help people "
                   "who have none to get it.",
        "monitoring": "Count new members and computer sessions every quarter, by branch."})


def screened_as_technical(model: Attempt) -> Attempt:
    """Thin screening reasons and no private check: a plausible first attempt."""
    return changed(model, texts={
        "screening": "The change affects how people register, so a full assessment is "
                     "needed to be safe."}, impacts={
        "religion_belief": {"mitigation": "Staff will be sensitive when checking ID."}},
        actions=tuple(a for a in model.actions if "privately" not in a.description))


# The other trainees of the demo cohort (accounts made by `eia.demo`).
COHORT = ("trainee2@example.org", "trainee3@example.org", "trainee4@example.org")


def _person(email: str) -> User:
    return accounts.get_user_by_email(email)


def _has_attempt(person: User, key: str) -> bool:
    return any(a.scenario_version.scenario.key == key for a in records.attempts_by(person.id))


def _started(person: User, key: str, today: date):
    version = attempts.start_attempt(person, key, today=today).latest
    scenario = library.get_entry(key).scenario
    return version, scenario


def _verdicts(facilitator: User, version, asked: dict | None = None, *, only=None) -> dict:
    asked = asked or {}
    points = {}
    for section in applicable_sections(version, version.framework)[:only]:
        verdict, comment = asked.get(section.id, (Verdict.ACCEPTABLE, ""))
        points[section.id] = review.record_point(facilitator, version, section.id,
                                                 verdict.value, comment)
    return points


def _competent_after_one_revision(trainee: User, facilitator: User, today: date) -> str:
    version, scenario = _started(trainee, LIBRARY, today)
    model = model_attempt(scenario, today)
    fill_attempt(trainee, version, answers_for(scenario, first_draft(model),
                                               version.framework, today))
    attempts.submit_attempt(trainee, version)
    moves.start_review(facilitator, version)
    points = _verdicts(facilitator, version, {"impact_by_group": ASKED})
    moves.request_changes(facilitator, version, CHANGES_REASON)
    review.reply(trainee, version, points["impact_by_group"], REPLY)
    review.resolve(trainee, version, points["impact_by_group"])
    # The revision: the model answer's effect on socio-economic disadvantage.
    fill_attempt(trainee, version, answers_for(scenario, model, version.framework, today),
                 only={"other_duties"})
    attempts.submit_attempt(trainee, version)
    moves.start_review(facilitator, version)
    _verdicts(facilitator, version)
    attempts.accept_attempt(facilitator, version)
    return f"{version.reference} accepted as competent after one revision"


def _half_done(trainee: User, today: date) -> str:
    version, scenario = _started(trainee, BLOOD_TESTS, today)
    answers = answers_for(scenario, model_attempt(scenario, today), version.framework, today)
    fill_attempt(trainee, version, answers, only={"screening", "aims_and_scope", "evidence"})
    return f"{version.reference} in progress (three sections done)"


def _submitted(trainee: User, today: date, vary) -> str:
    version, scenario = _started(trainee, LIBRARY, today)
    model = model_attempt(scenario, today)
    fill_attempt(trainee, version, answers_for(scenario, vary(model), version.framework, today))
    attempts.submit_attempt(trainee, version)
    return f"{version.reference} submitted, waiting for a facilitator"


def _being_reviewed(trainee: User, facilitator: User, today: date) -> str:
    _submitted(trainee, today, screened_as_technical)
    version = records.attempts_by(trainee.id)[0].assessment.latest
    moves.start_review(facilitator, version)
    _verdicts(facilitator, version, only=3)
    return f"{version.reference} being reviewed by the facilitator"


def _not_submitted(trainee: User, today: date) -> str:
    version, scenario = _started(trainee, LIBRARY, today)
    answers = answers_for(scenario, model_attempt(scenario, today), version.framework, today)
    fill_attempt(trainee, version, answers, only={"screening", "aims_and_scope"})
    return f"{version.reference} started, not yet submitted"


def load_practice(today: date) -> Iterator[str]:
    facilitator = _person(FACILITATOR)
    trainee = _person("trainee@example.org")
    cohort = [_person(email) for email in COHORT]
    plans = (
        (trainee, LIBRARY, lambda: _competent_after_one_revision(trainee, facilitator, today)),
        (trainee, BLOOD_TESTS, lambda: _half_done(trainee, today)),
        (cohort[0], LIBRARY, lambda: _submitted(cohort[0], today, no_major_change)),
        (cohort[1], LIBRARY, lambda: _being_reviewed(cohort[1], facilitator, today)),
        (cohort[2], LIBRARY, lambda: _not_submitted(cohort[2], today)),
    )
    for person, key, make in plans:
        if _has_attempt(person, key):
            yield f"exists: practice attempt by {person.email} at {key}"
            continue
        yield f"created: practice attempt by {person.email}: {make()}"
