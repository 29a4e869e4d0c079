"""The vocabulary is written once: the schema, the profile model and the docs follow it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pydantic
import pytest

from pipeline.outputs import export, reference
from pipeline.outputs.models import Warning
from pipeline.stages.reconcile import warn
from pipeline.vocabulary import MEDALS, TERRITORY_KINDS, WARNING_CODES

from .conftest import ROOT, check_committed

# Run in a copy of the package whose vocabulary gained a warning code and a territory kind:
# the schema's enums, the docs' table and the profile model must all know them.
PROBE = """
import json
from pipeline.outputs import export, reference
from pipeline.profiles.profile import KindRule
KindRule(kind="pays", patterns=["^pays"])
schema = json.loads(export.schema())
print(json.dumps({"codes": schema["$defs"]["Warning"]["properties"]["code"]["enum"],
                  "kinds": schema["$defs"]["Territory"]["properties"]["kind"]["enum"],
                  "table": reference.warning_table(), "kinds_doc": reference.kind_list()}))
"""


def test_docs_tables_are_generated_from_the_code():
    for path, current in reference.refreshed(ROOT).items():
        check_committed(path, current)


def test_schema_enums_are_the_vocabulary():
    schema = json.loads(export.schema())["$defs"]
    assert schema["Warning"]["properties"]["code"]["enum"] == [w.code for w in WARNING_CODES]
    assert schema["Territory"]["properties"]["kind"]["enum"] == list(TERRITORY_KINDS)
    assert schema["Project"]["properties"]["medal"]["anyOf"][0]["enum"] == list(MEDALS)


def test_a_code_or_kind_added_to_the_vocabulary_reaches_schema_profiles_and_docs(tmp_path):
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline")
    vocabulary = tmp_path / "pipeline" / "vocabulary.py"
    source = vocabulary.read_text(encoding="utf-8")
    registry = "WARNING_CODES: tuple[WarningCode, ...] = (\n"
    kinds = "TerritoryKind = Literal[\n"
    assert registry in source and kinds in source
    source = source.replace(
        registry,
        registry + '    WarningCode("new_check", "info", "A check added for the test."),\n',
    ).replace(kinds, kinds + '    "pays",\n')
    vocabulary.write_text(source, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    found = json.loads(run.stdout)
    assert "new_check" in found["codes"]
    assert "pays" in found["kinds"]
    assert "| `new_check` | info | A check added for the test. |" in found["table"]
    assert "`pays`" in found["kinds_doc"]


def test_severity_comes_from_the_registry():
    for entry in WARNING_CODES:
        assert warn(entry.code, "message", [1]).severity == entry.severity


def test_an_unregistered_warning_code_is_refused():
    with pytest.raises(pydantic.ValidationError):
        Warning(code="no_such_code", severity="warning", message="m", pages=[])
