"""Accounts: signing in and out, passwords, invitations, and administering users.

Every function here is one unit of work: it records audit events and commits, or raises a
`DomainError` having changed nothing.
"""

from __future__ import annotations

import hashlib
import secrets

from flask import current_app
from sqlalchemy import select

from eia import audit
from eia.domain import DomainError, Role
from eia.extensions import db
from eia.models.types import utcnow
from eia.models.users import PasswordToken, User
from eia.passwords import hash_password, needs_rehash, password_problem, verify_password
from eia.services.mail import deliver_pending, queue_email
from eia.services.transaction import after_commit, unit_of_work, use_case

INVITATION = "invitation"
RESET = "reset"


class SignInFailed(DomainError):
    def __init__(self):
        # One vague message, whether the email is unknown or the password wrong.
        super().__init__("Enter a correct email address and password")


class EmailInUse(DomainError):
    def __init__(self):
        super().__init__("A user with this email address already exists")


class PasswordRejected(DomainError):
    """The new password breaks a rule; the message says which."""


class WrongCurrentPassword(DomainError):
    def __init__(self):
        super().__init__("Your current password is not correct")


class InvalidToken(DomainError):
    def __init__(self):
        super().__init__(
            "This link has expired or has already been used. Ask for a new one below."
        )


class NotAllowed(DomainError):
    """An administrative change that would leave the service unmanageable."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


# Signing in and out -------------------------------------------------------------------------


def authenticate(email: str, password: str) -> User:
    """Return the active user with these credentials, or raise SignInFailed (audited)."""
    user = get_user_by_email(email)
    ok = verify_password(user.password_hash if user else None, password)
    if not (ok and user and user.active):
        _record_failed_sign_in(user, email, "disabled" if ok and user else "credentials")
        raise SignInFailed()
    with unit_of_work():
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_sign_in_at = utcnow()
        audit.record("sign_in", actor=user)
    return user


@use_case
def _record_failed_sign_in(user: User | None, email: str, reason: str) -> None:
    audit.record("sign_in.failed", actor=user, actor_email=normalise_email(email)[:320],
                 details={"reason": reason})


@use_case
def sign_out(user: User) -> None:
    """End every session of `user`: cookies issued before now stop working."""
    user.session_epoch += 1
    audit.record("sign_out", actor=user)


# Passwords ----------------------------------------------------------------------------------


def _check_new_password(user: User, password: str) -> None:
    problem = password_problem(password, email=user.email, name=user.name)
    if problem:
        raise PasswordRejected(problem)


@use_case
def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one; ends the user's other sessions."""
    if not verify_password(user.password_hash, current):
        raise WrongCurrentPassword()
    _check_new_password(user, new)
    user.password_hash = hash_password(new)
    user.session_epoch += 1
    audit.record("password.changed", actor=user, object_type="user", object_id=user.id)


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue_token(user: User, purpose: str) -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(
        PasswordToken(
            user=user,
            purpose=purpose,
            token_hash=_token_digest(token),
            expires_at=utcnow() + current_app.config["PASSWORD_TOKEN_LIFETIME"],
        )
    )
    return token


def _password_link(token: str) -> str:
    return f"{current_app.config['PUBLIC_URL']}/set-password/{token}"


@use_case
def request_password_reset(email: str) -> None:
    """Email a reset link when the address belongs to an active user; say nothing either way."""
    user = get_user_by_email(email)
    if user is None or not user.active:
        return
    token = _issue_token(user, RESET)
    queue_email(user.email, "password_reset", user=user, link=_password_link(token),
                expires=_expiry_text())
    audit.record("password.reset_requested", actor=user, object_type="user", object_id=user.id)
    after_commit(deliver_pending)


