#!/usr/bin/python3
"""Interoperability test of planner's iCalendar invitations.

For every meeting of the example file and the fixtures (tricky.toml,
series.toml), in a fresh temporary directory: import the file into a new store,
read the meeting back with `show --json`, write its invitation with `invite -o`,
then

  * check the raw bytes against the rules of shared ICALENDAR.md ourselves
    (CRLF, 75 octets, UTF-8 and folds, METHOD, VERSION/PRODID, DTSTAMP in UTC,
    TZID never with Z, a VTIMEZONE for every TZID and none with UNTIL, ...);
  * read it with ical.js (read_icaljs.mjs) and with Debian's python3-icalendar
    (read_python_icalendar.py) and compare UTC start/end, summary, location,
    organizer and attendees with the store;
  * for a series (a meeting with a recurrence rule), have ical.js and
    python3-icalendar with python3-dateutil expand it (RRULE, EXDATE, events
    with RECURRENCE-ID) and compare every occurrence's UTC start and end,
    status and location with the occurrences of `show --json`;
  * show it with khal (`khal printics`) and import it into calcurse, and
    compare the local times they show (calcurse: single meetings only, as it
    imports an event overriding an occurrence as an appointment of its own);
  * run a negative control: the same checks on a copy whose DTSTART hour is
    changed must fail, and so must the checks of a series on copies without
    its EXDATE, without an overriding event, with a RECURRENCE-ID that names no
    occurrence and with an UNTIL before the last occurrence, so that none of
    them can pass vacuously.

A missing tool is a failure with a message naming what to install, never a skip.

    /usr/bin/python3 interop_test.py --planner PATH/TO/planner --examples examples/

Ends with the line "interop: N passed, N failed"; exits 1 when any check failed.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
INSTALL_HINT = (
    "install the interop tools: apt-get install python3-icalendar python3-dateutil khal calcurse vdirsyncer nodejs npm "
    "&& npm ci --prefix tests/interop"
)
ROLE_MAP = {
    "chair": "CHAIR",
    "required": "REQ-PARTICIPANT",
    "optional": "OPT-PARTICIPANT",
    "info": "NON-PARTICIPANT",
}
SUBPROCESS_TIMEOUT = 60
MAX_PROBLEMS = 25
BERLIN = "Europe/Berlin"

try:
    from zoneinfo import ZoneInfo
except ImportError:  # Python < 3.9
    ZoneInfo = None


# --------------------------------------------------------------------------
# Results

class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def record(self, name, problems):
        """problems: a list of strings; empty means the check passed."""
        if problems:
            self.failed.append(name)
            print(f"FAIL {name}")
            for problem in problems[:MAX_PROBLEMS]:
                print(f"     - {clip(problem)}")
            if len(problems) > MAX_PROBLEMS:
                print(f"     - ... and {len(problems) - MAX_PROBLEMS} more")
        else:
            self.passed += 1
            print(f"PASS {name}")
        sys.stdout.flush()

    def summary(self, label, began):
        """Prints the failed checks, the time and the counts; returns the exit code."""
        print()
        for name in self.failed:
            print(f"  failed: {name}")
        print(f"{label}: took {time.monotonic() - began:.1f} s")
        print(f"{label}: {self.passed} passed, {len(self.failed)} failed")
        return 1 if self.failed else 0


def run(args, *, env=None, cwd=None, input_bytes=None):
    """Runs a command; returns CompletedProcess with text stdout/stderr."""
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, input=input_bytes,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=SUBPROCESS_TIMEOUT)


def text(data):
    return data.decode("utf-8", errors="replace")


def clip(message, limit=600):
    return message if len(message) <= limit else message[:limit] + f"... ({len(message)} chars)"


def describe(proc):
    """Exit code, stdout and the end of stderr (where a traceback says what broke)."""
    err = text(proc.stderr).strip()
    return (f"exit {proc.returncode}; stdout: {clip(text(proc.stdout).strip(), 300)!r}; "
            f"stderr: {('...' + err[-400:]) if len(err) > 400 else err!r}")


def run_in_workdir(label, keep, results, body, stops=()):
    """Runs body(workdir) in a fresh temporary folder, removed afterwards unless kept.
    A timeout, a crash of the test itself or an exception of `stops` (a pair of the
    class and what to say) is a failed check with its reason."""
    workdir = Path(tempfile.mkdtemp(prefix=f"planner-{label}-"))
    try:
        body(workdir)
    except subprocess.TimeoutExpired as error:
        results.record(f"{label}: a command timed out", [str(error)])
    except Exception as error:  # a crash in the test is a failure with its traceback
        stop = next((what for kind, what in stops if isinstance(error, kind)), None)
        if stop is not None:
            results.record(f"{label}: {stop}", [str(error)])
        else:
            import traceback
            results.record(f"{label}: the test itself raised", traceback.format_exc().splitlines())
    finally:
        if keep:
            print(f"     kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


# --------------------------------------------------------------------------
# Prerequisites

def missing_readers():
    """What ical.js and python3-icalendar (with dateutil) need and is missing, each
    naming the package to install."""
    missing = []
    if shutil.which("node") is None:
        missing.append("node is not on PATH (apt-get install nodejs npm)")
    installed = HERE / "node_modules" / "ical.js" / "package.json"
    if not installed.is_file():
        missing.append(f"{installed.parent} is missing (npm ci --prefix tests/interop)")
    else:
        pinned = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))[
            "packages"]["node_modules/ical.js"]["version"]
        version = json.loads(installed.read_text(encoding="utf-8")).get("version")
        if version != pinned:
            missing.append(f"ical.js {version} is installed, package-lock.json pins {pinned} "
                           "(npm ci --prefix tests/interop)")
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        missing.append(f"{SYSTEM_PYTHON} is missing (apt-get install python3)")
    else:
        for module, package in (("icalendar", "python3-icalendar"), ("dateutil.rrule", "python3-dateutil")):
            proc = run([SYSTEM_PYTHON, "-c", f"import {module}"])
            if proc.returncode != 0:
                missing.append(f"{SYSTEM_PYTHON} cannot import {module} (apt-get install {package}): "
                               f"{text(proc.stderr).strip().splitlines()[-1:]}")
    return missing


def missing_tools():
    """Returns a list of what is missing, each naming the package to install."""
    missing = missing_readers()
    if sys.version_info < (3, 11):
        missing.append(f"this Python ({sys.version.split()[0]}) has no tomllib to read the meeting files' venues: "
                       f"run the test with /usr/bin/python3 (Python >= 3.11)")
    if shutil.which("khal") is None:
        missing.append("khal is not on PATH (apt-get install khal)")
    if shutil.which("calcurse") is None:
        missing.append("calcurse is not on PATH (apt-get install calcurse)")
    if ZoneInfo is None:
        missing.append("this Python has no zoneinfo: run the test with /usr/bin/python3 (Python >= 3.9)")
    else:
        try:
            ZoneInfo(BERLIN)
        except Exception as error:  # no tz database
            missing.append(f"no time zone data for {BERLIN} ({error}): apt-get install tzdata")
    return missing


# --------------------------------------------------------------------------
# Raw content lines

def parse_content_line(line):
    """Splits a logical line into (NAME, {PARAM: [values]}, value), honouring
    quoted parameter values (RFC 5545 3.1); None when it is malformed."""
    match = re.match(r"[A-Za-z0-9-]+", line)
    if not match:
        return None
    name, pos, params = match.group(0).upper(), match.end(), {}
    while pos < len(line) and line[pos] == ";":
        pmatch = re.compile(r"([A-Za-z0-9-]+)=").match(line, pos + 1)
        if not pmatch:
            return None
        pos, values = pmatch.end(), []
        while True:
            if line.startswith('"', pos):
                close = line.find('"', pos + 1)
                if close < 0:
                    return None
                values.append(line[pos + 1:close])
                pos = close + 1
            else:
                vmatch = re.compile(r'[^";:,]*').match(line, pos)
                values.append(vmatch.group(0))
                pos = vmatch.end()
            if line.startswith(",", pos):
                pos += 1
                continue
            break
        params.setdefault(pmatch.group(1).upper(), []).extend(values)
    if not line.startswith(":", pos):
        return None
    return name, params, line[pos + 1:]


def unfold(data):
    """Logical lines (str) of CRLF data, after a best-effort decode."""
    body = data.decode("utf-8", errors="replace")
    body = re.sub(r"\r\n[ \t]", "", body)
    lines = body.split("\r\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def check_raw(data):
    """Our own checks of the invitation bytes. Returns a list of problems."""
    problems = []
    if not data:
        return ["the file is empty"]

    # Physical lines: CRLF, no bare CR or LF, at most 75 octets, UTF-8 per line.
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end in CRLF")
    physical = data.split(b"\r\n")
    if physical and physical[-1] == b"":
        physical.pop()
    for number, line in enumerate(physical, 1):
        if b"\r" in line or b"\n" in line:
            problems.append(f"line {number}: bare CR or LF: {line[:60]!r}")
            continue
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets (over 75): {line[:60]!r}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"line {number}: does not decode on its own (a fold splits a UTF-8 "
                            f"character?): {error}: {line[-12:]!r}")
        if number > 1 and line[:1] not in (b" ", b"\t") and not re.match(rb"^[A-Za-z0-9-]+[;:]", line):
            problems.append(f"line {number}: neither a content line nor a continuation: {line[:60]!r}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"the file is not valid UTF-8: {error}")

    lines = unfold(data)
    for number, line in enumerate(lines, 1):
        bad = [c for c in line if (ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F]
        if bad:
            problems.append(f"logical line {number}: raw control characters "
                            f"{sorted(set(bad))!r}: {line[:60]!r}")

    # Structure: component stack, properties per component.
    stack = []
    first_component_index = None
    method_at = []
    tzids_used = {}
    tzids_defined = set()
    calendar_props = {}
    events = []
    current_event = None
    timezones = []
    current_tz = None
    current_sub = None
    for index, line in enumerate(lines):
        parsed = parse_content_line(line)
        if parsed is None:
            problems.append(f"malformed content line (name, parameters, colon, value): {line[:80]!r}")
            continue
        name, params, value = parsed
        if name == "BEGIN":
            if stack and first_component_index is None:
                first_component_index = index
            stack.append(value.upper())
            if value.upper() == "VEVENT":
                current_event = {"props": []}
                events.append(current_event)
            elif value.upper() == "VTIMEZONE":
                current_tz = {"tzid": None, "subs": [], "props": []}
                timezones.append(current_tz)
            elif value.upper() in ("STANDARD", "DAYLIGHT") and current_tz is not None:
                current_sub = {"kind": value.upper(), "props": []}
                current_tz["subs"].append(current_sub)
            continue
        if name == "END":
            if not stack or stack[-1] != value.upper():
                problems.append(f"END:{value} does not close {stack[-1] if stack else 'anything'}")
            else:
                stack.pop()
            if value.upper() == "VEVENT":
                current_event = None
            elif value.upper() == "VTIMEZONE":
                current_tz = None
            elif value.upper() in ("STANDARD", "DAYLIGHT"):
                current_sub = None
            continue
        if not stack:
            problems.append(f"property outside VCALENDAR: {line[:60]!r}")
            continue
        if stack == ["VCALENDAR"]:
            calendar_props.setdefault(name, []).append(value)
            if name == "METHOD":
                method_at.append(index)
        if current_event is not None and stack[-1] == "VEVENT":
            current_event["props"].append((name, params, value))
        if current_tz is not None:
            if stack[-1] == "VTIMEZONE":
                current_tz["props"].append((name, params, value))
                if name == "TZID":
                    current_tz["tzid"] = value
                    tzids_defined.add(value)
            elif current_sub is not None:
                current_sub["props"].append((name, params, value))
        if "TZID" in params:
            for tzid in params["TZID"]:
                tzids_used.setdefault(tzid, name)
            if any(v.strip().upper().endswith("Z") for v in value.split(",")):
                problems.append(f"{name} has TZID and a UTC (Z) time: {line[:80]!r}")
        for pname, pvalues in params.items():
            for pvalue in pvalues:
                if "\n" in pvalue or "\r" in pvalue:
                    problems.append(f"{name};{pname} value contains a newline")
        if name in ("ORGANIZER", "ATTENDEE"):
            if not value.lower().startswith("mailto:") or any(c in value for c in "<> "):
                problems.append(f"{name} value is not a bare mailto: address: {value!r}")
        if name == "DTSTAMP" and not re.fullmatch(r"\d{8}T\d{6}Z", value):
            problems.append(f"DTSTAMP is not a UTC date-time ending in Z: {value!r}")
        if name == "GEO" and not re.fullmatch(r"-?\d+(\.\d+)?;-?\d+(\.\d+)?", value):
            problems.append(f"GEO is not FLOAT;FLOAT (semicolon): {value!r}")
    if stack:
        problems.append(f"components left open at the end: {[clip(c, 40) for c in stack]}")

    # Calendar properties.
    if lines[:1] != ["BEGIN:VCALENDAR"]:
        problems.append(f"the file does not start with a BEGIN:VCALENDAR line: {clip(lines[0], 40) if lines else ''!r}")
    if len(method_at) != 1:
        problems.append(f"METHOD occurs {len(method_at)} times at calendar level (must be exactly once)")
    elif first_component_index is not None and method_at[0] > first_component_index:
        problems.append("METHOD comes after the first component")
    total_method = sum(1 for line in lines if line.upper().startswith(("METHOD:", "METHOD;")))
    if total_method != len(method_at):
        problems.append(f"METHOD occurs {total_method} times in the file, {len(method_at)} at calendar level")
    if calendar_props.get("VERSION") != ["2.0"]:
        problems.append(f"VERSION is {calendar_props.get('VERSION')!r}, not exactly one VERSION:2.0")
    if len(calendar_props.get("PRODID", [])) != 1 or not calendar_props["PRODID"][0].strip():
        problems.append(f"PRODID is {calendar_props.get('PRODID')!r}, not exactly one non-empty PRODID")

    # Time zones.
    for tzid, prop in sorted(tzids_used.items()):
        if tzid not in tzids_defined:
            problems.append(f"{prop} uses TZID={tzid} but the file has no VTIMEZONE with TZID:{tzid}")
    for tz in timezones:
        tzid = tz["tzid"]
        if tzid is None:
            problems.append("a VTIMEZONE has no TZID")
            continue
        if tzid.startswith("/") or "freeassociation" in tzid:
            problems.append(f"VTIMEZONE TZID {tzid!r} is not a plain IANA name")
        kinds = sorted(sub["kind"] for sub in tz["subs"])
        if kinds != ["DAYLIGHT", "STANDARD"] and kinds != ["STANDARD"]:
            problems.append(f"VTIMEZONE {tzid} has {kinds}, not one STANDARD and one DAYLIGHT")
        for sub in tz["subs"]:
            for name, _params, value in sub["props"]:
                if name == "RRULE" and "UNTIL=" in value.upper():
                    problems.append(f"VTIMEZONE {tzid} {sub['kind']} RRULE has UNTIL: {value!r}")
                if name == "RDATE":
                    problems.append(f"VTIMEZONE {tzid} {sub['kind']} uses RDATE (Outlook mishandles it)")
                if name == "DTSTART" and not value.startswith("1970"):
                    problems.append(f"VTIMEZONE {tzid} {sub['kind']} DTSTART {value!r} is not in 1970")

    # The events of a REQUEST (RFC 5546 3.2.2): one event, or a series (one event
    # with RRULE) and events that override some of its occurrences.
    for event in events:
        names = [name for name, _params, _value in event["props"]]
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "ORGANIZER", "SEQUENCE"):
            if names.count(required) != 1:
                problems.append(f"VEVENT has {names.count(required)} {required} (expected exactly one)")
        if names.count("ATTENDEE") < 1:
            problems.append("VEVENT of a REQUEST has no ATTENDEE")
    problems += check_series_events(events)
    return problems


def values_of(event, wanted):
    """(parameters, value) of each property `wanted` of an event of check_raw."""
    return [(params, value) for name, params, value in event["props"] if name == wanted]


def check_series_events(events):
    """The events of one REQUEST: exactly one without RECURRENCE-ID; any others
    override occurrences of its RRULE, each occurrence at most once; one UID and
    one SEQUENCE (RFC 5546 3.2.2); beside a DTSTART with TZID, UNTIL is UTC
    (RFC 5545 3.3.10) and EXDATE and RECURRENCE-ID are not floating."""
    problems = []
    masters = [event for event in events if not values_of(event, "RECURRENCE-ID")]
    overrides = [event for event in events if values_of(event, "RECURRENCE-ID")]
    if len(masters) != 1:
        problems.append(f"{len(masters)} VEVENTs without RECURRENCE-ID, expected exactly one")
    for name in ("UID", "SEQUENCE"):
        values = sorted({value for event in events for _params, value in values_of(event, name)})
        if len(values) > 1:
            problems.append(f"the VEVENTs of one REQUEST have {len(values)} different {name}s: {values}")
    if overrides and not any(values_of(master, "RRULE") for master in masters):
        problems.append(f"{len(overrides)} VEVENTs have a RECURRENCE-ID, but no event has an RRULE")
    for master in masters:
        zoned = any("TZID" in params for params, _value in values_of(master, "DTSTART"))
        rules = values_of(master, "RRULE")
        if len(rules) > 1:
            problems.append(f"the series has {len(rules)} RRULEs, expected one (RFC 5545 3.8.5.3)")
        for _params, value in rules:
            until = re.search(r"(?:^|;)UNTIL=([^;]*)", value, re.I)
            if until and zoned and not re.fullmatch(r"\d{8}T\d{6}Z", until.group(1)):
                problems.append(f"RRULE UNTIL {until.group(1)!r} is not a UTC date-time though DTSTART has "
                                f"a TZID (RFC 5545 3.3.10): {value!r}")
        for params, value in values_of(master, "EXDATE"):
            problems += zoned_time_problems("EXDATE", params, value)
    named = set()
    for override in overrides:
        ids = values_of(override, "RECURRENCE-ID")
        if len(ids) != 1:
            problems.append(f"a VEVENT has {len(ids)} RECURRENCE-IDs, expected one")
        for params, value in ids:
            problems += zoned_time_problems("RECURRENCE-ID", params, value)
            key = (tuple(params.get("TZID", [])), value)
            if key in named:
                problems.append(f"two VEVENTs override the same occurrence, RECURRENCE-ID {value}")
            named.add(key)
        for name in ("RRULE", "RDATE", "EXDATE"):
            if values_of(override, name):
                problems.append(f"the VEVENT overriding {ids[0][1] if ids else '?'} has an {name}")
    return problems


def zoned_time_problems(name, params, value):
    """The date-times of an EXDATE or RECURRENCE-ID of a series with a zoned
    DTSTART: each a DATE-TIME, with TZID or in UTC, never floating."""
    problems = []
    for part in value.split(","):
        if not re.fullmatch(r"\d{8}T\d{6}Z?", part):
            problems.append(f"{name} value {part!r} is not a DATE-TIME, as DTSTART is")
        elif "TZID" not in params and not part.endswith("Z"):
            problems.append(f"{name} {part!r} is floating (neither TZID nor Z)")
    return problems


# --------------------------------------------------------------------------
# Comparing a parser's reading with the store

def to_utc_iso(iso_with_offset):
    moment = datetime.fromisoformat(iso_with_offset)
    if moment.tzinfo is None:
        raise ValueError(f"show --json time {iso_with_offset!r} has no offset")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected_cn(name):
    """CN as ICALENDAR.md wants it: a parameter value cannot hold '"' or a
    newline, so those are dropped; runs of white space compare as one space."""
    return " ".join(name.replace('"', "").split())


def expected_from_show(show):
    venue = show["venue"]
    organiser = show["organisers"][0]
    return {
        "uid": show["uid"],
        "summary": show["title"],
        "location": f"{venue['name']}, {venue['address']}",
        "description": show.get("description") or "",
        "start_utc": to_utc_iso(show["start"]),
        "end_utc": to_utc_iso(show["end"]),
        "organizer_email": organiser["email"].lower(),
        "organizer_cn": expected_cn(organiser["name"]),
        "attendees": {
            person["email"].lower(): (ROLE_MAP.get(person["role"], f"(unknown role {person['role']!r})"),
                                      expected_cn(person["name"]))
            for person in show["invitees"]
        },
        "invitee_count": len(show["invitees"]),
        "status": show["status"].upper(),
        "sequence": show["sequence"],
        "geo": venue.get("geo"),
    }


def as_listed(show, emails):
    """show --json as one copy of a meeting whose participants do not see each
    other lists it: the organisers, and the invitees of `emails` alone."""
    organisers = {(person.get("email") or "").lower() for person in show["organisers"]}
    listed = dict(show)
    listed["invitees"] = [person for person in show["invitees"]
                          if (person.get("email") or "").lower() in organisers | set(emails)]
    return listed


def compare_reading(reading, show):
    """Compares a reader's JSON (read_icaljs.mjs / read_python_icalendar.py)
    with `show --json`. Returns a list of problems."""
    expected = expected_from_show(show)
    problems = []
    if reading.get("method") != "REQUEST":
        problems.append(f"method is {reading.get('method')!r}, expected 'REQUEST'")
    events = reading.get("events", [])
    masters = [event for event in events if not event.get("recurrence_id_utc")]
    if len(masters) != 1:
        return problems + [f"{len(masters)} events without RECURRENCE-ID read ({len(events)} in all), expected 1"]
    if len(events) > 1 and not show.get("occurrences"):
        problems.append(f"{len(events) - 1} events with RECURRENCE-ID read, but the store has a single meeting")
    # A series' own event is its first occurrence, which show --json gives as start and end.
    event = masters[0]

    def same(key, got, want):
        if got != want:
            problems.append(f"{key}: read {got!r}, store has {want!r}")

    same("uid", event.get("uid"), expected["uid"])
    same("start (UTC)", event.get("start_utc"), expected["start_utc"])
    same("end (UTC)", event.get("end_utc"), expected["end_utc"])
    if "start_utc_vtimezone" in event:
        same("start (UTC, by the file's VTIMEZONE)", event.get("start_utc_vtimezone"), expected["start_utc"])
        same("end (UTC, by the file's VTIMEZONE)", event.get("end_utc_vtimezone"), expected["end_utc"])
    same("summary", event.get("summary"), expected["summary"])
    same("location", event.get("location"), expected["location"])
    if expected["description"] and not (event.get("description") or "").startswith(expected["description"]):
        problems.append(f"description: read {clip(repr(event.get('description')), 200)}, which does not "
                        f"start with the store's {clip(repr(expected['description']), 200)}")
    same("status", event.get("status"), expected["status"])
    same("sequence", event.get("sequence"), expected["sequence"])

    organizer = event.get("organizer") or {}
    same("organizer email", (organizer.get("email") or "").lower(), expected["organizer_email"])
    same("organizer CN", " ".join((organizer.get("cn") or "").split()), expected["organizer_cn"])

    attendees = event.get("attendees") or []
    got = {}
    for attendee in attendees:
        email = (attendee.get("email") or "").lower()
        if email in got:
            problems.append(f"attendee {email} appears more than once")
        got[email] = (attendee.get("role"), " ".join((attendee.get("cn") or "").split()))
        if attendee.get("partstat") != "NEEDS-ACTION":
            problems.append(f"attendee {email}: PARTSTAT {attendee.get('partstat')!r}, expected NEEDS-ACTION")
        if attendee.get("cutype") != "INDIVIDUAL":
            problems.append(f"attendee {email}: CUTYPE {attendee.get('cutype')!r}, expected INDIVIDUAL")
        rsvp = (attendee.get("rsvp") or "").upper()
        if rsvp not in ("TRUE", "FALSE"):
            problems.append(f"attendee {email}: RSVP {attendee.get('rsvp')!r}, expected TRUE or FALSE")
        elif rsvp != "TRUE" and attendee.get("role") != "NON-PARTICIPANT":
            problems.append(f"attendee {email}: RSVP {rsvp} for role {attendee.get('role')} (expected TRUE)")
    want = expected["attendees"]
    if len(attendees) != expected["invitee_count"]:
        problems.append(f"{len(attendees)} attendees read, store has {expected['invitee_count']} invitees")
    for email in sorted(set(want) - set(got)):
        problems.append(f"invitee {email} {want[email]} is not an attendee")
    for email in sorted(set(got) - set(want)):
        problems.append(f"attendee {email} {got[email]} is not an invitee")
    for email in sorted(set(got) & set(want)):
        if got[email] != want[email]:
            problems.append(f"attendee {email}: (ROLE, CN) read {got[email]!r}, store has {want[email]!r}")

    geo = event.get("geo")
    if expected["geo"] is not None:
        if not geo or len(geo) != 2 or any(abs(float(a) - float(b)) > 1e-6
                                           for a, b in zip(geo, expected["geo"])):
            problems.append(f"geo: read {geo!r}, store has {expected['geo']!r}")
    return problems


def venue_locations(meeting_file):
    """LOCATION as the invitation writes it ("name, address") for each venue id of
    a meeting file: show --json names an occurrence's venue by id only."""
    import tomllib  # Python 3.11, as /usr/bin/python3 on Debian 12
    with open(meeting_file, "rb") as handle:
        return {venue["id"]: f"{venue['name']}, {venue['address']}"
                for venue in tomllib.load(handle).get("venue", [])}


