"""Partial dates (YYYY, YYYY-MM or YYYY-MM-DD) in words and as sort keys."""

from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


def _parts(value: str) -> tuple[int, int | None, int | None]:
    pieces = [int(p) for p in value.split("-")]
    pieces += [None] * (3 - len(pieces))
    return pieces[0], pieces[1], pieces[2]


def in_words(value: str, short: bool = False, lang: str = "en") -> str:
    """'2025-10-28' -> '28 October 2025'; '2025-10' -> 'October 2025'; '2016' -> '2016'.
    In Japanese: '2025年10月28日', '2025年10月', '2025年' (short makes no difference)."""
    year, month, day = _parts(value)
    if lang == "ja":
        return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    if month is None:
        return str(year)
    name = MONTHS[month - 1][:3] if short else MONTHS[month - 1]
    return f"{day} {name} {year}" if day else f"{name} {year}"


def range_in_words(start: str, end: str | None, lang: str = "en") -> str:
    """A span with the shared parts said once: '27–29 October 2025'; '2025年10月27〜29日'."""
    if not end or end == start:
        return in_words(start, lang=lang)
    (y1, m1, d1), (y2, m2, d2) = _parts(start), _parts(end)
    if lang == "ja":
        if d1 and d2 and y1 == y2 and m1 == m2:
            return f"{y1}年{m1}月{d1}〜{d2}日"
        if d1 and d2 and y1 == y2:
            return f"{y1}年{m1}月{d1}日〜{m2}月{d2}日"
        return f"{in_words(start, lang=lang)}〜{in_words(end, lang=lang)}"
    if d1 and d2 and y1 == y2 and m1 == m2:
        return f"{d1}–{d2} {MONTHS[m1 - 1]} {y1}"
    if d1 and d2 and y1 == y2:
        return f"{d1} {MONTHS[m1 - 1]} – {d2} {MONTHS[m2 - 1]} {y1}"
    return f"{in_words(start, lang=lang)} – {in_words(end, lang=lang)}"


def sort_key(value: str) -> str:
    """Pads partial dates so that a month sorts before the days in it."""
    year, month, day = _parts(value)
    return f"{year:04d}-{month or 0:02d}-{day or 0:02d}"


def apa(value: str) -> str:
    """'2026-11-24' -> '2026, November 24', the date as APA style writes it."""
    year, month, day = _parts(value)
    if month is None:
        return str(year)
    return f"{year}, {MONTHS[month - 1]}" + (f" {day}" if day else "")


def chicago(value: str) -> str:
    """'2026-11-24' -> 'November 24, 2026', the date as Chicago style writes it."""
    year, month, day = _parts(value)
    if month is None:
        return str(year)
    return f"{MONTHS[month - 1]} {day}, {year}" if day else f"{MONTHS[month - 1]} {year}"


def time_in_words(value: str, lang: str = "en") -> str:
    """'09:50' -> '9:50 a.m.'; '17:00' -> '5 p.m.'; '12:00' -> 'noon' (local time, as newsrooms write it).
    In Japanese: '午前9時50分', '午後5時', '正午'."""
    hour, minute = (int(p) for p in value.split(":"))
    if lang == "ja":
        if (hour, minute) == (12, 0):
            return "正午"
        half = "午前" if hour < 12 else "午後"
        return f"{half}{hour % 12 if hour != 12 else 12}時" + (f"{minute}分" if minute else "")
    if (hour, minute) == (12, 0):
        return "noon"
    suffix = "a.m." if hour < 12 else "p.m."
    hour = hour % 12 or 12
    return f"{hour} {suffix}" if minute == 0 else f"{hour}:{minute:02d} {suffix}"
