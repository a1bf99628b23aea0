# Sourced by the web benchmarks: a copy of the cached region of $meetings synthetic
# meetings (written once with planner_region), an admin account "bench", and
# start_server, which runs `planner serve` on a free loopback port and logs in.
# Sets: planner, db, work; after start_server: server, url, session, and ready (when
# the server said it listens, in ns since the epoch). Also load, for wrk.

build="${PLANNER_BUILD:-build-release}"
planner="$build/cli/planner"
region="$build/bench/planner_region"
work="$(mktemp -d)"
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

store="bench/.cache/region-$meetings.db"
mkdir -p bench/.cache
if [ ! -f "$store" ]; then
  echo "writing a region of $meetings meetings to $store (once; kept for later runs)"
  "$region" --meetings "$meetings" --db "$store"
fi
cp "$store" "$work/planner.db"
db="$work/planner.db"
"$planner" --db "$db" user add bench --role admin --password-stdin <<<"bench-password-1234" >/dev/null

# load NAME [wrk arguments...]: wrk for $seconds, 2 threads, 64 keep-alive connections;
# prints the requests per second and the 99th percentile of latency.
load() {
  local name="$1"; shift
  local result
  result="$(wrk -t2 -c64 -d"${seconds}s" --latency "$@")"
  printf '%-28s %10s req/s   p99 %8s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<<"$result")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$result")"
}

# start_server [serve options...]
start_server() {
  "$planner" --db "$db" serve --listen 127.0.0.1:0 "$@" >"$work/out" 2>"$work/access.log" &
  server=$!
  until grep -q "listening on" "$work/out" 2>/dev/null; do sleep 0.01; done
  ready=$(date +%s%N)
  url="$(sed -n 's/^listening on //p' "$work/out")"
  local cookie
  cookie="$(curl -s -o /dev/null -D - -c - "$url/login" | sed -n 's/.*planner-login\t\(.*\)$/\1/p')"
  session="$(curl -s -o /dev/null -D - -H "Origin: $url" -b "planner-login=$cookie" \
    --data-urlencode "login=bench" --data-urlencode "password=bench-password-1234" --data-urlencode "csrf=$cookie" \
    "$url/login" | sed -n 's/^Set-Cookie: planner-session=\([^;]*\).*/\1/p' | tr -d '\r')"
  [ -n "$session" ] || { echo "could not log in"; exit 1; }
}
