import datetime

import pytest

from microsite import periods


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        ("2024", "2024"),
        ("2024-10", "October 2024"),
        ("1984-09-25", "25 September 1984"),
        ("1984/1988", "1984–1988"),
    ],
)
def test_display(period, shown):
    assert periods.display(periods.check(period)) == shown


@pytest.mark.parametrize("bad", ["24", "2024-13", "2023-02-29", "2024/10", "1990/1980", "2024 "])
def test_impossible_periods_are_refused(bad):
    with pytest.raises(ValueError):
        periods.check(bad)


def test_a_period_ends_on_its_last_day():
    assert periods.end_date("2024") == datetime.date(2024, 12, 31)
    assert periods.end_date("2024-02") == datetime.date(2024, 2, 29)
    assert periods.end_date("1984/1988") == datetime.date(1988, 12, 31)
