"""The packaged JSON Schemas, and schema validation turned into plain-English problems at file positions.

The schemas in the repository's `schemas/` folder are the source of truth; the package carries
identical copies (a test keeps them so) so that an installed Spread validates any handbook repository.
Friendly wording lives in the schemas themselves (`title`, `description`, `errorMessage`), so an
editor running the YAML language server and `spread check` say the same thing.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, cast

from spread.errors import Problem
from spread.yaml.document import Document

if TYPE_CHECKING:  # jsonschema is imported only when a file is validated: shell completion must stay fast
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

Kind = Literal["playbook", "site", "audit", "review"]
KINDS: tuple[Kind, ...] = ("playbook", "site", "audit", "review")
TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
              "object": "a mapping of fields", "array": "a list", "null": "empty"}


def schema_text(kind: Kind) -> str:
    return resources.files("spread").joinpath("schemas", f"{kind}.schema.json").read_text(encoding="utf-8")


@cache
def schema(kind: Kind) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded


@cache
def validator(kind: Kind) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(schema(kind), format_checker=FormatChecker(formats=("date",)))


@cache
def _quick(kind: Kind) -> Any:
    import jsonschema_rs

    # As below, dates are checked and no other format is: `uri` is left to the schema's own pattern.
    return jsonschema_rs.validator_for(schema(kind), validate_formats=True, formats={"uri": lambda _: True})


def is_valid(data: Any, kind: Kind) -> bool:
    """A quick yes or no from jsonschema-rs (about 70 times faster than `validate`).

    Only a yes must be right: a no sends the file to `validate`, which finds and words each problem.
    """
    try:
        return bool(_quick(kind).is_valid(data))
    except Exception:  # noqa: BLE001  a value jsonschema-rs cannot take (a huge number, NaN): let `validate` judge it
        return False


def validate(doc: Document, kind: Kind, shown: str) -> list[Problem]:
    """Every schema problem in a document, one per place, in file order."""
    problems: dict[tuple[int, int, bool], Problem] = {}
    for error in sorted(validator(kind).iter_errors(doc.data), key=lambda e: e.validator == "format"):
        error = _most_specific(error)
        where = tuple(error.absolute_path)
        message, at_key, where = _describe(error, where)
        line, col = doc.at(where, key=at_key)
        # One problem per place: `18/04/2026` breaks both the date pattern and the date format, and the
        # pattern's wording (how to write a date) is the one that helps.
        problems.setdefault((line, col, at_key), Problem(shown, line, col, "error", message,
                                                         f"schema-{error.validator}"))
    return sorted(problems.values())


def _most_specific(error: ValidationError) -> ValidationError:
    # For `oneOf` (an option is a slug or a mapping) the sub-error that matched the instance's type
    # says more than "is not valid under any of the given schemas".
    if error.validator == "oneOf" and error.context:
        same_type = [e for e in error.context if e.validator != "type"]
        if same_type:
            return _most_specific(min(same_type, key=lambda e: len(e.relative_path)))
    return error


def _field(where: tuple[Any, ...]) -> str:
    for part in reversed(where):
        if isinstance(part, str):
            return part
    return "this entry"


def _describe(error: ValidationError, where: tuple[Any, ...]) -> tuple[str, bool, tuple[Any, ...]]:
    """(message, whether to point at the key rather than the value, the path to point at)."""
    kind, value = str(error.validator), cast(Any, error.validator_value)
    sub: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    name = _field(where)
    hint = sub.get("errorMessage")
    if kind == "required":
        missing = str(error.message).split("'")[1]
        field_schema = sub.get("properties", {}).get(missing, {})
        what = field_schema.get("description", "")
        place = f"`{name}`" if where else "this file"
        return f"{place} is missing the required field `{missing}`: add it. {what}".strip(), True, where
    if kind == "additionalProperties":
        known = sorted(sub.get("properties", {}))
        instance = cast(Any, error.instance)
        extras = [k for k in instance if k not in known] if isinstance(instance, dict) else []
        extra = extras[0] if extras else "?"
        close = difflib.get_close_matches(extra, known, n=1)
        fix = f"did you mean `{close[0]}`?" if close else f"the fields allowed here are: {', '.join(known)}"
        return f"`{extra}` is not a field Spread knows here: {fix}", True, (*where, extra)
    if kind == "type" and hint and not isinstance(error.instance, (dict, list)):
        # `version: 1.0` is a number to YAML; the fix is the same as for a badly written version.
        return f"`{name}` is {_shown(error.instance)}: {hint}", False, where
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        words = " or ".join(TYPE_WORDS.get(str(w), str(w)) for w in wanted if w != "null")
        return f"`{name}` should be {words}, not {_shown(error.instance)}", False, where
    if kind == "enum":
        # A value a later Spread renamed or dropped: the schema says what to write instead (`x-renamed`).
        instead = sub.get("x-renamed", {}).get(error.instance) if isinstance(error.instance, str) else None
        if instead:
            return f"`{name}` cannot be {_shown(error.instance)} any more: {instead}", False, where
        allowed: list[str] = [str(v) for v in value if v is not None]
        close = difflib.get_close_matches(str(error.instance), allowed, n=1)
        fix = f"did you mean `{close[0]}`?" if close else f"choose one of: {', '.join(allowed)}"
        return f"`{name}` cannot be {_shown(error.instance)}: {fix}", False, where
    if kind == "format":
        return f"`{name}` is {_shown(error.instance)}, which is not a real date: check the day and the month", False, where
    if kind == "pattern":
        fix = hint or f"it does not have the expected form ({value})"
        return f"`{name}` is {_shown(error.instance)}: {fix}", False, where
    if kind in ("minLength", "minItems", "minProperties"):
        return f"`{name}` is empty: fill it in. {sub.get('description', '')}".strip(), False, where
    if kind == "maxLength":
        fix = hint or f"shorten it to {value} characters"
        return f"`{name}` is {len(str(error.instance))} characters long: {fix}", False, where
    if kind == "uniqueItems":
        return f"`{name}` lists the same value twice: list each once", False, where
    if kind == "exclusiveMinimum":
        return f"`{name}` is {_shown(error.instance)} but must be more than {value}", False, where
    if kind in ("minimum", "maximum"):
        word = "at least" if kind == "minimum" else "at most"
        return f"`{name}` is {_shown(error.instance)} but must be {word} {value}", False, where
    if kind == "dependentRequired":
        for trigger, needs in value.items():
            present = cast(dict[str, Any], error.instance)
            if trigger in present:
                absent = [n for n in needs if n not in present]
                return f"`{name}` has `{trigger}` but no `{absent[0]}`: add it", True, where
    return f"`{name}`: {error.message}", False, where


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "empty"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "…\""
