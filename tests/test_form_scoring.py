"""The handbook page's scorer (`assets/spread-score.js`) agrees with `score_audit`.

For every playbook version in the example network and the instrument fixtures that rates items or has goals (and
their programme reviews), and for instruments written here for the rules those leave out (half points, an item's
own values or scale, declared levels, every missing-data rule, regimes, bounds written to four places, goals of
every unit), hypothesis generates hundreds of valid audits biased to the boundaries: totals exactly on a band's
cut-off and a step either side, items at their minimum and just under, critical items at unacceptable, goals exactly
on target and a unit either side, zero denominators. Each is scored in Python (`score_audit`, then `score_data`)
and, all in one batch, in one page of headless Chromium opened from file:// holding nothing but spread-score.js
under a policy that allows no eval and no network; both must give the same keys and values. The generator is
derandomised, so every run scores the same audits.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import REPO, fresh
from spread.handbook.form_instrument import instrument_data
from spread.model.build import audit_from, playbook_from
from spread.model.instrument import Goal, Item
from spread.model.playbook import Playbook
from spread.model.regimes import for_regime
from spread.model.scales import Point
from spread.scoring.data import score_data
from spread.scoring.numbers import exact
from spread.scoring.score import banded_on, score_audit
from spread.yaml.document import Document
from spread.yaml.read import parse_document

pytestmark = pytest.mark.slow

SCORER = REPO / "cli/spread/handbook/assets/spread-score.js"
# The page holds the scorer, the batch and the test's check, under a policy stricter than the handbook's: no eval,
# no network.
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">
<title>Spread's page scorer</title><script src="spread-score.js"></script><script src="batch.js"></script>
<script src="check.js"></script></head><body></body></html>"""
# Hypothesis's examples per instrument, each one audit of its own choosing and MORE from a generator it seeds.
EXAMPLES, MORE = 40, 6

CORE = "".join(f"""
  - {{id: {cid}, title: {title}, function: f, critical: {critical},
     practice: {{expected: e, developmental: d, unacceptable: u}}}}""" for cid, title, critical in (
    ("lead", "Led by peers", "true"), ("safe", "Safe and welcoming", "true"), ("rhythm", "Meets regularly", "false")))
