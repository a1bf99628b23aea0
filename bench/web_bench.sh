#!/bin/bash
# The web service under load: wrk on loopback, 64 keep-alive connections, 20 s per
# address, against a store of N synthetic meetings (default 100,000, a state's year),
# and, in the same run, a static file of the same size as the meeting page served by
# the same server: the limit of what the server itself can do. Prints start-up time,
# requests per second, p99 latency and the server's peak RSS.
#
#   bench/web_bench.sh [MEETINGS] [SECONDS]       (after a Release build in build-release/)
set -euo pipefail
cd "$(dirname "$0")/.."
meetings="${1:-100000}"
seconds="${2:-20}"
source bench/serve_region.sh
token="$("$planner" --db "$db" user token bench)"
meeting="$(sqlite3 "$db" "SELECT id FROM meeting ORDER BY start_utc LIMIT 1 OFFSET $((meetings / 2))")"
# The meeting pages are asked for half the meetings in turn, in random order, so that
# nearly every page is one the server has not worked out before: what it keeps of a
# page (a meeting's conflicts) helps no more than when people open the same meeting
# twice. "one id" below is the other end, the same meeting again and again.
distinct=$((meetings / 2))
sqlite3 "$db" "SELECT id FROM meeting ORDER BY random() LIMIT $distinct" >"$work/ids.txt"
cat >"$work/rotate.lua" <<'LUA'
local ids = {}
for line in io.lines(os.getenv("PLANNER_IDS")) do ids[#ids + 1] = line end
local prefix = os.getenv("PLANNER_PREFIX")
local counter = 0
-- Each of wrk's threads starts at another place in the list, not with the same meetings.
local threads = 0
function setup(thread)
  thread:set("first", threads * math.floor(#ids / 2))
  threads = threads + 1
end
function init(args)
  counter = first or 0
end
request = function()
  counter = counter + 1
  return wrk.format("GET", prefix .. ids[(counter % #ids) + 1])
end
LUA
week_from="$(sqlite3 "$db" "SELECT substr(start_utc, 1, 10) FROM meeting WHERE id = '$meeting'")"
week_to="$(date -d "$week_from + 6 days" +%F)"

mkdir -p "$work/static"
cat >"$work/planner.toml" <<TOML
[web]
static_folder = "$work/static"
TOML

started=$(date +%s%N)
start_server --config "$work/planner.toml"
echo "start-up: $(( (ready - started) / 1000000 )) ms"

page_size=$(curl -s -b "planner-session=$session" "$url/meetings/$meeting" | wc -c)
head -c "$page_size" /dev/urandom | base64 -w 0 | head -c "$page_size" >"$work/static/same-size.txt"
echo "meeting page: $page_size bytes; the static file is as big"

# The static file is read from the static folder on each request, as a site's own files are.
load "static file (the limit)" "$url/static/same-size.txt"
export PLANNER_IDS="$work/ids.txt"
PLANNER_PREFIX=/meetings/ load "/meetings/{id}, $distinct ids" -s "$work/rotate.lua" \
  -H "Cookie: planner-session=$session" "$url"
PLANNER_PREFIX=/api/v1/meetings/ load "/api/v1/meetings/{id}, $distinct" -s "$work/rotate.lua" \
  -H "Authorization: Bearer $token" "$url"
load "/meetings/{id}, one id" -H "Cookie: planner-session=$session" "$url/meetings/$meeting"
load "/meetings?from=&to= (a week)" -H "Cookie: planner-session=$session" "$url/meetings?from=$week_from&to=$week_to"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")"
kill -TERM "$server"
wait "$server"