OCCURRENCE_KEYS = ("start_utc", "end_utc", "status", "location")


def expected_occurrences(show, locations):
    """The occurrences of `show --json` as a reader reports them. Exceptions
    are not among them; nor are cancelled occurrences, which an invitation
    (METHOD:REQUEST) leaves out with an EXDATE, as RFC 5546 has no cancelled
    instance in a REQUEST."""
    return [{
        "start_utc": to_utc_iso(occurrence["start"]),
        "end_utc": to_utc_iso(occurrence["end"]),
        "status": occurrence["status"].upper(),
        "location": locations.get(occurrence["venue"], f"(venue {occurrence['venue']!r} not in the file)"),
    } for occurrence in show["occurrences"] if occurrence["status"] != "cancelled"]


def describe_occurrence(keys, values):
    return " ".join(f"{key.replace('_utc', '').replace('_vtimezone', '')} {value}"
                    for key, value in zip(keys, values))


def compare_occurrences(reading, show, locations):
    """Compares the occurrences a reader expanded from the series with those of
    `show --json`, in order. Returns a list of problems."""
    got = reading.get("occurrences")
    if got is None:
        return ["the reader found no series (no event with an RRULE) to expand"]
    problems = [f"an event overrides {recurrence_id}, which is no occurrence of the series "
                f"(RECURRENCE-ID matches nothing)" for recurrence_id in reading.get("unmatched_overrides") or []]
    want = expected_occurrences(show, locations)
    readings = [("", OCCURRENCE_KEYS)]
    if got and "start_utc_vtimezone" in got[0]:
        # python3-icalendar: also the times by the file's own VTIMEZONE.
        readings.append((" (by the file's VTIMEZONE)", ("start_utc_vtimezone", "end_utc_vtimezone")))
    for how, keys in readings:
        read = [tuple(occurrence.get(key) for key in keys) for occurrence in got]
        stored = [tuple(occurrence[key.replace("_vtimezone", "")] for key in keys) for occurrence in want]
        if read == stored:
            continue
        missing = [values for values in stored if values not in read]
        extra = [values for values in read if values not in stored]
        problems.append(f"{len(read)} occurrences read{how}, the store has {len(stored)}; "
                        f"{len(missing)} of the store's not read, {len(extra)} read that the store has not")
        problems += [f"not read{how}: {describe_occurrence(keys, values)}" for values in missing]
        problems += [f"read{how}, not in the store: {describe_occurrence(keys, values)}" for values in extra]
        if not missing and not extra:
            problems.append(f"the same occurrences read{how}, but in another order")
    return problems


