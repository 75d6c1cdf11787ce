"""Issue 32, point 5: an organisation named «../../etc» was printed in the district ranking and as
the author, title and signer of its own report. A path-like name is a located refusal; the hint,
followed, gives the district's figures."""

from __future__ import annotations

import pytest

from reporting import check

from .builders import make_inputs
from .test_municipal import DISTRICT_TOML, roster_with_organizations


@pytest.mark.parametrize("hostile", ["../../etc", "/etc/passwd", "C:\\Windows\\System32", "~/secret", "школа/../x"])
def test_a_path_as_an_organisation_is_refused_and_its_fix_gives_the_figures(tmp_path, hostile):
    base = check(make_inputs(tmp_path / "base", school=DISTRICT_TOML, roster=roster_with_organizations()))
    assert base.valid
    roster = roster_with_organizations()
    renamed = roster[1][-1]
    for row in roster[1:]:
        if row[-1] == renamed:
            row[-1] = hostile
    report = check(make_inputs(tmp_path / "hostile", school=DISTRICT_TOML, roster=roster))
    assert not report.valid
    (problem,) = [p for p in report.problems if "похоже на путь" in p.message]
    assert problem.value == hostile and problem.file == "monitoring.xlsx" and problem.column == "Организация"
    assert "как оно пишется в документах" in problem.describe()
    for row in roster[1:]:  # the hint: the organisation's name as its documents write it
        if row[-1] == hostile:
            row[-1] = renamed
    fixed = check(make_inputs(tmp_path / "fixed", school=DISTRICT_TOML, roster=roster))
    assert fixed.valid and fixed.model.indicators == base.model.indicators


@pytest.mark.parametrize("fine", ["МАОУ «СОШ № 24»", "Гимназия № 1 / корпус 2", "СОШ 1.2"])
def test_ordinary_names_with_a_slash_or_a_dot_are_names(tmp_path, fine):
    roster = roster_with_organizations()
    renamed = roster[1][-1]
    for row in roster[1:]:
        if row[-1] == renamed:
            row[-1] = fine
    assert check(make_inputs(tmp_path / "in", school=DISTRICT_TOML, roster=roster)).valid
