"""Static assets: pages link to them by a URL naming their content, which browsers may keep
for a year; the same file without that name is revalidated, so a deploy is never masked."""

from __future__ import annotations

import re

from tests.pages import parse


def test_the_stylesheet_named_by_its_content_is_cached_for_a_year(client):
    page = parse(client.get("/sign-in"))
    href = page.select_one("link[rel=stylesheet]")["href"]
    assert re.fullmatch(r"/assets/application\.css\?v=[0-9a-f]{12}", href), href
    named = client.get(href)
    assert named.status_code == 200
    assert named.cache_control.max_age == 31_536_000 and named.cache_control.immutable
    assert named.cache_control.public

    for stale in ("/assets/application.css", "/assets/application.css?v=000000000000"):
        answer = client.get(stale)
        assert answer.status_code == 200
        assert not answer.cache_control.immutable and answer.cache_control.max_age != 31_536_000


def test_the_script_and_icon_are_named_by_their_content_too(client):
    page = parse(client.get("/sign-in"))
    script = page.select_one("script[type=module]")["src"]
    icon = page.select_one("link[rel=icon]")["href"]
    for url in (script, icon):
        assert "?v=" in url, url
        assert client.get(url).cache_control.immutable


def test_the_script_imports_the_design_systems_by_its_content(client):
    """So the browser keeps it too, rather than asking for it again on every page."""
    page = parse(client.get("/sign-in"))
    script = client.get(page.select_one("script[type=module]")["src"]).get_data(as_text=True)
    imported = re.search(r'from "\./(govuk-frontend\.min\.js\?v=[0-9a-f]{12})"', script)
    assert imported, "the application script imports GOV.UK Frontend by another name"
    answer = client.get(f"/assets/{imported[1]}")
    assert answer.status_code == 200 and answer.cache_control.immutable