def read_with(reader, path):
    """Runs a reader script; returns (reading or None, problems)."""
    if reader == "ical.js":
        proc = run(["node", HERE / "read_icaljs.mjs", path])
    else:
        proc = run([SYSTEM_PYTHON, HERE / "read_python_icalendar.py", path])
    if proc.returncode != 0:
        return None, [f"{reader} rejected the file: {describe(proc)}"]
    try:
        return json.loads(proc.stdout), []
    except json.JSONDecodeError as error:
        return None, [f"{reader} reader printed no JSON ({error}): {describe(proc)}"]


# --------------------------------------------------------------------------
# khal and calcurse

def local_parts(iso_with_offset, zone_name):
    moment = datetime.fromisoformat(iso_with_offset).astimezone(ZoneInfo(zone_name))
    return moment.strftime("%d.%m.%Y"), moment.strftime("%H:%M")


def tool_env(workdir, tz=None):
    env = dict(os.environ)
    env["HOME"] = str(workdir)
    env["XDG_CONFIG_HOME"] = str(workdir / "xdg-config")
    env["XDG_DATA_HOME"] = str(workdir / "xdg-data")
    env["XDG_CACHE_HOME"] = str(workdir / "xdg-cache")
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    env["TMPDIR"] = str(workdir)  # calcurse writes its import log there
    if tz is not None:
        env["TZ"] = tz
    return env


