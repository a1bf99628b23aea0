// Reads another person's calendar, a holiday calendar or an answer to an
// invitation with ical.js (the parser in Thunderbird) and prints, as JSON, what
// it comes to, in the same shape and by the same rules as read_calendar_python.py,
// for readers_test.py:
//
//   node read_calendar_icaljs.mjs busy FILE --from YYYY-MM-DD --to YYYY-MM-DD [--timezone ZONE]
//   node read_calendar_icaljs.mjs holidays FILE --from YYYY-MM-DD --to YYYY-MM-DD
//   node read_calendar_icaljs.mjs replies FILE.ics
//
// ical.js parses (a stream of several VCALENDARs comes back as a list of them) and
// expands series itself: ICAL.Event with its overriding events (strictExceptions,
// same UID), iterated with EXDATE and RDATE applied by ical.js, each occurrence's
// times and item from getOccurrenceDetails, which applies RECURRENCE-ID and
// RANGE=THISANDFUTURE. What ical.js leaves to its caller this script decides the
// RFC's way, as the Python reader does:
//
//   * zone of floating times and all-day dates: --timezone, else X-WR-TIMEZONE
//     (with or without VALUE=TEXT), else Europe/Berlin. ical.js has no zone
//     database: a TZID the file defines with a VTIMEZONE is converted by ical.js;
//     a floating time, an all-day date and a TZID without VTIMEZONE (ical.js reads
//     it as floating) are converted here with the zone data of node's Intl, the
//     TZID's IANA name after a leading "/" (a globally unique id, RFC 5545 3.2.19);
//   * an event whose reading makes ical.js throw is left out ("left_out", with
//     ical.js's message); the rest of the file is read;
//   * busy, not busy, the window and "outside_window" as in read_calendar_python.py.
//
// For replies (an .ics; readers_test.py takes the calendar out of an .eml with
// Python's email package first): one answer per VEVENT of a METHOD:REPLY calendar,
// as read_calendar_python.py lists them.
//
// Exits 1 with a message on stderr when the file cannot be read at all.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const DEFAULT_ZONE = 'Europe/Berlin';
const MAX_OCCURRENCES = 1000;
const DAY = 24 * 3600 * 1000;

function fail(message) {
  process.stderr.write(`read_calendar_icaljs: ${message}\n`);
  process.exit(1);
}

function parseArguments(argv) {
  const [kind, file, ...rest] = argv;
  if (!['busy', 'holidays', 'replies'].includes(kind) || !file) {
    fail('usage: node read_calendar_icaljs.mjs busy|holidays|replies FILE [--from D --to D] [--timezone ZONE]');
  }
  const options = { kind, file };
  const names = { '--from': 'from', '--to': 'to', '--timezone': 'timezone' };
  for (let i = 0; i < rest.length; i += 2) {
    if (!names[rest[i]] || rest[i + 1] === undefined) fail(`unexpected '${rest[i]}'`);
    options[names[rest[i]]] = rest[i + 1];
  }
  if (kind !== 'replies' && !(options.from && options.to)) fail('busy and holidays need --from and --to');
  return options;
}

// ------------------------------------------------------------------ zones (Intl)

function knownZone(name) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map();
function partsAt(ms, zone) {
  if (!formats.has(zone)) {
    formats.set(zone, new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }));
  }
  const parts = {};
  for (const { type, value } of formats.get(zone).formatToParts(new Date(ms))) parts[type] = Number(value);
  return parts;
}

