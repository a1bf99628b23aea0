// Reads an iCalendar file with ical.js (the parser in Thunderbird) and prints
// what it understood as JSON, for interop_test.py to compare with the store.
//
//   node read_icaljs.mjs FILE
//
// Every VEVENT is listed in `events` (an overriding one with its recurrence_id).
// When the file holds a series (one event with RRULE), `occurrences` is what
// ical.js expands: ICAL.Event with the overriding events related to it, iterated
// (EXDATE applied by ical.js) up to 1000 occurrences or the year 2200, each with
// the time, status and location of the event that stands for it; overriding events
// whose RECURRENCE-ID names no occurrence are listed in `unmatched_overrides`.
//
// Exits non-zero with a message on stderr when ical.js cannot parse the file or
// when a property names a TZID that no VTIMEZONE in the file defines (ical.js
// would silently treat such a time as floating).
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

function fail(message) {
  process.stderr.write(`read_icaljs: ${message}\n`);
  process.exit(1);
}

function stripMailto(value) {
  const text = String(value ?? '');
  return text.toLowerCase().startsWith('mailto:') ? text.slice('mailto:'.length) : text;
}

function utcIso(time, what) {
  if (!time) return null;
  if (time.isDate) fail(`${what} is a DATE, not a DATE-TIME`);
  if (time.zone === ICAL.Timezone.localTimezone || time.zone == null) {
    fail(`${what} ${time.toString()} is floating (no zone) after registering every VTIMEZONE`);
  }
  // toUnixTime() converts with the registered VTIMEZONE rules.
  return new Date(time.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');
}

function param(prop, name) {
  const value = prop.getParameter(name);
  return value === undefined || value === null ? null : String(value);
}

const file = process.argv[2];
if (!file) fail('usage: node read_icaljs.mjs FILE');

let root;
try {
  root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
} catch (error) {
  fail(`ical.js cannot parse ${file}: ${error.message}`);
}
if (root.name !== 'vcalendar') fail(`top-level component is ${root.name}, not vcalendar`);

// Register every VTIMEZONE before any time value is read.
const registered = new Set();
for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
  const tzid = vtimezone.getFirstPropertyValue('tzid');
  if (!tzid) fail('a VTIMEZONE has no TZID');
  ICAL.TimezoneService.register(vtimezone);
  registered.add(String(tzid));
}

// The same limits as the planner's (planner::max_occurrences, the year 2199).
const MAX_OCCURRENCES = 1000;
const FIRST_YEAR_NOT_EXPANDED = 2200;

const events = [];
for (const vevent of root.getAllSubcomponents('vevent')) {
  for (const prop of vevent.getAllProperties()) {
    const tzid = prop.getParameter('tzid');
    if (tzid !== undefined && tzid !== null && !registered.has(String(tzid))) {
      fail(`${prop.name.toUpperCase()} uses TZID=${tzid} but the file has no VTIMEZONE for it`);
    }
  }
  const event = new ICAL.Event(vevent);
  const organizerProp = vevent.getFirstProperty('organizer');
  const geo = vevent.getFirstPropertyValue('geo');
  const sequence = vevent.getFirstPropertyValue('sequence');
  events.push({
    uid: event.uid ?? null,
    summary: event.summary ?? null,
    location: event.location ?? null,
    description: event.description ?? null,
    start_utc: utcIso(event.startDate, 'DTSTART'),
    end_utc: utcIso(event.endDate, 'DTEND'),
    organizer: organizerProp
      ? { email: stripMailto(organizerProp.getFirstValue()), cn: param(organizerProp, 'cn') }
      : null,
    attendees: vevent.getAllProperties('attendee').map((prop) => ({
      email: stripMailto(prop.getFirstValue()),
      cn: param(prop, 'cn'),
      role: param(prop, 'role'),
      partstat: param(prop, 'partstat'),
      rsvp: param(prop, 'rsvp'),
      cutype: param(prop, 'cutype'),
    })),
    status: vevent.getFirstPropertyValue('status') ?? null,
    sequence: sequence === null || sequence === undefined ? null : Number(sequence),
    geo: Array.isArray(geo) ? geo.map(Number) : null,
    recurrence_id_utc: vevent.hasProperty('recurrence-id') ? utcIso(event.recurrenceId, 'RECURRENCE-ID') : null,
  });
}

// The occurrences of the series, as ical.js expands them.
function expandSeries() {
  const vevents = root.getAllSubcomponents('vevent');
  const masters = vevents.filter((vevent) => vevent.hasProperty('rrule'));
  if (masters.length === 0) return { occurrences: null, unmatched: [] };
  if (masters.length > 1) fail(`${masters.length} events have an RRULE, expected one series`);
  const overrides = vevents.filter((vevent) => vevent.hasProperty('recurrence-id'));
  // strictExceptions: an overriding event of another UID is an error, not a silent match.
  const series = new ICAL.Event(masters[0], { strictExceptions: true });
  try {
    overrides.forEach((vevent) => series.relateException(vevent));
  } catch (error) {
    fail(`ical.js cannot relate an overriding event to the series: ${error.message}`);
  }
  const occurrences = [];
  const matched = new Set();
  const iterator = series.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.year >= FIRST_YEAR_NOT_EXPANDED || occurrences.length >= MAX_OCCURRENCES) break;
    const details = series.getOccurrenceDetails(next);
    const item = details.item;
    if (item !== series) matched.add(item.recurrenceId.toString());
    occurrences.push({
      recurrence_id_utc: utcIso(details.recurrenceId, 'an occurrence'),
      start_utc: utcIso(details.startDate, 'an occurrence\'s start'),
      end_utc: utcIso(details.endDate, 'an occurrence\'s end'),
      status: item.component.getFirstPropertyValue('status') ?? null,
      location: item.location ?? null,
    });
  }
  const unmatched = overrides
    .map((vevent) => new ICAL.Event(vevent))
    .filter((event) => !matched.has(event.recurrenceId.toString()))
    .map((event) => utcIso(event.recurrenceId, 'RECURRENCE-ID'));
  return { occurrences, unmatched };
}

const { occurrences, unmatched } = expandSeries();
process.stdout.write(
  JSON.stringify(
    {
      method: root.getFirstPropertyValue('method') ?? null,
      events,
      occurrences,
      unmatched_overrides: unmatched,
    },
    null,
    2,
  ) + '\n',
);
