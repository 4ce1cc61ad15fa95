"""Numbers and dates the Chinese way (#20). Every expected string here is written from the
conventions of Chinese reports, not from the code: 万 is 10**4, 亿 10**8, 万亿 10**12; money is
元 or 美元 after the number; a count carries its measure word (家); 约, 近 and 超过 stand before the
number, 以上 after a share; no digit the English shows is lost, and none is added."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from microsite import periods, units


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "measure", "text"),
    [
        ("232", "count", None, "家", "232家"),
        ("85000", "count", "over", "家", "超过8.5万家"),
        ("85000", "count", "more than", "家", "超过8.5万家"),
        ("2543", "count", None, "家", "2543家"),  # under 万: written out, without a comma
        ("10400", "count", None, "家", "1.04万家"),  # two decimals in 万, not a rounded 1万
        ("50300", "count", "about", "个", "约5.03万个"),
        ("1234567", "count", None, None, "123.4567万"),
        ("0", "count", None, "家", "0家"),
        ("18", "percent", "more than", None, "18%以上"),
        ("18", "percent", "over", None, "18%以上"),
        ("18", "percent", "about", None, "约18%"),
        ("24.451", "percent", "nearly", None, "近24.5%"),
        ("22.0", "percent", None, None, "22.0%"),  # to one decimal, as in English
        ("-27.1", "percent", None, None, "-27.1%"),
        ("-0.041", "percent", None, None, "0.0%"),  # never minus zero
        ("16.9", "yuan_trillion", None, None, "16.9万亿元"),
        ("16.9", "yuan_trillion", "about", None, "约16.9万亿元"),
        ("120.4724", "yuan_trillion", None, None, "120.5万亿元"),  # English rounds to 120.5
        ("12.045", "yuan_trillion", None, None, "12.0万亿元"),  # English shows 12.0
        ("14", "yuan_trillion", "over", None, "超过14万亿元"),
        ("169", "yuan_billion", None, None, "1690亿元"),  # a billion is ten 亿
        ("826.25", "yuan_billion", None, None, "8262.5亿元"),
        ("0.05", "yuan_billion", None, None, "5000万元"),
        ("-3.5", "yuan_billion", None, None, "-35亿元"),
        ("27.2", "usd_billion", None, None, "272亿美元"),
        ("38.16", "usd_billion", "nearly", None, "近381.6亿美元"),
        ("1234.567", "usd_billion", None, None, "12346亿美元"),  # English: US$1,234.6 billion
        ("2.36", "usd_trillion", "about", None, "约2.36万亿美元"),
        ("1984", "year", None, None, "1984年"),
        ("0.25", "fraction", "nearly", None, "近四分之一"),
        ("0.5", "fraction", "more than", None, "超过一半"),
        ("0.1", "fraction", None, None, "十分之一"),
        ("0.2", "fraction", "about", None, "约五分之一"),
        ("0.75", "fraction", None, None, "四分之三"),
    ],
)
def test_phrase_in_chinese(value, unit, qualifier, measure, text):
    phrase = units.phrase(Decimal(value), unit, qualifier, language="zh", measure=measure)
    assert phrase == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        # More than two decimals of 万亿: in 亿, as the statistics bureau writes its totals.
        ("120.4724", "yuan_trillion", "1204724亿元"),
        ("134.9084", "yuan_trillion", "1349084亿元"),
        ("12.045", "yuan_trillion", "120450亿元"),
        ("16.94", "yuan_trillion", "16.94万亿元"),
        ("-0.041", "percent", "-0.041%"),
        ("1234.567", "usd_billion", "12345.67亿美元"),
    ],
)
def test_exact_keeps_every_digit_in_chinese(value, unit, text):
    assert units.with_unit(Decimal(value), unit, exact=True, language="zh") == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        ("85000", "count", "8.5万"),
        ("232", "count", "232"),
        ("2543", "count", "2543"),
        ("10400", "count", "1.04万"),
        ("0", "count", "0"),
        ("18", "percent", "18"),
        ("-27.1", "percent", "-27.1"),
        ("1984", "year", "1984"),
        ("0.25", "fraction", "四分之一"),
        # Money stands on an axis of 亿元 or 万亿元 (units.axis): the bare number is in that unit.
        ("169", "yuan_billion", "1690"),
        ("16.9", "yuan_trillion", "16.9"),
        ("27.2", "usd_billion", "272"),
        ("2.36", "usd_trillion", "2.36"),
    ],
)
def test_bare_number_in_chinese(value, unit, text):
    assert units.number(Decimal(value), unit, language="zh") == text


@pytest.mark.parametrize(
    ("unit", "english", "chinese", "factor"),
    [
        ("count", "number", "数量", 1),
        ("percent", "%", "%", 1),
        ("year", "year", "年份", 1),
        ("yuan_billion", "billion yuan", "亿元", 10),
        ("yuan_trillion", "trillion yuan", "万亿元", 1),
        ("usd_billion", "US$ billion", "亿美元", 10),
        ("usd_trillion", "US$ trillion", "万亿美元", 1),
        ("fraction", "share", "比例", 1),
    ],
)
def test_axis_words_and_the_factor_onto_them(unit, english, chinese, factor):
    assert units.axis(unit) == english
    assert units.axis(unit, language="zh") == chinese
    assert units.axis_factor(unit) == 1
    assert units.axis_factor(unit, language="zh") == factor


def test_every_unit_has_chinese_words():
    assert set(units.ZH_UNITS) == set(units.UNITS)
    assert set(units.ZH_FRACTION_WORDS) == set(units.FRACTION_WORDS)


def test_english_is_untouched_by_the_chinese_arguments():
    assert units.phrase(Decimal("85000"), "count", "over", measure="家") == "over 85,000"
    assert units.with_unit(Decimal("-27.1"), "percent", language="en") == "\u221227.1%"


def test_a_number_equal_to_another_keeps_its_own_decimals_in_each_language():
    # One cache for both languages: 22 and 22.0, en and zh, are four entries.
    assert units.number(Decimal("22.0"), "percent") == "22.0"
    assert units.number(Decimal("22"), "percent", language="zh") == "22"
    assert units.number(Decimal("22.0"), "percent", language="zh") == "22.0"
    assert units.number(Decimal("22"), "percent") == "22"
    assert units.number(Decimal("85000"), "count") == "85,000"
    assert units.number(Decimal("85000"), "count", language="zh") == "8.5万"


def test_a_measure_word_belongs_to_a_count():
    with pytest.raises(ValueError, match="a measure word"):
        units.with_unit(Decimal("16.9"), "yuan_trillion", language="zh", measure="家")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="'fr' is not one of en, zh"):
        units.number(Decimal("1"), "count", language="fr")
    with pytest.raises(ValueError, match="'fr' is not one of en, zh"):
        periods.display("2024", "fr")


SCALES = {"万亿": 12, "万": 4, "亿": 8, "": 0}  # the longest first: 万亿 ends in 亿


def _read_back(text: str, word: str) -> Decimal:
    """A Chinese sum back to a number of yuan or dollars: 8262.5亿元 is 826250000000."""
    digits = text.removesuffix(word)
    for scale, exponent in SCALES.items():
        if digits.endswith(scale):
            return Decimal(digits.removesuffix(scale)).scaleb(exponent)
    raise AssertionError(text)


def _significant(text: str) -> str:
    return "".join(c for c in text if c.isdigit()).strip("0")


@given(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.integers(min_value=0, max_value=6),
    st.sampled_from(["count", "yuan_billion", "yuan_trillion", "usd_billion", "usd_trillion"]),
)
def test_chinese_shows_the_english_figure_digit_for_digit(digits, places, unit):
    value = Decimal(digits).scaleb(-places)
    assume(abs(value) < units.LARGEST)
    english = units.number(value, unit)
    chinese = units.with_unit(value, unit, language="zh")
    word = units.ZH_UNITS[unit].word
    scale = Decimal(10) ** units.ZH_UNITS[unit].exponent
    assert _read_back(chinese, word) == units.rounded(value, unit) * scale
    assert _significant(chinese) == _significant(english)


@pytest.mark.parametrize(
    ("period", "chinese"),
    [
        ("2024", "2024年"),
        ("2024-10", "2024年10月"),
        ("1984-09-25", "1984年9月25日"),
        ("1984/1988", "1984\u20141988年"),  # the 一字线 of GB/T 15834
        ("2024-05/2024-10", "2024年5月至10月"),
        ("1984-09/1988-06", "1984年9月至1988年6月"),
        ("2024-05-01/2024-05-10", "2024年5月1日至10日"),
        ("2023-05-01/2024-06-10", "2023年5月1日至2024年6月10日"),
        ("2014-06/2024", "2014年6月至2024年"),
    ],
)
def test_periods_in_chinese(period, chinese):
    assert periods.display(periods.check(period), "zh") == chinese


def test_the_period_cache_knows_the_language():
    assert periods.display("2024-10") == "October 2024"
    assert periods.display("2024-10", "zh") == "2024年10月"
    assert periods.display("2024-10", "en") == "October 2024"


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "english", "chinese"),
    [
        # How Xinhua words a year's change: 下降27.1%, 增长5.2%; the size has no sign.
        ("-27.1", "percent", None, "down 27.1%", "下降27.1%"),
        ("5.2", "percent", None, "up 5.2%", "增长5.2%"),
        ("18", "percent", "more than", "up more than 18%", "增长18%以上"),
        ("-0.041", "percent", None, "unchanged", "持平"),  # nothing left once rounded
        ("-1.2", "usd_billion", None, "down US$1.2 billion", "下降12亿美元"),
    ],
)
def test_a_change_is_told_by_its_direction(value, unit, qualifier, english, chinese):
    assert units.change(Decimal(value), unit, qualifier) == english
    assert units.change(Decimal(value), unit, qualifier, language="zh") == chinese
