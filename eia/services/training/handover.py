"""The hand-over pack: one zip archive of everything a programme's next lead needs.

`handover_parts` names every file of the pack and its bytes; a new part (a fuller feedback
summary, say) is added there and nowhere else. The archive carries a README.txt listing what
it holds. File names inside it are made safe (`eia.uploads.safe_filename`) and every CSV goes
through `eia.exports.csv_lines`, which neutralises cells a spreadsheet would run as formulas.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable

from eia.domain import Attendance, BookingStatus, SessionFormat, SessionKind, label_of
from eia.exports import csv_lines
from eia.formatting import format_datetime
from eia.models.programme import TrainingProgramme, TrainingSession
from eia.services.training import guide, library, resources
from eia.services.training.sessions import sessions_of
from eia.uploads import safe_filename

README = "README.txt"


def _csv(headings: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    return "".join(csv_lines(headings, rows)).encode("utf-8")


def _scenarios(sessions: list[TrainingSession]) -> dict[str, bytes]:
    keys = sorted({scenario.key for session in sessions for scenario in session.scenarios})
    parts = {}
    for key in keys:
        entry = library.get_entry(key)
        if entry is not None:
            parts[f"scenarios/{safe_filename(entry.filename)}"] = entry.source.encode("utf-8")
    return parts


def _resources(programme: TrainingProgramme) -> dict[str, bytes]:
    # The resource's id keeps two files of the same name apart.
    return {f"resources/{resource.id}-{safe_filename(resource.latest.filename)}":
            resource.latest.content for resource in resources.list_resources(programme)}


def _attended(session: TrainingSession) -> int:
    return sum(1 for booking in session.bookings if booking.attended)


def _sessions_csv(sessions: list[TrainingSession]) -> bytes:
    return _csv(
        ["Title", "Kind", "Format", "Start", "Length (minutes)", "Capacity", "Facilitators",
         "Booked", "Attended", "Cancelled"],
        ([s.title, label_of(SessionKind, s.kind), label_of(SessionFormat, s.format),
          format_datetime(s.starts_at), s.duration_minutes, s.capacity,
          "; ".join(f.user.name for f in s.facilitators), s.booked_count, _attended(s),
          "Yes" if s.cancelled else ""] for s in sessions))


def _attendance_csv(sessions: list[TrainingSession]) -> bytes:
    return _csv(
        ["Session", "Start", "Person", "Email", "Unit", "Booking", "Attendance"],
        ([s.title, format_datetime(s.starts_at), b.person.name, b.person.email,
          b.person.unit.name if b.person.unit else "", label_of(BookingStatus, b.status),
          label_of(Attendance, b.attendance, "Not marked")]
         for s in sessions for b in s.bookings))


def _feedback_summary_csv(sessions: list[TrainingSession]) -> bytes:
    def count(session: TrainingSession, mark: Attendance) -> int:
        return sum(1 for b in session.bookings if b.attendance == mark.value)

    return _csv(
        ["Session", "Start", "Places taken", "Attended", "Did not attend", "Not marked"],
        ([s.title, format_datetime(s.starts_at), s.booked_count,
          count(s, Attendance.ATTENDED), count(s, Attendance.NO_SHOW),
          sum(1 for b in s.bookings if b.holds_place and b.attendance is None)]
         for s in sessions))


# What each part is, for the README; in the order the README lists them.
DESCRIPTIONS: dict[str, str] = {
    "scenarios/": "the practice scenarios the programme's sessions use (TOML, latest version)",
    "resources/": "the latest version of each resource in the library",
    "best-practice.md": "the best-practice document as it stands, with its revision history",
    "sessions.csv": "every session: kind, format, start, length, capacity, facilitators, "
                    "places taken and attendance",
    "attendance.csv": "every booking: session, person, unit, booking status and attendance",
    "feedback-summary.csv": "attendance counted per session",
}


def _parts_builders(programme: TrainingProgramme, sessions: list[TrainingSession]
                    ) -> list[Callable[[], dict[str, bytes]]]:
    return [
        lambda: _scenarios(sessions),
        lambda: _resources(programme),
        lambda: {"best-practice.md": guide.as_markdown(programme).encode("utf-8")},
        lambda: {"sessions.csv": _sessions_csv(sessions),
                 "attendance.csv": _attendance_csv(sessions),
                 "feedback-summary.csv": _feedback_summary_csv(sessions)},
    ]


def handover_parts(programme: TrainingProgramme) -> dict[str, bytes]:
    """Every file of the pack, by its name in the archive, README.txt first."""
    sessions = sessions_of(programme)
    parts: dict[str, bytes] = {}
    for build in _parts_builders(programme, sessions):
        parts.update(build())
    return {README: _readme(programme, parts).encode("utf-8"), **parts}


def _readme(programme: TrainingProgramme, parts: dict[str, bytes]) -> str:
    lines = [f"Hand-over pack: {programme.name}",
             f"Lead: {programme.lead.name if programme.lead else 'none'}",
             f"Target: {programme.target_delegates} delegates", "",
             "This archive holds:", ""]
    for prefix, description in DESCRIPTIONS.items():
        names = [name for name in parts if name.startswith(prefix)]
        if prefix.endswith("/"):
            lines.append(f"{prefix} ({len(names)} file{'' if len(names) == 1 else 's'}): "
                         f"{description}")
            lines += [f"  {name}" for name in names]
        elif names:
            lines.append(f"{prefix}: {description}")
    described = [name for name in parts
                 if not any(name.startswith(prefix) for prefix in DESCRIPTIONS)]
    lines += [f"{name}" for name in described]
    return "\n".join(lines) + "\n"


def handover_zip(programme: TrainingProgramme) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in handover_parts(programme).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def handover_filename(programme: TrainingProgramme) -> str:
    return safe_filename(f"handover-{programme.name}.zip")
