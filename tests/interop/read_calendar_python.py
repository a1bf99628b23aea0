#!/usr/bin/python3
"""Reads another person's calendar, a holiday calendar or an answer to an
invitation with Debian's python3-icalendar and prints, as JSON, what RFC 5545
says the planner must take from it, for readers_test.py:

    /usr/bin/python3 read_calendar_python.py busy FILE --from YYYY-MM-DD --to YYYY-MM-DD [--timezone ZONE]
    /usr/bin/python3 read_calendar_python.py holidays FILE --from YYYY-MM-DD --to YYYY-MM-DD
    /usr/bin/python3 read_calendar_python.py replies FILE          (an .ics, or an .eml that carries one)

Run it with /usr/bin/python3, for which python3-icalendar (4.0.3) and
python3-dateutil are installed. read_calendar_icaljs.mjs prints the same shape
from ical.js.

python3-icalendar parses (`Calendar.from_ical(..., multiple=True)`, so that a
stream of several VCALENDARs is read whole); what a reader must decide itself,
this script does the RFC's way, with the same rules as the ical.js reader:

  * zone of floating times and all-day dates: --timezone, else the calendar's
    X-WR-TIMEZONE (with or without VALUE=TEXT), else Europe/Berlin;
  * a TZID python3-icalendar leaves unresolved (it returns a naive time):
    with a leading "/" (a globally unique id, RFC 5545 3.2.19) the IANA zone
    after the slash, else an IANA name; anything else leaves the event out;
  * series: python3-icalendar 4.0 does not expand rules, so python3-dateutil's
    rrulestr does, on the naive wall-clock time of DTSTART's zone (UNTIL in UTC
    turned into that zone first); RDATE adds occurrences (VALUE=PERIOD with its
    own end), EXDATE removes them, an event with RECURRENCE-ID replaces the one
    it names and, with RANGE=THISANDFUTURE, moves every later one by the same
    amount and gives them its length and summary (RFC 5545 3.8.4.4) unless a
    later event of its own replaces them. Occurrences of an all-day series are
    matched by date, whatever the EXDATE or RECURRENCE-ID value looks like;
    those of a timed series by the instant;
  * an event leaves the reading ("left_out", with the reason) when
    python3-icalendar recorded a parse error for it (`.errors`, e.g. RDATE
    20131210Z: a date cannot carry Z), when its RRULE has no FREQ (RFC 5545
    3.3.10), or when its times cannot be read; the rest of the file is read;
  * busy: opaque, not cancelled, not X-MICROSOFT-CDO-BUSYSTATUS:FREE, taking
    time; each other event or overriding event is listed in "not_busy" once;
  * window: an occurrence belongs to it when its local days (in the zone
    above) meet [--from, --to]; the others are counted in "outside_window"
    (first and last by local start date); a series without COUNT or UNTIL is
    followed only to the window's end and counted once in "endless".

For replies, each VEVENT of a METHOD:REPLY calendar is one answer: UID, the
answering ATTENDEE (the one without DELEGATED-FROM), PARTSTAT, SEQUENCE
(default 0), RECURRENCE-ID (as UTC, or as written with its zone name), COMMENT
and DELEGATED-TO. Google writes `COMMENT;X-COMMENTER=mailto:ADDRESS:TEXT` with
the address unquoted, which any parser reads as X-COMMENTER=mailto and the
value "ADDRESS:TEXT"; "comment_raw" is that value, "comment" the text after
"ADDRESS:". From an .eml, Python's email package finds the calendar: the first
text/calendar part, else the first application/ics or .ics attachment,
descending into attached messages (message/rfc822).

Exits 1 with a message on stderr when the file cannot be read at all.
"""
import argparse
import email
import email.policy
import json
import re
import sys
from datetime import date, datetime, time, timedelta, timezone

try:
    from dateutil.rrule import rrulestr
    from icalendar import Calendar
    from zoneinfo import ZoneInfo
except ImportError as error:  # pragma: no cover - reported to the caller
    sys.exit(f"read_calendar_python: cannot import icalendar, dateutil or zoneinfo ({error}) with "
             f"{sys.executable}; apt-get install python3-icalendar python3-dateutil, run with /usr/bin/python3")

DEFAULT_ZONE = "Europe/Berlin"
MAX_OCCURRENCES = 1000
UTC = timezone.utc