HEAD = "version: 1.0.0\nstatus: active\nsummary: Written for the page scorer's test.\ncore:" + CORE + "\n"
# Instruments for the rules the example network does not use.
WRITTEN = {
    "halves": """id: halves
title: Half points, own values and scales, declared levels, lowest for missing, bands on a percent
""" + HEAD + """fidelity:
  scale: {min: 1, max: 4, step: 0.5}
  levels: {unacceptable: [1, 1.5], developmental: [2, 2.5], expected: [3, 3.5, 4]}
  sections: [{id: people, title: People}, {id: practice, title: Practice}]
  decimals: {percent: 1, mean: 3}
  items:
    - {id: H1, section: people, component: lead, title: Who leads, min: 2.5, anchors: {1: none, 4: all}}
    - {id: H2, section: people, component: safe, title: Safe, anchors: {1: none, 4: all},
       levels: {unacceptable: [1], developmental: [1.5, 2, 2.5, 3], expected: [3.5, 4]}}
    - {id: H3, section: practice, component: rhythm, title: Own values, values: [0, 2, 5], anchors: {0: never, 5: always}}
    - {id: H4, section: practice, component: rhythm, title: Own scale, scale: {min: 0, max: 10}, min: 6,
       anchors: {0: none, 10: all}}
  scoring: {method: sum, band_on: percent, missing: lowest, critical_cap: partly}
  bands:
    - {id: not-yet, label: Not yet, min: 0, max: 33.3}
    - {id: partly, label: Partly, min: 33.3, max: 66.65}
    - {id: fully, label: Fully, min: 66.65, max: 100}
""",
    "exclude": """id: exclude
title: A mean over the rated items, at most two unrated, bounds to four places, goals of every unit
""" + HEAD + """fidelity:
  scale: {min: 1, max: 5}
  decimals: {percent: 0, mean: 1}
  items:
""" + "".join(f"    - {{id: E{i}, component: {c}, title: Item {i}, {m}anchors: {{1: one, 5: five}}}}\n"
              for i, c, m in ((1, "lead", "min: 3, "), (2, "safe", ""), (3, "rhythm", "min: 2, "), (4, "rhythm", ""),
                              (5, "rhythm", ""), (6, "safe", "min: 4, "))) + """  scoring: {method: mean, missing: exclude, max_unrated: 2}
  bands:
    - {label: low, min: 1, max: 2.9583}
    - {label: mid, min: 2.9583, max: 4.0417}
    - {label: high, min: 4.0417, max: 5}
  goals:
    - {id: G1, title: Share reached, numerator: reached, denominator: eligible, op: ">=", target: 66.7, area: Reach}
    - {id: G2, title: Staff per member, numerator: staff, denominator: members, op: "<=", target: 0.35, unit: ratio,
       area: Reach}
    - {id: G3, title: Sessions, op: ">=", target: 12.5, unit: count, area: Depth}
    - {id: G4, title: Volunteers, unit: count}
    - {id: G5, title: Share returning, numerator: returned, denominator: joined, area: Depth}
""",
    "rated-mean": """id: rated-mean
title: The older mean of the rated items, on a 0-3 scale with sections
""" + HEAD + """fidelity:
  scale: {min: 0, max: 3}
  sections: [{id: one, title: One}, {id: two, title: Two}]
  items:
    - {id: M1, section: one, component: lead, title: M1, anchors: {0: zero, 3: three}}
    - {id: M2, section: one, component: rhythm, title: M2, anchors: {0: zero, 3: three}}
    - {id: M3, section: two, component: safe, title: M3, min: 2, anchors: {0: zero, 3: three}}
    - {id: M4, section: two, component: rhythm, title: M4, anchors: {0: zero, 3: three}}
  scoring: {method: mean, missing: mean-of-rated, critical_cap: middle}
  bands:
    - {label: bottom, min: 0, max: 1.25}
    - {label: middle, min: 1.25, max: 2.3333}
    - {label: top, min: 2.3333, max: 3}
""",
    "regimes": """id: regimes
title: A light check of two items beside a full audit every third year
""" + HEAD + """fidelity:
  frequency: yearly
  scale: {min: 1, max: 5}
  sections: [{id: core, title: Core}, {id: rest, title: The rest}]
  items:
""" + "".join(f"    - {{id: R{i}, section: {s}, component: {c}, title: R{i}, anchors: {{1: one, 5: five}}}}\n"
              for i, s, c in ((1, "core", "lead"), (2, "rest", "rhythm"), (3, "core", "safe"), (4, "rest", "rhythm"),
                              (5, "rest", "rhythm"))) + """  scoring: {band_on: percent}
  regimes:
    - {id: light, title: Annual light check, items: [R1, R3]}
    - {id: full, title: Full audit, every: 3}
  bands:
    - {label: low, min: 0, max: 60}
    - {label: mid, min: 60, max: 85}
    - {label: high, min: 85, max: 100}
""",
    "unbanded": """id: unbanded
title: No bands - judged by minimums, critical components and goals
""" + HEAD + """fidelity:
  scale: {min: 1, max: 3}
  items:
    - {id: U1, component: lead, title: U1, min: 2, anchors: {1: one, 3: three}}
    - {id: U2, component: rhythm, title: U2, anchors: {1: one, 3: three}}
    - {id: U3, component: safe, title: U3, min: 3, anchors: {1: one, 3: three}}
  goals:
    - {id: K1, title: Kept, numerator: kept, denominator: started, op: ">=", target: 80}
    - {id: K2, title: Waiting days, op: "<=", target: 14, unit: count}
""",
    "section-means": """id: section-means
title: The sum of the sections' means, one item may be left unrated
""" + HEAD + """fidelity:
  sections: [{id: a, title: A}, {id: b, title: B}, {id: c, title: C}]
  items:
    - {id: S1, section: a, component: lead, title: S1, scale: {min: 1, max: 3}, anchors: {1: one, 3: three}}
    - {id: S2, section: a, component: rhythm, title: S2, scale: {min: 1, max: 3}, anchors: {1: one, 3: three}}
    - {id: S3, section: b, component: safe, title: S3, values: [0, 1.5, 3], anchors: {0: no, 3: yes}}
    - {id: S4, section: c, component: rhythm, title: S4, scale: {min: 1, max: 4}, anchors: {1: one, 4: four}}
    - {id: S5, section: c, component: rhythm, title: S5, scale: {min: 1, max: 4}, anchors: {1: one, 4: four}}
    - {id: S6, section: c, component: rhythm, title: S6, scale: {min: 1, max: 4}, anchors: {1: one, 4: four}}
  scoring: {method: sum-of-section-means, missing: exclude, max_unrated: 1, band_on: percent}
  bands:
    - {label: low, min: 0, max: 55.5}
    - {label: high, min: 55.5, max: 100}
""",
    "profile": """id: profile
title: A practice profile with bands of its own, lowest for missing and a cap
""" + HEAD + """fidelity:
  scoring: {missing: lowest, critical_cap: some}
  bands:
    - {label: few, min: 0, max: 40}
    - {label: some, min: 40, max: 70}
    - {label: most, min: 70, max: 100}
""",
}


