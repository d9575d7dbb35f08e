"""House rules for the code under ``src/``: no file over 400 lines, no function over 60 lines (decorators and
docstring included), measured with :mod:`ast`. Each rule is shown to fail on a planted defect."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60


def function_lengths(text: str) -> dict[str, int]:
    """Lines of every function and method (nested ones too), by qualified name, from its first decorator to
    its last line."""
    out: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                    out[name] = (child.end_lineno or child.lineno) - first + 1
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(text), "")
    return out


def rule_problems(files: dict[str, str]) -> list[str]:
    """Every file over the line limit and every function over the function limit, by path."""
    problems = []
    for path, text in sorted(files.items()):
        lines = len(text.splitlines())
        if lines > MAX_FILE_LINES:
            problems.append(f"{path}: {lines} lines (at most {MAX_FILE_LINES})")
        for name, length in function_lengths(text).items():
            if length > MAX_FUNCTION_LINES:
                problems.append(f"{path}: {name} is {length} lines (at most {MAX_FUNCTION_LINES})")
    return problems


def test_no_file_or_function_in_src_is_too_long() -> None:
    files = {
        p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(SRC.rglob("*.py"))
    }
    assert {"src/clustersize/api.py", "src/clustersize_site/memo/hook.py"} <= set(files)
    assert rule_problems(files) == []


def _function(name: str, body_lines: int, indent: str = "") -> str:
    body = "".join(f"{indent}    x{i} = {i}\n" for i in range(body_lines))
    return f"{indent}def {name}() -> None:\n{body}"


def test_planted_long_function_is_caught() -> None:
    ok = _function("fits", MAX_FUNCTION_LINES - 1)
    method = "class C:\n    @staticmethod\n" + _function("long", MAX_FUNCTION_LINES, "    ")
    nested = "def outer() -> None:\n" + _function("inner", MAX_FUNCTION_LINES + 5, "    ")
    problems = rule_problems({"a.py": ok, "b.py": method, "c.py": nested})
    assert problems == [
        f"b.py: C.long is {MAX_FUNCTION_LINES + 2} lines (at most {MAX_FUNCTION_LINES})",
        f"c.py: outer is {MAX_FUNCTION_LINES + 7} lines (at most {MAX_FUNCTION_LINES})",
        f"c.py: outer.inner is {MAX_FUNCTION_LINES + 6} lines (at most {MAX_FUNCTION_LINES})",
    ]


def test_planted_long_file_is_caught() -> None:
    text = "".join(f"X{i} = {i}\n" for i in range(MAX_FILE_LINES + 1))
    assert rule_problems({"long.py": text, "short.py": text[: text.index("X400")]}) == [
        f"long.py: {MAX_FILE_LINES + 1} lines (at most {MAX_FILE_LINES})"
    ]
