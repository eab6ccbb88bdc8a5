"""The adopt form's messages are `spread site new`'s: each template the page carries, filled in as the form's script
fills it, is the very text the command's own functions give for the same answer, in every example playbook."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import REPO, Run, copy_example
from spread.adopt.answers import Given
from spread.adopt.prompts import given_choice
from spread.handbook.adopt_form import adopt_section
from spread.handbook.adopt_words import form_words
from spread.model.choices import Refused, resolve
from spread.model.ids import not_an_id
from spread.model.playbook import LocalComponent
from spread.network.repo import load_network

NETWORK = load_network(REPO)


def fill(template: str, **values: Any) -> str:
    """What `fill` in assets/spread-adopt.js does."""
    return re.sub(r"\{(value|found|length|what)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def refused(local: LocalComponent, text: str) -> str:
    with pytest.raises(Refused) as caught:
        resolve(local, text)
    return str(caught.value)


def id_message(words: dict[str, Any], site: str) -> str:
    """The script's judgement of an id: too long, then not a slug, then a device name."""
    rule, said = words["id"], {"value": site if len(site) <= 80 else site[:79] + "…", "length": len(site)}
    if len(site) > rule["max"]:
        return fill(rule["long"], **said)
    if not re.fullmatch(rule["slug"], site):
        return fill(rule["shape"], **said)
    assert re.fullmatch(rule["device"], site, re.IGNORECASE | re.DOTALL)
    return fill(rule["reserved"], **said)


@pytest.mark.parametrize("site", ["Leeds North", "", "leeds--north", "a" * 61, "b" * 90, "nul", "COM1", "lpt9.txt"])
def test_an_id_is_refused_in_site_news_words(site: str) -> None:
    assert id_message(form_words(NETWORK.playbooks["code-club"]), site) == not_an_id(site, "leeds-north")


@pytest.mark.parametrize("playbook", sorted(NETWORK.playbooks))
def test_each_choice_is_refused_and_asked_for_in_site_news_words(playbook: str) -> None:
    pb = NETWORK.playbooks[playbook]
    words = form_words(pb)
    assert words["order"] == [local.id for local in pb.local]
    for local in pb.local:
        said = words["components"][local.id]
        assert said["need"] == refused(local, "")
        if not local.free_text:
            assert fill(said["other"], value="Town hall") == refused(local, "Town hall")
        if local.max_length:
            long = "y" * (local.max_length + 7)
            assert fill(said["long"], value=long, length=len(long)) == refused(local, long)
        assert fill(said["reason"], value="Town hall") == given_choice(local, Given(choices={local.id: "Town hall"}),
                                                                      None)
        for option in local.options:
            given = Given(choices={local.id: option.id}, reasons={local.id: "r"}, frames={local.id: {}})
            assert fill(said["describe"], value=option.id) == given_choice(local, given, None)
        for rule, carried in zip(local.prohibited, said["prohibited"], strict=True):
            if local.free_text:
                assert fill(carried["same"], value=rule.text) == refused(local, rule.text)
            for word in rule.words:
                text = f"Our {word} circle"
                assert fill(carried["found"], value=text, found=word) == refused(local, text)
    long = "z" * (words["maxText"] + 3)
    assert fill(words["textLong"], length=len(long)) == refused(LocalComponent("x", "x", free_text=True), long)


def test_the_page_carries_the_words_and_the_command(run: Run, tmp_path: Any) -> None:
    pb = NETWORK.playbooks["code-club"]
    page = adopt_section(pb)
    assert page.startswith("## Adopt this programme { #adopt }")
    assert "spread site new code-club SITE --version 1.0.0 --answers code-club-SITE-answers.yaml --no-input" in page
    # The command the page gives is one `spread site new` takes, as it is.
    network = copy_example(tmp_path / "network")
    (network / "code-club-leeds-east-answers.yaml").write_text('name: "Leeds East"\nhost: {name: "Leeds Libraries"}\n'
                                                                'choices: {"club-name": {choice: "East", reason: "Ours."}}\n',
                                                                encoding="utf-8")
    args = form_words(pb)["command"].replace("{value}", "leeds-east").split()[1:]
    result = run(*args, "--repo", network, cwd=network)
    assert result.exit_code == 0, result.output
    assert (network / "fidelity/code-club/leeds-east/site.yaml").is_file()
