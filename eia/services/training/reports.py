"""What the survey answers say, for one session and across a programme: satisfaction, length
and pace, confidence before and after; by facilitator, by format, by session length and by
month; the comments; the same as CSV.

The database adds the answers up per session (one grouped query); the groups above are sums of
those per-session totals, so every figure is exact and no answer is read one by one. Any group
with fewer than MIN_ANSWERS answers shows nothing at all, and comments are shown only for a
session with at least that many: a report never lets anyone pick out one person's answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from eia.domain import SessionFormat, label_of
from eia.extensions import db
from eia.formatting import LOCAL_ZONE
from eia.models.feedback import LengthAnswer, PaceAnswer, SurveyResponse
from eia.models.programme import SessionFacilitator, TrainingProgramme, TrainingSession

MIN_ANSWERS = 5
HIDDEN = "fewer than five answers: not shown, to keep answers anonymous"
# Session lengths compared, as (longest in minutes, label); the last takes the rest.
LENGTH_BANDS = ((60, "Up to 1 hour"), (120, "Over 1 hour, up to 2"), (180, "Over 2 hours, up to 3"),
                (None, "Over 3 hours"))


@dataclass
class Tally:
    """The answers of a group added up."""

    answers: int = 0
    satisfaction: int = 0  # sums; the averages are properties
    before: int = 0
    after: int = 0
    length: Counter = field(default_factory=Counter)
    pace: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.answers += other.answers
        self.satisfaction += other.satisfaction
        self.before += other.before
        self.after += other.after
        self.length.update(other.length)
        self.pace.update(other.pace)

    @property
    def shown(self) -> bool:
        return self.answers >= MIN_ANSWERS

    def _mean(self, total: int) -> float | None:
        return round(total / self.answers, 1) if self.shown else None

    @property
    def average_satisfaction(self) -> float | None:
        return self._mean(self.satisfaction)

    @property
    def confidence_before(self) -> float | None:
        return self._mean(self.before)

    @property
    def confidence_after(self) -> float | None:
        return self._mean(self.after)

    @property
    def confidence_gain(self) -> float | None:
        return round((self.after - self.before) / self.answers, 1) if self.shown else None

    def share(self, counter: Counter, answer: str) -> int | None:
        """The percentage of the group who gave `answer`, to the nearest whole number."""
        return round(100 * counter[answer] / self.answers) if self.shown else None

    def length_shares(self) -> list[tuple[str, int | None]]:
        return [(item.label, self.share(self.length, item.value)) for item in LengthAnswer]

    def pace_shares(self) -> list[tuple[str, int | None]]:
        return [(item.label, self.share(self.pace, item.value)) for item in PaceAnswer]


@dataclass(frozen=True)
class Group:
    label: str
    tally: Tally


@dataclass(frozen=True)
class Comment:
    most_useful: str
    to_change: str


@dataclass(frozen=True)
class SessionComments:
    session: TrainingSession
    comments: tuple[Comment, ...]


@dataclass
class ProgrammeReport:
    programme: TrainingProgramme
    overall: Tally
    by_session: list[tuple[TrainingSession, Tally]]
    by_facilitator: list[Group]
    by_format: list[Group]
    by_length: list[Group]
    by_month: list[Group]

    def groupings(self) -> list[tuple[str, list[Group]]]:
        return [("By facilitator", self.by_facilitator), ("By format", self.by_format),
                ("By session length", self.by_length), ("By month", self.by_month)]


def _per_session(where) -> dict[int, Tally]:
    """Each session's answers added up by the database: {session id: tally}."""
    counts = [func.sum(case((getattr(SurveyResponse, column) == item.value, 1), else_=0))
              for column, answers in (("length", LengthAnswer), ("pace", PaceAnswer))
              for item in answers]
    rows = db.session.execute(
        select(SurveyResponse.session_id, func.count(), func.sum(SurveyResponse.satisfaction),
               func.sum(SurveyResponse.confidence_before),
               func.sum(SurveyResponse.confidence_after), *counts)
        .where(where).group_by(SurveyResponse.session_id)).all()
    tallies = {}
    for session_id, answers, satisfaction, before, after, *split in rows:
        lengths, paces = split[:len(LengthAnswer)], split[len(LengthAnswer):]
        tallies[session_id] = Tally(
            answers, int(satisfaction), int(before), int(after),
            Counter({item.value: int(n) for item, n in zip(LengthAnswer, lengths, strict=True)}),
            Counter({item.value: int(n) for item, n in zip(PaceAnswer, paces, strict=True)}))
    return tallies


def session_tally(session: TrainingSession) -> Tally:
    return _per_session(SurveyResponse.session_id == session.id).get(session.id, Tally())


def length_band(minutes: int) -> str:
    return next(label for longest, label in LENGTH_BANDS if longest is None or minutes <= longest)


def _month(session: TrainingSession) -> date:
    local = session.starts_at.astimezone(LOCAL_ZONE)
    return date(local.year, local.month, 1)


