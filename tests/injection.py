"""A corpus of hostile text, and planting it into every free-text field of a copy of the example network.

Every payload is wrapped in a pair of markers, `ZZ<n>a` before and `ZZ<n>b` after. Text shown as text keeps the
pair together in one element; a payload that injected structure (a heading, a list item, a table cell) splits
them apart, which is how the injection tests find it. Each script the corpus tries to run calls `alert`,
`confirm` or `prompt`, which the browser test records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

SECRET = "SPREAD-SECRET-FILE-CONTENT"  # what a snippet include of the planted secret file would show

CORPUS = [
    # Markdown links and images to script addresses, in every spelling.
    "[click](javascript:alert(1))", "[click](JaVaScRiPt:alert(2))", "[click](&#106;avascript:alert(3))",
    "[click](&#x6A;&#x61;vascript&colon;alert(4))", "[click](java&#09;script:alert(5))",
    "[click](java\tscript:alert(6))", "[click]( javascript:alert(7))", "[click](<javascript:alert(8)>)",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==)", "[click](vbscript:msgbox(10))",
    "[[inner](javascript:alert(11))](https://example.org/)", "[outer [inner](javascript:alert(12))]",
    "[click][r13]\n\n[r13]: javascript:alert(13)", "[r14]: <javascript:alert(14)> \"t\"\n\n[r14][]",
    "<javascript:alert(15)>", "<data:text/html,<script>alert(16)</script>>",
    "![img](javascript:alert(17))", "![img](x\" onerror=\"alert(18))", "![tracker](https://example.org/pixel.png)",
    "[click](javascript:alert(19) \"title\")", "[click](javascript:alert%2820%29)",
    "[click](//example.org/escape)", "[click](../../../../etc/passwd)",
    # Backslash and backtick tricks.
    "\\<script>alert(21)</script>", "\\\\<script>alert(22)</script>", "\\[click](javascript:alert(23))",
    "\\\\[click](javascript:alert(24))", "`x`<script>alert(25)</script>`y`", "``<img src=x onerror=alert(26)>``",
    "`<script>alert(27)</script>", "&lt;script&gt;alert(28)&lt;/script&gt;",
    # Raw HTML.
    "<script>alert(29)</script>", "<img src=x onerror=alert(30)>", "<svg onload=alert(31)>",
    "<iframe src=\"javascript:alert(32)\"></iframe>", "<iframe srcdoc=\"<script>alert(33)</script>\"></iframe>",
    "<object data=\"javascript:alert(34)\"></object>", "<embed src=\"javascript:alert(35)\">",
    "<a href=\"javascript:alert(36)\">link</a>", "<details open ontoggle=alert(37)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(38)>", "<body onload=alert(39)>",
    "<input autofocus onfocus=alert(40)>", "<form action=\"javascript:alert(41)\"><button>go</button></form>",
    "<a href=\"&#106;avascript:alert(42)\">link</a>", "<base href=\"javascript:alert(43)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(44)\">",
    "<div style=\"background:url(javascript:alert(45))\">styled</div>", "<scr<script>ipt>alert(46)</script>",
    "\" onmouseover=\"alert(47)", "' onmouseover='alert(48)", "\"}</script><script>alert(49)</script>",
    # Attribute lists.
    "{: onclick=\"alert(50)\" }", "Title {: #evil .cls onmouseover=alert(51) }", "{ onclick=alert(52) }",
    "*em*{: onclick=alert(53)}",
    # Line breaks followed by block syntax.
    "\n# heading", "\n---\nafter", "\n| a | b |\n|---|---|\n| c | d |", "\n!!! danger \"Admonition\"\n    body",
    "\n??? note \"Details\"\n    body", "\n<details><summary>summary</summary>body</details>", "\n- item",
    "\n1. item", "\n> quote", "\n\n    indented", "\n===", "\nterm\n:   definition", "\n***\nafter",
    "\n\n## heading two\n\ntext", "\n\n| a |\n|---|\n| b |\n\n",
    # Template-like text.
    "{{ config }}", "{{ 7*7 }}", "{% include \"base.html\" %}", "{# comment", "${7*7}", "{% raw %}",
    # Comment tricks against the deferred-block placeholders.
    "<!-- spread-deferred-block 0 -->", "<!-- spread-deferred-block 999 -->", "-->", "--!>", "<!-->",
    # Closing the elements user text is placed in.
    "</textarea><script>alert(60)</script>", "</title><script>alert(61)</script>",
    "]]><script>alert(62)</script>", "</style><script>alert(63)</script>", "</script><script>alert(64)</script>",
    "<![CDATA[<script>alert(65)</script>]]>", "</desc></svg><script>alert(66)</script>",
    "</td></tr></table><script>alert(67)</script>", "</p></div></article><script>alert(68)</script>",
    "</code></pre><script>alert(69)</script>",
    # pymdownx syntax: emoji, magic links, marks, keys, snippets.
    ":smile: :material-alert:", "www.example.org https://example.org/magic @user #123 user/repo#1",
    "==mark== ^^ins^^ ~~del~~ ++ctrl+alt+del++", "--8<-- \"{secret}\"", "\n--8<-- \"{secret}\"\n",
    # Swallowers last: an unclosed comment, fence or element must hide nothing that comes after it.
    "```\nfence", "<!--", "<textarea>", "<title>", "<xmp>", "<plaintext>", "<noscript>", "<style>",
]

MARKER = "ZZ{}{}"


def payloads(secret: Path) -> list[str]:
    """The corpus, each entry between its pair of markers."""
    return [f"{MARKER.format(n, 'a')} {p.replace('{secret}', str(secret))} {MARKER.format(n, 'b')}"
            for n, p in enumerate(CORPUS)]


# Free-text fields by file kind, as paths: `[]` every list entry, `*` every mapping value.
PLAYBOOK = [
    "title", "summary", "description", "population.description", "population.inclusion[]",
    "population.exclusion[]", "theory_of_change.problem", "theory_of_change.mechanisms[]",
    "theory_of_change.outcomes[].name", "theory_of_change.outcomes[].measure", "evidence.summary",
    "evidence.sources[].title", "evidence.sources[].type", "replication.notes", "roles[].title",
    "roles[].description", "core[].title", "core[].function", "core[].form", "core[].why",
    "core[].practice.ideal", "core[].practice.expected", "core[].practice.developmental",
    "core[].practice.unacceptable", "local[].title", "local[].guidance", "local[].prohibited[]",
    "local[].options[].label", "local[].options[].description", "fidelity.sections[].title",
    "fidelity.items[].title", "fidelity.items[].description", "fidelity.items[].anchors.*",
    "fidelity.bands[].description", "fidelity.goals[].title", "fidelity.goals[].metric",
    "fidelity.goals[].numerator", "fidelity.goals[].denominator", "rollout[].steps[]",
    # Issue 20's fields (`add_missing` gives the example network each of them).
    "adopter.noun", "adopter.plural", "adopter.host", "adopter.area", "regulator.name", "regulator.short",
    "core[].evidence[]", "fidelity.regimes[].title",
]
SITE = ["name", "host.name", "area", "contact", "adaptations[].reason", "adaptations[].description",
        "adaptations[].approved_by", "adaptations[].plan", "retired[].reason", "retired[].description", "notes",
        "pair.mentor", "pair.mentee", "principles[].how"]
AUDIT = ["raters[].role", "raters[].name", "raters[].organisation", "ratings.*.evidence", "ratings.*.not_rated", "actions[].action",
         "notes"]


def _visit(node: Any, path: list[str], change: Callable[[str], str]) -> int:
    """Apply `change` to every string at `path` under `node`; how many were changed."""
    if not path:
        return 0
    head, rest = path[0], path[1:]
    key, many = (head[:-2], True) if head.endswith("[]") else (head, False)
    if key == "*":
        targets = [(node, k) for k in node] if isinstance(node, dict) else []
    else:
        targets = [(node, key)] if isinstance(node, dict) and key in node else []
    changed = 0
    for parent, k in targets:
        value = parent[k]
        if many and isinstance(value, list):
            for i, entry in enumerate(value):
                if not rest and isinstance(entry, str):
                    value[i] = change(entry)
                    changed += 1
                else:
                    changed += _visit(entry, rest, change)
        elif not rest and isinstance(value, str):
            parent[k] = change(value)
            changed += 1
        elif rest:
            changed += _visit(value, rest, change)
    return changed


# Free-text values the example network does not have, added so that they are planted too: a site's choice about
# a component a later version removed, named raters, a free-text choice, a source's web address, an action's
# owner in the site's own words.
SHORT = "<img src=x onerror=alert(90)> `x`<b>"  # as short as a free-text choice must be


def add_missing(root: Path) -> None:
    """Add the values `plant` would otherwise find nowhere (before planting, so that they are planted too)."""
    yaml = YAML()
    yaml.width = 4096

    def edit(rel: str, change: Callable[[Any], None]) -> None:
        path = root / rel
        data = yaml.load(path.read_text(encoding="utf-8"))
        change(data)
        with path.open("w", encoding="utf-8") as out:
            yaml.dump(data, out)

    def site(data: Any) -> None:
        data["retired"] = [{"component": "old-rhythm", "choice": "six-weekly", "reason": "Only room free.",
                            "description": "Met every six weeks.", "retired_in": "2.0.0"}]
        for adaptation in data["adaptations"]:
            if adaptation["component"] == "language":  # free text, up to 80 characters
                adaptation["choice"] = f"English {SHORT}"
        data["pair"] = {"mentor": "A peer who lives with diabetes", "mentee": "Someone newly diagnosed"}
        data["principles"] = [{"principle": "peer-led", "how": "Peers lead every circle."}]
        data["regulator_ratings"] = [{"rating": "good", "date": "2026-05-01", "report": "https://www.cqc.org.uk/location/1-1"}]

    def audit(data: Any) -> None:
        data["raters"] = [{"role": "site-coordinator", "name": "A rater", "organisation": "Another trust"}]
        for action in data.get("actions") or []:
            action["owner"] = "Our own volunteer lead"

    def playbook(data: Any) -> None:
        data["evidence"]["sources"][0]["url"] = 'https://evidence.example.net/report"onmouseover="alert(91)'  # a link it should be
        data["adopter"] = {"kind": "pair", "noun": "circle pair", "plural": "circle pairs", "host": "host",
                           "area": "area served"}
        data["regulator"] = {"name": "Care Quality Commission", "short": "CQC", "ratings": ["good", "inadequate"]}
        core = next(c for c in data["core"] if c["id"] == "peer-led")
        core["kind"], core["evidence"] = "principle", ["Rotas of who led each circle."]
        core.pop("form", None)
        data["fidelity"]["regimes"] = [{"id": "full", "title": "Full audit"}]

    edit("fidelity/peer-diabetes/leeds/site.yaml", site)
    edit("fidelity/peer-diabetes/leeds/audits/2026-Q3.yaml", audit)
    edit("playbooks/peer-diabetes/playbook.yaml", playbook)
    edit("playbooks/peer-diabetes/releases/2.0.0.yaml", playbook)  # what the sites on 2.0.0 are checked against


def _files(root: Path) -> list[tuple[Path, str, list[str]]]:
    return ([(p, "playbook", PLAYBOOK) for p in sorted(root.glob("playbooks/*/playbook.yaml"))]
            + [(p, "site", SITE) for p in sorted(root.glob("fidelity/*/*/site.yaml"))]
            + [(p, "audit", AUDIT) for p in sorted(root.glob("fidelity/*/*/audits/*.yaml"))])


def plant(root: Path, corpus: list[str]) -> int:
    """Append hostile text to every free-text value of every playbook, site and audit under `root`, so that
    each field (say, every site's `name`) receives the whole corpus spread over its values, a few payloads per
    value, and every value receives at least two. Returns how many values were changed."""
    yaml = YAML()
    yaml.width = 4096
    loaded = [(path, kind, fields, yaml.load(path.read_text(encoding="utf-8"))) for path, kind, fields in _files(root)]
    instances: dict[tuple[str, str], int] = {}
    for _, kind, fields, data in loaded:
        for field in fields:
            instances[kind, field] = instances.get((kind, field), 0) + _visit(data, field.split("."), str)
    seen: dict[tuple[str, str], int] = {}
    for path, kind, fields, data in loaded:
        for field in fields:
            share = max(2, -(-len(corpus) // max(instances[kind, field], 1)))

            def change(value: str, key: tuple[str, str] = (kind, field), share: int = share) -> str:
                k = seen[key] = seen.get(key, -1) + 1
                picked = [corpus[(k * share + i) % len(corpus)] for i in range(share)]
                return value + " " + " ".join(picked)

            _visit(data, field.split("."), change)
        with path.open("w", encoding="utf-8") as out:
            yaml.dump(data, out)
    return sum(seen.values()) + len(seen)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
EMBEDDED = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background",
                  "cite", "ping"}


class Scan(HTMLParser):
    """One built page read without a browser: its scripts, anything that could run script, and the text of its
    headings, title and table of contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inline: list[str] = []
        self.external: list[str] = []
        self.dangers: list[str] = []
        self.texts: dict[str, list[str]] = {"h1": [], "title": [], "toc": [], "nav": []}
        self._open: list[tuple[str, str]] = []  # the elements whose text is being collected: (key, tag)
        self._text: list[list[str]] = []
        self._toc = 0  # depth inside the page's table of contents
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        for name, value in found.items():
            plain = re.sub(r"[\x00-\x20]", "", value).lower()
            if name.startswith("on") or (name in URL_ATTRIBUTES and plain.startswith(("javascript:", "data:",
                                                                                      "vbscript:"))):
                self.dangers.append(f"<{tag} {name}={value[:60]!r}>")
        refresh = tag == "meta" and found.get("http-equiv", "").lower() not in ("", "content-security-policy")
        if tag in EMBEDDED or refresh:
            self.dangers.append(f"<{tag}>")
        if tag == "script":
            if found.get("src"):
                self.external.append(found["src"])
            elif found.get("type") != "application/json":
                self._script = []
        if tag == "nav" and "md-nav--secondary" in found.get("class", ""):
            self._toc = 1
        elif self._toc and tag == "nav":
            self._toc += 1
        key = tag if tag in ("h1", "title") else "toc" if self._toc and tag == "a" else None
        if tag == "span" and "md-ellipsis" in found.get("class", "") and not self._toc:
            key = "nav"  # an entry of the site's navigation
        elif tag == "a" and "headerlink" in found.get("class", "") and self._open:
            key = "skip"
        if key:
            self._open.append((key, tag))
            self._text.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None
        if tag == "nav" and self._toc:
            self._toc -= 1
        if self._open and tag == self._open[-1][1]:
            (key, _), words = self._open.pop(), self._text.pop()
            if key != "skip":
                self.texts[key].append(" ".join("".join(words).split()))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._text:
            self._text[-1].append(data)


def scan(html: str) -> Scan:
    parser = Scan()
    parser.feed(html)
    parser.close()
    return parser
