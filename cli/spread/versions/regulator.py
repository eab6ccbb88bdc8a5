"""What a change to a playbook's external regulator needs (`spread.model.regulator`). The regulator's rating never
enters a score, so only what would make a site's records wrong is major: the regulator removed, or its rating words
changed (a rating a site recorded may no longer be one). Naming a regulator, or a new limit on a rating's age, is
minor: sites may record more, and the pages judge age differently; the regulator's names and website are wording."""

from __future__ import annotations

from collections.abc import Iterator

from spread.model.regulator import Regulator
from spread.versions.changes import Change, and_list, changed_fields

WORDING = {"name": "name", "short": "short name", "url": "website"}


def diff_regulator(old: Regulator | None, new: Regulator | None) -> Iterator[Change]:
    if old is None and new is None:
        return
    if old is None:
        assert new is not None
        yield Change("regulator-added", "minor", "playbook", f"Sites may now record the ratings of {new.name}.")
        return
    if new is None:
        yield Change("regulator-removed", "major", "playbook", f"The playbook no longer names {old.name}: sites' "
                     "recorded ratings must be removed.")
        return
    if old.ratings != new.ratings:
        yield Change("regulator-ratings-changed", "major", "playbook", f"{new.called}'s rating words are now "
                     f"{', '.join(new.ratings)} (were {', '.join(old.ratings)}): sites' recorded ratings must be "
                     "reviewed.")
    if old.stale_after != new.stale_after:
        yield Change("regulator-age-changed", "minor", "playbook", f"A {new.called} rating is now old after "
                     f"{new.stale_after} months (was {old.stale_after}).")
    wording = changed_fields(old, new, WORDING)
    if wording:
        yield Change("regulator-wording", "patch", "playbook", f"New wording for the regulator's {and_list(wording)}.")
