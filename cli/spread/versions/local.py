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
    yield from _prohibited(o, c, head)
    if o.default != c.default:
        yield Change("local-default-changed", "minor", c.id, f"{head} the default choice for new sites is now "
                     f"{_default(c.default)} (was {_default(o.default)}).")
    wording = changed_fields(o, c, {"title": "title", "guidance": "guidance"})
    kept = [i for i in c.option_ids if i in o.option_ids]
    if [x for x in o.options if x.id in kept] != [x for x in c.options if x.id in kept]:
        wording.append("options' labels, descriptions or order")
    if wording:
        yield Change("local-wording", "patch", c.id, f"{head} new wording for the {and_list(wording)}.")


def _prohibited(o: LocalComponent, c: LocalComponent, head: str) -> Iterator[Change]:
    """Prohibited variations, matched by their text: a new one, new words or a new or changed pattern can refuse a
    choice that was allowed (major); fewer of them only allow more (minor)."""
    before = {p.text: p for p in o.prohibited}
    after = {p.text: p for p in c.prohibited}
    banned = [t for t in after if t not in before]
    allowed = [t for t in before if t not in after]
    if banned:
        yield Change("local-prohibited-added", "major", c.id, f"{head} newly prohibited: {_quoted(banned)}.")
    if allowed:
        yield Change("local-prohibited-removed", "minor", c.id, f"{head} no longer prohibited: {_quoted(allowed)}.")
    for text in (t for t in after if t in before):
        old, new = before[text], after[text]
        more = [w for w in new.words if w not in old.words]
        fewer = [w for w in old.words if w not in new.words]
        what = f"{head} {_quoted([text])}"
        if more:
            yield Change("local-prohibited-words-added", "major", c.id, f"{what} now also refuses choices containing "
                         f"{_quoted(more)}.")
        if fewer:
            yield Change("local-prohibited-words-removed", "minor", c.id, f"{what} no longer refuses choices "
                         f"containing {_quoted(fewer)}.")
        if new.pattern is not None and new.pattern != old.pattern:
            # Whether a changed pattern refuses more cannot be told in general: it may, so the change is major.
            yield Change("local-prohibited-pattern-changed", "major", c.id, f"{what} has a new pattern, which may "
                         "refuse choices it allowed before.")
        elif old.pattern is not None and new.pattern is None:
            yield Change("local-prohibited-pattern-removed", "minor", c.id, f"{what} no longer has a pattern.")


def _default(default: str | None) -> str:
    return "none" if default is None else f"`{default}`"
