"""The GOV.UK character count's HTML, written directly for the text areas this service draws.

Rendering the Design System's `govukCharacterCount` macro costs about two milliseconds of
processor time per text area (it calls the textarea, label, hint, error message and attribute
macros in turn), and question pages carry one to three of them on every request. `html_of`
writes the same HTML, character for character, for the parameters Due Regard's fields pass: a
label with classes, a plain-text hint, an error message, a value, a character limit, rows,
classes, spellcheck and string attributes. For any other parameter it returns None and the
caller renders the macro. `tests/unit/test_character_count.py` compares the two.
"""

from __future__ import annotations

from collections.abc import Mapping

from jinja2.filters import do_indent
from markupsafe import Markup, escape

# What `html_of` writes for itself; any other key of the macro's parameters means the macro.
_PARAMS = frozenset({"id", "name", "label", "attributes", "hint", "value", "errorMessage",
                     "maxlength", "rows", "classes", "spellcheck"})
_LABEL = frozenset({"text", "classes"})
_TEXT = frozenset({"text"})


def html_of(params: Mapping) -> Markup | None:
    """The macro's HTML for `params`, or None when they ask for what is not written here."""
    if not _supported(params):
        return None
    field_id = params.get("id") or params["name"]
    label, hint, error = params["label"], params.get("hint"), params.get("errorMessage")
    described_by = f"{field_id}-info"
    parts = [_block(f'<label class="govuk-label{_more(label.get("classes"))}" '
                    f'for="{escape(field_id)}">\n  {escape(label["text"])}\n</label>')]
    if hint:
        described_by += f" {field_id}-hint"
        parts.append(_block(f'<div id="{escape(field_id)}-hint" class="govuk-hint">\n'
                            f'  {escape(hint["text"])}\n</div>'))
    if error:
        described_by += f" {field_id}-error"
        parts.append(_block(f'<p id="{escape(field_id)}-error" class="govuk-error-message">\n'
                            f'  <span class="govuk-visually-hidden">Error:</span> '
                            f'{escape(error["text"])}\n</p>'))
    spellcheck = params.get("spellcheck")
    attributes = "".join(f' {escape(name)}="{escape(value)}"'
                         for name, value in (params.get("attributes") or {}).items())
    parts.append(
        f'<textarea class="govuk-textarea{" govuk-textarea--error" if error else ""}'
        f' govuk-js-character-count{_more(params.get("classes"))}" id="{escape(field_id)}"'
        f' name="{escape(params["name"])}" rows="{escape(params.get("rows") or 5)}"'
        + (f' spellcheck="{str(spellcheck).lower()}"' if spellcheck is not None else "")
        + f' aria-describedby="{escape(described_by)}"{attributes}>'
        f'{escape(params.get("value", ""))}</textarea>')
    parts.append(_block(f'<div id="{escape(field_id)}-info" class="govuk-hint '
                        f'govuk-character-count__message">\n  You can enter up to '
                        f'{escape(params["maxlength"])} characters\n</div>'))
    error_class = " govuk-form-group--error" if error else ""
    inner = "\n".join(f"  {part}" for part in parts)
    html = (f'<div class="govuk-form-group{error_class} govuk-character-count" '
            f'data-module="govuk-character-count" '
            f'data-maxlength="{escape(params["maxlength"])}">\n{inner}\n</div>\n')
    return Markup(html)  # noqa: S704  (every value in it is escaped above)


def _supported(params: Mapping) -> bool:
    label, hint, error = params.get("label"), params.get("hint"), params.get("errorMessage")
    return (params.keys() <= _PARAMS and bool(params.get("name"))
            and isinstance(params.get("maxlength"), int)
            and isinstance(label, Mapping) and label.keys() <= _LABEL and bool(label.get("text"))
            and (not hint or (isinstance(hint, Mapping) and hint.keys() <= _TEXT))
            and (not error or (isinstance(error, Mapping) and error.keys() <= _TEXT))
            and params.get("spellcheck") in (None, True, False)
            and all(isinstance(value, str) for value in (params.get("attributes") or {}).values()))


def _more(classes: str | None) -> str:
    """Classes after a component's own: a space first, or nothing when there are none."""
    return f" {escape(classes)}" if classes else ""


def _block(html: str) -> str:
    """A nested macro's output as the textarea macro places it: trimmed, and every line after
    the first indented by two spaces (Jinja's `trim | indent(2)`, blank lines left alone)."""
    return do_indent(html.strip(), 2)