KHAL_FORMAT = "{start-date-long}|{start-time}|{end-date-long}|{end-time}|{title}|{location}"


def khal_config(workdir, zone_name):
    """khal 0.10.5 needs one calendar and its [locale] formats; the local and
    default time zone are the zone whose local time it prints."""
    confdir = workdir / f"khal-{zone_name.replace('/', '-')}"
    (confdir / "calendar").mkdir(parents=True, exist_ok=True)
    config = confdir / "config"
    config.write_text(
        "[calendars]\n"
        "[[interop]]\n"
        f"path = {confdir / 'calendar'}\n"
        "type = calendar\n"
        "\n"
        "[sqlite]\n"
        f"path = {confdir / 'khal.db'}\n"
        "\n"
        "[locale]\n"
        "timeformat = %H:%M\n"
        "dateformat = %d.%m.%Y\n"
        "longdateformat = %d.%m.%Y\n"
        "datetimeformat = %d.%m.%Y %H:%M\n"
        "longdatetimeformat = %d.%m.%Y %H:%M\n"
        "firstweekday = 0\n"
        f"local_timezone = {zone_name}\n"
        f"default_timezone = {zone_name}\n",
        encoding="utf-8")
    return config


def check_khal(path, show, workdir, zone_name):
    """`khal printics` must print the one event at the store's local time in
    zone_name, with its summary and location. Returns (problems, shown line)."""
    config = khal_config(workdir, zone_name)
    proc = run(["khal", "-c", config, "printics", "-f", KHAL_FORMAT, path],
               env=tool_env(workdir))
    if proc.returncode != 0:
        return [f"khal printics failed: {describe(proc)}"], None
    out = text(proc.stdout).splitlines()
    problems = []
    if not out or not re.match(r"^1 events? found in ", out[0]):
        problems.append(f"khal did not find exactly 1 event: {out[:1]!r}; {describe(proc)}")
    events = out[1:]
    if len(events) != 1:
        return problems + [f"khal printed {len(events)} event lines, expected 1: {events!r}"], None
    fields = events[0].split("|")
    start_date, start_time = local_parts(show["start"], zone_name)
    end_date, end_time = local_parts(show["end"], zone_name)
    venue = show["venue"]
    want = {"start date": start_date, "start time": start_time, "end date": end_date,
            "end time": end_time, "summary": show["title"],
            "location": f"{venue['name']}, {venue['address']}"}
    if len(fields) != len(want):
        problems.append(f"khal ({zone_name}) printed {events[0]!r}, not {len(want)} fields")
    else:
        for (what, expected), got in zip(want.items(), fields):
            if got != expected:
                problems.append(f"{what} ({zone_name}): khal printed {got!r}, expected {expected!r}")
    return problems, events[0]


