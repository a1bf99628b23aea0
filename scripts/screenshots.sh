#!/bin/sh
# Takes the pictures of the README's tour of the web (docs/screenshots/) with the
# browser tests, from a build in build/ (scripts/quickstart.sh makes one).
set -eu
cd "$(dirname "$0")/.."
PLANNER_SCREENSHOTS="$(pwd)/docs/screenshots" \
    /usr/bin/python3 tests/browser/browser_test.py build/cli/planner examples
