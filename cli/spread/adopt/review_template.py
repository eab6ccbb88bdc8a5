"""The text of a new programme review, playbooks/<playbook>/reviews/<review id>/<period>.yaml: every item of the
review's instrument to rate, laid out as a site's self-audit is (`adopt.audit_template`), so both read alike."""

from __future__ import annotations

from pathlib import Path

from spread.adopt.audit_template import AuditAnswers, rater_lines, rating_lines
from spread.model.audit import Rater
from spread.model.playbook import Playbook
from spread.model.review import ReviewKind
from spread.yaml.render import comment, field, modeline

# Who usually rates a programme: its own central team, until someone from outside reviews it.
ANSWERS = AuditAnswers(raters=(Rater("programme-lead"),))


def review_yaml(root: Path, folder: Path, pb: Playbook, kind: ReviewKind, period: str) -> str:
    """A blank review of `pb` on the instrument of `kind`, for `period`."""
    view = pb.reviewed_on(kind)
    lines = [modeline(folder, root, "review"),
             *comment(f"A review of the programme `{pb.id}` (version {pb.version}) for {period}: {kind.title}"),
             *comment("Rate what the programme can show today, not what is planned. For each item, write the score "
                      "whose anchor matches your evidence, and what it is based on. If an item cannot be rated, "
                      "replace its score with `not_rated:` and the reason. Then run `spread check`."),
             "playbook:", *field("id", pb.id, 2), *field("version", pb.version, 2),
             *field("period", period),
             *comment("Who rated: self (the programme's own team), guided (with an outside coach), peer (people from "
                      "another programme or from the network's sites) or independent (from outside the organisation "
                      "that runs the programme)."),
             *field("review", ANSWERS.review),
             *field("completed", None, note="the date you finish (YYYY-MM-DD)"),
             *comment("One entry per person who rated: their role, not their name; for a peer or independent review, "
                      "their `organisation` too."),
             "raters:", *rater_lines(ANSWERS.raters)]
    return "\n".join(lines + rating_lines(view, ANSWERS)) + "\n"
