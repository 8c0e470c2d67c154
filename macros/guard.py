"""Checks every page before anything is rendered.

Both generators render pages in an unsandboxed Jinja environment, so a page could
reach Python internals (`{{ lipsum.__globals__ }}`). Pages here may hold only
text, allowed HTML and calls to registered macros with literal arguments;
anything else is refused with the page and line. The guard reads exactly the
pages the generator renders (macros/files.py), their front matter is validated
(macros/frontmatter.py), and each call is checked against the macro's own rules,
so a bad argument fails here with a clear message rather than halfway through
the build.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from . import frontmatter
from .editions import EDITION_FOLDERS, ENGLISH, Edition
from .errors import DataError, Problem, shown
from .files import markdown_pages, read_capped
from .text import character_problem

PAGE_MAX_BYTES = 1024 * 1024
# Macros that return text for the middle of a sentence; every other macro returns a block.
INLINE_MACROS = frozenset({"cite", "event_link", "as_of", "last_reviewed"})


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
        return f"the name {shown(node.name)}"
    if isinstance(node, (nodes.Getattr,)):
        return f"attribute access {shown('.' + node.attr)}"
    if isinstance(node, nodes.Getitem):
        return "item access '[...]'"
    if isinstance(node, nodes.Filter):
        return f"the filter {shown('|' + node.name)}"
    return f"a {type(node).__name__.lower()} expression"


def _find_private_access(node: nodes.Node):
    candidates = [node] if isinstance(node, (nodes.Getattr, nodes.Getitem)) else []
    for sub in candidates + list(node.find_all((nodes.Getattr, nodes.Getitem))):
        name = sub.attr if isinstance(sub, nodes.Getattr) else (
            sub.arg.value if isinstance(sub.arg, nodes.Const) and isinstance(sub.arg.value, str) else "")
        if name.startswith("_"):
            return sub, name
    return None, None


# -- raw HTML and links in pages --------------------------------------------------------

# Pages are reviewed input, but a reviewer reading a pull request may miss an event handler
# in a line of prose. Raw HTML is limited to tags and attributes that cannot run script,
# load anything from another host or style the page.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = frozenset({"href", "title", "id", "class", "lang", "datetime", "colspan", "rowspan", "scope",
                                "open", "alt", "src", "width", "height", "role", "name", "start", "reversed"})
URL_ATTRIBUTES = frozenset({"href", "src"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_MD_LINK_RE = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_MD_REFERENCE_RE = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)")
_AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_SETEXT_RE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")


def _url_problem(url: str, *, image: bool = False) -> str | None:
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", url)
    match = _SCHEME_RE.match(squeezed)
    if image and (match or squeezed.startswith("//")):
        return f"the image {shown(url)} is on another host; pages load nothing from other hosts"
    if match and match.group(1).lower() not in LINK_SCHEMES:
        return f"the link {shown(url)} uses the scheme {match.group(1).lower() + ':'!r}; only https, http and mailto links are allowed"
    return None


class _PageHTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag not in ALLOWED_TAGS:
            self.problems.append((line, f"the HTML tag <{tag}> is not allowed in pages"))
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES and not name.startswith("aria-"):
                self.problems.append((line, f"the HTML attribute {shown(name)} is not allowed in pages"))
            elif name in URL_ATTRIBUTES and value is not None:
                problem = _url_problem(value, image=(name == "src"))
                if problem:
                    self.problems.append((line, problem))

    handle_startendtag = handle_starttag


def _without_code(body: str) -> list[str]:
    """The body's lines with fenced code blocks and code spans blanked out (line numbers kept)."""
    lines, fence = [], None
    for line in body.split("\n"):
        match = _FENCE_RE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines.append("")
            continue
        if match:
            fence = match.group(1)
            lines.append("")
            continue
        lines.append(_CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line))
    return lines


def check_markup(body: str, page: str, offset: int) -> list[Problem]:
    """Raw HTML limited to the allowlist; links with safe schemes; images only from this site."""
    lines = _without_code(body)
    problems = []
    parser = _PageHTML()
    # Autolinks (<https://...>) look like tags to an HTML parser; their schemes are checked below.
    parser.feed(_AUTOLINK_RE.sub(lambda m: " " * len(m.group(0)), "\n".join(lines)))
    parser.close()
    problems += [Problem(page, line + offset, message) for line, message in parser.problems]
    for number, line in enumerate(lines, 1):
        for bang, url in _MD_LINK_RE.findall(line):
            problem = _url_problem(url, image=bool(bang))
            if problem:
                problems.append(Problem(page, number + offset, problem))
        for pattern in (_MD_REFERENCE_RE, _AUTOLINK_RE):
            for url in pattern.findall(line):
                problem = _url_problem(url)
                if problem:
                    problems.append(Problem(page, number + offset, problem))
    return problems


