"""Charts drawn as inline SVG: no JavaScript, nothing fetched, and readable without colour.

Every point carries its value as text and its own marker shape, every chart has a `<title>` and `<desc>`
for screen readers, and the page always puts the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spread.handbook.escaping import html
from spread.report.text import version_break

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 28, 36
TICKS = (0, 50, 100)


@dataclass(frozen=True)
class Point:
    label: str              # the x-axis label: a period such as 2026-Q3
    value: float | None     # 0–100, or None for an audit without a score
    note: str               # for the description read aloud: the band, or why there is no score
    shown: str = ""         # the value as every report shows it, e.g. `58%` (`scoring.shown.percent`)
    version: str = ""       # the playbook version audited: where it changes, the line breaks


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> str:
    """One line of SVG: a site page carries a chart, and every element and line break in it is parsed
    several times over by MkDocs, so shapes are merged into single paths wherever that changes nothing a
    reader sees. Text alignment comes from the stylesheet rather than an attribute on every label."""
    head = (f'<svg class="spread-svg" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc">')
    return "".join([head, f'<title id="{chart_id}-title">{html(title)}</title>',
                    f'<desc id="{chart_id}-desc">{html(desc)}</desc>', *body, "</svg>"])


def _y(value: float, plot_h: float) -> str:
    return f"{TOP + plot_h * (1 - max(0.0, min(value, 100.0)) / 100):.1f}".removesuffix(".0")


def trend(chart_id: str, title: str, points: Sequence[Point]) -> str:
    """A line of scores, as percent of the maximum, one point per audit, oldest on the left: each point a
    square marker with its value written above it, an audit without a score a hollow circle on the axis. Where the
    playbook version changes the line breaks at a dashed rule naming the new version: the scores are not comparable."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    grid = "".join(f"M{LEFT} {_y(t, plot_h)}H{WIDTH - RIGHT}" for t in TICKS)
    body = [f'<path class="spread-grid" d="{grid}"/>']
    body += [f'<text class="spread-axis" x="{LEFT - 8}" y="{float(_y(t, plot_h)) + 4:g}">{t}%</text>' for t in TICKS]
    step = plot_w / max(len(points), 1)
    lines: list[list[str]] = [[]]
    squares, hollow, labels, breaks = [], [], [], []
    for i, p in enumerate(points):
        x = f"{LEFT + step * (i + 0.5):.1f}".removesuffix(".0")
        if i and p.version != points[i - 1].version:
            # A new version may rate and band differently: the line stops, a dashed rule marks where, and says what.
            lines.append([])
            edge = f"{LEFT + step * i:.1f}".removesuffix(".0")
            breaks.append(f"M{edge} {TOP - 12}V{TOP + plot_h}")
            labels.append(f'<text class="spread-version" x="{float(edge) + 4:g}" y="{TOP - 14}">{html(p.version)}'
                          "</text>")
        labels.append(f'<text class="spread-period" x="{x}" y="{HEIGHT - BOTTOM + 22}">{html(p.label)}</text>')
        if p.value is None:
            hollow.append(f"M{float(x) - 5:g} {TOP + plot_h:g}a5 5 0 1 0 10 0a5 5 0 1 0-10 0")
            labels.append(f'<text class="spread-value" x="{x}" y="{TOP + plot_h - 10:g}">no score</text>')
            continue
        y = _y(p.value, plot_h)
        lines[-1].append(f"{x},{y}")
        squares.append(f"M{float(x) - 5:g} {float(y) - 5:g}h10v10h-10z")
        labels.append(f'<text class="spread-value" x="{x}" y="{float(y) - 10:g}">{html(p.shown)}</text>')
    body += [f'<polyline class="spread-line" points="{" ".join(xy)}"/>' for xy in lines if len(xy) > 1]
    if breaks:
        body.append(f'<path class="spread-break" d="{"".join(breaks)}"/>')
    if squares:
        body.append(f'<path class="spread-point" d="{"".join(squares)}"/>')
    if hollow:
        body.append(f'<path class="spread-hollow" d="{"".join(hollow)}"/>')
    desc = "; ".join((f"{version_break(p.version, p.label)}; " if i and p.version != points[i - 1].version else "")
                     + f"{p.label}: {p.shown if p.value is not None else 'no score'}, {p.note}"
                     for i, p in enumerate(points))
    return _svg(chart_id, title, desc or "No audits yet.", HEIGHT, body + labels)


def bars(chart_id: str, title: str, rows: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars with the label and the count written beside each bar."""
    top = max((count for _, count in rows), default=0) or 1
    label_w, bar_h, gap = 170, 22, 12
    height = TOP + len(rows) * (bar_h + gap)
    body = []
    for i, (label, count) in enumerate(rows):
        y = TOP / 2 + i * (bar_h + gap)
        width = (WIDTH - label_w - 80) * count / top
        body.append(f'<text class="spread-axis" x="{label_w - 10}" y="{y + 16}">{html(label)}</text>')
        body.append(f'<rect class="spread-bar spread-bar-{i % 4}" x="{label_w}" y="{y}" width="{width:.1f}" '
                    f'height="{bar_h}"/>')
        body.append(f'<text class="spread-count" x="{label_w + width + 8:.1f}" y="{y + 16}">{count}</text>')
    desc = "; ".join(f"{label}: {count}" for label, count in rows)
    return _svg(chart_id, title, desc or "Nothing to show.", height, body)


def figure(svg: str, caption: str) -> str:
    """A chart as a raw HTML block (so Markdown leaves it alone), with a visible caption."""
    return f'<figure class="spread-chart">{svg}<figcaption>{html(caption)}</figcaption></figure>'
