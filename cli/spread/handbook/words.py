"""The plain-English words a handbook reader sees for the values the files hold as short codes."""

from __future__ import annotations

from datetime import date

NESTA = {
    1: ("account of impact", "The programme has a clear, logical account of how it brings about change."),
    2: ("correlation", "Data show change among people who took part, but not yet that the programme caused it."),
    3: ("causation", "A comparison group shows the programme caused at least some of the change."),
    4: ("independent replication", "An independent evaluation confirms the impact, at a reasonable cost."),
    5: ("scaled", "Manuals, systems and procedures let others deliver it with the same impact."),
}
REPLICATION = {
    "dissemination": "Dissemination: the model is shared freely for others to use.",
    "affiliation": "Affiliation: sites join a network and agree to keep the model.",
    "licensing": "Licensing: sites are licensed to use the model, its name and materials.",
    "social-franchise": "Social franchise: sites sign an agreement with the centre, which supports them and "
                        "checks fidelity.",
    "owned": "Direct replication: the central organisation runs every site itself.",
}
STATUS = {"pilot": "Pilot", "active": "Active", "retired": "Retired"}
STAGES = {
    "exploration": "Exploration", "installation": "Installation",
    "initial-implementation": "Initial implementation", "full-implementation": "Full implementation",
    "paused": "Paused", "closed": "Closed",
    # Not a NIRN stage: the last phase of EPIS, which a playbook's rollout may still plan for.
    "sustainment": "Sustainment (EPIS)",
}
STAGE_MEANING = {
    "exploration": "deciding whether the programme fits local needs",
    "installation": "getting ready: people, venue, agreements and training",
    "initial-implementation": "running for the first time, still learning",
    "full-implementation": "running as designed, as everyday practice, and kept going",
    "paused": "not running at present",
    "closed": "no longer running",
}
# The kinds of host organisation the site file offers (`host.type`), as a reader names them.
HOST_TYPES = {
    "charity": "a charity", "community-group": "a community group", "social-enterprise": "a social enterprise",
    "nhs": "an NHS organisation", "local-authority": "a local authority", "school": "a school", "library": "a library",
    "faith-group": "a faith group", "housing-association": "a housing association", "business": "a business",
    "other": "another kind of organisation",
}
FREQUENCY = {"monthly": "every month", "quarterly": "every quarter", "half-yearly": "every half-year",
             "yearly": "every year"}
FRAME = {
    "when": "When", "planned": "Planned", "decided_by": "Decided by", "modified": "What was modified",
    "level": "Level of delivery", "nature": "Nature of the change", "fidelity": "Relationship to fidelity",
    "goal": "Goal",
}
CODES = {
    "pre-implementation": "before starting", "scale-up": "while scaling up", "proactive": "planned ahead",
    "reactive": "planned in response to a problem", "unplanned": "unplanned", "purveyor": "the programme's developer",
    "site-team": "the site team", "practitioner": "a practitioner", "training-evaluation": "training and evaluation",
    "implementation-activities": "implementation activities", "target-group": "a target group",
    "unit": "a unit or team", "consistent": "fidelity-consistent (the function is kept)",
    "inconsistent": "fidelity-inconsistent", "unknown": "not known", "fit-with-recipients": "fit with recipients",
    "integrating-framework": "integrating into another framework",
    "integrating-intervention": "integrating another intervention", "loosening-structure": "loosening structure",
}
LEVELS = ("ideal", "expected", "developmental", "unacceptable")
LEVEL_MARK = {"ideal": "★", "expected": "✓", "developmental": "◐", "unacceptable": "✗"}


def code(value: str) -> str:
    """A code from a closed list, in words: `site-team` → `the site team`, `cultural-fit` → `cultural fit`."""
    return CODES.get(value, STAGES.get(value, value.replace("-", " ")))


def codes(values: tuple[str, ...]) -> str:
    return ", ".join(code(v) for v in values)


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def sentence(text: str) -> str:
    """Capitalise the first letter only (labels such as `not-the-model` become `Not the model`)."""
    words = text.replace("-", " ")
    return words[:1].upper() + words[1:]


def day(value: str | None) -> str:
    """An ISO date as people write it (`2026-10-02` → `2 October 2026`); anything else as written."""
    try:
        parsed = date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return f"{parsed.day} {parsed:%B %Y}"