def read(text: bytes, name: str) -> Playbook:
    doc = parse_document(text, Path(name))
    assert isinstance(doc, Document), doc
    return playbook_from(doc)


@cache
def instruments() -> tuple[tuple[str, Playbook], ...]:
    """Every distinct instrument with items or goals, named for where it comes from."""
    files = [*sorted(REPO.glob("playbooks/*/playbook.yaml")), *sorted(REPO.glob("playbooks/*/releases/*.yaml")),
             *sorted(REPO.glob("tests/fixtures/instruments/playbooks/*/playbook.yaml"))]
    found: dict[str, tuple[str, Playbook]] = {}
    for path in files:
        pb = read(path.read_bytes(), str(path))
        name = str(path.relative_to(REPO))
        for label, view in ((name, pb), *((f"{name} review {k.id}", pb.reviewed_on(k)) for k in pb.reviews)):
            if view.instrument.items or view.instrument.goals:
                found.setdefault(json.dumps(instrument_data(view), sort_keys=True), (label, view))
    for name, text in WRITTEN.items():
        found.setdefault(name, (f"written here: {name}", read(text.encode(), f"{name}.yaml")))
    return tuple(found.values())


def _yaml(value: Point | Fraction) -> int | float:
    """A number as YAML gives it to Spread: whole numbers as int, others as float."""
    return int(value) if value == int(value) else float(value)


def _steps(item: Item) -> tuple[tuple[Point, Fraction], ...]:
    """Each score of an item with how far it is above the bottom, exactly."""
    found = _STEPS.get(id(item))
    if found is None:
        found = _STEPS[id(item)] = tuple((s, Fraction(s) - Fraction(item.bottom)) for s in item.scores)
    return found


_STEPS: dict[int, tuple[tuple[Point, Fraction], ...]] = {}


def _greedy(items: tuple[Item, ...], target: Fraction) -> dict[str, Point]:
    """Scores for `items` (in this order) whose sum comes as close to `target` from below as the scales allow."""
    chosen = {item.id: item.bottom for item in items}
    left = target - sum((Fraction(item.bottom) for item in items), Fraction(0))
    for item in items:
        fits = [(s, up) for s, up in _steps(item) if up <= left]
        if fits:
            chosen[item.id], up = fits[-1]
            left -= up
    return chosen


_TARGETS: dict[tuple[int, tuple[str, ...]], list[Fraction]] = {}


def _targets(pb: Playbook, items: tuple[Item, ...]) -> list[Fraction]:
    """The totals at each band bound, and a step either side: where rounding and ties decide."""
    ins = pb.instrument
    on = banded_on(ins)
    top = sum((Fraction(item.top) for item in items), Fraction(0))
    found = []
    for band in ins.bands:
        for bound in (exact(band.min), exact(band.max)):
            total = {"total": bound, "mean": bound * len(items), "percent": bound * top / 100}[on]
            found += [total - 1, total - Fraction(1, 2), total, total + Fraction(1, 2), total + 1]
    return found or [top / 2]


@cache
def _upto(low: int, high: int) -> st.SearchStrategy[int]:
    """Integers from low to high, made once (making a strategy per draw costs hypothesis more than the audit)."""
    return st.integers(low, high)


# Draws an integer from low to high: from hypothesis, or from a `random.Random` hypothesis seeded.
Draw = Callable[[int, int], int]


def _int(draw: Draw, low: int, high: int) -> int:
    return draw(low, high)


def _pick(draw: Draw, options: list[Any] | tuple[Any, ...]) -> Any:
    """One of `options`."""
    return options[_int(draw, 0, len(options) - 1)]


def goal_data(draw: Draw, goal: Goal) -> dict[str, Any] | None:
    how = _pick(draw, ("on", "on", "near", "any", "zero", "none"))
    if how == "none":
        return None
    target = exact(goal.target) if goal.target is not None else Fraction(_int(draw, 0, 90))
    if goal.is_fraction:
        if how == "zero":
            return {"numerator": _int(draw, 0, 3), "denominator": 0}
        share = target / (100 if goal.unit == "percent" else 1)
        times = _int(draw, 1, 6)
        numerator, denominator = share.numerator * times, share.denominator * times
        if how == "near":
            numerator += _pick(draw, (-1, 1))
        elif how == "any":
            denominator = _int(draw, 1, 400)
            numerator = _int(draw, 0, denominator * (1 if goal.unit == "percent" else 2))
        return {"numerator": max(numerator, 0), "denominator": denominator}
    if how == "zero":
        return {"value": 0}
    if how == "near":
        target += _pick(draw, (Fraction(-1), Fraction(1), Fraction(-1, 100), Fraction(1, 1000)))
    elif how == "any":
        target = Fraction(_int(draw, 0, 40000), _pick(draw, (1, 4, 100)))
    return {"value": _yaml(target)}


