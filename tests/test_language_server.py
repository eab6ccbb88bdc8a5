"""The editor and `spread check` agree: the real YAML language server (from npm) reports a scaffolded site's error
at the same line as `spread check`, in the words the schema gives it."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, Run, write
from spread.model.schemas import schema

SERVER = REPO / "tests/js/node_modules/.bin/yaml-language-server"
# Editors' defaults, less the schema catalogue: it is fetched from the internet, and the modeline is enough.
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False},
                     "format": {"enable": False}}}


class Client:
    """The smallest Language Server Protocol client: JSON-RPC over the server's stdin and stdout."""

    def __init__(self, root: Path) -> None:
        assert SERVER.exists(), "install the test tools first: npm ci --prefix tests/js"
        self.proc = subprocess.Popen([str(SERVER), "--stdio"], cwd=root, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while True:
            headers: dict[str, str] = {}
            while (line := self.proc.stdout.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                return
            self.inbox.put(json.loads(self.proc.stdout.read(int(headers["content-length"]))))

    def send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait_for(self, wanted: Any, timeout: float = 60) -> dict[str, Any]:
        """The first message `wanted` accepts, answering the server's own requests meanwhile."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.inbox.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError("the YAML language server did not answer in time") from None
            if "id" in message and "method" in message:  # a request from the server to the editor
                items = message.get("params", {}).get("items", [])
                result = [SETTINGS.get(i.get("section"), None) for i in items] if message["method"] == \
                    "workspace/configuration" else None
                self.send({"id": message["id"], "result": result})
            elif wanted(message):
                return message

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        self.reader.join(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


@pytest.fixture
def client(tmp_path: Path) -> Any:
    started = Client(tmp_path)
    yield started
    started.close()


def diagnostics(client: Client, root: Path, path: Path) -> list[dict[str, Any]]:
    init = client.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {
        "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
        "textDocument": {"publishDiagnostics": {}, "hover": {"contentFormat": ["markdown", "plaintext"]}}}})
    client.wait_for(lambda m: m.get("id") == init)
    client.send({"method": "initialized", "params": {}})
    client.send({"method": "workspace/didChangeConfiguration", "params": {"settings": SETTINGS}})
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": path.read_text()}}})
    published = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == path.as_uri() and m["params"]["diagnostics"])
    found: list[dict[str, Any]] = published["params"]["diagnostics"]
    return found


ANSWERS = """
name: Leeds Health Walks
host: {name: Leeds Walking Trust, type: charity}
started: 2026-04-18
choices:
  meeting-point: {choice: library, reason: Central and on every bus route.}
  walk-day: {choice: tuesday, reason: The library's quiet day.}
"""


@pytest.fixture
def scaffolded(run: Run, tmp_path: Path) -> Path:
    """A site written by `spread site new` in a repository written by `spread init`."""
    root = tmp_path / "handbook"
    assert run("init", root).exit_code == 0
    answers = write(tmp_path / "answers.yaml", ANSWERS)
    made = run("site", "new", "walking-groups", "leeds", "--answers", answers, "--no-input", "--repo", root)
    assert made.exit_code == 0, made.output
    return root


def test_a_bad_choice_is_reported_at_the_same_line_as_spread_check(run: Run, client: Client, scaffolded: Path) -> None:
    site = scaffolded / "fidelity/walking-groups/leeds/site.yaml"
    text = site.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/site.schema.json\n")
    site.write_text(text.replace("\nstage: installation\n", "\nstage: instalation\n"))

    checked = run("check", "--format", "json", "--repo", scaffolded)
    assert checked.exit_code == 1
    [problem] = json.loads(checked.stdout)["problems"]
    assert problem["rule"] == "schema-enum"

    [diagnostic] = diagnostics(client, scaffolded, site)
    assert diagnostic["range"]["start"]["line"] + 1 == problem["line"]
    assert diagnostic["range"]["start"]["character"] + 1 == problem["col"]
    # The editor speaks the schema's own words, which are the ones `spread check` uses.
    assert diagnostic["message"] == schema("site")["properties"]["stage"]["errorMessage"]
    assert "installation" in diagnostic["message"] and "installation" in problem["message"]


def test_a_bad_pattern_gets_the_same_advice_in_both(run: Run, client: Client, scaffolded: Path) -> None:
    site = scaffolded / "fidelity/walking-groups/leeds/site.yaml"
    site.write_text(site.read_text().replace("\nstarted: 2026-04-18\n", "\nstarted: 18/04/2026\n"))

    advice = schema("site")["properties"]["started"]["errorMessage"]
    checked = run("check", "--format", "json", "--repo", scaffolded)
    [problem] = [p for p in json.loads(checked.stdout)["problems"] if p["rule"] == "schema-pattern"]
    assert problem["message"].endswith(advice)
    [diagnostic] = [d for d in diagnostics(client, scaffolded, site) if d["message"] == advice]
    assert diagnostic["range"]["start"]["line"] + 1 == problem["line"]


def test_every_yaml_file_spread_writes_points_editors_at_its_schema(run: Run, scaffolded: Path) -> None:
    assert run("playbook", "new", "peer-support", "--repo", scaffolded).exit_code == 0
    made = run("audit", "new", "walking-groups/leeds", "--period", "2026-Q2", "--repo", scaffolded)
    assert made.exit_code == 0, made.output
    written = {"playbooks/walking-groups/playbook.yaml": "playbook", "playbooks/peer-support/playbook.yaml": "playbook",
               "fidelity/walking-groups/leeds/site.yaml": "site",
               "fidelity/walking-groups/leeds/audits/2026-Q2.yaml": "audit"}
    for rel, kind in written.items():
        first = (scaffolded / rel).read_text().splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), rel
        target = ((scaffolded / rel).parent / first[len(prefix):]).resolve()
        assert target == (scaffolded / f"schemas/{kind}.schema.json").resolve(), rel
        assert target.is_file()
