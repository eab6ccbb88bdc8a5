"""The scoring arithmetic, pinned on hand-worked cases, and its monotonicity as a property."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spread.model.audit import Audit, GoalData, Rating
from spread.model.build import playbook_from
from spread.model.playbook import Playbook
from spread.scoring.bands import rank
from spread.scoring.explain import explain
from spread.scoring.results import Score
from spread.scoring.score import compare, profile_level, score_audit
from spread.yaml.document import Document
from spread.yaml.read import parse_document

ANCHORED = """
id: circles
title: Circles
version: 1.0.0
status: active
summary: Hand-worked anchored instrument.
core:
  - {id: lead, title: Led by peers, function: f, critical: true,
     practice: {expected: e, developmental: d, unacceptable: u}}
  - {id: rhythm, title: Meets regularly, function: f, practice: {expected: e, developmental: d, unacceptable: u}}
  - {id: safety, title: Safe circles, function: f, practice: {expected: e, developmental: d, unacceptable: u}}
fidelity:
  scale: {min: 1, max: 5}
  sections: [{id: staffing, title: Staffing}, {id: delivery, title: Delivery}, {id: safety, title: Safety}]
  items:
    - {id: S1, section: staffing, component: lead, title: Who leads, min: 3, anchors: &a {1: one, 2: two, 3: three, 4: four, 5: five}}
    - {id: S2, section: staffing, component: lead, title: Training, anchors: *a}
    - {id: D1, section: delivery, component: rhythm, title: Planned circles happen, anchors: *a}
    - {id: D2, section: delivery, component: rhythm, title: Welcome, anchors: *a}
    - {id: D3, section: delivery, component: rhythm, title: Goals, anchors: *a}
    - {id: F1, section: safety, component: safety, title: Escalation, min: 3, anchors: *a}
    - {id: F2, section: safety, component: safety, title: Safeguarding, anchors: *a}
    - {id: F3, section: safety, component: safety, title: Clinical link, anchors: *a}
  scoring: {method: sum, critical_cap: fair}
  bands:
    - {label: not-the-model, min: 8, max: 19}
    - {label: fair, min: 20, max: 27}
    - {label: good, min: 28, max: 34}
    - {label: exemplary, min: 35, max: 40}
  goals:
    - {id: E1, title: Led by a trained peer, numerator: led, denominator: held, op: ">=", target: 60}
    - {id: E2, title: Early drop-out, numerator: left, denominator: joined, op: "<=", target: 25}
    - {id: E3, title: Trained facilitators, op: ">=", target: 3, unit: count}
    - {id: E4, title: Sessions per member, numerator: sessions, denominator: members, op: ">=", target: 0.5, unit: ratio}
"""
IDS = ("S1", "S2", "D1", "D2", "D3", "F1", "F2", "F3")

MEAN = """
id: mean-circles
title: Mean circles
version: 1.0.0
status: active
summary: A mean-scored instrument.
core:
  - {id: lead, title: Led by peers, function: f, practice: {expected: e, developmental: d, unacceptable: u}}
fidelity:
  scale: {min: 1, max: 5}
  items:
    - {id: A, component: lead, title: A, anchors: &a {1: one, 2: two, 3: three, 4: four, 5: five}}
    - {id: B, component: lead, title: B, anchors: *a}
    - {id: C, component: lead, title: C, anchors: *a}
    - {id: D, component: lead, title: D, anchors: *a}
  scoring: {method: mean, missing: %s}
  bands:
    - {label: low, min: 1, max: 2.5}
    - {label: middling, min: 2.5, max: 4}
    - {label: high, min: 4, max: 5}
