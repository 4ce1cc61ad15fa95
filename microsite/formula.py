"""Arithmetic over fact keys, for derived facts: parsed, never executed as Python."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

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
