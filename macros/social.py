"""Share images (1200×630 PNG) for every page, drawn at build time without the network.

The text comes from each built page's own Open Graph tags, so the image always
matches the title and description a link preview shows. English cards use the font
bundled inside Pillow; Japanese cards use a subset of Noto Sans CJK JP kept in
macros/fonts/ (SIL Open Font License; scripts/subset_font.py makes it), so nothing
is downloaded.
"""

from __future__ import annotations

import functools
import io
import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import PIL
from PIL import Image, ImageDraw, ImageFont

from .errors import DataError, Problem
from .files import cache_name, kept

SIZE = (1200, 630)
BACKGROUND = (40, 53, 147)
ACCENT = (255, 202, 40)
TEXT = (255, 255, 255)
MUTED = (197, 202, 233)
MAX_BYTES = 120_000

_META = re.compile(r'<meta\s+property="og:(title|description|image)"\s+content="([^"]*)"')


# Pillow's bundled font (Aileron) covers basic Latin only; typographic marks fall back to ASCII.
_ASCII = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "×": "x", "¥": "JPY ", "€": "EUR ", "£": "GBP "})


def _plain(text: str) -> str:
    return text.translate(_ASCII)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            current = trial
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;:") + "..."
    return lines


JAPANESE_FONT = Path(__file__).resolve().parent / "fonts" / "NotoSansCJKjp-Bold-subset.otf"
_FONT_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x206F), (0x2190, 0x21FF), (0x2460, 0x24FF),
                (0x3000, 0x303F), (0x3040, 0x30FF), (0xFF00, 0xFFEF))
# Characters a line may not start or end with, as Japanese typesetting has it (kinsoku).
_NO_START = set("、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜…%,.)")
_NO_END = set("（「『【〔〈《(")


def japanese_font_characters() -> frozenset[str]:
    """What the Japanese font holds: every kanji and kana of JIS X 0208 (the set Japanese
    newspapers' systems are built on), Latin, digits and the punctuation of both scripts."""
    chars = set()
    for high in range(0xA1, 0xFF):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("euc_jp"))
            except UnicodeDecodeError:
                continue
    for first, last in _FONT_RANGES:
        chars.update(chr(c) for c in range(first, last + 1))
    return frozenset(chars)


def _wrap_characters(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Japanese has no spaces between words: a line breaks between any two characters, except
    before closing punctuation and small kana or after an opening bracket."""
    lines, current = [], ""
    for ch in text:
        if draw.textlength(current + ch, font=font) <= width or not current:
            current += ch
            continue
        carry = ""
        while current and (ch in _NO_START and not carry or current[-1] in _NO_END):
            carry, current = current[-1] + carry, current[:-1]
            if current and current[-1] not in _NO_END and (carry[0] not in _NO_START):
                break
        lines.append(current)
        current = carry + ch
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def share_image(title: str, description: str, footer: str, lang: str = "en") -> Image.Image:
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    if lang == "ja":
        # The bundled CJK subset, wrapped by character (Japanese has no spaces between words).
        big, small, tiny = (ImageFont.truetype(str(JAPANESE_FONT), size=s) for s in (60, 32, 28))
        wrap, description_gap = _wrap_characters, 48
    else:
        big, small, tiny = (ImageFont.load_default(size=s) for s in (68, 34, 28))
        wrap, description_gap = _wrap, 46
        title, description, footer = _plain(title), _plain(description), _plain(footer)
    y = 90
    for line in wrap(draw, title, big, 1040, 3):
        draw.text((80, y), line, font=big, fill=TEXT)
        y += 84
    y += 24
    for line in wrap(draw, description, small, 1040, 4):
        draw.text((80, y), line, font=small, fill=MUTED)
        y += description_gap
    draw.text((80, SIZE[1] - 70), footer, font=tiny, fill=ACCENT)
    return image


def _png(title: str, description: str, footer: str, lang: str) -> bytes:
    # A card has four colours and the shades of their anti-aliased edges: 32 palette colours show
    # it unchanged to the eye, in 40% of the bytes and a third less time than full colour. zlib
    # level 6 without optimize: six times faster than optimize=True.
    out = io.BytesIO()
    share_image(title, description, footer, lang).quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(out, format="PNG", compress_level=6)
    return out.getvalue()


def page_cards(site_dir: Path) -> list[tuple[Path, str, str]]:
    """(image path, title, description) for every built page of an edition (site_dir, the
    edition's folder as its generator left it) that names a share image."""
    cards = []
    for page in sorted(site_dir.rglob("*.html")):
        meta = dict(_META.findall(page.read_text(encoding="utf-8")))
        if "image" not in meta:
            continue
        name = urlsplit(unescape(meta["image"])).path.rsplit("/", 1)[-1]
        cards.append((site_dir / "assets" / "social" / name, unescape(meta.get("title", "")),
                      unescape(meta.get("description", ""))))
    return cards


def write_share_images(site_dir: Path, footer: str, cache_dir: Path | None = None, lang: str = "en") -> list[Path]:
    """Draw each page's card, or copy it from cache_dir when a card with the same words was
    drawn before: drawing and compressing is most of the time this step takes."""
    cards = page_cards(site_dir)
    if lang == "ja":
        known = japanese_font_characters()
        missing = sorted({ch for _, title, description in cards for ch in title + description + footer
                          if ch not in known and not ch.isspace()})
        if missing:
            shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:10])
            raise DataError(Problem("macros/fonts/NotoSansCJKjp-Bold-subset.otf", None,
                                    f"lacks {shown}, used in a page's title or description; add them to EXTRA in scripts/subset_font.py and remake the font"))
    written, code = [], Path(__file__).read_bytes()
    for path, title, description in cards:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Named by everything that shapes the card: its words, this module and Pillow.
        key = cache_name(".png", title, description, footer, lang, code, PIL.__version__)
        path.write_bytes(kept(cache_dir, key, functools.partial(_png, title, description, footer, lang)))
        written.append(path)
    return written
