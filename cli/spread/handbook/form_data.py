"""What the self-audit form's script needs about one playbook version, written at build time as a script file.

A page opened from file:// may not fetch() or XHR a file beside it (Chromium refuses), and the handbook's security
policy runs no inline script, so the data travels as `assets/forms/<playbook>-<version>.js`, which only assigns a
JSON value (no code from any user's text: `json.dumps` escapes every string, and `<`, `>`, `&` and the two
JavaScript line separators are written as escapes, so the file cannot end a script or be read as markup).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spread.adopt.audit_template import default_period, levels
from spread.handbook.form_actions import ROWS, due_hint
from spread.handbook.form_instrument import instrument_data
from spread.handbook.form_messages import form_messages
from spread.handbook.form_template import heads, templates
from spread.model.playbook import Playbook
from spread.model.scales import shown
from spread.model.site import Site

FORMAT = 1
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def form_data(root: Path, pb: Playbook, sites: list[Site], today: Any) -> dict[str, Any]:
    """Everything the page's script reads: the fields, the template of the file, the sites, the instrument."""
    folder = root / "fidelity" / pb.id / "your-site" / "audits"
    regimes = pb.instrument.regimes
    periods = {(r.id if r else ""): default_period(r.frequency if r else pb.instrument.frequency, today)
               for r in (regimes or (None,))}
    first = next(iter(periods.values()))
    anchored = pb.instrument.kind == "anchored"
    return {
        "format": FORMAT, "playbook": pb.id, "version": pb.version, "title": pb.title, "kind": pb.instrument.kind,
        "periods": periods, "frequency": pb.instrument.frequency,
        "sites": [{"id": s.id, "name": s.name} for s in sites],
        "items": [{"id": item.id, "title": item.title,
                   "values": [shown(v) for v in item.scores] if anchored else [k for k, _ in levels(pb, item)]}
                  for item in pb.instrument.items],
        "goals": [{"id": g.id, "fraction": g.is_fraction, "unit": g.unit} for g in pb.instrument.goals],
        "measures": [{"id": m.id, "figure": m.figure, "unit": m.unit} for m in pb.measures],
        "voice": ({"answers": [a.id for a in pb.voice.answers], "statements": [s.id for s in pb.voice.statements]}
                  if pb.voice is not None else None),
        "regimes": [{"id": r.id, "title": r.title, "items": list(r.items) if r.items is not None else None}
                    for r in regimes],
        "templates": templates(root, folder, pb, first),
        "heads": heads(root, folder, pb, first, sites),
        "plan": {"rows": ROWS, "due": due_hint()},
        "messages": form_messages(pb),
        "instrument": instrument_data(pb),
    }


def form_script(data: dict[str, Any]) -> str:
    """The data as the script file the page loads."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in _ESCAPES.items():
        raw = raw.replace(char, escape)
    return f"window.SpreadFormData = {raw};\n"
