"""Bring in the archive: read an assessment written in Word into the canonical document.

The public API is small:

- `read_docx(data, framework, templates=None, filename=...) -> ReadResult` reads a .docx
  file. It picks the template whose headings match best (`ReadResult.template_name` says
  which) and returns `.document`, the canonical JSON document of a record of the past
  (eia.document.schema, with its `historical` part), with every section left incomplete, the
  people as names without accounts, the original sign-off and the imported text in its
  historical part, and the file itself as its last source of evidence; `.imported_text`,
  everything it could not place (heading and text, word for word); `.mapping`, one
  `MappingEntry` per passage (source heading, target, words and text) for a page to show and
  a person to correct; `.sign_off`, the original sign-off as recorded; and `.placements`,
  what went into the document as the source wrote it.
- `apply_mapping(result.source, corrected, framework) -> ReadResult` places the same passages
  again, each where the corrected mapping says (a target from `all_targets(framework)`).
- `words_in_source(source)` and `words_in_result(result)` count the words in and out: equal
  when nothing is lost, which the reader guarantees.
- `load_templates(*folders)`: the templates are data (TOML files, see eia.archive.templates);
  an organisation adds its own template by adding a file.

A file that is not a Word document, or is too large, raises `DocumentUnreadable`; a template
file that cannot be used raises `TemplateError` (`Template.check(framework)` also says whether
every target exists: one that does not is passed over when reading, its headings kept as
imported text); a corrected mapping naming an unknown target raises `UnknownTarget`: all are
DomainErrors with a message fit for the user.
Nothing here touches the database or Flask.
"""

from eia.archive.placing import ImportedText, Placement, Signatory
from eia.archive.reader import (
    MappingEntry,
    ReadResult,
    apply_mapping,
    read_docx,
    words_in_result,
    words_in_source,
)
from eia.archive.source import DocumentUnreadable
from eia.archive.targets import IMPORTED, UnknownTarget, all_targets
from eia.archive.templates import Template, TemplateError, load_templates, parse_template

__all__ = [
    "IMPORTED",
    "DocumentUnreadable",
    "ImportedText",
    "MappingEntry",
    "Placement",
    "ReadResult",
    "Signatory",
    "Template",
    "TemplateError",
    "UnknownTarget",
    "all_targets",
    "apply_mapping",
    "load_templates",
    "parse_template",
    "read_docx",
    "words_in_result",
    "words_in_source",
]
