"""Charts: SVG a screen reader can name, the same figures as the table, every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eia.charts import Cell, Series, bar_chart, grid_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_names_itself_and_matches_its_table():
    chart = bar_chart("Satisfaction by session", ["March", "April"],
                      [Series("Average", (3.5, 4.0)), Series("Answers", (12, 9))],
                      summary="April scored higher than March.")
    root = ET.fromstring(str(chart.svg))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Satisfaction by session"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.find(f"{SVG}desc").text == "April scored higher than March."
    assert chart.headings == ("", "Average", "Answers")
    assert chart.rows == (("March", "3.5", "12"), ("April", "4", "9"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for value in ("3.5", "4", "12", "9"):
        assert value in texts  # every bar says its value in words, not only by length
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("x") == "190"]
    assert max(widths) == widths[2]  # the largest value has the longest bar


def test_text_in_a_chart_is_escaped():
    chart = bar_chart('<script>alert("x")</script>', ["<b>&"], [Series("s", (1,))])
    assert "<script>" not in str(chart.svg)
    root = ET.fromstring(str(chart.svg))  # still well-formed
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script>'


def test_a_grid_chart_labels_every_coloured_cell():
    chart = grid_chart("Groups hit by more than one proposal", ["Age", "Disability"],
                       ["EIA-1", "EIA-2"],
                       {(0, 0): Cell("Negative", "negative"), (1, 1): Cell("Not known", "nk")},
                       {"negative": "#f6d7d2", "nk": "#fff2d3"})
    assert chart.rows == (("Age", "Negative", ""), ("Disability", "", "Not known"))
    root = ET.fromstring(str(chart.svg))
    fills = {r.get("fill") for r in root.iter(f"{SVG}rect")}
    assert {"#f6d7d2", "#fff2d3"} <= fills
    assert {"Negative", "Not known"} <= {t.text for t in root.iter(f"{SVG}text")}
