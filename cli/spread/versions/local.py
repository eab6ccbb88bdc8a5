"""Changes to one local component: narrowing what a site may choose is major, widening it is minor."""

from __future__ import annotations

from collections.abc import Iterator

from spread.model.playbook import LocalComponent
from spread.versions.changes import Change, and_list, changed_fields


def _ids(ids: list[str]) -> str:
    return and_list([f"`{i}`" for i in ids])


def _quoted(texts: list[str]) -> str:
    return and_list([f"“{t.rstrip('.')}”" for t in texts])


def _limit(length: int | None) -> str:
    return "no limit" if length is None else f"{length} characters"


def diff_local(o: LocalComponent, c: LocalComponent, name: str) -> Iterator[Change]:
    """The changes between two versions of the same local component; `name` is how messages call it."""
    head = f"Local component {name}:"
    removed = [i for i in o.option_ids if i not in c.option_ids]
    added = [i for i in c.option_ids if i not in o.option_ids]
    if removed:
        yield Change("local-option-removed", "major", c.id, f"{head} {_ids(removed)} "
                     f"{'is' if len(removed) == 1 else 'are'} no longer allowed.")
    if added:
        yield Change("local-option-added", "minor", c.id, f"{head} new option{'s' * (len(added) > 1)} {_ids(added)}.")
    if o.free_text and not c.free_text:
        yield Change("local-free-text-off", "major", c.id, f"{head} sites may no longer describe their own choice in "
                     "words; they must pick an option.")
    if c.free_text and not o.free_text:
        yield Change("local-free-text-on", "minor", c.id, f"{head} sites may now describe their own choice in words.")
    if o.free_text and c.free_text and o.max_length != c.max_length:
        # No limit counts as the widest; a limit where there was none narrows.
        lower = o.max_length is None or (c.max_length is not None and c.max_length < o.max_length)
        yield Change("local-max-length-lowered" if lower else "local-max-length-raised", "major" if lower else "minor",
                     c.id, f"{head} a choice in words may now have {_limit(c.max_length)} (was {_limit(o.max_length)}).")
    banned = [p for p in c.prohibited if p not in o.prohibited]
    allowed = [p for p in o.prohibited if p not in c.prohibited]
    if banned:
        yield Change("local-prohibited-added", "major", c.id, f"{head} newly prohibited: {_quoted(banned)}.")
    if allowed:
        yield Change("local-prohibited-removed", "minor", c.id, f"{head} no longer prohibited: {_quoted(allowed)}.")
    if o.default != c.default:
        yield Change("local-default-changed", "minor", c.id, f"{head} the default choice for new sites is now "
                     f"{_default(c.default)} (was {_default(o.default)}).")
    wording = changed_fields(o, c, {"title": "title", "guidance": "guidance"})
    kept = [i for i in c.option_ids if i in o.option_ids]
    if [x for x in o.options if x.id in kept] != [x for x in c.options if x.id in kept]:
        wording.append("options' labels, descriptions or order")
    if wording:
        yield Change("local-wording", "patch", c.id, f"{head} new wording for the {and_list(wording)}.")


def _default(default: str | None) -> str:
    return "none" if default is None else f"`{default}`"
