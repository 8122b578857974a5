"""Moments are printed in UK time, the way GOV.UK writes them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eia.formatting import format_datetime


@pytest.mark.parametrize(("moment", "printed"), [
    (datetime(2026, 11, 24, 21, 5, tzinfo=UTC), "24 November 2026 at 9:05pm"),  # GMT
    (datetime(2026, 6, 1, 0, 7, tzinfo=UTC), "1 June 2026 at 1:07am"),  # BST, an hour on
    (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "1 July 2026 at 12:30am"),  # the next day
    (datetime(2026, 12, 1, 12, 0, tzinfo=UTC), "1 December 2026 at 12:00pm"),  # noon
    (datetime(2026, 12, 1, 0, 0, tzinfo=UTC), "1 December 2026 at 12:00am"),  # midnight
    (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "29 March 2026 at 2:00am"),  # clocks go forward
    (datetime(2026, 6, 1, 11, 59), "1 June 2026 at 12:59pm"),  # without a zone: UTC
])
def test_a_moment_is_printed_in_uk_time(moment, printed):
    assert format_datetime(moment) == printed


def test_no_moment_is_printed_as_the_words_given():
    assert format_datetime(None) == "Never"
    assert format_datetime(None, "Not yet") == "Not yet"
