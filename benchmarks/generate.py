"""Generate a realistic, deterministic Spread network of any size, for benchmarks.

    python benchmarks/generate.py OUT --sites 10000 --audits 4 [--seed 7] [--mistakes 0.02] [--no-git]

The playbooks are the repository's example playbooks (both instrument styles, with the archived
1.0.0 release of peer-diabetes); sites get adaptations chosen from each playbook's own options, and
audits get ratings drawn around a per-site level of fidelity, so bands, trends and breaches vary.
A few percent of files carry the mistakes people really make (a misspelt field, an option that is
not allowed, a score off the scale, an unknown item), so `spread check` has work to report.
OUT becomes a git repository with one commit, like a real handbook repository.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from spread.model.build import playbook_from
from spread.model.periods import bounds, containing, previous
from spread.model.playbook import Playbook
from spread.yaml.document import Document
from spread.yaml.read import read_document

REPO = Path(__file__).resolve().parents[1]
TOWNS = ["Leeds", "Bristol", "Gateshead", "Swansea", "Lambeth", "Norwich", "Derby", "Hackney", "Inverness", "Belfast",
         "Sheffield", "Blackpool", "Swindon", "Carlisle", "Exeter", "Wrexham", "Luton", "Oldham", "Dundee", "Truro"]
HOSTS = ["charity", "community-group", "social-enterprise", "nhs", "local-authority", "school", "library"]
# NIRN's stages, full implementation twice (it stood for `sustainment`, which is EPIS's and no site stage now).
TODAY = date(2026, 11, 23)  # the day generated audits are dated from
STAGES = ["installation", "initial-implementation", "full-implementation", "full-implementation"]


def load_playbooks() -> list[Playbook]:
    found = []
    for path in sorted(REPO.glob("playbooks/*/playbook.yaml")) + sorted(REPO.glob("playbooks/*/releases/*.yaml")):
        doc = read_document(path)
        assert isinstance(doc, Document), doc
        found.append(playbook_from(doc))
    return found


def site_data(rng: random.Random, pb: Playbook, site_id: str, n: int) -> dict[str, Any]:
    town = TOWNS[n % len(TOWNS)]
    choices, adaptations = [], []
    for local in pb.local:
        reason = f"Chosen by the {town} team to fit local venues, volunteers and transport."
        if local.options and rng.random() < 0.8:  # configuration: one of the playbook's own options
            choices.append({"component": local.id, "choice": rng.choice(local.option_ids), "reason": reason})
        elif local.free_text:  # the site's own words: a departure, recorded with FRAME
            adaptations.append({"component": local.id, "choice": f"Our own way in {town}"[: local.max_length or 60],
                                "description": "A way of our own, within what the playbook allows.", "reason": reason,
                                "when": "pre-implementation", "planned": "proactive", "decided_by": ["site-team"],
                                "modified": "context", "fidelity": "consistent"})
    site = {"id": site_id, "name": f"{pb.title} {town} {n}", "playbook": {"id": pb.id, "version": pb.version},
            "host": {"name": f"{town} Community Trust {n}", "type": rng.choice(HOSTS)}, "area": town,
            "stage": rng.choice(STAGES), "started": f"{2022 + n % 3}-0{1 + n % 9}-01", "choices": choices}
    if adaptations:
        site["adaptations"] = adaptations
    if pb.adopter.kind == "pair":  # a pair is described by role only, never by name
        site["pair"] = {"mentor": "HR professional, a volunteer mentor", "mentee": f"Jobseeker referred in {town}"}
    principles = [c for c in pb.core if c.principle]
    if principles:  # how the site makes each principle its own: configuration, not a departure
        site["principles"] = [{"principle": c.id, "how": f"{town}'s own way of keeping {c.title.lower()}."}
                              for c in principles]
    return site


def audit_data(rng: random.Random, pb: Playbook, site_id: str, period: str, skill: float) -> dict[str, Any]:
    ins = pb.instrument
    ratings: dict[str, Any] = {}
    for item in ins.items:
        if rng.random() < 0.02:
            ratings[item.id] = {"not_rated": "insufficient-data", "evidence": "Records for the period were lost."}
            continue
        low, high = item.bottom, item.top
        score = max(low, min(high, round(low + (high - low) * min(1.0, max(0.0, rng.gauss(skill, 0.2))))))
        rating: dict[str, Any] = {"evidence": f"Checked the {period} registers, minutes and feedback forms for "
                                              f"{item.title.lower()}; spoke to two volunteers and the coordinator.",
                                  "sources": ["records", "interviews"]}
        if ins.kind == "anchored":
            rating["score"] = score
        else:
            rating["level"] = {0: "unacceptable", 1: "developmental", 2: "expected"}[score]
        ratings[item.id] = rating
    _, end = bounds(period)
    review = rng.choice(["self", "self", "guided", "independent"])
    # An independent review is made by people from outside the site's organisation (spread check warns otherwise).
    raters = ([{"role": "independent-reviewer", "organisation": "Regional Fidelity Review Service"}]
              if review == "independent" else [{"role": "site-coordinator"}])
    data: dict[str, Any] = {"site": site_id, "playbook": {"id": pb.id, "version": pb.version}, "period": period,
                            "review": review, "completed": (end + timedelta(days=rng.randint(5, 40))).isoformat(),
                            "raters": raters, "ratings": ratings}
    if ins.goals:
        data["goals"] = {g.id: ({"numerator": rng.randint(10, 60), "denominator": 60} if g.is_fraction
                                else {"value": rng.randint(0, 30)}) for g in ins.goals}
    data["actions"] = [{"item": ins.items[0].id, "action": "Refresh training for new volunteers.",
                        "owner": "site-coordinator", "due": (end + timedelta(days=120)).isoformat()}]
    return data


MISTAKES = [
    lambda d: d.update({"nmae": d.pop("name")}) if "name" in d else d.update({"reveiw": d.pop("review")}),
    lambda d: d.setdefault("choices", [{}])[0].update({"choice": "somewhere-else"}) if "choices" in d
    else next(iter(d["ratings"].values())).update({"score": 9, "level": None}),
    lambda d: d.update({"stage": "finished"}) if "stage" in d else d["ratings"].update({"XX9": {"score": 1}}),
]


def generate(out: Path, sites: int, audits: int, seed: int, mistakes: float, use_git: bool = True) -> None:
    rng = random.Random(seed)
    playbooks = load_playbooks()
    if out.exists():
        shutil.rmtree(out)
    for name in ("playbooks", "schemas"):
        shutil.copytree(REPO / name, out / name)
    if (REPO / "mkdocs.yml").exists():
        shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
    if (REPO / "docs").is_dir():  # the pages mkdocs.yml's nav names: without them spread check says nav-page-missing
        shutil.copytree(REPO / "docs", out / "docs", dirs_exist_ok=True)
    yaml = YAML(typ="safe", pure=False)
    yaml.default_flow_style = False
    yaml.width = 100
    today = TODAY
    for n in range(sites):
        pb = playbooks[n % len(playbooks)]
        site_id = f"{TOWNS[n % len(TOWNS)].lower()}-{n}"
        folder = out / "fidelity" / pb.id / site_id
        (folder / "audits").mkdir(parents=True)
        documents = [(folder / "site.yaml", site_data(rng, pb, site_id, n))]
        period = previous(containing(today, pb.instrument.frequency))
        if n % 17 == 0:  # some sites have fallen behind with their audits
            period = previous(previous(period))
        skill = rng.uniform(0.3, 0.95)
        for _ in range(audits):
            documents.append((folder / "audits" / f"{period}.yaml", audit_data(rng, pb, site_id, period, skill)))
            period, skill = previous(period), max(0.1, skill - rng.uniform(-0.05, 0.1))
        for path, data in documents:
            if rng.random() < mistakes:
                rng.choice(MISTAKES)(data)
            with path.open("w", encoding="utf-8") as handle:
                yaml.dump(data, handle)
    if use_git:
        env = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_NAME": "bench",
               "GIT_COMMITTER_EMAIL": "b@example.org", "PATH": "/usr/bin:/bin"}
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Generated network"]):
            subprocess.run(["git", *args], cwd=out, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--audits", type=int, default=4, help="audits per site")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mistakes", type=float, default=0.02, help="share of files with a realistic mistake")
    parser.add_argument("--no-git", action="store_true")
    args = parser.parse_args()
    generate(args.out, args.sites, args.audits, args.seed, args.mistakes, not args.no_git)
    print(f"Wrote {args.sites} sites with {args.audits} audits each to {args.out}")


if __name__ == "__main__":
    main()
