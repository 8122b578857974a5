"""Organisational units: directorates and the teams within them."""

from __future__ import annotations

from sqlalchemy import func, select

from eia import audit
from eia.domain import DomainError
from eia.extensions import db
from eia.models.users import OrgUnit, User
from eia.services.transaction import use_case


class UnitProblem(DomainError):
    """The change would break the directorate → team structure."""


def _check_name_free(name: str, parent_id: int | None, unit_id: int | None = None) -> None:
    query = select(OrgUnit.id).where(
        func.lower(OrgUnit.name) == name.lower(),
        OrgUnit.parent_id.is_(None) if parent_id is None else OrgUnit.parent_id == parent_id,
    )
    if unit_id is not None:
        query = query.where(OrgUnit.id != unit_id)
    if db.session.scalar(query) is not None:
        where = "directorate" if parent_id is None else "team in this directorate"
        raise UnitProblem(f"There is already a {where} called {name}")


def _check_parent(parent_id: int | None, unit: OrgUnit | None = None) -> None:
    if parent_id is None:
        return
    parent = db.session.get(OrgUnit, parent_id)
    if parent is None or not parent.is_directorate:
        raise UnitProblem("Choose a directorate for this team")
    if unit is not None and unit.teams:
        raise UnitProblem(f"{unit.name} has teams, so it must stay a directorate")


def _has_users_or_teams(unit: OrgUnit) -> bool:
    users = db.session.scalar(select(func.count()).select_from(User).where(User.unit_id == unit.id))
    return bool(users) or bool(unit.teams)


@use_case
def create_unit(actor: User, *, name: str, parent_id: int | None) -> OrgUnit:
    name = name.strip()
    _check_parent(parent_id)
    _check_name_free(name, parent_id)
    unit = OrgUnit(name=name, parent_id=parent_id)
    db.session.add(unit)
    db.session.flush()
    audit.record("unit.created", actor=actor, object_type="org_unit", object_id=unit.id,
                 details={"name": name, "parent_id": parent_id})
    return unit


@use_case
def update_unit(actor: User, unit: OrgUnit, *, name: str, parent_id: int | None) -> None:
    name = name.strip()
    if parent_id == unit.id:
        raise UnitProblem("A unit cannot sit inside itself")
    _check_parent(parent_id, unit)
    _check_name_free(name, parent_id, unit.id)
    changes = {}
    if unit.name != name:
        changes["name"] = [unit.name, name]
    if unit.parent_id != parent_id:
        changes["parent_id"] = [unit.parent_id, parent_id]
    unit.name, unit.parent_id = name, parent_id
    if changes:
        audit.record("unit.updated", actor=actor, object_type="org_unit", object_id=unit.id,
                     details=changes)


@use_case
def delete_unit(actor: User, unit: OrgUnit) -> None:
    """Delete a unit that nobody belongs to and that has no teams."""
    if _has_users_or_teams(unit):
        raise UnitProblem(
            f"{unit.name} still has teams or people in it. Move them first, then delete it."
        )
    audit.record("unit.deleted", actor=actor, object_type="org_unit", object_id=unit.id,
                 details={"name": unit.name, "parent_id": unit.parent_id})
    db.session.delete(unit)