CALCURSE_REPORT = re.compile(r"(\d+) apps? / (\d+) events? / (\d+) todos? / (\d+) skipped")


def check_calcurse(path, show, workdir, zone_name):
    """calcurse imports the file (report: 1 appointment, 0 skipped) and then
    shows the appointment at the store's local time in zone_name (calcurse
    stores local time of the TZ it runs in). Returns (problems, shown line)."""
    base = workdir / f"calcurse-{zone_name.replace('/', '-')}"
    datadir, confdir = base / "data", base / "config"
    datadir.mkdir(parents=True, exist_ok=True)
    confdir.mkdir(parents=True, exist_ok=True)
    env = tool_env(workdir, tz=zone_name)
    common = ["calcurse", "-C", confdir, "-D", datadir]
    proc = run(common + ["-i", path], env=env)
    report = CALCURSE_REPORT.search(text(proc.stdout) + text(proc.stderr))
    problems = []
    if proc.returncode != 0:
        problems.append(f"calcurse -i failed: {describe(proc)}")
    if not report:
        return problems + [f"calcurse printed no import report: {describe(proc)}"], None
    apps, events, todos, skipped = (int(n) for n in report.groups())
    if (apps, events, todos, skipped) != (1, 0, 0, 0):
        logs = [log.read_text(encoding="utf-8", errors="replace").split("+\n\n")[-1].strip()
                for log in sorted(workdir.glob("calcurse_log.*"))]
        problems.append(f"calcurse import report {report.group(0)!r}, expected "
                        f"'1 app / 0 events / 0 todos / 0 skipped'; its log: {logs!r}")
    start = datetime.fromisoformat(show["start"]).astimezone(ZoneInfo(zone_name))
    query = run(common + ["--input-datefmt", "4", "-Q", "--filter-type", "apt",
                          "--from", start.strftime("%Y-%m-%d"), "--days", "1",
                          "--format-apt", "%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%m\\n"],
                env=env)
    if query.returncode != 0:
        return problems + [f"calcurse -Q failed: {describe(query)}"], None
    lines = [line for line in text(query.stdout).splitlines() if "|" in line]
    end = datetime.fromisoformat(show["end"]).astimezone(ZoneInfo(zone_name))
    want = {"start": f"{start:%Y-%m-%d %H:%M}", "end": f"{end:%Y-%m-%d %H:%M}", "summary": show["title"]}
    apts = (datadir / "apts").read_text(encoding="utf-8", errors="replace").strip() \
        if (datadir / "apts").exists() else "(no apts file)"
    if len(lines) != 1:
        problems.append(f"calcurse ({zone_name}) shows {len(lines)} appointments on "
                        f"{start:%Y-%m-%d}, expected 1 at start {want['start']}: {lines!r}; apts: {apts!r}")
    else:
        for (what, expected), got in zip(want.items(), lines[0].split("|", 2)):
            if got != expected:
                problems.append(f"{what} ({zone_name}): calcurse shows {got!r}, expected {expected!r}; "
                                f"apts: {apts!r}")
    return problems, (lines[0] if lines else None)


# --------------------------------------------------------------------------
# Negative control

def shift_dtstart_hour(data):
    """A copy of the invitation whose DTSTART of the event without RECURRENCE-ID
    (the only event, or a series' own) is one hour later; the DTSTART lines of
    VTIMEZONE, without TZID, and those of overriding events stay as they are."""
    def bump(match):
        hour = (int(match.group(2)) + 1) % 24
        return match.group(1) + b"%02d" % hour
    blocks = re.split(rb"(?=BEGIN:VEVENT\r\n)", data)
    for index, block in enumerate(blocks):
        if block.startswith(b"BEGIN:VEVENT") and b"\r\nRECURRENCE-ID" not in block.split(b"END:VEVENT")[0]:
            mutated, count = re.subn(rb"(?m)^(DTSTART;[^\r\n]*?:\d{8}T)(\d\d)", bump, block, count=1)
            if count != 1:
                raise ValueError("the event without RECURRENCE-ID has no DTSTART with parameters to mutate")
            return b"".join(blocks[:index] + [mutated] + blocks[index + 1:])
    raise ValueError("no VEVENT without RECURRENCE-ID to mutate")


