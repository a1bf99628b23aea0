#!/bin/bash
# Installs everything the planner needs to build and test on Debian 12: the one list
# of packages, used by the README's quick start and by CI.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libboost-date-time-dev libboost-system-dev libsqlitecpp-dev libsqlite3-dev libical-dev libfmt-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libcurl4-openssl-dev libgmime-3.0-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core
  libgtest-dev libbenchmark-dev
  # planner serve: password hashes (argon2id) and random tokens for the accounts
  libsodium-dev
  # the browser tests: Debian's chromium driven by python3-selenium
  chromium chromium-driver python3-selenium
  # the web benchmark (bench/web_bench.sh): load generator, and the shell to pick a meeting
  wrk sqlite3 curl
  # independent iCalendar parsers for the interoperability tests
  python3 python3-icalendar python3-dateutil khal calcurse vdirsyncer
  # PDF to text and to images, for the attendance-list tests
  poppler-utils
)
# With --fuzz: clang and its libFuzzer runtime, for scripts/fuzz.sh (CI runs it).
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang libclang-rt-14-dev)
fi
# Node.js may already come from elsewhere with its own npm; Debian's npm would
# conflict with it, so both are installed only when missing.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

# ical.js, pinned by tests/interop/package-lock.json; axe-core, by tests/browser/package-lock.json.
repo="$(cd "$(dirname "$0")/.." && pwd)"
npm ci --prefix "$repo/tests/interop" --no-audit --no-fund --loglevel=error
npm ci --prefix "$repo/tests/browser" --no-audit --no-fund --loglevel=error
