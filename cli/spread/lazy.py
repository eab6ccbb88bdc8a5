"""A click group that imports each subcommand's module only when it is used, so start-up stays fast."""

from __future__ import annotations

import importlib
import importlib.util

import click


class LazyGroup(click.Group):
    """Subcommands come from a table {name: (module, one-line help)}; the module must define `name`."""

    def __init__(self, *args: object, lazy: dict[str, tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        present = [name for name, (module, _) in self.lazy.items() if importlib.util.find_spec(module) is not None]
        return present + sorted(set(super().list_commands(ctx)) - set(present))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        module_name, _ = self.lazy[cmd_name]
        if importlib.util.find_spec(module_name) is None:
            return None
        module, attr = importlib.import_module(module_name), cmd_name.replace("-", "_")
        # A command named for a Python keyword (`import`) is defined with a trailing underscore.
        command: click.Command = getattr(module, attr, None) or getattr(module, attr + "_")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy[name][1] if name in self.lazy else (self.get_command(ctx, name) or click.Command(name))
                 .get_short_help_str()) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
