"""The public API: the example of docs/api.md runs as written."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys

import pipeline

from .conftest import ROOT


def test_the_documented_example_runs(monkeypatch):
    example = re.search(
        r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S
    )
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    namespace: dict = {}
    with contextlib.redirect_stdout(out):
        exec(compile(example.group(1), "docs/api.md", "exec"), namespace)
    lines = out.getvalue().splitlines()
    assert lines[0] == "2023 25 projects"
    assert isinstance(namespace["doc"], pipeline.outputs.models.Annuaire)
    assert namespace["text"].startswith("{") and "read" in lines[-1]


def test_importing_the_package_is_cheap():
    """The stages are imported on first use of the API, not by `import pipeline`."""
    code = (
        "import sys, pipeline; print('pipeline.conversion' in sys.modules); pipeline.Options; "
        "print('pipeline.options' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.split() == ["False", "True"]
