"""`flask eia workflow` prints the transition table the code enforces, as aligned columns."""

from __future__ import annotations

from eia.cli import eia_cli
from eia.workflow import TRANSITIONS, describe


def test_the_table_has_a_row_per_transition_in_aligned_columns(app):
    result = app.test_cli_runner().invoke(eia_cli, ["workflow"])
    assert result.exit_code == 0, result.output
    heading, rule, *rows = result.output.splitlines()
    assert heading.split() == ["From", "Action", "To", "Who", "Only", "when"]
    assert len(rows) == len(TRANSITIONS)
    # Every column starts at the same place on every line: where the rule's dashes start.
    starts = [0] + [i + 2 for i, ch in enumerate(rule) if rule[i:i + 2] == "  "
                    and rule[i + 2:i + 3] == "-"]
    assert len(starts) == 5
    for line, row in zip(rows, describe(), strict=True):
        cells = [line[start:end].strip() for start, end in
                 zip(starts, [*starts[1:], None], strict=True)]
        assert tuple(cells) == row
    assert ("awaiting_sign_off", "sign_off", "signed_off", "approver",
            "not own work, not the reviewer, before the decision, work started before the "
            "decision, declaration accepted") in describe()