def _expiry_text() -> str:
    hours = int(current_app.config["PASSWORD_TOKEN_LIFETIME"].total_seconds() // 3600)
    return f"{hours} hours" if hours != 1 else "1 hour"


def get_valid_token(token: str) -> PasswordToken:
    """The unused, unexpired token for this link, or raise InvalidToken."""
    row = db.session.scalar(
        select(PasswordToken).where(PasswordToken.token_hash == _token_digest(token))
    )
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        raise InvalidToken()
    if not row.user.active:
        raise InvalidToken()
    return row


@use_case
def set_password_with_token(token: str, password: str) -> User:
    """Set a password from an invitation or reset link; the link and its siblings die."""
    row = get_valid_token(token)
    user = row.user
    _check_new_password(user, password)
    user.password_hash = hash_password(password)
    user.session_epoch += 1
    now = utcnow()
    for other in db.session.scalars(
        select(PasswordToken).where(
            PasswordToken.user_id == user.id, PasswordToken.used_at.is_(None)
        )
    ):
        other.used_at = now
    audit.record(f"password.set_from_{row.purpose}", actor=user, object_type="user",
                 object_id=user.id)
    return user


# Administering users ------------------------------------------------------------------------


@use_case
def create_user(
    *,
    email: str,
    name: str,
    roles: set[Role],
    job_title: str = "",
    unit_id: int | None = None,
    created_by: User | None = None,
    password: str | None = None,
) -> User:
    """Create an account. Without a password, the user is emailed an invitation to set one."""
    email = normalise_email(email)
    if get_user_by_email(email):
        raise EmailInUse()
    user = User(email=email, name=name.strip(), job_title=job_title.strip(), unit_id=unit_id)
    user.set_roles(roles)
    if password is not None:
        _check_new_password(user, password)
        user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", actor=created_by, object_type="user", object_id=user.id,
                 details={"email": email, "roles": sorted(r.value for r in roles)})
    if password is None:
        _invite(user, created_by)
    after_commit(deliver_pending)
    return user


def _invite(user: User, invited_by: User | None) -> None:
    token = _issue_token(user, INVITATION)
    queue_email(user.email, "invitation", user=user, invited_by=invited_by,
                link=_password_link(token), expires=_expiry_text())


@use_case
def resend_invitation(actor: User, user: User) -> None:
    if user.has_password:
        raise NotAllowed(f"{user.name} has already set a password")
    _invite(user, actor)
    audit.record("user.invitation_resent", actor=actor, object_type="user", object_id=user.id)
    after_commit(deliver_pending)


@use_case
def update_user(
    actor: User, user: User, *, name: str, job_title: str, unit_id: int | None, roles: set[Role]
) -> None:
    """Change a user's details and roles; an admin cannot remove their own admin role."""
    if user.id == actor.id and Role.ADMIN not in roles:
        raise NotAllowed("You cannot remove your own administrator role")
    before = _describe(user)
    user.name, user.job_title, user.unit_id = name.strip(), job_title.strip(), unit_id
    user.set_roles(roles)
    after = _describe(user)
    changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
    if changes:
        if before["roles"] != after["roles"]:
            # New roles take effect on the next request; old sessions must not keep stale ones.
            user.session_epoch += 1
        audit.record("user.updated", actor=actor, object_type="user", object_id=user.id,
                     details=changes)


def _describe(user: User) -> dict:
    return {"name": user.name, "job_title": user.job_title, "unit_id": user.unit_id,
            "roles": sorted(r.value for r in user.roles)}


@use_case
def disable_user(actor: User, user: User) -> None:
    """Disable an account; its sessions end at once."""
    if user.id == actor.id:
        raise NotAllowed("You cannot disable your own account")
    if not user.active:
        return
    user.active = False
    user.session_epoch += 1
    audit.record("user.disabled", actor=actor, object_type="user", object_id=user.id)


@use_case
def enable_user(actor: User, user: User) -> None:
    if user.active:
        return
    user.active = True
    audit.record("user.enabled", actor=actor, object_type="user", object_id=user.id)
