"""The README documents every setting the application reads."""

from pathlib import Path

from eia.config import SETTINGS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _documented_names() -> set[str]:
    """Names in the first cell of the README's table rows (a cell may name several)."""
    names = set()
    for line in README.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names.update(part.strip(" `") for part in first_cell.split(","))
    return names


def test_every_setting_has_a_row_in_the_readme_configuration_table():
    assert [s.name for s in SETTINGS if s.name not in _documented_names()] == []
