"""Word documents written in the tests with python-docx, like the templates councils and NHS
trusts use. A `Sample` remembers every piece of body text it writes (headings and row labels
apart), so that a test knows how many words went in without asking the reader.
"""

from __future__ import annotations

import io
import re

import docx
from docx.oxml import parse_xml

NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


class Sample:
    def __init__(self) -> None:
        self.document = docx.Document()
        self.body: list[str] = []
        # The header rows of its tables: body text, but names of columns, not values.
        self.column_headings: list[str] = []

    def title(self, text: str) -> Sample:
        self.document.add_heading(text, level=0)
        return self

    def heading(self, text: str, level: int = 1) -> Sample:
        self.document.add_heading(text, level=level)
        return self

    def bold_heading(self, text: str) -> Sample:
        self.document.add_paragraph().add_run(text).bold = True
        return self

    def paragraph(self, text: str) -> Sample:
        self.document.add_paragraph(text)
        self.body.append(text)
        return self

    def labelled(self, label: str, text: str) -> Sample:
        """A "Label: text" line; the label is a heading, the text is body."""
        self.document.add_paragraph(f"{label}: {text}")
        self.body.append(text)
        return self

    def xml(self, fragment: str, shows: str) -> Sample:
        """A block of WordprocessingML (`{ns}` for its namespaces) that Word shows as `shows`."""
        self.document.element.body.sectPr.addprevious(parse_xml(fragment.format(ns=NAMESPACES)))
        self.body.append(shows)
        return self

    def table(self, *rows: tuple[str, ...]) -> Sample:
        """A table whose every cell is body text (the first row its column headings)."""
        self._add_table(rows)
        self.body += [cell for row in rows for cell in row]
        self.column_headings += rows[0]
        return self

    def labelled_table(self, *rows: tuple[str, ...]) -> Sample:
        """A table of labels and values: the first cell of each row is a heading."""
        self._add_table(rows)
        self.body += [cell for row in rows for cell in row[1:]]
        return self

    def _add_table(self, rows) -> None:
        table = self.document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
        for cells, row in zip(table.rows, rows, strict=True):
            for cell, text in zip(cells.cells, row, strict=False):
                cell.text = text

    @property
    def words(self) -> int:
        return sum(words(text) for text in self.body)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


LOCAL_HISTORY = ("The library service was founded in 1921 and the mobile library has served "
                 "the villages since 1958.")
GUIDANCE = "Please read the equality analysis guidance before completing this form."
INTRODUCTION = "This form must be completed for every new or revised policy."


def council_sample() -> Sample:
    """A county library strategy in a typical English council template."""
    return (
        Sample()
        .title("Equality Impact Assessment")
        .paragraph(INTRODUCTION)
        .heading("Section 1: Details")
        .labelled_table(
            ("Title of policy", "Library strategy 2014 to 2019"),
            ("Directorate", "Communities and Place"),
            ("Lead officer", "Jane Smith, Head of Libraries"),
            ("Date of assessment", "3rd March 2014"),
            ("Decision maker", "Cabinet Member for Communities"),
            ("Funding stream", "Council tax and library fines"),
        )
        .heading("2. Purpose of the policy:")
        .paragraph("To modernise the county's libraries within a reduced budget.")
        .paragraph("Twelve branch libraries would become community-run.")
        .heading("Who is affected?")
        .paragraph("Library users, especially older people, children and disabled people.")
        .heading("Evidence used")
        .table(
            ("Source", "What does it tell you", "Date"),
            ("Library user survey", "Older people are 40% of visitors.", "2013"),
            ("Census 2011", "The county's population is ageing.", "2011"),
            ("", "A note with no source.", ""),
        )
        .heading("Consultation and engagement")
        .table(
            ("Who was consulted", "Date", "Method", "What did they say", "What changed"),
            ("Library users", "12 May 2014", "Survey",
             "Keep the mobile library.", "The mobile library was kept."),
        )
        .heading("Impact on protected characteristics")
        .heading("Age", level=2)
        .paragraph("Older people use the mobile library most and would lose it.")
        .heading("Disability (including mental health)", level=2)
        .paragraph("Community-run libraries may not have hearing loops.")
        .heading("Race", level=2)
        .paragraph("No differential impact identified.")
        .heading("Carers", level=2)
        .paragraph("Carers value the longer opening hours at the central library.")
        .heading("Local history")
        .paragraph(LOCAL_HISTORY)
        .heading("Action plan")
        .table(
            ("Action", "Lead", "Timescale", "Outcome"),
            ("Fit hearing loops in every community library", "Library manager",
             "31/03/2015", "Loops in every library"),
        )
        .heading("Review date")
        .paragraph("1 March 2015")
        .heading("Sign off")
        .table(
            ("Name", "Role", "Date", "Decision"),
            ("Tom Brown", "Departmental Equality Group", "14 April 2014", "Approved"),
        )
    )


def nhs_sample() -> Sample:
    """A virtual wards service in a typical NHS trust equality analysis."""
    return (
        Sample()
        .paragraph(GUIDANCE)
        .labelled("Name of the policy, service or function", "Virtual wards for frailty")
        .labelled("Directorate", "Medicine and Urgent Care")
        .bold_heading("Aim of the policy")
        .paragraph("To treat frail patients at home instead of in hospital.")
        .bold_heading("Who will be affected")
        .paragraph("Patients aged 65 and over, their carers and community nursing staff.")
        .bold_heading("What evidence has been considered")
        .paragraph("Admissions data for 2023 showed 4,100 frailty admissions.")
        .heading("Equality analysis")
        .labelled_table(
            ("Protected characteristic", "Impact"),
            ("Age", "Older patients benefit from care at home."),
            ("Disability", "Patients need a working telephone or tablet."),
            ("Sex", "Most unpaid carers are women."),
        )
        .bold_heading("Health inequalities")
        .paragraph("Patients without broadband are offered a loaned tablet.")
        .bold_heading("Summary of analysis")
        .paragraph("Positive overall, with digital exclusion addressed.")
        .bold_heading("Action plan")
        .table(
            ("Action required", "Responsible lead", "Completion date", "Protected characteristic"),
            ("Offer loaned tablets with data", "Digital lead", "30 June 2024",
             "Age, Disability"),
        )
        .bold_heading("Review date")
        .paragraph("Within a year, or earlier if required")
    )
