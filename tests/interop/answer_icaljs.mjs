// Answers an invitation as an attendee's calendar client would, with ical.js (the
// parser and writer in Thunderbird), and prints the METHOD:REPLY calendar, for the
// end-to-end tests of the invitation life cycle:
//
//   node answer_icaljs.mjs INVITATION.ics ATTENDEE_ADDRESS PARTSTAT
//                          [--delegate-to ADDRESS [--delegate-name NAME]] [--comment TEXT]
//
// ATTENDEE_ADDRESS is matched against the invitation's ATTENDEEs without "mailto:" and
// ignoring case. PARTSTAT is written as given (upper-cased): ACCEPTED, DECLINED,
// TENTATIVE, DELEGATED, NEEDS-ACTION, or anything else a test wants the planner to
// refuse. --delegate-to (only with DELEGATED, which needs it) adds DELEGATED-TO to the
// attendee, as Outlook and Google send a delegation; --delegate-name also lists the
// delegate as a second ATTENDEE with that CN and DELEGATED-FROM, as RFC 5546 4.2.5
// shows it. --comment adds a COMMENT, where Outlook and Google put the attendee's note.
//
// The reply keeps the invitation's VTIMEZONEs and, for every VEVENT that lists the
// attendee (a series and its overriding occurrences), its UID, SEQUENCE, DTSTART,
// DTEND, RECURRENCE-ID and ORGANIZER, with that one ATTENDEE and DTSTAMP now (UTC).
// The output has CRLF line ends, folded by ical.js.
//
// Exits 1 with a message on stderr when the file is not an invitation or does not
// list the attendee, 2 on a usage error.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const USAGE =
  'usage: node answer_icaljs.mjs INVITATION.ics ATTENDEE_ADDRESS PARTSTAT ' +
  '[--delegate-to ADDRESS [--delegate-name NAME]] [--comment TEXT]';

function fail(message, code = 1) {
  process.stderr.write(`answer_icaljs: ${message}\n`);
  process.exit(code);
}

function parseArguments(argv) {
  const [file, address, partstat, ...rest] = argv;
  if (!file || !address || !partstat) fail(USAGE, 2);
  const options = { file, address, partstat: partstat.toUpperCase() };
  const names = { '--delegate-to': 'delegateTo', '--delegate-name': 'delegateName', '--comment': 'comment' };
  for (let i = 0; i < rest.length; i += 2) {
    const name = names[rest[i]];
    if (!name || rest[i + 1] === undefined) fail(`unexpected '${rest[i]}'\n${USAGE}`, 2);
    options[name] = rest[i + 1];
  }
  if (!/^[A-Z0-9-]+$/.test(options.partstat)) fail(`'${partstat}' is not a PARTSTAT value\n${USAGE}`, 2);
  if ((options.partstat === 'DELEGATED') !== (options.delegateTo !== undefined)) {
    fail('PARTSTAT DELEGATED and --delegate-to go together', 2);
  }
  if (options.delegateName !== undefined && options.delegateTo === undefined) {
    fail('--delegate-name needs --delegate-to', 2);
  }
  return options;
}

function addressOf(calAddress) {
  const text = String(calAddress ?? '');
  return text.toLowerCase().startsWith('mailto:') ? text.slice('mailto:'.length) : text;
}

function sameAddress(a, b) {
  return addressOf(a).toLowerCase() === addressOf(b).toLowerCase();
}

// ical.js components and properties share their jCal arrays: copy before reusing.
function copyComponent(component) {
  return new ICAL.Component(structuredClone(component.toJSON()));
}

function copyProperty(property) {
  return new ICAL.Property(structuredClone(property.toJSON()));
}

function readInvitation(file) {
  let root;
  try {
    root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    fail(`ical.js cannot parse ${file}: ${error.message}`);
  }
  const method = String(root.getFirstPropertyValue('method') ?? '').toUpperCase();
  if (method !== 'REQUEST') fail(`${file}: METHOD is '${method}'; expected REQUEST, an invitation`);
  return root;
}

function answeringAttendee(vevent, options) {
  const attendee = vevent.getAllProperties('attendee').find((p) => sameAddress(p.getFirstValue(), options.address));
  if (!attendee) return null;
  const answer = copyProperty(attendee);
  answer.setParameter('partstat', options.partstat);
  answer.removeParameter('rsvp');  // asked for a reply, and this is it
  if (options.delegateTo !== undefined) answer.setParameter('delegated-to', `mailto:${options.delegateTo}`);
  return answer;
}

function delegateAttendee(options, delegator) {
  const delegate = new ICAL.Property('attendee');
  delegate.setParameter('cn', options.delegateName);
  delegate.setParameter('rsvp', 'TRUE');
  delegate.setParameter('delegated-from', delegator.getFirstValue());
  delegate.setValue(`mailto:${options.delegateTo}`);
  return delegate;
}

// The VEVENT of the reply to one VEVENT of the invitation, or null when the attendee
// is not invited to it.
function replyEvent(invited, options) {
  const attendee = answeringAttendee(invited, options);
  if (!attendee) return null;
  const reply = new ICAL.Component('vevent');
  for (const name of ['uid', 'sequence', 'dtstart', 'dtend', 'recurrence-id', 'organizer']) {
    const property = invited.getFirstProperty(name);
    if (property) reply.addProperty(copyProperty(property));
  }
  reply.addProperty(attendee);
  if (options.delegateName !== undefined) reply.addProperty(delegateAttendee(options, attendee));
  reply.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(), true));
  if (options.comment !== undefined) reply.addPropertyWithValue('comment', options.comment);
  return reply;
}

const options = parseArguments(process.argv.slice(2));
const invitation = readInvitation(options.file);

const reply = new ICAL.Component('vcalendar');
reply.addPropertyWithValue('prodid', '-//planner tests//answer_icaljs with ical.js//EN');
reply.addPropertyWithValue('version', '2.0');
reply.addPropertyWithValue('method', 'REPLY');
for (const vtimezone of invitation.getAllSubcomponents('vtimezone')) reply.addSubcomponent(copyComponent(vtimezone));

const events = invitation
  .getAllSubcomponents('vevent')
  .map((vevent) => replyEvent(vevent, options))
  .filter((vevent) => vevent !== null);
if (events.length === 0) fail(`${options.file} does not invite '${options.address}'`);
events.forEach((vevent) => reply.addSubcomponent(vevent));

const text = ICAL.stringify(reply.toJSON());
process.stdout.write(text.endsWith('\r\n') ? text : `${text}\r\n`);
