"""What a site may choose for a local component: the one judgement the form, the answers file and --set share.

It refuses exactly what `spread check` would flag (a prohibited variation, text outside the options,
free text that is too long), so a site set up with Spread always passes the check.
"""

from __future__ import annotations

import re

from spread.errors import words
from spread.model.playbook import LocalComponent


def same_variation(a: str, b: str) -> bool:
    """Whether two wordings name the same variation, whatever their case, spaces, hyphens and underscores."""

    def norm(text: str) -> str:
        return re.sub(r"[\s_-]+", " ", text.strip().lower())

    return norm(a) == norm(b)


def allows(local: LocalComponent, choice: str) -> bool:
    """Whether `spread check` accepts this choice for the component (`resolve` says why not, in words)."""
    if any(same_variation(choice, variation) for variation in local.prohibited):
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
    if numbers and text.isdigit() and local.options:
        index = int(text)
        if 1 <= index <= len(local.options):
            return local.options[index - 1].id
        raise Refused(f"there is no option {index}: type a number from 1 to {len(local.options)}")
    for variation in local.prohibited:
        if same_variation(text, variation):
            raise Refused(f"\"{text}\" is a prohibited variation of `{local.id}` ({local.title}): the playbook "
                          "does not allow it, so choose another way")
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
