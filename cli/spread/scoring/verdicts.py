"""The words a score is judged in, kept in one place: `scoring.results` and `scoring.score` say them, and the
handbook's page scorer (`handbook/form_instrument.py`, `assets/spread-score.js`) is given them, so the page and the
command line word a verdict, a note or an unrated item alike. `{components}`, `{met}` and `{count}` are filled in."""

from __future__ import annotations

MISSING = "missing from the audit"
OFF_SCALE = "not rated on the playbook's scale"
CRITICAL_BREACH = "critical breach"
BELOW_MINIMUM = "below a minimum"
MINIMUMS_MET = "every minimum met"
GOALS_MET = "{met} of {count} goals met"
CAPPED = "capped by a critical breach: {components}"
UNVERIFIED = "unverified: {components} not rated"
# How a verdict's parts and a note's components are joined.
PARTS = "; "
LIST = ", "


def words() -> dict[str, str]:
    """Every template above by a short name, for the page scorer."""
    return {"missing": MISSING, "off_scale": OFF_SCALE, "critical_breach": CRITICAL_BREACH,
            "below_minimum": BELOW_MINIMUM, "minimums_met": MINIMUMS_MET, "goals_met": GOALS_MET, "capped": CAPPED,
            "unverified": UNVERIFIED, "parts": PARTS, "list": LIST}