class Unreadable(Exception):
    """An event whose times cannot be read: it is left out."""


def fail(message):
    sys.stderr.write(f"read_calendar_python: {message}\n")
    sys.exit(1)


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def iso_utc(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def address(value):
    text = str(value)
    return (text[len("mailto:"):] if text.lower().startswith("mailto:") else text).lower()


def read_calendars(data, path):
    try:
        return Calendar.from_ical(data, multiple=True)
    except Exception as error:  # icalendar raises ValueError and friends
        fail(f"python3-icalendar cannot parse {path}: {type(error).__name__}: {error}")


# ----------------------------------------------------------------- zones

def zone_named(name):
    try:
        return ZoneInfo(name)
    except Exception:
        return None


def localize(naive, tz):
    """The aware moment of a wall-clock time in tz (pytz-style zones need localize)."""
    if hasattr(tz, "localize"):
        return tz.localize(naive)
    return naive.replace(tzinfo=tz)


class Zone:
    """The zone of floating times and all-day dates, and how it was chosen."""

    def __init__(self, calendars, given):
        self.name, self.chosen_by = DEFAULT_ZONE, "default"
        if given:
            self.name, self.chosen_by = given, "--timezone"
        else:
            for calendar in calendars:
                named = calendar.get("X-WR-TIMEZONE")
                if named is not None and zone_named(str(named)) is not None:
                    self.name, self.chosen_by = str(named), "X-WR-TIMEZONE"
                    break
        self.tz = zone_named(self.name)
        if self.tz is None:
            fail(f"no zone data for {self.name}")

    def json(self):
        return {"name": self.name, "chosen_by": self.chosen_by}


def wall_clock(prop, moment, zone):
    """(naive local time, tzinfo) of a DATE-TIME value as written."""
    if moment.tzinfo is not None:
        return moment.replace(tzinfo=None), moment.tzinfo
    tzid = prop.params.get("TZID") if prop is not None else None
    if tzid is None:
        return moment, zone.tz  # floating: the calendar's zone
    tzid = str(tzid)
    for prefix in ("/freeassociation.sourceforge.net/Tzfile/", "/freeassociation.sourceforge.net/", "/"):
        if tzid.startswith(prefix):
            tzid = tzid[len(prefix):]
            break
    tz = zone_named(tzid)
    if tz is None:
        raise Unreadable(f"TZID={prop.params.get('TZID')} names no zone the file or the tz database defines")
    return moment, tz


def is_all_day(value):
    return isinstance(value, date) and not isinstance(value, datetime)


# --------------------------------------------------------------- events

class Occurrence:
    def __init__(self, start, end, item, key):
        self.start, self.end, self.item, self.key = start, end, item, key


def summary_of(event):
    return str(event.get("SUMMARY", ""))


def busy_reason(event):
    """Why an event (or overriding event) is not busy time, or None."""
    transp = str(event.get("TRANSP", "OPAQUE")).upper()
    if transp in ("TRANSPARENT", "TRANSPARENT-NOCONFLICT"):
        return "transparent"
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return "cancelled"
    if str(event.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() == "FREE":
        return "X-MICROSOFT-CDO-BUSYSTATUS:FREE"
    return None


class EventTimes:
    """DTSTART, length and the all-day flag of one VEVENT, in UTC and in local days."""

    def __init__(self, event, zone):
        self.event, self.zone = event, zone
        if "DTSTART" not in event:
            raise Unreadable("no DTSTART")
        start_prop = event["DTSTART"]
        self.all_day = is_all_day(start_prop.dt)
        if self.all_day:
            self.local_start, self.tz = datetime.combine(start_prop.dt, time()), zone.tz
        else:
            self.local_start, self.tz = wall_clock(start_prop, start_prop.dt, zone)
        self.days, self.exact = self.length()

    def length(self):
        """(whole days, exact timedelta) of the event: DTEND, DURATION or the default."""
        event = self.event
        if "DTEND" in event:
            end = event["DTEND"].dt
            if self.all_day:
                if not is_all_day(end):
                    raise Unreadable("DTSTART is a date, DTEND a date-time")
                return (end - self.local_start.date()).days, timedelta(0)
            local_end, tz = wall_clock(event["DTEND"], end, self.zone)
            return 0, localize(local_end, tz).astimezone(UTC) - localize(self.local_start, self.tz).astimezone(UTC)
        if "DURATION" in event:
            duration = event["DURATION"].dt
            return duration.days, timedelta(seconds=duration.seconds)
        return (1, timedelta(0)) if self.all_day else (0, timedelta(0))

    def span(self, local_start, days=None, exact=None):
        """(start UTC, end UTC) of an occurrence starting at local_start."""
        days = self.days if days is None else days
        exact = self.exact if exact is None else exact
        start = localize(local_start, self.tz).astimezone(UTC)
        if days:
            end = localize(local_start + timedelta(days=days), self.tz).astimezone(UTC) + exact
        else:
            end = start + exact
        return start, end


def event_span(event, zone):
    times = EventTimes(event, zone)
    return times.span(times.local_start)


class Reading:
    """What one file comes to: busy periods or days, not busy, left out, outside the window."""

    def __init__(self, zone, first, last):
        self.zone, self.first, self.last = zone, first, last
        self.occurrences = []  # (start, end, summary, busy reason or None)
        self.not_busy, self.left_out, self.unmatched = [], [], []
        self.outside = {"occurrences": 0, "first": None, "last": None, "endless": 0}

    def local_days(self, start, end):
        first = start.astimezone(self.zone.tz).date()
        last = (end - timedelta(microseconds=1)).astimezone(self.zone.tz).date() if end > start else first
        return first, last

    def in_window(self, start, end):
        first, last = self.local_days(start, end)
        return first <= self.last and last >= self.first

    def count_outside(self, start):
        day = start.astimezone(self.zone.tz).date().isoformat()
        self.outside["occurrences"] += 1
        self.outside["first"] = min(filter(None, [self.outside["first"], day]))
        self.outside["last"] = max(filter(None, [self.outside["last"], day]))

    def add(self, start, end, item):
        if not self.in_window(start, end):
            self.count_outside(start)
            return
        self.occurrences.append((start, end, summary_of(item), busy_reason(item)))


def rule_text(rule, times):
    """The RRULE as dateutil reads it beside a naive DTSTART: UNTIL as naive local time."""
    if not rule.get("FREQ"):
        raise Unreadable("RRULE has no FREQ (RFC 5545 3.3.10)")
    parts = [part for part in rule.to_ical().decode().split(";") if not part.upper().startswith("UNTIL=")]
    for until in rule.get("UNTIL") or []:
        if isinstance(until, datetime):
            local = until.astimezone(times.tz).replace(tzinfo=None) if until.tzinfo else until
        else:
            local = datetime.combine(until, time(23, 59, 59))
        parts.append(f"UNTIL={local:%Y%m%dT%H%M%S}")
    return ";".join(parts)


def key_of(prop, value, times):
    """What an EXDATE, RDATE or RECURRENCE-ID value names: a date for an all-day
    series, else the naive wall-clock time in DTSTART's zone."""
    if times.all_day:
        return value.date() if isinstance(value, datetime) else value
    if is_all_day(value):
        return value  # a date names the occurrences of that day
    local, tz = wall_clock(prop, value, times.zone)
    return localize(local, tz).astimezone(times.tz).replace(tzinfo=None)


def occurrence_key(local_start, times):
    return local_start.date() if times.all_day else local_start


def matches(key, local_start, times):
    if isinstance(key, date) and not isinstance(key, datetime):
        return local_start.date() == key
    return local_start == key


def expand(master, overrides, times, reading):
    """Every occurrence of a series, overrides applied, in or outside the window."""
    starts = {}  # local start -> (days, exact) of an RDATE period, or None
    endless = False
    for rule in as_list(master.get("RRULE")):
        text = rule_text(rule, times)
        endless = endless or not (rule.get("COUNT") or rule.get("UNTIL"))
        try:
            walk = rrulestr(text, dtstart=times.local_start)
        except Exception as error:
            raise Unreadable(f"dateutil cannot read RRULE {text!r}: {error}")
        window_end = datetime.combine(reading.last + timedelta(days=1), time())
        for index, local in enumerate(walk):
            if index >= MAX_OCCURRENCES or (endless and local >= window_end):
                break
            starts.setdefault(local, None)
    starts.setdefault(times.local_start, None)
    for prop in as_list(master.get("RDATE")):
        for value in prop.dts:
            moment = value.dt
            if isinstance(moment, tuple):  # VALUE=PERIOD: (start, end or duration)
                begin, other = moment
                local = key_of(prop, begin, times)
                end = other if isinstance(other, timedelta) else other - begin
                starts[local] = (0, end)
            else:
                local = key_of(prop, moment, times)
                local = datetime.combine(local, time()) if is_all_day(local) else local
                starts.setdefault(local, None)
    excluded = [key_of(prop, value.dt, times) for prop in as_list(master.get("EXDATE")) for value in prop.dts]
    by_id = []
    for event in overrides:
        prop = event["RECURRENCE-ID"]
        by_id.append((key_of(prop, prop.dt, times), str(prop.params.get("RANGE", "")).upper(), event))
    ranges = sorted(((key, event) for key, range_, event in by_id if range_ == "THISANDFUTURE"),
                    key=lambda pair: (pair[0] if isinstance(pair[0], datetime) else datetime.combine(pair[0], time())))
    matched = set()
    for local in sorted(starts):
        if any(matches(key, local, times) for key in excluded):
            continue
        own = next((i for i, (key, _, _) in enumerate(by_id) if matches(key, local, times)), None)
        if own is not None:
            matched.add(own)
            start, end = event_span(by_id[own][2], times.zone)
            reading.add(start, end, by_id[own][2])
            continue
        earlier = [(key, event) for key, event in ranges
                   if (datetime.combine(key, time()) if not isinstance(key, datetime) else key) <= local]
        if earlier:
            key, event = earlier[-1]
            moved_start, moved_end = event_span(event, times.zone)
            original = localize(key if isinstance(key, datetime) else datetime.combine(key, time()), times.tz)
            shift = moved_start - original.astimezone(UTC)
            start = localize(local, times.tz).astimezone(UTC) + shift
            reading.add(start, start + (moved_end - moved_start), event)
            continue
        period = starts[local]
        start, end = times.span(local, *(period or (None, None)))
        reading.add(start, end, master)
    for index, (key, _, event) in enumerate(by_id):
        if index not in matched and not any(matches(key, local, times) for local in starts):
            reading.unmatched.append(summary_of(event))
    if endless:
        reading.outside["endless"] += 1


def read_events(calendars, zone, first, last):
    reading = Reading(zone, first, last)
    for calendar in calendars:
        events = list(calendar.walk("VEVENT"))
        masters = [e for e in events if "RECURRENCE-ID" not in e]
        uids = {str(e.get("UID")) for e in masters}
        for master in masters:
            overrides = [e for e in events if "RECURRENCE-ID" in e and str(e.get("UID")) == str(master.get("UID"))]
            read_event(master, overrides, zone, reading)
        for orphan in (e for e in events if "RECURRENCE-ID" in e and str(e.get("UID")) not in uids):
            read_event(orphan, [], zone, reading)
    return reading


def read_event(master, overrides, zone, reading):
    errors = [f"{name}: {message}" for name, message in getattr(master, "errors", []) or []]
    if errors:
        reading.left_out.append({"summary": summary_of(master), "reason": "; ".join(errors)})
        return
    before = len(reading.occurrences), reading.outside.copy(), len(reading.unmatched)
    try:
        times = EventTimes(master, zone)
        if "RRULE" in master or "RDATE" in master:
            expand(master, overrides, times, reading)
        else:
            start, end = times.span(times.local_start)
            reading.add(start, end, master)
    except Unreadable as error:
        del reading.occurrences[before[0]:]
        del reading.unmatched[before[2]:]
        reading.outside = before[1]
        reading.left_out.append({"summary": summary_of(master), "reason": str(error)})


def busy_json(reading):
    busy, not_busy = [], []
    for start, end, summary, reason in reading.occurrences:
        if reason is None and end > start:
            busy.append([iso_utc(start), iso_utc(end), summary])
        else:
            not_busy.append(summary)
    return {
        "zone": reading.zone.json(),
        "busy": sorted(busy),
        "not_busy": sorted(set(not_busy)),
        "left_out": reading.left_out,
        "outside_window": reading.outside,
        "unmatched_overrides": reading.unmatched,
    }


def holidays_json(reading):
    days = set()
    for start, end, summary, reason in reading.occurrences:
        if reason == "cancelled":
            continue
        first, last = reading.local_days(start, end)
        day = max(first, reading.first)
        while day <= min(last, reading.last):
            days.add((day.isoformat(), summary))
            day += timedelta(days=1)
    return {
        "zone": reading.zone.json(),
        "days": [list(day) for day in sorted(days)],
        "left_out": reading.left_out,
        "outside_window": reading.outside,
        "unmatched_overrides": reading.unmatched,
    }


# --------------------------------------------------------------- replies

def calendar_of_mail(data, path):
    """The bytes of the calendar an .eml carries (see the module's doc)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    parts = list(message.walk())  # walk() descends into message/rfc822 too
    chosen = next((p for p in parts if p.get_content_type() == "text/calendar"), None)
    if chosen is None:
        chosen = next((p for p in parts if p.get_content_type() == "application/ics"
                       or (p.get_filename() or "").lower().endswith(".ics")), None)
    if chosen is None:
        fail(f"{path} carries no text/calendar part and no .ics attachment")
    return chosen.get_payload(decode=True), [p.get_content_type() for p in parts]


def replies_json(data, path):
    parts = None
    if path.lower().endswith(".eml"):
        data, parts = calendar_of_mail(data, path)
    answers = []
    calendars = read_calendars(data, path)
    methods = [str(c.get("METHOD", "")).upper() for c in calendars]
    for calendar in calendars:
        if str(calendar.get("METHOD", "")).upper() != "REPLY":
            continue
        for event in calendar.walk("VEVENT"):
            answers.append(answer_of(event))
    return {"methods": methods, "mime_parts": parts, "answers": answers,
            "calendar": data.decode("utf-8", errors="replace") if parts is not None else None}


def answer_of(event):
    attendees = as_list(event.get("ATTENDEE"))
    answering = [a for a in attendees if "DELEGATED-FROM" not in a.params]
    errors = [f"{name}: {message}" for name, message in getattr(event, "errors", []) or []]
    if len(answering) != 1:
        errors.append(f"{len(answering)} answering ATTENDEEs, expected one")
    attendee = answering[0] if answering else None
    comment_prop = event.get("COMMENT")
    raw = None if comment_prop is None else str(as_list(comment_prop)[0])
    comment = raw
    if comment_prop is not None:
        first = as_list(comment_prop)[0]
        commenter = first.params.get("X-COMMENTER")
        if commenter is not None and str(commenter).lower() == "mailto":
            comment = re.sub(r"^[^:\s]+@[^:\s]+:", "", raw)
    recurrence = None
    if "RECURRENCE-ID" in event:
        prop = event["RECURRENCE-ID"]
        value = prop.dt
        if is_all_day(value):
            recurrence = {"date": value.isoformat()}
        elif value.tzinfo is not None and value.utcoffset() == timedelta(0) and "TZID" not in prop.params:
            recurrence = {"utc": iso_utc(value)}
        else:
            local = value.replace(tzinfo=None)
            recurrence = {"local": local.isoformat(), "tzid": str(prop.params.get("TZID", "")),
                          "utc": iso_utc(value) if value.tzinfo else None}
    delegated_to = None if attendee is None else attendee.params.get("DELEGATED-TO")
    return {
        "uid": str(event.get("UID", "")),
        "attendee": None if attendee is None else address(attendee),
        "partstat": None if attendee is None else str(attendee.params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
        "sequence": int(event.get("SEQUENCE", 0)),
        "recurrence_id": recurrence,
        "comment": comment,
        "comment_raw": raw,
        "delegated_to": None if delegated_to is None else address(delegated_to),
        "description": None if "DESCRIPTION" not in event else str(event["DESCRIPTION"]),
        "location": None if "LOCATION" not in event else str(event["LOCATION"]),
        "errors": errors,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["busy", "holidays", "replies"])
    parser.add_argument("file")
    parser.add_argument("--from", dest="first", type=date.fromisoformat)
    parser.add_argument("--to", dest="last", type=date.fromisoformat)
    parser.add_argument("--timezone")
    args = parser.parse_args()
    with open(args.file, "rb") as handle:
        data = handle.read()
    if args.kind == "replies":
        result = replies_json(data, args.file)
    else:
        if args.first is None or args.last is None:
            fail("busy and holidays need --from and --to")
        calendars = read_calendars(data, args.file)
        zone = Zone(calendars, args.timezone)
        reading = read_events(calendars, zone, args.first, args.last)
        result = busy_json(reading) if args.kind == "busy" else holidays_json(reading)
        result["calendars"] = len(calendars)
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
