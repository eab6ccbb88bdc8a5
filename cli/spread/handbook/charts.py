"""Charts drawn as inline SVG: no JavaScript, nothing fetched, and readable without colour.

Every point carries its value as text and its band's word, every chart has a `<title>` and `<desc>` for screen
readers, and the page always gives the same numbers in words beside it.

The charts reflow rather than shrink: they have no `viewBox`, so nothing is scaled; across the page they are
placed in percentages of their width, and down it in pixels. Their text therefore stays at the stylesheet's size
(13 px, never below 12) on a phone as on a wide screen, and the plot stretches or narrows between the labels.
Colours come from the one ordered palette (`palette`): a band's colour on its point or bar, its word beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spread.handbook.escaping import html
from spread.handbook.palette import NONE
from spread.report.text import version_break

HEIGHT = 260
TOP, BOTTOM = 30, 50
X0, X1 = 12.0, 98.0  # the plot's left and right edges, in percent of the chart's width: the axis labels sit left
TICKS = (0, 50, 100)


@dataclass(frozen=True)
class Point:
    label: str              # the x-axis label: a period such as 2026-Q3
    value: float | None     # 0–100, or None for an audit without a score
    note: str               # the band in words, or why there is no score
    shown: str = ""         # the value as every report shows it, e.g. `58%` (`scoring.shown.percent`)
    version: str = ""       # the playbook version audited: where it changes, the line breaks
    step: str = NONE        # the band's class in the palette


def _pc(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> str:
    """One line of SVG (every element and line break in it is parsed several times over by the engine)."""
    head = (f'<svg class="spread-svg" width="100%" height="{height}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc">')
    return "".join([head, f'<title id="{chart_id}-title">{html(title)}</title>',
                    f'<desc id="{chart_id}-desc">{html(desc)}</desc>', *body, "</svg>"])


def _y(value: float) -> int:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - max(0.0, min(value, 100.0)) / 100))


def trend(chart_id: str, title: str, points: Sequence[Point]) -> str:
    """A line of scores, as percent of the maximum, one point per audit, oldest on the left: a square in its band's
    colour, its value above and its band's word below. An audit without a score is a gap in the line, marked
    "no score" half-way up, never a point at 0%. Where the playbook version changes the line breaks at a dashed
    rule naming the new version: the scores are not comparable."""
    step = (X1 - X0) / max(len(points), 1)
    body = [f'<line class="spread-grid" x1="{_pc(X0)}" x2="{_pc(X1)}" y1="{_y(t)}" y2="{_y(t)}"/>' for t in TICKS]
    body += [f'<text class="spread-axis" x="{_pc(X0 - 1)}" y="{_y(t) + 4}">{t}%</text>' for t in TICKS]
    lines, marks, labels = [], [], []
    last: tuple[str, int] | None = None  # the point the line continues from
    for i, p in enumerate(points):
        x = _pc(X0 + step * (i + 0.5))
        if i and p.version != points[i - 1].version:
            last = None  # a new version may rate and band differently: the line stops at a rule that says so
            edge = _pc(X0 + step * i)
            lines.append(f'<line class="spread-break" x1="{edge}" x2="{edge}" y1="{TOP - 14}" y2="{_y(0)}"/>')
            labels.append(f'<text class="spread-version" x="{edge}" dx="4" y="{TOP - 16}">{html(p.version)}</text>')
        labels.append(f'<text class="spread-period" x="{x}" y="{HEIGHT - BOTTOM + 22}">{html(p.label)}</text>')
        if p.value is None:
            last = None
            labels.append(f'<text class="spread-gap" x="{x}" y="{_y(50) - 8}">no score</text>')
            continue
        y = _y(p.value)
        if last is not None:
            lines.append(f'<line class="spread-line" x1="{last[0]}" y1="{last[1]}" x2="{x}" y2="{y}"/>')
        last = (x, y)
        marks.append(f'<rect class="spread-point {p.step}" x="{x}" y="{y - 6}" width="12" height="12" '
                     'transform="translate(-6 0)"/>')
        labels.append(f'<text class="spread-value" x="{x}" y="{y - 12}">{html(p.shown)}</text>')
        labels.append(f'<text class="spread-word" x="{x}" y="{y + 22}">{html(p.note)}</text>')
    desc = "; ".join((f"{version_break(p.version, p.label)}; " if i and p.version != points[i - 1].version else "")
                     + f"{p.label}: {p.shown if p.value is not None else 'no score'}, {p.note}"
                     for i, p in enumerate(points))
    return _svg(chart_id, title, desc or "No audits yet.", HEIGHT, body + lines + marks + labels)


def bars(chart_id: str, title: str, rows: Sequence[tuple[str, int, str]]) -> str:
    """Horizontal bars, one per (label, count, palette class): the label above its bar, the count after it, so a
    long label never squeezes the bars on a narrow screen."""
    top = max((count for _, count, _ in rows), default=0) or 1
    row_h, bar_h = 46, 18
    body = []
    for i, (label, count, step) in enumerate(rows):
        y = 6 + i * row_h
        width = _pc(90 * count / top)
        body.append(f'<text class="spread-bar-label" x="0" y="{y + 14}">{html(label)}</text>')
        body.append(f'<rect class="spread-bar {step}" x="0" y="{y + 20}" width="{width}" height="{bar_h}"/>')
        body.append(f'<text class="spread-count" x="{width}" dx="6" y="{y + 34}">{count}</text>')
    desc = "; ".join(f"{label}: {count}" for label, count, _ in rows)
    return _svg(chart_id, title, desc or "Nothing to show.", 8 + len(rows) * row_h, body)


def figure(svg: str, caption: str) -> str:
    """A chart as a raw HTML block (so Markdown leaves it alone), with a visible caption."""
    return f'<figure class="spread-chart">{svg}<figcaption>{html(caption)}</figcaption></figure>'
