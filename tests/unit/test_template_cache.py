"""Compiled templates are kept on disk for the next process, and the cache never fails a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader
from jinja2.bccache import bc_magic

from eia.template_cache import CompiledTemplates


class CountingEnvironment(Environment):
    """A Jinja environment that counts the templates it compiles from source."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.compiled = 0

    def compile(self, *args, **kwargs):
        self.compiled += 1
        return super().compile(*args, **kwargs)


@pytest.fixture
def templates(tmp_path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("Hello, {{ who }}")
    return folder


def new_process(templates: Path, cache: Path) -> CountingEnvironment:
    """What a new worker has: an environment of its own, sharing the cache folder."""
    return CountingEnvironment(loader=FileSystemLoader(templates),
                               bytecode_cache=CompiledTemplates(cache))


def cached_files(cache: Path) -> list[Path]:
    return sorted(path for path in cache.iterdir() if path.suffix == ".cache")


def drawn_in_a_new_process(templates: Path, cache: Path, who: str) -> tuple[str, int]:
    """The page a new process draws for `who`, and how many templates it compiled to do so."""
    environment = new_process(templates, cache)
    return environment.get_template("page.html").render(who=who), environment.compiled


def test_a_template_compiled_by_one_process_is_read_by_the_next(templates, tmp_path):
    cache = tmp_path / "cache" / "templates"
    assert drawn_in_a_new_process(templates, cache, "Priya") == ("Hello, Priya", 1)
    assert len(cached_files(cache)) == 1
    assert drawn_in_a_new_process(templates, cache, "Tom") == ("Hello, Tom", 0)


def test_an_edited_template_is_compiled_again(templates, tmp_path):
    cache = tmp_path / "cache"
    drawn_in_a_new_process(templates, cache, "Priya")
    (templates / "page.html").write_text("Goodbye, {{ who }}")
    assert drawn_in_a_new_process(templates, cache, "Priya") == ("Goodbye, Priya", 1)


def test_a_damaged_file_is_compiled_again_and_replaced(templates, tmp_path):
    cache = tmp_path / "cache"
    drawn_in_a_new_process(templates, cache, "Priya")
    [kept] = cached_files(cache)
    whole = kept.read_bytes()
    kept.write_bytes(whole[:len(bc_magic) + 2])  # cut inside the source's checksum
    assert drawn_in_a_new_process(templates, cache, "Tom") == ("Hello, Tom", 1)
    assert kept.read_bytes() == whole


def test_a_cache_that_cannot_be_written_still_draws_the_page(templates, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    assert drawn_in_a_new_process(templates, blocked / "templates", "Priya") == \
        ("Hello, Priya", 1)
    assert blocked.read_text() == "a file where the cache folder would go"


def test_the_application_keeps_its_compiled_pages_in_the_instance_folder(app):
    cache = app.jinja_env.bytecode_cache
    assert isinstance(cache, CompiledTemplates)
    assert cache.folder == Path(app.instance_path) / "cache" / "templates"  # docs/deploy.md
    name = "base.html"
    app.jinja_env.get_template(name)
    source, filename, _ = app.jinja_env.loader.get_source(app.jinja_env, name)
    bucket = cache.get_bucket(app.jinja_env, name, filename, source)
    assert bucket.code is not None
