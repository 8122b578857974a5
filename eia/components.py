"""GOV.UK Design System components that pages render many times, built in Python.

The Design System's Jinja macros are general (every option, indentation filters on every piece
of nested HTML) and, called in loops, they were the largest part of rendering check your answers,
the task list and the review pages. `summary_list` takes the same parameters as
`govukSummaryList` for the options Due Regard uses (rows with key, value, classes and actions;
a card with a title and actions; classes and attributes on the list) and gives the same
elements, classes and text, so a page looks and reads the same to every user and assistive
technology (`tests/unit/test_components.py` compares the two). Text is escaped; `html` is
trusted, as in the macro.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape


def summary_list(params: Mapping[str, Any]) -> Markup:
    rows = [row for row in params.get("rows") or () if row]
    card = params.get("card")
    card_title = card.get("title") if card else None
    any_actions = any(_action_items(row) for row in rows)
    parts = [Markup('<dl class="govuk-summary-list{}"{}>').format(
        _classes(params), _attributes(params.get("attributes")))]
    for row in rows:
        parts.append(_row(row, any_actions, card_title))
    parts.append(Markup("</dl>"))
    summary = Markup("\n").join(parts)
    return _card(card, summary) if card else summary


def _row(row: Mapping[str, Any], any_actions: bool, card_title) -> Markup:
    items = _action_items(row)
    classes = " govuk-summary-list__row--no-actions" if any_actions and not items else ""
    parts = [
        Markup('<div class="govuk-summary-list__row{}{}">').format(classes, _classes(row)),
        Markup('<dt class="govuk-summary-list__key{}">{}</dt>').format(
            _classes(row.get("key")), _content(row.get("key"))),
        Markup('<dd class="govuk-summary-list__value{}">{}</dd>').format(
            _classes(row.get("value")), _content(row.get("value"))),
    ]
    if items:
        links = _actions(items, card_title, "govuk-summary-list__actions-list",
                         "govuk-summary-list__actions-list-item")
        parts.append(Markup('<dd class="govuk-summary-list__actions{}">{}</dd>').format(
            _classes(row["actions"]), links))
    parts.append(Markup("</div>"))
    return Markup("\n").join(parts)


def _card(card: Mapping[str, Any], summary: Markup) -> Markup:
    title = card.get("title")
    heading = ""
    if title:
        level = title.get("headingLevel") or 2
        heading = Markup('<h{0} class="govuk-summary-card__title{1}">{2}</h{0}>').format(
            int(level), _classes(title), _content(title))
    items = (card.get("actions") or {}).get("items") or []
    actions = ""
    if items:
        links = _actions(items, title, "", "govuk-summary-card__action")
        classes = _classes(card["actions"])
        actions = (Markup('<div class="govuk-summary-card__actions{}">{}</div>')
                   if len(items) == 1 else
                   Markup('<ul class="govuk-summary-card__actions{}">{}</ul>')).format(
            classes, links)
    return Markup(
        '<div class="govuk-summary-card{}"{}>\n'
        '<div class="govuk-summary-card__title-wrapper">{}{}</div>\n'
        '<div class="govuk-summary-card__content">{}</div>\n</div>'
    ).format(_classes(card), _attributes(card.get("attributes")), heading, actions, summary)


def _actions(items: list, card_title, list_class: str, item_class: str) -> Markup:
    if len(items) == 1:
        return _action_link(items[0], card_title)
    listed = Markup("").join(Markup('<li class="{}">{}</li>').format(
        item_class, _action_link(item, card_title)) for item in items)
    # A card's several actions are its own list; a row's sit in a list inside the cell.
    return Markup('<ul class="{}">{}</ul>').format(list_class, listed) if list_class else listed


def _action_link(action: Mapping[str, Any], card_title) -> Markup:
    hidden = ""
    if action.get("visuallyHiddenText") or card_title:
        words = Markup("")
        if action.get("visuallyHiddenText"):
            words += Markup(" {}").format(action["visuallyHiddenText"])
        if card_title:
            words += Markup(" ({})").format(_content(card_title))
        hidden = Markup('<span class="govuk-visually-hidden">{}</span>').format(words)
    return Markup('<a class="govuk-link{}" href="{}"{}>{}{}</a>').format(
        _classes(action), action.get("href", ""), _attributes(action.get("attributes")),
        _content(action), hidden)


def _action_items(row: Mapping[str, Any]) -> list:
    actions = row.get("actions")
    return list(actions.get("items") or ()) if actions else []


def _content(part: Mapping[str, Any] | None) -> Markup:
    """A part's `html` (trusted, trimmed as the macro does) or its `text` (escaped)."""
    if not part:
        return Markup("")
    if part.get("html"):
        # `html` is the caller's markup, trusted as the Design System's macro trusts it.
        return Markup(str(part["html"]).strip())  # noqa: S704  (markup from templates, not users)
    return escape(part.get("text", ""))


def _classes(part: Mapping[str, Any] | None) -> Markup:
    classes = part.get("classes") if part else None
    return Markup(" {}").format(classes) if classes else Markup("")


def _attributes(attributes: Mapping[str, Any] | None) -> Markup:
    if not attributes:
        return Markup("")
    return Markup("").join(
        Markup(' {}="{}"').format(name, str(value).lower() if isinstance(value, bool) else value)
        for name, value in attributes.items())
