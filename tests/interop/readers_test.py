#!/usr/bin/python3
"""Interoperability test of the planner's readers of other people's calendars.

For every fixture of issue 11 (tests/ical/fixtures/busy/ and replies/, see their
README.md) this file holds, written out by hand from RFC 5545/5546/6047, what
must come of it (MANIFEST: UTC busy periods with summaries, holiday dates with
names, events left out and their lines, what lies outside the window; ANSWERS:
uid, attendee, PARTSTAT, SEQUENCE, occurrence, comment, delegate), and checks
that three readers compute the same, each on its own:

  * python3-icalendar with python3-dateutil (read_calendar_python.py);
  * ical.js 2.2.1 with its own recurrence expansion (read_calendar_icaljs.mjs);
  * the planner, through `busy import`, `holidays import` and `replies import`
    with --json, each into a fresh store made from replies.toml.

Where python3-icalendar or ical.js read a class otherwise than the RFC, the
manifest says how ("known": the reading it gives instead, and why); the test
asserts that reading, so that it fails when the library changes, and never
skips. A missing tool is a failure naming what to install. Negative controls
show that a planted wrong expectation, a fixture without the property that
matters, a planner output with one thing wrong and a library that stopped
deviating are all caught.

    /usr/bin/python3 readers_test.py --planner PATH/TO/planner [--skip-planner] [--keep]

--skip-planner leaves out the planner's commands (for checking the fixtures,
the manifest and the other readers while the planner is being changed); ctest
runs everything. Ends with "readers: N passed, N failed"; exits 1 when any
check failed.
"""
import argparse
import copy
import json
import os
import re
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
from interop_test import Results, run, text, describe, missing_readers, run_in_workdir  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BUSY = ROOT / "tests" / "ical" / "fixtures" / "busy"
REPLIES = ROOT / "tests" / "ical" / "fixtures" / "replies"
MEETING_FILE = HERE / "replies.toml"
NOT_ANSWERS = [REPLIES / "no-vcalendar.ics", ROOT / "tests" / "mail" / "fixtures" / "no-calendar.eml"]
SYSTEM_PYTHON = "/usr/bin/python3"
READERS = ("python3-icalendar", "ical.js")
YEAR = ("2013-01-01", "2013-12-31")
INSTALL_HINT = ("install the reader tools: apt-get install python3-icalendar python3-dateutil tzdata nodejs npm "
                "&& npm ci --prefix tests/interop")
NONE_OUTSIDE = {"occurrences": 0, "first": None, "last": None, "endless": 0}


# --------------------------------------------------------------------------
# What each calendar fixture must give (RFC 5545), worked out by hand.
#
# busy: [start UTC, end UTC, SUMMARY], sorted; days: [date, name] of a holiday
# calendar; not_busy: SUMMARY of every event that is read but takes no busy time;
# left_out: the events a bad property leaves out, with the line of their BEGIN:VEVENT
# and of the property (the planner must name one of them); outside: what lies outside
# the window. known: how a reader deviates, with the reading it gives instead.

def period(start, end, summary):
    return [f"{start}Z", f"{end}Z", summary]


JOUR_FIXE = "Jour fixe Förderanträge"
SUPERVISION = "Supervision Beratungsstelle"
TEAM = "Teambesprechung Sozialamt"
TEAMSITZUNG = "Teamsitzung Eingliederungshilfe"
AUSSENDIENST = "Außendienst Sozialraum West"
RUF = "Rufbereitschaft Krisendienst"
KLAUSUR = "Klausurtagung Sozialplanung"
DIENST = "Dienstbesprechung Sozialdezernat"
STAMMTISCH = "Stammtisch Ehrenamt"
CHOR = "Chorprobe"

