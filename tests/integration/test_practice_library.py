"""The facilitators' scenario library: preview, copy, edit as versions, retire, import, export.

The shipped files stay read-only; the organisation's copies are saved only when the whole text
is valid, and every problem is listed by its key.
"""

from __future__ import annotations

import io
import tomllib

import pytest

from eia.domain import Role
from eia.extensions import db
from eia.models.audit import AuditEvent
from eia.models.users import User
from eia.services.training import attempts, library
from eia.training.scenario import SCENARIOS_DIR
from eia.training.scenario_text import with_top_level
from tests.factories import PRACTICE_SCENARIO, UserFactory, start_practice
from tests.pages import banner_text, error_summary, parse

SHIPPED = (SCENARIOS_DIR / f"{PRACTICE_SCENARIO}.toml").read_text("utf-8")


def numbers_of(key: str) -> list[int]:
    """The version numbers of a scenario, as the database now holds them."""
    db.session.expire_all()
    return [v.number for v in library.get_entry(key).versions]


@pytest.fixture
def facilitator_client(client_as):
    return client_as(Role.FACILITATOR, name="Tomasz Nowak")


@pytest.fixture
def facilitator(facilitator_client, app_context):
    return db.session.get(User, facilitator_client.user_id)


def test_the_library_lists_the_shipped_scenarios_and_previews_everything(facilitator_client,
                                                                        facilitator):
    page = facilitator_client.get_page("training.list_library")
    rows = page.select("table tbody tr")
    assert len(rows) == 9
    assert all("Shipped with Due Regard" in row.get_text() for row in rows)

    page = facilitator_client.get_page("training.preview_scenario", key=PRACTICE_SCENARIO)
    text = page.get_text(" ", strip=True)
    scenario = library.get_entry(PRACTICE_SCENARIO).scenario
    for expected in (scenario.brief[0], scenario.evidence[0].shows,
                     scenario.model_answer.outcome.summary, scenario.model_answer.cumulative,
                     scenario.model_answer.points[0].explanation,
                     scenario.facilitator.harder_variant, scenario.facilitator.law[0].point):
        assert expected in text
    assert "Change this scenario" not in text  # shipped: read-only


def test_a_shipped_scenario_has_no_edit_page(facilitator_client, facilitator):
    facilitator_client.get_page("training.edit_scenario", key=PRACTICE_SCENARIO,
                                expected_status=404)


def test_duplicating_makes_the_organisations_own_copy_with_its_own_id(facilitator_client,
                                                                     facilitator):
    response = facilitator_client.post_form("training.duplicate_scenario", key=PRACTICE_SCENARIO)
    assert response.location.endswith(f"/training/library/{PRACTICE_SCENARIO}-copy/edit")
    page = parse(facilitator_client.get(response.location))
    assert f"with the id {PRACTICE_SCENARIO}-copy" in banner_text(page)
    text = page.select_one("textarea").get_text()
    data = tomllib.loads(text)
    assert (data["id"], data["version"]) == (f"{PRACTICE_SCENARIO}-copy", 1)
    # Everything else is the shipped text, comments and all.
    assert text.splitlines()[5:] == SHIPPED.splitlines()[5:]

    facilitator_client.post_form("training.duplicate_scenario", key=PRACTICE_SCENARIO)
    page = facilitator_client.get_page("training.list_library")
    assert f"{PRACTICE_SCENARIO}-copy-2" in page.get_text()


def test_each_save_is_a_new_version_and_attempts_keep_theirs(facilitator_client, facilitator):
    key = library.duplicate_scenario(facilitator, PRACTICE_SCENARIO).key
    trainee = UserFactory(roles={Role.TRAINEE})
    first = start_practice(trainee, key)

    edited = library.get_entry(key).source.replace(
        'title = "Photo ID to join the library and use its computers"',
        'title = "Photo ID at the library counter"')
    response = facilitator_client.post_form("training.edit_scenario", {"source": edited},
                                            key=key)
    assert response.location.endswith(f"/training/library/{key}")
    page = parse(facilitator_client.get(response.location))
    assert "Saved as version 2" in banner_text(page)
    assert numbers_of(key) == [1, 2]
    assert library.get_entry(key).title == "Photo ID at the library counter"

    second = start_practice(trainee, key)
    numbers = [attempts.attempt_of(v).scenario_version.number for v in (first, second)]
    assert numbers == [1, 2]
    assert attempts.scenario_of(attempts.attempt_of(first)).title == (
        "Photo ID to join the library and use its computers")


def test_each_attempt_shows_the_pack_of_the_version_it_answers(facilitator_client, facilitator,
                                                               client_as):
    """The brief and pack beside an attempt are drawn once per scenario text: an edit shows
    in the attempts started after it, never in those started before."""
    key = library.duplicate_scenario(facilitator, PRACTICE_SCENARIO).key
    trainee_client = client_as(Role.TRAINEE)
    trainee = db.session.get(User, trainee_client.user_id)
    first = start_practice(trainee, key)

    def pack_beside(version) -> str:
        page = trainee_client.get_page("assessments.view_task_list",
                                       reference=version.reference)
        return page.select_one("aside").get_text()

    assert "E2: Who has a passport or driving licence" in pack_beside(first)
    edited = library.get_entry(key).source.replace(
        'title = "Who has a passport or driving licence"',
        'title = "Who holds photo ID of any kind"')
    facilitator_client.post_form("training.edit_scenario", {"source": edited}, key=key)
    second = start_practice(trainee, key)

    assert "E2: Who holds photo ID of any kind" in pack_beside(second)
    assert "E2: Who has a passport or driving licence" not in pack_beside(second)
    assert "E2: Who has a passport or driving licence" in pack_beside(first)


