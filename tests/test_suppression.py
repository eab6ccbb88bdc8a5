"""Small numbers are never published: a handbook is built from a network with figures and survey answers about
fewer than 5 people, and every file of the website (pages, search index, CSV downloads) is searched for what those
figures would have said. `spread report` in every format is searched the same way."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest

from conftest import HANDBOOK_TODAY, Run, copy_example
from spread.model.playbook import Playbook
from spread.network.repo import Network, load_network
from spread.report.rollup import component_levels
from spread.scoring.figures import figure_result, people_in
from spread.scoring.privacy import is_small
from spread.scoring.score import score_audit
from spread.scoring.voice import component_voice

pytestmark = pytest.mark.slow

# Planted beside the example's own small numbers: values no page could show by chance.
PLANTED = "fidelity/peer-diabetes/swansea/audits/2026-Q3.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from spread.cli import cli

    root = copy_example(tmp_path_factory.mktemp("small") / "handbook")
    path = root / PLANTED
    text = path.read_text(encoding="utf-8")
    assert "  activation: {mean: 0.5, n: 3}\n" in text and "hba1c" not in text
    path.write_text(text.replace("  activation: {mean: 0.5, n: 3}\n", "  activation: {mean: 7.913, n: 3}\n"
                                 "  hba1c: {mean: -6.271, n: 2}\n"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["publish", "--repo", str(root), "--today", HANDBOOK_TODAY],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def unsuppressed(pb: Playbook) -> Playbook:
    return dataclasses.replace(pb, suppress_below=0)


def would_say(network: Network) -> list[str]:
    """What each suppressed figure and survey answer would have shown, had it been published."""
    found = []
    for audits in network.audits.values():
        for audit in audits:
            pb = network.playbook_version(audit.playbook, audit.version)
            if pb is None:
                continue
            for measure in pb.measures:
                figure = audit.figures.get(measure.id)
                if figure is not None and is_small(people_in(measure, figure), pb.suppress_below):
                    shown = figure_result(unsuppressed(pb), measure, figure, audit.period)
                    found += [shown.shown, *([shown.number] if "." in (shown.number or "") else [])]
            levels = component_levels(score_audit(pb, audit))
            small = [v for v in component_voice(pb, audit, levels) if v.suppressed]
            for voice in component_voice(unsuppressed(pb), audit, levels):
                if voice.component in {v.component for v in small}:
                    found.append(voice.shown)
    return found


def said(secret: str, text: str) -> bool:
    """Whether `text` says `secret` as a figure of its own (not `3 people` inside `23 people`)."""
    return re.search(rf"(?<![\w.]){re.escape(secret)}(?!\w)", text) is not None


def published(root: Path) -> dict[str, str]:
    """Every file of the built website as the text a reader (or a program) gets from it."""
    texts = {}
    for path in (root / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".txt", ".yaml"):
            raw = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".json":
                raw += json.dumps(json.loads(raw), ensure_ascii=False)
            texts[path.relative_to(root / "site").as_posix()] = " ".join(html.unescape(html.unescape(raw)).split())
    return texts


def test_no_suppressed_figure_reaches_any_file_of_the_handbook(built: Path) -> None:
    network = load_network(built)
    hidden = would_say(network)
    assert "7.91 PAM points (n = 3)" in hidden and "-6.27 mmol/mol (n = 2)" in hidden  # the planted ones
    assert len(hidden) >= 10, hidden
    texts = published(built)
    assert any(name.endswith(".csv") for name in texts) and "search/search_index.json" in texts
    # The search reads what is published: a figure that is shown is found (so an absence means something).
    assert any("5.60 PAM points (n = 31)" in text for text in texts.values())
    for secret in ("7.913", "7.91", "6.271", "6.27", *hidden):
        leaks = [name for name, text in texts.items() if said(secret, text)]
        assert not leaks, f"{secret!r} is published in {leaks[:5]}"
    site = texts["playbooks/peer-diabetes/sites/swansea.html"]
    assert "fewer than 5" in site and "fewer than 5 answered" in site


def test_no_suppressed_figure_in_any_report_format(run: Run, built: Path) -> None:
    hidden = would_say(load_network(built))
    outputs = [run("report", "--repo", built, "--today", HANDBOOK_TODAY, *extra).stdout
               for extra in ([], ["--format", "json"], ["--format", "csv"], ["--format", "csv", "--table", "figures"],
                             ["--format", "csv", "--table", "voice"])]
    assert "7.913" not in "".join(outputs) and "6.271" not in "".join(outputs)
    for secret in hidden:
        assert not any(said(secret, out) for out in outputs), secret
