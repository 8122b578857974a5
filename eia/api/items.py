"""Evidence, engagement and actions through the API: add, change and remove, for each
collection, made from its one description and run through the one collection service."""

from __future__ import annotations

from flask import abort

from eia.api.blueprint import bp, documented
from eia.api.problems import invalid
from eia.api.schemas.items import ITEMS_IN, ITEMS_OUT, dump_item
from eia.api.support import answering_domain_errors, editable, expected_lock, load_body
from eia.collections import COLLECTIONS, Collection
from eia.services import collections as items
from eia.views.shared import me


def _item_or_404(collection: Collection, version, item_id: int):
    item = next((i for i in collection.items(version) if i.id == item_id), None)
    if item is None:
        abort(404)
    return item


def _values(collection: Collection, data: dict, item=None) -> dict:
    saved = collection.values_of(item) if item is not None else {}
    return {f.name: data.get(f.name, saved.get(f.name, f.empty_value()))
            for f in collection.fields}


def _missing(collection: Collection, values: dict) -> dict[str, list[str]]:
    return {f.name: ["Must be given."] for f in collection.fields
            if f.required and f.is_blank(values.get(f.name))}


def _routes(collection: Collection) -> None:
    noun, plural = collection.noun, collection.key
    path = f"/assessments/<reference>/{plural}"
    in_schema, out_schema = ITEMS_IN[collection.key], ITEMS_OUT[collection.key]
    tag = "Evidence, engagement and actions"

    def add(reference: str):
        version = editable(reference)
        data = load_body(in_schema())
        values = _values(collection, data)
        problems = _missing(collection, values)
        if problems:
            raise invalid(problems)
        with answering_domain_errors():
            item = items.add_item(me(), version, collection, values)
        return dump_item(collection, item), 201

    def change(reference: str, **ids):
        version = editable(reference)
        item = _item_or_404(collection, version, ids[collection.id_argument])
        data = load_body(in_schema(partial=True))
        lock = expected_lock(data)
        with answering_domain_errors():
            items.change_item(me(), version, collection, item,
                              _values(collection, data, item), expected_lock=lock)
        return dump_item(collection, item)

    def remove(reference: str, **ids):
        version = editable(reference)
        item = _item_or_404(collection, version, ids[collection.id_argument])
        lock = expected_lock({})
        with answering_domain_errors():
            items.remove_item(me(), version, collection, item, expected_lock=lock)
        return "", 204

    for view, verb in ((add, "add"), (change, "change"), (remove, "remove")):
        view.__name__ = f"{verb}_{noun}"
    bp.add_url_rule(path, view_func=documented(
        f"Add {'an' if noun[0] in 'aeiou' else 'a'} {noun}"
        if noun != "evidence" else "Add a source of evidence", tag=tag, body=in_schema, ok=201,
        response=out_schema, writes=True)(add), methods=["POST"])
    bp.add_url_rule(f"{path}/<int:{collection.id_argument}>", view_func=documented(
        f"Change {'an' if noun[0] in 'aeiou' else 'a'} {noun} item", tag=tag, body=in_schema,
        response=out_schema, writes=True, if_match=True)(change), methods=["PATCH"])
    bp.add_url_rule(f"{path}/<int:{collection.id_argument}>", view_func=documented(
        f"Remove {'an' if noun[0] in 'aeiou' else 'a'} {noun} item", tag=tag, ok=204,
        writes=True, if_match=True,
        description="Send the item's lock_version as an If-Match header.")(remove),
        methods=["DELETE"])


for _collection in COLLECTIONS:
    _routes(_collection)
