"""The words are the field's: NIRN's stages (and the others named for what they are), configuration that is not
called adaptation, prohibited variations as patterns. Through the real command line, on the example network."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, Run

BRISTOL = "fidelity/breathe-together/bristol/site.yaml"


def test_stages_are_nirns_four_then_paused_and_closed() -> None:
    stage = json.loads((REPO / "schemas/site.schema.json").read_text())["properties"]["stage"]
    assert stage["enum"] == ["exploration", "installation", "initial-implementation", "full-implementation",
                             "paused", "closed"]


def test_an_old_sustainment_stage_says_which_stage_to_use(run: Run, example: Path) -> None:
    site = example / BRISTOL
    site.write_text(site.read_text().replace("stage: full-implementation", "stage: sustainment"))
    result = run("check", "--repo", example, "--today", "2026-11-15")
    assert result.exit_code == 1
    assert (
        f"{BRISTOL}:12:8: error: `stage` cannot be \"sustainment\" any more: sustainment is the last phase of EPIS, not "
        "a NIRN stage: use `full-implementation` for a site running the model as everyday practice (or `paused` or "
        "`closed` if it has stopped) [schema-enum]") in result.stdout.splitlines()


def test_no_example_site_is_in_a_stage_nirn_does_not_name() -> None:
    stages = {line.split(":", 1)[1].strip() for path in (REPO / "fidelity").glob("*/*/site.yaml")
              for line in path.read_text().splitlines() if line.startswith("stage:")}
    assert stages <= {"exploration", "installation", "initial-implementation", "full-implementation", "paused",
                      "closed"}
