"""The registers' filters: GET forms read from the query string, so a view can be bookmarked.

The forms check values only; choices (units, people, tags, groups) are filled in by the view.
A value that is not one of the choices, or a date that is not a date, is an error shown on the
page and that filter is left out; it never reaches a query.
"""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import Form, IntegerField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional
from wtforms.widgets import HiddenInput

from eia.domain import LIVE_STATES, AssessmentType
from eia.insights import CumulativeFilter
from eia.registers import PUBLIC_SORTS, REVIEW_FILTERS, SORTS, PublicFilter, RegisterFilter
from forms.dates import DateInputField
from forms.fields import at_most, stripped

ANY = ""
MAX_SEARCH = 200


def choices(pairs, anything: str) -> list[SelectChoice]:
    """Select choices with a first "anything" choice that filters nothing."""
    return [SelectChoice(ANY, anything), *(SelectChoice(str(v), label) for v, label in pairs)]


def _kinds() -> list[SelectChoice]:
    return choices(((kind.value, kind.label) for kind in AssessmentType), "Any kind")


def _select(label: str, **kwargs) -> SelectField:
    """A select whose first choice filters nothing, and whose error names the filter."""
    kwargs.setdefault("default", ANY)
    return SelectField(label, widget=GovSelect(),
                       invalid_choice_message=f"Choose one of the options for {label.lower()}",
                       **kwargs)


def _integer(value):
    return int(value) if isinstance(value, str) and value.isdigit() else None


class _Filters(Form):
    """What both registers filter by."""

    q = StringField("Search by title or reference", widget=GovTextInput(), filters=[stripped],
                    validators=[at_most(MAX_SEARCH, "The search")])
    unit = _select("Directorate or team")
    kind = _select("Kind of proposal", choices=_kinds())
    outcome = _select("Outcome")
    group = _select("Group with a negative or not yet known impact")
    page = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=1)])
    apply = SubmitField("Apply filters", widget=GovSubmitInput())

    def fill(self, *, units, outcomes, groups) -> None:
        self.unit.choices = choices(((u.id, u.full_name) for u in units), "Any unit")
        self.outcome.choices = choices(outcomes, "Any outcome")
        self.group.choices = choices(((g.id, g.name) for g in groups), "Any group")

    def _good(self, name: str):
        """The field's value, or nothing when it is in error (the filter is left out)."""
        field = getattr(self, name)
        return None if field.errors or field.data in (None, ANY) else field.data

    def checked(self) -> bool:
        """Validate; True when every value is usable."""
        return self.validate()


class RegisterFilterForm(_Filters):
    status = SelectMultipleField(
        "Status", widget=GovCheckboxesInput(),
        choices=[SelectChoice(s.value, s.label) for s in LIVE_STATES])
    review = _select("Review date",
                     choices=choices(REVIEW_FILTERS.items(), "Any review date"))
    decided_from = DateInputField("Decision expected from", name_in_errors="The first date",
                                  description="For example, 1 4 2027")
    decided_to = DateInputField("Decision expected by", name_in_errors="The last date",
                                description="For example, 31 3 2028")
    author = _select("Author")
    reviewer = _select("Reviewer")
    tag = _select("Tag")
    sort = _select("Sort by", default="newest",
                   choices=[SelectChoice(k, v) for k, v in SORTS.items()])

    def fill(self, *, units, outcomes, groups, authors=(), reviewers=(), tags=()) -> None:
        super().fill(units=units, outcomes=outcomes, groups=groups)
        self.author.choices = choices(((u.id, u.name) for u in authors), "Any author")
        self.reviewer.choices = choices(((u.id, u.name) for u in reviewers), "Any reviewer")
        self.tag.choices = choices(((t.key, t.name) for t in tags), "Any tag")

    def validate(self, extra_validators=None) -> bool:
        good = super().validate(extra_validators)
        first, last = self.decided_from.data, self.decided_to.data
        if first and last and first > last and not self.decided_to.errors:
            self.decided_to.errors = [*self.decided_to.errors,
                                      "The last date must be the same as or after the first"]
            good = False
        return good

    def filter(self) -> RegisterFilter:
        """What the valid values ask for (call `checked` first)."""
        return RegisterFilter(
            search=self._good("q") or "",
            statuses=tuple(self.status.data or ()) if not self.status.errors else (),
            unit_id=_integer(self._good("unit")), kind=self._good("kind"),
            outcome=self._good("outcome"), group=self._good("group"),
            review=self._good("review"), decided_from=self._good("decided_from"),
            decided_to=self._good("decided_to"), author_id=_integer(self._good("author")),
            reviewer_id=_integer(self._good("reviewer")), tag=self._good("tag"),
            sort=self._good("sort") or "newest", page=self._good("page") or 1)


class PublicFilterForm(_Filters):
    sort = _select("Sort by", default="newest",
                   choices=[SelectChoice(k, v) for k, v in PUBLIC_SORTS.items()])

    def filter(self) -> PublicFilter:
        return PublicFilter(
            search=self._good("q") or "", unit_id=_integer(self._good("unit")),
            kind=self._good("kind"), outcome=self._good("outcome"),
            group=self._good("group"), sort=self._good("sort") or "newest",
            page=self._good("page") or 1)


class CumulativeFilterForm(Form):
    """Which proposals the cumulative impact view compares: a tag, a unit, decision dates."""

    tag = _select("Tag")
    unit = _select("Directorate or team")
    decided_from = DateInputField("Decision expected from", name_in_errors="The first date",
                                  description="For example, 1 4 2027")
    decided_to = DateInputField("Decision expected by", name_in_errors="The last date",
                                description="For example, 31 3 2028")
    apply = SubmitField("Show impacts", widget=GovSubmitInput())

    def fill(self, *, units, tags) -> None:
        self.unit.choices = choices(((u.id, u.full_name) for u in units), "Any unit")
        self.tag.choices = choices(((t.key, t.name) for t in tags), "Any tag")

    def filter(self) -> CumulativeFilter:
        def good(field):
            return None if field.errors or field.data in (None, ANY) else field.data

        return CumulativeFilter(tag=good(self.tag), unit_id=_integer(good(self.unit)),
                                decided_from=good(self.decided_from),
                                decided_to=good(self.decided_to))
