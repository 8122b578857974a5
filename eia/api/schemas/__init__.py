"""The API's marshmallow schemas: what each request may carry and what each answer holds.

Requests are loaded with unknown fields refused (marshmallow's default), so a misspelt field
is a 422 naming it rather than a change silently not made. The fields of the canonical
document (`eia.document.fields`) are reused where they fit: strict JSON types, text kept
exactly as given, dates as YYYY-MM-DD. The OpenAPI document is generated from these same
schemas (`eia.api.spec`), so the reference and the checks cannot disagree.
"""
