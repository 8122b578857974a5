"""A strict reader of the Prometheus text format (version 0.0.4), for tests of `/metrics`.

It refuses what Prometheus would refuse (a malformed line, a label value badly escaped, a sample
whose family has no TYPE, a family typed twice) and checks each histogram: cumulative buckets
that end at +Inf and agree with `_count`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
SAMPLE = re.compile(rf"^({NAME})(?:\{{(.*)\}})? (\S+)(?: -?\d+)?$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)')
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def _labels(text: str) -> frozenset[tuple[str, str]]:
    labels, position = {}, 0
    while position < len(text):
        match = LABEL.match(text, position)
        assert match, f"bad labels at {text[position:]!r}"
        value = re.sub(r"\\(.)", lambda m: {"n": "\n"}.get(m[1], m[1]), match[2])
        assert match[1] not in labels, f"label {match[1]} given twice"
        labels[match[1]] = value
        position = match.end()
    return frozenset(labels.items())


def _family(name: str, types: dict[str, str]) -> str:
    for suffix in HISTOGRAM_SUFFIXES:
        base = name.removesuffix(suffix)
        if base != name and types.get(base) == "histogram":
            return base
    return name


def parse(text: str) -> Samples:
    """Every sample in `text` by (name, labels), after checking the text as described above."""
    assert text.endswith("\n"), "the exposition must end with a line feed"
    types: dict[str, str] = {}
    samples: Samples = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            parts = line.split(" ", 3)
            if len(parts) >= 3 and parts[1] == "TYPE":
                assert parts[2] not in types, f"{parts[2]} typed twice"
                assert len(parts) == 4 and parts[3] in TYPES, f"bad TYPE line {line!r}"
                types[parts[2]] = parts[3]
            continue
        match = SAMPLE.match(line)
        assert match, f"not a sample line: {line!r}"
        name, labels, value = match[1], _labels(match[2] or ""), match[3]
        assert _family(name, types) in types, f"{name} has no TYPE before it"
        key = (name, labels)
        assert key not in samples, f"{line!r} repeats a sample"
        samples[key] = math.inf if value == "+Inf" else float(value)
    _check_histograms(samples, types)
    return samples


def _check_histograms(samples: Samples, types: dict[str, str]) -> None:
    for family in (name for name, kind in types.items() if kind == "histogram"):
        series: dict[frozenset, list[tuple[float, float]]] = defaultdict(list)
        for (name, labels), value in samples.items():
            if name == f"{family}_bucket":
                bound = dict(labels)["le"]
                rest = frozenset(item for item in labels if item[0] != "le")
                series[rest].append((math.inf if bound == "+Inf" else float(bound), value))
        for labels, buckets in series.items():
            buckets.sort()
            counts = [count for _, count in buckets]
            assert counts == sorted(counts), f"{family} {dict(labels)}: buckets not cumulative"
            assert buckets[-1][0] == math.inf, f"{family} {dict(labels)}: no +Inf bucket"
            assert samples[(f"{family}_count", labels)] == counts[-1]
            assert (f"{family}_sum", labels) in samples


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sample `name` with exactly these labels; 0 when there is none yet (a counter or
    bucket that has not been touched)."""
    return samples.get((name, frozenset(labels.items())), 0.0)
