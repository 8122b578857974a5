"""Time the PDF builder on the complete demo assessment and on a stress assessment.

Run from the project folder:

    .venv/bin/python bench/pdf.py [--runs 15] [--keep DIR]

It makes a throwaway SQLite database in a temporary folder (never instance/), migrates it,
loads the demo data, and adds a stress assessment: every group switched on and answered,
50 evidence sources, 40 actions and 5,000-word answers. The typeface is registered first, as a
server process does when it starts (`app.py`), and the time that takes is printed for a new
process with an empty font cache and for one that finds the cache made. Each PDF is then built
once (the first build after start, printed) and `--runs` times; each timed build
starts from expired database objects, so it includes loading the version as a request would.
Wall-clock figures are printed with the CPU time of the process, which a busy machine disturbs
less, and with the load average at the start.
`--keep DIR` also writes the two PDFs there.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from support import make_app

STRESS_TITLE = "Stress test: every group, 50 sources, 40 actions, 5,000-word answers"
WORDS = (
    "access", "appointment", "assessment", "bus", "carers", "clinic", "community", "data",
    "disabled", "evidence", "impact", "journey", "local", "older", "outreach", "patients",
    "people", "proposal", "service", "site", "staff", "transport", "travel", "waiting", "women",
    "younger", "Eastfield", "Riverside", "interpreter", "recorded", "monitoring", "quarterly",
    "mitigation", "consultation", "ŵyr", "Llŷn", "café", "naïve",
)


def words(count: int, rng: random.Random) -> str:
    """`count` words in sentences and paragraphs, like a long written answer."""
    paragraphs, sentence, paragraph = [], [], []
    for _ in range(count):
        sentence.append(rng.choice(WORDS))
        if len(sentence) >= rng.randint(8, 22):
            paragraph.append(" ".join(sentence).capitalize() + ".")
            sentence = []
            if len(paragraph) >= rng.randint(4, 7):
                paragraphs.append(" ".join(paragraph))
                paragraph = []
    paragraph.append(" ".join(sentence).capitalize() + ".")
    paragraphs.append(" ".join(paragraph))
    return "\n\n".join(paragraphs)


def stress_document(email: str, framework, rng: random.Random) -> dict:
    """The demo document grown to the stress size, within the import's limits."""
    from eia.demo import physiotherapy

    document = physiotherapy.document(email, date.today())
    document["details"]["title"] = STRESS_TITLE
    document["extra_groups"] = [g.id for g in framework.extra_groups]
    keys = [f"E{n}" for n in range(1, 51)]
    document["evidence"] = [
        {"key": key, "kind": "research", "period": "2024 to 2025",
         "title": f"Source {n}: {words(8, rng)}", "summary": words(150, rng),
         "url": f"https://example.org/evidence/{n}?a=1&b=<2>", "file": None}
        for n, key in enumerate(keys, start=1)
    ]
    document["impacts"] = {
        group.id: {"impact": rng.choice(["positive", "negative", "both", "neutral"]),
                   "effect": words(120, rng), "evidence": rng.sample(keys, 4),
                   "no_evidence_reason": "", "mitigation": words(80, rng),
                   "residual_impact": words(40, rng)}
        for group in framework.groups
    }
    group_ids = [g.id for g in framework.groups]
    document["actions"] = [
        {"description": words(60, rng), "groups": rng.sample(group_ids, 3),
         "owner": "Service Manager", "due_date": (date.today() + timedelta(days=n)).isoformat(),
         "success_measure": words(30, rng), "status": "planned"}
        for n in range(1, 41)
    ]
    return document


def lengthen_answers(version, framework, rng: random.Random) -> None:
    """Give every free-text answer 5,000 words: past what the forms accept, on purpose."""
    from eia.extensions import db

    for row in version.sections:
        if not framework.has_section(row.section_id):
            continue
        section = framework.section(row.section_id)
        answers = row.answers
        for question in section.questions:
            if question.type == "textarea" and question.id in answers:
                answers[question.id] = words(5000, rng)
        row.answers = answers
    db.session.commit()


def prepare(app):
    """Load the demo data and the stress assessment; return their references."""
    from eia.demo import load_demo_data, physiotherapy
    from eia.services import accounts, frameworks, transfer

    rng = random.Random(20260)
    with app.app_context():
        for _ in load_demo_data():
            pass
        lead = accounts.get_user_by_email("author@example.org")
        demo = next(v for v in transfer.list_versions() if v.title == physiotherapy.TITLE)
        framework = frameworks.current_framework()
        stress = transfer.import_document(lead, stress_document(lead.email, framework, rng))
        lengthen_answers(stress.latest, stress.latest.framework, rng)
        return demo.reference, stress.reference


def measure(app, reference: str, runs: int, keep: Path | None) -> dict:
    from pypdf import PdfReader

    from eia import queries
    from eia.extensions import db
    from eia.pdf import build_pdf

    with app.app_context():
        def build() -> bytes:
            version = queries.latest_version(reference)
            return build_pdf(version, version.framework)

        started = time.perf_counter()
        pdf = build()
        first = time.perf_counter() - started
        times, cpu = [], []
        for _ in range(runs):
            db.session.expire_all()
            started, started_cpu = time.perf_counter(), time.process_time()
            build()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{reference}.pdf").write_bytes(pdf)
    pages = len(PdfReader(_bytes_io(pdf)).pages)
    quartiles = statistics.quantiles(times, n=4) if len(times) >= 2 else [times[0]] * 3
    return {"first": first, "median": statistics.median(times), "min": min(times),
            "cpu": statistics.median(cpu),
            "max": max(times), "q1": quartiles[0], "q3": quartiles[2], "pages": pages,
            "size": len(pdf)}


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


FONT_START = """
import sys, time
from pathlib import Path
from eia.pdf.fonts import register_fonts
started = time.perf_counter()
register_fonts(cache=Path(sys.argv[1]))
print(time.perf_counter() - started)
"""


def font_start(cache: Path) -> float:
    """Seconds a new process takes to register the typeface (its modules already imported)."""
    result = subprocess.run(  # noqa: S603  (our own fixed command line)
        [sys.executable, "-c", FONT_START, str(cache)], check=True,
        capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    return float(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed builds of each PDF")
    parser.add_argument("--keep", type=Path, help="also write the PDFs to this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eia-bench-") as folder:
        cache = Path(folder) / "fonts"
        cold, warm = font_start(cache), font_start(cache)
        print(f"Registering the typeface as a process starts: {cold * 1000:.0f} ms with an empty "
              f"font cache, {warm * 1000:.0f} ms once it is made")
        from eia.pdf.fonts import register_fonts

        register_fonts(cache=cache)  # as app.py does
        app = make_app(Path(folder))
        demo, stress = prepare(app)
        print(f"PDF build times over {args.runs} runs each (after the first build); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        for label, reference in (("complete demo", demo), ("stress", stress)):
            r = measure(app, reference, args.runs, args.keep)
            print(f"{label:14} median {r['median'] * 1000:7.1f} ms   "
                  f"IQR {r['q1'] * 1000:.1f} to {r['q3'] * 1000:.1f} ms   "
                  f"min {r['min'] * 1000:.1f} max {r['max'] * 1000:.1f} ms   "
                  f"CPU median {r['cpu'] * 1000:.1f} ms   "
                  f"{r['pages']} pages, {r['size'] / 1024:.0f} KB   "
                  f"(first build {r['first'] * 1000:.0f} ms)")
        with app.app_context():
            from eia.extensions import db

            db.engine.dispose()


if __name__ == "__main__":
    main()
