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

python3-icalendar 4.0 does not expand recurrence rules. For a series (the one
event with RRULE) the reader does it the way a client must: python3-dateutil's
rrulestr on the naive local DTSTART (so occurrences keep their wall-clock time),
with a UTC UNTIL turned into local time of the series' zone first (dateutil
refuses an aware UNTIL beside a naive DTSTART, and comparing it as local time
would be off by the offset); then EXDATE removes occurrences and each event with
a RECURRENCE-ID replaces the one it names; last, each local time is localised
with zoneinfo (start_utc) and with the file's VTIMEZONE (start_utc_vtimezone).
At most 1000 occurrences, none in or after 2200, as in the planner. Overriding
events that name no occurrence are listed in `unmatched_overrides`.
"""
import json
import sys
from datetime import date, datetime, time, timezone

try:
    from icalendar import Calendar
    from dateutil.rrule import rrulestr
    from zoneinfo import ZoneInfo
except ImportError as error:  # pragma: no cover - reported to the caller
    sys.exit(
        f"read_python_icalendar: cannot import icalendar, dateutil or zoneinfo ({error}) with "
        f"{sys.executable}; install Debian's python3-icalendar and python3-dateutil "
        "(apt-get install python3-icalendar python3-dateutil) and run this with /usr/bin/python3"
    )

# The same limits as the planner's (planner::max_occurrences, the year 2199).
MAX_OCCURRENCES = 1000
FIRST_YEAR_NOT_EXPANDED = 2200


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
            "recurrence_id_utc": utc_pair(event, "RECURRENCE-ID")[0],
        })

    occurrences, unmatched = expand_series(calendar, zones, utc_pair)
    method = calendar.get("METHOD")
    json.dump({"method": None if method is None else str(method), "events": events,
               "occurrences": occurrences, "unmatched_overrides": unmatched},
              sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def expand_series(calendar, zones, utc_pair):
    """(occurrences, unmatched overriding events) of the file's series, or
    (None, []) when no event has an RRULE."""
    vevents = list(calendar.walk("VEVENT"))
    masters = [event for event in vevents if "RRULE" in event]
    if not masters:
        return None, []
    if len(masters) > 1:
        fail(f"{len(masters)} events have an RRULE, expected one series")
    master = masters[0]
    start_prop = master["DTSTART"]
    tzid = start_prop.params.get("TZID")
    if tzid is None:
        fail("the series' DTSTART has no TZID")
    try:
        zone = ZoneInfo(str(tzid))
    except Exception as error:
        fail(f"TZID {tzid} is not a zone zoneinfo knows: {error}")
    first = wall_clock(start_prop, start_prop.dt, str(tzid), zone, "DTSTART")

    rules = as_list(master.get("RRULE"))
    if len(rules) != 1:
        fail(f"the series has {len(rules)} RRULEs, expected one")
    rule_text = rule_in_local_time(rules[0], zone)
    try:
        rule = rrulestr(rule_text, dtstart=first)
    except Exception as error:
        fail(f"dateutil cannot read the RRULE {rule_text!r}: {type(error).__name__}: {error}")

    excluded = set()
    for prop in as_list(master.get("EXDATE")):
        for value in prop.dts:
            excluded.add(wall_clock(prop, value.dt, str(tzid), zone, "EXDATE"))
    overrides = {}
    for event in vevents:
        if "RECURRENCE-ID" not in event:
            continue
        prop = event["RECURRENCE-ID"]
        key = wall_clock(prop, prop.dt, str(tzid), zone, "RECURRENCE-ID")
        if key in overrides:
            fail(f"two events override the occurrence {key.isoformat()}")
        overrides[key] = event

    def in_zone(local):
        return local.replace(tzinfo=zone)

    def by_vtimezone(local):
        return zones[str(tzid)].localize(local) if str(tzid) in zones else None

    master_start = in_zone(first)
    length = in_zone(wall_clock(master["DTEND"], master["DTEND"].dt, str(tzid), zone, "DTEND")) - master_start
    occurrences, matched = [], set()
    for local in rule:
        if local.year >= FIRST_YEAR_NOT_EXPANDED or len(occurrences) >= MAX_OCCURRENCES:
            break
        if local in excluded:
            continue
        item = overrides.get(local, master)
        if item is master:
            start, own_start = in_zone(local), by_vtimezone(local)
            times = (utc_iso(start), utc_iso(start + length),
                     own_start and utc_iso(own_start), own_start and utc_iso(own_start + length))
        else:
            matched.add(local)
            (start_utc, own_start_utc), (end_utc, own_end_utc) = utc_pair(item, "DTSTART"), utc_pair(item, "DTEND")
            times = (start_utc, end_utc, own_start_utc, own_end_utc)
        occurrences.append({
            "recurrence_id_utc": utc_iso(in_zone(local)),
            "start_utc": times[0],
            "end_utc": times[1],
            "start_utc_vtimezone": times[2],
            "end_utc_vtimezone": times[3],
            "status": str(item["STATUS"]) if "STATUS" in item else None,
            "location": str(item["LOCATION"]) if "LOCATION" in item else None,
        })
    unmatched = sorted(utc_iso(in_zone(local)) for local in set(overrides) - matched)
    return occurrences, unmatched


def wall_clock(prop, moment, tzid, zone, name):
    """The naive local time, in the series' zone, of a DTSTART, EXDATE or
    RECURRENCE-ID value: as written when it has the series' TZID, converted when
    it is UTC or in another zone."""
    if not isinstance(moment, datetime):
        fail(f"{name} is a DATE, not a DATE-TIME")
    if moment.tzinfo is None:
        fail(f"{name} {moment.isoformat()} is floating (no zone)")
    if prop.params.get("TZID") == tzid:
        return moment.replace(tzinfo=None)
    return moment.astimezone(zone).replace(tzinfo=None)


def rule_in_local_time(rule, zone):
    """The RRULE text with UNTIL as a naive local time of the zone (a date UNTIL
    includes that whole day); dateutil compares it with the naive occurrences."""
    parts = [part for part in rule.to_ical().decode().split(";") if not part.upper().startswith("UNTIL=")]
    untils = rule.get("UNTIL") or []
    if len(untils) > 1:
        fail(f"the RRULE has {len(untils)} UNTIL values")
    for until in untils:
        if isinstance(until, datetime):
            if until.tzinfo is None:
                fail(f"the RRULE's UNTIL {until.isoformat()} is floating; beside a DTSTART with TZID it must "
                     "be UTC (RFC 5545 3.3.10)")
            local = until.astimezone(zone).replace(tzinfo=None)
        elif isinstance(until, date):
            local = datetime.combine(until, time(23, 59, 59))
        else:
            fail(f"the RRULE's UNTIL {until!r} is neither a date nor a date-time")
        parts.append(f"UNTIL={local:%Y%m%dT%H%M%S}")
    return ";".join(parts)


if __name__ == "__main__":
    main()
