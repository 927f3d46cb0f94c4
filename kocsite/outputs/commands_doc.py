"""docs/reference/commands.md: every command and subcommand of the command line, from Click itself.

The library never imports click: the caller hands over the root command object, and this module only
reads its attributes (name, help, params, subcommands) and builds contexts with the command's own
`context_class`. Each command gets its usage line, its help text (the `\\b` example blocks become code
blocks), its arguments and every option with its help and default. Hidden commands are left out.
"""

from __future__ import annotations

import inspect
from typing import Any, Iterator


def commands_markdown(root: Any, prog_name: str = "kocsite") -> str:
    lines = [
        f"# `{prog_name}` commands",
        "",
        "Generated from the command line (`kocsite/cli/`) by `kocsite reference --out docs/reference`;",
        "do not edit by hand. `kocsite COMMAND --help` prints the same in a terminal.",
        "",
        "Exit codes, for every command: 0 done (clean), 1 problems in the data (or, for `lint` and",
        "`init`, what was found or skipped), 2 usage or internal error — never a traceback.",
        "",
    ]
    contexts = list(_walk(root, prog_name, None))
    lines += ["| command | what it does |", "| --- | --- |"]
    lines += [f"| [`{ctx.command_path}`](#{_anchor(ctx)}) | {cell(plain(_summary(ctx.command)))} |" for ctx in contexts]
    lines.append("")
    for ctx in contexts:
        lines += _command_section(ctx)
    return "\n".join(lines).rstrip("\n") + "\n"


def command_paths(root: Any, prog_name: str = "kocsite") -> list[str]:
    """Every visible command's full name, e.g. `kocsite import kocs`."""
    return [ctx.command_path for ctx in _walk(root, prog_name, None)]


def _walk(command: Any, name: str, parent: Any) -> Iterator[Any]:
    ctx = command.context_class(command, info_name=name, parent=parent, **command.context_settings)
    yield ctx
    if hasattr(command, "list_commands"):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, sub_name, ctx)


def _anchor(ctx: Any) -> str:
    return ctx.command_path.replace(" ", "-")


def _summary(command: Any) -> str:
    text = command.short_help or inspect.cleandoc(command.help or "").split("\n\n")[0]
    return " ".join(text.replace("\b", "").split())


def _command_section(ctx: Any) -> list[str]:
    command = ctx.command
    usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
    lines = [f'<a id="{_anchor(ctx)}"></a>', "", f"## `{ctx.command_path}`", "", "```text", usage, "```", ""]
    lines += _help_blocks(inspect.cleandoc(command.help or ""))
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    if arguments:
        lines += ["Arguments:", "", "| argument | required | default |", "| --- | --- | --- |"]
        lines += [f"| `{_argument_name(p)}` | {'required' if p.required else 'optional'} | {_default(p, ctx)} |"
                  for p in arguments]
        lines.append("")
    if options:
        lines += ["Options:", "", "| option | help | default |", "| --- | --- | --- |"]
        lines += [f"| {cell(f'`{_option_name(p)}`')} | {cell(_option_help(p))} | {_default(p, ctx)} |" for p in options]
        lines.append("")
    if hasattr(command, "list_commands"):
        subs = [n for n in command.list_commands(ctx) if not command.get_command(ctx, n).hidden]
        lines += ["Subcommands: " + ", ".join(f"[`{n}`](#{_anchor(ctx)}-{n})" for n in subs) + ".", ""]
    if command.epilog:
        lines += ["```text", inspect.cleandoc(command.epilog.replace("\b", "")), "```", ""]
    return lines


def _help_blocks(text: str) -> list[str]:
    """Click's help: paragraphs, and `\\b` blocks kept line by line (examples) as code."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if not paragraph.strip():
            continue
        if paragraph.lstrip("\n").startswith("\b"):
            body = paragraph.lstrip("\n")[1:].strip("\n")
            lines += ["```text", body, "```", ""]
        else:
            lines += [plain(" ".join(paragraph.split())), ""]
    return lines


def _argument_name(param: Any) -> str:
    name = param.metavar or param.name.upper()
    return name + " …" if param.nargs == -1 else name


def _option_name(param: Any) -> str:
    names = ", ".join(param.opts)
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    metavar = _metavar(param)
    return f"{names} {metavar}" if metavar else names


def _metavar(param: Any) -> str:
    if param.is_flag or getattr(param, "count", False):
        return ""
    if param.metavar:
        return param.metavar
    kind = param.type
    if getattr(kind, "choices", None):
        return "[" + "|".join(str(c) for c in kind.choices) + "]"
    if getattr(kind, "formats", None) == ["%Y-%m-%d"]:
        return "YYYY-MM-DD"
    name = kind.name.replace(" range", "").upper()
    if name == "PATH":
        name = "DIRECTORY" if not kind.file_okay else "FILE" if not kind.dir_okay else "PATH"
    low, high = getattr(kind, "min", None), getattr(kind, "max", None)
    if low is not None or high is not None:
        name += "".join([f" ≥ {low}" if low is not None else "", f" ≤ {high}" if high is not None else ""])
    return name


def _option_help(param: Any) -> str:
    text = " ".join((param.help or "").split())
    extras = []
    if param.multiple:
        extras.append("repeatable")
    if param.envvar:
        extras.append(f"environment: `{param.envvar}`")
    return plain(text) + "".join(f" ({e})" for e in extras)


def _default(param: Any, ctx: Any) -> str:
    if getattr(param, "expose_value", True) is False:
        return ""  # --help, --version: actions, not values
    value = param.get_default(ctx, call=False)
    if callable(value):
        return "computed when run"
    if getattr(param, "is_flag", False) and not getattr(param, "secondary_opts", None):
        return "on" if value is True else "off"
    if value is None or value == () or value == [] or type(value).__name__ == "Sentinel":
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(f"`{v}`" for v in value)
    if isinstance(value, bool):
        return f"`{param.opts[0] if value else param.secondary_opts[0]}`"
    return f"`{value}`"


def plain(text: str) -> str:
    """Plain text for Markdown: outside `code`, angle brackets would be read as HTML."""
    parts = text.split("`")
    return "`".join(p if i % 2 else p.replace("<", "&lt;").replace(">", "&gt;") for i, p in enumerate(parts))


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