"""

PROFILE = """
id: profile
title: Profile circles
version: 1.0.0
status: active
summary: A practice-profile playbook.
core:
""" + "".join(f"""
  - {{id: {cid}, title: {cid.title()}, function: f, critical: {str(cid == "peer-led").lower()},
     practice: {{expected: E {cid}, developmental: D {cid}, unacceptable: U {cid}, ideal: I {cid}}}}}""" for cid in
              ("peer-led", "regular", "welcome", "goals", "safety"))


@cache
def playbook(text: str) -> Playbook:
    doc = parse_document(text.encode(), Path("playbook.yaml"))
    assert isinstance(doc, Document)
    return playbook_from(doc)


def audit(ratings: dict[str, Rating], goals: dict[str, GoalData] | None = None, period: str = "2026-Q3") -> Audit:
    return Audit("leeds", "circles", "1.0.0", period, "self", ratings, Document(Path("audit.yaml"), {}),
                 goals=goals or {})


def scored(*scores: int, goals: dict[str, GoalData] | None = None) -> Score:
    return score_audit(playbook(ANCHORED), audit({i: Rating(i, score=s) for i, s in zip(IDS, scores)}, goals))


@pytest.mark.parametrize(("scores", "total", "band"), [
    ((1, 1, 1, 1, 1, 1, 1, 1), 8, "not-the-model"),
    ((3, 3, 2, 2, 2, 3, 2, 2), 19, "not-the-model"),
    ((3, 3, 2, 2, 3, 3, 2, 2), 20, "fair"),
    ((4, 4, 3, 3, 3, 4, 3, 3), 27, "fair"),
    ((4, 4, 3, 3, 4, 4, 3, 3), 28, "good"),
    ((5, 5, 4, 4, 4, 4, 4, 4), 34, "good"),
    ((5, 5, 4, 4, 4, 5, 4, 4), 35, "exemplary"),
    ((5, 5, 5, 5, 5, 5, 5, 5), 40, "exemplary"),
])
def test_every_band_boundary_of_a_summed_1_to_5_scale(scores: tuple[int, ...], total: int, band: str) -> None:
    score = scored(*scores)
    assert score.total == total and score.maximum == 40 and score.complete
    assert score.band is not None and score.band.label == band
    assert score.percent == Fraction(total * 100, 40)


def test_sections_are_worked_out_only_when_asked_for() -> None:
    """A report scores every audit but shows the sections for none of them; asking gives the same, once."""
    score = scored(4, 3, 5, 4, 2, 3, 5, 4)
    assert "sections" not in vars(score)
    sections = score.sections
    assert sections and score.sections is sections and explain(score) == explain(score)
    assert score == scored(4, 3, 5, 4, 2, 3, 5, 4)


def test_sections_mean_percent_and_the_explained_arithmetic() -> None:
    score = scored(4, 3, 5, 4, 2, 3, 5, 4)
    assert (score.total, score.mean, score.percent) == (30, Fraction(15, 4), 75)
    assert [(s.section.id, s.total, s.maximum) for s in score.sections] == [
        ("staffing", 7, 10), ("delivery", 11, 15), ("safety", 12, 15)]
    assert [s.mean for s in score.sections] == [Fraction(7, 2), Fraction(11, 3), 4]
    assert explain(score)[:5] == (
        "Rated 8 of 8 items.",
        "Total 30 = S1 4 + S2 3 + D1 5 + D2 4 + D3 2 + F1 3 + F2 5 + F3 4",
        "Maximum 40 = 8 items × 5",
        "Mean 3.75 = 30 / 8 items",
        "Percent of maximum 75% = 30 / 40",
    )
    assert "Section Delivery: total 11 = D1 5 + D2 4 + D3 2; mean 3.67 = 11 / 3" in explain(score)
    assert "30 is in band good (28–34)" in explain(score)


def test_a_score_equal_to_the_minimum_passes_and_one_below_is_flagged() -> None:
    score = scored(3, 5, 5, 5, 5, 2, 5, 5)
    assert [r.item.id for r in score.below_min] == ["F1"]
    assert score.band is not None and score.band.label == "exemplary"
    assert "F1 is 2, below its minimum of 3: flagged whatever the total." in explain(score)


def test_a_critical_breach_is_reported_and_caps_the_band() -> None:
    score = scored(1, 5, 5, 5, 5, 5, 5, 5)
    assert score.total == 36 and [r.item.id for r in score.breaches] == ["S1"]
    assert score.uncapped is not None and score.uncapped.label == "exemplary"
    assert score.band is not None and score.band.label == "fair" and score.capped
    assert "Critical breach: S1 (lead) is rated 1, which counts as unacceptable; flagged whatever the total." in \
        explain(score)
    assert "A critical breach caps the band at fair: exemplary → fair" in explain(score)
    assert score.capped_by == ("Led by peers",)
    assert score.notes == ("capped by a critical breach: Led by peers",)


def test_a_critical_item_below_its_minimum_is_a_breach_too() -> None:
    """S1 has minimum 3: a 2 is unacceptable practice on a critical component, so it caps the band as a 1 does."""
    score = scored(2, 5, 5, 5, 5, 5, 5, 5)
    assert [r.level for r in score.items][:2] == ["unacceptable", "expected"]
    assert [r.item.id for r in score.breaches] == ["S1"] and score.total == 37
    assert score.band is not None and score.band.label == "fair" and score.capped
    assert scored(3, 5, 5, 5, 5, 5, 5, 5).breaches == ()


def test_a_cap_never_raises_a_band_and_a_non_critical_bottom_score_is_no_breach() -> None:
    lowest = scored(1, 1, 1, 1, 1, 1, 1, 1)
    assert lowest.band is not None and lowest.band.label == "not-the-model" and not lowest.capped
    assert scored(5, 5, 1, 5, 5, 5, 5, 5).breaches == ()


def test_an_incomplete_audit_gets_no_total_and_no_band() -> None:
    ratings = {i: Rating(i, score=5) for i in IDS[:6]} | {"F2": Rating("F2", not_rated="insufficient-data")}
    score = score_audit(playbook(ANCHORED), audit(ratings))
    assert (score.complete, score.rated, score.count) == (False, 6, 8)
    assert (score.total, score.mean, score.percent, score.band) == (None, None, None, None)
    assert [(s.section.id, s.total) for s in score.sections] == [("staffing", 10), ("delivery", 15), ("safety", None)]
    assert explain(score)[:2] == (
        "Rated 6 of 8 items; not rated: F2 (insufficient-data), F3 (missing from the audit).",
        ("The audit is incomplete, so it has no total and no band: missing items are never counted as zero or as "
         "full marks."),
    )


def test_goals_compare_unrounded_and_equal_to_the_target_passes() -> None:
    score = scored(3, 3, 3, 3, 3, 3, 3, 3, goals={
        "E1": GoalData(numerator=36, denominator=60), "E2": GoalData(numerator=26, denominator=100),
        "E3": GoalData(value=3), "E4": GoalData(numerator=1, denominator=3)})
    assert [(g.goal.id, g.verdict) for g in score.goals] == [
        ("E1", "met"), ("E2", "not met"), ("E3", "met"), ("E4", "not met")]
    assert score.goals_summary == "2 of 4 met"
    assert score.goals[3].value == Fraction(1, 3)
    assert "E1: 36 / 60 = 60%, target ≥ 60% → met" in explain(score)
    assert "E2: 26 / 100 = 26%, target ≤ 25% → not met" in explain(score)
    assert "E4: 1 / 3 = 0.33, target ≥ 0.5 → not met" in explain(score)
    assert "Goals: 2 of 4 met (reported on their own, never added to the total)." in explain(score)


def test_goals_show_whole_percentages_and_a_zero_denominator_is_no_data() -> None:
    score = scored(3, 3, 3, 3, 3, 3, 3, 3, goals={
        "E1": GoalData(numerator=38, denominator=60), "E2": GoalData(numerator=0, denominator=0),
        "E4": GoalData(numerator=3, denominator=4)})
    assert [(g.goal.id, g.verdict) for g in score.goals] == [
        ("E1", "met"), ("E2", "no data"), ("E3", "no data"), ("E4", "met")]
    assert score.goals[0].shown() == "63%"
    assert "E1: 38 / 60 = 63%, target ≥ 60% → met" in explain(score)
    assert "E2: no data (the denominator is 0), so not counted as met; target ≤ 25%" in explain(score)
    assert "E3: no data (the audit gives no figures for it), so not counted as met; target ≥ 3" in explain(score)
    assert score.goals_summary == "2 of 4 met"


def test_a_mean_scored_instrument_bands_the_mean_and_shared_boundaries_go_up() -> None:
    pb = playbook(MEAN % "incomplete")
    cases = {(2, 2, 3, 3): "middling", (1, 2, 3, 3): "low", (4, 4, 4, 4): "high", (3, 4, 4, 5): "high"}
    for scores, band in cases.items():
        score = score_audit(pb, audit({i: Rating(i, score=s) for i, s in zip("ABCD", scores)}))
        assert score.mean == Fraction(sum(scores), 4)
        assert score.band is not None and score.band.label == band, scores


def test_mean_of_rated_scores_an_incomplete_audit_on_the_items_it_has() -> None:
    ratings = {"A": Rating("A", score=4), "B": Rating("B", score=5), "C": Rating("C", not_rated="no records")}
    strict = score_audit(playbook(MEAN % "incomplete"), audit(ratings))
    assert strict.band is None and strict.mean is None
    lenient = score_audit(playbook(MEAN % "mean-of-rated"), audit(ratings))
    assert (lenient.total, lenient.mean, lenient.percent) == (None, Fraction(9, 2), 90)
    assert lenient.band is not None and lenient.band.label == "high"
    assert "Mean of rated items 4.50 = (A 4 + B 5) / 2" in explain(lenient)
    assert lenient.unverified == ()  # no component of this playbook is critical


def profile(levels: dict[str, str]) -> Score:
    return score_audit(playbook(PROFILE), audit({cid: Rating(cid, level=level) for cid, level in levels.items()}))


def test_a_practice_profile_playbook_scores_levels_on_the_default_percent_bands() -> None:
    score = profile({"peer-led": "ideal", "regular": "expected", "welcome": "developmental",
                     "goals": "developmental", "safety": "expected"})
    assert (score.kind, score.total, score.maximum, score.percent) == ("practice-profile", 8, 10, 80)
    assert score.band is not None and score.band.label == "high"
    assert [r.level for r in score.items] == ["ideal", "expected", "developmental", "developmental", "expected"]
    assert explain(score)[1] == ("Total 8 = peer-led 2 (ideal) + regular 2 (expected) + welcome 1 (developmental) + "
                                "goals 1 (developmental) + safety 2 (expected)")
    assert "80% is in band high (80–100)" in explain(score)
    half = profile({"peer-led": "developmental", "regular": "developmental", "welcome": "developmental",
                    "goals": "developmental", "safety": "developmental"})
    assert half.percent == 50 and half.band is not None and half.band.label == "adequate"


def test_a_practice_profile_breach_caps_the_default_bands_at_the_lowest() -> None:
    """No `critical_cap` and the default bands: a critical component rated unacceptable caps the band at low."""
    score = profile({"peer-led": "unacceptable", "regular": "expected", "welcome": "unacceptable",
                     "goals": "expected", "safety": "expected"})
    assert [r.item.id for r in score.breaches] == ["peer-led"]
    assert [r.item.id for r in score.below_min] == ["peer-led", "welcome"]
    assert score.percent == 60 and score.uncapped is not None and score.uncapped.label == "adequate"
    assert score.band is not None and score.band.label == "low" and score.capped_by == ("Peer-Led",)
    assert "A critical breach caps the band at low: adequate → low" in explain(score)
    high = profile({"peer-led": "unacceptable", "regular": "ideal", "welcome": "ideal", "goals": "ideal",
                    "safety": "ideal"})
    assert high.percent == 80 and high.uncapped is not None and high.uncapped.label == "high"
    assert high.band is not None and high.band.label == "low"


def test_profile_level_follows_the_minimum_and_never_only_the_top_score() -> None:
    lead, training = playbook(ANCHORED).instrument.items[:2]  # S1 has minimum 3, S2 none
    assert [profile_level(lead, s) for s in range(1, 6)] == [
        "unacceptable", "unacceptable", "developmental", "expected", "expected"]
    assert [profile_level(training, s) for s in range(1, 6)] == [
        "unacceptable", "developmental", "developmental", "expected", "expected"]


def test_declared_levels_win_for_the_instrument_and_for_one_item() -> None:
    text = ANCHORED.replace("  scoring: {method: sum, critical_cap: fair}", """  scoring: {method: sum, critical_cap: fair}
  levels: {expected: [5], developmental: [3, 4], unacceptable: [1, 2]}""").replace(
        "title: Training, anchors: *a}", "title: Training, anchors: *a, levels: {expected: [3, 4, 5], "
        "developmental: [2], unacceptable: [1]}}")
    items = playbook(text).instrument.items
    assert [profile_level(items[0], s) for s in range(1, 6)] == [
        "unacceptable", "unacceptable", "developmental", "developmental", "expected"]
    assert [profile_level(items[1], s) for s in range(1, 6)] == [
        "unacceptable", "developmental", "expected", "expected", "expected"]
    assert items[1].own_levels and not items[2].own_levels


def test_compare_gives_the_change_since_the_previous_audit() -> None:
    change = compare(scored(3, 3, 2, 2, 3, 3, 2, 2), scored(4, 4, 3, 3, 4, 4, 3, 3))
    assert (change.total, change.percent) == (8, 20)
    assert isinstance(change.percent, Fraction)
    assert (change.band_before, change.band_after) == ("fair", "good")


ratings_st = st.lists(st.integers(1, 5), min_size=8, max_size=8)


@given(ratings_st, st.integers(0, 7), st.integers(1, 4))
def test_raising_one_rating_never_lowers_the_total_or_the_band(scores: list[int], index: int, step: int) -> None:
    raised = list(scores)
    raised[index] = min(5, scores[index] + step)
    before, after = scored(*scores), scored(*raised)
    assert before.total is not None and after.total is not None and after.total >= before.total
    assert before.band is not None and after.band is not None
    assert rank(after.bands, after.band.label) >= rank(before.bands, before.band.label)  # type: ignore[operator]


LEVELS = ("unacceptable", "developmental", "expected", "ideal")


@given(st.lists(st.integers(0, 3), min_size=5, max_size=5), st.integers(0, 4), st.integers(1, 3))
def test_raising_one_level_never_lowers_a_practice_profile_score(levels: list[int], index: int, step: int) -> None:
    ids = ("peer-led", "regular", "welcome", "goals", "safety")
    raised = list(levels)
    raised[index] = min(3, levels[index] + step)
    before = profile({cid: LEVELS[n] for cid, n in zip(ids, levels)})
    after = profile({cid: LEVELS[n] for cid, n in zip(ids, raised)})
    assert (after.total or 0) >= (before.total or 0)
    assert before.band is not None and after.band is not None
    assert rank(after.bands, after.band.label) >= rank(before.bands, before.band.label)  # type: ignore[operator]


PERCENT_BANDS = """  bands:
    - {label: not-the-model, min: 0, max: 50}
    - {label: fair, min: 50, max: 70}
    - {label: good, min: 70, max: 85}
    - {label: exemplary, min: 85, max: 100}
