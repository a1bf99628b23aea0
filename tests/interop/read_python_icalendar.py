#!/usr/bin/python3
"""Reads an iCalendar file with Debian's python3-icalendar and prints what it
understood as JSON, in the same shape as read_icaljs.mjs:

    /usr/bin/python3 read_python_icalendar.py FILE

Run it with /usr/bin/python3 (the system Python that python3-icalendar is
installed for), not a pyenv or virtualenv python3.

Exits non-zero with a message on stderr when the file does not parse, when any
component collected parse errors in its `.errors`, or when a property names a
TZID that no VTIMEZONE in the file defines.

python3-icalendar 4.0 resolves a TZID that is a known IANA name with pytz and
ignores the file's VTIMEZONE for it, so each event carries two UTC readings:
start_utc/end_utc as icalendar itself gives them (`.dt`), and
start_utc_vtimezone/end_utc_vtimezone computed from the file's own VTIMEZONE
(converted with `Timezone.to_tz()`), so that the VTIMEZONE rules get read by a
second parser too.
"""
import json
import sys
from datetime import datetime, timezone

try:
    from icalendar import Calendar
except ImportError as error:  # pragma: no cover - reported to the caller
    sys.exit(
        f"read_python_icalendar: cannot import icalendar ({error}) with {sys.executable}; "
        "install Debian's python3-icalendar (apt-get install python3-icalendar) "
        "and run this with /usr/bin/python3"
    )


def fail(message):
    sys.stderr.write(f"read_python_icalendar: {message}\n")
    sys.exit(1)


def strip_mailto(value):
    text = str(value)
    return text[len("mailto:"):] if text.lower().startswith("mailto:") else text


def utc_iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def param(prop, name):
    value = prop.params.get(name)
    return None if value is None else str(value)


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def main():
    if len(sys.argv) != 2:
        fail("usage: /usr/bin/python3 read_python_icalendar.py FILE")
    path = sys.argv[1]
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        calendar = Calendar.from_ical(data)
    except Exception as error:  # icalendar raises ValueError and friends
        fail(f"icalendar cannot parse {path}: {type(error).__name__}: {error}")

    errors = []
    for component in calendar.walk():
        for prop_name, message in getattr(component, "errors", []) or []:
            errors.append(f"{component.name}: {prop_name}: {message}")
    if errors:
        fail("components have parse errors: " + "; ".join(errors))

    # The file's own VTIMEZONEs, as tzinfo objects.
    zones = {}
    for vtimezone in calendar.walk("VTIMEZONE"):
        tzid = str(vtimezone.get("TZID", ""))
        if not tzid:
            fail("a VTIMEZONE has no TZID")
        try:
            zones[tzid] = vtimezone.to_tz()
        except Exception as error:
            fail(f"VTIMEZONE {tzid} cannot be converted: {type(error).__name__}: {error}")

    def utc_pair(event, name):
        prop = event.get(name)
        if prop is None:
            return None, None
        moment = prop.dt
        if not isinstance(moment, datetime):
            fail(f"{name} is a DATE, not a DATE-TIME")
        tzid = prop.params.get("TZID")
        if tzid is not None:
            if tzid not in zones:
                fail(f"{name} uses TZID={tzid} but the file has no VTIMEZONE for it")
            own = zones[tzid].localize(moment.replace(tzinfo=None))
        else:
            own = moment
        if moment.tzinfo is None:
            fail(f"{name} {moment.isoformat()} is floating (no zone)")
        return utc_iso(moment), utc_iso(own)

    events = []
    for event in calendar.walk("VEVENT"):
        for prop_name, values in event.items():
            for value in as_list(values):
                params = getattr(value, "params", {})
                if "TZID" in params and params["TZID"] not in zones:
                    fail(f"{prop_name} uses TZID={params['TZID']} but the file has no VTIMEZONE for it")
        start_utc, start_own = utc_pair(event, "DTSTART")
        end_utc, end_own = utc_pair(event, "DTEND")
        organizer = event.get("ORGANIZER")
        geo = event.get("GEO")
        sequence = event.get("SEQUENCE")
        status = event.get("STATUS")
        events.append({
            "uid": str(event["UID"]) if "UID" in event else None,
            "summary": str(event["SUMMARY"]) if "SUMMARY" in event else None,
            "location": str(event["LOCATION"]) if "LOCATION" in event else None,
            "description": str(event["DESCRIPTION"]) if "DESCRIPTION" in event else None,
            "start_utc": start_utc,
            "end_utc": end_utc,
            "start_utc_vtimezone": start_own,
            "end_utc_vtimezone": end_own,
            "organizer": None if organizer is None else {
                "email": strip_mailto(organizer),
                "cn": param(organizer, "CN"),
            },
            "attendees": [
                {
                    "email": strip_mailto(attendee),
                    "cn": param(attendee, "CN"),
                    "role": param(attendee, "ROLE"),
                    "partstat": param(attendee, "PARTSTAT"),
                    "rsvp": param(attendee, "RSVP"),
                    "cutype": param(attendee, "CUTYPE"),
                }
                for attendee in as_list(event.get("ATTENDEE"))
            ],
            "status": None if status is None else str(status),
            "sequence": None if sequence is None else int(sequence),
            "geo": None if geo is None else [float(geo.latitude), float(geo.longitude)],
        })

    method = calendar.get("METHOD")
    json.dump({"method": None if method is None else str(method), "events": events},
              sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
