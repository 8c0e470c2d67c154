"""Make macros/fonts/NotoSansCJKjp-Bold-subset.otf, the font the Japanese share images are drawn in.

    pip install fonttools   # not a site dependency: this runs only when the font is remade
    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb noto
    python scripts/subset_font.py noto/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc

The subset keeps what Japanese news text uses: every kanji and kana of JIS X 0208 (the set
Japanese newspapers' systems are built on), Latin letters, digits, and the punctuation of both
scripts; about 7,600 characters, 1.5 MB. A share image whose text needs a character outside it
fails the build (macros/social.py), naming the character, so that it can be added here. The
font is under the SIL Open Font License 1.1 (macros/fonts/OFL.txt).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

from macros.social import japanese_font_characters

EXTRA = ""  # characters outside japanese_font_characters() that the site's text needs

OUT = Path(__file__).resolve().parent.parent / "macros" / "fonts" / "NotoSansCJKjp-Bold-subset.otf"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    options = subset.Options()
    options.font_number = 0  # the .ttc's first font is the Japanese one
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(argv[0], options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in japanese_font_characters()} | {ord(c) for c in EXTRA})
    subsetter.subset(font)
    subset.save_font(font, str(OUT), options)
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
