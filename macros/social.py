"""Share images (1200×630 PNG) for every page, drawn at build time without the network.

The text comes from each built page's own Open Graph tags, so the image always
matches the title and description a link preview shows. The font is the one
bundled inside Pillow, so nothing is downloaded.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont

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


def share_image(title: str, description: str, footer: str) -> Image.Image:
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    big, small, tiny = (ImageFont.load_default(size=s) for s in (68, 34, 28))
    draw.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    y = 90
    title, description, footer = _plain(title), _plain(description), _plain(footer)
    for line in _wrap(draw, title, big, 1040, 3):
        draw.text((80, y), line, font=big, fill=TEXT)
        y += 84
    y += 24
    for line in _wrap(draw, description, small, 1040, 4):
        draw.text((80, y), line, font=small, fill=MUTED)
        y += 46
    draw.text((80, SIZE[1] - 70), footer, font=tiny, fill=ACCENT)
    return image


def page_cards(site_dir: Path) -> list[tuple[Path, str, str]]:
    """(image path, title, description) for every built page that names a share image."""
    cards = []
    for page in sorted(site_dir.rglob("*.html")):
        meta = dict(_META.findall(page.read_text(encoding="utf-8")))
        if "image" not in meta:
            continue
        name = urlsplit(unescape(meta["image"])).path.rsplit("/", 1)[-1]
        cards.append((site_dir / "assets" / "social" / name, unescape(meta.get("title", "")),
                      unescape(meta.get("description", ""))))
    return cards


def write_share_images(site_dir: Path, footer: str) -> list[Path]:
    written = []
    for path, title, description in page_cards(site_dir):
        path.parent.mkdir(parents=True, exist_ok=True)
        share_image(title, description, footer).save(path, format="PNG", optimize=True)
        written.append(path)
    return written
