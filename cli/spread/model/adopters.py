"""Who adopts a playbook, and the words a site record then uses (issue 20).

Most programmes are adopted by a local site or group; some by an organisation (an ambulance service builds an
alerting app into its dispatch, a local authority its social care, a city its volunteering), and some by a
mentoring pair. A site record means something different for each: the `host` is the ambulance service, the `area`
is the area it covers; a pair has a mentor and a mentee, described by role only, never by name, because site
files are published. The playbook says which (`adopter:`); pages and `spread site new` use its words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["site", "organisation", "pair"]
KINDS: tuple[Kind, ...] = ("site", "organisation", "pair")
# What one adopter, its host and its area are called when the playbook does not say: noun, plural, host, area.
DEFAULTS: dict[Kind, tuple[str, str, str, str]] = {
    "site": ("site", "sites", "host organisation", "area"),
    "organisation": ("organisation", "organisations", "organisation", "area covered"),
    "pair": ("mentoring pair", "mentoring pairs", "organisation arranging the pair", "area"),
}
# How a page says who holds a site record: `hosted by Leeds Libraries`, `adopted by East Midlands Ambulance Service`.
HELD_BY: dict[Kind, str] = {"site": "hosted by", "organisation": "adopted by", "pair": "arranged by"}


@dataclass(frozen=True)
class Adopter:
    """Who adopts: the kind, and the playbook's own words for one adopter, several, the host and the area.
    A pair names the playbook roles its mentor and mentee take (`mentor`, `mentee`: role ids, or None)."""

    kind: Kind = "site"
    noun: str | None = None
    plural: str | None = None
    host: str | None = None
    area: str | None = None
    mentor: str | None = None
    mentee: str | None = None

    @property
    def one(self) -> str:
        """One adopter, in the playbook's words: `site`, `ambulance service`, `mentoring pair`."""
        return self.noun or DEFAULTS[self.kind][0]

    @property
    def many(self) -> str:
        """Several adopters: the playbook's plural, or its noun with an s, or the kind's default."""
        if self.plural:
            return self.plural
        return f"{self.noun}s" if self.noun else DEFAULTS[self.kind][1]

    @property
    def host_words(self) -> str:
        """What the site record's `host` is: `host organisation`, `ambulance service`."""
        return self.host or DEFAULTS[self.kind][2]

    @property
    def area_words(self) -> str:
        """What the site record's `area` is: `area`, `area covered`."""
        return self.area or DEFAULTS[self.kind][3]

    @property
    def held_by(self) -> str:
        return HELD_BY[self.kind]

    def count(self, number: int) -> str:
        """`1 site`, `3 ambulance services`."""
        return f"{number} {self.one if number == 1 else self.many}"


def capital(words: str) -> str:
    """The first letter upper-cased, the rest as written (`area covered` → `Area covered`, `NHS trust` kept)."""
    return words[:1].upper() + words[1:]
