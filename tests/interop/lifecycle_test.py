#!/usr/bin/python3
"""Life-cycle test of a meeting's invitations, end to end.

In a fresh temporary directory, walks `kennenlernen-2012` and `sprecherrat-2013`
of examples/immenstaad-2012.toml through their lives with the real planner
binary and checks, after each step, what ical.js (read_icaljs.mjs) and
python3-icalendar (read_python_icalendar.py) read from the files written and
what the store holds (`show --json`):

  1. first invitation: REQUEST, SEQUENCE 0, the store's UID, times and 25 attendees;
  2. the meeting moved one hour: SEQUENCE 1 (and still 1 when invited again);
     khal and calcurse import v0 then v1 into one calendar each;
  3. a participant removed (--per-attendee): his own CANCEL, SEQUENCE 2 for the rest;
  4. one occurrence of the series cancelled: CANCEL with RECURRENCE-ID, then an
     invitation whose expansion leaves that date out;
  5. replies of every kind written by ical.js (answer_icaljs.mjs), one to a stale
     SEQUENCE, and a reply for an occurrence of the series: `replies import`;
  6. the meeting cancelled: CANCEL with the highest SEQUENCE; khal and calcurse import it;
  7. bad replies (truncated, two attendees, no VCALENDAR, binary) are refused with
     exit 1 and leave every table of the store as it was.

Negative controls make sure the checks cannot pass vacuously. A missing tool is
a failure naming what to install, never a skip. Ends with the line
"lifecycle: N passed, N failed"; exits 1 when any check failed.

    /usr/bin/python3 lifecycle_test.py --planner PATH/TO/planner --examples examples/
"""
import argparse
import csv
import io
import json
import os
import shutil
import sqlite3
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import interop_test as it  # noqa: E402  (Results, readers, raw checks, khal set-up)
from interop_test import HERE, BERLIN, Results, run, text, describe, read_with, check_raw, to_utc_iso  # noqa: E402

EXAMPLE = "immenstaad-2012.toml"
SINGLE, SERIES = "kennenlernen-2012", "sprecherrat-2013"
REMOVED = "axel-gossner"
REMOVED_LINE = '  { person = "axel-gossner", role = "required" },\n'
CANCELLED_DATE = "2013-03-12"
READERS = ("ical.js", "python3-icalendar")
KHAL_FORMAT = "{start-date-long}|{start-time}|{end-time}|{title}|{status}|{uid}"


class Abort(Exception):
    """A step could not be carried out (a planner command failed): later steps depend on it."""


def lower_emails(people):
    return {person["email"].lower() for person in people}


def event_of(reading, recurrence_id=None):
    events = [e for e in reading.get("events") or [] if e.get("recurrence_id_utc") == recurrence_id]
    return events[0] if len(events) == 1 else None


def check_fields(reading, want):
    """Compares a reader's JSON with `want`: method, and for the event with
    want's recurrence_id_utc (None: the one without): uid, sequence, status,
    start_utc, end_utc and the set of attendee addresses. Every event of the
    file must carry the same UID and SEQUENCE. Returns a list of problems."""
    problems = []
    if reading.get("method") != want["method"]:
        problems.append(f"METHOD read {reading.get('method')!r}, expected {want['method']!r}")
    event = event_of(reading, want.get("recurrence_id_utc"))
    if event is None:
        ids = [e.get("recurrence_id_utc") for e in reading.get("events") or []]
        return problems + [f"no single event with RECURRENCE-ID {want.get('recurrence_id_utc')} "
                           f"(the file's events have {ids})"]
    for key in ("uid", "sequence", "status", "start_utc", "end_utc"):
        if key in want and event.get(key) != want[key]:
            problems.append(f"{key}: read {event.get(key)!r}, expected {want[key]!r}")
    for other in reading.get("events") or []:
        for key in ("uid", "sequence"):
            if other.get(key) != event.get(key):
                problems.append(f"an event of the file has {key} {other.get(key)!r}, another {event.get(key)!r}")
    if "attendees" in want:
        got = [a.get("email", "").lower() for a in event.get("attendees") or []]
        if len(got) != len(want["attendees"]) or set(got) != want["attendees"]:
            problems.append(f"{len(got)} attendees read, expected {len(want['attendees'])}; missing "
                            f"{sorted(want['attendees'] - set(got))}, extra {sorted(set(got) - want['attendees'])}")
    return problems


