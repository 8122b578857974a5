"""Static assets with long cache lifetimes: each page links to an asset by a URL that names
its content (`?v=` and the first characters of its SHA-256), so a browser may keep it for a
year and still fetches the new file the moment a deploy changes it.

An asset requested with the fingerprint of what is on disk is marked immutable for a year;
one requested without it (or with an old one) keeps Flask's default: revalidate each time.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, Response, current_app, request, url_for

ONE_YEAR = 365 * 24 * 60 * 60


def _fingerprint(folder: str, filename: str) -> str:
    path = Path(folder) / filename
    try:
        modified = path.stat().st_mtime_ns
    except OSError:  # not built: the link is left plain and the asset answers 404
        return ""
    # Each file is hashed once per process and modification time: a request costs one stat,
    # and an asset rebuilt under a running development server gets its new name at once.
    return _content_hash(path, modified)


@cache
def _content_hash(path: Path, _modified: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def asset_url(filename: str) -> str:
    fingerprint = _fingerprint(current_app.static_folder, filename)
    return url_for("static", filename=filename, **({"v": fingerprint} if fingerprint else {}))


def _cache_fingerprinted(response: Response) -> Response:
    if request.endpoint != "static" or response.status_code != 200:
        return response
    filename = (request.view_args or {}).get("filename", "")
    given = request.args.get("v")
    if given and given == _fingerprint(current_app.static_folder, filename):
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    return response


def init_app(app: Flask) -> None:
    app.jinja_env.globals["asset_url"] = asset_url
    app.after_request(_cache_fingerprinted)
