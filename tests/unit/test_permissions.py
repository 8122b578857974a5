"""The access decision, independent of HTTP."""

from eia.domain import Role
from eia.permissions import Decision, decide


def test_public_endpoint_is_open_to_everyone():
    assert decide("auth.sign_in", None) is Decision.ALLOW
    assert decide("auth.sign_in", frozenset({Role.TRAINEE})) is Decision.ALLOW


def test_anonymous_is_sent_to_sign_in():
    assert decide("main.home", None) is Decision.SIGN_IN


def test_roles_decide_admin_pages():
    assert decide("admin.list_users", frozenset({Role.ADMIN})) is Decision.ALLOW
    assert decide("admin.list_users", frozenset({Role.AUTHOR, Role.REVIEWER})) is Decision.REFUSE


def test_unknown_endpoint_is_refused_even_to_admins():
    assert decide("secret.backdoor", frozenset(Role)) is Decision.REFUSE
    assert decide("secret.backdoor", None) is Decision.SIGN_IN


def test_metrics_answer_monitoring_systems_only_and_hide_from_everyone_else():
    assert decide("monitoring.metrics", None, monitor=True) is Decision.ALLOW
    assert decide("monitoring.metrics", None) is Decision.HIDE
    assert decide("monitoring.metrics", frozenset(Role)) is Decision.HIDE