RAW_MUTATIONS = {
    "LF line endings": lambda d: d.replace(b"\r\n", b"\n"),
    "a bare LF in a value": lambda d: d.replace(b"\r\nSUMMARY:", b"\r\nSUMMARY:x\ny", 1),
    "a line of 80 octets": lambda d: d.replace(b"\r\nSUMMARY:", b"\r\nX-LONG:" + b"a" * 73 + b"\r\nSUMMARY:", 1),
    "a fold inside a UTF-8 character": lambda d: d.replace(
        b"\r\nSUMMARY:", b"\r\nX-SPLIT:" + b"a" * 66 + "\u00fc".encode()[:1] + b"\r\n "
        + "\u00fc".encode()[1:] + b"\r\nSUMMARY:", 1),
    "METHOD twice": lambda d: d.replace(b"\r\nBEGIN:VTIMEZONE", b"\r\nMETHOD:REQUEST\r\nBEGIN:VTIMEZONE", 1),
    "METHOD after the first component": lambda d: re.sub(
        rb"METHOD:REQUEST\r\n(.*)\r\nEND:VCALENDAR", rb"\1\r\nMETHOD:REQUEST\r\nEND:VCALENDAR", d, flags=re.S),
    "no VERSION": lambda d: d.replace(b"VERSION:2.0\r\n", b""),
    "no PRODID": lambda d: re.sub(rb"PRODID:[^\r\n]*\r\n", b"", d),
    "DTSTAMP without Z": lambda d: re.sub(rb"(DTSTAMP:\d{8}T\d{6})Z", rb"\1", d),
    "TZID with a Z time": lambda d: re.sub(rb"(DTSTART;TZID=[^:\r\n]+:\d{8}T\d{6})", rb"\1Z", d),
    "TZID without VTIMEZONE": lambda d: re.sub(rb"TZID:([^\r\n]+)", rb"TZID:Other/\1", d, count=1),
    "VTIMEZONE rule with UNTIL": lambda d: re.sub(
        rb"(RRULE:FREQ=YEARLY)", rb"\1;UNTIL=20371025T010000Z", d, count=1),
}


def _last_event(data, change):
    """The file with its last VEVENT (an overriding one, in a series) changed."""
    at = data.rindex(b"BEGIN:VEVENT\r\n")
    close = data.index(b"END:VEVENT\r\n", at) + len(b"END:VEVENT\r\n")
    return data[:at] + change(data[at:close]) + data[close:]


def _day_later(match):
    day = datetime.strptime(match.group(2).decode(), "%Y%m%d") + timedelta(days=1)
    return match.group(1) + day.strftime("%Y%m%d").encode()


# Violations that only a series can have: (what the file must contain for the
# mutation to apply, the mutation).
SERIES_RAW_MUTATIONS = {
    "RRULE UNTIL as local time beside a zoned DTSTART": (b";UNTIL=", lambda d: re.sub(
        rb"(\r\nRRULE:[^\r\n]*UNTIL=\d{8}T\d{6})Z", rb"\1", d)),
    "a floating EXDATE": (b"\r\nEXDATE;TZID=", lambda d: re.sub(rb"\r\nEXDATE;TZID=[^:\r\n]+:", b"\r\nEXDATE:", d)),
    "a floating RECURRENCE-ID": (b"\r\nRECURRENCE-ID;TZID=", lambda d: re.sub(
        rb"\r\nRECURRENCE-ID;TZID=[^:\r\n]+:", b"\r\nRECURRENCE-ID:", d, count=1)),
    "an overriding event of another UID": (b"\r\nRECURRENCE-ID", lambda d: _last_event(
        d, lambda event: event.replace(b"\r\nUID:", b"\r\nUID:other-", 1))),
    "an overriding event of another SEQUENCE": (b"\r\nRECURRENCE-ID", lambda d: _last_event(
        d, lambda event: re.sub(rb"\r\nSEQUENCE:(\d+)", rb"\r\nSEQUENCE:1\1", event))),
    "an overriding event without RECURRENCE-ID": (b"\r\nRECURRENCE-ID", lambda d: _last_event(
        d, lambda event: re.sub(rb"RECURRENCE-ID[;:][^\r\n]*\r\n", b"", event))),
    "two events overriding the same occurrence": (b"\r\nRECURRENCE-ID", lambda d: _last_event(
        d, lambda event: event + event)),
    "an overriding event with an RRULE": (b"\r\nRECURRENCE-ID", lambda d: _last_event(
        d, lambda event: event.replace(b"\r\nUID:", b"\r\nRRULE:FREQ=DAILY;COUNT=2\r\nUID:", 1))),
}


def series_mutations(last_rule_start_utc):
    """Copies of a series' invitation whose occurrences differ from the store's;
    the expansion of each reader must notice every one. `last_rule_start_utc` is
    the rule's start of the last occurrence, "20131210T130000Z"."""
    before = (datetime.strptime(last_rule_start_utc, "%Y%m%dT%H%M%SZ") - timedelta(seconds=1))
    return {
        "without its EXDATE": (b"\r\nEXDATE", lambda d: re.sub(rb"\r\nEXDATE[;:][^\r\n]*", b"", d)),
        "without its last overriding event": (b"\r\nRECURRENCE-ID", lambda d: _last_event(d, lambda event: b"")),
        "with a RECURRENCE-ID one day late": (b"\r\nRECURRENCE-ID", lambda d: re.sub(
            rb"(\r\nRECURRENCE-ID[^:\r\n]*:)(\d{8})", _day_later, d, count=1)),
        "with UNTIL a second before the last occurrence": (b";UNTIL=", lambda d: re.sub(
            rb";UNTIL=\d{8}T\d{6}Z", b";UNTIL=" + before.strftime("%Y%m%dT%H%M%SZ").encode(), d)),
    }


def negative_control(path, data, show, workdir, results, label, locations):
    """Each comparison that passes on the invitation must fail on a copy whose
    DTSTART is one hour later, and the raw checks and compare_reading must
    catch each planted rule violation: no check can pass vacuously. For a
    series (`locations` given), the same holds for each reader's expansion, on
    copies that change its occurrences."""
    series = locations is not None
    mutated_path = workdir / "mutated-dtstart.ics"
    try:
        mutated_path.write_bytes(shift_dtstart_hour(data))
    except ValueError as error:
        results.record(f"{label}: negative control", [str(error)])
        return

    def reader_check(reader):
        def check(ics):
            reading, problems = read_with(reader, ics)
            return problems if reading is None else compare_reading(reading, show)
        return check

    def expansion_check(reader):
        def check(ics):
            reading, problems = read_with(reader, ics)
            return problems if reading is None else compare_occurrences(reading, show, locations)
        return check

    checks = {
        "ical.js": reader_check("ical.js"),
        "python3-icalendar": reader_check("python3-icalendar"),
        "khal": lambda ics: check_khal(ics, show, workdir / f"control-{ics.stem}", BERLIN)[0],
    }
    if series:
        checks["ical.js expansion"] = expansion_check("ical.js")
        checks["python3-icalendar expansion"] = expansion_check("python3-icalendar")
    else:
        checks["calcurse"] = lambda ics: check_calcurse(ics, show, workdir / f"control-{ics.stem}", BERLIN)[0]
    problems = []
    for name, check in checks.items():
        if check(path):
            problems.append(f"{name}: cannot run, the unmutated invitation already fails this check")
        elif not any("start" in found for found in check(mutated_path)):
            problems.append(f"{name}: the check did not catch a DTSTART one hour late")
    results.record(f"{label}: negative control, DTSTART one hour late is caught by "
                   f"{', '.join(checks)}", problems)

    problems = []
    raw_mutations = dict(RAW_MUTATIONS)
    if series:
        raw_mutations.update({what: mutate for what, (needs, mutate) in SERIES_RAW_MUTATIONS.items()
                              if needs in data})
    if check_raw(data):
        problems.append("raw checks: cannot run, the unmutated invitation already fails them")
    else:
        for what, mutate in raw_mutations.items():
            if what == "VTIMEZONE rule with UNTIL" and b"\r\nRRULE:FREQ=YEARLY" not in data:
                continue  # a zone without DST has no RRULE to spoil
            mutated = mutate(data)
            if mutated == data:
                problems.append(f"mutation {what!r} did not change the file (its pattern is not in it)")
            elif not check_raw(mutated):
                problems.append(f"the raw checks did not catch {what}")
    reading, _ = read_with("ical.js", path)
    if reading is None or compare_reading(reading, show):
        problems.append("compare_reading: cannot run, ical.js does not read the unmutated invitation right")
    else:
        for what, change in COMPARISON_MUTATIONS.items():
            if what == "a changed description" and not show.get("description"):
                continue  # only a description the store has is compared
            copy = json.loads(json.dumps(reading))
            change(next(event for event in copy["events"] if not event.get("recurrence_id_utc")))
            if not compare_reading(copy, show):
                problems.append(f"compare_reading did not catch {what}")
    comparisons = len(COMPARISON_MUTATIONS)
    if series:
        if reading is None or compare_occurrences(reading, show, locations):
            problems.append("compare_occurrences: cannot run, ical.js does not expand the unmutated series right")
        else:
            for what, (applies, change) in OCCURRENCE_MUTATIONS.items():
                copy = json.loads(json.dumps(reading))
                if not applies(copy):
                    continue
                change(copy)
                if not compare_occurrences(copy, show, locations):
                    problems.append(f"compare_occurrences did not catch {what}")
            comparisons += len(OCCURRENCE_MUTATIONS)
    results.record(f"{label}: negative control, each planted violation is caught "
                   f"({len(raw_mutations)} raw, {comparisons} comparison)", problems)

    if series:
        series_negative_control(data, show, workdir, results, label, locations, reading)


