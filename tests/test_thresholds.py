"""Thresholds a design decides are set from a profile's [layout] table, and take effect."""

import pytest

from pipeline.context import Context
from pipeline.errors import InputError
from pipeline.profiles.profile import load
from pipeline.stages import frontmatter, furniture
from pipeline.thresholds import DEFAULTS, DESIGN, Thresholds

from .conftest import line, page


def profile_with(tmp_path, layout: str):
    path = tmp_path / "design.toml"
    path.write_text(f'name = "design"\nextends = "default"\n[layout]\n{layout}\n', encoding="utf-8")
    return load(path)


def test_a_profile_s_layout_table_sets_design_thresholds(tmp_path):
    profile = profile_with(tmp_path, "heading_ratio = 1.4\nmargin = 0.2")
    assert profile.thresholds.heading_ratio == 1.4 and profile.thresholds.margin == 0.2
    assert profile.thresholds.low_coverage == DEFAULTS.low_coverage
    assert load("default").thresholds == DEFAULTS


@pytest.mark.parametrize(
    ("layout", "complaint"),
    [("low_coverage = 0.5", "not a threshold a design sets"), ("margin = 0.7", "layout")],
)
def test_a_fixed_or_out_of_range_threshold_is_refused(tmp_path, layout, complaint):
    with pytest.raises(InputError, match=complaint):
        profile_with(tmp_path, layout)


def test_every_design_threshold_is_a_threshold():
    assert DESIGN <= set(Thresholds.model_fields)
    assert all(field.description for field in Thresholds.model_fields.values())


def deep_header_book():
    """Six pages whose running header stands 15 % down the page: below the default margin."""
    return [
        page(
            number,
            [
                line("ANNUAIRE DES LABELS", 126, x0=360, size=7.5),
                line(f"Texte courant de la page {number}, assez long pour être du corps.", 300),
            ],
        )
        for number in range(1, 7)
    ]


def test_the_margin_decides_where_running_lines_are_looked_for():
    _, kept_default = furniture.strip(deep_header_book())
    _, removed = furniture.strip(deep_header_book(), thresholds=Thresholds(margin=0.2))
    assert not kept_default
    assert {r.reason for r in removed} == {"running_header"}


def test_the_heading_ratio_decides_what_heads_a_front_matter_section(profile, tmp_path):
    lines = [
        line("Le jury", 100, size=12, bold=True),
        line("Le jury réunit des élus et des experts du numérique.", 120),
    ]
    pages = [page(2, lines)]
    default = frontmatter.sections(pages, Context(profile, body=10.0))
    taller = profile_with(tmp_path, "heading_ratio = 1.3")
    strict = frontmatter.sections(pages, Context(taller, body=10.0))
    assert [s.heading for s in default] == ["Le jury"]
    assert [s.heading for s in strict] == [""]
