"""The README's commands are the ones that work, and CI runs the README's test command."""

import re

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


README_LIMIT = 12 * 1024  # bytes: the README is for users; the reference lives in docs/


def test_the_readme_stays_short():
    assert len((ROOT / "README.md").read_bytes()) <= README_LIMIT


def test_every_relative_link_of_the_docs_leads_to_a_file():
    pages = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = [
        f"{page.name}: {target}"
        for page in pages
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8"))
        if not (page.parent / target).exists()
    ]
    assert not broken
