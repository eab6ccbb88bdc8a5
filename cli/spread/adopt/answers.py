"""Answers given ahead of the form, from an answers file (`--answers`) and `--set`, checked against the playbook.

An answers file is YAML, read with positions so that every problem names the file and line:

    name: Code Club Leeds Central
    host: {name: Leeds Libraries, type: library}
    area: Leeds
    pair: {mentor: HR professional, mentee: Jobseeker}   # a playbook adopted by mentoring pairs: roles, no names
    started: 2026-03-01
    stage: installation
    choices:
      venue: {choice: library, reason: Free rooms after school.}
      rhythm: weekly            # just the choice; the reason is asked (a default needs none)
    adaptations:                # where the site departs from the playbook, with FRAME's details (or asked)
      name: {choice: "Circle of Friends", reason: Members chose it., planned: proactive}
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from spread.adopt.records import FRAME
from spread.errors import Problem, words
from spread.model.choices import Refused, resolve
from spread.model.periods import real_date as as_date
from spread.model.playbook import LocalComponent, Playbook
from spread.model.schemas import schema
from spread.yaml.document import Document, Key
from spread.yaml.read import read_document
from spread.yaml.render import ISO_DATE

TEXT = ("name", "area", "contact")
# An answers file is a page of text: anything near this size is the wrong file.
MAX_BYTES = 1024 * 1024
KNOWN = ("name", "host", "area", "contact", "pair", "started", "stage", "choices", "adaptations", "principles")


@dataclass(frozen=True)
class Given:
    """What was answered before any question is asked; anything missing is asked for, or defaulted."""

    fields: dict[str, str] = field(default_factory=dict)
    choices: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    # The components the site records as adaptations (`adaptations:` in the file), with the FRAME details it gave.
    frames: dict[str, dict[str, Any]] = field(default_factory=dict)
    # How the site makes each principle its own, by the principle's id (`spread.adopt.principles`).
    principles: dict[str, str] = field(default_factory=dict)


def site_enum(*where: str) -> list[str]:
    """The allowed values of a site field, from the site schema (the one source of truth)."""
    node: dict[str, Any] = schema("site")
    for part in where:
        node = node["properties"][part]
    return list(node["enum"])


def _frame_field(key: str) -> dict[str, Any]:
    field_schema: dict[str, Any] = schema("site")["properties"]["adaptations"]["items"]["properties"][key]
    return field_schema


def frame_enum(key: str) -> list[str] | None:
    """The codes a FRAME detail of an adaptation may take (from the site schema), or None for free text."""
    node = _frame_field(key)
    node = node.get("items", node)
    return list(node["enum"]) if "enum" in node else None


def frame_is_list(key: str) -> bool:
    return _frame_field(key).get("type") == "array"


def real_date(text: str) -> bool:
    """True for a real day written YYYY-MM-DD (Python alone would also take 20260301 or 2026-W09-7)."""
    return ISO_DATE.fullmatch(text) is not None and as_date(text) is not None


def empty(what: str) -> str:
    """What an answers file (and the handbook's adopt form) says of an answer left empty: `name`, `host: name`…"""
    return f"`{what}` is empty: fill it in"


def not_a_date(text: str) -> str:
    return f"`started` is {text}, which is not a real date: write it as YYYY-MM-DD, for example 2026-03-01"


class _Reader:
    def __init__(self, doc: Document, shown: str, playbook: Playbook) -> None:
        self.doc, self.shown, self.pb = doc, shown, playbook
        self.given = Given()
        self.problems: list[Problem] = []

    def problem(self, where: Key, message: str, rule: str, *, key: bool = False) -> None:
        line, col = self.doc.at(where, key=key)
        self.problems.append(Problem(self.shown, line, col, "error", message, rule))

    def text(self, where: Key, value: Any, what: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
        if value in (None, ""):
            self.problem(where, empty(what), "answers-text")
        else:
            fix = "fill it in" if isinstance(value, str) else "write it as text (in quotes if need be)"
            self.problem(where, f"`{what}` is not text: {fix}", "answers-text")
        return None

    def unknown(self, where: Key, key: str, known: list[str] | tuple[str, ...], what: str) -> None:
        close = difflib.get_close_matches(key, list(known), n=1)
        fix = f"did you mean `{close[0]}`?" if close else f"use {words(list(known), limit=20)}"
        self.problem((*where, key), f"`{key}` is not {what}: {fix}", "answers-unknown", key=True)

    def top(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            if key in TEXT:
                self.put(key, self.text((key,), value, key))
            elif key == "started":
                text = self.text((key,), value, key)
                if text is not None and not real_date(text):
                    self.problem((key,), not_a_date(text), "answers-date")
                else:
                    self.put(key, text)
            elif key == "stage":
                self.enum((key,), value, site_enum("stage"), "stage")
            elif key == "host":
                self.host(value)
            elif key == "pair" and isinstance(value, dict):
                for part, item in value.items():
                    if part in ("mentor", "mentee"):
                        self.put(part, self.text(("pair", part), item, f"pair: {part}"))
                    else:
                        self.unknown(("pair",), part, ("mentor", "mentee"), "a member of a mentoring pair")
            elif key == "pair":
                self.problem(("pair",), "`pair` should hold `mentor:` and `mentee:`, each by role and background "
                             "only (no names)", "answers-text")
            elif key == "principles" and isinstance(value, dict):
                ids = [c.id for c in self.pb.core if c.principle]
                for principle, how in value.items():
                    if principle not in ids:
                        self.unknown(("principles",), principle, ids, f"a principle of `{self.pb.id}` {self.pb.version}")
                    elif (text := self.text(("principles", principle), how, f"principles: {principle}")) is not None:
                        self.given.principles[principle] = text
            elif key == "principles":
                self.problem(("principles",), "`principles` should list each principle's id with how the site "
                             "enacts it, like `service-plan: A plan the council adopted in May`", "answers-text")
            elif key in ("choices", "adaptations"):
                self.answers(key, value)
            else:
                self.unknown((), key, KNOWN, "something `spread site new` asks about")

    def put(self, key: str, value: str | None) -> None:
        if value is not None:
            self.given.fields[key] = value

    def enum(self, where: Key, value: Any, allowed: list[str], key: str) -> None:
        if value in allowed:
            self.put(key, value)
        else:
            self.problem(where, f"`{where[-1]}` cannot be `{value}`: use {words(allowed, limit=20)}", "answers-value")

    def host(self, value: Any) -> None:
        if isinstance(value, str):
            value = {"name": value}
        if not isinstance(value, dict):
            self.problem(("host",), "`host` should hold `name:` and `type:` of the host organisation", "answers-text")
            return
        for key, item in value.items():
            if key == "name":
                self.put("host", self.text(("host", key), item, "host: name"))
            elif key == "type":
                self.enum(("host", key), item, site_enum("host", "type"), "host_type")
            else:
                self.unknown(("host",), key, ("name", "type"), "a field of `host`")

    def answers(self, section: str, value: Any) -> None:
        """`choices:` or `adaptations:`, each a local component's id with its answer; an adaptation may give FRAME's
        details (what it leaves out is asked, or `unknown` without questions)."""
        if not isinstance(value, dict):
            self.problem((section,), f"`{section}` should list each local component's id with its choice, like "
                         "`venue: {choice: library, reason: …}`", "answers-text")
            return
        local_ids = [local.id for local in self.pb.local]
        fields = ("choice", "reason", *(FRAME if section == "adaptations" else ()))
        for component, answer in value.items():
            where: Key = (section, component)
            local = next((c for c in self.pb.local if c.id == component), None)
            if local is None:
                if any(c.id == component for c in self.pb.core):
                    self.problem(where, f"`{component}` is a core component of `{self.pb.id}`: every site keeps it as "
                                 "the playbook says, so there is nothing to choose (record a change to it in site.yaml, "
                                 "under `adaptations`)", "answers-core", key=True)
                else:
                    self.unknown((section,), component, local_ids, f"a local component of `{self.pb.id}` "
                                 f"{self.pb.version}")
                continue
            at: Key = (*where, "choice") if isinstance(answer, dict) else where
            answer = answer if isinstance(answer, dict) else {"choice": answer}
            frame: dict[str, Any] = {}
            for key, item in answer.items():
                if key == "reason":
                    self.put_reason(component, self.text((*where, key), item, key))
                elif key == "choice":
                    self.choose(local, at, self.text(at, item, key))
                elif key in FRAME:
                    frame[key] = self.frame((*where, key), key, item)
                else:
                    self.unknown(where, key, fields, "a field of a local choice" if section == "choices"
                                 else "a field of an adaptation")
            if section == "adaptations":
                self.given.frames[component] = {k: v for k, v in frame.items() if v is not None}

    def put_reason(self, component: str, reason: str | None) -> None:
        if reason is not None:
            self.given.reasons[component] = reason

    def choose(self, local: LocalComponent, at: Key, choice: str | None) -> None:
        try:
            if choice is not None:
                self.given.choices[local.id] = resolve(local, choice)
        except Refused as exc:
            self.problem(at, str(exc), "answers-choice")

    def frame(self, where: Key, key: str, value: Any) -> Any:
        """One FRAME detail of an adaptation: text, one code, or a list of codes, as the site schema allows."""
        allowed = frame_enum(key)
        if allowed is None:
            return self.text(where, value, key)
        many = frame_is_list(key)
        values = value if many and isinstance(value, list) else [value]
        wrong = [v for v in values if v not in allowed]
        if wrong or not values:
            self.problem(where, f"`{key}` cannot be `{wrong[0] if wrong else value}`: use "
                         f"{words(allowed, limit=20)}", "answers-value")
            return None
        return list(values) if many else values[0]


def read_answers(path: Path, playbook: Playbook) -> tuple[Given, list[Problem]]:
    """The answers in a file, and every problem with them (each naming the file and line)."""
    doc = read_document(path, path.as_posix(), limit=MAX_BYTES)
    if isinstance(doc, Problem):
        return Given(), [doc]
    if not isinstance(doc.data, dict):
        return Given(), [Problem(path.as_posix(), 1, 1, "error", "an answers file should be a mapping of fields "
                                 "(`name: …`, `choices: …`): see `spread site new --help`", "answers-text")]
    reader = _Reader(doc, path.as_posix(), playbook)
    reader.top(doc.data)
    return reader.given, reader.problems


def apply_sets(given: Given, playbook: Playbook, sets: tuple[str, ...], reasons: tuple[str, ...] = ()) -> None:
    """`--set component=choice` and `--reason component=reason`, checked like answers; a bad one is a wrong invocation
    (exit 2)."""
    for item in sets:
        local, text = _component(playbook, item, "--set", "CHOICE")
        try:
            given.choices[local.id] = resolve(local, text)
        except Refused as exc:
            raise click.BadParameter(str(exc), param_hint="'--set'") from None
    for item in reasons:
        local, text = _component(playbook, item, "--reason", "REASON")
        if not text.strip():
            raise click.BadParameter(f"{item!r} gives no reason: write it as {local.id}=\"…\" (in quotes)",
                                     param_hint="'--reason'")
        given.reasons[local.id] = " ".join(text.split())


def _component(playbook: Playbook, item: str, flag: str, what: str) -> tuple[LocalComponent, str]:
    component, sep, text = item.partition("=")
    local = next((c for c in playbook.local if c.id == component.strip()), None)
    if not sep or local is None:
        known = words([c.id for c in playbook.local], limit=20)
        raise click.BadParameter(f"{item!r} should be COMPONENT={what} with a local component of "
                                 f"`{playbook.id}` {playbook.version} ({known})", param_hint=f"'{flag}'")
    return local, text
