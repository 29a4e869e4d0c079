"""The code stays readable: no function over 40 lines or of cyclomatic complexity over 15."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from radon.complexity import cc_visit
from radon.visitors import Function

from .conftest import ROOT

MAX_LINES = 40
MAX_COMPLEXITY = 15
# issue 13 rewrites these: the exemption goes with the rewrite
EXEMPT: set[str] = set()
SOURCES = sorted(
    path for path in (ROOT / "pipeline").rglob("*.py") if str(path.relative_to(ROOT)) not in EXEMPT
)


def functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first decorator (or the def) to the end of the body."""
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    return node.end_lineno - first + 1


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_are_short(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{f.name} ({length(f)} lines)" for f in functions(tree) if length(f) > MAX_LINES]
    assert not long, f"over {MAX_LINES} lines: {', '.join(long)}"


def complexities(source: str):
    """Radon's blocks for every function, method and nested function (classes left out)."""
    stack = [block for block in cc_visit(source) if isinstance(block, Function)]
    while stack:
        block = stack.pop()
        yield block
        stack.extend(block.closures)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_are_simple(path: Path):
    blocks = complexities(path.read_text(encoding="utf-8"))
    tangled = [f"{b.name} ({b.complexity})" for b in blocks if b.complexity > MAX_COMPLEXITY]
    assert not tangled, f"cyclomatic complexity over {MAX_COMPLEXITY}: {', '.join(tangled)}"


def test_the_checks_catch_a_long_tangled_function():
    body = "\n".join(f"    if x == {i} or y:\n        x += 1" for i in range(20))
    source = f"def tangled(x, y):\n{body}\n    return x\n"
    assert length(next(functions(ast.parse(source)))) > MAX_LINES
    assert next(complexities(source)).complexity > MAX_COMPLEXITY
