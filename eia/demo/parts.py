"""The pieces the demo documents are built from: dates relative to the day the demo runs, and
the parts of the canonical document (sections, screening by group, evidence, engagement,
impacts, actions) in the shape `eia.document.schema` reads.

Every demo date is counted from `today`, so the demo reads the same whenever it is loaded:
the equality work starts first, engagement follows, sign-off and the decision come after, and
review dates lie ahead.
"""

from __future__ import annotations

from datetime import date, timedelta

SCHEMA_VERSION = 2


# --- Dates ------------------------------------------------------------------------------------


def day(today: date, offset: int) -> str:
    """The ISO date `offset` days from `today` (negative: before it)."""
    return (today + timedelta(days=offset)).isoformat()


def month(today: date, offset: int) -> str:
    """The month and year of the day `offset` days from `today`, such as "June 2026"."""
    return f"{today + timedelta(days=offset):%B %Y}"


def months(today: date, first: int, last: int) -> str:
    """The months from one day to another, such as "June to August 2026" or "November 2025 to
    January 2026" (one month alone when they are in the same month)."""
    start, end = today + timedelta(days=first), today + timedelta(days=last)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%B %Y}"
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y} to {end:%B %Y}"


def last_financial_year(today: date) -> str:
    """The last complete financial year (April to March) before `today`."""
    end = today.year if today.month >= 4 else today.year - 1
    return f"April {end - 1} to March {end}"


def years_to(today: date, years: int) -> str:
    """The `years` full years up to last month, such as "December 2023 to November 2026"."""
    start = today.replace(year=today.year - years, day=1)
    end = today.replace(day=1) - timedelta(days=1)
    return f"{start:%B %Y} to {end:%B %Y}"


# --- Parts of a document ----------------------------------------------------------------------


def done(**answers) -> dict:
    """A section with these answers, marked complete."""
    return {"completed": True, "answers": answers}


def relevance(**rows: tuple[str, str]) -> dict:
    """The screening's relevance table: group id → (high | medium | low | none, reason)."""
    return {group_id: {"relevance": level, "reason": reason}
            for group_id, (level, reason) in rows.items()}


def source(key: str, kind: str, title: str, period: str, summary: str, url: str = "") -> dict:
    return {"key": key, "kind": kind, "title": title, "period": period, "summary": summary,
            "url": url, "file": None}


def engaged(who: str, started_on: str, ended_on: str | None, groups: list[str], how: str,
            said: str, changed: str) -> dict:
    return {"who": who, "started_on": started_on, "ended_on": ended_on, "groups": groups,
            "how": how, "what_they_said": said, "what_changed": changed}


def impact(level: str, effect: str, evidence: list[str] | tuple[str, ...] = (), *,
           mitigation: str = "", harm_remains: bool | None = None, residual: str = "",
           no_evidence_reason: str = "") -> dict:
    """One group's impact. `harm_remains` is asked of negative (and mixed) impacts only."""
    return {"impact": level, "effect": effect, "evidence": list(evidence),
            "no_evidence_reason": no_evidence_reason, "mitigation": mitigation,
            "harm_remains": harm_remains, "residual_impact": residual}


def action(description: str, groups: list[str], owner: str, due_date: str, measure: str,
           status: str = "planned") -> dict:
    return {"description": description, "groups": groups, "owner": owner,
            "due_date": due_date, "success_measure": measure, "status": status}


def assessment_document(*, title: str, type: str, unit: str, lead: str, decision_maker: str,
             decision_forum: str, decision_date: str, work_started_on: str,
             extra_groups: list[str], sections: dict, evidence: list[dict] = (),
             engagement: list[dict] = (), impacts: dict | None = None,
             actions: list[dict] = (), strategic_decision: bool = False) -> dict:
    """A whole canonical document (schema version 2), ready for `transfer.import_document`."""
    return {
        "schema_version": SCHEMA_VERSION,
        "details": {
            "title": title, "type": type, "unit": unit, "lead_officer": {"email": lead},
            "contributors": [], "decision_maker": decision_maker,
            "decision_forum": decision_forum, "decision_date": decision_date,
            "work_started_on": work_started_on, "strategic_decision": strategic_decision,
        },
        "sections": sections,
        "evidence": list(evidence),
        "engagement": list(engagement),
        "impacts": impacts or {},
        "actions": list(actions),
        "extra_groups": extra_groups,
    }