function offsetAt(ms, zone) {
  const p = partsAt(ms, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
}

// The UTC milliseconds of a wall-clock time in an IANA zone (the earlier of two).
function wallClockToUtc(year, month, day, hour, minute, second, zone) {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - offsetAt(guess - DAY / 2, zone);
  const second_ = guess - offsetAt(guess + DAY / 2, zone);
  const candidates = [first, second_].filter((t) => t + offsetAt(t, zone) === guess).sort((a, b) => a - b);
  return candidates.length ? candidates[0] : guess - offsetAt(guess, zone);
}

function localDate(ms, zone) {
  const p = partsAt(ms, zone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function isoUtc(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function addDays(isoDate, days) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

class Unreadable extends Error {}

function ianaName(tzid) {
  for (const prefix of ['/freeassociation.sourceforge.net/Tzfile/', '/freeassociation.sourceforge.net/', '/']) {
    if (tzid.startsWith(prefix)) return tzid.slice(prefix.length);
  }
  return tzid;
}

// UTC milliseconds of an ICAL.Time; `tzid` is the TZID its property was written with.
function utcMs(time, tzid, zone) {
  if (time.isDate) return wallClockToUtc(time.year, time.month, time.day, 0, 0, 0, zone.name);
  const own = time.zone;
  if (own && own !== ICAL.Timezone.localTimezone && own.tzid !== 'floating') return time.toUnixTime() * 1000;
  const name = tzid ? ianaName(String(tzid)) : zone.name;
  if (!knownZone(name)) throw new Unreadable(`TZID=${tzid} names no zone the file or the tz database defines`);
  return wallClockToUtc(time.year, time.month, time.day, time.hour, time.minute, time.second, name);
}

function tzidOf(component, name) {
  const prop = component.getFirstProperty(name);
  return prop ? prop.getParameter('tzid') : undefined;
}

function chooseZone(roots, given) {
  if (given) return { name: given, chosen_by: '--timezone' };
  for (const root of roots) {
    const named = root.getFirstPropertyValue('x-wr-timezone');
    if (named && knownZone(String(named))) return { name: String(named), chosen_by: 'X-WR-TIMEZONE' };
  }
  return { name: DEFAULT_ZONE, chosen_by: 'default' };
}

// ------------------------------------------------------------------ events

function busyReason(component) {
  const transp = String(component.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase();
  if (transp === 'TRANSPARENT' || transp === 'TRANSPARENT-NOCONFLICT') return 'transparent';
  if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return 'cancelled';
  if (String(component.getFirstPropertyValue('x-microsoft-cdo-busystatus') ?? '').toUpperCase() === 'FREE') {
    return 'X-MICROSOFT-CDO-BUSYSTATUS:FREE';
  }
  return null;
}

class Reading {
  constructor(zone, first, last) {
    this.zone = zone;
    this.first = first;
    this.last = last;
    this.occurrences = []; // [startMs, endMs, summary, reason]
    this.leftOut = [];
    this.unmatched = [];
    this.outside = { occurrences: 0, first: null, last: null, endless: 0 };
  }

  localDays(start, end) {
    const first = localDate(start, this.zone.name);
    const last = end > start ? localDate(end - 1, this.zone.name) : first;
    return [first, last];
  }

  add(start, end, component) {
    const [first, last] = this.localDays(start, end);
    if (first > this.last || last < this.first) {
      this.outside.occurrences += 1;
      if (this.outside.first === null || first < this.outside.first) this.outside.first = first;
      if (this.outside.last === null || first > this.outside.last) this.outside.last = first;
      return;
    }
    this.occurrences.push([start, end, component.getFirstPropertyValue('summary') ?? '', busyReason(component)]);
  }
}

function readSeries(master, overrides, reading) {
  const series = new ICAL.Event(master, { strictExceptions: true, exceptions: overrides });
  const endless = master.getAllProperties('rrule').some((prop) => {
    const rule = prop.getFirstValue();
    return !rule.count && !rule.until;
  });
  const matched = new Set();
  const iterator = series.iterator();
  let count = 0;
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (count++ >= MAX_OCCURRENCES) break;
    const day = `${String(next.year).padStart(4, '0')}-${String(next.month).padStart(2, '0')}-${String(next.day).padStart(2, '0')}`;
    if (endless && day > reading.last) break;
    const details = series.getOccurrenceDetails(next);
    const item = details.item.component;
    if (details.item !== series) matched.add(details.item.recurrenceId.toString());
    const start = utcMs(details.startDate, tzidOf(item, 'dtstart'), reading.zone);
    const end = utcMs(details.endDate, tzidOf(item, item.hasProperty('dtend') ? 'dtend' : 'dtstart'), reading.zone);
    reading.add(start, end, item);
  }
  for (const override of overrides) {
    const event = new ICAL.Event(override);
    if (!matched.has(event.recurrenceId.toString())) reading.unmatched.push(event.summary ?? '');
  }
  if (endless) reading.outside.endless += 1;
}

function readEvent(master, overrides, reading) {
  const saved = [reading.occurrences.length, { ...reading.outside }, reading.unmatched.length];
  try {
    if (master.hasProperty('rrule') || master.hasProperty('rdate')) {
      readSeries(master, overrides, reading);
    } else {
      const event = new ICAL.Event(master, { exceptions: [] });
      const start = utcMs(event.startDate, tzidOf(master, 'dtstart'), reading.zone);
      const end = utcMs(event.endDate, tzidOf(master, master.hasProperty('dtend') ? 'dtend' : 'dtstart'), reading.zone);
      reading.add(start, end, master);
    }
  } catch (error) {
    reading.occurrences.length = saved[0];
    reading.outside = saved[1];
    reading.unmatched.length = saved[2];
    reading.leftOut.push({
      summary: master.getFirstPropertyValue('summary') ?? '',
      reason: `${error instanceof Unreadable ? '' : 'ical.js: '}${error.message}`,
    });
  }
}

function readEvents(roots, zone, first, last) {
  const reading = new Reading(zone, first, last);
  for (const root of roots) {
    const events = root.getAllSubcomponents('vevent');
    const masters = events.filter((e) => !e.hasProperty('recurrence-id'));
    const uids = new Set(masters.map((e) => String(e.getFirstPropertyValue('uid'))));
    for (const master of masters) {
      const uid = String(master.getFirstPropertyValue('uid'));
      const overrides = events.filter((e) => e.hasProperty('recurrence-id') && String(e.getFirstPropertyValue('uid')) === uid);
      readEvent(master, overrides, reading);
    }
    for (const orphan of events.filter((e) => e.hasProperty('recurrence-id') && !uids.has(String(e.getFirstPropertyValue('uid'))))) {
      readEvent(orphan, [], reading);
    }
  }
  return reading;
}

function busyJson(reading) {
  const busy = [];
  const notBusy = new Set();
  for (const [start, end, summary, reason] of reading.occurrences) {
    if (reason === null && end > start) busy.push([isoUtc(start), isoUtc(end), summary]);
    else notBusy.add(summary);
  }
  busy.sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : a.join('\u0000') > b.join('\u0000') ? 1 : 0));
  return {
    zone: reading.zone,
    busy,
    not_busy: [...notBusy].sort(),
    left_out: reading.leftOut,
    outside_window: reading.outside,
    unmatched_overrides: reading.unmatched,
  };
}

function holidaysJson(reading) {
  const days = new Map();
  for (const [start, end, summary, reason] of reading.occurrences) {
    if (reason === 'cancelled') continue;
    const [first, last] = reading.localDays(start, end);
    for (let day = first < reading.first ? reading.first : first; day <= last && day <= reading.last; day = addDays(day, 1)) {
      days.set(`${day}\u0000${summary}`, [day, summary]);
    }
  }
  return {
    zone: reading.zone,
    days: [...days.keys()].sort().map((key) => days.get(key)),
    left_out: reading.leftOut,
    outside_window: reading.outside,
    unmatched_overrides: reading.unmatched,
  };
}

// ------------------------------------------------------------------ replies

function address(value) {
  const text = String(value ?? '');
  return (text.toLowerCase().startsWith('mailto:') ? text.slice('mailto:'.length) : text).toLowerCase();
}

function answerOf(vevent) {
  const errors = [];
  const answering = vevent.getAllProperties('attendee').filter((p) => p.getParameter('delegated-from') === undefined);
  if (answering.length !== 1) errors.push(`${answering.length} answering ATTENDEEs, expected one`);
  const attendee = answering[0];
  const commentProp = vevent.getFirstProperty('comment');
  const raw = commentProp ? String(commentProp.getFirstValue()) : null;
  let comment = raw;
  const commenter = commentProp?.getParameter('x-commenter');
  if (commenter !== undefined && String(commenter).toLowerCase() === 'mailto') {
    comment = raw.replace(/^[^:\s]+@[^:\s]+:/, '');
  }
  let recurrence = null;
  const ridProp = vevent.getFirstProperty('recurrence-id');
  if (ridProp) {
    const rid = ridProp.getFirstValue();
    const tzid = ridProp.getParameter('tzid');
    if (rid.isDate) recurrence = { date: rid.toString() };
    else if (rid.zone === ICAL.Timezone.utcTimezone) recurrence = { utc: isoUtc(rid.toUnixTime() * 1000) };
    else {
      const zoned = rid.zone && rid.zone !== ICAL.Timezone.localTimezone && rid.zone.tzid !== 'floating';
      recurrence = { local: rid.toString(), tzid: tzid === undefined ? '' : String(tzid),
                     utc: zoned ? isoUtc(rid.toUnixTime() * 1000) : null };
    }
  }
  const sequence = vevent.getFirstPropertyValue('sequence');
  const delegatedTo = attendee?.getParameter('delegated-to');
  const description = vevent.getFirstProperty('description');
  const location = vevent.getFirstProperty('location');
  return {
    uid: String(vevent.getFirstPropertyValue('uid') ?? ''),
    attendee: attendee ? address(attendee.getFirstValue()) : null,
    partstat: attendee ? String(attendee.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase() : null,
    sequence: sequence === null || sequence === undefined ? 0 : Number(sequence),
    recurrence_id: recurrence,
    comment,
    comment_raw: raw,
    delegated_to: delegatedTo === undefined ? null : address(Array.isArray(delegatedTo) ? delegatedTo[0] : delegatedTo),
    description: description ? String(description.getFirstValue() ?? '') : null,
    location: location ? String(location.getFirstValue() ?? '') : null,
    errors,
  };
}

function repliesJson(roots) {
  const answers = [];
  for (const root of roots) {
    if (String(root.getFirstPropertyValue('method') ?? '').toUpperCase() !== 'REPLY') continue;
    for (const vevent of root.getAllSubcomponents('vevent')) answers.push(answerOf(vevent));
  }
  return {
    methods: roots.map((root) => String(root.getFirstPropertyValue('method') ?? '').toUpperCase()),
    answers,
  };
}

// ------------------------------------------------------------------ main

const options = parseArguments(process.argv.slice(2));
let roots;
try {
  const parsed = ICAL.parse(readFileSync(options.file, 'utf8'));
  roots = (typeof parsed[0] === 'string' ? [parsed] : parsed).map((jcal) => new ICAL.Component(jcal));
} catch (error) {
  fail(`ical.js cannot parse ${options.file}: ${error.message}`);
}
let result;
if (options.kind === 'replies') {
  result = repliesJson(roots);
} else {
  const zone = chooseZone(roots, options.timezone);
  if (!knownZone(zone.name)) fail(`no zone data for ${zone.name}`);
  const reading = readEvents(roots, zone, options.from, options.to);
  result = options.kind === 'busy' ? busyJson(reading) : holidaysJson(reading);
  result.calendars = roots.length;
}
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
