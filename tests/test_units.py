from decimal import Decimal

import pytest

from microsite import units


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "text"),
    [
        ("16.9", "yuan_trillion", None, "16.9 trillion yuan"),
        ("2.36", "usd_trillion", "about", "about US$2.36 trillion"),
        ("18", "percent", "more than", "more than 18%"),
        ("85000", "count", "over", "over 85,000"),
        ("0.25", "fraction", "nearly", "nearly a quarter"),
        ("1984", "year", None, "1984"),
        ("-27.1", "percent", None, "\u221227.1%"),
        ("120.4724", "yuan_trillion", None, "120.4724 trillion yuan"),
        ("826.25", "yuan_billion", None, "826.25 billion yuan"),
    ],
)
def test_phrase(value, unit, qualifier, text):
    assert units.phrase(Decimal(value), unit, qualifier) == text


def test_only_known_fractions_have_words():
    with pytest.raises(ValueError, match="a fraction must be one of"):
        units.check_fraction(Decimal("0.3"))
