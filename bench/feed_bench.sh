#!/bin/bash
# A person's own feed under load: wrk on loopback, 64 keep-alive connections, 20 s each,
# against a store of N synthetic meetings (default 100,000, a state's year), and, in the
# same run, a static file of the same size served by the same server (the limit of what
# the server itself can do), and the feed asked again with its ETag (304). The feed is
# the busiest person's: the most meetings a feed of this region holds.
#
#   bench/feed_bench.sh [MEETINGS] [SECONDS]       (after a Release build in build-release/)
set -euo pipefail
cd "$(dirname "$0")/.."
meetings="${1:-100000}"
seconds="${2:-20}"
source bench/serve_region.sh

# The synthetic region is of 2013: moved to the coming year, so that a feed (from six
# months back on) holds its meetings. The people's copies of the times follow by trigger.
years=$(( $(date +%Y) + 1 - 2013 ))
shifted() { echo "strftime('%Y-%m-%dT%H:%M:%SZ', $1, '+$years years')"; }
sqlite3 "$db" "UPDATE meeting SET start_utc = $(shifted start_utc), end_utc = $(shifted end_utc);
               UPDATE agenda_item SET start_utc = $(shifted start_utc), end_utc = $(shifted end_utc);"
# One meeting in fifty is public: the public feed of the county with the most of them
# is asked too.
sqlite3 "$db" "UPDATE meeting SET published = 1 WHERE rowid % 50 = 0"
county="$(sqlite3 "$db" "SELECT v.county FROM meeting m JOIN venue v ON v.id = m.venue WHERE m.published = 1
                        GROUP BY v.county ORDER BY count(*) DESC LIMIT 1")"
echo "$(sqlite3 "$db" "SELECT count(*) FROM meeting WHERE published = 1") public meetings, the most in $county"
person="$(sqlite3 "$db" "SELECT person FROM meeting_participant GROUP BY person ORDER BY count(*) DESC LIMIT 1")"
echo "the busiest person, $person, is invited to $(sqlite3 "$db" \
  "SELECT count(*) FROM meeting_participant WHERE person = '$person'") meetings"

mkdir -p "$work/static"
cat >"$work/planner.toml" <<TOML
[web]
static_folder = "$work/static"
TOML
start_server --config "$work/planner.toml"
printf '[web]\nbase_url = "%s"\n' "$url" >"$work/cli.toml"
feed="$("$planner" --db "$db" feed url "$person" --config "$work/cli.toml" | head -1)"
feed_size=$(curl -s "$feed" | wc -c)
etag="$(curl -s -o /dev/null -D - "$feed" | sed -n 's/^ETag: \(.*\)\r$/\1/p')"
# (Not through `head -c`, which closes the pipe early: under pipefail that ended the run.)
python3 -c "import base64, os, sys; sys.stdout.write(base64.b64encode(os.urandom($feed_size)).decode()[:$feed_size])" \
  >"$work/static/same-size.txt"
echo "feed: $feed_size bytes; the static file is as big"

load "static file (the limit)" "$url/static/same-size.txt"
load "/feeds/{token}.ics" "$feed"
load "the same, If-None-Match (304)" -H "If-None-Match: $etag" "$feed"
echo "public feed of $county: $(curl -s "$url/public/counties/$county.ics" | grep -c '^BEGIN:VEVENT') events," \
  "$(curl -s "$url/public/counties/$county.ics" | wc -c) bytes"
load "/public/counties/{id}.ics" "$url/public/counties/$county.ics"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")"
kill -TERM "$server"
wait "$server"
