"""Charts as SVG built on the server, from the same rows as the table printed beside them.

No chart script and nothing fetched from another site: a chart is markup the page carries. Each
chart is an image with a title and a description for screen readers (`role="img"`,
`aria-labelledby`); the numbers themselves are in the data table the page shows beside it
(`templates/macros/charts.html`), so nothing is only in the picture. Colours come from the
GOV.UK palette and every bar also carries its value as text, so colour is never the only cue.

Pure functions: rows in, markup out. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import count

from markupsafe import Markup

# GOV.UK palette colours with at least 3:1 contrast against white.
PALETTE = ("#1d70b8", "#00703c", "#d4351c", "#f47738", "#4c2c92", "#6f72af", "#505a5f",
           "#912b88")

_ids = count(1)


@dataclass(frozen=True)
class Series:
    """One set of bars: a name for the legend and one value per category."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """A chart ready to show: its SVG, and the table and summary that say the same in words."""

    title: str
    svg: Markup
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    summary: str


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series], *,
              unit: str = "", summary: str = "") -> Chart:
    """Horizontal bars, one group per category, one bar per series in the group.

    The table beside it has a row per category and a column per series.
    """
    bar, gap, label_width, width = 18, 10, 190, 640
    plot = width - label_width - 60
    top = max([v for s in series for v in s.values] + [0]) or 1
    group = bar * len(series) + gap
    legend_height = 24 if len(series) > 1 else 0
    height = legend_height + group * len(categories) + gap
    ident = f"chart-{next(_ids)}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="100%" '
             f'aria-labelledby="{ident}-title {ident}-desc">',
             f'<title id="{ident}-title">{escape(title)}</title>',
             f'<desc id="{ident}-desc">{escape(summary or title)}</desc>']
    if len(series) > 1:
        x = label_width
        for index, item in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>')
            parts.append(f'<text x="{x + 20}" y="16" font-size="14">{escape(item.name)}</text>')
            x += 28 + 8 * len(item.name)
    for row, category in enumerate(categories):
        y = legend_height + row * group + gap
        parts.append(f'<text x="{label_width - 8}" y="{y + group / 2}" font-size="14" '
                     f'text-anchor="end">{escape(_shorten(category))}</text>')
        for index, item in enumerate(series):
            value = item.values[row]
            length = max(0.0, plot * value / top)
            colour = PALETTE[index % len(PALETTE)]
            bar_y = y + index * bar
            parts.append(f'<rect x="{label_width}" y="{bar_y}" width="{length:.1f}" '
                         f'height="{bar - 4}" fill="{colour}"/>')
            parts.append(f'<text x="{label_width + length + 6:.1f}" y="{bar_y + bar - 7}" '
                         f'font-size="13">{escape(_number(value))}{escape(unit)}</text>')
    parts.append("</svg>")
    headings = ("", *(item.name for item in series))
    rows = tuple((category, *(_number(item.values[i]) + unit for item in series))
                 for i, category in enumerate(categories))
    return Chart(title, Markup("".join(parts)), headings, rows, summary)  # noqa: S704  (escaped above)


@dataclass(frozen=True)
class Cell:
    """One cell of a grid chart: a short word shown in the cell, and its colour key."""

    text: str
    key: str


def grid_chart(title: str, row_names: Sequence[str], column_names: Sequence[str],
               cells: dict[tuple[int, int], Cell], colours: dict[str, str], *,
               summary: str = "") -> Chart:
    """A grid of rows by columns, each cell coloured by its key and labelled with its text
    (so the colour is never the only cue); an empty cell is blank. Use light fills: the
    text is dark."""
    cell_w, cell_h, label_width, head_height = 92, 26, 190, 70
    width = label_width + cell_w * len(column_names) + 10
    height = head_height + cell_h * len(row_names) + 10
    ident = f"chart-{next(_ids)}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="100%" '
             f'aria-labelledby="{ident}-title {ident}-desc">',
             f'<title id="{ident}-title">{escape(title)}</title>',
             f'<desc id="{ident}-desc">{escape(summary or title)}</desc>']
    for column, name in enumerate(column_names):
        x = label_width + column * cell_w + cell_w / 2
        parts.append(f'<text x="{x}" y="{head_height - 8}" font-size="12" '
                     f'text-anchor="middle">{escape(_shorten(name, 14))}</text>')
    for row, name in enumerate(row_names):
        y = head_height + row * cell_h
        parts.append(f'<text x="{label_width - 8}" y="{y + cell_h / 2 + 5}" font-size="13" '
                     f'text-anchor="end">{escape(_shorten(name))}</text>')
        for column in range(len(column_names)):
            cell = cells.get((row, column))
            x = label_width + column * cell_w
            fill = colours.get(cell.key, "#f3f2f1") if cell else "#f3f2f1"
            parts.append(f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" '
                         f'height="{cell_h - 2}" fill="{fill}"/>')
            if cell and cell.text:
                parts.append(f'<text x="{x + cell_w / 2}" y="{y + cell_h / 2 + 5}" '
                             f'font-size="12" text-anchor="middle" fill="#0b0c0c">'
                             f'{escape(_shorten(cell.text, 12))}</text>')
    parts.append("</svg>")
    headings = ("", *column_names)
    rows = tuple((name, *((cells[(r, c)].text if (r, c) in cells else "")
                          for c in range(len(column_names))))
                 for r, name in enumerate(row_names))
    return Chart(title, Markup("".join(parts)), headings, rows, summary)  # noqa: S704  (escaped above)


def _shorten(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else f"{text[:limit - 1]}…"