MANIFEST = [
    {
        "name": "teams-blank-lines", "file": "teams-blank-lines.ics", "kind": "busy", "person": "frank-ott",
        "class": "2: blank lines (Teams invitation, CRLF)",
        "zone": {"name": "Europe/Berlin", "chosen_by": "default"},
        "busy": [
            period("2013-10-17T08:00:00", "2013-10-17T08:30:00", JOUR_FIXE),
            period("2013-10-24T08:00:00", "2013-10-24T08:30:00", JOUR_FIXE),
            period("2013-10-31T09:00:00", "2013-10-31T09:30:00", JOUR_FIXE),
            period("2013-11-07T09:00:00", "2013-11-07T09:30:00", JOUR_FIXE),
        ],
        "shape": {"blank_lines": 6, "line_end": "CRLF"},
    },
    {
        "name": "korganizer-blank-lines-lf", "file": "korganizer-blank-lines-lf.ics", "kind": "busy",
        "person": "maria-haas", "class": "2: blank lines (KOrganizer 3.5, LF)",
        "zone": {"name": "Europe/Berlin", "chosen_by": "default"},
        "busy": [
            period("2013-04-09T12:00:00", "2013-04-09T13:30:00", SUPERVISION),
            period("2013-04-16T12:00:00", "2013-04-16T13:30:00", SUPERVISION),
            period("2013-04-23T12:00:00", "2013-04-23T13:30:00", SUPERVISION),
            period("2013-04-28T22:00:00", "2013-05-03T22:00:00", "Urlaub Allgäu"),
        ],
        "not_busy": ["Geburtstag Mutter"],
        "shape": {"blank_lines": 5, "line_end": "LF"},
    },
    {
        "name": "lotus-notes-stream", "file": "lotus-notes-stream.ics", "kind": "busy", "person": "martin-kuhn",
        "class": "3: several VCALENDARs in one file (Lotus Notes)",
        "zone": {"name": "Europe/Berlin", "chosen_by": "default"}, "calendars": 3,
        "busy": [
            period("2013-02-21T08:00:00", "2013-02-21T12:00:00", "Kreistag: Haushaltsberatung"),
            period("2013-03-04T08:00:00", "2013-03-04T09:00:00", TEAM),
            period("2013-03-11T08:00:00", "2013-03-11T09:00:00", TEAM),
            period("2013-03-18T13:00:00", "2013-03-18T14:00:00", f"{TEAM} (nachmittags)"),
            period("2013-03-25T08:00:00", "2013-03-25T09:00:00", TEAM),
            period("2013-04-01T07:00:00", "2013-04-01T08:00:00", TEAM),
            period("2013-06-13T22:00:00", "2013-06-14T22:00:00", "Betriebsausflug Sozialamt"),
        ],
        "shape": {"calendars": 3, "line_end": "CRLF"},
    },
    {
        "name": "google-rdate-without-time", "file": "google-rdate-without-time.ics", "kind": "busy",
        "person": "kai-wolf", "class": "4: one bad property (RDATE:20131210Z) leaves its event out",
        "zone": {"name": "Europe/Berlin", "chosen_by": "X-WR-TIMEZONE"},
        "busy": [
            period("2013-11-05T08:30:00", "2013-11-05T09:30:00", TEAMSITZUNG),
            period("2013-11-12T08:30:00", "2013-11-12T09:30:00", TEAMSITZUNG),
            period("2013-11-19T08:30:00", "2013-11-19T09:30:00", TEAMSITZUNG),
            period("2013-12-05T15:00:00", "2013-12-05T16:00:00", "Zahnarzt"),
        ],
        "left_out": [{"summary": "Fortbildung Gesprächsführung", "lines": [41, 44], "property": "RDATE:20131210Z"}],
        "known": {"ical.js": {
            "why": "ical.js 2.2.1 reads RDATE:20131210Z as the DATE 2013-12-10 instead of refusing it; the series "
                   "then yields that date alone, with no length, and loses its DTSTART occurrence: the event is "
                   "read, but takes no time",
            "left_out": [], "not_busy": ["Fortbildung Gesprächsführung"]}},
    },
    {
        "name": "calendarlabs-empty-rrule", "file": "calendarlabs-empty-rrule.ics", "kind": "holidays",
        "region": "AT-8", "class": "4: one bad property (empty RRULE) leaves its event out (holiday feed)",
        "zone": {"name": "Europe/Vienna", "chosen_by": "X-WR-TIMEZONE"},
        "days": [["2013-05-09", "Christi Himmelfahrt"], ["2013-05-20", "Pfingstmontag"],
                 ["2013-05-30", "Fronleichnam"], ["2013-08-15", "Mariä Himmelfahrt"],
                 ["2013-10-26", "Nationalfeiertag"]],
        "left_out": [{"summary": "Staatsfeiertag", "lines": [8, 16], "property": "RRULE:"}],
        "notes": {"ical.js": "ical.js 2.2.1 parses RRULE: as a rule without FREQ and throws when iterating it "
                             "(\"Cannot read properties of undefined\"): the event is left out, as it should be"},
    },
    {
        "name": "outlook-allday-exdate-local-time", "file": "outlook-allday-exdate-local-time.ics", "kind": "busy",
        "person": "martin-kuhn",
        "class": "5: all-day series, EXDATE and RECURRENCE-ID as local date-times (Outlook)",
        "zone": {"name": "Europe/Berlin", "chosen_by": "default"},
        "busy": [
            period("2013-03-18T23:00:00", "2013-03-19T23:00:00", AUSSENDIENST),
            period("2013-04-03T22:00:00", "2013-04-04T22:00:00", AUSSENDIENST),
            period("2013-04-08T22:00:00", "2013-04-09T22:00:00", AUSSENDIENST),
        ],
        "known": {"ical.js": {
            "why": "ical.js 2.2.1 matches EXDATE and RECURRENCE-ID to occurrences by their exact value: "
                   "20130326T000000 names no occurrence of a DATE series, so 26 March stays busy, 2 April is not "
                   "moved and the moved occurrence (4 April) is not shown",
            "busy_extra": [period("2013-03-25T23:00:00", "2013-03-26T23:00:00", AUSSENDIENST),
                           period("2013-04-01T22:00:00", "2013-04-02T22:00:00", AUSSENDIENST)],
            "busy_missing": [period("2013-04-03T22:00:00", "2013-04-04T22:00:00", AUSSENDIENST)],
            "unmatched_overrides": [AUSSENDIENST]}},
    },
    {
        "name": "apple-allday-moved-occurrence", "file": "apple-allday-moved-occurrence.ics", "kind": "busy",
        "person": "lea-moser", "class": "5: all-day series with a deleted, a moved and a changed occurrence (Apple)",
        "zone": {"name": "Europe/Berlin", "chosen_by": "default"},
        "busy": [
            period("2013-09-19T22:00:00", "2013-09-20T22:00:00", RUF),
            period("2013-10-06T22:00:00", "2013-10-07T22:00:00", RUF),
            period("2013-10-10T22:00:00", "2013-10-11T22:00:00", f"{RUF} (Vertretung für N. Fink)"),
        ],
    },
    {
        "name": "timetable-slash-tzid", "file": "timetable-slash-tzid.ics", "kind": "busy", "person": "gerda-gast",
        "timezone": "Europe/London", "class": "6: TZID=/Europe/Stockholm without VTIMEZONE",
        "zone": {"name": "Europe/London", "chosen_by": "--timezone"},
        "busy": [
            period("2013-06-03T11:00:00", "2013-06-03T13:00:00", "Projektmöte Interreg"),
            period("2013-06-20T23:00:00", "2013-06-21T23:00:00", "Midsommarafton"),
            period("2013-10-21T07:00:00", "2013-10-21T08:00:00", "Styrgrupp"),
            period("2013-10-28T08:00:00", "2013-10-28T09:00:00", "Styrgrupp"),
        ],
        "notes": {"python3-icalendar": "python3-icalendar 4.0.3 returns TZID=/Europe/Stockholm times naive (no "
                                       "zone); the reader applies RFC 5545 3.2.19 itself",
                  "ical.js": "ical.js reads a TZID without VTIMEZONE as floating; the reader converts it with "
                             "node's Intl as Europe/Stockholm"},
    },
    {
        "name": "apple-x-wr-timezone-value-text", "file": "apple-x-wr-timezone-value-text.ics", "kind": "busy",
        "person": "uwe-sauter", "class": "7: X-WR-TIMEZONE;VALUE=TEXT names the zone of floating and all-day times",
        "zone": {"name": "Europe/Lisbon", "chosen_by": "X-WR-TIMEZONE"},
        "busy": [
            period("2013-04-15T17:00:00", "2013-04-15T19:00:00", "Vorstandssitzung Associação Alzheimer"),
            period("2013-04-16T08:00:00", "2013-04-16T08:30:00", "Telefonat Landratsamt Bodenseekreis"),
            period("2013-05-24T23:00:00", "2013-05-25T23:00:00", "Jahresversammlung"),
        ],
    },
    {
        "name": "apple-x-wr-timezone-value-text, --timezone Europe/Berlin",
        "file": "apple-x-wr-timezone-value-text.ics", "kind": "busy", "person": "uwe-sauter",
        "timezone": "Europe/Berlin", "class": "7: an explicit --timezone beats X-WR-TIMEZONE",
        "zone": {"name": "Europe/Berlin", "chosen_by": "--timezone"},
        "busy": [
            period("2013-04-15T16:00:00", "2013-04-15T18:00:00", "Vorstandssitzung Associação Alzheimer"),
            period("2013-04-16T08:00:00", "2013-04-16T08:30:00", "Telefonat Landratsamt Bodenseekreis"),
            period("2013-05-24T22:00:00", "2013-05-25T22:00:00", "Jahresversammlung"),
        ],
    },
    {
        "name": "lotus-notes-rdate-period", "file": "lotus-notes-rdate-period.ics", "kind": "busy",
        "person": "martin-kuhn", "class": "8: RDATE;VALUE=PERIOD, each occurrence with its own end (Lotus Notes)",
        "zone": {"name": "Europe/Berlin", "chosen_by": "default"},
        "busy": [
            period("2013-07-08T07:00:00", "2013-07-08T15:00:00", KLAUSUR),
            period("2013-07-09T07:00:00", "2013-07-09T11:30:00", KLAUSUR),
            period("2013-07-10T11:30:00", "2013-07-10T12:30:00", "Mittagessen mit Frau Dr. Hartmann"),
            period("2013-07-22T12:00:00", "2013-07-22T14:00:00", KLAUSUR),
        ],
        "known": {"ical.js": {
            "why": "ical.js 2.2.1 cannot expand RDATE;VALUE=PERIOD: its iterator returns the ICAL.Period and "
                   "Event.getOccurrenceDetails throws (occurrence.convertToZone is not a function), so the whole "
                   "event is left out",
            "left_out": [KLAUSUR],
            "busy_missing": [period("2013-07-08T07:00:00", "2013-07-08T15:00:00", KLAUSUR),
                             period("2013-07-09T07:00:00", "2013-07-09T11:30:00", KLAUSUR),
                             period("2013-07-22T12:00:00", "2013-07-22T14:00:00", KLAUSUR)]}},
    },
    {
        "name": "lotus-notes-thisandfuture", "file": "lotus-notes-thisandfuture.ics", "kind": "busy",
        "person": "nora-fink", "class": "9: RECURRENCE-ID;RANGE=THISANDFUTURE (Lotus Notes)",
        "zone": {"name": "Europe/Berlin", "chosen_by": "default"},
        "busy": [
            period("2013-05-08T06:30:00", "2013-05-08T07:30:00", DIENST),
            period("2013-05-15T06:30:00", "2013-05-15T07:30:00", DIENST),
            period("2013-05-22T08:00:00", "2013-05-22T09:30:00", f"{DIENST} (neue Zeit)"),
            period("2013-05-29T08:00:00", "2013-05-29T09:30:00", f"{DIENST} (neue Zeit)"),
            period("2013-06-06T11:00:00", "2013-06-06T12:00:00", f"{DIENST} (Donnerstag)"),
            period("2013-06-12T08:00:00", "2013-06-12T09:30:00", f"{DIENST} (neue Zeit)"),
        ],
        "known": {"ical.js": {
            "why": "ical.js 2.2.1 applies RANGE=THISANDFUTURE, but computes the shift as DTSTART minus the "
                   "RECURRENCE-ID's wall-clock value with its zone replaced by DTSTART's, not converted "
                   "(Event.getOccurrenceDetails): with Notes' UTC RECURRENCE-ID (06:30Z) beside a DTSTART in "
                   "W. Europe (10:00) the later occurrences move 3.5 hours instead of 1.5",
            "busy_missing": [period("2013-05-29T08:00:00", "2013-05-29T09:30:00", f"{DIENST} (neue Zeit)"),
                             period("2013-06-12T08:00:00", "2013-06-12T09:30:00", f"{DIENST} (neue Zeit)")],
            "busy_extra": [period("2013-05-29T10:00:00", "2013-05-29T11:30:00", f"{DIENST} (neue Zeit)"),
                           period("2013-06-12T10:00:00", "2013-06-12T11:30:00", f"{DIENST} (neue Zeit)")]}},
    },
    {
        "name": "google-years-of-history", "file": "google-years-of-history.ics", "kind": "busy",
        "person": "ines-hagen", "class": "13: the window 2013 (single and recurring events outside it)",
        "zone": {"name": "Europe/Berlin", "chosen_by": "X-WR-TIMEZONE"},
        "busy": [
            period("2013-01-03T18:30:00", "2013-01-03T20:00:00", CHOR),
            period("2013-01-07T18:00:00", "2013-01-07T20:00:00", STAMMTISCH),
            period("2013-01-10T18:30:00", "2013-01-10T20:00:00", CHOR),
            period("2013-01-17T18:30:00", "2013-01-17T20:00:00", CHOR),
            period("2013-02-04T18:00:00", "2013-02-04T20:00:00", STAMMTISCH),
            period("2013-02-15T08:00:00", "2013-02-15T16:00:00", "Klausur Vorstand"),
            period("2013-03-04T18:00:00", "2013-03-04T20:00:00", STAMMTISCH),
            period("2013-04-01T17:00:00", "2013-04-01T19:00:00", STAMMTISCH),
            period("2013-05-06T17:00:00", "2013-05-06T19:00:00", STAMMTISCH),
            period("2013-06-03T17:00:00", "2013-06-03T19:00:00", STAMMTISCH),
            period("2013-07-01T17:00:00", "2013-07-01T19:00:00", STAMMTISCH),
            period("2013-08-05T17:00:00", "2013-08-05T19:00:00", STAMMTISCH),
            period("2013-09-02T17:00:00", "2013-09-02T19:00:00", STAMMTISCH),
            period("2013-09-26T07:00:00", "2013-09-26T14:00:00", "Fachtag Inklusion"),
            period("2013-10-07T17:00:00", "2013-10-07T19:00:00", STAMMTISCH),
            period("2013-11-04T18:00:00", "2013-11-04T20:00:00", STAMMTISCH),
            period("2013-12-02T18:00:00", "2013-12-02T20:00:00", STAMMTISCH),
        ],
        # 2012-11-20 and 2014-01-10 (single), five Chorprobe of 2012, three Stammtisch
        # of 2012, Klausur Vorstand 2012, 2014 and 2015; the Stammtisch has no end.
        "outside": {"occurrences": 13, "first": "2012-02-15", "last": "2015-02-15", "endless": 1},
    },
    {
        "name": "google-years-of-history, March 2013", "file": "google-years-of-history.ics", "kind": "busy",
        "person": "ines-hagen", "window": ("2013-03-01", "2013-03-31"),
        "class": "13: a window of one month",
        "zone": {"name": "Europe/Berlin", "chosen_by": "X-WR-TIMEZONE"},
        "busy": [period("2013-03-04T18:00:00", "2013-03-04T20:00:00", STAMMTISCH)],
        # The three single events, all eight Chorprobe, the five Stammtisch before
        # March (the later ones are not counted: the series has no end), the four
        # Klausur Vorstand.
        "outside": {"occurrences": 20, "first": "2012-02-15", "last": "2015-02-15", "endless": 1},
    },
]