def _scores(draw: Draw, pb: Playbook, items: tuple[Item, ...], order: list[Item]) -> dict[str, Point]:
    """Each item's score: aimed at a band's bound, at the ends of its scale and its minimum, or anywhere on it."""
    how = _pick(draw, ("aimed", "aimed", "edges", "any", "any"))
    if how == "aimed":
        key = (id(pb), tuple(item.id for item in items))
        targets = _TARGETS.get(key) or _TARGETS.setdefault(key, _targets(pb, items))
        scores = _greedy(tuple(order), _pick(draw, targets))
    else:
        scores = {}
        for item in items:
            under = [s for s in item.scores if item.min is not None and s < item.min][-1:]
            edges = [item.bottom, item.top, *under, *([item.min] if item.min is not None else [])]
            scores[item.id] = _pick(draw, edges if how == "edges" else item.scores)
    critical = {c.id for c in pb.core if c.critical}
    for item in order[:_int(draw, 0, 2)] if how != "any" else ():
        if item.component in critical:
            scores[item.id] = item.bottom  # a critical item at unacceptable
    return scores


def audit_of(draw: Draw, pb: Playbook) -> dict[str, Any]:
    """A valid audit of `pb`, as an audit file reads: ratings on each item's scale (levels on a practice profile),
    some left out or not rated with a reason, goals' figures; biased to the boundaries."""
    ins = pb.instrument
    regime = _pick(draw, [None, *(r.id for r in ins.regimes)]) if ins.regimes else None
    items = for_regime(pb, regime).instrument.items
    order = sorted(items, key=lambda item: _int(draw, 0, 3))
    scores = _scores(draw, pb, items, order)
    holes = order[len(order) - _pick(draw, (0, 0, 0, 1, 1, 2, len(order))):] if order else []
    ratings: dict[str, Any] = {}
    for item in items:
        if item in holes and _int(draw, 0, 1):
            continue
        if item in holes:
            ratings[item.id] = {"not_rated": _pick(draw, ("no one could observe it", "closed for the summer"))}
        elif ins.kind == "practice-profile":
            word = {0: "unacceptable", 1: "developmental", 2: "expected"}[int(scores[item.id])]
            ratings[item.id] = {"level": "ideal" if word == "expected" and _int(draw, 0, 1) else word,
                                "evidence": "Seen at two sessions."}
        else:
            ratings[item.id] = {"score": _yaml(scores[item.id]), "evidence": "Seen at two sessions."}
    goals = {}
    for goal in ins.goals:
        data = goal_data(draw, goal)
        if data is not None:
            goals[goal.id] = data
    audit = {"site": "north", "playbook": {"id": pb.id, "version": pb.version}, "period": "2026-Q1", "review": "self",
             "ratings": ratings, "goals": goals}
    if regime is not None:
        audit["regime"] = regime
    if _int(draw, 0, 4) == 0:
        _odd(draw, pb, audit)
    return audit


LEVEL_WORDS = ("ideal", "expected", "developmental", "unacceptable")


def _odd(draw: Draw, pb: Playbook, audit: dict[str, Any]) -> None:
    """What the audit schema allows but the form never writes, which `spread check` may refuse yet a draft can hold:
    a score on a practice profile, a level on an anchored item, both, neither, a score off the scale, a rating of no
    item, an empty reason, a regime the playbook lacks, a fractional count, a negative value, a half-given fraction."""
    items, ratings, goals = pb.instrument.items, audit["ratings"], audit["goals"]
    for _ in range(_int(draw, 1, 3)):
        how = _pick(draw, ("score", "level", "both", "neither", "off", "stray", "empty", "regime", "counts"))
        item = _pick(draw, items) if items else None
        if item is not None and how in ("score", "level", "both", "neither", "off", "empty"):
            score, word = _yaml(_pick(draw, item.scores)), _pick(draw, LEVEL_WORDS)
            ratings[item.id] = {"score": {"score": score}, "level": {"level": word}, "both": {"score": score, "level": word},
                                "neither": {"score": None, "level": None}, "empty": {"not_rated": ""},
                                "off": {"score": _yaml(item.top + _pick(draw, (1, Decimal("2.5"), 100)))}}[how]
        elif how == "stray":
            ratings["ZZ9"] = {"score": 1}
        elif how == "regime":
            audit["regime"] = "no-such-regime"
        elif how == "counts" and pb.instrument.goals:
            goal = _pick(draw, pb.instrument.goals)
            goals[goal.id] = _pick(draw, ({"numerator": 12.5, "denominator": 40}, {"numerator": 3},
                                          {"numerator": 7, "denominator": 0.5}, {"value": None}, {"value": -3.25},
                                          {"numerator": None, "denominator": 9}, {}))


