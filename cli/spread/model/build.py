"""Turning schema-checked YAML data into the typed model: one function per document kind."""

from __future__ import annotations

import dataclasses
from typing import Any

from spread.model.adopters import Adopter
from spread.model.audit import Action, Audit, GoalData, Rater, Rating
from spread.model.instrument import Band, Decimals, Goal, Instrument, Item, Regime, Section
from spread.model.levels import Levels
from spread.model.measures import SUPPRESS_BELOW, Answer, Figure, Measure, Responses, Statement, Voice
from spread.model.playbook import (
    CoreComponent,
    LocalComponent,
    Option,
    Outcome,
    Playbook,
    Practice,
    Prohibited,
    Role,
    Source,
    Stage,
)
from spread.model.regulator import STALE_AFTER_MONTHS, Regulator, RegulatorRating
from spread.model.review import Review, ReviewKind
from spread.model.scales import Point, point, steps
from spread.model.site import Adaptation, Enactment, LocalChoice, Site, Upgrade
from spread.yaml.document import Document

# Without bands of its own, a practice-profile playbook is banded on the percent of the maximum;
# where two bands share a boundary the higher band takes it.
DEFAULT_BANDS = (
    Band("low", 0, 50, "Below the fidelity line on too many components: the model is not yet in place."),
    Band("adequate", 50, 80, "Most components are in place; some need coaching."),
    Band("high", 80, 100, "Delivered as designed, consistently."),
)


def playbook_from(doc: Document) -> Playbook:
    d: dict[str, Any] = doc.data
    core = tuple(_core(c) for c in d["core"])
    population = d.get("population", {})
    toc = d.get("theory_of_change", {})
    evidence = d.get("evidence", {})
    replication = d.get("replication", {})
    return Playbook(
        id=d["id"], title=d["title"], version=d["version"], status=d["status"], summary=d["summary"],
        core=core, local=tuple(_local(c) for c in d.get("local", [])),
        instrument=_instrument(d.get("fidelity", {}), core), doc=doc,
        description=d.get("description"), illustrative=d.get("illustrative", False),
        population=population.get("description"), inclusion=tuple(population.get("inclusion", [])),
        exclusion=tuple(population.get("exclusion", [])),
        problem=toc.get("problem"), mechanisms=tuple(toc.get("mechanisms", [])),
        outcomes=tuple(Outcome(o["id"], o["name"], o.get("measure")) for o in toc.get("outcomes", [])),
        evidence_level=evidence.get("level"), evidence_summary=evidence.get("summary"),
        sources=tuple(Source(s["title"], s.get("type"), s.get("year"), s.get("url")) for s in evidence.get("sources", [])),
        replication=replication.get("model"), replication_notes=replication.get("notes"),
        roles=tuple(Role(r["id"], r["title"], r.get("description")) for r in d.get("roles", [])),
        rollout=tuple(Stage(s["stage"], tuple(s["steps"])) for s in d.get("rollout", [])),
        adopter=_adopter(d.get("adopter")), regulator=_regulator(d.get("regulator")),
        measures=tuple(_measure(m, i) for i, m in enumerate(d.get("measures", []))), voice=_voice(d.get("voice")),
        suppress_below=d.get("privacy", {}).get("suppress_below", SUPPRESS_BELOW),
        reviews=tuple(ReviewKind(r["id"], r["title"], _instrument({"frequency": "yearly", **r["instrument"]}, ()),
                                 r.get("description"), i) for i, r in enumerate(d.get("reviews", []))),
    )


def _regulator(r: dict[str, Any] | None) -> Regulator | None:
    if r is None:
        return None
    return Regulator(r["name"], tuple(r["ratings"]), r.get("short"), r.get("url"), r.get("stale_after", STALE_AFTER_MONTHS))


def _adopter(a: dict[str, Any] | None) -> Adopter:
    if a is None:
        return Adopter()
    roles = a.get("roles", {})
    return Adopter(a["kind"], a.get("noun"), a.get("plural"), a.get("host"), a.get("area"), roles.get("mentor"),
                   roles.get("mentee"))


def _measure(m: dict[str, Any], index: int) -> Measure:
    return Measure(m["id"], m["name"], m["kind"], m["figure"], m["unit"], m.get("better", "higher"),
                   m.get("people", True), m.get("headline", False), m.get("outcome"), m.get("instrument"), m.get("collected"), m.get("target"),
                   m.get("guidance"), index)


