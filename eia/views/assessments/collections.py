"""The lists of evidence, engagement and actions: one set of pages for every collection.

Each collection (`eia.collections`) gets the same four pages, registered under its own names
(`assessments.list_evidence`, `add_evidence`, `edit_evidence`, `remove_evidence`, and likewise
for engagement and actions): the list with "Save and continue", adding an item, changing one
(a stale save shows both texts), and removing one after a confirmation. Evidence files are
downloaded here too.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for

from eia import queries
from eia.collections import COLLECTIONS, EVIDENCE, Collection
from eia.framework import Section
from eia.models.assessments import AssessmentVersion, EvidenceSource
from eia.services import collections as items
from eia.services.editing import StaleEdit
from eia.uploads import content_disposition
from eia.views.assessments import navigation
from eia.views.assessments.blueprint import bp
from eia.views.assessments.stale import render_stale
from eia.views.shared import editable_version, me, readable_version
from forms.collections import FORMS, ContinueForm, RemoveItemForm


def _section(version: AssessmentVersion, collection: Collection) -> Section:
    """The framework section that lists `collection` (the checker guarantees one)."""
    return next(s for s in version.framework.sections if s.kind == collection.key)


def _list_url(version: AssessmentVersion, collection: Collection) -> str:
    return url_for(f"assessments.list_{collection.key}", reference=version.reference)


def _item(version: AssessmentVersion, collection: Collection, item_id: int):
    """The item of this version with `item_id`, or None (an id from another version is not
    found)."""
    return next((i for i in collection.items(version) if i.id == item_id), None)


def list_items(collection: Collection, reference: str):
    version = editable_version(reference)
    section = _section(version, collection)
    form = ContinueForm()
    if form.validate_on_submit():
        return redirect(navigation.after(version, version.framework, section, request.path))
    return render_template("assessments/collections/list_items.html", version=version,
                           collection=collection, section=section, form=form,
                           citations=queries.evidence_citations(version)
                           if collection is EVIDENCE else None)


def add_item(collection: Collection, reference: str):
    version = editable_version(reference)
    form = FORMS[collection.key]()
    form.offer_groups(version)
    if form.validate_on_submit():
        item = items.add_item(me(), version, collection, form.values(), upload=form.upload)
        flash(f"{collection.noun.capitalize()} added: {collection.title_of(item)}", "success")
        return redirect(_list_url(version, collection))
    return _render_form(version, collection, form, None)


def edit_item(collection: Collection, reference: str, item_id: int):
    version = editable_version(reference)
    item = _item(version, collection, item_id) or abort(404)
    form = FORMS[collection.key](data={**collection.values_of(item),
                                       "lock_version": item.lock_version})
    form.offer_groups(version)
    if collection.has_file:
        form.saved_filename = item.file.filename if item.file else None
    if form.validate_on_submit():
        try:
            items.change_item(me(), version, collection, item, form.values(),
                              expected_lock=form.expected_lock(), upload=form.upload,
                              remove_file=form.removes_file())
        except StaleEdit as error:
            return render_stale(error, version, labels=collection.labels, back=request.path)
        flash(f"{collection.noun.capitalize()} changed: {collection.title_of(item)}", "success")
        return redirect(_list_url(version, collection))
    return _render_form(version, collection, form, item)


def _render_form(version: AssessmentVersion, collection: Collection, form, item):
    return render_template("assessments/collections/item_form.html", version=version,
                           collection=collection, section=_section(version, collection),
                           form=form, item=item, back_url=_list_url(version, collection))


def remove_item(collection: Collection, reference: str, item_id: int):
    version = editable_version(reference)
    item = _item(version, collection, item_id)
    if item is None:
        if request.method == "GET":
            abort(404)
        flash(f"This {collection.noun} had already been removed", "success")
        return redirect(_list_url(version, collection))
    form = RemoveItemForm(data={"lock_version": item.lock_version})
    if form.validate_on_submit():
        title = collection.title_of(item)
        try:
            items.remove_item(me(), version, collection, item,
                              expected_lock=form.expected_lock())
        except StaleEdit:
            flash(f"Someone else changed this {collection.noun} after you opened the page, so "
                  "it has not been removed. Check it before you remove it.", "error")
            return redirect(request.path)
        flash(f"{collection.noun.capitalize()} removed: {title}", "success")
        return redirect(_list_url(version, collection))
    number = collection.items(version).index(item) + 1
    return render_template("assessments/collections/remove_item.html", version=version,
                           collection=collection, form=form, item=item, number=number,
                           cited=queries.evidence_citations(version).get(item.id, [])
                           if collection is EVIDENCE else [],
                           back_url=_list_url(version, collection))


def _register(collection: Collection) -> None:
    base = f"/<reference>/{collection.key}"
    one = f"{base}/<int:{collection.id_argument}>"
    methods = ["GET", "POST"]

    def listing(reference: str):
        return list_items(collection, reference)

    def adding(reference: str):
        return add_item(collection, reference)

    def editing(reference: str, **ids: int):
        return edit_item(collection, reference, ids[collection.id_argument])

    def removing(reference: str, **ids: int):
        return remove_item(collection, reference, ids[collection.id_argument])

    bp.add_url_rule(base, f"list_{collection.key}", listing, methods=methods)
    bp.add_url_rule(f"{base}/add", f"add_{collection.noun}", adding, methods=methods)
    bp.add_url_rule(one, f"edit_{collection.noun}", editing, methods=methods)
    bp.add_url_rule(f"{one}/remove", f"remove_{collection.noun}", removing, methods=methods)


for _collection in COLLECTIONS:
    _register(_collection)


@bp.get("/<reference>/evidence/<int:evidence_id>/file")
def download_evidence_file(reference: str, evidence_id: int):
    version = readable_version(reference)
    source = _source_in_any_version(version, evidence_id)
    if source.file is None:
        abort(404)
    stored = source.file
    # Always a download, never shown inline: a file is never rendered in our origin.
    return Response(stored.content, mimetype=stored.content_type, headers={
        "Content-Disposition": content_disposition(stored.filename),
        "X-Content-Type-Options": "nosniff",
    })


def _source_in_any_version(version: AssessmentVersion, evidence_id: int) -> EvidenceSource:
    """Evidence of any version of the assessment: older versions' pages link their files."""
    for other in version.assessment.versions:
        source = next((s for s in other.evidence if s.id == evidence_id), None)
        if source is not None:
            return source
    abort(404)
