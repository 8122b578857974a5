"""A session as a calendar invitation (iCalendar, RFC 5545), for emails and for download.

Times are written in UK local time with `TZID=Europe/London` and the zone itself (VTIMEZONE)
so that every calendar shows the session at the hour the facilitator chose, on both sides of a
clock change. The UID is the same for every invitation about one session, and SEQUENCE is the
session's revision, which rises with every change: a calendar replaces the event it already
holds instead of adding a second. A cancelled session is sent with METHOD:CANCEL.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr

from flask import current_app

from eia.domain import SessionFormat
from eia.formatting import LOCAL_ZONE
from eia.models.programme import TrainingSession
from eia.models.types import utcnow
from eia.services.mail import Attachment

ZONE = "Europe/London"
REQUEST, CANCEL = "REQUEST", "CANCEL"

# The UK's rule since 1996: summer time from the last Sunday of March at 1am GMT to the last
# Sunday of October at 2am BST.
VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{ZONE}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST",
    "DTSTART:19700329T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT",
    "DTSTART:19701025T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
)


def _text(value: str) -> str:
    """A TEXT value with its special characters escaped (RFC 5545 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _local(moment: datetime) -> str:
    return moment.astimezone(LOCAL_ZONE).strftime("%Y%m%dT%H%M%S")


def uid_of(session: TrainingSession) -> str:
    return f"training-session-{session.id}@due-regard"


def _organiser() -> str:
    name, address = parseaddr(current_app.config.get("MAIL_FROM", ""))
    return f"ORGANIZER;CN={_text(name or 'Due Regard')}:mailto:{address or 'noreply@invalid'}"


def _where(session: TrainingSession) -> str:
    return session.link if session.format == SessionFormat.ONLINE else session.place


def _link(session: TrainingSession) -> str:
    base = current_app.config.get("PUBLIC_URL", "").rstrip("/")
    return f"{base}/training/sessions/{session.id}"


def calendar_text(session: TrainingSession, *, now: datetime | None = None) -> str:
    """The session as an iCalendar file: cancelled sessions as a cancellation."""
    method = CANCEL if session.cancelled else REQUEST
    description = "\n\n".join(filter(None, [session.description.strip(),
                                            f"Your booking: {_link(session)}"]))
    event = [
        "BEGIN:VEVENT",
        f"UID:{uid_of(session)}",
        f"SEQUENCE:{session.revision}",
        f"DTSTAMP:{(now or utcnow()).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;TZID={ZONE}:{_local(session.starts_at)}",
        f"DTEND;TZID={ZONE}:{_local(session.ends_at)}",
        f"SUMMARY:{_text(session.title)}",
        f"LOCATION:{_text(_where(session))}",
        f"DESCRIPTION:{_text(description)}",
        f"URL:{_link(session)}",
        _organiser(),
        f"STATUS:{'CANCELLED' if session.cancelled else 'CONFIRMED'}",
        "END:VEVENT",
    ]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Due Regard//Training sessions//EN",
             "CALSCALE:GREGORIAN", f"METHOD:{method}", *VTIMEZONE, *event, "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def invitation(session: TrainingSession) -> Attachment:
    """The calendar file to attach to an email about the session."""
    method = CANCEL if session.cancelled else REQUEST
    return Attachment(filename="session.ics",
                      content_type=f"text/calendar; method={method}",
                      content=calendar_text(session))