def _voice(v: dict[str, Any] | None) -> Voice | None:
    if v is None:
        return None
    return Voice(tuple(Answer(a["id"], a["label"], a["means"]) for a in v["answers"]),
                 tuple(Statement(s["id"], s["text"], s["component"], i) for i, s in enumerate(v["items"])),
                 v.get("collected"))


def _core(c: dict[str, Any]) -> CoreComponent:
    p = c["practice"]
    practice = Practice(p["expected"], p["developmental"], p["unacceptable"], p.get("ideal"))
    return CoreComponent(c["id"], c["title"], c["function"], practice, c.get("form"), c.get("why"), c.get("critical", False),
                         c.get("kind", "practice"), tuple(c.get("evidence", [])))


def _local(c: dict[str, Any]) -> LocalComponent:
    options = tuple(Option(o, o) if isinstance(o, str) else Option(o["id"], o.get("label", o["id"]), o.get("description"))
                    for o in c.get("options", []))
    prohibited = tuple(Prohibited(p) if isinstance(p, str) else Prohibited(p["text"], tuple(p.get("words", [])),
                                                                            p.get("pattern"))
                       for p in c.get("prohibited", []))
    return LocalComponent(c["id"], c["title"], c.get("guidance"), options, c.get("free_text", False),
                          c.get("max_length"), prohibited, c.get("default"))


def _levels(d: dict[str, Any] | None) -> Levels | None:
    if d is None:
        return None
    return Levels(*(frozenset(point(s) for s in d.get(level, ())) for level in ("expected", "developmental", "unacceptable")))


def _band(b: dict[str, Any]) -> Band:
    if "id" in b:
        return Band(b["id"], b["min"], b["max"], b.get("description"), b["label"])
    return Band(b["label"], b["min"], b["max"], b.get("description"))


def _goal(g: dict[str, Any]) -> Goal:
    return Goal(g["id"], g["title"], g.get("op"), g.get("target"), g.get("unit", "percent"), g.get("metric"),
                g.get("numerator"), g.get("denominator"), g.get("area"))


def _values(i: dict[str, Any], scale: dict[str, Any]) -> tuple[Point, ...]:
    """The scores an item takes: its own `values`, else its own `scale`, else the instrument's."""
    if "values" in i:
        return tuple(sorted(point(v) for v in i["values"]))
    own = i.get("scale", scale)
    return steps(own["min"], own["max"], own.get("step")) if own else ()


def _item(i: dict[str, Any], scale: dict[str, Any], shared: Levels | None) -> Item:
    return Item(i["id"], i.get("component", ""), i["title"], {point(k): v for k, v in i["anchors"].items()}, i.get("section"),
                i.get("description"), None if i.get("min") is None else point(i["min"]),
                _levels(i.get("levels")) or shared, "levels" in i, _values(i, scale), "values" in i or "scale" in i)


def _instrument(f: dict[str, Any], core: tuple[CoreComponent, ...]) -> Instrument:
    frequency = f.get("frequency", "quarterly")
    scoring = f.get("scoring", {})
    bands = tuple(_band(b) for b in f.get("bands", []))
    goals = tuple(_goal(g) for g in f.get("goals", []))
    shared = _levels(f.get("levels"))
    rules = {"missing": scoring.get("missing", "incomplete"), "critical_cap": scoring.get("critical_cap"),
             "goals": goals, "max_unrated": scoring.get("max_unrated"), "decimals": Decimals(**f.get("decimals", {})),
             "levels": shared, "regimes": tuple(Regime(r["id"], r["title"], r.get("frequency", frequency),
                                                      r.get("every", 1), tuple(r["items"]) if "items" in r else None)
                                               for r in f.get("regimes", []))}
    if "items" not in f:
        items = tuple(Item(c.id, c.id, c.title, {0: c.practice.unacceptable, 1: c.practice.developmental,
                                                  2: c.practice.expected}, min=1, values=(0, 1, 2)) for c in core)
        return Instrument("practice-profile", frequency, items, bands or DEFAULT_BANDS, "sum",
                          scoring.get("band_on", "percent"), scale_min=0, scale_max=2, **rules)
    scale = f.get("scale", {})
    items = tuple(_item(i, scale, shared) for i in f["items"])
    method = scoring.get("method", "sum")
    band_on = scoring.get("band_on", "mean" if method == "mean" else "total")
    return Instrument("anchored" if items else "goals", frequency, items, bands, method, band_on,
                      sections=tuple(Section(s["id"], s["title"]) for s in f.get("sections", [])),
                      scale_min=None if not scale else point(scale["min"]),
                      scale_max=None if not scale else point(scale["max"]),
                      scale_step=None if scale.get("step") is None else point(scale["step"]), **rules)


