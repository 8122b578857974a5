"""Template globals answer Jinja as its own ChainMap does, with their names as a set."""

from collections import ChainMap

from jinja2 import DictLoader

from eia.jinja_environment import DueRegardEnvironment, TemplateGlobals


def test_template_globals_look_up_and_list_names_as_jinjas_chainmap_does():
    environment = {"service_name": "Due Regard", "status_tag": len}
    own = {"service_name": "Due Regard (training)"}
    globals_, chain = TemplateGlobals(own, environment), ChainMap(own, environment)
    assert globals_.keys() == set(chain.keys()) == {"service_name", "status_tag"}
    assert globals_["service_name"] == chain["service_name"] == "Due Regard (training)"
    assert dict(globals_) == dict(chain)
    environment["asset_url"] = str  # added after the template was loaded: seen at once
    assert globals_.keys() == {"service_name", "status_tag", "asset_url"}
    assert globals_["asset_url"] is str


def test_a_macro_importing_another_template_sees_the_environments_globals(app):
    environment = DueRegardEnvironment(app, loader=DictLoader({
        "name.html": "{% macro name(who) %}{{ greeting }}, {{ who }}{% endmacro %}",
        "page.html": ("{% macro card(who) %}{% from 'name.html' import name %}"
                      "[{{ name(who) }}]{% endmacro %}{{ card('Priya') }}{{ card('Tom') }}"),
    }))
    environment.globals["greeting"] = "Hello"
    page = environment.get_template("page.html")
    assert isinstance(page.globals, TemplateGlobals)
    assert page.render() == "[Hello, Priya][Hello, Tom]"


def test_the_application_draws_its_pages_with_it(app):
    assert isinstance(app.jinja_env, DueRegardEnvironment)
    assert isinstance(app.jinja_env.get_template("base.html").globals, TemplateGlobals)
