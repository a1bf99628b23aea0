#!/bin/bash
# The README's first command: installs what is needed, builds, and runs the main job
# on the Immenstaad example, leaving the store, the invitation, the mails and the
# attendance lists in out/.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANNER_WARNINGS_AS_ERRORS=ON
cmake --build build -j"$(nproc)"

scripts/main-job.sh build/cli/planner out
