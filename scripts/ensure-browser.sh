#!/usr/bin/env bash
# Make sure a Chromium is available for the browser tests.
# Debian: the distribution's chromium package (/usr/bin/chromium), installed with apt-get.
# Elsewhere (Ubuntu, macOS): Playwright's own Chromium build.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ -r /etc/os-release ] && grep -qx 'ID=debian' /etc/os-release && command -v apt-get >/dev/null; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing Debian's chromium for the browser tests..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  exit 0
fi

echo "Installing Playwright's Chromium for the browser tests..."
"${VENV:-.venv}/bin/python" -m playwright install chromium
