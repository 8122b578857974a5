"""The quality checks: what a careful equality reviewer would send back, found before submission.

Each rule is a small function over one assessment version and the framework it was written
against. Rules are pure (no queries, no Flask): the "check your answers" page, submission and
tests all call `check_assessment` and get the same findings. A *blocking* finding stops
submission; *advice* is shown but does not.

The rules come from what audits of real assessments find (see EIA-DOMAIN.md, "What goes wrong
in real assessments"): analysis done after the decision, impacts described generically, groups
skipped or defaulted to neutral without evidence, thin intersectional analysis, weak monitoring,
and "continue despite adverse impact" without a justification. The rules are in
`eia.checks.rules`; the shared lookups in `eia.checks.context`.
"""

from __future__ import annotations

from datetime import date

from eia.checks.context import Context
from eia.checks.findings import CONTROL, Finding, Location
from eia.checks.rules import RULES
from eia.framework import Framework
from eia.models.assessments import AssessmentVersion

__all__ = ["CONTROL", "RULE_IDS", "Finding", "Location", "check_assessment"]

RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in RULES)


def check_assessment(version: AssessmentVersion, framework: Framework, *,
                     today: date) -> list[Finding]:
    """Every finding for `version`: blocking problems first, then advice, each in the order
    of the framework's sections (the control details first) and, within a section, group by
    group, so everything to fix on one impact row is listed together."""
    ctx = Context(version, framework, today)
    findings = [Finding(rule.id, rule.blocking, message, location)
                for rule in RULES if not (rule.full_form_only and ctx.short_form)
                for message, location in rule.check(ctx)]
    sections = {CONTROL: -1} | {s.id: i for i, s in enumerate(framework.sections)}
    groups = {g.id: i for i, g in enumerate(framework.groups)}

    def place(finding: Finding) -> tuple[bool, int, int]:
        where = finding.location
        return (not finding.blocking, sections.get(where.section_id, len(sections)),
                groups.get(where.group_id, -1) if where.group_id else -1)

    return sorted(findings, key=place)
