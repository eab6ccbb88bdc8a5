"""The home page: what the handbook is, then every playbook as a card.

The introduction is the user's own `docs/index.md` when there is one (everything in it is kept, and the
cards go where it says `<!-- playbooks -->`, or at the end); otherwise a plain default.
"""

from __future__ import annotations

from datetime import date

from spread.handbook import paths
from spread.handbook.blocks import section
from spread.handbook.escaping import text
from spread.handbook.front import network_glance
from spread.handbook.playbook import evidence_level
from spread.handbook.words import STATUS, plural, sentence
from spread.report.rollup import PlaybookReport

MARKER = "<!-- playbooks -->"
DEFAULT_INTRO = """This handbook describes programmes that work, written up as playbooks so that they can run in many places
without losing what makes them work. Each playbook says what every site must keep (its core components) and
what a site may adapt to local needs (its local components). Sites record the choices they make, and rate
themselves regularly against the playbook, so everyone can see how faithfully the model is delivered.
"""


def first_sentence(value: str) -> str:
    words = " ".join(value.split())
    end = words.find(". ")
    return words if end == -1 else words[:end + 1]


def glance(report: PlaybookReport) -> str:
    """Network fidelity in one line: how many sites sit in each band at their latest audit, and how many of those
    bands a critical breach capped or an unrated critical component leaves unverified."""
    names = {band.label: band.title for band in report.playbook.instrument.bands}
    ranked = [b for b in reversed(report.bands) if b[0] in names] + [b for b in report.bands if b[0] not in names]
    counts = [f"{count} {text(names.get(label) or sentence(label).lower())}" for label, count in ranked if count]
    scores = [s.score for s in report.sites if s.score is not None]
    notes = [f"{count} {what}" for count, what in (
        (sum(bool(s.capped_by) for s in scores), "capped by a critical breach"),
        (sum(bool(s.unverified) for s in scores), "unverified")) if count]
    return ", ".join(counts) + (f" ({', '.join(notes)})" if notes else "") if counts else "no sites yet"


def card(report: PlaybookReport) -> str:
    pb = report.playbook
    facts = [f"**Status:** {STATUS.get(pb.status, text(pb.status))}",
             f"**Evidence:** {evidence_level(pb.evidence_level)}",
             f"**Sites:** {len(report.sites)}", f"**Latest audits:** {glance(report)}"]
    lines = [f"### [{text(pb.title)}]({paths.href(paths.HOME, paths.playbook(pb.id))})", "",
             text(first_sentence(pb.summary)), "", *(f"{fact}  " for fact in facts), "",
             f"[Network dashboard]({paths.href(paths.HOME, paths.dashboard(pb.id))})"]
    return "-   " + "\n    ".join(lines).replace("\n    \n", "\n\n")


def home_page(reports: list[PlaybookReport], intro: str | None, site_name: str, today: date | None = None) -> str:
    at_a_glance = network_glance(reports, today) if today is not None and reports else ""
    cards = section(at_a_glance, "## Playbooks", f"{plural(len(reports), 'playbook')} in this handbook." if reports else
                    "No playbooks yet: start one with `spread playbook new`.",
                    section('<div class="grid cards spread-cards" markdown>', *(card(r) for r in reports), "</div>")
                    if reports else "")
    intro = intro if intro is not None else section(f"# {text(site_name)}", DEFAULT_INTRO)
    body = intro.replace(MARKER, cards, 1) if MARKER in intro else section(intro, cards)
    # No title of our own: the theme names the home page by the handbook's name alone, where a page title would
    # make it "Name - Name".
    return body + "\n"

