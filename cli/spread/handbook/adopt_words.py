"""What the adopt form says of a mistake, in `spread site new`'s own words: each message made at build time by the
very function the command calls, with a placeholder (`{value}`, `{length}`, `{found}`) where the person's answer
goes, so the page and the command can never word the same mistake differently.

The form's script (`assets/spread-adopt.js`) reads these, with the rules they need (the id pattern, each local
component's options and prohibited variations), from the form's `data-spread-adopt` attribute.
"""

from __future__ import annotations

from typing import Any

from spread.adopt.answers import Given, empty
from spread.adopt.prompts import given_choice
from spread.model import patterns
from spread.model.choices import Breach, Refused, refusal, resolve
from spread.model.ids import MAX_ID, RESERVED, SLUG, not_an_id
from spread.model.playbook import LocalComponent, Playbook

VALUE, FOUND = "\ue000value\ue000", "\ue000found\ue000"  # characters no playbook or person writes
EXAMPLE = "leeds-north"


def _template(message: str, *once: tuple[str, str]) -> str:
    """A message with placeholders where the answer (and the word it was refused for) go; `once`: more text to
    replace by a placeholder, at its first place only (a count such as 61 in "this one has 61")."""
    message = message.replace(VALUE, "{value}").replace(FOUND, "{found}")
    for old, new in once:
        message = message.replace(old, new, 1)
    return message


def _refused(local: LocalComponent, text: str) -> str:
    try:
        resolve(local, text)
    except Refused as exc:
        return str(exc)
    raise AssertionError(f"{text!r} was taken for {local.id}")  # pragma: no cover - the callers give refused text


def _missing(local: LocalComponent, given: Given) -> str:
    said = given_choice(local, given, None)
    assert isinstance(said, str)
    return said


def component_words(local: LocalComponent) -> dict[str, Any]:
    """One local component's rules and messages, for the script to judge a choice as `resolve` does."""
    words: dict[str, Any] = {
        "options": [[o.id, o.label] for o in local.options], "default": local.default, "free": local.free_text,
        "max": local.max_length, "need": _refused(local, ""),
        "reason": _template(_missing(local, Given(choices={local.id: VALUE}))),
        "prohibited": [{"text": rule.text, "words": list(rule.words),
                        "pattern": rule.pattern if rule.pattern and patterns.compiled(rule.pattern) else None,
                        "same": _template(refusal(local, VALUE, Breach(rule))),
                        "found": _template(refusal(local, VALUE, Breach(rule, FOUND)))} for rule in local.prohibited],
    }
    if not local.free_text:
        words["other"] = _template(_refused(local, VALUE))
    if local.max_length is not None:
        long = "x" * (local.max_length + 1)
        words["long"] = _template(_refused(local, long).replace(long, VALUE), (str(local.max_length + 1), "{length}"))
    if local.options:
        first = local.options[0].id
        given = Given(choices={local.id: first}, reasons={local.id: "r"}, frames={local.id: {}})
        words["describe"] = _missing(local, given).replace(f'"{first}"', '"{value}"')
    return words


def command(pb: Playbook, site: str) -> str:
    """The command the central team runs on the file the form downloads."""
    return f"spread site new {pb.id} {site} --version {pb.version} --answers {answers_file(pb, site)} --no-input"


def answers_file(pb: Playbook, site: str) -> str:
    return f"{pb.id}-{site}-answers.yaml"


def form_words(pb: Playbook, taken: tuple[str, ...] = ()) -> dict[str, Any]:
    """Everything the form's script needs to judge the answers as `spread site new` would; `taken`: the ids of the
    sites this handbook shows, which `spread site new` would refuse, since their folders exist."""
    too_long = "a" * (MAX_ID + 1)
    reserved = "nul"
    return {
        "playbook": pb.id, "version": pb.version, "maxText": patterns.MAX_TEXT,
        "command": command(pb, "{value}"), "file": answers_file(pb, "{value}"),
        "id": {"slug": SLUG.pattern, "device": RESERVED.pattern, "max": MAX_ID,
               "long": _template(str(not_an_id(too_long, EXAMPLE)).replace(too_long, "{value}"),
                                 (str(MAX_ID + 1), "{length}")),
               "shape": _template(str(not_an_id(VALUE, EXAMPLE))),
               "taken": sorted(taken),
               "used": f"fidelity/{pb.id}/{{value}}/site.yaml already exists: Spread never overwrites it, so choose "
                       f"another id (`{{value}}` is a {pb.adopter.one} in this handbook)",
               "reserved": _template(str(not_an_id(reserved, EXAMPLE)).replace(f'"{reserved}"', '"{value}"')
                                     .replace(f"`{reserved}`", "`{value}`"))},
        "textLong": _template(_refused(LocalComponent("x", "x", free_text=True), "x" * (patterns.MAX_TEXT + 1)),
                              (str(patterns.MAX_TEXT + 1), "{length}")),
        "empty": empty("{what}"),
        "components": {local.id: component_words(local) for local in pb.local},
        "order": [local.id for local in pb.local],  # the playbook's order, whatever the ids look like
    }
