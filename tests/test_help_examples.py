"""Every example in every `--help` names what the example network really has: playbooks, sites, audit files,
versions, local components and their options, and bands; and a new site or audit it sets up is not there yet."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import click
import pytest

from conftest import REPO, Run
from spread.cli import cli
from spread.model.review import review_path
from spread.network.repo import Network, load_network
from test_commands_alike import commands


@pytest.fixture(scope="module")
def network() -> Network:
    return load_network(REPO)


def examples(run: Run) -> list[tuple[tuple[str, ...], list[str]]]:
    """(the command's words, the arguments of one example), for every example line of every help text."""
    found = []
    for words, _ in [((), cli), *commands()]:
        shown = run(*words, "--help").stdout
        block = shown.split("Examples:" if "Examples:" in shown else "Example:", 1)[-1] if "Example" in shown else ""
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("spread "):
                typed = re.split(r"\s{2,}", line)[0]  # an example may be followed by what it does
                found.append((words, shlex.split(typed)[1:]))
    return found


def parsed(args: list[str]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The command an example runs, and its parameters as click reads them."""
    group: click.Command = cli
    words: list[str] = []
    ctx = click.Context(cli)
    while isinstance(group, click.Group) and args and args[0] in group.list_commands(ctx):
        words.append(args[0])
        group = group.get_command(ctx, args.pop(0))  # type: ignore[assignment]
    cut = args.index(">") if ">" in args else len(args)  # a shell redirection is not the command's
    params = group.make_context(" ".join(words), args[:cut], resilient_parsing=True).params
    return tuple(words), params


def site_of(network: Network, ref: str) -> tuple[str, str]:
    parts = Path(ref).parts
    key = (parts[1], parts[2]) if parts[0] == "fidelity" else tuple(ref.split("/"))
    assert key in network.sites, f"there is no site {ref}"
    return key  # type: ignore[return-value]


def known_versions(network: Network, playbook: str) -> set[str]:
    return {*network.versions(playbook), network.playbooks[playbook].version}


def check_review(network: Network, params: dict[str, Any]) -> None:
    """`spread review …`: a review the example network's playbook declares, and a period it has no review of."""
    ref = params.get("ref") or params.get("target")
    if ref.endswith(".yaml"):
        assert (REPO / ref).is_file(), f"there is no file {ref}"
        ref = "/".join(Path(ref).parts[1:4:2])
    playbook, kind_id = ref.split("/")
    assert playbook in network.playbooks, f"there is no playbook {playbook}"
    kind = network.playbooks[playbook].review(kind_id)
    assert kind is not None, f"{playbook} declares no review {kind_id}"
    period = params.get("period")
    assert period is None or not (REPO / review_path(playbook, kind_id, period)).exists(), f"{ref} has a {period} review"
    if params.get("fail_under") is not None:
        assert params["fail_under"] in {band.label for band in kind.instrument.bands}, f"no band {params['fail_under']}"


def check(network: Network, words: tuple[str, ...], params: dict[str, Any]) -> None:
    if words[0] == "review":
        check_review(network, params)
        return
    playbook = params.get("playbook_id") or params.get("playbook")
    ref = params.get("site_ref") or params.get("ref") or params.get("target")
    if words == ("playbook", "new"):
        assert playbook not in network.playbooks, f"{playbook} is already a playbook"
    elif playbook is not None:
        assert playbook in network.playbooks, f"there is no playbook {playbook}"
    if words == ("site", "new"):
        assert (playbook, params["site_id"]) not in network.sites, "the new site is already there"
    if ref is not None and ref.endswith(".yaml"):
        assert (REPO / ref).is_file(), f"there is no file {ref}"
        playbook = Path(ref).parts[1]
    elif ref is not None:
        key = site_of(network, ref)
        playbook = key[0]
        period = params.get("period")
        if period is not None:
            assert period not in {a.period for a in network.audits.get(key, [])}, f"{ref} has a {period} audit"
    for given in params.get("sets") or ():
        component, choice = given.split("=", 1)
        local = next((c for c in network.playbooks[playbook].local if c.id == component), None)
        assert local is not None, f"{playbook} has no local component {component}"
        assert not local.options or choice in {o.id for o in local.options}, f"{choice} is not an option of {component}"
    for name in ("version", "to_version", "old", "new"):
        if params.get(name) not in (None, "working"):
            assert params[name] in known_versions(network, playbook), f"{playbook} has no version {params[name]}"
    if params.get("fail_under") is not None:
        bands = {band.label for band in network.playbooks[playbook].instrument.bands}
        assert params["fail_under"] in bands, f"{params['fail_under']} is not a band of {playbook}: {sorted(bands)}"


def test_every_help_example_names_what_the_example_network_has(run: Run, network: Network) -> None:
    found = examples(run)
    assert len(found) > 30
    wrong = []
    for _, args in found:
        command, params = parsed(list(args))
        try:
            for arg in args:  # a path to a file or folder of the repository (a type that checks it gives None here)
                assert not arg.startswith(("fidelity/", "playbooks/")) or (REPO / arg).exists(), f"there is no {arg}"
            check(network, command, params)
        except AssertionError as exc:
            wrong.append(f"spread {' '.join(args)}: {str(exc).splitlines()[0]}")
    assert wrong == [], "\n".join(wrong)


def test_option_help_names_a_component_of_the_playbook_its_examples_use(run: Run, network: Network) -> None:
    """`--set COMPONENT=CHOICE` in an option's own help is an example too: of the playbook the command's examples
    set choices for (`--set venue=library` beside `spread site new code-club …` would send a reader astray)."""
    found = examples(run)
    for words, _ in commands():
        named = [parsed(list(args))[1] for used, args in found if used == words]
        setting = {p.get("playbook_id") for p in named if p.get("sets")} or {p.get("playbook_id") for p in named}
        shown = " ".join(run(*words, "--help").stdout.split())  # an option's help is wrapped
        for component, choice in re.findall(r"--set ([a-z0-9-]+)=([a-z0-9-]+)", shown):
            for playbook in setting - {None}:
                local = {c.id: {o.id for o in c.options} for c in network.playbooks[playbook].local}
                assert choice in local.get(component, set()), (words, playbook, component, choice)
