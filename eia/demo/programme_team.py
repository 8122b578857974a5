"""The demo programme's facilitators: where each is on the train-the-trainer pathway, the
best-practice document they keep together, and their question board.

Hannah Morgan, the lead, trained as a trainer with the regional equality network and leads
sessions; Owen Price watched the rehearsal and has co-delivered the half-day sessions beside
her; Leila Ahmed watched the rehearsal and is paired with Hannah. The document grew over the
programme in several revisions, one of them after the feedback on length. Made through the
pathway, document and board services, after the sessions (`eia.demo.programme`), which are
their evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time

from eia.domain import PathwayStage, SessionKind
from eia.models.programme import TrainingProgramme, TrainingSession
from eia.models.users import User
from eia.services import accounts
from eia.services.training import board, guide, pathway, sessions

LEAD, OWEN, LEILA = ("facilitator@example.org", "facilitator2@example.org",
                     "facilitator3@example.org")

GUIDE = (
    ("Before the session", "Send the scenario pack a week ahead. Ask delegates to bring a "
                           "proposal from their own work they may need to assess."),
    ("Opening", "Start with why: the duty is about the decision, not the form. Ask who has "
                "had an assessment questioned."),
    ("Running the scenario", "Groups of four. Give each group one protected characteristic "
                             "to champion, then swap halfway."),
)
# (section heading, new text, who) changes made as the programme went on.
CHANGES = (
    ("Running the scenario", "Groups of four. Give each group one protected characteristic "
                             "to champion, then swap halfway. Keep the scenario to 40 minutes: "
                             "the half-day sessions ran long here.", OWEN),
    ("Opening", "Start with why: the duty is about the decision, not the form. Ask who has "
                "had an assessment questioned. In the two-hour format, keep the opening to 10 "
                "minutes.", LEAD),
)
QUESTIONS = (
    (OWEN, "How do we handle a delegate who says the duty does not apply to their team?",
     "It came up twice in the last session.",
     (LEAD, "Ask which decisions their team makes about people; every one of them is in "
            "scope. The follow-up session covers it."), True),
    (LEILA, "Can online delegates share their screen for the scenario?",
     "Or should we put the pack in the chat?", None, False),
)


def _person(email: str) -> User:
    return accounts.get_user_by_email(email)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(17, 0), UTC)


def _facilitated(programme: TrainingProgramme, person: User,
                 kind: SessionKind) -> list[TrainingSession]:
    return [s for s in sessions.sessions_of(programme)
            if s.kind == kind and sessions.is_facilitating(person, s)]


def _record_pathway(programme: TrainingProgramme, today: date) -> None:
    lead, owen, leila = _person(LEAD), _person(OWEN), _person(LEILA)
    rehearsal = _facilitated(programme, lead, SessionKind.REHEARSAL)[0]
    delivered = _facilitated(programme, lead, SessionKind.DELEGATE)
    co_delivered = [s for s in _facilitated(programme, owen, SessionKind.DELEGATE)
                    if s.ends_at.date() < today][:3]
    rehearsed = rehearsal.ends_at.date()
    steps = (
        (lead, PathwayStage.OBSERVED, [rehearsal.id], None,
         "Trained as a trainer by the regional equality network; ran our rehearsal.", rehearsed),
        (lead, PathwayStage.CO_DELIVERED, [delivered[0].id], None, "", rehearsed),
        (lead, PathwayStage.LEADS, [s.id for s in delivered[:2]], None,
         "Leads the programme.", rehearsed),
        (owen, PathwayStage.OBSERVED, [rehearsal.id], lead, "", rehearsed),
        (owen, PathwayStage.CO_DELIVERED, [s.id for s in co_delivered], lead,
         "Co-delivered the three half-day sessions with Hannah.", co_delivered[-1].ends_at.date()),
        (leila, PathwayStage.OBSERVED, [rehearsal.id], lead,
         "Next: co-deliver the online session in December.", rehearsed),
    )
    for person, stage, evidence, partner, note, day in steps:
        pathway.record_stage(lead, programme, person, stage=stage, note=note,
                             evidence=evidence, paired_with=partner,
                             now=_at(day))


def _write_guide(programme: TrainingProgramme) -> None:
    lead = _person(LEAD)
    for heading, text in GUIDE:
        guide.add_section(lead, programme, heading=heading, text=text)
    for heading, text, email in CHANGES:
        section = next(s for s in guide.sections(programme) if s.heading == heading)
        guide.edit_section(_person(email), programme, section, heading=heading, text=text,
                           base=guide.current_revision(programme))


def _ask_questions(programme: TrainingProgramme) -> None:
    for email, title, body, answer, answered in QUESTIONS:
        question = board.ask(_person(email), programme, title=title, body=body)
        if answer:
            board.reply(_person(answer[0]), question, body=answer[1])
        if answered:
            board.mark_answered(_person(email), question)


def load_team(programme: TrainingProgramme, today: date) -> Iterator[str]:
    _record_pathway(programme, today)
    yield "created: pathway stages for the programme's three facilitators"
    _write_guide(programme)
    yield f"created: best-practice document ({guide.current_revision(programme)} revisions)"
    _ask_questions(programme)
    yield f"created: {len(QUESTIONS)} questions on the facilitators' board"
