"""Every shipped scenario's model answer, entered through the form's services as a trainee
would enter it, is a sound assessment: it would pass every blocking quality check of a live
assessment, completes every section, and is marked competent when a facilitator accepts it.

The unit tests mark the model answer without a database (`tests/unit/test_marking.py`); this
holds the scenarios to the live rules, which change (schema 2 asked for screening by group,
dated engagement and harm that remains), so a scenario that teaches an answer the checks would
send back fails here.
"""

from __future__ import annotations

import pytest

from eia.domain import Role, SectionStatus, VersionStatus
from eia.progress import task_list
from eia.services import review
from eia.services import workflow as moves
from eia.services.training import attempts
from eia.services.training.marking import feedback_for, live_blockers
from eia.training.scenario import shipped_scenarios
from tests.factories import UserFactory, fill_from_model, start_practice

SCENARIOS = shipped_scenarios()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_the_model_answer_passes_every_blocking_check_and_is_competent(app_context, scenario):
    trainee = UserFactory(roles={Role.TRAINEE}, name="Aisha Rahman")
    facilitator = UserFactory(roles={Role.FACILITATOR}, name="Tomasz Nowak")
    version = start_practice(trainee, scenario.id)
    fill_from_model(trainee, version)

    assert [f.message for f in live_blockers(version)] == []
    assert {p.status for p in task_list(version, version.framework)} == {
        SectionStatus.COMPLETED}
    screened_out = {i.group for i in scenario.model_answer.impacts if i.screened_out}
    assert {row.group_id for row in version.impacts} == set(scenario.group_ids) - screened_out
    assert all(version.needs_impact(g) == (g not in screened_out) for g in scenario.group_ids)
    assert version.engagements and all(e.started_on < version.decision_date
                                       for e in version.engagements)

    feedback = feedback_for(version, scenario)
    assert feedback.missed == ()
    assert feedback.all_critical_found and feedback.critical_total > 0

    attempts.submit_attempt(trainee, version)
    moves.start_review(facilitator, version)
    for section in version.framework.sections_for(short_form=version.screened_out):
        review.record_point(facilitator, version, section.id, "acceptable", "")
    result = attempts.accept_attempt(facilitator, version)
    assert version.status == VersionStatus.ACCEPTED
    assert (result.competent, result.critical_found) == (True, feedback.critical_total)