def series_negative_control(data, show, workdir, results, label, locations, reading):
    """Each reader's expansion must notice a series that differs from the store's
    (no EXDATE, an overriding event lost or misplaced, UNTIL too early), and
    must keep the last occurrence when UNTIL is exactly its start: UNTIL is
    inclusive and is UTC, so a reader that compared it as local time would lose
    it (libical does, which is why the planner compares it itself)."""
    occurrences = (reading or {}).get("occurrences") or []
    if not occurrences:
        results.record(f"{label}: negative control of the series", ["ical.js expanded no occurrences"])
        return
    last = datetime.strptime(occurrences[-1]["recurrence_id_utc"], "%Y-%m-%dT%H:%M:%SZ")
    last_start = last.strftime("%Y%m%dT%H%M%SZ")
    problems = []
    if b";UNTIL=" in data:
        exactly = workdir / "until-at-last-occurrence.ics"
        exactly.write_bytes(re.sub(rb";UNTIL=\d{8}T\d{6}Z", b";UNTIL=" + last_start.encode(), data))
        for reader in ("ical.js", "python3-icalendar"):
            got, found = read_with(reader, exactly)
            found = found or compare_occurrences(got, show, locations)
            problems += [f"{reader}, UNTIL={last_start} (the last occurrence's start): {problem}"
                         for problem in found]
    mutations = series_mutations(last_start)
    for what, (needs, mutate) in mutations.items():
        if needs not in data:
            continue
        mutated = mutate(data)
        if mutated == data:
            problems.append(f"mutation {what!r} did not change the file")
            continue
        copy = workdir / f"series-{re.sub(r'[^a-z]+', '-', what)}.ics"
        copy.write_bytes(mutated)
        for reader in ("ical.js", "python3-icalendar"):
            got, found = read_with(reader, copy)
            if not (found or compare_occurrences(got, show, locations)):
                problems.append(f"{reader}: the expansion did not notice the series {what}")
    results.record(f"{label}: negative control of the series, the readers keep the occurrence at UNTIL and "
                   f"notice the series {', '.join(mutations)}", problems)


