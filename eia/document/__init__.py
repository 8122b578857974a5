"""The canonical JSON document of an assessment version: its marshmallow schema.

`flask eia export` and `import`, the sign-off fingerprint and the JSON API all read and write
this one document. Schemas check shapes and values only; they never query the database.
"""
