#!/bin/bash
# A meeting file uploaded, previewed and imported in the browser on a store of N
# synthetic meetings (default 100,000), against the meeting's own page in the same run
# (bench/upload_bench.py).
#
#   bench/upload_bench.sh [MEETINGS] [REQUESTS]     (after a Release build in build-release/)
set -euo pipefail
cd "$(dirname "$0")/.."
meetings="${1:-100000}"
requests="${2:-20}"
source bench/serve_region.sh
start_server

/usr/bin/python3 bench/upload_bench.py "$url" "$session" "$db" "$requests"
kill -TERM "$server"
wait "$server"
