"""What the register pages share: the filter forms read from the query string, the choices
they offer, and pagination links that keep the filters."""

from __future__ import annotations

from flask import request, url_for

from eia import queries, registers
from eia.domain import Role
from eia.services import frameworks
from forms.registers import PublicFilterForm, RegisterFilterForm


def outcome_choices() -> list[tuple[str, str]]:
    question = frameworks.current_framework().section("outcome").question("outcome")
    return [(option.value, option.label) for option in question.choices]


def staff_filter_form() -> RegisterFilterForm:
    """The staff register's filters from the query string, checked (errors are on the form)."""
    form = RegisterFilterForm(request.args)
    form.fill(units=queries.list_units(), outcomes=outcome_choices(),
              groups=frameworks.current_framework().groups,
              authors=queries.active_users_with_role(Role.AUTHOR),
              reviewers=queries.active_users_with_role(Role.REVIEWER),
              tags=registers.list_tags())
    form.checked()
    return form


def public_filter_form() -> PublicFilterForm:
    form = PublicFilterForm(request.args)
    form.fill(units=queries.list_units(), outcomes=outcome_choices(),
              groups=frameworks.current_framework().groups)
    form.checked()
    return form


def page_url(number: int, endpoint: str | None = None) -> str:
    """This page's address with the same filters, at page `number`."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return url_for(endpoint or request.endpoint, **(request.view_args or {}), **args)


def pagination(page: registers.Page) -> dict | None:
    """govukPagination parameters for `page`, or None when everything fits on one page."""
    if page.pages <= 1:
        return None
    shown = sorted({1, page.pages, *range(max(1, page.page - 1), min(page.pages, page.page + 1)
                                          + 1)})
    items, last = [], 0
    for number in shown:
        if number - last > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": page_url(number),
                      "current": number == page.page})
        last = number
    return {
        "items": items,
        "previous": {"href": page_url(page.page - 1)} if page.page > 1 else None,
        "next": {"href": page_url(page.page + 1)} if page.page < page.pages else None,
        "landmarkLabel": "Pages of results",
    }


def export_url(endpoint: str) -> str:
    """`endpoint` with this page's filters (less the page number): an export of what is shown."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    return url_for(endpoint, **args)
