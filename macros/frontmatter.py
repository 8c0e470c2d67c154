"""Page front matter is data too: split it off, load it strictly and validate it.

MkDocs (and Zensical) read the YAML between the first two `---` lines as the
page's metadata and hand it to the theme and to the macros. A bad value there
would crash the theme (an unquoted date is a `date` object to YAML 1.1), shadow
a macro (`cite: 1`), switch macros off (`render_macros: false`), or be
published as page text when the YAML does not parse. So every page must start
with front matter that this module can load with the project's strict loader
and that fits PageMeta; nothing else is accepted.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import DataError, Problem, shown
from .loader import load_text
from .models import PartialDate, Text, check_partial_date

# MkDocs' own pattern (mkdocs.utils.meta.YAML_RE): '---' on the first line, then YAML, then '---' or '...'.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
# MkDocs reads 'Key: value' lines at the very top of a page as metadata too (MultiMarkdown style).
_MULTIMARKDOWN_RE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*")
TEMPLATE_MARKS = ("{{", "{%", "{#")


def _no_template_marks(value: str) -> str:
    mark = next((m for m in TEMPLATE_MARKS if m in value), None)
    if mark:
        raise ValueError(f"{mark!r} is not allowed here; the title is shown as text")
    return value


def _plain_title(value: str) -> str:
    # The theme prints the title as HTML in its header, navigation and footer, where this
    # project cannot escape it; so a title holds no character that HTML would read as markup.
    found = sorted({ch for ch in value if ch in "<>&"})
    if found:
        raise ValueError(f"write the title without {' or '.join(repr(ch) for ch in found)}; the theme shows it as HTML")
    return value


def _full_date(value: str) -> str:
    check_partial_date(value)
    if len(value) != 10:
        raise ValueError(f"{shown(value)}: write the full date, YYYY-MM-DD")
    return value


FullDate = Annotated[PartialDate, AfterValidator(_full_date)]
Hideable = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]


class PageMeta(BaseModel):
    """What a page's front matter may say. Anything else is refused, so no key can shadow a macro."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    title: Annotated[Text, AfterValidator(_no_template_marks), AfterValidator(_plain_title)] = Field(description="The page's title, shown in the browser tab and in link previews.")
    description: Annotated[Text, AfterValidator(_no_template_marks)] = Field(description="One sentence for search results and link previews.")
    published: FullDate = Field(description="When the page was first published.")
    updated: FullDate = Field(description="When the page's content last changed; link previews and archives show it.")
    hide: list[Hideable] = Field(default_factory=list, description="Parts of the theme to hide on this page.")

    @model_validator(mode="after")
    def _order(self):
        if self.updated < self.published:
            raise ValueError(f"updated {shown(self.updated)} is before published {shown(self.published)}")
        return self


def split(text: str, page: str) -> tuple[PageMeta, str, int]:
    """(metadata, body, number of lines before the body); DataError when the front matter is not right."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        if text.startswith("---"):
            raise DataError(Problem(page, 1, "the front matter has no closing '---' line"))
        first = text.split("\n", 1)[0]
        if _MULTIMARKDOWN_RE.match(first):
            raise DataError(Problem(page, 1, "MkDocs would read this first line as page metadata; start the page with front matter between '---' lines"))
        raise DataError(Problem(page, 1, "every page starts with front matter between '---' lines, giving at least its title and description"))
    yaml_text = match.group(1)
    try:
        raw = load_text(yaml_text.encode("utf-8"), page)
    except DataError as exc:
        # The YAML starts on the page's second line.
        raise DataError([replace(p, line=p.line + 1 if p.line else p.line) for p in exc.problems]) from None
    if not isinstance(raw, dict):
        raise DataError(Problem(page, 2, "the front matter must be a mapping of key: value"))
    problems = []
    # MkDocs reads front matter with YAML 1.1, which turns unquoted dates, yes/no and numbers
    # into other types than this project's loader; quoting makes both read the same text.
    try:
        as_read_by_mkdocs = yaml.safe_load(yaml_text)
    except yaml.YAMLError:
        as_read_by_mkdocs = None
    if isinstance(as_read_by_mkdocs, dict):
        for key, value in raw.items():
            other = as_read_by_mkdocs.get(key)
            if type(other) is not type(value) or other != value:
                problems.append(Problem(page, raw.key_lines[key] + 1, f"write {shown(value)} in quotes: YAML readers disagree on what it is", None, key))
    if not problems:
        try:
            meta = PageMeta.model_validate(raw)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                key = str(loc[0]) if loc else None
                line = raw.key_lines.get(key, 0) + 1 if key in raw.key_lines else 2
                message = error["msg"].removeprefix("Value error, ")
                if error["type"] == "missing":
                    message = "this key is required"
                elif error["type"] == "extra_forbidden":
                    message = "unknown key: pages may set only title, description, published, updated and hide"
                elif "input" in error and not isinstance(error["input"], (dict, list)) and error["type"] != "value_error":
                    message = f"{message} (got {shown(error['input'])})"
                problems.append(Problem(page, line, message, None, shown(key) if key and not key.isidentifier() else key))
    if problems:
        raise DataError(problems)
    body = text[match.end():]
    return meta, body, text[: match.end()].count("\n")
