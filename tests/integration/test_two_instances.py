"""Two instances of the application, each served by its own gunicorn on its own port, against
one database and one Redis, as an organisation runs Due Regard on more than one machine behind
a load balancer. Whichever instance answers, a person is signed in or out the same, sign-in
attempts are counted together, a stale save is caught, a reminder is sent once and a session
never takes more bookings than it has places.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import requests
from bs4 import BeautifulSoup
from flask import Flask, url_for
from sqlalchemy import func, select

from eia.demo import past_records
from eia.domain import BookingStatus, Role
from eia.extensions import db
from eia.models.notifications import SentReminder
from eia.models.programme import Booking
from eia.models.users import User
from eia.services import archive
from eia.views.auth import ACCOUNT_ATTEMPTS
from tests.conftest import make_test_app
from tests.factories import PASSWORD, UserFactory, programme, start_assessment, training_session
from tests.support import require_redis
from tests.support.migrated import migrated_database_url
from tests.support.redis import LoopbackRedis
from tests.support.served import ROOT, Served, environment

pytestmark = pytest.mark.own_app

PLACES, BOOKERS = 3, 10


@dataclass
class TwoInstances:
    first: str
    second: str
    app: Flask  # the same database, for setting up and reading back
    settings: dict[str, str]

    def person(self, *roles: Role) -> str:
        with self.app.app_context():
            return UserFactory(roles=set(roles)).email

    def url(self, endpoint: str, **values) -> str:
        with self.app.test_request_context():
            return url_for(endpoint, **values)


@pytest.fixture(scope="module")
def shared_redis():
    require_redis()
    with LoopbackRedis() as server:
        yield server


@pytest.fixture(scope="module")
def instances(new_database_url, postgres, smtp, shared_redis):
    database = migrated_database_url(new_database_url, postgres, smtp, "instances")
    app = make_test_app(database, smtp)
    settings = {"DATABASE_URL": database, "RATELIMIT_STORAGE_URI": shared_redis.url,
                "MAIL_SERVER": smtp.host, "MAIL_PORT": str(smtp.port)}
    first, second = Served(settings), Served(settings)
    try:
        with ThreadPoolExecutor() as starting:  # each waits for its own workers: wait at once
            list(starting.map(Served.start, (first, second)))
        yield TwoInstances(first.url, second.url, app, settings)
    finally:
        first.stop()
        second.stop()
    with app.app_context():
        db.engine.dispose()


def csrf_token(response: requests.Response) -> str:
    field = BeautifulSoup(response.text, "html.parser").select_one("input[name=csrf_token]")
    return field["value"]


def sign_in(browser: requests.Session, base: str, email: str,
            password: str = PASSWORD) -> requests.Response:
    token = csrf_token(browser.get(f"{base}/sign-in"))
    return browser.post(f"{base}/sign-in", allow_redirects=False,
                        data={"csrf_token": token, "email": email, "password": password})


def signed_in(base: str, email: str) -> requests.Session:
    browser = requests.Session()
    assert sign_in(browser, base, email).status_code == 302
    return browser


def test_a_session_begun_on_one_instance_works_on_the_other_and_ends_on_both(instances):
    browser = signed_in(instances.first, instances.person(Role.AUTHOR))
    home = browser.get(f"{instances.second}/")
    assert home.status_code == 200 and "Welcome" in home.text
    cookies = browser.cookies.copy()

    signed_out = browser.post(f"{instances.second}/sign-out", allow_redirects=False,
                              data={"csrf_token": csrf_token(home)})
    assert signed_out.status_code == 302
    replayed = requests.Session()
    replayed.cookies.update(cookies)  # the cookie as it was before signing out
    for base in (instances.first, instances.second):
        answer = replayed.get(f"{base}/", allow_redirects=False)
        assert answer.status_code == 302 and "/sign-in" in answer.headers["Location"]


def test_sign_in_attempts_are_counted_across_both_instances(instances):
    email = instances.person(Role.AUTHOR)
    allowed = int(ACCOUNT_ATTEMPTS.split()[0])
    browser = requests.Session()
    answers = [sign_in(browser, (instances.first, instances.second)[attempt % 2], email,
                       "not the password").status_code for attempt in range(allowed)]
    assert answers == [200] * allowed  # the form again, with its error
    # Each instance has seen half the attempts; together they are the limit, so both refuse,
    # the right password too.
    for base in (instances.first, instances.second):
        assert sign_in(browser, base, email).status_code == 429


def test_a_stale_save_on_one_instance_is_caught_after_a_save_on_the_other(instances):
    author = instances.person(Role.AUTHOR)
    with instances.app.app_context():
        reference = start_assessment(db.session.scalar(
            select(User).where(User.email == author))).reference
    path = instances.url("assessments.edit_impact", reference=reference, group_id="age")
    here, there = signed_in(instances.first, author), signed_in(instances.second, author)
    forms = [(browser, base, browser.get(f"{base}{path}"))
             for browser, base in ((here, instances.first), (there, instances.second))]
    answers = []
    for (browser, base, page), effect in zip(forms, ("Saved here", "Saved there"), strict=True):
        lock = BeautifulSoup(page.text, "html.parser").select_one(
            "input[name=lock_version]")["value"]
        answers.append(browser.post(f"{base}{path}", allow_redirects=False, data={
            "csrf_token": csrf_token(page), "impact": "positive", "effect": effect,
            "no_evidence_reason": "None yet", "lock_version": lock, "intent": "continue"}))
    assert [answer.status_code for answer in answers] == [302, 409]
    assert "Saved here" in answers[1].text  # what the other save made, shown beside mine
    assert "Saved there" in answers[1].text


def test_reminders_run_on_both_instances_at_once_are_sent_once(instances, smtp):
    custodian = instances.person(Role.ADMIN)
    with instances.app.app_context():
        importer = db.session.scalar(select(User).where(User.email == custodian))
        # A record of the past whose review date has passed: its review is due at once.
        archive.import_record(importer, past_records.library_strategy(), "strategy.json")
    commands = [subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "eia",
                                  "send-reminders"], cwd=ROOT,
                                 env=environment(**instances.settings),
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                for _ in range(2)]
    outputs = [command.communicate(timeout=120)[0] for command in commands]
    assert [command.returncode for command in commands] == [0, 0], outputs
    assert sum(int(re.search(r"(\d+) reviews due", out).group(1)) for out in outputs) == 1
    sent = [message for message in smtp.messages if message["To"] == custodian]
    assert len(sent) == 1, [message["Subject"] for message in sent]
    with instances.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SentReminder).where(
            SentReminder.key.like("review_due:%"))) == 1


def test_a_booking_race_across_both_instances_never_goes_over_capacity(instances):
    with instances.app.app_context():
        session_id = training_session(programme(), capacity=PLACES).id
    path = instances.url("training.view_session", session_id=session_id)
    bookers = []
    for number in range(BOOKERS):
        base = (instances.first, instances.second)[number % 2]
        browser = signed_in(base, instances.person(Role.TRAINEE))
        bookers.append((browser, base, csrf_token(browser.get(f"{base}{path}"))))
    barrier, answers = threading.Barrier(BOOKERS), [None] * BOOKERS

    def book(number: int) -> None:
        browser, base, token = bookers[number]
        # A new connection, as the server may close an idle one just as it is reused.
        browser.close()
        barrier.wait()
        try:
            answers[number] = browser.post(f"{base}{path}", allow_redirects=False, data={
                "csrf_token": token, "access_needs": ""}).status_code
        except requests.RequestException as error:  # shown by the assertion below
            answers[number] = repr(error)

    threads = [threading.Thread(target=book, args=(n,)) for n in range(BOOKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(answer in (200, 302) for answer in answers), answers
    with instances.app.app_context():
        statuses = db.session.scalars(select(Booking.status).where(
            Booking.session_id == session_id)).all()
    assert statuses.count(BookingStatus.BOOKED.value) == PLACES
    assert len(statuses) == BOOKERS  # the others wait, in the order they asked
