"""Adding, changing and removing the items of a version's collections: one path for all three.

Evidence sources, engagement activities and actions (`eia.collections`) follow the same rules:
only an editable version changes; a change or removal carries the lock the page was loaded
with, so nobody overwrites or removes an item someone else has changed since (StaleEdit, with
both texts); every change puts the collection's section back "in progress" and is audited.

Evidence may carry one uploaded file, checked by the form (`eia.uploads.check_upload`) before
it gets here and kept in the database so app instances stay stateless. A file can be shared
with other versions (a revision links the same file), so it is deleted only when no source
links it any more: evidence may hold personal data, and what the author removes should go.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm.exc import ObjectDeletedError

from eia import audit
from eia.collections import Collection, FieldKind
from eia.extensions import db
from eia.models.assessments import AssessmentVersion, EvidenceFile, EvidenceSource
from eia.models.users import User
from eia.services import sections
from eia.services.editing import check_lock, committing, ensure_editable
from eia.services.transaction import unit_of_work
from eia.uploads import CheckedFile


@dataclass(frozen=True)
class Upload:
    """A file that passed `check_upload`, with its bytes."""

    checked: CheckedFile
    content: bytes


def add_item(editor: User, version: AssessmentVersion, collection: Collection,
             values: Mapping, *, upload: Upload | None = None):
    """Add an item to `version`'s collection. Raises NotEditable once the version has left
    its authors."""
    ensure_editable(version)
    with unit_of_work():
        # Filling the item in reads the version's framework; the new item must not be
        # flushed half-made (or skipped with a warning) while that is loaded.
        with db.session.no_autoflush:
            item = collection.model(version=version)
            _apply(collection, version, item, values)
            if upload is not None:
                item.file = _stored_file(editor, upload)
        db.session.add(item)
        db.session.flush()
        _reopen(editor, version, collection)
        _record(collection.added, editor, version, collection, item)
    return item


def change_item(editor: User, version: AssessmentVersion, collection: Collection, item,
                values: Mapping, *, expected_lock: int | None, upload: Upload | None = None,
                remove_file: bool = False) -> None:
    """Change an item; a new upload replaces its file, `remove_file` drops it.

    Raises StaleEdit when someone else saved the item after the user opened it.
    """
    ensure_editable(version)
    names = version.framework.group_names
    mine = collection.described(values, names)

    def theirs() -> dict:
        return _saved(collection, item, names)

    check_lock(item, expected_lock, mine, theirs)
    with committing(mine, theirs):
        old_file = item.file if collection.has_file else None
        _apply(collection, version, item, values)
        if upload is not None:
            item.file = _stored_file(editor, upload)
        elif remove_file and collection.has_file:
            item.file = None
        _reopen(editor, version, collection)
        _record(collection.changed, editor, version, collection, item)
        if old_file is not None and item.file is not old_file:
            _delete_if_unused(old_file)


def remove_item(editor: User, version: AssessmentVersion, collection: Collection, item, *,
                expected_lock: int | None) -> None:
    """Remove an item (and an evidence file nothing else links).

    Impacts that cited a removed source simply stop citing it. Raises StaleEdit when someone
    else changed the item after the user opened the confirmation page.
    """
    ensure_editable(version)
    check_lock(item, expected_lock, {}, dict)
    with committing({}, dict):
        file = item.file if collection.has_file else None
        _record(collection.removed, editor, version, collection, item)
        collection.items(version).remove(item)
        db.session.delete(item)
        _reopen(editor, version, collection)
        db.session.flush()
        if file is not None:
            _delete_if_unused(file)


def _apply(collection: Collection, version: AssessmentVersion, item, values: Mapping) -> None:
    for field in collection.fields:
        value = field.cleaned(values.get(field.name, field.empty_value()))
        if field.kind is FieldKind.GROUPS:
            value = known_groups(version, value)
        setattr(item, field.name, value)


def known_groups(version: AssessmentVersion, group_ids) -> list[str]:
    """The version's own groups among `group_ids`, in framework order: an id from another
    framework or a group switched off is dropped."""
    chosen = set(group_ids)
    return [g.id for g in version.covered_groups
            if g.id in chosen]


def _saved(collection: Collection, item, names: Mapping[str, str]) -> dict:
    """The item as saved now, in words (reloaded after a rollback); {} if it has gone."""
    try:
        values = collection.values_of(item)
    except ObjectDeletedError:
        return {}
    return collection.described(values, names)


def _reopen(editor: User, version: AssessmentVersion, collection: Collection) -> None:
    for section in version.framework.sections:
        if section.kind == collection.key:
            sections.reopen_section(editor, version, section.id)


def _stored_file(editor: User, upload: Upload) -> EvidenceFile:
    checked = upload.checked
    return EvidenceFile(filename=checked.filename, content_type=checked.content_type,
                        size=checked.size, sha256=checked.sha256, content=upload.content,
                        uploaded_by_id=editor.id)


def _delete_if_unused(file: EvidenceFile) -> None:
    db.session.flush()
    links = db.session.scalar(
        select(func.count()).select_from(EvidenceSource).where(EvidenceSource.file_id == file.id))
    if not links:
        db.session.delete(file)


def _record(event: str, editor: User, version: AssessmentVersion, collection: Collection,
            item) -> None:
    details = {f"{collection.noun}_id": item.id, "title": collection.title_of(item)}
    file = item.file if collection.has_file else None
    if file is not None:
        details["file"] = {"filename": file.filename, "sha256": file.sha256, "size": file.size}
    audit.record_for_version(event, editor, version, **details)