@st.composite
def audits(draw: st.DrawFn, which: int) -> tuple[dict[str, Any], int]:
    """An audit of the instrument `instruments()[which]` from hypothesis's own choices, and a seed."""
    return audit_of(lambda low, high: draw(_upto(low, high)), instruments()[which][1]), draw(_upto(0, 2**32))


def generated(which: int) -> list[dict[str, Any]]:
    """The distinct audits generated for the instrument `instruments()[which]`, the same on every run: each of
    hypothesis's, and `MORE` from a generator it seeds (hypothesis repeats itself on small instruments, and each of
    its examples costs more than scoring an audit twice over)."""
    pb = instruments()[which][1]
    found: dict[str, dict[str, Any]] = {}

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(audits(which))
    def collect(example: tuple[dict[str, Any], int]) -> None:
        audit, seed = example
        rnd = random.Random(f"{which} {len(found)} {seed}")
        for one in (audit, *(audit_of(rnd.randint, pb) for _ in range(MORE))):
            found.setdefault(json.dumps(one, sort_keys=True), one)

    collect()
    return list(found.values())


def in_python(pb: Playbook, audit: dict[str, Any]) -> dict[str, Any]:
    data = score_data(score_audit(pb, audit_from(Document(Path("audit.yaml"), audit))))
    del data["explain"], data["change"]
    return json.loads(json.dumps(data))


def differences(python: Any, page: Any, where: str = "") -> Iterator[str]:
    """Each place the page's result differs from Python's, by its key path; bools are never numbers."""
    if isinstance(python, dict) and isinstance(page, dict):
        for key in dict.fromkeys([*python, *page]):
            if key not in page:
                yield f"{where}.{key}: missing from the page's result (Python: {python[key]!r})"
            elif key not in python:
                yield f"{where}.{key}: only in the page's result ({page[key]!r})"
            else:
                yield from differences(python[key], page[key], f"{where}.{key}")
    elif isinstance(python, list) and isinstance(page, list) and len(python) == len(page):
        for i, (a, b) in enumerate(zip(python, page)):
            yield from differences(a, b, f"{where}[{i}]")
    elif python != page or isinstance(python, bool) != isinstance(page, bool):
        yield f"{where}: Python {python!r}, the page {page!r}"


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    """The page's result without what it adds for the form to print (numbers as shown, with trailing zeros)."""
    result = dict(result)
    result.pop("shown", None)
    if isinstance(result.get("goals"), dict):
        goals = dict(result["goals"])
        goals["results"] = [{k: v for k, v in g.items() if k != "shown"} for g in goals.get("results", [])]
        result["goals"] = goals
    return result


# The test's side of the page: scores every audit of the batch and hands back the results that differ from Python's
# (deep equality, where a boolean is never a number), and every 97th result, which Python compares again itself.
CHECK = """window.checkBatch = function () {
  var batch = window.SPREAD_BATCH, out = [];
  function same(a, b) {
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    var keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every(function (k) { return Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]); });
  }
  function comparable(result) {
    var copy = Object.assign({}, result);
    delete copy.shown;
    if (copy.goals && copy.goals.results) {
      copy.goals = Object.assign({}, copy.goals, {results: copy.goals.results.map(function (g) {
        var one = Object.assign({}, g);
        delete one.shown;
        return one;
      })});
    }
    return copy;
  }
  batch.pairs.forEach(function (pair, i) {
    var result = SpreadScore.score(batch.instruments[pair[0]], pair[1]);
    if (i % 97 === 0 || !same(batch.expected[i], comparable(result))) out.push([i, result]);
  });
  return JSON.stringify({count: batch.pairs.length, results: out});
};
"""


@pytest.fixture(scope="module")
def browser(shared_browser: Any) -> Iterator[Any]:
    """The session's headless Chromium (tests/conftest.py), left on a blank page when this file is done."""
    yield shared_browser
    fresh(shared_browser)


