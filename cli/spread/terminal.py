"""What reaches the terminal: text from users' files shown, never obeyed.

A YAML key, a site's reason or a file name can hold an escape sequence that retitles the window, plants a
hyperlink or clears the screen. Every character a terminal would act on (C0 controls but tab and newline,
ESC, DEL, C1 controls, bidi overrides and isolates) is shown escaped instead: `\\x1b`, `\\u202e`.

This happens at the output boundary: while a command runs, `sys.stdout` and `sys.stderr` are a
`SafeStream` (`spread.console.guarded`), so no message, prompt, report or error line can forget it.
"""

from __future__ import annotations

import errno
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# C0 but tab, newline and a carriage return ending a line (CSV's CRLF), DEL, C1, bidi overrides and isolates;
# one-line text escapes every line break too. Compiled when first needed: every start of the CLI imports this.
_UNSAFE = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
_UNSAFE_ONE_LINE = "[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_compiled: dict[bool, re.Pattern[str]] = {}


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    # \uXXXX for what JSON leaves raw (DEL, C1, bidi): JSON output stays valid and decodes to the same text.
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def printable(text: str, *, newlines: bool = True) -> str:
    """`text` with every character a terminal would act on shown escaped; newlines too unless `newlines`."""
    if _plain(text, newlines):
        return text
    pattern = _compiled.get(newlines) or _compiled.setdefault(newlines, re.compile(
        _UNSAFE if newlines else _UNSAFE_ONE_LINE))
    return pattern.sub(_escaped, text)


# C0 controls (but tab and newline) and DEL; the carriage return is judged on its own.
_ASCII_CONTROLS = dict.fromkeys([*range(0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), 0x7F])


def _plain(text: str, newlines: bool) -> bool:
    """True when `text` surely holds nothing to escape: 5-20 times quicker than the pattern on large output
    (a 20 MB JSON report), which decides whenever this is unsure."""
    if newlines and "\r" in text and text.count("\r") == text.count("\r\n"):
        text = text.replace("\r\n", "\n")
    if not newlines and ("\n" in text or "\r" in text):
        return False
    if text.isascii():
        return len(text.translate(_ASCII_CONTROLS)) == len(text)
    # Every character to escape is unprintable to Python too (Cc, Cf); so are a few harmless ones (NBSP, BOM).
    return text.removeprefix("\ufeff").replace("\n", "").replace("\t", "").isprintable()


class SafeStream(io.TextIOBase):
    """A text stream that writes `printable` text to the stream it wraps, and never closes it."""

    def __init__(self, inner: TextIO, label: str = "Spread's output") -> None:
        super().__init__()
        self.inner, self.label = inner, label

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click asks with b"" whether a stream is binary: say no, like a text file
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        safe = printable(text)
        with self._named():
            try:
                self.inner.write(safe)
            except UnicodeEncodeError:  # a terminal set to ASCII: `→` is shown as `\u2192` rather than failing
                encoding = self.encoding
                self.inner.write(safe.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def flush(self) -> None:
        with self._named():
            self.inner.flush()

    @contextmanager
    def _named(self) -> Iterator[None]:
        # Output sent to a full disk (`spread report > sites.txt`) is named in the one-line error; a closed
        # pipe stays as it is, for click to end quietly.
        try:
            yield
        except OSError as exc:
            if exc.filename is not None or exc.errno in (None, errno.EPIPE):
                raise
            raise OSError(exc.errno, exc.strerror, self.label) from exc

    def close(self) -> None:
        """The wrapped stream is not ours to close."""

    @property
    def closed(self) -> bool:
        return bool(self.inner.closed)

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.inner.encoding or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.inner.errors

    @property
    def buffer(self) -> _Bytes:
        """Bytes written here (click writes shell completion so) are decoded, then escaped like text."""
        return _Bytes(self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _Bytes(io.RawIOBase):
    def __init__(self, text: SafeStream) -> None:
        super().__init__()
        self.text = text

    def write(self, data: Any) -> int:
        self.text.write(bytes(data).decode(self.text.encoding, "replace"))
        return len(data)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self.text.flush()
