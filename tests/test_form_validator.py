"""The self-audit form's schema check: the audit schema precompiled by Ajv into assets/vendor/audit-validator.js.

The file is generated (tests/js/build-audit-validator.js) and committed, so a handbook needs no Node.js to build; this
test regenerates it and fails, saying what to run, when the schema changed without it. It also holds the file to
the handbook's security policy: no `eval`, no `new Function`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import REPO

VENDOR = REPO / "cli/spread/handbook/assets/vendor"
SCRIPT = REPO / "tests/js/build-audit-validator.js"


def test_the_committed_validator_is_the_audit_schema_as_it_is_now(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "install Node.js to run the form validator's test"
    assert (REPO / "tests/js/node_modules/ajv/package.json").is_file(), "run `npm ci --prefix tests/js` to install Ajv"
    fresh = tmp_path / "audit-validator.js"
    subprocess.run([node, str(SCRIPT), str(fresh)], check=True, capture_output=True, timeout=120)
    assert fresh.read_text(encoding="utf-8") == (VENDOR / "audit-validator.js").read_text(encoding="utf-8"), (
        "schemas/audit.schema.json changed: run `node tests/js/build-audit-validator.js` and commit "
        "cli/spread/handbook/assets/vendor/audit-validator.js")


def test_the_validator_runs_under_the_handbooks_security_policy_and_carries_its_licence() -> None:
    code = (VENDOR / "audit-validator.js").read_text(encoding="utf-8")
    assert "new Function" not in code and "eval(" not in code
    assert "Ajv" in code.splitlines()[0] and "LICENSE-ajv" in code.splitlines()[1]
    assert "Permission is hereby granted" in (VENDOR / "LICENSE-ajv").read_text(encoding="utf-8")
