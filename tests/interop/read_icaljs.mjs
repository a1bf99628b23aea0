// Reads an iCalendar file with ical.js (the parser in Thunderbird) and prints
// what it understood as JSON, for interop_test.py to compare with the store.
//
//   node read_icaljs.mjs FILE
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
  });
}

process.stdout.write(
  JSON.stringify({ method: root.getFirstPropertyValue('method') ?? null, events }, null, 2) + '\n',
);
