"""Every page names a kind, a status or a verdict in the words its enumeration owns, and shows a
status in the same colour wherever it appears."""

from __future__ import annotations

from eia.domain import AssessmentType, VersionStatus
from eia.formatting import status_tag
from tests.conftest import sign_in_client
from tests.factories import start_assessment
from tests.integration.sign_off_helpers import awaiting_sign_off


def test_an_hr_proposal_is_called_hr_everywhere(author_client, author):
    version = start_assessment(author, assessment_type=AssessmentType.HR)
    for endpoint in ("assessments.view_task_list", "assessments.check_answers"):
        text = author_client.get_page(endpoint, reference=version.reference).get_text(" ")
        assert "HR" in text, endpoint
        assert "Hr " not in text, endpoint


def test_a_status_reads_and_looks_the_same_on_every_page(app, app_context):
    version = awaiting_sign_off()
    client = sign_in_client(app, version.lead_officer)
    expected = status_tag(VersionStatus.AWAITING_SIGN_OFF)
    assert expected["text"] == "Awaiting sign-off"

    home = client.get_page("main.home")
    [on_home] = [tag for tag in home.select("strong.govuk-tag")
                 if tag.get_text(strip=True) == expected["text"]]
    task_list = client.get_page("assessments.view_task_list", reference=version.reference)
    on_task_list = task_list.select_one(".app-review-status .govuk-tag")
    assert on_task_list.get_text(strip=True) == expected["text"]
    for tag in (on_home, on_task_list):
        assert expected["classes"] in tag["class"]
    caption = task_list.select_one(".govuk-caption-l").get_text(" ", strip=True)
    assert caption.endswith("Awaiting sign-off")