def _one_hour_later(utc_iso):
    moment = datetime.strptime(utc_iso, "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _other_role(attendee):
    attendee["role"] = "CHAIR" if attendee["role"] != "CHAIR" else "REQ-PARTICIPANT"


COMPARISON_MUTATIONS = {
    "a missing attendee": lambda e: e["attendees"].pop(),
    "a changed role": lambda e: _other_role(e["attendees"][0]),
    "an attendee CN changed": lambda e: e["attendees"][-1].update(cn=e["attendees"][-1]["cn"] + "x"),
    "an attendee's email changed": lambda e: e["attendees"][-1].update(email="someone.else@example.org"),
    "umlauts lost in the location": lambda e: e.update(
        location=e["location"].replace("ß", "ss").replace("ü", "ue").replace("ä", "ae") + "."),
    "another summary": lambda e: e.update(summary=e["summary"] + " "),
    "a changed description": lambda e: e.update(description="x" + (e["description"] or "")),
    "another organizer": lambda e: e["organizer"].update(email="someone@example.org"),
    "the end one hour late": lambda e: e.update(end_utc=_one_hour_later(e["end_utc"])),
    "another status": lambda e: e.update(status="CANCELLED"),
}


def _middle(reading):
    occurrences = reading["occurrences"]
    return occurrences[len(occurrences) // 2]


def _cancelled(reading):
    return [o for o in reading["occurrences"] if o["status"] == "CANCELLED"]


# Changes to a reader's expansion that compare_occurrences must catch: (does it
# apply to this reading, the change).
OCCURRENCE_MUTATIONS = {
    "an occurrence missing": (lambda r: r["occurrences"], lambda r: r["occurrences"].remove(_middle(r))),
    "an occurrence twice": (lambda r: r["occurrences"], lambda r: r["occurrences"].append(r["occurrences"][-1])),
    "an occurrence an hour late": (lambda r: r["occurrences"], lambda r: _middle(r).update(
        start_utc=_one_hour_later(_middle(r)["start_utc"]), end_utc=_one_hour_later(_middle(r)["end_utc"]))),
    "an occurrence ending an hour late": (lambda r: r["occurrences"], lambda r: _middle(r).update(
        end_utc=_one_hour_later(_middle(r)["end_utc"]))),
    "a cancelled occurrence read as confirmed": (_cancelled, lambda r: _cancelled(r)[0].update(status="CONFIRMED")),
    "an occurrence in another place": (lambda r: r["occurrences"], lambda r: _middle(r).update(
        location=_middle(r)["location"] + ", Nebenraum")),
    "two occurrences swapped": (lambda r: len(r["occurrences"]) > 1, lambda r: r["occurrences"].insert(
        0, r["occurrences"].pop(1))),
    "an overriding event that matches no occurrence": (lambda r: True, lambda r: r.update(
        unmatched_overrides=["2013-01-01T00:00:00Z"])),
}


# --------------------------------------------------------------------------
# Main

def meetings_of(example):
    try:
        import tomllib
    except ImportError:
        tomllib = None
    if tomllib is not None:
        with open(example, "rb") as handle:
            return [meeting["id"] for meeting in tomllib.load(handle).get("meeting", [])]
    ids, in_meeting = [], False
    for line in Path(example).read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("["):
            in_meeting = line.strip() == "[[meeting]]"
        elif in_meeting and (m := re.match(r'\s*id\s*=\s*"([^"]+)"', line)):
            ids.append(m.group(1))
            in_meeting = False
    return ids


def test_meeting(planner, example, meeting, results, keep):
    run_in_workdir(meeting, keep, results, lambda workdir: check_meeting(planner, example, meeting, results, workdir))


def check_meeting(planner, example, meeting, results, workdir):
    label = meeting
    store = workdir / "store.db"
    proc = run([planner, "--db", store, "import", example])
    if proc.returncode != 0:
        results.record(f"{label}: planner import", [describe(proc)])
        return
    proc = run([planner, "--db", store, "show", meeting, "--json"])
    try:
        show = json.loads(proc.stdout) if proc.returncode == 0 else None
    except json.JSONDecodeError as error:
        show = None
        proc_problem = f"show --json is not JSON: {error}"
    else:
        proc_problem = None
    if show is None:
        results.record(f"{label}: planner show --json", [proc_problem or describe(proc)])
        return
    ics = workdir / "invitation.ics"
    proc = run([planner, "--db", store, "invite", meeting, "-o", ics])
    if proc.returncode != 0 or not ics.is_file():
        results.record(f"{label}: planner invite -o", [describe(proc)])
        return
    data = ics.read_bytes()
    # A series: show --json lists its occurrences (a single meeting has none).
    series = show.get("occurrences") is not None
    print(f"---- {meeting}: {show['start']} - {show['end']} {show['timezone']}, "
          f"{len(show['invitees'])} invitees, {len(data)} bytes in {ics}"
          + (f"; a series of {len(show['occurrences'])} occurrences" if series else ""))

    results.record(f"{label}: raw bytes follow ICALENDAR.md", check_raw(data))

    # Participants who do not see each other: the calendar for everybody lists the
    # organisers alone, and each person's own copy the organisers and them.
    hidden = not show["participants_see_each_other"]
    everybodys = show
    if hidden:
        print("     participants do not see each other: the calendar for everybody lists the organisers alone")
        show = as_listed(show, set())
        check_own_copies(planner, store, meeting, everybodys, workdir, results, label)

    locations = venue_locations(example) if series else None
    for reader in ("ical.js", "python3-icalendar"):
        reading, problems = read_with(reader, ics)
        if reading is not None:
            event = next((e for e in reading.get("events") or [] if not e.get("recurrence_id_utc")), {})
            print(f"     {reader} read: {event.get('start_utc')} - {event.get('end_utc')} "
                  f"{event.get('summary')!r} at {event.get('location')!r}, "
                  f"{len(event.get('attendees') or [])} attendees")
            problems = compare_reading(reading, show)
        results.record(f"{label}: {reader} reads what the store has", problems)
        if series:
            if reading is not None:
                occurrences = reading.get("occurrences") or []
                cancelled = [o["start_utc"] for o in occurrences if o.get("status") == "CANCELLED"]
                print(f"     {reader} expanded: {len(occurrences)} occurrences, "
                      f"{occurrences[0]['start_utc'] if occurrences else None} to "
                      f"{occurrences[-1]['start_utc'] if occurrences else None}, cancelled {cancelled}")
                problems = compare_occurrences(reading, show, locations)
            results.record(f"{label}: {reader} expands the series to the store's "
                           f"{len(expected_occurrences(show, locations))} occurrences", problems)

    for zone_name in (BERLIN, "UTC"):
        problems, shown = check_khal(ics, show, workdir, zone_name)
        if shown:
            print(f"     khal ({zone_name}) printed: {shown}")
        results.record(f"{label}: khal printics shows the {zone_name} local time", problems)
    if series:
        # calcurse 4.7 has no RECURRENCE-ID: it imports each overriding event as an
        # appointment of its own beside the rule's, so it cannot show the series right.
        print("     calcurse: not run on a series (it does not apply RECURRENCE-ID)")
    else:
        for zone_name in (BERLIN, "UTC"):
            problems, shown = check_calcurse(ics, show, workdir, zone_name)
            if shown:
                print(f"     calcurse (TZ={zone_name}) shows: {shown}")
            results.record(f"{label}: calcurse imports it at the {zone_name} local time", problems)

    negative_control(ics, data, show, workdir, results, label, locations)


def check_own_copies(planner, store, meeting, show, workdir, results, label):
    """A meeting whose participants do not see each other: each person's own
    invitation (--per-attendee) is read by ical.js, python3-icalendar, khal and
    calcurse, and lists the organisers and that person alone."""
    folder = workdir / "own"
    proc = run([planner, "--db", store, "invite", meeting, "--per-attendee", folder])
    if proc.returncode != 0:
        results.record(f"{label}: planner invite --per-attendee", [describe(proc)])
        return
    organisers = {(person.get("email") or "").lower() for person in show["organisers"]}
    others = [person for person in show["invitees"]
              if person.get("email") and person["email"].lower() not in organisers]
    if not others:
        results.record(f"{label}: a hidden guest list has participants", ["none to read"])
        return
    for person in (others[0], others[-1]):
        email = person["email"].lower()
        own = folder / f"{person['id']}.ics"
        if not own.is_file():
            results.record(f"{label}: {person['id']} has a copy of their own", [f"{own} was not written"])
            continue
        data = own.read_bytes()
        strangers = [p["email"] for p in others if p["email"].lower() != email and p["email"].lower().encode() in data.lower()]
        results.record(f"{label}: {person['id']}'s own copy names no other participant",
                       [f"names {address}" for address in strangers])
        listed = as_listed(show, {email})
        for reader in ("ical.js", "python3-icalendar"):
            reading, problems = read_with(reader, own)
            if reading is not None:
                problems = compare_reading(reading, listed)
            results.record(f"{label}: {reader} reads {person['id']}'s own copy", problems)
        if not show.get("occurrences"):
            # khal and calcurse keep their state in the folder they are given: one of its own.
            tools = workdir / f"tools-{person['id']}"
            tools.mkdir()
            problems, shown = check_khal(own, show, tools, BERLIN)
            results.record(f"{label}: khal reads {person['id']}'s own copy", problems)
            problems, shown = check_calcurse(own, show, tools, BERLIN)
            results.record(f"{label}: calcurse reads {person['id']}'s own copy", problems)
        print(f"     {person['id']}'s own copy: {len(listed['invitees'])} attendees, read by the four readers")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--planner", required=True, help="the planner binary")
    parser.add_argument("--examples", required=True, help="the examples directory")
    parser.add_argument("--example", action="append",
                        help="a meeting file in --examples (default immenstaad-2012.toml); repeatable")
    parser.add_argument("--fixture", action="append",
                        help=f"another meeting file (default {HERE / 'tricky.toml'} and "
                             f"{HERE / 'series.toml'}); repeatable")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directories")
    args = parser.parse_args()

    began = time.monotonic()
    results = Results()
    missing = missing_tools()
    planner = Path(args.planner)
    if not (planner.is_file() and os.access(planner, os.X_OK)):
        missing.append(f"the planner binary {planner} does not exist (build the planner target)")
    files = [Path(args.examples) / name for name in (args.example or ["immenstaad-2012.toml"])]
    files += [Path(name) for name in (args.fixture or [HERE / "tricky.toml", HERE / "series.toml"])]
    for path in files:
        if not path.is_file():
            missing.append(f"the meeting file {path} does not exist")
    if missing:
        results.record("interop tools are installed", missing + [INSTALL_HINT])
    else:
        results.record("interop tools are installed", [])
        for path in files:
            meetings = meetings_of(path)
            if not meetings:
                results.record(f"{path.name} defines meetings", ["no [[meeting]] found"])
            for meeting in meetings:
                test_meeting(planner, path, meeting, results, args.keep)

    return results.summary("interop", began)


if __name__ == "__main__":
    sys.exit(main())
