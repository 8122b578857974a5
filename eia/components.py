"""GOV.UK Design System components that pages render many times, built in Python.

The Design System's Jinja macros are general (every option, indentation filters on every piece
of nested HTML) and, called in loops, they were the largest part of rendering check your answers,
the task list and the review pages. `summary_list` takes the same parameters as
`govukSummaryList` for the options Due Regard uses (rows with key, value, classes and actions;
a card with a title and actions; classes and attributes on the list) and gives the same
elements, classes and text, so a page looks and reads the same to every user and assistive
technology (`tests/unit/test_components.py` compares the two). Text is escaped; `html` is
trusted, as in the macro.

`tag` does the same for `govukTag` (text or html, classes, attributes), which a register or a
cohort draws once a row.

The HTML is joined as plain strings, every value passing through `_text` (escaped) or
`_content` (a part's trusted `html` or its escaped `text`), and marked safe once at the end:
`Markup.format` escapes through `string.Formatter`, which cost more than the rest of the
component on a long page.
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
    parts = [f'<dl class="govuk-summary-list{_classes(params)}"'
             f'{_attributes(params.get("attributes"))}>']
    parts.extend(_row(row, any_actions, card_title) for row in rows)
    parts.append("</dl>")
    summary = "\n".join(parts)
    # Every piece above was escaped or is the caller's trusted `html`.
    return Markup(_card(card, summary) if card else summary)  # noqa: S704


def tag(params: Mapping[str, Any]) -> Markup:
    html = params.get("html")
    # Trimmed and indented as the macro does with its `html`; `text` escaped.
    content = str(html).strip().replace("\n", "\n  ") if html else _text(params.get("text"))
    # `content` was escaped or is the caller's trusted `html`.
    return Markup(f'<strong class="govuk-tag{_classes(params)}"'  # noqa: S704
                  f'{_attributes(params.get("attributes"))}>\n  {content}\n</strong>')


def _row(row: Mapping[str, Any], any_actions: bool, card_title) -> str:
    items = _action_items(row)
    classes = " govuk-summary-list__row--no-actions" if any_actions and not items else ""
    key, value = row.get("key"), row.get("value")
    parts = [
        f'<div class="govuk-summary-list__row{classes}{_classes(row)}">',
        f'<dt class="govuk-summary-list__key{_classes(key)}">{_content(key)}</dt>',
        f'<dd class="govuk-summary-list__value{_classes(value)}">{_content(value)}</dd>',
    ]
    if items:
        links = _actions(items, card_title, "govuk-summary-list__actions-list",
                         "govuk-summary-list__actions-list-item")
        parts.append(f'<dd class="govuk-summary-list__actions{_classes(row["actions"])}">'
                     f'{links}</dd>')
    parts.append("</div>")
    return "\n".join(parts)


def _card(card: Mapping[str, Any], summary: str) -> str:
    title = card.get("title")
    heading = ""
    if title:
        level = int(title.get("headingLevel") or 2)
        heading = (f'<h{level} class="govuk-summary-card__title{_classes(title)}">'
                   f'{_content(title)}</h{level}>')
    items = (card.get("actions") or {}).get("items") or []
    actions = ""
    if items:
        links = _actions(items, title, "", "govuk-summary-card__action")
        element = "div" if len(items) == 1 else "ul"
        actions = (f'<{element} class="govuk-summary-card__actions{_classes(card["actions"])}">'
                   f'{links}</{element}>')
    return (f'<div class="govuk-summary-card{_classes(card)}"'
            f'{_attributes(card.get("attributes"))}>\n'
            f'<div class="govuk-summary-card__title-wrapper">{heading}{actions}</div>\n'
            f'<div class="govuk-summary-card__content">{summary}</div>\n</div>')


def _actions(items: list, card_title, list_class: str, item_class: str) -> str:
    """The action links; `list_class` and `item_class` are this module's own class names."""
    if len(items) == 1:
        return _action_link(items[0], card_title)
    listed = "".join(f'<li class="{item_class}">{_action_link(item, card_title)}</li>'
                     for item in items)
    # A card's several actions are its own list; a row's sit in a list inside the cell.
    return f'<ul class="{list_class}">{listed}</ul>' if list_class else listed


def _action_link(action: Mapping[str, Any], card_title) -> str:
    hidden = ""
    if action.get("visuallyHiddenText") or card_title:
        words = ""
        if action.get("visuallyHiddenText"):
            words += f" {_text(action['visuallyHiddenText'])}"
        if card_title:
            words += f" ({_content(card_title)})"
        hidden = f'<span class="govuk-visually-hidden">{words}</span>'
    return (f'<a class="govuk-link{_classes(action)}" href="{_text(action.get("href", ""))}"'
            f'{_attributes(action.get("attributes"))}>{_content(action)}{hidden}</a>')


def _action_items(row: Mapping[str, Any]) -> list:
    actions = row.get("actions")
    return list(actions.get("items") or ()) if actions else []


def _text(value: Any) -> str:
    """A value as HTML: escaped, unless it is already markup."""
    return str(escape(value))


def _content(part: Mapping[str, Any] | None) -> str:
    """A part's `html` (trusted, trimmed as the macro does) or its `text` (escaped)."""
    if not part:
        return ""
    if part.get("html"):
        # `html` is the caller's markup, trusted as the Design System's macro trusts it.
        return str(part["html"]).strip()
    return _text(part.get("text", ""))


def _classes(part: Mapping[str, Any] | None) -> str:
    classes = part.get("classes") if part else None
    return f" {_text(classes)}" if classes else ""


def _attributes(attributes: Mapping[str, Any] | None) -> str:
    if not attributes:
        return ""
    return "".join(
        f' {_text(name)}="{_text(str(value).lower() if isinstance(value, bool) else value)}"'
        for name, value in attributes.items())