"""
RULES = {
    "incomplete": ("{method: sum, critical_cap: fair}", False),
    "lowest": ("{method: sum, missing: lowest}", False),
    "exclude": ("{method: sum, band_on: percent, missing: exclude, max_unrated: 3}", True),
}


def ruled(rule: str) -> Playbook:
    """ANCHORED scored under a rule for missing data (without a `critical_cap`, a breach caps at the lowest band)."""
    scoring, percent = RULES[rule]
    text = ANCHORED.replace("{method: sum, critical_cap: fair}", scoring)
    if percent:
        text = text[:text.index("  bands:")] + PERCENT_BANDS + text[text.index("  goals:"):]
    return playbook(text)


def rated(pb: Playbook, scores: list[int | None]) -> Score:
    return score_audit(pb, audit({i: Rating(i, score=s) if s is not None else Rating(i, not_rated="no records")
                                  for i, s in zip(IDS, scores)}))


def never_lower(before: Score, after: Score) -> None:
    """`after` is at least as good as `before`: total, mean, percent, band (capped or not), and no new flag."""
    for name in ("total", "mean", "percent"):
        old, new = getattr(before, name), getattr(after, name)
        assert old is None or (new is not None and new >= old), name
    if before.band is not None:
        assert after.band is not None
        assert rank(after.bands, after.band.label) >= rank(before.bands, before.band.label)  # type: ignore[operator]
    assert {r.item.id for r in after.unverified} <= {r.item.id for r in before.unverified}
    assert {r.item.id for r in after.breaches} <= {r.item.id for r in before.breaches}


@given(st.sampled_from(sorted(RULES)), st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=8, max_size=8),
       st.integers(0, 7), st.integers(1, 4))
def test_raising_one_rating_never_lowers_a_score_under_any_rule_for_missing_data(
        rule: str, scores: list[int | None], index: int, step: int) -> None:
    """With unrated items (critical ones unverified), caps and every rule for missing data: raising a rated item
    never lowers the total or the band, and under `lowest` rating an unrated item never does either."""
    pb = ruled(rule)
    raised = list(scores)
    current = scores[index]
    if current is None:
        if rule != "lowest":
            return  # rating an unrated item changes which items count: only `lowest` promises it cannot hurt
        raised[index] = step
    else:
        raised[index] = min(5, current + step)
    never_lower(rated(pb, scores), rated(pb, raised))
