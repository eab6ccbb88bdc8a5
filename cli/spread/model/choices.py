"""What a site may choose for a local component: the one judgement the form, the answers file and --set share.

It refuses exactly what `spread check` would flag (a prohibited variation, by its text, its words or its
pattern; text outside the options; free text that is too long), so a site set up with Spread always passes
the check, and `spread site upgrade` keeps exactly the choices the check accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spread.errors import words
from spread.model import patterns
from spread.model.playbook import LocalComponent, Prohibited


def _norm(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


def same_variation(a: str, b: str) -> bool:
    """Whether two wordings name the same variation, whatever their case, spaces, hyphens and underscores."""
    return _norm(a) == _norm(b)


@dataclass(frozen=True)
class Breach:
    """A choice that is a prohibited variation: the rule it breaks, and the word or text that matched (None when
    the choice is the prohibited text itself)."""

    rule: Prohibited
    found: str | None = None


def breach(local: LocalComponent, choice: str) -> Breach | None:
    """The prohibited variation a choice is, if any: the same text (whatever its case, spaces and hyphens), one of
    its words as a whole word, or a match of its pattern."""
    plain = _norm(choice)
    for rule in local.prohibited:
        if plain == _norm(rule.text):
            return Breach(rule)
        for word in rule.words:
            if _norm(word) and re.search(rf"(?<!\w){re.escape(_norm(word))}(?!\w)", plain):
                return Breach(rule, word)
        compiled = patterns.compiled(rule.pattern) if rule.pattern else None
        # A longer choice is refused anyway (`resolve`, the site schema): searching more could only take longer.
        match = compiled.search(choice[:patterns.MAX_TEXT]) if compiled else None
        if match:
            return Breach(rule, match.group(0) or rule.text)
    return None


def departs(local: LocalComponent, choice: str) -> bool:
    """Whether a choice departs from what the playbook offers (own words where the component lists options): an
    adaptation, recorded with FRAME, rather than a local choice."""
    return bool(local.options) and choice not in local.option_ids


def refusal(local: LocalComponent, text: str, found: Breach) -> str:
    """Why the form refuses a prohibited choice, in one sentence."""
    if found.found is None:
        return (f"\"{text}\" is a prohibited variation of `{local.id}` ({local.title}): the playbook does not allow it, "
                "so choose another way")
    return (f"\"{text}\" is not allowed for `{local.id}` ({local.title}): it contains \"{found.found}\" (not allowed: "
            f"{found.rule.text.rstrip('.')}), so choose another way")


def allows(local: LocalComponent, choice: str) -> bool:
    """Whether `spread check` accepts this choice for the component (`resolve` says why not, in words)."""
    if breach(local, choice) is not None:
        return False
    if local.options and choice not in local.option_ids and not local.free_text:
        return False
    return not (local.free_text and local.max_length is not None and len(choice) > local.max_length)


class Refused(ValueError):
    """A choice the playbook does not allow; the message says why in plain words."""


def resolve(local: LocalComponent, text: str, *, numbers: bool = False) -> str:
    """The choice to record for what a person typed: an option id, or their own words where allowed.

    With `numbers`, `2` means the second option, as numbered on screen. Labels are accepted too.
    """
    text = " ".join(text.split())
    if not text:
        raise Refused(f"`{local.id}` needs a choice: {how_to_choose(local)}")
    if len(text) > patterns.MAX_TEXT:
        raise Refused(f"that is {len(text)} characters; a choice is at most {patterns.MAX_TEXT}: say it more briefly "
                      "(the reason can say more)")
    if numbers and text.isdigit() and local.options:
        index = int(text)
        if 1 <= index <= len(local.options):
            return local.options[index - 1].id
        raise Refused(f"there is no option {index}: type a number from 1 to {len(local.options)}")
    found = breach(local, text)
    if found is not None:
        raise Refused(refusal(local, text, found))
    for option in local.options:
        if text == option.id or text.casefold() == option.label.casefold():
            return option.id
    if not local.free_text:
        raise Refused(f"\"{text}\" is not one of the options for `{local.id}` ({local.title}): {how_to_choose(local)}")
    if local.max_length is not None and len(text) > local.max_length:
        raise Refused(f"that is {len(text)} characters; the playbook allows at most {local.max_length} for "
                      f"`{local.id}`: say it more briefly")
    return text


def how_to_choose(local: LocalComponent) -> str:
    if local.options and local.free_text:
        return f"choose {words(list(local.option_ids), limit=20)}, or describe your own in words"
    if local.options:
        return f"choose {words(list(local.option_ids), limit=20)}"
    return "describe your choice in words"


def is_option(local: LocalComponent, choice: str) -> bool:
    return choice in local.option_ids
