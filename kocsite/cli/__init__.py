"""The `kocsite` command line, the top of the stack: one module per group of commands, each command
a few lines — parse options, call the library, write the output, return the exit code. Shared
option stacks and programme loading live in `options`; `main` assembles the group. Only this
package imports click."""

from kocsite.cli.main import cli, main

__all__ = ["cli", "main"]