def _adaptation(a: dict[str, Any], index: int) -> Adaptation:
    return Adaptation(a["component"], a.get("reason"), index, a.get("choice"), a.get("description"), a.get("date"),
                      a.get("when"), a.get("planned"), tuple(a.get("decided_by", [])), a.get("modified"),
                      a.get("level"), tuple(a.get("nature", [])), a.get("fidelity"), tuple(a.get("goal", [])),
                      a.get("approved_by"), a.get("retired_in"), a.get("approved_on"), a.get("review_by"),
                      a.get("plan"), a.get("returned_on"))


def site_from(doc: Document) -> Site:
    d: dict[str, Any] = doc.data
    return Site(
        id=d["id"], name=d["name"], playbook=d["playbook"]["id"], version=d["playbook"]["version"],
        host=d["host"]["name"], stage=d["stage"], started=d["started"], doc=doc,
        commit=d["playbook"].get("commit"), host_type=d["host"].get("type"), area=d.get("area"),
        contact=d.get("contact"),
        choices=tuple(LocalChoice(c["component"], c["choice"], i, c.get("reason"), c.get("date"))
                      for i, c in enumerate(d.get("choices", []))),
        adaptations=tuple(_adaptation(a, i) for i, a in enumerate(d.get("adaptations", []))),
        retired=tuple(_adaptation(a, i) for i, a in enumerate(d.get("retired", []))),
        upgrades=tuple(Upgrade(u["from"], u["to"], u["date"], tuple(u.get("review", []))) for u in d.get("upgrades", [])),
        notes=d.get("notes"), publish=d.get("publish", "public"), pair=(d["pair"]["mentor"], d["pair"]["mentee"]) if "pair" in d else None,
        regulator_ratings=tuple(RegulatorRating(r["rating"], r["date"], i, r.get("report"))
                                for i, r in enumerate(d.get("regulator_ratings", []))),
        principles=tuple(Enactment(p["principle"], p["how"], i) for i, p in enumerate(d.get("principles", []))),
    )


def review_from(doc: Document, kind: str) -> Review:
    """A programme review (kind: its folder's name), read as the audit of a "site" named after its kind. A yearly
    period may be written as a plain number (`period: 2026`)."""
    audit = audit_from(doc, kind)
    return Review(kind, audit if isinstance(audit.period, str) else dataclasses.replace(audit, period=str(audit.period)))


def audit_from(doc: Document, site: str | None = None) -> Audit:
    d: dict[str, Any] = doc.data
    ratings = {key: Rating(key, None if r.get("score") is None else point(r["score"]), r.get("level"), r.get("evidence"), tuple(r.get("sources", [])),
                           r.get("not_rated")) for key, r in (d.get("ratings") or {}).items()}
    goals = {key: GoalData(g.get("numerator"), g.get("denominator"), g.get("value"))
             for key, g in (d.get("goals") or {}).items()}
    return Audit(
        site=d["site"] if site is None else site, playbook=d["playbook"]["id"], version=d["playbook"]["version"], period=d["period"],
        review=d["review"], ratings=ratings, doc=doc, completed=d.get("completed"),
        raters=tuple(Rater(r["role"], r.get("name"), r.get("organisation"), r.get("site"), i)
                     for i, r in enumerate(d.get("raters", []))), goals=goals,
        actions=tuple(Action(a.get("item"), a.get("action"), a.get("owner"), a.get("due")) for a in d.get("actions", [])),
        notes=d.get("notes"),
        figures={key: Figure(key, f.get("count"), f.get("mean"), f.get("n"), f.get("numerator"), f.get("denominator"),
                             f.get("unit")) for key, f in (d.get("figures") or {}).items()},
        voice={key: Responses(key, r["n"], dict(r["answers"])) for key, r in (d.get("voice") or {}).items()},
        regime=d.get("regime"),
    )
