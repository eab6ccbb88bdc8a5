"""A playbook page's programme reviews: for each review its playbook declares, the latest result and the whole
history (period, date, who reviewed, score, band, change), with the trend drawn as the site pages draw theirs.
Every number is `spread review score`'s (`scoring.review`), shown the way the command line shows it."""

from __future__ import annotations

from spread.handbook import markup
from spread.handbook.blocks import heading, section
from spread.handbook.charts import Point, figure, trend
from spread.handbook.escaping import text
from spread.handbook.markup import inline
from spread.handbook.score import band_notes, total_text
from spread.handbook.words import day
from spread.model.audit import review_words
from spread.model.playbook import Playbook
from spread.model.review import ReviewKind
from spread.scoring import shown
from spread.scoring.results import Score
from spread.scoring.review import Reviewed
from spread.scoring.text import change_line

INTRO = ("Reviews of the programme itself, rather than of one site: each is rated on its own instrument, "
         "declared in the playbook, and scored by the same rules as a site's self-audit.")


def _who(review: str | None) -> str:
    """Who rated, said of a programme: `independent review`, `self-assessment`."""
    return review_words(review).replace("self-audit", "self-assessment")


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _band(score: Score | None) -> str:
    if score is None:
        return "not scored (run `spread check`)"
    if score.band is None:
        return f"no band ({score.rated} of {score.count} items rated)"
    return inline(score.band.name) + band_notes(score)


def _flags(score: Score) -> str:
    below = [f"{inline(r.item.id)} {inline(r.item.title)}: {r.score}, minimum {r.item.min}" for r in score.below_min]
    return markup.para("Below their minimum, whatever the total: " + "; ".join(below) + ".") if below else ""


def _latest(kind: ReviewKind, last: Reviewed) -> str:
    review, score = last.review.audit, last.score
    done = f", completed {inline(day(review.completed))}" if review.completed else ""
    lines = [markup.para(f"Latest: {inline(review.period)}, {inline(_who(review.review))} of version "
                         f"{inline(review.version)}{done}.")]
    titles = {}
    if score is not None:
        meaning = inline(score.band.description) if score.band and score.band.description else ""
        lines += [markup.para(f"Band: <strong>{_band(score)}</strong>. Score: <strong>{total_text(score)}</strong>.",
                              "spread-score"), markup.para(meaning), _flags(score)]
        titles = {r.item.id: f"{r.item.id} {r.item.title}" for r in score.items}
    actions = [[inline(titles.get(a.item or "", a.item or "")), inline(a.action or ""), inline(a.owner or ""),
                inline(day(a.due))] for a in review.actions]
    if actions:
        lines += [markup.para("Action plan:"), markup.table(["Item", "Action", "Owner", "Due"], actions)]
    return "".join(lines)


def _trend(pb: Playbook, kind: ReviewKind, history: list[Reviewed]) -> str:
    points = [Point(r.review.period, None if r.score is None or r.score.percent is None else float(r.score.percent),
                    _band(r.score) if r.score is None or r.score.band is None else r.score.band.name,
                    shown.percent(r.score) if r.score else "", r.review.version) for r in history]
    chart = trend(f"review-{pb.id}-{kind.id}", f"{kind.title} over time", points)
    words = "; ".join(f"{p.label}: {p.shown or 'no score'} ({p.note})" for p in points)
    return figure(chart, f"Score at each review, as a percentage of the maximum: {words}.")


def _history(history: list[Reviewed]) -> str:
    rows = [[inline(r.review.period), inline(day(r.review.audit.completed)), inline(r.review.version),
             inline(_capital(_who(r.review.audit.review))), total_text(r.score) if r.score else "",
             _band(r.score), inline(change_line(r.change).split(": ", 1)[1]) if r.change else ""]
            for r in reversed(history)]
    return markup.table(["Period", "Completed", "Version", "Reviewed by", "Score", "Band", "Change since the one before"],
                        rows)


def reviews_section(pb: Playbook, histories: dict[str, list[Reviewed]]) -> str:
    """The section, or nothing for a playbook that declares no review."""
    if not pb.reviews:
        return ""
    parts = []
    for kind in pb.reviews:
        history = histories.get(kind.id, [])
        about = text(kind.description) if kind.description else ""
        if not history:
            body = markup.para(f"No review has been recorded yet: prepare one with <code>spread review new "
                               f"{inline(pb.id)}/{inline(kind.id)}</code>.")
        else:
            body = _latest(kind, history[-1]) + _trend(pb, kind, history) + _history(history)
        parts.append(section(heading(3, text(kind.title)), about, body))
    return section(heading(2, "Programme reviews"), INTRO, *parts)
