"""Weak assessments an equality lead would reject, each one a complete assessment with one
failure written in: every one is stopped (a blocking problem, and submission refused) or flagged
(advice on "Check your answers"). The complete assessment they start from passes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eia.checks import check_assessment
from eia.domain import Role, VersionStatus
from eia.services import transfer
from eia.services import workflow as moves
from eia.workflow import MoveRefused
from tests.conftest import sign_in_client
from tests.factories import UserFactory, complete_document


def _answers(document, section: str) -> dict:
    return document["sections"][section]["answers"]


def _impacts(document, *levels: str) -> list[dict]:
    return [i for i in document["impacts"].values() if not levels or i["impact"] in levels]


def _decision_date(document) -> date:
    return date.fromisoformat(document["details"]["decision_date"])


# One failure each -------------------------------------------------------------------------


def unknown_everywhere(document):
    """Every group "not yet known" because there is no data, and "no major change"."""
    for impact in _impacts(document):
        impact.update(impact="not_known", effect="", evidence=[], no_evidence_reason="No data",
                      mitigation="", residual_impact="", harm_remains=None)
    _answers(document, "outcome").update(outcome="no_major_change", adjustments="",
                                         remaining_impact_proportionality="")


def unknown_with_a_late_action(document):
    """One group unknown, with an action to find out that falls due after the decision."""
    impact = document["impacts"]["religion_belief"]
    impact.update(impact="not_known", effect="", evidence=[], mitigation="",
                  residual_impact="", harm_remains=None,
                  no_evidence_reason="Religion is not recorded for patients.")
    document["actions"].append({
        "description": "Ask faith groups how the move affects their members.",
        "groups": ["religion_belief"], "owner": "Priya Shah",
        "due_date": (_decision_date(document) + timedelta(days=30)).isoformat(),
        "success_measure": "", "status": "planned"})


def screened_out_after_a_reduction(document):
    """"Not relevant" although the proposal is a reduction."""
    _answers(document, "screening").update(
        change_nature="reduction", screening_decision="not_relevant",
        not_relevant_reason="The clinics are only moving.")


def adjusted_with_unweighed_harm(document):
    """"Adjust the proposal" while harm remains, with no reasoning on why it is proportionate."""
    document["impacts"]["race"]["harm_remains"] = True
    _answers(document, "outcome").update(outcome="adjust", remaining_impact_proportionality="")


def filler_on_a_negative_impact(document):
    document["impacts"]["race"]["effect"] = "N/A"


def filler_on_a_neutral_impact(document):
    document["impacts"]["gender_reassignment"]["effect"] = "None."


def one_effect_pasted_across_groups(document):
    pasted = document["impacts"]["race"]["effect"]
    for group_id in ("carers", "socio_economic"):
        document["impacts"][group_id]["effect"] = pasted


def one_source_for_every_group(document):
    for impact in _impacts(document):
        impact["evidence"] = ["E1"]


def mitigation_on_a_neutral_row(document):
    document["impacts"]["gender_reassignment"]["mitigation"] = "Offer a private changing room."


def thin_cumulative_impact(document):
    _answers(document, "intersectional_and_cumulative")["cumulative_impact"] = "None known."


def a_harmed_group_nobody_asked(document):
    for activity in document["engagement"]:
        activity["groups"] = [g for g in activity["groups"] if g != "carers"]


def engagement_after_the_decision(document):
    document["engagement"][0]["started_on"] = (
        _decision_date(document) + timedelta(days=1)).isoformat()
    document["engagement"][0]["ended_on"] = None


def decided_already(document):
    document["details"]["decision_date"] = (date.today() - timedelta(days=1)).isoformat()
    document["details"]["work_started_on"] = (date.today() - timedelta(days=90)).isoformat()
    for activity in document["engagement"]:
        activity["started_on"] = (date.today() - timedelta(days=60)).isoformat()
        activity["ended_on"] = None


def _continuing(document, **answers):
    _answers(document, "outcome").update({
        "outcome": "continue_despite_adverse_impact", "cannot_be_justified": ["none"],
        "justification_legitimate_aim": "Patient safety: the Eastfield building has no lift "
                                        "and cannot be made safe.",
        "justification_necessity": "No other building in Eastfield can take the equipment.",
        "justification_alternatives": "Refurbishing Eastfield was costed and rejected.",
        "justification_proportionality": "Transport and outreach keep everyone treated.",
        **answers})


def continuing_despite_harassment(document):
    _continuing(document, cannot_be_justified=["harassment"])


def continuing_to_save_money(document):
    _continuing(document, justification_legitimate_aim="To save £200,000 a year.")


def a_group_not_screened(document):
    del _answers(document, "screening")["group_relevance"]["sex"]


def a_highly_relevant_group_without_evidence(document):
    """Screened as highly relevant, found positive, and nothing linked to show it."""
    document["impacts"]["disability"].update(
        impact="positive", evidence=[], no_evidence_reason="Not needed.", mitigation="",
        residual_impact="", harm_remains=None)


# (how the document is weakened, the rule that must catch it, whether it stops submission)
WEAK = [
    (unknown_everywhere, "unknown_impact_without_action", True),
    (unknown_everywhere, "no_major_change_while_unknown", True),
    (unknown_with_a_late_action, "unknown_impact_without_action", True),
    (screened_out_after_a_reduction, "screening_contradicted", True),
    (adjusted_with_unweighed_harm, "remaining_harm_unjustified", True),
    (filler_on_a_negative_impact, "filler_answer_on_negative_impact", True),
    (filler_on_a_neutral_impact, "filler_answer", False),
    (one_effect_pasted_across_groups, "copied_effects_on_negative_impact", True),
    (one_source_for_every_group, "one_source_for_negative_impact", True),
    (mitigation_on_a_neutral_row, "mitigation_on_positive_impact", False),
    (thin_cumulative_impact, "cumulative_thin", False),
    (a_harmed_group_nobody_asked, "negative_group_not_engaged", False),
    (engagement_after_the_decision, "engagement_after_decision", True),
    (decided_already, "decision_date_passed", True),
    (continuing_despite_harassment, "cannot_be_justified", True),
    (continuing_to_save_money, "cost_alone_as_aim", False),
    (a_group_not_screened, "group_relevance_incomplete", True),
    (a_highly_relevant_group_without_evidence, "high_relevance_without_evidence", True),
]


@pytest.fixture
def lead(app_context):
    return UserFactory(name="Priya Shah", roles={Role.AUTHOR})


def _imported(lead, weaken=None):
    document = complete_document(lead)
    if weaken:
        weaken(document)
    return transfer.import_document(lead, document).latest


def test_the_complete_assessment_passes_with_nothing_to_fix(lead):
    version = _imported(lead)
    findings = check_assessment(version, version.framework, today=date.today())
    assert [f.message for f in findings if f.blocking] == []
    # Its one piece of advice is honest: sexual orientation is not recorded, so the neutral
    # finding rests on what LGBT+ groups said, not on a source.
    assert {(f.rule, f.location.group_id) for f in findings} == {
        ("neutral_without_evidence", "sexual_orientation")}
    moves.submit(lead, version)
    assert transfer.get_version(version.reference).status == VersionStatus.IN_REVIEW


@pytest.mark.parametrize(("weaken", "rule", "blocking"), WEAK,
                         ids=[f"{w.__name__}-{rule}" for w, rule, _ in WEAK])
def test_a_weak_assessment_is_stopped_or_flagged(app, lead, weaken, rule, blocking):
    version = _imported(lead, weaken)
    findings = check_assessment(version, version.framework, today=date.today())
    caught = [f for f in findings if f.rule == rule]
    assert caught, f"{rule} did not catch it; found {[f.rule for f in findings]}"
    assert {f.blocking for f in caught} == {blocking}

    page = sign_in_client(app, lead).get_page("assessments.check_answers",
                                              reference=version.reference)
    shown = " ".join(page.get_text(" ").split())
    assert all(" ".join(f.message.split()) in shown for f in caught)
    if blocking:
        with pytest.raises(MoveRefused):
            moves.submit(lead, version)
        assert transfer.get_version(version.reference).status == VersionStatus.DRAFT
    else:
        # Advice alone never stops an assessment: the reviewer weighs it.
        assert [f.rule for f in findings if f.blocking] == []