def test_an_invalid_edit_saves_nothing_and_lists_every_problem_by_key(facilitator_client,
                                                                     facilitator):
    key = library.duplicate_scenario(facilitator, PRACTICE_SCENARIO).key
    broken = (library.get_entry(key).source
              .replace('level = "introductory"', 'level = "expert"')
              .replace('evidence = ["E2", "E4"]', 'evidence = ["E2", "E9"]'))
    response = facilitator_client.post_form("training.edit_scenario", {"source": broken},
                                            key=key)
    assert response.status_code == 200
    page = parse(response)
    problems = problems_on(page)
    assert any(p.startswith("level: must be one of introductory, standard, advanced")
               for p in problems)
    assert any(p.startswith("model_answer.impacts[1].evidence[1]:") and "'E9'" in p
               for p in problems)
    assert error_summary(page) == [f"The scenario has {len(problems)} problems to fix: each is "
                                   "listed by its key"]
    assert "E9" in page.select_one("textarea").get_text()  # what was typed is kept
    assert numbers_of(key) == [1]


def test_saving_an_unchanged_text_or_another_id_is_refused(facilitator_client, facilitator):
    key = library.duplicate_scenario(facilitator, PRACTICE_SCENARIO).key
    source = library.get_entry(key).source
    page = parse(facilitator_client.post_form("training.edit_scenario", {"source": source},
                                              key=key))
    assert error_summary(page) == ["You have not changed anything, so there is no new "
                                   "version to save"]
    renamed = with_top_level(source, "id", "something-else")
    page = parse(facilitator_client.post_form("training.edit_scenario", {"source": renamed},
                                              key=key))
    assert any(p.startswith(f"id: must stay ‘{key}’") for p in problems_on(page))
    assert numbers_of(key) == [1]


def test_retiring_and_restoring_are_audited(facilitator_client, facilitator):
    facilitator_client.post_form("training.retire_scenario", key=PRACTICE_SCENARIO)
    assert library.get_entry(PRACTICE_SCENARIO).retired
    page = facilitator_client.get_page("training.list_library")
    retired = page.find("caption", string="Retired scenarios").find_parent("table")
    assert library.get_entry(PRACTICE_SCENARIO).title in retired.get_text()

    facilitator_client.post_form("training.restore_scenario", key=PRACTICE_SCENARIO)
    assert not library.get_entry(PRACTICE_SCENARIO).retired
    actions = list(db.session.scalars(db.select(AuditEvent.action).where(
        AuditEvent.object_type == "scenario").order_by(AuditEvent.id)))
    assert actions == ["scenario.retired", "scenario.restored"]


def test_export_downloads_the_scenario_file(facilitator_client, facilitator):
    response = facilitator_client.get(facilitator_client.url("training.export_scenario",
                                                             key=PRACTICE_SCENARIO))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith(
        f'attachment; filename="{PRACTICE_SCENARIO}.toml"')
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.get_data(as_text=True) == SHIPPED


def problems_on(page) -> list[str]:
    return [li.get_text(strip=True) for li in page.select(".app-scenario-problems li")]


def _upload(client, text: str | bytes, filename: str = "scenario.toml"):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(client.url("training.import_scenario"), data={
        "csrf_token": client.csrf_token(), "file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data")


def test_importing_a_file_adds_a_scenario_then_new_versions_of_it(facilitator_client,
                                                                 facilitator):
    text = with_top_level(with_top_level(SHIPPED, "id", "photo-id-our-way"), "version", 1)
    response = _upload(facilitator_client, text)
    assert response.location.endswith("/training/library/photo-id-our-way")
    entry = library.get_entry("photo-id-our-way")
    assert (entry.shipped, entry.number) == (False, 1)

    again = text.replace("About 186,000 computer sessions", "About 190,000 computer sessions")
    assert again != text
    response = _upload(facilitator_client, again)
    assert "as version 2" in banner_text(parse(facilitator_client.get(response.location)))
    assert numbers_of("photo-id-our-way") == [1, 2]


@pytest.mark.parametrize(("content", "filename", "message"), [
    (SHIPPED, "scenario.toml", "id: ‘library-photo-id-check’ is the id of a scenario shipped"),
    ("id = [", "scenario.toml", "not valid TOML"),
    ("id = 'x'", "scenario.txt", "must be a scenario file ending in .toml"),
    (b"\xff\xfe\x00", "scenario.toml", "must be UTF-8 text"),
])
def test_an_import_that_is_not_a_valid_scenario_saves_nothing(facilitator_client, facilitator,
                                                             content, filename, message):
    response = _upload(facilitator_client, content, filename)
    assert response.status_code == 200
    page = parse(response)
    shown = " ".join([*error_summary(page), *problems_on(page)])
    assert message in shown
    assert len(library.list_library(include_retired=True)) == 9


def test_trainees_cannot_reach_the_library(client_as, app_context):
    trainee = client_as(Role.TRAINEE)
    assert trainee.get(trainee.url("training.list_library")).status_code == 403
    assert trainee.get(trainee.url("training.preview_scenario",
                                   key=PRACTICE_SCENARIO)).status_code == 404
