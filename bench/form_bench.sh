#!/bin/bash
# The meeting form's check before saving on a store of N synthetic meetings (default
# 100,000), against the meeting's own page in the same run (bench/form_bench.py).
#
#   bench/form_bench.sh [MEETINGS] [REQUESTS]       (after a Release build in build-release/)
set -euo pipefail
cd "$(dirname "$0")/.."
meetings="${1:-100000}"
requests="${2:-100}"
source bench/serve_region.sh
start_server

/usr/bin/python3 bench/form_bench.py "$url" "$session" "$db" "$requests"
kill -TERM "$server"
wait "$server"
