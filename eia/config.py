"""Settings read from the environment, in one place.

Every variable the application reads is listed in `SETTINGS` with its default and meaning; the
README's configuration table is the same list. Nothing else in the code reads `os.environ`.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path


class ConfigurationError(RuntimeError):
    """Start-up cannot continue because a setting is missing or wrong."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    meaning: str


SETTINGS = (
    Setting("EIA_ENV", "development", "`development` or `production`; production refuses to "
            "start without SECRET_KEY and sends real email."),
    Setting("SECRET_KEY", None, "Signs session cookies and tokens. Required in production; in "
            "development one is generated once and kept in instance/secret_key."),
    Setting("DATABASE_URL", None, "SQLAlchemy URL. Default: SQLite file instance/due-regard.db. "
            "PostgreSQL: postgresql+psycopg://user:password@host/dbname."),
    Setting("EIA_FRAMEWORK", None, "Path to the organisation's own question framework (TOML). "
            "Default: the shipped framework for England, Wales and Scotland."),
    Setting("SERVER_NAME_URL", "http://127.0.0.1:5000", "The public address of the service, "
            "used in links inside emails."),
    Setting("MAIL_SERVER", None, "SMTP host. Without it, email is written to the log."),
    Setting("MAIL_PORT", "25", "SMTP port."),
    Setting("MAIL_USE_TLS", "false", "`true` to use STARTTLS."),
    Setting("MAIL_USERNAME", None, "SMTP user name, if the server needs one."),
    Setting("MAIL_PASSWORD", None, "SMTP password."),
    Setting("MAIL_FROM", "Due Regard <no-reply@example.org>", "Sender of every email."),
    Setting("RATELIMIT_STORAGE_URI", "memory://", "Where sign-in throttling counts attempts. "
            "Use redis://host:6379/0 when running more than one instance."),
    Setting("API_RATE_LIMIT", "300 per minute", "Requests each API token (or person) may make "
            "to the JSON API, in flask-limiter's words."),
    Setting("SESSION_IDLE_MINUTES", "30", "Sign out after this many minutes without a request."),
    Setting("SESSION_MAX_HOURS", "12", "Sign out this many hours after signing in, however busy."),
    Setting("PASSWORD_TOKEN_HOURS", "24", "How long a password reset or invitation link works."),
    Setting("MAX_UPLOAD_MB", "10", "Largest request body accepted, in megabytes."),
    Setting("LOG_LEVEL", "INFO", "Python logging level."),
    Setting("METRICS_TOKEN", None, "A long random secret: a request to /metrics carrying "
            "`Authorization: Bearer <METRICS_TOKEN>` is answered from any address. Unset: "
            "only the addresses in METRICS_ALLOW are."),
    Setting("METRICS_ALLOW", "127.0.0.0/8,::1", "Addresses and networks (comma-separated, "
            "such as 10.0.5.7,10.1.0.0/16) whose requests to /metrics are answered without "
            "the token. Empty: none."),
    Setting("METRICS_DIR", None, "A folder the gunicorn workers of one instance share, where "
            "each keeps its request figures so that /metrics reports them all. Unset: each "
            "process reports its own."),
    Setting("PROXY_COUNT", "0", "How many reverse proxies (a TLS terminator, a load balancer) "
            "stand in front of the application and set X-Forwarded-For and X-Forwarded-Proto. "
            "The address and scheme they report are trusted from that many hops, no more: "
            "sign-in throttling then counts each person's address, not the proxy's."),
    Setting("BACKUP_DIR", None, "Folder where `flask eia backup` writes its copies when not "
            "told where. Default: instance/backups."),
)


def _env(name: str) -> str | None:
    setting = next(s for s in SETTINGS if s.name == name)
    value = os.environ.get(name)
    return value if value not in (None, "") else setting.default


