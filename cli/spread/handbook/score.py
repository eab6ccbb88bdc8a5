"""A scored audit as a site page shows it. Every number comes from `spread.scoring.score`, formatted as the command
line formats it, so `spread audit score` and the handbook always agree."""

from __future__ import annotations

from spread.handbook import markup
from spread.handbook.blocks import heading, section
from spread.handbook.escaping import text
from spread.handbook.markup import inline
from spread.handbook.words import day, sentence
from spread.model.audit import Audit, Rater, a_review, review_words
from spread.model.instrument import SCORE_LEVELS
from spread.model.scales import Point
from spread.scoring import shown
from spread.scoring.bands import span
from spread.scoring.explain import explain
from spread.scoring.results import ItemResult, Score
from spread.scoring.text import name, weakest


def total_text(score: Score) -> str:
    """`44 of 50 (88%)`, or the mean when only a mean exists, the goals met for an instrument of goals alone, or
    why there is no score."""
    if not score.items:
        return f"{score.goals_met} of {score.goals_judged} goals met" if score.goals_judged else "no goals with a target"
    if score.total is not None and score.percent is not None:
        return f"{shown.total(score.total, score)} of {shown.total(score.maximum)} ({shown.percent(score)})"
    if score.mean is not None:
        return f"mean {shown.mean(score)} over the {score.rated} rated items"
    return f"no score: {score.rated} of {score.count} items rated"


def band_text(score: Score) -> str:
    """The band's published name; for an instrument without bands, its verdict (`Every minimum met`)."""
    return score.verdict_name or "No band (incomplete audit)"


def band_notes(score: Score) -> str:
    """What must be read with the band, as escaped text after it: `, capped by a critical breach: Safe club`."""
    return "".join(f", {inline(note)}" for note in score.notes)


def _rated(score: Score, r: ItemResult) -> str:
    if score.kind == "practice-profile":
        return sentence(r.level) if r.level else "Not rated"
    return f"{r.score} of {r.item.top}" if r.score is not None else "Not rated"


def _level(score: Score, value: Point) -> str:
    return sentence(SCORE_LEVELS.get(int(value), str(value))) if score.kind == "practice-profile" else str(value)


def _breach(score: Score, r: ItemResult) -> str:
    rated = _rated(score, r).lower()
    how = f"not rated, so scored {rated} by the playbook's rule for missing data" if r.imputed else f"rated {rated}"
    counts = ", which counts as unacceptable," if score.kind == "anchored" else ""
    return f"<strong>Critical breach:</strong> {inline(name(score, r))} is {how}{counts} on a critical component."


def _flags(score: Score) -> str:
    flags = [_breach(score, r) for r in score.breaches]
    flags += [f"<strong>Below the minimum:</strong> {inline(name(score, r))} is {_rated(score, r).lower()}"
              + (f"; the lowest acceptable score is {r.item.min}." if score.kind == "anchored" else ".")
              for r in score.below_min if not r.critical_breach]
    if score.capped_by and score.uncapped is not None:
        flags.append(f"<strong>Capped by a critical breach:</strong> {inline(', '.join(score.capped_by))}; the score "
                     f"alone would be {inline(score.uncapped.name)}.")
    flags += [f"<strong>Unverified:</strong> {inline(name(score, r))} is critical and was not rated "
              f"({inline(r.not_rated or '')}), so the band cannot vouch for it." for r in score.unverified]
    return markup.note("warning", "Flagged whatever the total", markup.bullets(flags)) if flags else ""


def _weakest(score: Score) -> str:
    """Each weak item as a list entry: its rating, what that looks like and what the next level up looks like
    are sentences, which read better one under another than squeezed into four table columns."""
    entries = [f"<strong>{inline(name(score, r))}</strong>, rated {_rated(score, r).lower()}"
               + (f": {inline(r.anchor)}" if r.anchor else ".")
               + (f"<br>Next level up ({_level(score, r.next_anchor[0]).lower()}): {inline(r.next_anchor[1])}"
                  if r.next_anchor else "")
               for r in weakest(score)]
    if not entries:
        return ""
    return section(heading(3, "Where to improve first", indexed=False),
                   markup.para("The weakest items, and what the next level up looks like.")
                   + markup.bullets(entries, "spread-weakest"))


def _sections(score: Score) -> str:
    rows = [[inline(s.section.title), f"{shown.total(s.total)} of {shown.total(s.maximum)}" if s.total is not None else "Incomplete",
             shown.mean(score, s.mean) if s.mean is not None else ""] for s in score.sections]
    return markup.table(["Section", "Score", "Mean per item"], rows) if rows else ""


def _goals(score: Score) -> str:
    areas = bool(score.areas)
    rows = [[f"{inline(g.goal.id)} · {inline(g.goal.title)}", *([inline(g.goal.area or "")] if areas else []),
             g.shown(), inline(g.target), sentence(g.verdict) if g.judged else "Reported, never judged"]
            for g in score.goals]
    by_area = markup.para("Met by area: " + ", ".join(f"{inline(a)} {m} of {n}" for a, m, n in score.areas) + ".") \
        if areas else ""
    return section(heading(3, f"Goals: {score.goals_summary}", indexed=False), by_area,
                   markup.table(["Goal", *(["Area"] if areas else []), "Result", "Target", "Met?"], rows)) if rows else ""


def latest(score: Score, audit: Audit) -> str:
    """The latest self-audit's section: what kind of review, band and score, flags, sections, the weakest
    items, goals, and how the score was worked out (the lines `spread audit score --explain` prints)."""
    unit = "%" if score.band and score.band_on == "percent" else ""
    band = (f"<strong>{inline(band_text(score))}</strong>" + (f" ({span(score.band)}{unit})" if score.band else "")
            + band_notes(score))
    meaning = inline(score.band.description) if score.band and score.band.description else ""
    done = f", completed {inline(day(audit.completed))}" if audit.completed else ""
    raters = f" Rated by {raters_text(audit.raters)}." if audit.raters else ""
    summary = "".join([
        markup.para(f"{review_title(audit.review)} against version {inline(score.version)}{done}.{raters}"),
        markup.para(f"{'Band' if score.bands else 'Verdict'}: {band}, from {inline(a_review(audit.review))}."
                    + (f" Score: <strong>{total_text(score)}</strong>." if score.items else ""), "spread-score"),
        markup.para(meaning), _flags(score), _sections(score)])
    worked = markup.details("How this score was worked out", markup.bullets(inline(line) for line in explain(score)))
    return section(heading(2, f"{latest_words(audit.review)}: {text(score.period)}", indexed=False), summary,
                   _weakest(score), _goals(score), worked)


def review_title(review: str | None) -> str:
    """`Independent review`, `Self-audit`: who rated, at the start of a sentence or in a table cell."""
    said = inline(review_words(review))
    return said[:1].upper() + said[1:]


def latest_words(review: str | None) -> str:
    """`Latest independent review`, `Latest self-audit`: the heading says who rated."""
    return f"Latest {review_words(review)}"


def raters_text(raters: tuple[Rater, ...]) -> str:
    """`network visitor (Breathe Together network office) and respiratory link (North Bristol NHS Trust)`."""
    def one(r: Rater) -> str:
        where = [inline(r.organisation)] if r.organisation else []
        where += [f"site {inline(r.site)}"] if r.site else []
        named = f" {inline(r.name)}" if r.name else ""
        return inline(r.role.replace("-", " ")) + named + (f" ({', '.join(where)})" if where else "")
    said = [one(r) for r in raters]
    return ", ".join(said[:-1]) + f" and {said[-1]}" if len(said) > 1 else said[0]
