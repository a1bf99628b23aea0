#!/usr/bin/python3
"""A person's own feed, read as subscribers read it, from the running `planner serve`
on a free loopback port:

  1. vdirsyncer (Debian) syncs the feed over http into a folder, and khal lists the
     meetings from that folder at the store's local times;
  2. ical.js and python3-icalendar read the feed with the same events as the store
     holds (UID, SEQUENCE, start; a series' rule and its changed meeting);
  3. If-None-Match with the feed's ETag is answered 304 while nothing changes, and a
     change is a new feed with a new ETag that vdirsyncer brings into khal;
  4. the public feeds of a county and an organisation hold their public meeting alone,
     and ical.js and python3-icalendar read it without an organizer or any attendee.

    /usr/bin/python3 feed_test.py --planner PATH/TO/planner --examples examples/
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import interop_test as it  # noqa: E402
from interop_test import Results, run, describe, read_with, to_utc_iso  # noqa: E402

# Gerda Straub's meetings of 2031 (the tests' own file): a monthly series whose third
# meeting is moved and fourth cancelled, and two single meetings.
COMING = Path(__file__).resolve().parent.parent / "support" / "meetings-2031.toml"

# What khal lists of Gerda's meetings in 2031, in Berlin time: three of the series (the
# third moved to a Wednesday, the fourth cancelled) and the two single meetings.
KHAL_WANTED = [
    "2031-01-07 18:00|2031-01-07 20:00|Runde 2031",
    "2031-02-04 18:00|2031-02-04 20:00|Runde 2031",
    "2031-03-05 18:00|2031-03-05 20:00|Runde 2031",
    "2031-06-03 10:00|2031-06-03 12:00|Austausch 2031",
    "2031-07-01 10:00|2031-07-01 12:00|Nachtreffen 2031",
]


class Server:
    def __init__(self, planner, store, workdir):
        config = workdir / "serve.toml"
        config.write_text('[web]\nlisten = "127.0.0.1:0"\n', encoding="utf-8")
        self.process = subprocess.Popen([planner, "--db", str(store), "serve", "--config", str(config)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on "):
            raise RuntimeError(f"planner serve did not start: {line!r} {self.process.stderr.read()}")
        self.url = line.removeprefix("listening on ")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def fetch(url, etag=None):
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("ETag"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag"), error.read()


def vdirsyncer_config(workdir, url):
    config = workdir / "vdirsyncer.conf"
    config.write_text(
        "[general]\n"
        f'status_path = "{workdir / "vdirsyncer-status"}/"\n\n'
        "[pair feed]\n"
        'a = "feed_remote"\nb = "feed_local"\ncollections = null\nconflict_resolution = "a wins"\n\n'
        "[storage feed_remote]\n"
        f'type = "http"\nurl = "{url}"\n\n'
        "[storage feed_local]\n"
        f'type = "filesystem"\npath = "{workdir / "calendar"}/"\nfileext = ".ics"\n',
        encoding="utf-8")
    (workdir / "calendar").mkdir(exist_ok=True)
    return config


def khal_config(workdir):
    config = workdir / "khal.conf"
    config.write_text(
        "[calendars]\n[[feed]]\n"
        f"path = {workdir / 'calendar'}\n"
        "[locale]\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\nfirstweekday = 0\n"
        "local_timezone = Europe/Berlin\ndefault_timezone = Europe/Berlin\n",
        encoding="utf-8")
    return config


def sync_and_list(workdir, env, sync_config, list_config):
    """vdirsyncer's sync, then khal's list of 2031: (problems, lines)."""
    proc = run(["vdirsyncer", "-c", sync_config, "sync"], env=env)
    if proc.returncode != 0:
        return [f"vdirsyncer sync failed: {describe(proc)}"], []
    proc = run(["khal", "-c", list_config, "list", "--format", "{start}|{end}|{title}",
                "--day-format", "", "2031-01-01", "2031-12-31"], env=env)
    if proc.returncode != 0:
        return [f"khal list failed: {describe(proc)}"], []
    return [], [line for line in proc.stdout.decode().splitlines() if line.strip()]


def check_public_feeds(base, workdir, public_uid, results):
    for path in ("/public/counties/bodenseekreis.ics", "/public/organisations/ks-bodenseekreis.ics"):
        status, etag, body = fetch(base + path)
        problems = [] if status == 200 and etag else [f"status {status}, ETag {etag!r}"]
        for word in (b"ATTENDEE", b"ORGANIZER", b"mailto:", b"Gerda"):
            if word in body:
                problems.append(f"{word.decode()} in the public feed")
        feed_file = workdir / "public.ics"
        feed_file.write_bytes(body)
        for reader in ("ical.js", "python3-icalendar"):
            reading, more = read_with(reader, feed_file)
            if reading is not None:
                events = reading.get("events", [])
                if [event.get("uid") for event in events] != [public_uid]:
                    more.append(f"events {[event.get('uid') for event in events]!r}, expected the Nachtreffen alone")
                if any(event.get("organizer") or event.get("attendees") for event in events):
                    more.append(f"someone named: {events!r}")
            problems += [f"{reader}: {problem}" for problem in more]
        results.record(f"{path}: the public meeting alone, without anyone invited", problems)
    status, _, _ = fetch(base + "/public/organisations/shg-tinnitus-fn.ics")
    results.record("an organisation without public meetings has no public feed",
                   [] if status == 404 else [f"status {status}"])


def check(planner, examples, workdir, results):
    store = workdir / "store.db"
    # The Nachtreffen is public: in the public feeds of Bodenseekreis and of its
    # organiser's contact point.
    public = workdir / "public.toml"
    public.write_text(COMING.read_text(encoding="utf-8").replace(
        "participants_see_each_other = true\n", "participants_see_each_other = true\npublic = true\n"),
        encoding="utf-8")
    for meeting_file in (Path(examples) / "immenstaad-2012.toml", public):
        proc = run([planner, "--db", store, "import", meeting_file])
        if proc.returncode != 0:
            results.record(f"import {meeting_file.name}", [describe(proc)])
            return
    server = Server(planner, store, workdir)
    try:
        cli_config = workdir / "cli.toml"
        cli_config.write_text(f'[web]\nbase_url = "{server.url}"\n', encoding="utf-8")
        proc = run([planner, "--db", store, "feed", "url", "gerda-straub", "--config", cli_config])
        if proc.returncode != 0:
            results.record("planner feed url", [describe(proc)])
            return
        url, webcal = proc.stdout.decode().split()
        results.record("planner feed url prints the http and webcal:// addresses",
                       [] if webcal == "webcal" + url.removeprefix("http") else [f"{url} and {webcal}"])
        print(f"     feed at {url.split('/feeds/')[0]}/feeds/…")

        env = it.tool_env(workdir)
        sync_config = vdirsyncer_config(workdir, url)
        list_config = khal_config(workdir)
        proc = run(["vdirsyncer", "-c", sync_config, "discover"], env=env, input_bytes=b"y\n" * 4)
        if proc.returncode != 0:
            results.record("vdirsyncer discover", [describe(proc)])
            return
        problems, lines = sync_and_list(workdir, env, sync_config, list_config)
        print("     khal lists:\n" + "\n".join(f"       {line}" for line in lines))
        if not problems and lines != KHAL_WANTED:
            problems.append(f"khal listed {lines!r}, expected {KHAL_WANTED!r}")
        results.record("vdirsyncer syncs the feed over http and khal lists Gerda's meetings", problems)

        status, etag, body = fetch(url)
        feed_file = workdir / "feed.ics"
        feed_file.write_bytes(body)
        results.record("the feed is served with an ETag",
                       [] if status == 200 and etag else [f"status {status}, ETag {etag!r}"])
        shows = {}
        for meeting in ("austausch-2031", "nachtreffen-2031", "runde-2031"):
            proc = run([planner, "--db", store, "show", meeting, "--json"])
            shows[meeting] = json.loads(proc.stdout)
        wanted = sorted((show["uid"], show["sequence"], to_utc_iso(show["start"])) for show in shows.values())
        for reader in ("ical.js", "python3-icalendar"):
            reading, problems = read_with(reader, feed_file)
            if reading is not None:
                masters = sorted((event.get("uid"), event.get("sequence"), event.get("start_utc"))
                                 for event in reading.get("events", []) if not event.get("recurrence_id_utc"))
                moved = [event for event in reading.get("events", []) if event.get("recurrence_id_utc")]
                if masters != wanted:
                    problems.append(f"events read {masters!r}, the store has {wanted!r}")
                if [(e.get("uid"), e.get("start_utc")) for e in moved] != [
                        (shows["runde-2031"]["uid"], "2031-03-05T17:00:00Z")]:
                    problems.append(f"changed meetings read {moved!r}, expected the series' third on 5 March")
                if reading.get("method") not in (None, ""):
                    problems.append(f"METHOD {reading.get('method')!r} in a feed")
            results.record(f"{reader} reads the feed with the store's events", problems)

        check_public_feeds(server.url, workdir, shows["nachtreffen-2031"]["uid"], results)

        status, same_etag, body = fetch(url, etag)
        results.record("If-None-Match with its ETag is answered 304 while nothing changes",
                       [] if status == 304 and same_etag == etag and not body else
                       [f"status {status}, ETag {same_etag!r}, {len(body)} bytes"])

        moved = workdir / "moved.toml"
        moved.write_text(COMING.read_text(encoding="utf-8").replace(
            "start = 2031-06-03T10:00:00\nend = 2031-06-03T12:00:00",
            "start = 2031-06-03T14:00:00\nend = 2031-06-03T16:00:00"), encoding="utf-8")
        proc = run([planner, "--db", store, "import", moved])
        status, new_etag, body = fetch(url, etag)
        problems = [] if status == 200 and new_etag != etag else [f"status {status}, ETag {new_etag!r}"]
        more, lines = sync_and_list(workdir, env, sync_config, list_config)
        problems += more
        if "2031-06-03 14:00|2031-06-03 16:00|Austausch 2031" not in lines:
            problems.append(f"khal listed {lines!r} after the move")
        results.record("a moved meeting is a new feed, which vdirsyncer brings to khal", problems)
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--planner", required=True)
    parser.add_argument("--examples", required=True)
    args = parser.parse_args()
    began = time.monotonic()
    results = Results()
    missing = [tool for tool in ("vdirsyncer", "khal", "node") if run(["which", tool]).returncode != 0]
    if missing:
        results.record("feed tools are installed", [f"missing: {', '.join(missing)}", it.INSTALL_HINT])
    else:
        with tempfile.TemporaryDirectory(prefix="planner-feed-") as workdir:
            try:
                check(Path(args.planner), args.examples, Path(workdir), results)
            except Exception as error:  # the test's own failure, said as one
                results.record("the feed test ran", [f"{type(error).__name__}: {error}"])
    return results.summary("interop-feed", began)


if __name__ == "__main__":
    sys.exit(main())
