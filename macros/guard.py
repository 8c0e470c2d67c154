"""Checks every page's template code before anything is rendered.

mkdocs-macros renders pages in an unsandboxed Jinja environment, so a page can
reach Python internals (`{{ lipsum.__globals__ }}`). Pages here may hold only
text and calls to registered macros with literal arguments; anything else is
refused with the page and line. Each call is also checked against the macro's
own rules, so a bad argument fails here with a clear message rather than
halfway through the build.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes
from mkdocs.utils.meta import get_data

from .errors import DataError, Problem


@dataclass(frozen=True)
class MacroCall:
    page: str  # path relative to the project, e.g. docs/talks.md
    src_uri: str  # path relative to docs/, e.g. talks.md
    title: str | None
    line: int
    name: str
    args: tuple
    kwargs: tuple[tuple[str, object], ...]


_ALLOWED_TOP = (nodes.Output, nodes.TemplateData)


def _literal(node: nodes.Node):
    """The Python value of a literal argument, or raise ValueError."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return tuple(_literal(item) for item in node.items)
    raise ValueError


def _describe(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return f"the name '{node.name}'"
    if isinstance(node, (nodes.Getattr,)):
        return f"attribute access '.{node.attr}'"
    if isinstance(node, nodes.Getitem):
        return "item access '[...]'"
    if isinstance(node, nodes.Filter):
        return f"the filter '|{node.name}'"
    return f"a {type(node).__name__.lower()} expression"


def _find_private_access(node: nodes.Node):
    candidates = [node] if isinstance(node, (nodes.Getattr, nodes.Getitem)) else []
    for sub in candidates + list(node.find_all((nodes.Getattr, nodes.Getitem))):
        name = sub.attr if isinstance(sub, nodes.Getattr) else (
            sub.arg.value if isinstance(sub.arg, nodes.Const) and isinstance(sub.arg.value, str) else "")
        if name.startswith("_"):
            return sub, name
    return None, None


_TEMPLATE_MARKS = ("{{", "{%", "{#")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _check_front_matter(text: str, meta: dict, page: str) -> list[Problem]:
    """mkdocs-macros renders a page title that holds template code, so front matter may hold none."""
    problems = []
    for value in _strings(meta):
        mark = next((m for m in _TEMPLATE_MARKS if m in value), None)
        if mark:
            line = next((n for n, ln in enumerate(text.splitlines(), 1) if mark in ln), None)
            problems.append(Problem(page, line, f"'{mark}' is not allowed in the front matter"))
    return problems


def check_page(text: str, page: str, src_uri: str, macros: dict[str, Callable],
               env: Environment) -> tuple[list[MacroCall], list[Problem]]:
    """Parse one page (front matter included) and return its macro calls or problems."""
    body, meta = get_data(text)
    offset = text[: len(text) - len(body)].count("\n") if body and text.endswith(body) else 0
    problems: list[Problem] = _check_front_matter(text, meta, page)
    if problems:
        return [], problems
    calls: list[MacroCall] = []
    try:
        tree = env.parse(body)
    except TemplateSyntaxError as exc:
        return [], [Problem(page, (exc.lineno or 0) + offset, f"template syntax error: {exc.message}")]

    for top in tree.body:
        line = getattr(top, "lineno", 0) + offset
        if not isinstance(top, _ALLOWED_TOP):
            problems.append(Problem(page, line, f"'{{% {type(top).__name__.lower()} %}}' blocks are not allowed in pages; use a macro call such as {{{{ timeline() }}}}"))
            continue
        if isinstance(top, nodes.TemplateData):
            continue
        for expr in top.nodes:
            line = getattr(expr, "lineno", 0) + offset
            if isinstance(expr, nodes.TemplateData):
                continue
            private, name = _find_private_access(expr)
            if private is not None:
                problems.append(Problem(page, line, f"access to '{name}' is not allowed"))
                continue
            if not (isinstance(expr, nodes.Call) and isinstance(expr.node, nodes.Name)):
                problems.append(Problem(page, line, f"{_describe(expr)} is not allowed in pages; only macro calls such as {{{{ cite(\"source-id\") }}}} are"))
                continue
            name = expr.node.name
            if name not in macros:
                problems.append(Problem(page, line, f"'{name}' is not a macro; known macros: {', '.join(sorted(macros))}"))
                continue
            if expr.dyn_args or expr.dyn_kwargs:
                problems.append(Problem(page, line, f"{name}(): *args and **kwargs are not allowed"))
                continue
            try:
                args = tuple(_literal(a) for a in expr.args)
                kwargs = tuple((k.key, _literal(k.value)) for k in expr.kwargs)
            except ValueError:
                problems.append(Problem(page, line, f"{name}(): arguments must be plain text, numbers or lists of them"))
                continue
            try:
                inspect.signature(macros[name]).bind(*args, **dict(kwargs))
            except TypeError as exc:
                problems.append(Problem(page, line, f"{name}(): {exc}"))
                continue
            calls.append(MacroCall(page, src_uri, meta.get("title"), line, name, args, kwargs))
    return calls, problems


def check_pages(docs_dir: Path, display_root: str, macros: dict[str, Callable],
                validators: dict[str, Callable]) -> list[MacroCall]:
    """Check every Markdown page; raise DataError listing every problem."""
    env = Environment()
    problems: list[Problem] = []
    calls: list[MacroCall] = []
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        page = f"{display_root}/{src_uri}"
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            problems.append(Problem(page, line, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the page as UTF-8"))
            continue
        page_calls, page_problems = check_page(text, page, src_uri, macros, env)
        problems.extend(page_problems)
        for call in page_calls:
            check = validators.get(call.name)
            if check is None:
                calls.append(call)
                continue
            try:
                check(*call.args, **dict(call.kwargs))
            except ValueError as exc:
                problems.append(Problem(call.page, call.line, str(exc)))
            else:
                calls.append(call)
    if problems:
        raise DataError(problems)
    return calls
