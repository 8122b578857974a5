"""URL converters: framework ids are snake_case, URLs are kebab-case."""

from werkzeug.routing import BaseConverter


class SlugConverter(BaseConverter):
    """`impact_by_group` in code is `impact-by-group` in the address bar."""

    regex = r"[a-z0-9]+(?:-[a-z0-9]+)*"

    def to_python(self, value: str) -> str:
        return value.replace("-", "_")

    def to_url(self, value: str) -> str:
        return value.replace("_", "-")
