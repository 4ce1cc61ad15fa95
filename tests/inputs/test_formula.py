from decimal import Decimal

import pytest

from microsite.inputs import formula


def test_names_in_order_of_appearance():
    assert formula.names("(a + b) / a * 100") == ["a", "b"]


def test_evaluates_in_decimal():
    values = {"gdp": Decimal("16.9"), "national": Decimal("134.9")}
    assert formula.evaluate("gdp / national * 100", values).quantize(Decimal("0.1")) == Decimal(
        "12.5"
    )


@pytest.mark.parametrize(
    "text",
    ["__import__('os')", "a ** 2", "a.real", "[a]", "a if a else a", "'text'", "True + a", "a +"],
)
def test_anything_but_arithmetic_is_refused(text):
    with pytest.raises(formula.FormulaError):
        formula.evaluate(text, {"a": Decimal(1)})


def test_division_by_zero_is_an_error():
    with pytest.raises(formula.FormulaError, match="divides by zero"):
        formula.evaluate("a / (a - a)", {"a": Decimal(2)})


def test_only_figures_in_one_unit_are_added_or_subtracted():
    units = {"zones": "count", "gdp": "yuan_trillion", "world": "yuan_trillion"}
    formula.check_units("gdp / world * 100", units)
    formula.check_units("(gdp - world) + 1", units)
    with pytest.raises(formula.FormulaError, match="count \\+ yuan_trillion"):
        formula.check_units("zones + gdp", units)
    with pytest.raises(formula.FormulaError, match="yuan_trillion - count"):
        formula.check_units("gdp / world * (gdp - zones)", units)


def printed(text: str) -> str:
    return "".join(term.text or f"[{term.key}]" for term in formula.written(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zones_gdp / china_gdp * 100", "[zones_gdp] ÷ [china_gdp] × 100"),
        ("(a - b) / b * 100", "([a] \u2212 [b]) ÷ [b] × 100"),
        ("a / (b - c) * 100", "[a] ÷ ([b] \u2212 [c]) × 100"),
        ("a - (b - c)", "[a] \u2212 ([b] \u2212 [c])"),
        ("a / (b * c)", "[a] ÷ ([b] × [c])"),
        ("((a + b)) + c", "[a] + [b] + [c]"),
        ("-(a + b) * 1000", "\u2212([a] + [b]) × 1,000"),
        ("a * 0.5", "[a] × 0.5"),
    ],
)
def test_a_formula_is_written_as_a_reader_reads_it(text, expected):
    assert printed(text) == expected


def test_a_written_formula_names_each_fact_once_per_use():
    terms = formula.written("a / b * 100")
    assert [term.key for term in terms] == ["a", None, "b", None]
    assert terms[3].text == " × 100"