def want_from(show, method, **more):
    want = {"method": method, "uid": show["uid"], "sequence": show["sequence"],
            "status": show["status"].upper(), "attendees": lower_emails(show["invitees"])}
    if "start" in show:
        want.update(start_utc=to_utc_iso(show["start"]), end_utc=to_utc_iso(show["end"]))
    want.update(more)
    return want


def store_dump(path):
    """Every table's rows, sorted, of the SQLite store (read-only)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: sorted((tuple(row) for row in con.execute(f'SELECT * FROM "{table}"')), key=repr)
                for table in tables}
    finally:
        con.close()


def dump_difference(before, after):
    return [f"table {table}: {len(before.get(table, []))} rows before, {len(after.get(table, []))} after"
            + ("" if len(before.get(table, [])) != len(after.get(table, [])) else " (rows changed)")
            for table in sorted(set(before) | set(after)) if before.get(table) != after.get(table)]


class Lifecycle:
    def __init__(self, planner, examples, workdir, results):
        self.planner_bin, self.workdir, self.results = planner, workdir, results
        # The lifecycle is followed on the calendar for everybody, so its meetings
        # show their guest lists; interop_test.py reads the hidden lists' own copies.
        self.examples = examples
        self.example = workdir / EXAMPLE
        self.example.write_text((examples / EXAMPLE).read_text(encoding="utf-8").replace(
            "[[meeting]]\n", "[[meeting]]\nparticipants_see_each_other = true\n"), encoding="utf-8")
        self.store = workdir / "store.db"
        self.uid = None  # SINGLE's, once the store has it
        self.sequences = []  # every SEQUENCE the readers saw for SINGLE
        self.env = it.tool_env(workdir)
        self.khal = it.khal_config(workdir, BERLIN)
        self.calcurse = workdir / "calcurse"

    # --- running things

    def planner(self, *args, expect=0):
        proc = run([self.planner_bin, "--db", self.store, *args])
        if expect is not None and proc.returncode != expect:
            raise Abort(f"planner {' '.join(map(str, args))}: expected exit {expect}; {describe(proc)}")
        return proc

    def show(self, meeting):
        return json.loads(self.planner("show", meeting, "--json").stdout)

    def record(self, name, problems):
        self.results.record(name, problems)

    def read(self, label, path, want, show=None, raw=True, raw_ignore=()):
        """Both readers read `path` as `want`; with `show`, compare_reading of
        interop_test (a REQUEST against the store, in full) as well."""
        if raw:
            problems = [p for p in check_raw(path.read_bytes()) if p not in raw_ignore]
            self.record(f"{label}: {path.name} raw bytes follow ICALENDAR.md", problems)
        readings = {}
        for reader in READERS:
            reading, problems = self.reader_problems(reader, path, want, show)
            if reading is not None:
                readings[reader] = reading
            self.record(f"{label}: {reader} reads {path.name} as {want['method']} SEQUENCE {want['sequence']}",
                        problems)
        return readings

    def reader_problems(self, reader, path, want, show=None, quiet=False):
        """(reading or None, problems) of one reader on one file, against `want` and `show`."""
        reading, problems = read_with(reader, path)
        if reading is None:
            return None, problems
        event = event_of(reading, want.get("recurrence_id_utc")) or {}
        if not quiet:
            print(f"     {reader} read {path.name}: {reading.get('method')} SEQUENCE {event.get('sequence')} "
                  f"{event.get('status')} {event.get('start_utc')}-{event.get('end_utc')} "
                  f"{len(event.get('attendees') or [])} attendees"
                  + (f" RECURRENCE-ID {event['recurrence_id_utc']}" if event.get("recurrence_id_utc") else ""))
        if event.get("uid") == self.uid:
            self.sequences.append(event.get("sequence"))
        return reading, check_fields(reading, want) + (it.compare_reading(reading, show) if show else [])

    def khal_run(self, *args):
        return run(["khal", "-c", self.khal, *args], env=self.env)

    def khal_events(self):
        """The events khal lists on 11.10.2012, as lists of fields (KHAL_FORMAT)."""
        proc = self.khal_run("list", "-f", KHAL_FORMAT, "11.10.2012", "1d")
        if proc.returncode != 0:
            raise Abort(f"khal list failed: {describe(proc)}")
        return [[field.strip() for field in line.split("|")] for line in text(proc.stdout).splitlines() if "|" in line]

    def calcurse_import(self, path):
        """Imports into the one calcurse calendar; returns (apps, events, todos, skipped)."""
        for sub in ("data", "config"):
            (self.calcurse / sub).mkdir(parents=True, exist_ok=True)
        proc = run(["calcurse", "-C", self.calcurse / "config", "-D", self.calcurse / "data", "-i", path],
                   env=it.tool_env(self.workdir, tz=BERLIN))
        report = it.CALCURSE_REPORT.search(text(proc.stdout) + text(proc.stderr))
        if proc.returncode != 0 or not report:
            raise Abort(f"calcurse -i {path.name} failed: {describe(proc)}")
        return tuple(int(n) for n in report.groups())

    def calcurse_appointments(self):
        proc = run(["calcurse", "-C", self.calcurse / "config", "-D", self.calcurse / "data",
                    "--input-datefmt", "4", "-Q", "--filter-type", "apt", "--from", "2012-10-11", "--days", "1",
                    "--format-apt", "%(start:%H:%M)-%(end:%H:%M)|%m\\n"], env=it.tool_env(self.workdir, tz=BERLIN))
        if proc.returncode != 0:
            raise Abort(f"calcurse -Q failed: {describe(proc)}")
        return sorted(line.split("|")[0] for line in text(proc.stdout).splitlines() if "|" in line)

    def write_toml(self, name, source, replacements):
        data = source.read_text(encoding="utf-8")
        for old, new in replacements:
            if data.count(old) != 1:
                raise Abort(f"{source.name} holds {data.count(old)} times {old!r}, expected once")
            data = data.replace(old, new)
        path = self.workdir / name
        path.write_text(data, encoding="utf-8")
        return path

    # --- the steps

    def step1_invite(self):
        self.planner("import", self.example)
        v0 = self.workdir / "v0.ics"
        self.planner("invite", SINGLE, "-o", v0)
        show = self.show(SINGLE)
        self.uid, self.emails = show["uid"], {p["id"]: p["email"] for p in show["invitees"]}
        problems = []
        if show["sequence"] != 0 or len(show["invitees"]) != 25:
            problems.append(f"store has SEQUENCE {show['sequence']}, {len(show['invitees'])} invitees; "
                            "expected 0 and 25")
        if to_utc_iso(show["start"]) != "2012-10-11T12:00:00Z":
            problems.append(f"store start {show['start']} is not 14:00 Europe/Berlin")
        self.record("1 invite: the store has SEQUENCE 0, 25 invitees, 14:00 Berlin", problems)
        self.read("1 invite", v0, want_from(show, "REQUEST", sequence=0), show)
        self.v0 = v0

    def step2_move(self):
        moved = self.write_toml("moved.toml", self.example, [
            ("\nstart = 2012-10-11T14:00:00\n", "\nstart = 2012-10-11T15:00:00\n"),
            ("\nend = 2012-10-11T17:00:00\n", "\nend = 2012-10-11T18:00:00\n")])
        self.planner("import", moved)
        self.moved = moved
        v1 = self.workdir / "v1.ics"
        self.planner("invite", SINGLE, "-o", v1)
        show = self.show(SINGLE)
        problems = [] if (show["sequence"], to_utc_iso(show["start"]), to_utc_iso(show["end"])) == (
            1, "2012-10-11T13:00:00Z", "2012-10-11T16:00:00Z") else [
            f"store has SEQUENCE {show['sequence']}, {show['start']}-{show['end']}; expected 1, 15:00-18:00"]
        problems += [] if show["uid"] == self.uid else [f"UID changed to {show['uid']}"]
        self.record("2 move: the store has SEQUENCE 1, the same UID, 15:00-18:00 Berlin", problems)
        self.read("2 move", v1, want_from(show, "REQUEST", sequence=1), show)
        again = self.workdir / "v1-again.ics"
        self.planner("invite", SINGLE, "-o", again)
        show = self.show(SINGLE)
        self.record("2 move: inviting again without a change keeps the store's SEQUENCE 1",
                    [] if show["sequence"] == 1 else [f"store SEQUENCE is {show['sequence']}"])
        self.read("2 move, invited again", again, want_from(show, "REQUEST", sequence=1), show, raw=False)
        self.v1 = v1
        self.negative_control_sequence(show)
        self.khal_update()
        self.calcurse_update()

    def negative_control_sequence(self, show):
        """The reader checks must fail on v1.ics with SEQUENCE:0 and on it as METHOD:CANCEL."""
        data = self.v1.read_bytes()
        problems = []
        for what, mutated in (("SEQUENCE:0", data.replace(b"\r\nSEQUENCE:1\r\n", b"\r\nSEQUENCE:0\r\n")),
                              ("METHOD:CANCEL", data.replace(b"METHOD:REQUEST", b"METHOD:CANCEL"))):
            copy = self.workdir / f"control-{what.replace(':', '-')}.ics"
            copy.write_bytes(mutated)
            if mutated == data:
                problems.append(f"{what}: the mutation did not change v1.ics")
            for reader in READERS:
                reading, found = read_with(reader, copy)
                if not (found or check_fields(reading, want_from(show, "REQUEST", sequence=1))):
                    problems.append(f"{reader}: check_fields accepted a copy of v1.ics with {what}")
        self.record("2 negative control: a copy of v1.ics with SEQUENCE:0 or METHOD:CANCEL fails both readers' checks",
                    problems)

    def khal_update(self):
        """khal matches UIDs: v0 then v1 imported into one calendar leave one event at 15:00."""
        for path in (self.v0, self.v1):
            proc = self.khal_run("import", "--batch", path)
            if proc.returncode != 0:
                raise Abort(f"khal import --batch {path.name} failed: {describe(proc)}")
        events = self.khal_events()
        files = sorted(p.name for p in (self.khal.parent / "calendar").glob("*.ics"))
        print(f"     khal after v0, v1: {events}; its vdir holds {files}")
        want = [["11.10.2012", "15:00", "18:00", self.title, "CONFIRMED", self.uid]]
        problems = [] if events == want else [f"khal lists {events}, expected {want}"]
        problems += [] if len(files) == 1 else [f"khal's vdir holds {len(files)} files: {files}"]
        self.record("2 khal: v0.ics then v1.ics imported into one calendar are ONE event, at 15:00-18:00", problems)
        # Control: were the UIDs different, the same check would see two events.
        other = self.workdir / "khal-control"
        other.mkdir()
        control = Lifecycle(self.planner_bin, self.examples, other, self.results)
        stranger = other / "v0-other-uid.ics"
        stranger.write_bytes(self.v0.read_bytes().replace(b"\r\nUID:", b"\r\nUID:other-"))
        for path in (stranger, self.v1):
            control.khal_run("import", "--batch", path)
        seen = control.khal_events()
        self.record("2 negative control: khal lists two events when v0's UID differs from v1's",
                    [] if len(seen) == 2 else [f"khal lists {seen}"])

    def calcurse_update(self):
        """calcurse 4.7 has no UID matching (lfos/calcurse#404, #272): it imports the
        update as a second appointment beside the first. Assert exactly that."""
        reports = [self.calcurse_import(path) for path in (self.v0, self.v1)]
        shown = self.calcurse_appointments()
        print(f"     calcurse after v0, v1: reports {reports}, appointments {shown}")
        want = ["14:00-17:00", "15:00-18:00"]
        problems = [] if reports == [(1, 0, 0, 0)] * 2 and shown == want else [
            f"calcurse reports {reports} and shows {shown}; expected two appointments {want} (the old and the new "
            "time, as calcurse 4.7.1 does not match UIDs); if it now shows one at 15:00, it has learnt to, so "
            "update this test"]
        self.record("2 calcurse (known limitation, no UID matching, lfos/calcurse#404): v1 is imported BESIDE v0, "
                    "two appointments 14:00 and 15:00", problems)

    def step3_remove(self):
        removed = self.write_toml("removed.toml", self.moved, [(REMOVED_LINE, "")])
        self.planner("import", removed)
        per = self.workdir / "per-attendee"
        self.planner("invite", SINGLE, "--per-attendee", per)
        show = self.show(SINGLE)
        ids = {p["id"] for p in show["invitees"]}
        problems = [] if show["sequence"] == 2 and len(ids) == 24 and REMOVED not in ids else [
            f"store has SEQUENCE {show['sequence']}, {len(ids)} invitees ({REMOVED} among them: {REMOVED in ids})"]
        files = sorted(p.stem for p in per.glob("*.ics"))
        problems += [] if set(files) == ids | {REMOVED} else [
            f"files for {sorted(set(files) ^ (ids | {REMOVED}))} missing or unexpected in {per}"]
        self.record(f"3 remove: the store has SEQUENCE 2, 24 invitees without {REMOVED}; one file each and his",
                    problems)
        gone = per / f"{REMOVED}.ics"
        if gone.is_file():
            self.read("3 remove, his own cancellation", gone, want_from(
                show, "CANCEL", status="CANCELLED", attendees={self.emails[REMOVED].lower()}))
        updates = [per / f"{person}.ics" for person in sorted(ids) if (per / f"{person}.ics").is_file()]
        for reader in READERS:
            problems = [f"{path.name}: {problem}" for path in updates
                        for problem in self.reader_problems(reader, path, want_from(show, "REQUEST"), show, True)[1]]
            self.record(f"3 remove: {reader} reads each of the {len(updates)} others' files as REQUEST SEQUENCE 2 "
                        "with the store's 24 attendees", problems)
        self.record("3 remove: every update file passes the raw checks",
                    [f"{p.name}: {problem}" for p in sorted(per.glob("*.ics")) for problem in check_raw(p.read_bytes())])

    def step4_series(self):
        s0 = self.workdir / "s0.ics"
        self.planner("invite", SERIES, "-o", s0)
        show = self.show(SERIES)
        self.read("4 series", s0, want_from(show, "REQUEST", sequence=0), show)
        cancel = self.workdir / "s-cancel.ics"
        self.planner("cancel", f"{SERIES}@{CANCELLED_DATE}", "--reason", "Raum belegt", "-o", cancel)
        # The occurrence's local time, from the toml itself: 09:30 CET, 08:30 UTC.
        import tomllib
        meeting = next(m for m in tomllib.loads(self.example.read_text(encoding="utf-8"))["meeting"]
                       if m["id"] == SERIES)
        local = datetime.combine(datetime.fromisoformat(CANCELLED_DATE).date(), meeting["start"].time(),
                                 tzinfo=it.ZoneInfo(BERLIN))
        rid = local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.record(f"4 series: the toml's start {meeting['start']:%H:%M} on {CANCELLED_DATE} is {rid}",
                    [] if rid == "2013-03-12T08:30:00Z" else [f"expected 2013-03-12T08:30:00Z, computed {rid}"])
        show = self.show(SERIES)
        occurrence = next((o for o in show["occurrences"] if o["date"] == CANCELLED_DATE), {})
        self.record(f"4 series: the store has {CANCELLED_DATE} cancelled and SEQUENCE 1",
                    [] if occurrence.get("status") == "cancelled" and show["sequence"] == 1 else
                    [f"occurrence {occurrence}, SEQUENCE {show['sequence']}"])
        end = datetime.fromisoformat(occurrence["end"]) if occurrence else local
        # A CANCEL of one occurrence holds only its overriding event: the raw
        # checks' rule for a REQUEST's series does not apply to it.
        self.read("4 series, occurrence cancelled", cancel, want_from(
            show, "CANCEL", sequence=1, status="CANCELLED", recurrence_id_utc=rid, start_utc=rid,
            end_utc=end.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")),
            raw_ignore=("0 VEVENTs without RECURRENCE-ID, expected exactly one",
                        "1 VEVENTs have a RECURRENCE-ID, but no event has an RRULE"))
        s1 = self.workdir / "s1.ics"
        self.planner("invite", SERIES, "-o", s1)
        show = self.show(SERIES)
        readings = self.read("4 series, invited again", s1, want_from(show, "REQUEST", sequence=1), show)
        self.s1 = s1
        locations = it.venue_locations(self.example)
        for reader, reading in readings.items():
            starts = [o["recurrence_id_utc"] for o in reading.get("occurrences") or []]
            problems = [f"{rid} is among {starts}"] if rid in starts or not starts else []
            problems += it.compare_occurrences(reading, show, locations)
            self.record(f"4 series: {reader} expands s1.ics to the store's occurrences, without {CANCELLED_DATE} "
                        f"({len(starts)} occurrences)", problems)

    def step5_replies(self):
        current = self.workdir / "v2.ics"
        self.planner("invite", SINGLE, "-o", current)
        show = self.show(SINGLE)
        self.read("5 replies, the current invitation", current, want_from(show, "REQUEST", sequence=2), show,
                  raw=False)
        email = {p["id"]: p["email"] for p in show["invitees"]}
        comment = "Ich komme gern, mit Flyern"
        answers = {  # person: (file, PARTSTAT, more arguments)
            "frank-veser": (current, "ACCEPTED", ["--comment", comment]),
            "gerda-straub": (current, "DECLINED", []),
            "wolfgang-maier": (current, "TENTATIVE", []),
            "renate-fischer": (current, "DELEGATED", ["--delegate-to", "vertretung.fischer@example.net"]),
            "knut-immeke": (current, "DELEGATED", ["--delegate-to", "anna.neu@example.net",
                                                   "--delegate-name", "Anna Neu"]),
            "peter-jehle": (self.v0, "ACCEPTED", []),  # to SEQUENCE 0: must be ignored
        }
        files = []
        for person, (invitation, partstat, more) in answers.items():
            files.append(self.answer(invitation, email[person], partstat, more, f"reply-{person}.ics"))
        proc = self.planner("replies", "import", *files)
        out, err = text(proc.stdout), text(proc.stderr)
        print(f"     replies import: {out.strip().splitlines()[-1:]}; stderr {err.strip()!r}")
        problems = [] if "recorded 5 answers, skipped 1" in out else [f"stdout {out!r}"]
        problems += [] if "reply-peter-jehle.ics" in err and "SEQUENCE 0" in err else [
            f"no warning naming reply-peter-jehle.ics and SEQUENCE 0 on stderr: {err!r}"]
        self.record("5 replies: 5 recorded, the answer to SEQUENCE 0 skipped with a warning", problems)
        show = self.show(SINGLE)
        by_id = {p["id"]: p for p in show["invitees"]}
        by_email = {p["email"].lower(): p for p in show["invitees"]}
        want = {"frank-veser": "accepted", "gerda-straub": "declined", "wolfgang-maier": "tentative",
                "renate-fischer": "delegated", "knut-immeke": "delegated", "peter-jehle": "needs-action"}
        problems = [f"{person}: answer {by_id.get(person, {}).get('answer')!r}, expected {answer!r}"
                    for person, answer in want.items() if by_id.get(person, {}).get("answer") != answer]
        if by_id.get("frank-veser", {}).get("comment") != comment:
            problems.append(f"frank-veser's comment is {by_id.get('frank-veser', {}).get('comment')!r}")
        for person, address, name in (("renate-fischer", "vertretung.fischer@example.net", None),
                                      ("knut-immeke", "anna.neu@example.net", "Anna Neu")):
            delegate = by_email.get(address)
            if delegate is None:
                problems.append(f"the delegate {address} of {person} is not an invitee")
                continue
            if by_id.get(person, {}).get("delegated_to") != delegate["id"]:
                problems.append(f"{person} delegated_to {by_id.get(person, {}).get('delegated_to')!r}, "
                                f"the delegate's id is {delegate['id']!r}")
            if name and delegate["name"] != name:
                problems.append(f"the delegate {address} is named {delegate['name']!r}, not {name!r}")
        problems += [] if len(show["invitees"]) == 26 else [f"{len(show['invitees'])} invitees, expected 24 + 2"]
        self.record("5 replies: show --json has each answer, the comment, both delegates as invitees", problems)
        proc = self.planner("attendance", SINGLE, "--only", "accepted", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8-sig")), delimiter=";"))
        names = [row.get("Name") for row in rows]
        self.record("5 replies: attendance --only accepted lists only Frank Veser",
                    [] if names == ["Frank Veser"] else [f"the CSV lists {names}: {text(proc.stdout)!r}"])
        self.series_replies()

    def answer(self, invitation, address, partstat, more, name):
        proc = run(["node", HERE / "answer_icaljs.mjs", invitation, address, partstat, *more])
        if proc.returncode != 0:
            raise Abort(f"answer_icaljs.mjs {invitation.name} {address} {partstat}: {describe(proc)}")
        path = self.workdir / name
        path.write_bytes(proc.stdout)
        return path

    def series_replies(self):
        """ical.js answers every event that lists the attendee: the series and its
        overriding event of 14 May (RECURRENCE-ID), so Hildegard Baur's ACCEPTED is
        a whole-series answer and one for 14 May. Gerda Straub's DECLINED is cut to
        the overriding event alone, as a client sends it for that one occurrence."""
        whole = self.answer(self.s1, "hildegard.baur@example.org", "ACCEPTED", [], "reply-series-hildegard.ics")
        one = self.answer(self.s1, "gerda.straub@example.org", "DECLINED", [], "reply-series-gerda.ics")
        data = one.read_bytes()
        first = data.index(b"BEGIN:VEVENT\r\n")
        one.write_bytes(data[:first] + data[data.index(b"END:VEVENT\r\n", first) + len(b"END:VEVENT\r\n"):])
        problems = [] if one.read_bytes().count(b"BEGIN:VEVENT") == 1 and b"RECURRENCE-ID" in one.read_bytes() \
            and whole.read_bytes().count(b"RECURRENCE-ID") == 1 else ["the replies are not shaped as expected"]
        proc = self.planner("replies", "import", whole, one)
        problems += [] if "recorded 3 answers, skipped 0" in text(proc.stdout) else [describe(proc)]
        show = self.show(SERIES)
        answers = {p["id"]: p["answer"] for p in show["invitees"]}
        occurrence = sorted((a["occurrence"], a["person"], a["answer"]) for a in show["occurrence_answers"])
        print(f"     series answers: {answers}; per occurrence {occurrence}")
        if (answers.get("hildegard-baur"), answers.get("gerda-straub")) != ("accepted", "needs-action"):
            problems.append(f"whole-series answers {answers}: expected hildegard-baur accepted, gerda-straub "
                            "needs-action")
        want = [("2013-05-14", "gerda-straub", "declined"), ("2013-05-14", "hildegard-baur", "accepted")]
        problems += [] if occurrence == want else [f"occurrence_answers {occurrence}, expected {want}"]
        self.record("5 replies: the series' answer and those for the occurrence of 14 May are recorded", problems)

    def step6_cancel(self):
        cancel = self.workdir / "c.ics"
        earlier = [s for s in self.sequences if s is not None]
        self.planner("cancel", SINGLE, "-o", cancel)
        show = self.show(SINGLE)
        self.record("6 cancel: the store has the meeting cancelled, SEQUENCE above every earlier one",
                    [] if show["status"] == "cancelled" and show["sequence"] > max(earlier, default=99) else
                    [f"status {show['status']}, SEQUENCE {show['sequence']}, earlier {sorted(set(earlier))}"])
        self.read("6 cancel", cancel, want_from(show, "CANCEL", status="CANCELLED", uid=self.uid))
        proc = self.khal_run("import", "--batch", cancel)
        events = self.khal_events() if proc.returncode == 0 else None
        print(f"     khal after v0, v1, c: {events}")
        cancelled = [["11.10.2012", "15:00", "18:00", self.title, "CANCELLED", self.uid]]
        what = "listed as CANCELLED" if events == cancelled else "gone" if events == [] else None
        self.record(f"6 khal: importing c.ics after the update replaces the one event: {what or 'neither'} "
                    "(khal 0.10.5 keeps it, listed as CANCELLED)",
                    [] if what else [f"khal lists {events}, expected {cancelled} or nothing; {describe(proc)}"])
        report = self.calcurse_import(cancel)
        shown = self.calcurse_appointments()
        print(f"     calcurse after v0, v1, c: report {report}, appointments {shown}")
        self.record("6 calcurse (known limitation, it reads neither METHOD:CANCEL nor STATUS nor UID): the "
                    "cancellation becomes a third appointment",
                    [] if shown == ["14:00-17:00", "15:00-18:00", "15:00-18:00"] else [
                        f"calcurse shows {shown}, report {report}; if it now removes the event, update this test"])

    def step7_bad_input(self):
        wolfgang = self.answer(self.s1, "wolfgang.maier@example.org", "TENTATIVE", [], "good-reply.ics")
        good = wolfgang.read_bytes()
        at = good.index(b"\r\nDTSTAMP")
        bad = {
            "bad-truncated.ics": good[:len(good) // 2],
            "bad-two-attendees.ics": good[:at] + b"\r\nATTENDEE;CN=Renate Fischer;PARTSTAT=ACCEPTED:"
                                                 b"mailto:renate.fischer@example.org" + good[at:],
            "bad-no-vcalendar.ics": "Hallo Karin,\r\nich komme gern.\r\nWolfgang\r\n".encode(),
            "bad-binary.ics": bytes(range(256)) * 8,
        }
        # Control: the reply they are made from is recorded, and changes the dump.
        copy = self.workdir / "store-copy.db"
        shutil.copyfile(self.store, copy)
        proc = run([self.planner_bin, "--db", copy, "replies", "import", wolfgang])
        self.record("7 negative control: the untruncated reply is recorded on a copy of the store, changing its dump",
                    [] if proc.returncode == 0 and store_dump(copy) != store_dump(self.store) else [describe(proc)])
        cases = [[name] for name in bad] + [["good-reply.ics", "bad-two-attendees.ics"]]
        for name, data in bad.items():
            (self.workdir / name).write_bytes(data)
        for names in cases:
            # Each file is its own unit: a bad one is skipped whole, a good one beside it
            # is recorded just as on the copy above.
            before = store_dump(self.store) if len(names) == 1 else store_dump(copy)
            proc = self.planner("replies", "import", *[self.workdir / n for n in names], expect=None)
            err = text(proc.stderr)
            problems = [] if proc.returncode == 1 else [f"exit {proc.returncode}, expected 1; {describe(proc)}"]
            problems += [] if f"skipped {self.workdir / names[-1]}" in err else [
                f"stderr does not name {names[-1]} as skipped: {err!r}"]
            problems += dump_difference(before, store_dump(self.store))
            print(f"     {' + '.join(names)}: exit {proc.returncode}; {err.strip()[:160]!r}")
            self.record(f"7 bad input: replies import {' '.join(names)} exits 1 naming the file as skipped, "
                        f"{'store unchanged' if len(names) == 1 else 'the good answer recorded'}", problems)

    def run_all(self):
        import tomllib
        self.title = next(m["title"] for m in tomllib.loads(self.example.read_text(encoding="utf-8"))["meeting"]
                          if m["id"] == SINGLE)
        for step in (self.step1_invite, self.step2_move, self.step3_remove, self.step4_series,
                     self.step5_replies, self.step6_cancel, self.step7_bad_input):
            print(f"---- {step.__name__}")
            step()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--planner", required=True, help="the planner binary")
    parser.add_argument("--examples", required=True, help="the examples directory")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    began = time.monotonic()
    results = Results()
    planner, examples = Path(args.planner).resolve(), Path(args.examples).resolve()
    missing = it.missing_tools()
    missing += [it.INSTALL_HINT] if missing else []
    if not (planner.is_file() and os.access(planner, os.X_OK)):
        missing.append(f"the planner binary {planner} does not exist (build the planner target)")
    if not (examples / EXAMPLE).is_file():
        missing.append(f"the meeting file {examples / EXAMPLE} does not exist")
    results.record("lifecycle tools are installed", missing)
    if not missing:
        it.run_in_workdir("lifecycle", args.keep, results,
                          lambda workdir: Lifecycle(planner, examples, workdir, results).run_all(),
                          stops=[(Abort, "a step could not be carried out, the later ones were not run")])
    return results.summary("lifecycle", began)


if __name__ == "__main__":
    sys.exit(main())