# The busy import whose file is imported twice: the second import replaces the first's periods.
REIMPORTED = "teams-blank-lines"


# --------------------------------------------------------------------------
# What each answer fixture must record (RFC 5546 3.2.3, RFC 6047), by hand.

SINGLE_UID = "netzwerktreffen-2013-7f3c9a@bodenseekreis.example.org"
SERIES_UID = "supervision-2013-2b81e4@bodenseekreis.example.org"


def answer(uid, attendee, partstat, occurrence=None, comment=None, delegated_to=None, sequence=0, **more):
    return dict(uid=uid, attendee=attendee, partstat=partstat, sequence=sequence, occurrence=occurrence,
                comment=comment, delegated_to=delegated_to, **more)


ANSWERS = {
    "google-empty-properties.ics": [answer(
        SINGLE_UID, "gerda.gast@gmail.example.com", "DECLINED",
        comment="Am 13. Juni bin ich leider zur Kur. Unsere Jahresplanung schicke ich Ihnen per Post.",
        comment_raw_prefix="gerda.gast@gmail.example.com:", empty=("description", "location"))],
    "google-empty-properties.eml": [answer(SERIES_UID, "jonas.brenner@gmail.example.com", "ACCEPTED",
                                           empty=("description", "location"))],
    "outlook-no-organizer.ics": [answer(
        SINGLE_UID, "sabine.weber@ravensburg.example.org", "TENTATIVE",
        comment="Ich komme, muss aber um 16 Uhr gehen; bitte den Punkt Finanzen an den Anfang.")],
    "outlook-blank-lines.eml": [answer(SERIES_UID, "martin.kuhn@ravensburg.example.org", "ACCEPTED")],
    "exchange-declined-occurrence.ics": [answer(
        SERIES_UID, "frank.ott@bodenseekreis.example.org", "DECLINED", occurrence="2013-10-29",
        comment="Am 29. Oktober bin ich auf der Fachtagung in Stuttgart.")],
    "exchange-forwarded.eml": [answer(SINGLE_UID, "ines.hagen@bodenseekreis.example.org", "ACCEPTED")],
    "apple-tentative-occurrence.ics": [answer(SERIES_UID, "lea.moser@icloud.example.com", "TENTATIVE",
                                              occurrence="2013-10-15")],
    "apple-declined.eml": [answer(SINGLE_UID, "uwe.sauter@me.example.com", "DECLINED")],
    "android-declined-occurrence.ics": [answer(SERIES_UID, "nora.fink@ravensburg.example.org", "DECLINED",
                                               occurrence="2013-10-22", empty=("location",))],
    "android-accepted.eml": [answer(SINGLE_UID, "kai.wolf@bodenseekreis.example.org", "ACCEPTED")],
    "thunderbird-delegated.ics": [answer(SINGLE_UID, "tobias.renner@posteo.example.de", "DELEGATED",
                                         delegated_to="svenja.adler@posteo.example.de")],
    "thunderbird-accepted-series.eml": [answer(SERIES_UID, "maria.haas@posteo.example.de", "ACCEPTED")],
}

