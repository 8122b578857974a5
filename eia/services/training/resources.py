"""A programme's resource library: guides, slides, the learning booklet, FAQs.

Each resource has a title, a kind, a topic and an owner (a facilitator, who keeps it up to
date), and versions: uploading a new file adds a version and keeps every earlier one. Files
are checked by the form with `eia.uploads.check_upload`, as evidence files are, and kept in
the database.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from eia import audit
from eia.domain import DomainError, Role
from eia.extensions import db
from eia.models.programme import TrainingProgramme
from eia.models.programme_shared import ProgrammeResource, ResourceKind, ResourceVersion
from eia.models.users import User
from eia.permissions import runs_training
from eia.services.collections import Upload
from eia.services.transaction import unit_of_work

MAX_TITLE = 200
MAX_TOPIC = 200
MAX_NOTE = 2_000


class ResourceRefused(DomainError):
    pass


def list_resources(programme: TrainingProgramme) -> list[ProgrammeResource]:
    return list(db.session.scalars(
        select(ProgrammeResource).where(ProgrammeResource.programme_id == programme.id)
        .options(selectinload(ProgrammeResource.versions))
        .order_by(ProgrammeResource.topic, ProgrammeResource.title, ProgrammeResource.id)))


def get_resource(programme: TrainingProgramme, resource_id: int) -> ProgrammeResource | None:
    resource = db.session.get(ProgrammeResource, resource_id)
    return resource if resource is not None and resource.programme_id == programme.id else None


def get_version(resource: ProgrammeResource, number: int) -> ResourceVersion | None:
    return next((v for v in resource.versions if v.number == number), None)


def _check(actor: User, *, title: str, kind: str, topic: str, owner: User | None) -> None:
    if not runs_training(actor):
        raise ResourceRefused("Only facilitators and administrators can change the library")
    if not title:
        raise ResourceRefused("Enter the resource’s title")
    if len(title) > MAX_TITLE:
        raise ResourceRefused(f"The title must be {MAX_TITLE} characters or fewer")
    if kind not in {k.value for k in ResourceKind}:
        raise ResourceRefused("Choose what kind of resource it is")
    if len(topic) > MAX_TOPIC:
        raise ResourceRefused(f"The topic must be {MAX_TOPIC} characters or fewer")
    if owner is None or not owner.active or Role.FACILITATOR not in owner.roles:
        raise ResourceRefused("Choose a facilitator to own the resource")


def _version(actor: User, number: int, upload: Upload, note: str) -> ResourceVersion:
    if len(note) > MAX_NOTE:
        raise ResourceRefused(f"The note must be {MAX_NOTE:,} characters or fewer")
    checked = upload.checked
    return ResourceVersion(number=number, note=note, filename=checked.filename,
                           content_type=checked.content_type, size=checked.size,
                           sha256=checked.sha256, content=upload.content, uploaded_by=actor)


def add_resource(actor: User, programme: TrainingProgramme, *, title: str, kind: str,
                 topic: str, owner: User | None, upload: Upload,
                 note: str = "") -> ProgrammeResource:
    title, topic, note = title.strip(), topic.strip(), note.strip()
    _check(actor, title=title, kind=kind, topic=topic, owner=owner)
    with unit_of_work():
        resource = ProgrammeResource(programme_id=programme.id, title=title, kind=kind,
                                     topic=topic, owner=owner)
        resource.versions.append(_version(actor, 1, upload, note))
        db.session.add(resource)
        db.session.flush()
        audit.record("resource_added", actor=actor, object_type="programme",
                     object_id=programme.id,
                     details={"resource": resource.id, "title": title,
                              "file": upload.checked.filename})
    return resource


def add_version(actor: User, resource: ProgrammeResource, *, upload: Upload,
                note: str = "") -> ResourceVersion:
    """Upload a new file as the resource's next version; the earlier ones stay."""
    if not runs_training(actor):
        raise ResourceRefused("Only facilitators and administrators can change the library")
    number = resource.latest.number + 1
    try:
        with unit_of_work():
            version = _version(actor, number, upload, note.strip())
            resource.versions.append(version)
            db.session.flush()
            audit.record("resource_version_added", actor=actor, object_type="programme",
                         object_id=resource.programme_id,
                         details={"resource": resource.id, "version": number,
                                  "file": upload.checked.filename})
    except IntegrityError as error:
        raise ResourceRefused("Someone else uploaded a version at the same moment: open the "
                              "resource again and check before you upload") from error
    return version


def change_resource(actor: User, resource: ProgrammeResource, *, title: str, kind: str,
                    topic: str, owner: User | None) -> None:
    title, topic = title.strip(), topic.strip()
    _check(actor, title=title, kind=kind, topic=topic, owner=owner)
    with unit_of_work():
        resource.title, resource.kind, resource.topic, resource.owner = title, kind, topic, owner
        audit.record("resource_changed", actor=actor, object_type="programme",
                     object_id=resource.programme_id,
                     details={"resource": resource.id, "title": title,
                              "owner": owner.email if owner else ""})
