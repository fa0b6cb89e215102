#!/usr/bin/env bash
# Makes sure the staff app's browser tests have a headless browser, and says what it did: Debian's Chromium and
# ChromeDriver (packages chromium and chromium-driver, /usr/bin/chromium and /usr/bin/chromedriver), installed with
# apt-get when either is missing. RB_CHROMIUM / RB_CHROMEDRIVER point the tests at other locations instead.
set -euo pipefail

say() { printf '[ensure-chromium] %s\n' "$*"; }

chromium=${RB_CHROMIUM:-/usr/bin/chromium}
driver=${RB_CHROMEDRIVER:-/usr/bin/chromedriver}

if [[ -x $chromium && -x $driver ]]; then
  say "using $("$chromium" --version 2>/dev/null | head -1) and $("$driver" --version 2>/dev/null | cut -d' ' -f1-2)"
  exit 0
fi
if [[ -n ${RB_CHROMIUM:-} || -n ${RB_CHROMEDRIVER:-} ]]; then
  say "RB_CHROMIUM=$chromium or RB_CHROMEDRIVER=$driver is not an executable" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "Chromium or ChromeDriver is missing and there is no apt-get: install chromium and chromium-driver," >&2
  say "or set RB_CHROMIUM and RB_CHROMEDRIVER" >&2
  exit 1
fi
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then as_root=(sudo); else
    say "installing chromium and chromium-driver needs root (or sudo)" >&2
    exit 1
  fi
fi
say "installing Debian's chromium and chromium-driver with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q >/dev/null || say "apt-get update failed; trying the install with the lists at hand"
"${as_root[@]}" apt-get install -y -q chromium chromium-driver >/dev/null
say "installed $("$chromium" --version 2>/dev/null | head -1) and $("$driver" --version 2>/dev/null | cut -d' ' -f1-2)"
