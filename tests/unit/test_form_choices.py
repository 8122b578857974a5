"""Every radio and select that checks its choice says what to choose when the choice that comes
back was not offered (a page left open while its choices changed, or an altered one), and a
required one says the same as when nothing was chosen."""

import importlib
import inspect
import pkgutil

from wtforms import Form, SelectField, SelectMultipleField
from wtforms.fields.core import UnboundField
from wtforms.validators import InputRequired

import forms


def _choice_fields():
    for module_info in pkgutil.iter_modules(forms.__path__):
        module = importlib.import_module(f"forms.{module_info.name}")
        for form_name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, Form) or form.__module__ != module.__name__:
                continue
            for name, field in inspect.getmembers(form, lambda v: isinstance(v, UnboundField)):
                if (issubclass(field.field_class, SelectField)
                        and not issubclass(field.field_class, SelectMultipleField)
                        and field.kwargs.get("validate_choice", True)):
                    yield f"{module.__name__}.{form_name}.{name}", field


def test_the_forms_have_radios_and_selects_to_check():
    assert len(list(_choice_fields())) > 30


def test_a_choice_not_offered_is_told_what_to_choose():
    unexplained = [where for where, field in _choice_fields()
                   if not field.kwargs.get("invalid_choice_message")]
    assert unexplained == []


def test_a_required_choice_says_the_same_whether_nothing_or_something_unoffered_came_back():
    different = []
    for where, field in _choice_fields():
        required = [v.message for v in field.kwargs.get("validators") or ()
                    if isinstance(v, InputRequired)]
        if required and required != [field.kwargs["invalid_choice_message"]]:
            different.append(where)
    assert different == []
