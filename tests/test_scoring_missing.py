"""The rule for missing data, unverified critical items and the cap, worked by hand at every boundary."""

from __future__ import annotations

from fractions import Fraction

from spread.report.rollup import component_levels
from spread.scoring.explain import explain
from test_scoring import IDS, rated, ruled

FOURS = [4] * 8


def unrated(*ids: str, scores: list[int] | None = None) -> list[int | None]:
    return [None if i in ids else s for i, s in zip(IDS, scores or FOURS)]


def test_lowest_scores_an_unrated_item_at_the_bottom_of_its_scale() -> None:
    score = rated(ruled("lowest"), unrated("F2"))
    assert (score.complete, score.rated, score.count, score.total, score.percent) == (False, 7, 8, 29, Fraction(145, 2))
    assert score.band is not None and score.band.label == "good" and score.unverified == ()
    assert explain(score)[:3] == (
        "Rated 7 of 8 items; not rated: F2 (no records).",
        "The playbook scores an unrated item at the bottom of its scale (`missing: lowest`), as if the evidence "
        "showed the lowest anchor.",
        "Total 29 = S1 4 + S2 4 + D1 4 + D2 4 + D3 4 + F1 4 + F2 1 (not rated) + F3 4",
    )
    assert [(r.item.id, r.score, r.imputed) for r in score.items if r.not_rated] == [("F2", 1, True)]
    assert component_levels(score)["safety"] == "expected"  # the heat map shows what was rated


def test_lowest_on_an_unrated_critical_item_is_a_breach_and_unverified() -> None:
    score = rated(ruled("lowest"), unrated("S1"))
    assert score.total == 29 and score.uncapped is not None and score.uncapped.label == "good"
    assert score.band is not None and score.band.label == "not-the-model"  # no critical_cap: the lowest band
    assert [r.item.id for r in score.breaches] == [r.item.id for r in score.unverified] == ["S1"]
    assert score.notes == ("capped by a critical breach: Led by peers", "unverified: Led by peers not rated")
    lines = explain(score)
    assert ("Critical breach: S1 (lead) is not rated, so scores 1 (`missing: lowest`), which counts as "
            "unacceptable; flagged whatever the total.") in lines
    assert "A critical breach caps the band at not-the-model: good → not-the-model" in lines
    assert "Unverified: S1 (lead) is critical and was not rated (no records); the band cannot vouch for it." in lines


def test_exclude_scores_the_rated_items_up_to_its_maximum_and_no_further() -> None:
    pb = ruled("exclude")  # at most 3 unrated, banded on the percent of what was rated
    three = rated(pb, unrated("D2", "D3", "F3"))
    assert (three.total, three.mean, three.percent, three.rated) == (None, 4, 80, 5)
    assert three.band is not None and three.band.label == "good"
    assert explain(three)[1:3] == (
        "The playbook scores the rated items when at most 3 items are not rated (`missing: exclude`), so there is "
        "no total, only a mean and a percent of the rated items.",
        "Mean of rated items 4.00 = (S1 4 + S2 4 + D1 4 + F1 4 + F2 4) / 5",
    )
    four = rated(pb, unrated("D1", "D2", "D3", "F3"))
    assert (four.total, four.mean, four.percent, four.band) == (None, None, None, None)
    assert explain(four)[1] == ("The playbook scores the rated items only when at most 3 items are not rated "
                                "(`missing: exclude`); 4 are, so the audit is incomplete: no total and no band.")


def test_exclude_bands_on_exact_percentages_of_what_was_rated() -> None:
    """17 of 25 rated points is 68%, fair (50–70); 18 of 25 is 72%, good (70–85); 28 of 40 is 70%, the shared
    boundary, which the higher band takes."""
    pb = ruled("exclude")
    fair = rated(pb, unrated("D3", "F2", "F3", scores=[4, 4, 3, 3, 0, 3, 0, 0]))
    assert fair.percent == 68 and fair.band is not None and fair.band.label == "fair"
    good = rated(pb, unrated("D3", "F2", "F3", scores=[4, 4, 3, 3, 0, 4, 0, 0]))
    assert good.percent == 72 and good.band is not None and good.band.label == "good"
    seventy = rated(pb, [4, 4, 3, 3, 3, 4, 4, 3])
    assert seventy.percent == 70 and seventy.band is not None and seventy.band.label == "good"


def test_an_unrated_critical_item_is_unverified_under_every_rule() -> None:
    for rule in ("incomplete", "exclude"):
        score = rated(ruled(rule), unrated("S1"))
        assert [r.item.id for r in score.unverified] == ["S1"], rule
        assert score.breaches == () and score.notes[-1] == "unverified: Led by peers not rated", rule
    assert rated(ruled("incomplete"), unrated("S1")).band is None
    assert rated(ruled("exclude"), unrated("S1")).band is not None
    assert rated(ruled("incomplete"), unrated("F2")).unverified == ()  # F2 rates a component that is not critical
