"""The historical part of the canonical document: what a past assessment records of its life
before Due Regard (`"historical": {...}` in a schema version 2 document).

    "historical": {
      "source_reference": "LIB-EIA-01",
      "completed_on": "2014-06-30",
      "revisions": [{"revised_on": "2015-02-12", "what_changed": "..."}],
      "review": {"date": null, "wording": "within a year, or earlier if required"},
      "sign_offs": [{"signed_by": "...", "role_or_body": "...", "signed_on": "...",
                     "decision": "..."}],
      "parent": "LIB-EIA-00",
      "public_summary": "...",
      "imported_text": [{"heading": "...", "text": "..."}]
    }

A document with this part is a record of the past: its people may be names and job titles
without an email address, its unit may not exist yet, and its review date may have passed.
A review given only as wording ("within a year") stands for a year after the last date the
record was completed or revised; the wording is kept. `parent` is the source reference of the
record it is one of the children of (a strategy, with an assessment per site). A record with
a `public_summary` was published, and goes on the public register with it. `imported_text` is
what a reader of the source (a Word document) found no place for, kept word for word under its
heading so that nothing the source holds is lost.
"""

from __future__ import annotations

from datetime import date

from marshmallow import Schema, ValidationError, fields, validates_schema

from eia.document.fields import IsoDate, SortedList, Text

# A review worded "within a year" falls due this long after the record's last date.
A_YEAR_AFTER = 1


class RevisionSchema(Schema):
    revised_on = IsoDate(required=True)
    what_changed = Text(required=True, not_blank=True)


class ReviewSchema(Schema):
    date = IsoDate(load_default=None, allow_none=True)
    wording = Text(load_default="")

    @validates_schema
    def _date_or_wording(self, data, **kwargs) -> None:
        if data.get("date") is None and not data.get("wording", "").strip():
            raise ValidationError({"date": ["Give the review date, or the wording the record "
                                            "used for it."]})


class OriginalSignOffSchema(Schema):
    """A sign-off given before Due Regard, as the record states it."""

    signed_by = Text(load_default="", max_length=300)
    role_or_body = Text(load_default="", max_length=300)
    signed_on = IsoDate(load_default=None, allow_none=True)
    decision = Text(load_default="")

    @validates_schema
    def _someone(self, data, **kwargs) -> None:
        # A sign-off box may give only the body ("Equality group"); it must give one of them.
        if not data.get("signed_by", "").strip() and not data.get("role_or_body", "").strip():
            raise ValidationError({"signed_by": ["Give who signed it off, or their role or "
                                                 "body."]})


class ImportedTextSchema(Schema):
    heading = Text(load_default="", max_length=None)
    text = Text(required=True, max_length=None, not_blank=True)


class HistoricalSchema(Schema):
    source_reference = Text(load_default="", max_length=100)
    completed_on = IsoDate(load_default=None, allow_none=True)
    revisions = SortedList(fields.Nested(RevisionSchema), load_default=list,
                           sort_key=lambda revision: str(revision["revised_on"]))
    review = fields.Nested(ReviewSchema, load_default=None, allow_none=True)
    sign_offs = fields.List(fields.Nested(OriginalSignOffSchema), load_default=list)
    parent = Text(load_default=None, allow_none=True, max_length=100)
    # The plain-English summary the record was published with: given, the import puts the
    # record on the public register.
    public_summary = Text(load_default="")
    imported_text = fields.List(fields.Nested(ImportedTextSchema), load_default=list)

    @validates_schema
    def _review_can_be_dated(self, data, **kwargs) -> None:
        review = data.get("review")
        if review is not None and review_date_of(data) is None:
            raise ValidationError({"review": {"date": [
                f"“{review['wording']}” needs a date to count from: give the review date, or "
                "the date the record was completed or revised."]}})

    @validates_schema
    def _not_its_own_parent(self, data, **kwargs) -> None:
        parent, own = data.get("parent"), data.get("source_reference")
        if parent and parent == own:
            raise ValidationError({"parent": ["Is the record's own reference."]})


def last_dated(historical: dict) -> date | None:
    """The last date the record was completed or revised."""
    dates = [historical.get("completed_on"),
             *(revision["revised_on"] for revision in historical.get("revisions") or [])]
    dates = [day for day in dates if isinstance(day, date)]
    return max(dates) if dates else None


def review_date_of(historical: dict) -> date | None:
    """The review date the record stands for: the date it gives, or a year after its last date
    when it gives only wording."""
    review = historical.get("review") or {}
    if review.get("date") is not None:
        return review["date"]
    start = last_dated(historical)
    if start is None:
        return None
    try:
        return start.replace(year=start.year + A_YEAR_AFTER)
    except ValueError:  # 29 February
        return start.replace(year=start.year + A_YEAR_AFTER, day=28)
