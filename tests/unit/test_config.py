"""Settings from the environment."""

from ipaddress import ip_address

import pytest

from eia.config import ConfigurationError, load_settings


def test_production_without_secret_key_stops_with_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("EIA_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        load_settings(str(tmp_path))


def test_development_generates_a_secret_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.setenv("EIA_ENV", "development")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_settings(str(tmp_path))["SECRET_KEY"]
    assert len(first) >= 64
    assert load_settings(str(tmp_path))["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    """SECURITY.md (Sessions): Secure, HttpOnly, SameSite cookies."""
    monkeypatch.setenv("EIA_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    settings = load_settings(str(tmp_path))
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_NAME"].startswith("__Host-")


def test_sqlite_in_instance_by_default_and_postgres_urls_use_psycopg(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert load_settings(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == (
        f"sqlite:///{tmp_path / 'due-regard.db'}")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db/eia")
    assert load_settings(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://u:p@db/eia")


def test_unknown_environment_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("EIA_ENV", "staging")
    with pytest.raises(ConfigurationError, match="EIA_ENV"):
        load_settings(str(tmp_path))


def _lets_in(settings: dict, address: str) -> bool:
    return any(ip_address(address) in network for network in settings["METRICS_ALLOW"])


def test_metrics_are_open_to_loopback_only_unless_told_otherwise(monkeypatch, tmp_path):
    monkeypatch.delenv("METRICS_ALLOW", raising=False)
    settings = load_settings(str(tmp_path))
    assert _lets_in(settings, "127.0.0.1") and _lets_in(settings, "::1")
    assert not _lets_in(settings, "10.0.0.1")

    monkeypatch.setenv("METRICS_ALLOW", "10.0.5.7, 192.168.0.0/16")
    settings = load_settings(str(tmp_path))
    assert _lets_in(settings, "10.0.5.7") and _lets_in(settings, "192.168.40.2")
    assert not _lets_in(settings, "10.0.5.8") and not _lets_in(settings, "127.0.0.1")

    monkeypatch.setenv("METRICS_ALLOW", "")  # empty: no address, only the token
    assert not _lets_in(load_settings(str(tmp_path)), "127.0.0.1")


def test_a_metrics_allow_list_that_is_not_addresses_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("METRICS_ALLOW", "127.0.0.1,monitoring.example.org")
    with pytest.raises(ConfigurationError, match="METRICS_ALLOW"):
        load_settings(str(tmp_path))


@pytest.mark.parametrize("environment", ["development", "production"])
def test_debug_is_off_whatever_flask_debug_says(monkeypatch, tmp_path, environment):
    """SECURITY.md (Errors): debug off outside development (and, as it happens, in it too:
    the interactive debugger would run code for anyone who can reach a page)."""
    monkeypatch.setenv("EIA_ENV", environment)
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert load_settings(str(tmp_path))["DEBUG"] is False
