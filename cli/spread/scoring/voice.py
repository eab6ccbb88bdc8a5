"""What participants say about each core component, beside the site's own rating of it, and the gaps: a site that
rates a component at the expected level while most participants who answered disagree. Pure over a playbook
version, an audit and the levels its ratings give each component; small groups are suppressed (`scoring.privacy`)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from spread.model.audit import Audit
from spread.model.playbook import Playbook
from spread.scoring.numbers import fixed
from spread.scoring.privacy import fewer_than, is_small

HALF = Fraction(50)


@dataclass(frozen=True)
class ComponentVoice:
    """Participants' answers about one core component at one audit, pooled over its statements. `n` is the most
    people who answered any one of them; `agree` and `disagree` are the percent of all answers (shown text, e.g.
    `67`). Suppressed: no numbers, and no gap judged. `level` is the site's own level for the component then."""

    component: str
    title: str
    period: str
    level: str | None
    n: int | None
    agree: str | None
    disagree: str | None
    suppressed: bool
    gap: bool
    threshold: int = 5

    @property
    def shown(self) -> str:
        """`67% agree, 11% disagree (n = 18)`, `fewer than 5 answered` or `no answers`."""
        if self.suppressed:
            return f"{fewer_than(self.threshold)} answered"
        if self.n is None or self.agree is None:
            return "no answers"
        return f"{self.agree}% agree, {self.disagree}% disagree (n = {self.n})"

    def plain(self) -> tuple[str, str, str, str | None, int | None, str | None, str | None, bool, bool, int]:
        return (self.component, self.title, self.period, self.level, self.n, self.agree, self.disagree,
                self.suppressed, self.gap, self.threshold)


def gap_words(voice: ComponentVoice) -> str:
    """The flag a gap raises, in the report and on the site page."""
    return (f"gap: the site rated itself {voice.level} on {voice.title}, but {voice.disagree}% of participants' "
            "answers disagree")


def component_voice(pb: Playbook, audit: Audit, levels: dict[str, str]) -> tuple[ComponentVoice, ...]:
    """Each core component that the audit has answers about, in the playbook's order."""
    if pb.voice is None or not audit.voice:
        return ()
    means = {a.id: a.means for a in pb.voice.answers}
    found = []
    for core in pb.core:
        answered = [audit.voice[s.id] for s in pb.voice.statements
                    if s.component == core.id and s.id in audit.voice and audit.voice[s.id].complete]
        if not answered:
            continue
        level = levels.get(core.id)
        people = max(r.n or 0 for r in answered)
        if is_small(people, pb.suppress_below):
            found.append(ComponentVoice(core.id, core.title, audit.period, level, None, None, None, True, False,
                                        pb.suppress_below))
            continue
        tally = {"agree": 0, "neutral": 0, "disagree": 0}
        for responses in answered:
            for answer, count in responses.answers.items():
                if answer in means:
                    tally[means[answer]] += count or 0
        total = sum(tally.values())
        if not total:
            found.append(ComponentVoice(core.id, core.title, audit.period, level, people, None, None, False, False,
                                        pb.suppress_below))
            continue
        places = pb.instrument.decimals.percent
        agree, disagree = (Fraction(tally[k] * 100, total) for k in ("agree", "disagree"))
        gap = level == "expected" and disagree > HALF
        found.append(ComponentVoice(core.id, core.title, audit.period, level, people, fixed(agree, places),
                                    fixed(disagree, places, (HALF,)), False, gap, pb.suppress_below))
    return tuple(found)
