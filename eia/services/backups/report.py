"""What a restore check found: one line per check, each passed or failed with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


@dataclass
class CheckReport:
    checks: list[Check] = field(default_factory=list)

    def add(self, name: str, passed: bool, detail: str) -> None:
        self.checks.append(Check(name, passed, detail))

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(check.passed for check in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if not check.passed]


def chain_check(checked: int, broken) -> Check:
    """The audit chain's line of a report, from `eia.audit.verify_chain`'s answer."""
    if broken:
        return Check("audit chain", False, f"broken at row {broken.event_id}: {broken.reason}")
    return Check("audit chain", True, f"{checked} rows verified")
