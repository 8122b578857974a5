"""Due Regard: the application factory."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from eia import (
    api,
    assets,
    cli,
    errors,
    metrics,
    models,  # noqa: F401  (registers every table with the metadata)
    security,
    template_helpers,
)
from eia.config import load_settings
from eia.converters import SlugConverter
from eia.database import configure_engine
from eia.extensions import csrf, db, limiter, login_manager, migrate
from eia.jinja_environment import DueRegardFlask
from eia.services import frameworks
from eia.services.training import library as scenario_library
from eia.template_cache import CompiledTemplates
from eia.views import (
    account,
    admin,
    assessments,
    auth,
    insights,
    main,
    monitoring,
    public,
    register,
    review,
    signoff,
    staff_register,
)

# Aliased: a bare `training` or `archive` here would hide the `eia.training` or `eia.archive`
# package behind the views.
from eia.views import archive as archive_views
from eia.views import training as training_views

ROOT = Path(__file__).resolve().parent.parent
FORM_ALLOWANCE_BYTES = 64 * 1024


def create_app(overrides: dict | None = None) -> Flask:
    """Build the application. `overrides` replaces settings (tests use it)."""
    app = DueRegardFlask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder="static",
        static_url_path="/assets",
    )
    app.config.update(load_settings(app.instance_path))
    app.config.update(overrides or {})
    # The request body may be the largest file plus the rest of its form, and no more: a bigger
    # body is refused before it is read.
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_UPLOAD_BYTES"] + FORM_ALLOWANCE_BYTES
    logging.basicConfig(level=app.config["LOG_LEVEL"])
    if app.config.get("PROXY_COUNT"):
        # Behind reverse proxies: the client's address and scheme as they report them, from
        # as many hops as there are proxies (a client cannot add a trusted hop of its own).
        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    metrics.init_app(app)  # first, so that a request's time includes every guard's

    app.url_map.converters["slug"] = SlugConverter
    _init_templates(app)
    _init_extensions(app)
    frameworks.init_app(app)
    scenario_library.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    cli.init_app(app)
    return app


def cache_folder(app: Flask, name: str) -> Path:
    """Where processes keep what each would otherwise make again as it starts (`name`: the
    typeface, the compiled templates); safe to delete (docs/deploy.md)."""
    return Path(app.instance_path) / "cache" / name


def _init_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            app.jinja_loader,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.bytecode_cache = CompiledTemplates(cache_folder(app, "templates"))
    WTFormsHelpers(app)
    template_helpers.init_app(app)
    assets.init_app(app)


def _sqlite_page_limit(app: Flask) -> Callable[[], int] | None:
    """SQLITE_MAX_PAGES, a setting that only tests give (never the environment): the size of
    a full disk, which a test may raise while the application runs."""
    if "SQLITE_MAX_PAGES" not in app.config:
        return None
    return lambda: app.config["SQLITE_MAX_PAGES"]


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine, page_limit=_sqlite_page_limit(app))
    # Batch mode lets later migrations alter SQLite tables (SQLite has little ALTER TABLE).
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), compare_type=True,
                     render_as_batch=True)
    login_manager.init_app(app)
    login_manager.session_protection = None  # the session epoch does this job, across devices
    csrf.init_app(app)
    limiter.init_app(app)


def _register_blueprints(app: Flask) -> None:
    for module in (public, monitoring, auth, main, account, admin, archive_views, assessments,
                   review, signoff, register, staff_register, insights, api, training_views):
        app.register_blueprint(module.bp)
