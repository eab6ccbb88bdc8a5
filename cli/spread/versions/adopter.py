"""What a change to who adopts a playbook needs (`spread.model.adopters`): another kind of adopter is major (every
site record means something else: a site's host becomes an ambulance service, or a pair's mentor); new words for
one adopter, its host or its area, or the roles a pair's members take, are wording."""

from __future__ import annotations

from collections.abc import Iterator

from spread.model.adopters import Adopter
from spread.versions.changes import Change, and_list, changed_fields

WORDING = {"noun": "name for one adopter", "plural": "plural", "host": "name for the host",
           "area": "name for the area", "mentor": "mentor's role", "mentee": "mentee's role"}


def diff_adopter(old: Adopter, new: Adopter) -> Iterator[Change]:
    if old.kind != new.kind:
        yield Change("adopter-kind-changed", "major", "playbook", f"The playbook is now adopted by {new.many} "
                     f"(`{new.kind}`), not {old.many} (`{old.kind}`): every site record must be reviewed.")
        return
    wording = changed_fields(old, new, WORDING)
    if wording:
        yield Change("adopter-wording", "patch", "playbook", f"New wording for who adopts: the {and_list(wording)}.")