def open_page(browser: Any, folder: Path, batch: dict[str, Any] | None = None) -> Any:
    """Open, from file://, a page holding spread-score.js (and the batch to score, as a script beside it: handing
    megabytes to the page through WebDriver takes longer than scoring them)."""
    shutil.copy(SCORER, folder / "spread-score.js")
    (folder / "check.js").write_text(CHECK, encoding="utf-8")
    (folder / "batch.js").write_text(f"window.SPREAD_BATCH = {json.dumps(batch)};\n", encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    browser.get((folder / "page.html").as_uri())
    assert browser.execute_script("return typeof window.SpreadScore + ' ' + typeof window.checkBatch") == (
        "object function")
    return browser


def test_the_page_scores_every_generated_audit_as_python_does(browser: Any, tmp_path: Path) -> None:
    instruments_, pairs, expected, names = [], [], [], []
    for which, (name, pb) in enumerate(instruments()):
        instruments_.append(instrument_data(pb))
        for audit in generated(which):
            pairs.append([which, audit])
            expected.append(in_python(pb, audit))
            names.append(name)
    page = open_page(browser, tmp_path, {"instruments": instruments_, "pairs": pairs, "expected": expected})
    answer = json.loads(page.execute_script("return window.checkBatch()"))
    assert answer["count"] == len(pairs)
    failures = []
    for i, result in answer["results"]:
        found = list(differences(expected[i], comparable(result)))
        if found:
            failures.append((len(json.dumps(pairs[i][1])), names[i], pairs[i][1], found))
        else:
            assert i % 97 == 0, f"the page's check and Python's disagree on {names[i]}: {pairs[i][1]}"
    if failures:
        failures.sort(key=lambda f: f[0])
        report = [f"{len(failures)} of {len(pairs)} audits scored differently on the page; the smallest few:"]
        for _, name, audit, found in failures[:5]:
            report += [f"instrument {name}, audit {json.dumps(audit)}:", *(f"  {line}" for line in found[:12])]
        pytest.fail("\n".join(report), pytrace=False)
    assert len(answer["results"]) == len(range(0, len(pairs), 97))
    per = {name: names.count(name) for name in dict.fromkeys(names)}
    assert min(per.values()) >= 120 and len(pairs) >= 5000, per


def test_instrument_data_is_plain_json_with_every_default_resolved() -> None:
    for name, pb in instruments():
        data = instrument_data(pb)
        assert json.loads(json.dumps(data, allow_nan=False)) == data, name
        assert data["format"] == 1 and data["kind"] == pb.instrument.kind, name
        for item, said in zip(pb.instrument.items, data["items"]):
            assert said["levels"] == {str(s): item.level_of(s) for s in item.scores}, (name, item.id)
            assert (said["bottom"], said["top"]) == (str(item.bottom), str(item.top)), (name, item.id)
        bounds = [(Fraction(b["min"]), Fraction(b["max"])) for b in data["bands"]]
        assert bounds == sorted(bounds) and {b["id"] for b in data["bands"]} == {b.label for b in pb.instrument.bands}
    halves = dict(instruments())["written here: halves"]
    data = instrument_data(halves)
    assert data["cap"] == "partly" and data["band_on"] == "percent" and data["missing"] == "lowest"
    assert [(b["id"], b["min"], b["max"]) for b in data["bands"]] == [
        ("not-yet", "0", "33.3"), ("partly", "33.3", "66.65"), ("fully", "66.65", "100")]
    h1, h2, h3, h4 = data["items"]
    assert h1["scores"] == ["1", "1.5", "2", "2.5", "3", "3.5", "4"] and h1["min"] == "2.5" and h1["critical"]
    assert h2["levels"]["3"] == "developmental" and h1["levels"]["3"] == "expected"  # its own levels, then the shared
    # The shared levels say nothing of 0 and 5: the default rule decides those (2, the score above the bottom, is
    # the line; of 2 and 5, the upper half is expected).
    assert (h3["scores"], h3["levels"]) == (["0", "2", "5"], {"0": "unacceptable", "2": "developmental", "5": "expected"})
    assert h4["bottom"] == "0" and h4["top"] == "10" and not h4["critical"]
    mean = instrument_data(dict(instruments())["written here: rated-mean"])
    assert mean["band_on"] == "mean" and mean["cap"] == "middle" and mean["level_scores"]["ideal"] == 2
    assert mean["words"]["goals_met"] == "{met} of {count} goals met"


def _fixture(name: str) -> Playbook:
    """A playbook version by its file (`playbooks/in-control/releases/1.1.0`), or one written here."""
    if name.startswith("written here"):
        return dict(instruments())[name]
    path = REPO / f"{name}.yaml" if (REPO / f"{name}.yaml").is_file() else REPO / name / "playbook.yaml"
    return read(path.read_bytes(), str(path))


def _rated(pb: Playbook, **scores: Any) -> dict[str, Any]:
    ratings = {key: value if isinstance(value, dict) else {"score": value} for key, value in scores.items()}
    return {"site": "north", "playbook": {"id": pb.id, "version": pb.version}, "period": "2026-Q1", "review": "self",
            "ratings": ratings, "goals": {}}


def _profile(critical: bool, pb: Playbook) -> dict[str, Any]:
    first = next(c for c in pb.core if c.critical == critical)
    core = [first, *(c for c in pb.core if c is not first)]
    words = ["unacceptable", "expected", "ideal", "developmental", "expected"]
    return _rated(pb, **{c.id: {"level": word} for c, word in zip(core, words)})


HOME_VISITS = {"R1": {"numerator": 38, "denominator": 60}, "R2": {"numerator": 45, "denominator": 60}, "R3": {"value": 3},
               "T1": {"numerator": 6, "denominator": 60}, "T2": {"numerator": 13, "denominator": 60},
               "D1": {"numerator": 0, "denominator": 0}, "I1": {"value": 72.5}}
HAND_WORKED = {
    # 19 items at 3 and one at 2: a mean of 2.95, which one place would print as the cut-off 3.0.
    "a mean just under a cut-off": ("tests/fixtures/instruments/playbooks/mean-bands", lambda pb: _rated(
        pb, **{item.id: 2 if i == 0 else 3 for i, item in enumerate(pb.instrument.items)}),
        {"mean": 2.95, "percent": 59, "total": 59, "band": "below", "verdict": "below", "complete": True}),
    # 47 of 50 is exemplary, but PF1 at 2 is unacceptable on a critical component: capped at fair.
    "a capped band": ("playbooks/peer-diabetes/releases/2.0.0", lambda pb: _rated(
        pb, **{item.id: 2 if item.id == "PF1" else 5 for item in pb.instrument.items}),
        {"total": 47, "maximum": 50, "percent": 94, "mean": 4.7, "band": "fair", "band_before_cap": "exemplary",
         "capped_by": ["peer-led"], "band_notes": ["capped by a critical breach: Circles are led by trained peers"],
         "below_minimum": ["PF1"], "critical_breaches": ["PF1"]}),
    # The same with safeguarding left unrated: no band, and the critical component it rates unverified.
    "an unverified critical component": ("playbooks/peer-diabetes/releases/2.0.0", lambda pb: _rated(
        pb, **{item.id: {"not_rated": "not seen"} if item.id == "SL2" else 4 for item in pb.instrument.items}),
        {"complete": False, "rated": 9, "total": None, "percent": None, "band": None, "verdict": None,
         "unverified": ["safe-boundaries"], "band_notes": ["unverified: Safe boundaries, escalation and safeguarding not rated"]}),
    "a goals-only verdict": ("tests/fixtures/instruments/playbooks/home-visits", lambda pb: {
        **_rated(pb), "goals": HOME_VISITS},
        {"verdict": "3 of 6 goals met", "band": None, "complete": True, "goals met": (3, 6, 1), "areas": [
            {"area": "Recruitment", "met": 2, "count": 3}, {"area": "Retention", "met": 1, "count": 2},
            {"area": "Dosage", "met": 0, "count": 1}],
         # 38/60 is 63.33%, shown 63; 13/60 is 21.67%, shown 22 (the target is 20, so no extra places); 0/0 no data.
         "values": {"R1": (63, "met"), "R2": (75, "met"), "R3": (3, "not met"), "T1": (10, "met"), "T2": (22, "not met"),
                    "D1": (None, "no data"), "I1": (72.5, "reported")}}),
    # Unacceptable 0, expected 2, ideal 2, developmental 1, expected 2: 7 of 10 is 70%, adequate.
    "a practice profile": ("playbooks/in-control/releases/1.1.0", lambda pb: _profile(False, pb),
                           {"total": 7, "maximum": 10, "percent": 70, "mean": 1.4, "band": "adequate",
                            "band_notes": [], "critical_breaches": []}),
    "a practice profile capped": ("playbooks/in-control/releases/1.1.0", lambda pb: _profile(True, pb),
                                  {"percent": 70, "band": "low", "band_before_cap": "adequate"}),
    # H2 unrated scores its bottom, 1, under `missing: lowest`: 2.5 + 1 + 5 + 6 = 14.5 of 23 = 63.04…%, partly.
    "half points scored by the rule for missing": ("written here: halves", lambda pb: _rated(pb, H1=2.5, H3=5, H4=6),
        {"total": 14.5, "maximum": 23, "percent": 63.0, "mean": 3.625, "band": "partly", "band_label": "Partly",
         "complete": False, "rated": 3, "unverified": ["safe"], "capped_by": [],
         "band_notes": ["unverified: Safe and welcoming not rated"], "critical_breaches": ["H2"]}),
}


def _worked(result: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The parts of a result a hand-worked case states (the goals as met, judged and reported, areas, values)."""
    goals = result["goals"]
    found = {"goals met": (goals["met"], goals["count"], goals["reported"]), "areas": goals["areas"],
             "values": {g["id"]: (g["value"], g["verdict"]) for g in goals["results"]}, **result}
    return {key: found[key] for key in expected}


@pytest.mark.parametrize("case", list(HAND_WORKED))
def test_hand_worked_scores_on_the_page_and_in_python(browser: Any, tmp_path: Path, case: str) -> None:
    where, make, expected = HAND_WORKED[case]
    pb = _fixture(where)
    audit = make(pb)
    python = in_python(pb, audit)
    page = open_page(browser, tmp_path)
    result = json.loads(page.execute_script(
        "return JSON.stringify(SpreadScore.score(arguments[0], arguments[1]))", instrument_data(pb), audit))
    assert _worked(python, expected) == expected
    assert _worked(comparable(result), expected) == expected
    assert list(differences(python, comparable(result))) == []


def test_the_page_says_what_it_cannot_score(browser: Any, tmp_path: Path) -> None:
    pb = _fixture("written here: halves")
    page = open_page(browser, tmp_path)
    said = page.execute_script("""
        var ins = arguments[0], audit = arguments[1];
        return [SpreadScore.score(Object.assign({}, ins, {format: 2}), audit),
                SpreadScore.score(Object.assign({}, ins, {method: "median"}), audit),
                SpreadScore.score(ins, {ratings: {H1: {score: "three"}}}),
                SpreadScore.score(ins, audit).shown];""", instrument_data(pb), _rated(pb, H1=2.5, H2=2, H3=5, H4=6))
    assert said[:3] == [
        {"unsupported": "the instrument is in format 2; this scorer reads format 1"},
        {"unsupported": "the scoring method median is not one this scorer knows"},
        {"unsupported": "the audit cannot be scored: not a number: three"}]
    assert said[3] == {"total": "15.5", "maximum": "23", "mean": "3.875", "percent": "67.4%"}


@st.composite
def numbers(draw: st.DrawFn) -> tuple[Fraction, int, list[Fraction]]:
    """A fraction, places to show it with, and thresholds: some on it, some a hair either side."""
    value = Fraction(draw(st.integers(-10**7, 10**7)), draw(st.sampled_from([1, 2, 3, 7, 8, 20, 60, 99, 10**4, 3 * 10**5])))
    places = draw(st.integers(0, 3))
    hair = Fraction(1, draw(st.sampled_from([10**3, 10**6, 10**9, 10**15])))
    near = [value, value + hair, value - hair, Fraction(round(value)), Fraction(draw(st.integers(-100, 100)))]
    return value, places, draw(st.lists(st.sampled_from(near), max_size=3))


def test_the_page_shows_numbers_in_spreads_one_format(browser: Any, tmp_path: Path) -> None:
    from spread.scoring.numbers import fixed

    cases: list[tuple[Fraction, int, list[Fraction]]] = []

    @settings(max_examples=400, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(numbers())
    def collect(case: tuple[Fraction, int, list[Fraction]]) -> None:
        cases.append(case)

    collect()
    page = open_page(browser, tmp_path)
    said = page.execute_script(
        "return arguments[0].map(function (c) { return SpreadScore.shown(c[0], c[1], c[2]); });",
        [[str(v), places, [str(t) for t in limits]] for v, places, limits in cases])
    expected = [fixed(v, places, limits) for v, places, limits in cases]
    wrong = [(str(c[0]), c[1], [str(t) for t in c[2]], e, s) for c, e, s in zip(cases, expected, said) if e != s]
    assert wrong == [], wrong[:5]
    assert len(cases) >= 300 and any(len(text.split(".")[-1]) > places + 1 for text, (_, places, _) in
                                     zip(expected, cases) if "." in text)
