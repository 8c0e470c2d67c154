#!/usr/bin/env bash
# Make sure a Chromium, and a Japanese font for it, are available for the browser tests.
# Debian: the distribution's chromium and fonts-noto-cjk packages, installed with apt-get.
# (Readers' devices bring their own Japanese fonts; the site loads none. The tests need one so
# that Japanese pages are laid out with real glyph widths.)
# Elsewhere (Ubuntu, macOS): Playwright's own Chromium build.
set -euo pipefail

have_font() {
  [ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc >/dev/null 2>&1
}

if [ -x /usr/bin/chromium ] && have_font; then
  exit 0
fi

if [ -r /etc/os-release ] && grep -qx 'ID=debian' /etc/os-release && command -v apt-get >/dev/null; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  exit 0
fi

if [ -x /usr/bin/chromium ]; then
  echo "No Japanese font found; Japanese pages will be laid out with fallback glyphs." >&2
  exit 0
fi

echo "Installing Playwright's Chromium for the browser tests..."
"${VENV:-.venv}/bin/python" -m playwright install chromium
