"""The `spread` command line: a click group whose commands are imported only when used.

A CLI is started often (pre-commit hooks, shell completion), so `spread --help` must not pay for
importing ruamel.yaml, jsonschema, gitpython or mkdocs: each command module is loaded on demand.
"""

from __future__ import annotations

import errno
import sys
from typing import Any

import click

from spread import __version__
from spread.console import guarded
from spread.errors import Interrupted
from spread.lazy import LazyGroup
from spread.terminal import printable

COMMANDS = {
    "init": ("spread.commands.init", "Create a new handbook repository for your organisation."),
    "check": ("spread.commands.check", "Check every playbook, site and audit for problems."),
    "playbook": ("spread.commands.playbook", "Write, compare and release playbooks."),
    "site": ("spread.commands.site", "Set up a local site, or move it to a newer playbook version."),
    "audit": ("spread.commands.audit", "Prepare and score a site's fidelity self-audit."),
    "review": ("spread.commands.review", "Prepare and score a review of a programme itself."),
    "report": ("spread.commands.report", "Report on a whole network of sites."),
    "list": ("spread.commands.list", "List the playbooks and their sites, with their latest audits."),
    "publish": ("spread.commands.publish", "Build the handbook website into site/."),
    "serve": ("spread.commands.serve", "Preview the handbook and rebuild it as files change."),
}


class SpreadGroup(LazyGroup):
    """The top-level group: lazy subcommands, output that never obeys control characters from users' files,
    and the one place where exceptions become exit codes."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with guarded():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise _one_line(exc) from None
        except KeyboardInterrupt:
            click.echo(err=True)  # end the line Ctrl+C interrupted (the terminal shows ^C on it)
            raise Interrupted() from None
        except click.Abort as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):  # Ctrl+C at a question
                click.echo(err=True)
                raise Interrupted() from None
            raise
        except click.exceptions.Exit:
            raise
        except OSError as exc:
            # A full disk, a read-only folder, a name too long: the user's computer, not a bug. A closed pipe
            # (`spread report | head`) is click's to end quietly.
            from spread.errors import environment_error

            problem = environment_error(exc) if exc.errno != errno.EPIPE else None
            if problem is not None:
                raise problem from exc
            if exc.errno == errno.EPIPE or ctx.meta.get("spread.traceback"):
                raise
            raise _internal(exc) from exc
        except Exception as exc:
            if ctx.meta.get("spread.traceback"):
                raise
            raise _internal(exc) from exc


def _one_line(exc: click.ClickException) -> click.ClickException:
    """A usage error quoting what was typed (a newline, say) on one line; Spread's own errors see to it."""
    message = printable(exc.message, newlines=False)
    if message != exc.message and type(exc) is click.BadParameter:
        return click.BadParameter(message, exc.ctx, exc.param, exc.param_hint)
    if message != exc.message and type(exc) is click.UsageError:
        return click.UsageError(message, exc.ctx)
    return exc


def _internal(exc: Exception) -> InternalError:
    # One line, never a traceback: the user cannot act on our internals, but can report them.
    return InternalError(f"Spread hit an unexpected problem ({type(exc).__name__}: {exc}). "
                         "Please report it; run again with --traceback for the details.")


class InternalError(click.ClickException):
    exit_code = 3

    def format_message(self) -> str:
        return printable(self.message, newlines=False)


def _remember_traceback(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta["spread.traceback"] = value
    return value


@click.group(cls=SpreadGroup, lazy=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="spread", message="%(prog)s %(version)s")
@click.option("--traceback", is_flag=True, expose_value=False, is_eager=True, callback=_remember_traceback,
              help="Show the full technical details if Spread hits an unexpected problem.")
def cli() -> None:
    """Spread a proven social innovation to many local sites, with fidelity.

    Playbooks say what every site must keep and what it may adapt; sites record their
    adaptations and rate themselves each period; the handbook publishes it all.

    \b
    Examples:
      spread check                      check every file in this repository
      spread site new code-club leeds   set up a new local site
      spread audit score code-club/derby   score a site's latest self-audit
      spread publish                    build the handbook into site/

    \b
    Tab completion of commands, playbooks and sites: add one line to your shell's start-up file.
      bash (~/.bashrc):  eval "$(_SPREAD_COMPLETE=bash_source spread)"
      zsh (~/.zshrc):    eval "$(_SPREAD_COMPLETE=zsh_source spread)"
      fish (~/.config/fish/completions/spread.fish):  _SPREAD_COMPLETE=fish_source spread | source
    """


def main() -> None:
    sys.exit(cli.main(prog_name="spread"))
