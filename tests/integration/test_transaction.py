"""One transaction boundary: a use case inside another is saved with it or not at all."""

from __future__ import annotations

import pytest

from eia.domain import Role
from eia.services import accounts, mail
from eia.services.transaction import after_commit, unit_of_work


class Boom(Exception):
    pass


def test_a_use_case_inside_another_is_undone_with_it(app_context):
    """SECURITY.md (No lost work): A crash mid-write leaves no half-written record."""
    with pytest.raises(Boom), unit_of_work():
        accounts.create_user(email="inner@example.org", name="Inner", job_title="",
                             roles={Role.AUTHOR}, password=None)
        raise Boom
    assert accounts.get_user_by_email("inner@example.org") is None


def test_what_waits_for_the_commit_runs_after_it_and_only_then(app_context):
    ran = []
    with unit_of_work():
        after_commit(lambda: ran.append(accounts.get_user_by_email("saved@example.org")))
        accounts.create_user(email="saved@example.org", name="Saved", job_title="",
                             roles={Role.AUTHOR}, password=None)
        assert ran == []  # the inner use case committed nothing yet
    assert [user.email for user in ran] == ["saved@example.org"]

    with pytest.raises(Boom), unit_of_work():
        after_commit(lambda: ran.append("never"))
        raise Boom
    assert "never" not in ran


def test_many_accounts_made_in_one_use_case_have_their_invitations_sent_by_one_delivery(
        app_context, outbox, monkeypatch):
    deliveries = []
    monkeypatch.setattr(accounts, "deliver_pending",
                        lambda: deliveries.append(mail.deliver_pending()))
    with unit_of_work():
        for n in range(3):
            accounts.create_user(email=f"invited{n}@example.org", name=f"Invited {n}",
                                 roles={Role.AUTHOR})
    assert deliveries == [(3, 0)]
    assert sorted(m["To"] for m in outbox.messages) == [
        "invited0@example.org", "invited1@example.org", "invited2@example.org"]
