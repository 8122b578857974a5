"""Evidence, engagement and actions in the API, built from their one description
(`eia.collections`): a field added there is in the API, and its reference, without a change
here. Uploaded evidence files travel in the canonical document, not through these routes."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eia.collections import COLLECTIONS, Collection, FieldKind
from eia.collections import Field as CollectionField
from eia.document.fields import IsoDate, StrictInteger, Text, one_of, web_address_or_blank


def _in_field(field: CollectionField) -> fields.Field:
    if field.kind is FieldKind.DATE:
        return IsoDate(allow_none=True)
    if field.kind is FieldKind.GROUPS:
        return fields.List(Text(max_length=100))
    if field.kind is FieldKind.CHOICE:
        return Text(validate=one_of(field.choices))
    checks = {"validate": web_address_or_blank} if field.kind is FieldKind.URL else {}
    return Text(max_length=field.max_length, not_blank=field.required, **checks)


def _out_field(field: CollectionField) -> fields.Field:
    if field.kind is FieldKind.DATE:
        return fields.Date(allow_none=True, required=True)
    if field.kind is FieldKind.GROUPS:
        return fields.List(fields.String(), required=True)
    return fields.String(required=True)


def item_in_schema(collection: Collection) -> type[Schema]:
    """The body that adds an item (or, loaded as partial, changes one)."""
    declared = {f.name: _in_field(f) for f in collection.fields}
    declared["lock_version"] = StrictInteger(validate=validate.Range(min=0, max=2_147_483_647))
    return Schema.from_dict(declared, name=f"{collection.noun.capitalize()}InSchema")


def item_out_schema(collection: Collection) -> type[Schema]:
    declared = {f.name: _out_field(f) for f in collection.fields}
    declared["id"] = fields.Integer(required=True)
    declared["lock_version"] = fields.Integer(required=True)
    if collection.has_file:
        declared["file_name"] = fields.String(allow_none=True, required=True)
    return Schema.from_dict(declared, name=f"{collection.noun.capitalize()}Schema")


ITEMS_IN = {collection.key: item_in_schema(collection) for collection in COLLECTIONS}
ITEMS_OUT = {collection.key: item_out_schema(collection) for collection in COLLECTIONS}


def item_data(collection: Collection, item) -> dict:
    """The item as `ITEMS_OUT` dumps it (on its own, or nested in an assessment)."""
    data = {**collection.values_of(item), "id": item.id, "lock_version": item.lock_version}
    if collection.has_file:
        data["file_name"] = item.file.filename if item.file else None
    return data


def dump_item(collection: Collection, item) -> dict:
    return ITEMS_OUT[collection.key]().dump(item_data(collection, item))