def _grouped(pairs: Iterable[tuple[TrainingSession, Tally]],
             keys: Callable[[TrainingSession], Iterable[object]],
             label: Callable[[object], str]) -> list[Group]:
    """The tallies summed into groups; a session may belong to several (its facilitators).
    Groups come in the order of their keys."""
    groups: dict[object, Tally] = {}
    for session, tally in pairs:
        for key in keys(session):
            groups.setdefault(key, Tally()).add(tally)
    return [Group(label(key), groups[key]) for key in sorted(groups)]


def programme_report(programme: TrainingProgramme) -> ProgrammeReport:
    sessions = list(db.session.scalars(
        select(TrainingSession).where(TrainingSession.programme_id == programme.id)
        .options(selectinload(TrainingSession.facilitators)
                 .selectinload(SessionFacilitator.user))
        .order_by(TrainingSession.starts_at, TrainingSession.id)))
    tallies = _per_session(SurveyResponse.session_id.in_([s.id for s in sessions]))
    pairs = [(s, tallies[s.id]) for s in sessions if s.id in tallies]
    overall = Tally()
    for _, tally in pairs:
        overall.add(tally)
    band_order = {label: index for index, (_, label) in enumerate(LENGTH_BANDS)}
    return ProgrammeReport(
        programme=programme, overall=overall, by_session=pairs,
        by_facilitator=_grouped(pairs, lambda s: [(f.user.name, f.user_id)
                                                  for f in s.facilitators],
                                lambda key: key[0]),
        by_format=_grouped(pairs, lambda s: [s.format],
                           lambda key: label_of(SessionFormat, key)),
        by_length=_grouped(pairs, lambda s: [band_order[length_band(s.duration_minutes)]],
                           lambda key: LENGTH_BANDS[key][1]),
        by_month=_grouped(pairs, lambda s: [_month(s)], lambda key: f"{key:%B %Y}"),
    )


def comments_for(sessions: Iterable[TrainingSession]) -> list[SessionComments]:
    """The written answers of each session that has at least MIN_ANSWERS answers, blank ones
    left out. Within a session they come in the order of their random ids: no order of
    answering survives."""
    sessions = list(sessions)
    tallies = _per_session(SurveyResponse.session_id.in_([s.id for s in sessions]))
    shown = [s for s in sessions if s.id in tallies and tallies[s.id].shown]
    if not shown:
        return []
    rows = db.session.execute(
        select(SurveyResponse.session_id, SurveyResponse.most_useful, SurveyResponse.to_change)
        .where(SurveyResponse.session_id.in_([s.id for s in shown]),
               (SurveyResponse.most_useful != "") | (SurveyResponse.to_change != ""))
        .order_by(SurveyResponse.id)).all()
    by_session: dict[int, list[Comment]] = {}
    for session_id, useful, change in rows:
        by_session.setdefault(session_id, []).append(Comment(useful, change))
    return [SessionComments(s, tuple(by_session.get(s.id, ()))) for s in shown]


# CSV ------------------------------------------------------------------------------------------

SUMMARY_HEADINGS = (
    "Grouping", "Group", "Answers", "Average satisfaction (1 to 5)",
    *(f"Length: {item.label.lower()} (%)" for item in LengthAnswer),
    *(f"Pace: {item.label.lower()} (%)" for item in PaceAnswer),
    "Confidence before (1 to 5)", "Confidence after (1 to 5)", "Confidence gain")
COMMENT_HEADINGS = ("Session", "Date", "Most useful", "To change")


def _summary_row(grouping: str, label: str, tally: Tally) -> tuple:
    if not tally.shown:
        return (grouping, label, f"Fewer than {MIN_ANSWERS}", *[""] * (len(SUMMARY_HEADINGS) - 3))
    return (grouping, label, tally.answers, tally.average_satisfaction,
            *(share for _, share in tally.length_shares()),
            *(share for _, share in tally.pace_shares()),
            tally.confidence_before, tally.confidence_after, tally.confidence_gain)


def summary_rows(report: ProgrammeReport) -> Iterator[tuple]:
    """The report's figures, a row a group; a group too small to show says so and no more."""
    yield _summary_row("Whole programme", report.programme.name, report.overall)
    for session, tally in report.by_session:
        yield _summary_row("By session", session_label(session), tally)
    for grouping, groups in report.groupings():
        for group in groups:
            yield _summary_row(grouping, group.label, group.tally)


def comment_rows(comments: Iterable[SessionComments]) -> Iterator[tuple]:
    for item in comments:
        for comment in item.comments:
            yield (item.session.title, f"{item.session.starts_at.astimezone(LOCAL_ZONE):%Y-%m-%d}",
                   comment.most_useful, comment.to_change)


def session_label(session: TrainingSession) -> str:
    return f"{session.title}, {session.starts_at.astimezone(LOCAL_ZONE):%-d %B %Y}"
