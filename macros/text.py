"""One character policy for every string the build accepts: data, URLs and pages.

Text may hold any printable character of any script, and line breaks. It may not
hold what can hide, reorder or forge what a reader or a tool sees: control
characters (C0, DEL, C1), surrogates, noncharacters (U+FFFE, U+FFFF, ...), line
and paragraph separators, bidirectional overrides and isolates, private-use
characters (the build uses some as placeholders), other invisible format
characters, and zero-width characters, except the zero-width joiner and
non-joiner between letters of the scripts that need them (Arabic, Indic and
other joining scripts, and emoji sequences).
"""

from __future__ import annotations

import functools
import re
import unicodedata

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u180e")
JOINERS = frozenset("\u200c\u200d")
# Scripts whose spelling uses ZWJ/ZWNJ: Arabic, Syriac, Thaana, N'Ko and extensions; Indic; Myanmar; Mongolian.
_JOINING_RANGES = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0x1000, 0x109F), (0x1800, 0x18AF), (0xA8E0, 0xA8FF),
                   (0xFB50, 0xFDFF), (0xFE70, 0xFEFE))


def _joins(ch: str) -> bool:
    cp = ord(ch)
    if any(lo <= cp <= hi for lo, hi in _JOINING_RANGES):
        return True
    # Emoji ZWJ sequences (a family, a flag): symbols and their modifiers.
    return unicodedata.category(ch) in ("So", "Sk") or 0x1F000 <= cp <= 0x1FAFF or 0xFE00 <= cp <= 0xFE0F


def _noncharacter(cp: int) -> bool:
    return 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


_LOOK_CLOSER = re.compile(r"[^\x20-\x7e\n]")
_LOOK_CLOSER_NO_NEWLINE = re.compile(r"[^\x20-\x7e]")
# Printable ASCII and the blocks Japanese is written in (CJK punctuation, kana, kanji, full-width
# forms): none of these is suspect (tests/test_properties.py checks every one), so text made only
# of them, which is nearly all the data, is cleared by one scan in C.
ALWAYS_ALLOWED = ((0x20, 0x7E), (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xFF01, 0xFF9F))
_RANGES = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in ALWAYS_ALLOWED)
_PLAIN = re.compile(f"[{_RANGES}\\n]*")
_PLAIN_NO_NEWLINE = re.compile(f"[{_RANGES}]*")


@functools.lru_cache(maxsize=65536)
def _suspect(ch: str) -> bool:
    """Whether a character needs the closer look below (it may still be allowed, as joiners are)."""
    return (unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp", "Co", "Cf") or _noncharacter(ord(ch))
            or ch in BIDI_CONTROLS or ch in ZERO_WIDTH or ch in JOINERS)


def character_problem(value: str, allow_newlines: bool = True) -> str | None:
    """What is wrong with the first refused character of value, or None."""
    if (_PLAIN if allow_newlines else _PLAIN_NO_NEWLINE).fullmatch(value):
        return None
    # Most other text has no suspect character either: checking each distinct character once is
    # far quicker than walking every character.
    if not any(_suspect(ch) for ch in set(value) if not (" " <= ch <= "~" or (ch == "\n" and allow_newlines))):
        return None
    # Printable ASCII is always allowed; only the other characters need a closer look.
    for match in (_LOOK_CLOSER if allow_newlines else _LOOK_CLOSER_NO_NEWLINE).finditer(value):
        index, ch = match.start(), match.group()
        cp = ord(ch)
        category = unicodedata.category(ch)
        code = f"U+{cp:04X}"
        if category == "Cc":
            return f"contains a control character ({code})"
        if category == "Cs":
            return f"contains a lone surrogate ({code})"
        if _noncharacter(cp):
            return f"contains the noncharacter {code}"
        if category in ("Zl", "Zp"):
            return f"contains the line separator {code}; use an ordinary line break"
        if ch in BIDI_CONTROLS:
            return f"contains an invisible bidirectional control ({code}), which can reorder what readers see"
        if ch in ZERO_WIDTH:
            return f"contains an invisible zero-width character ({code})"
        if ch in JOINERS:
            before = value[index - 1] if index else ""
            after = value[index + 1] if index + 1 < len(value) else ""
            if before and after and _joins(before) and _joins(after):
                continue
            return f"contains a zero-width joiner or non-joiner ({code}) outside a script that needs it"
        if category == "Co":
            return f"contains a private-use character ({code})"
        if category == "Cf":
            return f"contains an invisible format character ({code})"
    return None
