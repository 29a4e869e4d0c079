"""The README's commands are the ones that work, and CI runs the README's test command."""

from .conftest import ROOT


def commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sh\n")[1:]
    return [block.split("\n```")[0].strip() for block in blocks]


def test_ci_runs_exactly_the_readme_s_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert commands()[1] == ci[-1]


def test_the_readme_opens_with_the_install_and_run_command():
    assert commands()[0] == "pip install -e . && python -m pipeline samples/annuaire_2023.pdf"
