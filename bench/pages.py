"""Time the pages authors and reviewers wait on most, for the complete demo assessment.

Run from the project folder:

    .venv/bin/python bench/pages.py [--runs 50]

A throwaway SQLite database is made in a temporary folder and the demo data loaded. The demo
author signs in through the real form, then each page is fetched once to warm up and `--runs`
times through the test client: the whole request (routing, permission checks, queries,
templates) without a network in between.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from support import make_app, summary

PAGES = (
    ("home (your assessments)", "main.home", {}),
    ("task list", "assessments.view_task_list", {}),
    ("question page", "assessments.edit_page",
     {"section_id": "aims_and_scope", "page_id": "purpose"}),
    ("impacts list", "assessments.list_impacts", {"section_id": "impact_by_group"}),
    ("check your answers (all checks run)", "assessments.check_answers", {}),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder))
        app.config["WTF_CSRF_ENABLED"] = False
        with app.app_context():
            from eia import demo, queries
            from eia.demo import physiotherapy
            from eia.extensions import db
            from eia.models.assessments import AssessmentVersion
            from eia.services.accounts import get_user_by_email

            for _line in demo.load_demo_data():
                pass
            version_id = queries.find_assessment_by_title(
                physiotherapy.TITLE, get_user_by_email("author@example.org").id)
            reference = db.session.get(AssessmentVersion, version_id).reference
        client = app.test_client()
        response = client.post("/sign-in", data={"email": "author@example.org",
                                                 "password": demo.DEMO_PASSWORD})
        assert response.status_code == 302, "demo author could not sign in"
        print(f"{runs} requests per page, complete demo assessment {reference}")
        for label, endpoint, values in PAGES:
            with app.test_request_context():
                from flask import url_for

                url = url_for(endpoint, reference=reference, **values) \
                    if endpoint != "main.home" else url_for(endpoint)
            assert client.get(url).status_code == 200, f"{url} did not load"
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                assert response.status_code == 200
            print(f"{label:38} {summary(times)}")


if __name__ == "__main__":
    main()
