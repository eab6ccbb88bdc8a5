"""`spread check` from the outside: exit codes, formats, paths, schema positions and hostile files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO, Run, write

SITE = "fidelity/demo/leeds/site.yaml"


def test_the_example_network_passes(run: Run) -> None:
    result = run("check", "--repo", REPO)
    assert result.exit_code == 0, result.output
    assert " error:" not in result.stdout


def test_clean_repository_exit_0_from_inside_it(run: Run, demo: Path) -> None:
    result = run("check", cwd=demo / "fidelity")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No problems found.\n")


def test_problems_exit_1_with_a_summary(run: Run, demo: Path) -> None:
    (demo / SITE).write_text((demo / SITE).read_text().replace("stage: installation", "stage: instalation"))
    result = run("check", "--repo", demo)
    assert result.exit_code == 1
    assert result.stdout == (f"{SITE}:5:8: error: `stage` cannot be \"instalation\": did you mean `installation`? "
                             "[schema-enum]\n")
    assert result.stderr == "1 error in 1 file.\n"  # one summary, not a second "Error:" line


def test_bad_usage_exit_2(run: Run, demo: Path, tmp_path: Path) -> None:
    assert run("check", "--repo", demo, "--format", "xml").exit_code == 2
    assert run("check", "--repo", demo, demo / "nothing-here").exit_code == 2
    result = run("check", "--repo", demo, tmp_path)
    assert result.exit_code == 2
    assert "is outside the handbook repository" in result.stderr


def test_no_repository_here(run: Run, tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.exit_code == 1
    assert "no Spread handbook found" in result.stderr and "spread init" in result.stderr


def test_json_format_has_the_same_problems(run: Run, demo: Path) -> None:
    (demo / SITE).write_text((demo / SITE).read_text().replace("started: 2026-03-01", "started: 2026-02-30"))
    result = run("check", "--repo", demo, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload == {"ok": False, "errors": 1, "warnings": 0, "problems": [{
        "path": SITE, "line": 6, "col": 10, "severity": "error", "rule": "schema-format",
        "message": "`started` is \"2026-02-30\", which is not a real date: check the day and the month"}]}


def test_a_badly_written_date_is_one_problem(run: Run, demo: Path) -> None:
    (demo / SITE).write_text((demo / SITE).read_text().replace("started: 2026-03-01", "started: 01/03/2026"))
    result = run("check", "--repo", demo)
    assert result.stdout == (f"{SITE}:6:10: error: `started` is \"01/03/2026\": write the date as YYYY-MM-DD, for "
                             "example 2026-03-01 [schema-pattern]\n")


def test_github_format(run: Run, demo: Path) -> None:
    (demo / SITE).write_text((demo / SITE).read_text().replace("name: Demo Leeds", "nmae: Demo Leeds"))
    result = run("check", "--repo", demo, "--format", "github")
    assert result.exit_code == 1
    assert (f"::error file={SITE},line=2,col=1,title=schema-additionalProperties::`nmae` is not a field Spread knows "
            "here: did you mean `name`?") in result.stdout.splitlines()


def test_paths_limit_what_is_reported(run: Run, demo: Path) -> None:
    audit = demo / "fidelity/demo/leeds/audits/2026-Q2.yaml"
    audit.write_text(audit.read_text().replace("review: self", "review: selfish"))
    (demo / SITE).write_text((demo / SITE).read_text().replace("stage: installation", "stage: nope"))
    only_site = run("check", "--repo", demo, demo / SITE)
    assert [line.split(":")[0] for line in only_site.stdout.splitlines()] == [SITE]
    both = run("check", "--repo", demo, demo / "fidelity/demo/leeds")
    assert len(both.stdout.splitlines()) == 2


def test_schema_errors_point_at_the_line(run: Run, demo: Path) -> None:
    write(demo / SITE, """
        id: leeds
        name: Demo Leeds
        playbook: {id: demo, version: "1.0"}
        host: {name: Leeds Circles CIC, type: charty}
        started: 2026-03-01
        adaptations:
          - component: venue
            choice: library
            reason: 5
        """)
    result = run("check", "--repo", demo)
    assert result.stdout.splitlines() == [
        f"{SITE}:1:1: error: this file is missing the required field `stage`: add it. Where the site is in "
        "implementation: one of NIRN's four stages (exploration, installation, initial-implementation, "
        "full-implementation), or paused or closed. [schema-required]",
        f"{SITE}:3:31: error: `version` is \"1.0\": write the version as MAJOR.MINOR.PATCH, for example 1.0.0 "
        "[schema-pattern]",
        f"{SITE}:4:39: error: `type` cannot be \"charty\": did you mean `charity`? [schema-enum]",
        f"{SITE}:9:13: error: `reason` should be text, not 5 [schema-type]",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ":1:1: error: this file is empty: it should hold a YAML mapping of fields [yaml-empty]"),
        (b"- a\n- b\n", ":1:1: error: this file should be a mapping of fields (`id: …`), not a list "
                        "[yaml-not-mapping]"),
        (b"just words\n", ":1:1: error: this file should be a mapping of fields (`id: …`), not a single "
                          "value [yaml-not-mapping]"),
        (b"\x00\x01\x02binary", ":1:1: error: this is a binary file, not YAML text: check you saved the right file "
                                "[file-binary]"),
        (b"id: leeds\nid: york\n", ":2:1: error: `id` appears twice in this mapping (first on line 1): keep one and "
                                   "delete the other [yaml-duplicate-key]"),
        (b"id: !!python/object:os.system leeds\n", ":1:5: error: the tag `!!python/object:os.system` is not allowed: "
         "Spread files hold only text, numbers, true/false, lists and mappings [yaml-unsafe-tag]"),
        (b"id: leeds\n" + b"x: " + b"[" * 100 + b"]" * 100 + b"\n", ":2:68: error: values are nested more than 64 "
         "levels deep here: Spread files are never this deep [yaml-too-deep]"),
    ],
)
def test_hostile_site_files_give_one_line_not_a_traceback(run: Run, demo: Path, content: bytes, expected: str) -> None:
    (demo / SITE).write_bytes(content)
    result = run("check", "--repo", demo)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [SITE + expected]


def test_a_ten_megabyte_audit(run: Run, demo: Path) -> None:
    big = demo / "fidelity/demo/leeds/audits/2026-Q3.yaml"
    big.write_bytes(b"notes: '" + b"x" * (10 * 1024 * 1024) + b"'\n")
    result = run("check", "--repo", demo)
    assert result.stdout == ("fidelity/demo/leeds/audits/2026-Q3.yaml:1:1: error: this file is 10.0 MB; Spread reads "
                             "files up to 5 MB. Is it the right file? [file-too-large]\n")


def test_unexpected_errors_are_one_line_with_a_way_to_see_more(run: Run, demo: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import spread.check.run

    def broken(*_: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(spread.check.run, "check_repository", broken)
    result = run("check", "--repo", demo)
    assert result.exit_code == 3
    assert result.stderr == ("Error: Spread hit an unexpected problem (KeyError: 'boom'). Please report it; run again "
                             "with --traceback for the details.\n")
    with pytest.raises(KeyError):
        run("--traceback", "check", "--repo", demo)
