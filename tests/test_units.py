from decimal import Decimal

import pytest

from microsite import units


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "text"),
    [
        ("16.9", "yuan_trillion", None, "16.9 trillion yuan"),
        ("18", "percent", "more than", "more than 18%"),
        ("85000", "count", "over", "over 85,000"),
        ("0.25", "fraction", "nearly", "nearly a quarter"),
        ("1984", "year", None, "1984"),
        ("-27.1", "percent", None, "\u221227.1%"),
        ("120.4724", "yuan_trillion", None, "120.5 trillion yuan"),
        # Up to two decimals a value reads as its source gives it; past that, to one.
        ("826.25", "yuan_billion", None, "826.25 billion yuan"),
        ("2.36", "usd_trillion", "about", "about US$2.36 trillion"),
        ("38.16", "usd_billion", None, "US$38.16 billion"),
        ("12.045", "yuan_trillion", None, "12.0 trillion yuan"),
        ("24.451", "percent", None, "24.5%"),
        ("-0.041", "percent", None, "0.0%"),
        ("1234.567", "usd_billion", None, "US$1,234.6 billion"),
        # A final zero is a decimal like any other: our calculation to one decimal shows it.
        ("22.0", "percent", None, "22.0%"),
        ("1234567", "count", None, "1,234,567"),
        ("123456.789", "count", None, "123,456.789"),
    ],
)
def test_phrase_rounds_to_the_units_shown_decimals(value, unit, qualifier, text):
    assert units.phrase(Decimal(value), unit, qualifier) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        ("120.4724", "yuan_trillion", "120.4724 trillion yuan"),
        ("826.25", "yuan_billion", "826.25 billion yuan"),
        ("-0.04", "percent", "\u22120.04%"),
        ("16.9", "yuan_trillion", "16.9 trillion yuan"),
    ],
)
def test_exact_keeps_every_digit(value, unit, text):
    assert units.with_unit(Decimal(value), unit, exact=True) == text


def test_every_unit_of_money_or_share_shows_at_most_one_decimal():
    shown = {code: unit.shown_decimals for code, unit in units.UNITS.items()}
    assert shown == {
        "count": None,
        "percent": 1,
        "year": None,
        "yuan_billion": 1,
        "yuan_trillion": 1,
        "usd_billion": 1,
        "usd_trillion": 1,
        "fraction": None,
    }


def test_only_known_fractions_have_words():
    with pytest.raises(ValueError, match="a fraction must be one of"):
        units.check_fraction(Decimal("0.3"))


def test_a_number_equal_to_another_keeps_its_own_decimals():
    # 22 and 22.0 are equal Decimals with equal hashes: a cache keyed on them would print the
    # first one asked for in place of the other.
    assert units.phrase(Decimal("22"), "percent", None) == "22%"
    assert units.phrase(Decimal("22.0"), "percent", None) == "22.0%"
