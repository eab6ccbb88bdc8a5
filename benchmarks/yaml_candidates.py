"""The YAML parsers measured against Spread's hand-written plain reader, each shaped as a drop-in for it.

`spread.yaml.fast.fast_parse` reads a file in tiers: the hand-written plain reader
(`spread.yaml.plain.read_plain(text, memo)`), then libyaml through ruamel.yaml's C extension, then the careful
path. Replacing the hand reader means putting another function of the same shape in its place: the decoded
text in, a mapping out, or None to let the next tier read the file. Each candidate below is that function.
A candidate is used as it comes, with the options that bring it closest to the careful path (YAML 1.2,
duplicate keys refused, dates left as text); anything it raises counts as stepping aside. Only rapidyaml
needs more: it builds no Python data and resolves no scalar, so a walk of its tree with Spread's own
resolver (`spread.yaml.resolver`) is part of that candidate; its other form, JSON written by rapidyaml's emitter
and read by `json.loads`, is the fastest way from its tree to Python data, with the emitter's own typing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import metadata
from typing import Any

Reader = Callable[[str, dict[str, str]], Any]


def _spread(text: str, memo: dict[str, str]) -> Any:
    from spread.yaml.plain import read_plain

    return read_plain(text, memo)


def _no_hand_reader(text: str, memo: dict[str, str]) -> Any:
    return None  # every file goes straight to libyaml through ruamel.yaml's C extension (tier 2)


def _yaml_rs() -> Reader:
    import yaml_rs  # type: ignore[import-not-found]

    def read(text: str, memo: dict[str, str]) -> Any:
        return yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)

    return read


def _pyyaml(loader: str) -> Callable[[], Reader]:
    def make() -> Reader:
        import yaml

        if loader == "CCoreLoader":
            import yamlcore  # type: ignore[import-not-found]

            cls = yamlcore.CCoreLoader
        else:
            cls = getattr(yaml, loader)

        def read(text: str, memo: dict[str, str]) -> Any:
            return yaml.load(text, Loader=cls)

        return read

    return make


def _yaml12() -> Reader:
    import yaml12  # type: ignore[import-not-found]

    return lambda text, memo: yaml12.parse_yaml(text)


def _ryaml() -> Reader:
    import ryaml  # type: ignore[import-not-found]

    return lambda text, memo: ryaml.loads(text)


def _libfyaml() -> Reader:
    import libfyaml  # type: ignore[import-not-found]

    return lambda text, memo: libfyaml.loads(text, mode="yaml").to_python()


def _rapidyaml() -> Reader:
    from ryml_walk import read_ryml

    return read_ryml


def _rapidyaml_json() -> Reader:
    import json

    import ryml  # type: ignore[import-not-found]

    def read(text: str, memo: dict[str, str]) -> Any:
        tree = ryml.parse_in_arena(text.encode())
        return json.loads(ryml.emit_json_malloc(tree, tree.root_id()))

    return read


# name: (distribution whose version is shown, how to make the reader)
CANDIDATES: dict[str, tuple[str | None, Callable[[], Reader]]] = {
    "spread plain reader (today)": (None, lambda: _spread),
    "no hand reader: libyaml via ruamel.yaml.clib": ("ruamel.yaml.clib", lambda: _no_hand_reader),
    "rapidyaml (ryml) + Spread's resolver": ("rapidyaml", _rapidyaml),
    "rapidyaml (ryml) via its JSON emitter": ("rapidyaml", _rapidyaml_json),
    "yaml-rs": ("yaml-rs", _yaml_rs),
    "py-yaml12": ("py-yaml12", _yaml12),
    "ryaml": ("ryaml", _ryaml),
    "libfyaml": ("libfyaml", _libfyaml),
    "PyYAML CSafeLoader": ("PyYAML", _pyyaml("CSafeLoader")),
    "yamlcore CCoreLoader (PyYAML + YAML 1.2)": ("yamlcore", _pyyaml("CCoreLoader")),
}


def version(name: str) -> str:
    dist = CANDIDATES[name][0]
    if dist is None:
        return "-"
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def reader(name: str) -> Reader | None:
    """The candidate as a drop-in for `read_plain`: a mapping, or None (it stepped aside, or raised)."""
    try:
        inner = CANDIDATES[name][1]()
    except ImportError:
        return None

    def read(text: str, memo: dict[str, str]) -> Any:
        try:
            data = inner(text, memo)
        except RecursionError:
            return None
        except Exception:  # noqa: BLE001  a refusal, whatever its class: the next tier reads the file
            return None
        return data if isinstance(data, dict) else None

    return read


def install(name: str) -> None:
    """Put the candidate in the hand reader's place, for this process and the workers it forks."""
    import spread.yaml.fast

    if CANDIDATES[name][0] is None:
        return  # today's reader stays as it is, unwrapped
    read = reader(name)
    if read is None:
        sys.exit(f"{name}: not installed in this Python; install it with pip and run again")
    spread.yaml.fast.read_plain = read  # type: ignore[assignment]