# How the answer fixtures' mails are built (the MIME parts Python's email package walks).
MAIL_SHAPES = {
    "google-empty-properties.eml": ["multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                                    "text/calendar", "application/ics"],
    "outlook-blank-lines.eml": ["multipart/alternative", "text/plain", "text/calendar"],
    "exchange-forwarded.eml": ["multipart/mixed", "text/plain", "message/rfc822", "multipart/alternative",
                               "text/plain", "text/calendar"],
    "apple-declined.eml": ["multipart/alternative", "text/plain", "text/calendar"],
    "android-accepted.eml": ["multipart/alternative", "text/plain", "text/calendar"],
    "thunderbird-accepted-series.eml": ["multipart/mixed", "multipart/alternative", "text/plain", "text/calendar",
                                        "application/ics"],
}


# --------------------------------------------------------------------------
# Prerequisites

def missing_tools(planner, skip_planner):
    missing = missing_readers()
    if sys.version_info < (3, 11):
        missing.append("run the test with /usr/bin/python3 (Python >= 3.11, for tomllib and zoneinfo)")
    else:
        from zoneinfo import ZoneInfo
        for zone in ("Europe/Berlin", "Europe/Lisbon", "Europe/Stockholm", "Europe/London", "Europe/Vienna"):
            try:
                ZoneInfo(zone)
            except Exception as error:
                missing.append(f"no time zone data for {zone} ({error}): apt-get install tzdata")
    if not skip_planner and not (planner.is_file() and os.access(planner, os.X_OK)):
        missing.append(f"the planner binary {planner} does not exist (build the planner target)")
    for path in [MEETING_FILE, *NOT_ANSWERS]:
        if not path.is_file():
            missing.append(f"{path} does not exist")
    return missing


# --------------------------------------------------------------------------
# The readers

def window_of(case):
    return case.get("window", YEAR)


def reader_command(reader, kind, path, case=None):
    script = ["node", HERE / "read_calendar_icaljs.mjs"] if reader == "ical.js" else \
        [SYSTEM_PYTHON, HERE / "read_calendar_python.py"]
    args = [*script, kind, path]
    if case is not None:
        first, last = window_of(case)
        args += ["--from", first, "--to", last]
        if case.get("timezone"):
            args += ["--timezone", case["timezone"]]
    return args


def read_with(reader, kind, path, case=None):
    """(reading or None, problems) of one reader script."""
    proc = run(reader_command(reader, kind, path, case))
    if proc.returncode != 0:
        return None, [f"{reader} could not read {path.name}: {describe(proc)}"]
    try:
        return json.loads(proc.stdout), []
    except json.JSONDecodeError as error:
        return None, [f"{reader} printed no JSON ({error}): {describe(proc)}"]


def expected_for(case, reader=None):
    """What `reader` must read from the case: the RFC's reading, changed as its known
    limitation says."""
    want = {
        "zone": case["zone"],
        "calendars": case.get("calendars", 1),
        "not_busy": sorted(case.get("not_busy", [])),
        "left_out": sorted(item["summary"] for item in case.get("left_out", [])),
        "outside_window": case.get("outside", NONE_OUTSIDE),
        "unmatched_overrides": [],
    }
    if case["kind"] == "busy":
        want["busy"] = sorted(case["busy"])
    else:
        want["days"] = sorted(case["days"])
    known = case.get("known", {}).get(reader)
    if known:
        if "busy" in want:
            busy = [p for p in want["busy"] if p not in known.get("busy_missing", [])]
            want["busy"] = sorted(busy + known.get("busy_extra", []))
        for key in ("left_out", "not_busy", "unmatched_overrides"):
            if key in known:
                want[key] = sorted(known[key])
    return want


def compare_reading(reading, want):
    """Problems between a reader's JSON and what it must read."""
    problems = []
    got = {
        "zone": reading.get("zone"),
        "calendars": reading.get("calendars"),
        "not_busy": sorted(reading.get("not_busy") or []),
        "left_out": sorted(item["summary"] for item in reading.get("left_out") or []),
        "outside_window": reading.get("outside_window"),
        "unmatched_overrides": sorted(reading.get("unmatched_overrides") or []),
    }
    for key in ("busy", "days"):
        if key in want:
            got[key] = sorted(reading.get(key) or [])
    for key, value in want.items():
        if key in ("busy", "days"):
            missing = [item for item in value if item not in got[key]]
            extra = [item for item in got[key] if item not in value]
            problems += [f"{key}: expected, not read: {item}" for item in missing]
            problems += [f"{key}: read, not expected: {item}" for item in extra]
            if not missing and not extra and got[key] != value:
                problems.append(f"{key}: the same items, another count: {got[key]}")
            if key == "busy":
                spans = sorted(item[:2] for item in got[key])
                if spans != sorted(item[:2] for item in value):
                    problems.append(f"busy periods (start, end UTC) differ: read {spans}")
        elif got[key] != value:
            problems.append(f"{key}: read {got[key]!r}, expected {value!r}")
    return problems


# --------------------------------------------------------------------------
# The planner: what its --json must hold

def planner_busy_expectation(case, path):
    """The planner's --json for a busy or holiday case, as the contract and the manifest say."""
    first, last = window_of(case)
    # One zone a VCALENDAR, each choice once; `more` says whether a series gave too many
    # starts to count before the window (never here).
    want = {"file": str(path), "window": {"from": first, "to": last}, "zones": [case["zone"]],
            "outside_window": dict(case.get("outside", NONE_OUTSIDE), more=False), "replaced": 0}
    if case["kind"] == "busy":
        want["person"] = case["person"]
        want["busy"] = [{"start": s, "end": e, "summary": summary} for s, e, summary in sorted(case["busy"])]
    else:
        want["region"] = case["region"]
        want["days"] = [{"date": d, "name": n} for d, n in sorted(case["days"])]
    return want


def compare_planner_calendar(out, case, path):
    """Problems between `busy import --json` or `holidays import --json` and the manifest."""
    want = planner_busy_expectation(case, path)
    problems = []
    for key, value in want.items():
        if key in ("busy", "days"):
            got = out.get(key)
            if not isinstance(got, list):
                problems.append(f"{key}: {got!r} is not a list")
                continue
            missing = [item for item in value if item not in got]
            extra = [item for item in got if item not in value]
            problems += [f"{key}: expected, not in the output: {item}" for item in missing]
            problems += [f"{key}: in the output, not expected: {item}" for item in extra]
            if not missing and not extra and got != value:
                problems.append(f"{key}: not sorted by start, end, summary (or date, name): {got}")
        elif key == "zones":
            zones = out.get(key)
            got = [{"name": z.get("name"), "chosen_by": z.get("chosen_by")} for z in zones] \
                if isinstance(zones, list) else zones
            if got != value:
                problems.append(f"{key}: {zones!r}, expected {value!r}")
        elif out.get(key) != value:
            problems.append(f"{key}: {out.get(key)!r}, expected {value!r}")
    if case["kind"] == "busy":
        not_busy = out.get("not_busy")
        expected = case.get("not_busy", [])
        if not isinstance(not_busy, list) or len(not_busy) != len(expected):
            problems.append(f"not_busy: {not_busy!r}, expected {len(expected)} entries naming {expected}")
        else:
            problems += [f"not_busy: no entry names '{summary}': {not_busy}" for summary in expected
                         if not any(summary in str(entry) for entry in not_busy)]
    left_out = out.get("left_out")
    expected = case.get("left_out", [])
    if not isinstance(left_out, list) or len(left_out) != len(expected):
        problems.append(f"left_out: {left_out!r}, expected {len(expected)} entries")
    else:
        for item in expected:
            place = re.compile(f"(?:{re.escape(str(path))}|{re.escape(path.name)}):(?:{item['lines'][0]}|"
                               f"{item['lines'][1]})(?!\\d)")
            if not any(place.search(str(entry)) and item["summary"] in str(entry) for entry in left_out):
                problems.append(f"left_out: no entry names '{item['summary']}' and {path.name}:{item['lines'][0]} "
                                f"(BEGIN:VEVENT) or :{item['lines'][1]} ({item['property']}): {left_out}")
    return problems


class Directory:
    """Persons and meetings of replies.toml: addresses and UIDs to ids."""

    def __init__(self, path):
        import tomllib
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        self.person = {p["email"].lower(): p["id"] for p in data["person"]}
        self.meeting = {m["uid"]: (m["id"], m.get("timezone", "Europe/Berlin")) for m in data["meeting"]}


def occurrence_of(recurrence, zone_name):
    """The local date a reader's RECURRENCE-ID names in the meeting's zone."""
    from zoneinfo import ZoneInfo
    if recurrence is None:
        return None
    if recurrence.get("date"):
        return recurrence["date"]
    if recurrence.get("local"):
        return recurrence["local"][:10]
    moment = datetime.fromisoformat(recurrence["utc"].replace("Z", "+00:00"))
    return moment.astimezone(ZoneInfo(zone_name)).date().isoformat()


def compare_answers(reading, wants, directory):
    """Problems between a reader's answers and the manifest's."""
    problems = []
    if reading.get("methods") != ["REPLY"]:
        problems.append(f"METHOD read {reading.get('methods')}, expected ['REPLY']")
    answers = reading.get("answers") or []
    if len(answers) != len(wants):
        return problems + [f"{len(answers)} answers read, expected {len(wants)}"]
    for got, want in zip(answers, wants):
        zone = directory.meeting.get(got.get("uid"), (None, "Europe/Berlin"))[1]
        read = dict(got, occurrence=occurrence_of(got.get("recurrence_id"), zone))
        for key in ("uid", "attendee", "partstat", "sequence", "occurrence", "comment", "delegated_to"):
            if read.get(key) != want[key]:
                problems.append(f"{key}: read {read.get(key)!r}, expected {want[key]!r}")
        if got.get("errors"):
            problems.append(f"errors: {got['errors']}")
        for name in want.get("empty", ()):
            if got.get(name) != "":
                problems.append(f"{name.upper()}: read {got.get(name)!r}, expected present and empty")
        prefix = want.get("comment_raw_prefix")
        if prefix and not str(got.get("comment_raw") or "").startswith(prefix):
            problems.append(f"COMMENT value {got.get('comment_raw')!r} does not start with {prefix!r} "
                            "(Google's unquoted X-COMMENTER, read as part of the value)")
    return problems


def planner_answers(path, wants, directory):
    """The `recorded` entries of replies import --json the manifest asks for."""
    entries = []
    for want in wants:
        meeting = directory.meeting[want["uid"]][0]
        entries.append({"file": str(path), "meeting": meeting, "occurrence": want["occurrence"],
                        "person": directory.person[want["attendee"]], "answer": want["partstat"].lower(),
                        "sequence": want["sequence"], "comment": want["comment"],
                        "delegated_to": None if want["delegated_to"] is None else
                        directory.person[want["delegated_to"]]})
    return entries


def normalised_answer(entry):
    entry = dict(entry)
    if entry.get("comment") == "":
        entry["comment"] = None  # no COMMENT: null, or an empty text
    return json.dumps({key: entry.get(key) for key in (
        "file", "meeting", "occurrence", "person", "answer", "sequence", "comment", "delegated_to")},
        sort_keys=True, ensure_ascii=False)


def compare_planner_replies(out, expected, files_skipped=()):
    problems = []
    recorded = out.get("recorded")
    if not isinstance(recorded, list):
        return [f"recorded: {recorded!r} is not a list"]
    got = sorted(normalised_answer(e) for e in recorded)
    want = sorted(normalised_answer(e) for e in expected)
    problems += [f"recorded, expected, not in the output: {item}" for item in want if item not in got]
    problems += [f"recorded, in the output, not expected: {item}" for item in got if item not in want]
    if out.get("skipped") != 0:
        problems.append(f"skipped: {out.get('skipped')!r}, expected 0 (warnings: {out.get('warnings')})")
    if not isinstance(out.get("warnings"), list):
        problems.append(f"warnings: {out.get('warnings')!r} is not a list")
    skipped_files = sorted(str(item.get("file")) for item in out.get("files_skipped") or [])
    if skipped_files != sorted(str(f) for f in files_skipped):
        problems.append(f"files_skipped names {skipped_files}, expected {sorted(str(f) for f in files_skipped)}")
    if any(not item.get("reason") for item in out.get("files_skipped") or []):
        problems.append(f"a skipped file without a reason: {out.get('files_skipped')}")
    return problems


# --------------------------------------------------------------------------
# The checks

class ReadersTest:
    def __init__(self, planner, workdir, results, skip_planner):
        self.planner_bin, self.workdir, self.results = planner, workdir, results
        self.skip_planner = skip_planner
        self.directory = Directory(MEETING_FILE)
        self.base_store = None
        self.stores = 0

    def record(self, name, problems):
        self.results.record(name, problems)

    # --- the fixtures themselves

    def check_shapes(self):
        for case in MANIFEST:
            if "shape" not in case and not case.get("left_out"):
                continue
            data = (BUSY / case["file"]).read_bytes()
            problems = []
            shape = case.get("shape", {})
            lines = data.split(b"\r\n") if b"\r\n" in data else data.split(b"\n")
            if shape.get("line_end") == "CRLF" and data.replace(b"\r\n", b"").count(b"\n"):
                problems.append("a line ends in LF alone")
            if shape.get("line_end") == "LF" and b"\r" in data:
                problems.append("a line ends in CR")
            if "blank_lines" in shape:
                blank = sum(1 for line in lines[:-1] if line == b"")
                if blank != shape["blank_lines"]:
                    problems.append(f"{blank} blank lines, expected {shape['blank_lines']}")
            if "calendars" in shape and data.count(b"BEGIN:VCALENDAR") != shape["calendars"]:
                problems.append(f"{data.count(b'BEGIN:VCALENDAR')} VCALENDARs, expected {shape['calendars']}")
            for item in case.get("left_out", []):
                begin, bad = item["lines"]
                if lines[begin - 1] != b"BEGIN:VEVENT" or lines[bad - 1].decode() != item["property"]:
                    problems.append(f"line {begin} is {lines[begin - 1]!r}, line {bad} {lines[bad - 1]!r}; expected "
                                    f"BEGIN:VEVENT and {item['property']}")
            self.record(f"fixture {case['file']} is shaped as the manifest says ({case['class']})", problems)
        for name, parts in MAIL_SHAPES.items():
            reading, problems = read_with("python3-icalendar", "replies", REPLIES / name)
            if reading is not None and reading.get("mime_parts") != parts:
                problems.append(f"MIME parts {reading.get('mime_parts')}, expected {parts}")
            self.record(f"fixture {name} is a mail of the parts {' > '.join(parts[:3])}...", problems)

    # --- python3-icalendar and ical.js

    def check_calendar_readers(self):
        for case in MANIFEST:
            path = BUSY / case["file"]
            for reader in READERS:
                reading, problems = read_with(reader, case["kind"], path, case)
                known = case.get("known", {}).get(reader)
                if reading is not None:
                    problems = compare_reading(reading, expected_for(case, reader))
                    count = len(reading.get("busy", reading.get("days", [])))
                    print(f"     {reader} read {path.name}: {count} {'periods' if 'busy' in reading else 'days'}, "
                          f"left out {[i['summary'] for i in reading.get('left_out', [])]}, "
                          f"outside {reading.get('outside_window')}, zone {reading.get('zone')}")
                    for item in reading.get("left_out", []):
                        print(f"       left out '{item['summary']}': {item['reason']}")
                label = f"{case['name']} ({case['class']}): {reader} reads what the manifest says"
                if known:
                    label = f"{case['name']}: {reader} reads it as documented (known limitation: {known['why']})"
                elif case.get("notes", {}).get(reader):
                    label += f" ({case['notes'][reader]})"
                self.record(label, problems)

    def check_answer_readers(self):
        for name, wants in ANSWERS.items():
            path = REPLIES / name
            calendar = path
            for reader in READERS:
                if reader == "ical.js" and path.suffix == ".eml":
                    calendar, problem = self.calendar_of_mail(path)
                    if calendar is None:
                        self.record(f"{name}: ical.js reads the answer", [problem])
                        continue
                reading, problems = read_with(reader, "replies", calendar)
                if reading is not None:
                    problems = compare_answers(reading, wants, self.directory)
                    print(f"     {reader} read {name}: {[(a['attendee'], a['partstat'], a['recurrence_id']) for a in reading['answers']]}")
                how = " (the calendar taken out of the mail by Python's email package)" \
                    if reader == "ical.js" and path.suffix == ".eml" else ""
                self.record(f"{name}: {reader} reads the answer the manifest says{how}", problems)

    def calendar_of_mail(self, path):
        reading, problems = read_with("python3-icalendar", "replies", path)
        if reading is None or not reading.get("calendar"):
            return None, f"no calendar found in {path.name} by Python's email package: {problems}"
        out = self.workdir / f"{path.stem}.from-mail.ics"
        out.write_text(reading["calendar"], encoding="utf-8", newline="")
        return out, None

    # --- the planner

    def planner(self, store, *args):
        return run([self.planner_bin, "--db", store, *args])

    def fresh_store(self, name):
        if self.base_store is None:
            self.base_store = self.workdir / "base.db"
            proc = self.planner(self.base_store, "import", MEETING_FILE)
            if proc.returncode != 0:
                raise RuntimeError(f"planner import {MEETING_FILE.name} failed: {describe(proc)}")
        self.stores += 1
        store = self.workdir / f"store-{self.stores:02d}.db"
        shutil.copyfile(self.base_store, store)
        print(f"     store {store.name}: {name}")
        return store

    def planner_json(self, store, args, expect_exit=0):
        proc = self.planner(store, *args)
        command = f"planner --db {store.name} {' '.join(map(str, args))}"
        try:
            out = json.loads(proc.stdout)
        except json.JSONDecodeError as error:
            return None, [f"{command}: exit {proc.returncode}, printed no JSON ({error}); {describe(proc)}"]
        return out, [] if proc.returncode == expect_exit else [
            f"{command}: exit {proc.returncode}, expected {expect_exit}; stderr {text(proc.stderr).strip()!r}"]

    @staticmethod
    def calendar_args(case, path):
        first, last = window_of(case)
        if case["kind"] == "busy":
            args = ["busy", "import", case["person"], path, "--from", first, "--to", last]
        else:
            args = ["holidays", "import", case["region"], path, "--from", first, "--to", last]
        if case.get("timezone"):
            args += ["--timezone", case["timezone"]]
        return args + ["--json"]

    def check_planner_calendars(self):
        for case in MANIFEST:
            path = BUSY / case["file"]
            store = self.fresh_store(case["name"])
            out, problems = self.planner_json(store, self.calendar_args(case, path))
            if out is not None:
                problems += compare_planner_calendar(out, case, path)
                print(f"     planner {case['kind']} import {path.name}: "
                      f"{len(out.get('busy', out.get('days', [])) or [])} items, left out {out.get('left_out')}, "
                      f"zone {out.get('zone')}")
            self.record(f"{case['name']} ({case['class']}): planner {case['kind']} import --json gives what the "
                        "manifest says", problems)
            if case["name"] == REIMPORTED:
                again, problems = self.planner_json(store, self.calendar_args(case, path))
                if again is not None and again.get("replaced") != len(case["busy"]):
                    problems.append(f"replaced: {again.get('replaced')!r}, expected {len(case['busy'])} "
                                    "(the periods of the first import)")
                if again is not None and again.get("busy") != (out or {}).get("busy"):
                    problems.append("the second import gives other busy periods than the first")
                self.record(f"{case['name']}: importing the same file again replaces the "
                            f"{len(case['busy'])} periods of the first import", problems)

    def check_planner_replies(self):
        for name, wants in ANSWERS.items():
            path = REPLIES / name
            store = self.fresh_store(name)
            out, problems = self.planner_json(store, ["replies", "import", path, "--json"])
            if out is not None:
                problems += compare_planner_replies(out, planner_answers(path, wants, self.directory))
                print(f"     planner replies import {name}: {out.get('recorded')}")
            self.record(f"{name}: planner replies import --json records the answer the manifest says", problems)
        self.check_planner_replies_together()

    def check_planner_replies_together(self):
        """All answers and two files that are not answers in one import: exit 1, the two
        skipped, the twelve recorded, and the store shows them."""
        files = [REPLIES / name for name in ANSWERS] + NOT_ANSWERS
        expected = [entry for name, wants in ANSWERS.items()
                    for entry in planner_answers(REPLIES / name, wants, self.directory)]
        store = self.fresh_store("all-answers")
        out, problems = self.planner_json(store, ["replies", "import", *files, "--json"], expect_exit=1)
        if out is not None:
            problems += compare_planner_replies(out, expected, files_skipped=NOT_ANSWERS)
        self.record(f"replies import of all {len(ANSWERS)} answers and {len(NOT_ANSWERS)} files that are not "
                    "answers: exit 1, those two skipped with a reason, every answer recorded", problems)
        problems = []
        for meeting in ("netzwerktreffen-2013", "supervision-2013"):
            proc = self.planner(store, "show", meeting, "--json")
            if proc.returncode != 0:
                problems.append(describe(proc))
                continue
            show = json.loads(proc.stdout)
            answers = {p["id"]: p.get("answer") for p in show.get("invitees", [])}
            by_occurrence = {(a["occurrence"], a["person"]): a["answer"] for a in show.get("occurrence_answers", [])}
            for entry in (e for e in expected if e["meeting"] == meeting):
                got = answers.get(entry["person"]) if entry["occurrence"] is None else \
                    by_occurrence.get((entry["occurrence"], entry["person"]))
                if got != entry["answer"]:
                    problems.append(f"{meeting}: {entry['person']} {entry['occurrence'] or ''} shows {got!r}, "
                                    f"expected {entry['answer']!r}")
                if entry["delegated_to"] and entry["delegated_to"] not in answers:
                    problems.append(f"{meeting}: the delegate {entry['delegated_to']} is not an invitee")
        self.record("after that import, show --json has every answer, per occurrence where one was answered, "
                    "and the delegate among the invitees", problems)

    # --- negative controls

    def negative_controls(self):
        self.control_planted_expectations()
        self.control_mutated_fixtures()
        self.control_known_limitations()
        self.control_planner_comparisons()

    def control_planted_expectations(self):
        problems = []
        case = next(c for c in MANIFEST if c["name"] == "lotus-notes-thisandfuture")
        planted = copy.deepcopy(case)
        first = planted["busy"][0]
        first[0], first[1] = first[0].replace("T06:30", "T07:30"), first[1].replace("T07:30", "T08:30")
        for reader in READERS:
            reading, found = read_with(reader, "busy", BUSY / case["file"], case)
            if found or not compare_reading(reading, expected_for(planted, reader)):
                problems.append(f"{reader}: a busy period planted an hour late in the manifest was not caught")
        wants = copy.deepcopy(ANSWERS["exchange-declined-occurrence.ics"])
        wants[0]["partstat"], wants[0]["occurrence"] = "ACCEPTED", "2013-10-22"
        for reader in READERS:
            reading, found = read_with(reader, "replies", REPLIES / "exchange-declined-occurrence.ics")
            got = [] if found else compare_answers(reading, wants, self.directory)
            if len(got) < 2:
                problems.append(f"{reader}: a planted ACCEPTED for 22 October was not caught twice: {got}")
        self.record("negative control: a planted wrong busy period and a planted wrong answer are caught for both "
                    "readers", problems)

    def control_mutated_fixtures(self):
        """Copies of fixtures without what they are about must read differently."""
        mutations = [
            ("outlook-allday-exdate-local-time", b'EXDATE;TZID="W. Europe Standard Time":20130326T000000\r\n', b"",
             ["python3-icalendar"]),
            ("lotus-notes-thisandfuture", b"RECURRENCE-ID;RANGE=THISANDFUTURE:", b"RECURRENCE-ID:", READERS),
            ("google-rdate-without-time", b"RDATE:20131210Z", b"RDATE;TZID=Europe/Berlin:20131210T090000",
             READERS),
            ("apple-x-wr-timezone-value-text", b"X-WR-TIMEZONE;VALUE=TEXT:Europe/Lisbon\r\n", b"", READERS),
            ("timetable-slash-tzid", b"TZID=/Europe/Stockholm", b"TZID=/Europe/Helsinki", READERS),
            ("lotus-notes-rdate-period", b"20130722T120000Z/PT2H", b"20130722T120000Z/PT8H", ["python3-icalendar"]),
        ]
        problems = []
        for name, old, new, readers in mutations:
            case = next(c for c in MANIFEST if c["name"] == name)
            data = (BUSY / case["file"]).read_bytes()
            if data.count(old) < 1:
                problems.append(f"{case['file']} does not hold {old!r}")
                continue
            copy_path = self.workdir / f"mutated-{case['file']}"
            copy_path.write_bytes(data.replace(old, new))
            for reader in readers:
                reading, found = read_with(reader, "busy", copy_path, case)
                if not found and not compare_reading(reading, expected_for(case, reader)):
                    problems.append(f"{reader} reads {case['file']} with {old!r} replaced by {new!r} as the manifest "
                                    "says: the check does not see that line")
        self.record("negative control: fixtures without their EXDATE, RANGE, bad RDATE, X-WR-TIMEZONE, slash zone "
                    "or own period end read otherwise than the manifest says", problems)

    def control_known_limitations(self):
        """The assertion of a known limitation fails when the library reads the RFC's way."""
        problems = []
        for case in MANIFEST:
            for reader, known in case.get("known", {}).items():
                rfc = expected_for(case)
                reading = dict(rfc, busy=rfc.get("busy"), left_out=[{"summary": s, "reason": ""}
                                                                    for s in rfc["left_out"]])
                if not compare_reading(reading, expected_for(case, reader)):
                    problems.append(f"{case['name']}: {reader} reading the RFC's way would pass as its known "
                                    "limitation")
        self.record("negative control: each known limitation's check fails if the library stops deviating",
                    problems)

    def control_planner_comparisons(self):
        """The planner-side checks pass on the output the contract describes and fail on
        one thing changed, so that they test something while the planner is old."""
        problems = []
        case = next(c for c in MANIFEST if c["name"] == "google-rdate-without-time")
        path = BUSY / case["file"]
        good = planner_busy_expectation(case, path)
        good.update(not_busy=[], left_out=[f"{path}:41: 'Fortbildung Gesprächsführung' is left out: RDATE "
                                           "'20131210Z' is not a date-time"])
        if compare_planner_calendar(good, case, path):
            problems.append(f"the contract's output fails: {compare_planner_calendar(good, case, path)}")
        changes = {
            "a busy period missing": lambda o: o["busy"].pop(),
            "busy unsorted": lambda o: o["busy"].reverse(),
            "the left-out event on another line": lambda o: o.update(left_out=[o["left_out"][0].replace(":41:",
                                                                                                        ":40:")]),
            "the zone chosen by default": lambda o: o.update(zones=[{"name": "Europe/Berlin", "chosen_by": "default",
                                                                     "x_wr_timezone": None}]),
            "an occurrence counted outside": lambda o: o.update(outside_window=dict(o["outside_window"],
                                                                                    occurrences=1)),
            "a not-busy entry too many": lambda o: o["not_busy"].append("x"),
        }
        for what, change in changes.items():
            bad = copy.deepcopy(good)
            change(bad)
            if not compare_planner_calendar(bad, case, path):
                problems.append(f"busy import --json with {what} passes")
        holiday = next(c for c in MANIFEST if c["kind"] == "holidays")
        hpath = BUSY / holiday["file"]
        hgood = planner_busy_expectation(holiday, hpath)
        hgood["left_out"] = [f"{hpath}:16:1: RRULE '' of 'Staatsfeiertag' is not a recurrence rule"]
        if compare_planner_calendar(hgood, holiday, hpath):
            problems.append(f"the contract's holiday output fails: {compare_planner_calendar(hgood, holiday, hpath)}")
        hbad = copy.deepcopy(hgood)
        hbad["days"].append({"date": "2013-05-01", "name": "Staatsfeiertag"})
        if not compare_planner_calendar(hbad, holiday, hpath):
            problems.append("holidays import --json with the left-out day passes")
        expected = planner_answers(REPLIES / "thunderbird-delegated.ics", ANSWERS["thunderbird-delegated.ics"],
                                   self.directory)
        out = {"recorded": copy.deepcopy(expected), "skipped": 0, "warnings": [], "files_skipped": []}
        if compare_planner_replies(out, expected):
            problems.append(f"the contract's replies output fails: {compare_planner_replies(out, expected)}")
        for what, change in {"no delegate": lambda o: o["recorded"][0].update(delegated_to=None),
                             "another answer": lambda o: o["recorded"][0].update(answer="declined"),
                             "an occurrence": lambda o: o["recorded"][0].update(occurrence="2013-06-13"),
                             "a skipped answer": lambda o: o.update(skipped=1)}.items():
            bad = copy.deepcopy(out)
            change(bad)
            if not compare_planner_replies(bad, expected):
                problems.append(f"replies import --json with {what} passes")
        self.record("negative control: the planner-side checks accept the contract's output and catch one busy "
                    "period, order, line, zone, count, day or answer wrong", problems)

    def run_all(self):
        steps = [self.check_shapes, self.check_calendar_readers, self.check_answer_readers, self.negative_controls]
        if not self.skip_planner:
            steps += [self.check_planner_calendars, self.check_planner_replies]
        for step in steps:
            print(f"---- {step.__name__}")
            step()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--planner", default=str(ROOT / "build" / "cli" / "planner"), help="the planner binary")
    parser.add_argument("--skip-planner", action="store_true",
                        help="check the fixtures, python3-icalendar and ical.js only, not the planner")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    began = time.monotonic()
    results = Results()
    planner = Path(args.planner).resolve()
    missing = missing_tools(planner, args.skip_planner)
    results.record("reader tools are installed", missing + ([INSTALL_HINT] if missing else []))
    if not missing:
        run_in_workdir("readers", args.keep, results,
                       lambda workdir: ReadersTest(planner, workdir, results, args.skip_planner).run_all())
    if args.skip_planner:
        print("     the planner was not run (--skip-planner)")
    return results.summary("readers", began)


if __name__ == "__main__":
    sys.exit(main())
