"""The public verification page: a reference and fingerprint typed from paper, or the PDF.

Typed fingerprints are forgiven spaces, line breaks and capitals, but the field keeps what was
typed so that an error can be corrected in place. The uploaded PDF is read here, as field-level
validation, so that a file that cannot be checked is reported on the file field.
"""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import ValidationError

from eia.pdf.fingerprint import (
    PrintedFingerprint,
    UnreadablePdf,
    printed_fingerprint,
)
from eia.uploads import megabytes
from forms.fields import at_most, required, stripped, upload_limit

FINGERPRINT_CHARS = 64
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def normal_reference(text: str | None) -> str:
    """`eia - 2026 - 0042`, or with typographic dashes, as `EIA-2026-0042`."""
    return _DASHES.sub("-", "".join((text or "").split())).upper()


def normal_fingerprint(text: str | None) -> str:
    """The fingerprint without the spaces and line breaks of a copy typed from paper."""
    return "".join((text or "").split()).lower()


def fingerprint_format(form, field) -> None:
    value = normal_fingerprint(field.data)
    if not value:
        return
    if re.fullmatch(r"[0-9a-f]*", value) is None:
        raise ValidationError("The fingerprint can only contain the numbers 0 to 9 and the "
                              "letters a to f")
    if len(value) != FINGERPRINT_CHARS:
        raise ValidationError(f"The fingerprint must be {FINGERPRINT_CHARS} characters long, "
                              f"not counting spaces (you entered {len(value)})")


class FingerprintForm(FlaskForm):
    reference = StringField(
        "Reference",
        description="At the top of every page of the assessment. For example, EIA-2026-0042.",
        widget=GovTextInput(), filters=[stripped],
        validators=[required("Enter the reference"), at_most(40, "The reference")],
    )
    fingerprint = TextAreaField(
        "Fingerprint",
        description="The 64 numbers and letters under ‘Fingerprint of this version’ in the "
                    "sign-off section. Spaces and capital letters do not matter.",
        widget=GovTextArea(), filters=[stripped],
        validators=[required("Enter the fingerprint"), at_most(400, "The fingerprint"),
                    fingerprint_format],
    )
    check_fingerprint = SubmitField("Check the fingerprint", widget=GovSubmitInput())

    def typed(self) -> PrintedFingerprint:
        return PrintedFingerprint(normal_reference(self.reference.data),
                                  normal_fingerprint(self.fingerprint.data))


class PdfForm(FlaskForm):
    pdf = FileField(
        "Upload the PDF", widget=GovFileInput(),
        validators=[FileRequired("Select the PDF of the assessment")],
    )
    check_pdf = SubmitField("Check the PDF", widget=GovSubmitInput())

    # Set by validation when the PDF names a reference and fingerprint.
    found: PrintedFingerprint | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pdf.description = ("The PDF of the assessment, as you were sent it or downloaded "
                                f"it. It must be smaller than {megabytes(upload_limit())}.")

    def validate_pdf(self, field) -> None:
        # Read one byte more than allowed so that an oversized file is recognised as one.
        limit = upload_limit()
        content = field.data.stream.read(limit + 1)
        try:
            self.found = printed_fingerprint(content, max_bytes=limit)
        except UnreadablePdf as error:
            raise ValidationError(str(error)) from error