# -- one page ----------------------------------------------------------------------------

def _page_characters(text: str, page: str) -> list[Problem]:
    for number, line in enumerate(text.split("\n"), 1):
        problem = character_problem(line.replace("\t", " ").removesuffix("\r"), allow_newlines=False)
        if problem:
            return [Problem(page, number, problem)]
    return []


def _placement(name: str, line: str, before: str | None, after: str | None) -> str | None:
    """Why a macro call on this line is misplaced, or None."""
    heading = _HEADING_RE.match(line) or (after is not None and _SETEXT_RE.match(after) and line.strip())
    if heading:
        return f"{name}() is not allowed in a heading; headings (and so page titles) are plain text"
    if name in INLINE_MACROS:
        return None
    alone = line.startswith("{{") and line.rstrip().endswith("}}") and line.count("{{") == 1
    if not alone or (before or "").strip() or (after or "").strip():
        return f"{name}() makes a block: put the call alone on its own line, with a blank line before and after"
    return None


def check_page(text: str, page: str, src_uri: str, macros: dict[str, Callable],
               env: Environment) -> tuple[list[MacroCall], list[Problem]]:
    """Parse one page (front matter included) and return its macro calls or problems."""
    problems = _page_characters(text, page)
    if problems:
        return [], problems
    try:
        meta, body, offset = frontmatter.split(text, page)
    except DataError as exc:
        return [], exc.problems
    problems = check_markup(body, page, offset)
    calls: list[MacroCall] = []
    try:
        tree = env.parse(body)
    except TemplateSyntaxError as exc:
        return [], problems + [Problem(page, (exc.lineno or 0) + offset, f"template syntax error: {exc.message}")]
    body_lines = body.split("\n")

    def around(n: int) -> tuple[str, str | None, str | None]:
        return (body_lines[n - 1] if 0 < n <= len(body_lines) else "",
                body_lines[n - 2] if n >= 2 else None,
                body_lines[n] if n < len(body_lines) else None)

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
                problems.append(Problem(page, line, f"access to {shown(name)} is not allowed"))
                continue
            if not (isinstance(expr, nodes.Call) and isinstance(expr.node, nodes.Name)):
                problems.append(Problem(page, line, f"{_describe(expr)} is not allowed in pages; only macro calls such as {{{{ cite(\"source-id\") }}}} are"))
                continue
            name = expr.node.name
            if name not in macros:
                problems.append(Problem(page, line, f"{shown(name)} is not a macro; known macros: {', '.join(sorted(macros))}"))
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
            misplaced = _placement(name, *around(line - offset))
            if misplaced:
                problems.append(Problem(page, line, misplaced))
                continue
            calls.append(MacroCall(page, src_uri, meta.title, line, name, args, kwargs))
    cites = [c for c in calls if c.name == "cite"]
    refs = [c for c in calls if c.name == "references"]
    if cites and not refs:
        problems.append(Problem(page, cites[-1].line, "a page that cites sources ends with {{ references() }}, the numbered list they point to"))
    elif len(refs) > 1:
        problems.append(Problem(page, refs[1].line, "references() may appear once on a page"))
    elif refs and cites and refs[0].line < cites[-1].line:
        problems.append(Problem(page, refs[0].line, f"references() must come after the last cite() (line {cites[-1].line})"))
    return calls, problems


def read_page(path: Path, root: Path, page: str) -> str:
    raw = read_capped(path, root, PAGE_MAX_BYTES, page)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(Problem(page, line, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the page as UTF-8")) from None


def _edition_pages(project_dir: Path, edition: Edition) -> tuple[Path, list[Path]]:
    docs = project_dir / edition.docs
    return docs, markdown_pages(docs, skip=EDITION_FOLDERS if edition.docs == "docs" else ())


def page_metas(project_dir: Path, edition: Edition = ENGLISH) -> dict[str, frontmatter.PageMeta]:
    """Each page's validated front matter, by its path in the edition's folder (after check_pages passed)."""
    docs, pages = _edition_pages(project_dir, edition)
    metas = {}
    for rel in pages:
        page = edition.display(rel.as_posix())
        metas[rel.as_posix()] = frontmatter.split(read_page(docs / rel, project_dir, page), page)[0]
    return metas


def check_pages(project_dir: Path, macros: dict[str, Callable], validators: dict[str, Callable],
                edition: Edition = ENGLISH) -> list[MacroCall]:
    """Check every page the generator will render; raise DataError listing every problem."""
    env = Environment()
    problems: list[Problem] = []
    calls: list[MacroCall] = []
    docs, pages = _edition_pages(project_dir, edition)
    for rel in pages:
        src_uri = rel.as_posix()
        page = edition.display(src_uri)
        try:
            text = read_page(docs / rel, project_dir, page)
        except DataError as exc:
            problems.extend(exc.problems)
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
