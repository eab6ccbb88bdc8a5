"""Writing YAML as text, line by line, so that generated files keep the guiding comments people read.

A YAML library would lose or misplace comments on nested values; text gives exact control. Every
string goes through `scalar` or `field`, which quote whatever a YAML reader could take for something
other than the same text (a number, a date, `null`, a comment, a list…).
"""

from __future__ import annotations

import os
import re
import textwrap
from functools import cache, lru_cache
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

WIDTH = 100
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# YAML 1.1 readers (PyYAML, older editors) would read these as true/false: quote them for everyone.
YAML11_BOOLS = {"y", "n", "yes", "no", "on", "off", "true", "false"}


@cache
def _loader() -> YAML:
    return YAML(typ="safe", pure=True)


@lru_cache(maxsize=1 << 16)  # site names, titles and ids recur in every file written: asked once each
def _plain_ok(text: str) -> bool:
    if ISO_DATE.fullmatch(text):
        return True  # Spread reads dates as the text written, and the schema checks them: keep them plain
    if not text or text != text.strip() or not text.isprintable() or text.lower() in YAML11_BOOLS:
        return False
    try:
        loaded = _loader().load(f"k: {text}\n")
    except (YAMLError, ValueError):
        return False
    return isinstance(loaded, dict) and loaded.get("k") == text and isinstance(loaded.get("k"), str)


def _quoted(text: str) -> str:
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = []
    for ch in text:
        if ch in escapes:
            out.append(escapes[ch])
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def scalar(text: str) -> str:
    """The string as a one-line YAML value: plain when that reads back as the same text, else double-quoted."""
    return text if _plain_ok(text) else _quoted(text)


def _foldable(text: str, room: int) -> bool:
    # A folded block (`>-`) reads back exactly only for one line of single-spaced, printable words.
    return len(text) > room and text.isprintable() and "  " not in text and text == text.strip()


def field(key: str, value: str | float | None, indent: int = 0, note: str | None = None) -> list[str]:
    """`key: value` at an indent, with long text folded over several lines and an optional trailing comment.

    Numbers are written as numbers; everything else as text, however much it looks like something else.
    """
    pad = " " * indent
    # A note is a comment to the end of the line: a line break in it (a regime's title, say) would start YAML.
    tail = f"  # {' '.join(note.split())}" if note else ""
    if value is None:
        return [f"{pad}{key}:{tail}"]
    if isinstance(value, (int, float)):
        shown = str(int(value)) if float(value).is_integer() else repr(float(value))
        return [f"{pad}{key}: {shown}{tail}"]
    room = WIDTH - indent - len(key) - 2
    if _foldable(value, room):
        lines = textwrap.wrap(value, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
        return [f"{pad}{key}: >-{tail}", *(f"{pad}  {line}" for line in lines)]
    return [f"{pad}{key}: {scalar(value)}{tail}"]


def comment(text: str, indent: int = 0, hang: str = "") -> list[str]:
    """Text as wrapped `#` comment lines; `hang` starts the first line and later lines align under it."""
    pad = " " * indent + "# "
    words = " ".join(text.split())
    lines = textwrap.wrap(words, max(WIDTH - len(pad) - len(hang), 40), break_long_words=False,
                          break_on_hyphens=False) or [""]
    return [f"{pad}{hang}{lines[0]}".rstrip(), *(f"{pad}{' ' * len(hang)}{line}" for line in lines[1:])]


def modeline(folder: Path, root: Path, kind: str) -> str:
    """The first line that lets an editor with the YAML language server check and complete the file."""
    target = os.path.relpath(root.resolve() / "schemas" / f"{kind}.schema.json", folder.resolve())
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"
