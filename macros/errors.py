"""The project's one error type for bad data and bad pages.

Every message names a place a contributor can open: the file, the line, and
where it applies the record id and the field. Values from the input are shown
with `shown()`, never as they are, so that no value can start a second line of
output or send control sequences to a terminal or a CI log.
"""

from __future__ import annotations

from dataclasses import dataclass

# A value longer than this is cut in messages; the file and line say where the rest is.
SHOWN_MAX = 80


def shown(value: object, limit: int = SHOWN_MAX) -> str:
    """A value for a message: repr() (so line breaks and control characters show as
    escapes), cut to `limit` characters."""
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def one_line(text: str) -> str:
    # Messages are built from our own words and shown() values; this is the last guard.
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        parts = [where]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return one_line(": ".join(parts))


class DataError(Exception):
    """One or more problems found in the data or the pages.

    str() gives one line per problem and nothing else, so the build can print
    it as the whole error message.
    """

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def record_label(noun: str, record_id: object, index: int) -> str:
    """'event 'summit-2025-10-28'' for a record with a usable id, else 'event #3'."""
    if isinstance(record_id, str) and record_id and len(record_id) <= SHOWN_MAX and record_id.isprintable():
        return f"{noun} {shown(record_id)}"
    return f"{noun} #{index + 1}"
