"""Exact arithmetic for the ledger's ``formula`` fields: an expression of numbers, ``+ - * /`` and brackets,
evaluated as fractions (``15/2`` is exactly 7.5), so a derived figure can be checked against its value."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from fractions import Fraction

_OPS: dict[type[ast.operator], Callable[[Fraction, Fraction], Fraction]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def evaluate(expr: str) -> Fraction:
    """The exact value of ``expr``; ``ValueError`` when it is not plain arithmetic on numbers."""
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        raise ValueError(f"{expr!r} is not an arithmetic expression") from None
    return _node(tree.body, expr)


def exact(value: float) -> Fraction:
    """A number as the exact decimal it is written as (``0.1`` is one tenth)."""
    return Fraction(value) if isinstance(value, int) else Fraction(repr(value))


def _node(node: ast.expr, expr: str) -> Fraction:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        if isinstance(node.value, bool):
            raise ValueError(f"{expr!r} may hold only numbers, + - * / and brackets")
        return exact(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_node(node.operand, expr)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _node(node.left, expr), _node(node.right, expr)
        if isinstance(node.op, ast.Div) and right == 0:
            raise ValueError(f"{expr!r} divides by zero")
        return _OPS[type(node.op)](left, right)
    raise ValueError(f"{expr!r} may hold only numbers, + - * / and brackets")