def _flag(name: str) -> bool:
    return (_env(name) or "").strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(environment: str, instance_path: Path) -> str:
    key = _env("SECRET_KEY")
    if key:
        return key
    if environment == "production":
        raise ConfigurationError(
            "SECRET_KEY is not set. In production Due Regard needs a long random SECRET_KEY in "
            "the environment (for example: python -c 'import secrets; "
            "print(secrets.token_hex(32))'). Start-up stopped."
        )
    # Development only: generate once and keep, so sessions survive a restart.
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database_url(instance_path: Path) -> str:
    url = _env("DATABASE_URL")
    if url:
        # Be explicit about the driver: psycopg 3.
        if url.startswith("postgres://"):
            url = "postgresql://" + url.removeprefix("postgres://")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url
    instance_path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{instance_path / 'due-regard.db'}"


def _networks(name: str) -> tuple[IPv4Network | IPv6Network, ...]:
    # Read with os.environ directly: an empty value means "no address", not the default.
    value = os.environ.get(name)
    if value is None:
        value = next(s for s in SETTINGS if s.name == name).default or ""
    try:
        return tuple(ip_network(part.strip(), strict=False)
                     for part in value.split(",") if part.strip())
    except ValueError as error:
        raise ConfigurationError(
            f"{name} must be IP addresses or networks separated by commas: {error}."
        ) from error


def _count(name: str) -> int:
    value = (_env(name) or "0").strip()
    if not value.isdigit():
        raise ConfigurationError(f"{name} must be a whole number (0 or more), not {value!r}.")
    return int(value)


def load_settings(instance_path: str) -> dict:
    """Return the Flask config mapping built from the environment."""
    instance = Path(instance_path)
    environment = (_env("EIA_ENV") or "development").strip().lower()
    if environment not in {"development", "production"}:
        raise ConfigurationError(
            f"EIA_ENV must be 'development' or 'production', not {environment!r}."
        )
    production = environment == "production"
    return {
        "EIA_ENV": environment,
        "DEBUG": False,
        "SECRET_KEY": _secret_key(environment, instance),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "PUBLIC_URL": (_env("SERVER_NAME_URL") or "").rstrip("/"),
        "EIA_FRAMEWORK": _env("EIA_FRAMEWORK"),
        "MAIL_SERVER": _env("MAIL_SERVER"),
        "MAIL_PORT": int(_env("MAIL_PORT") or 25),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS"),
        "MAIL_USERNAME": _env("MAIL_USERNAME"),
        "MAIL_PASSWORD": _env("MAIL_PASSWORD"),
        "MAIL_FROM": _env("MAIL_FROM"),
        "MAIL_TIMEOUT_SECONDS": 10,
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URI"),
        "RATELIMIT_HEADERS_ENABLED": False,
        "API_RATE_LIMIT": _env("API_RATE_LIMIT"),
        "SESSION_IDLE_TIMEOUT": timedelta(minutes=int(_env("SESSION_IDLE_MINUTES") or 30)),
        "SESSION_ABSOLUTE_TIMEOUT": timedelta(hours=int(_env("SESSION_MAX_HOURS") or 12)),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(_env("SESSION_MAX_HOURS") or 12)),
        # The cookie is signed and sent again only when the session changes (its last request
        # is noted once a minute), not on every response.
        "SESSION_REFRESH_EACH_REQUEST": False,
        "PASSWORD_TOKEN_LIFETIME": timedelta(hours=int(_env("PASSWORD_TOKEN_HOURS") or 24)),
        # The largest file accepted anywhere (evidence, a PDF to verify, a document's files).
        "MAX_UPLOAD_BYTES": int(_env("MAX_UPLOAD_MB") or 10) * 2**20,
        "SESSION_COOKIE_NAME": "__Host-due-regard" if production else "due-regard",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        # Tokens live as long as the session, so a long form is never lost to an expired token.
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_SSL_STRICT": production,
        "LOG_LEVEL": (_env("LOG_LEVEL") or "INFO").upper(),
        "METRICS_TOKEN": _env("METRICS_TOKEN"),
        "METRICS_ALLOW": _networks("METRICS_ALLOW"),
        "METRICS_DIR": _env("METRICS_DIR"),
        "PROXY_COUNT": _count("PROXY_COUNT"),
        "BACKUP_DIR": _env("BACKUP_DIR") or str(instance / "backups"),
    }
