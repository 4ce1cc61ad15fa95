"""Arithmetic over fact keys, for derived facts: parsed, never executed as Python."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from microsite import units
from microsite.units import MINUS

_OPERATORS: dict[type[ast.operator], Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class FormulaError(ValueError):
    """A formula that cannot be read or computed."""


def parse(formula: str) -> ast.expr:
    try:
        tree = ast.parse(formula, mode="eval").body
    except SyntaxError:
        raise FormulaError(f"formula {formula!r} is not valid arithmetic") from None
    for node in ast.walk(tree):
        if not isinstance(node, ast.expr | ast.operator | ast.unaryop | ast.expr_context):
            raise FormulaError(f"formula {formula!r} uses something other than arithmetic")
        allowed = (ast.BinOp, ast.UnaryOp, ast.USub, ast.Name, ast.Constant, ast.Load)
        if not isinstance(node, allowed + tuple(_OPERATORS)):
            raise FormulaError(
                f"formula {formula!r} may use only + - * /, parentheses, numbers and fact keys"
            )
        if isinstance(node, ast.Constant) and (
            isinstance(node.value, bool) or not isinstance(node.value, int | float)
        ):
            raise FormulaError(
                f"formula {formula!r} contains {node.value!r}, which is not a number"
            )
        if isinstance(node, ast.Constant) and not math.isfinite(node.value):
            raise FormulaError(f"formula {formula!r} contains a number too large to compute with")
    return tree


def names(formula: str) -> list[str]:
    """The fact keys a formula reads, in the order they appear."""
    tree = parse(formula)
    seen = [node.id for node in ast.walk(tree) if isinstance(node, ast.Name)]
    return list(dict.fromkeys(seen))


def check_units(formula: str, units: Mapping[str, str]) -> None:
    """Raise FormulaError where a formula adds or subtracts figures in different units: 232
    zones plus 16.9 trillion yuan means nothing. Multiplying and dividing may mix units (a
    share is yuan over yuan), and a bare number goes with any unit."""
    _unit(parse(formula), units, formula)


def _unit(node: ast.expr, units: Mapping[str, str], formula: str) -> str | None:
    if isinstance(node, ast.Name):
        return units[node.id]
    if isinstance(node, ast.Constant):
        return None
    if isinstance(node, ast.UnaryOp):
        return _unit(node.operand, units, formula)
    assert isinstance(node, ast.BinOp)
    left, right = _unit(node.left, units, formula), _unit(node.right, units, formula)
    if isinstance(node.op, ast.Add | ast.Sub):
        if left and right and left != right:
            sign = "+" if isinstance(node.op, ast.Add) else "-"
            raise FormulaError(
                f"formula {formula!r} computes {left} {sign} {right}: "
                "only figures in the same unit can be added or subtracted"
            )
        return left or right
    return None  # a product or a ratio: its unit is the derived fact's own


def evaluate(formula: str, values: Mapping[str, Decimal]) -> Decimal:
    return _evaluate(parse(formula), values)


def _evaluate(node: ast.expr, values: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.Constant):
        return Decimal(repr(node.value))
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, values)
    assert isinstance(node, ast.BinOp)
    left, right = _evaluate(node.left, values), _evaluate(node.right, values)
    try:
        return _OPERATORS[type(node.op)](left, right)
    except (ZeroDivisionError, InvalidOperation):
        raise FormulaError("the formula divides by zero") from None


@dataclass(frozen=True)
class Term:
    """A piece of a formula as a reader reads it: a fact (its key), or the text between facts."""

    text: str = ""
    key: str | None = None


_SIGNS: dict[type[ast.operator], str] = {
    ast.Add: " + ",
    ast.Sub: f" {MINUS} ",
    ast.Mult: " × ",
    ast.Div: " ÷ ",
}
_PRECEDENCE: dict[type[ast.operator], int] = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}


def written(formula: str) -> tuple[Term, ...]:
    """The formula in print, its facts left for the page to name: `a / (b - c) * 100` is
    a, " ÷ (", b, " − ", c, ") × 100". Parentheses are written only where they change the
    result, whatever the editor typed."""
    terms: list[Term] = []
    _write(parse(formula), terms)
    merged: list[Term] = []
    for term in terms:  # neighbouring texts as one, so that a page gets " * 100" as one piece
        if merged and term.key is None and merged[-1].key is None:
            merged[-1] = Term(merged[-1].text + term.text)
        else:
            merged.append(term)
    return tuple(merged)


def _write(node: ast.expr, terms: list[Term]) -> None:
    if isinstance(node, ast.Name):
        terms.append(Term(key=node.id))
    elif isinstance(node, ast.Constant):
        terms.append(Term(units.number(Decimal(repr(node.value)), "count", exact=True)))
    elif isinstance(node, ast.UnaryOp):
        terms.append(Term(MINUS))
        _write_part(node.operand, isinstance(node.operand, ast.BinOp), terms)
    else:
        assert isinstance(node, ast.BinOp)
        rank = _PRECEDENCE[type(node.op)]
        _write_part(node.left, _rank(node.left) < rank, terms)
        terms.append(Term(_SIGNS[type(node.op)]))
        # a - (b - c) and a / (b / c) keep their parentheses; a + (b + c) needs none
        keeps_order = isinstance(node.op, ast.Sub | ast.Div)
        _write_part(node.right, _rank(node.right) < rank + keeps_order, terms)


def _write_part(node: ast.expr, bracketed: bool, terms: list[Term]) -> None:
    if bracketed:
        terms.append(Term("("))
    _write(node, terms)
    if bracketed:
        terms.append(Term(")"))


def _rank(node: ast.expr) -> int:
    return _PRECEDENCE[type(node.op)] if isinstance(node, ast.BinOp) else 3
