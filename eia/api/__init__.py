"""The JSON API: its blueprint, the marshmallow schemas of what it reads and writes, and the
OpenAPI document.

`eia.api.schemas` defines the canonical JSON document of an assessment version, which the
`flask eia export` and `import` commands (and, later, the API) read and write. Schemas check
shapes and values only; they never query the database.
"""
