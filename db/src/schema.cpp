#include "schema.hpp"

#include <array>

namespace planner::db {
namespace {

// Times are stored as UTC ISO 8601 text ("2012-10-11T12:00:00Z"), which sorts and
// compares correctly as text and stays readable in the sqlite3 shell.
constexpr std::string_view initial_schema = R"sql(
CREATE TABLE county (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    seat  TEXT NOT NULL,
    state TEXT NOT NULL,
    lat   REAL NOT NULL,
    lon   REAL NOT NULL
) STRICT;

CREATE TABLE organisation (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    county TEXT NOT NULL REFERENCES county(id),
    kind   TEXT NOT NULL,
    lat    REAL,
    lon    REAL
) STRICT;

CREATE TABLE person (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    email        TEXT NOT NULL,
    organisation TEXT NOT NULL REFERENCES organisation(id),
    function     TEXT NOT NULL,
    step_free    INTEGER NOT NULL CHECK (step_free IN (0, 1)),
    lat          REAL,
    lon          REAL
) STRICT;

CREATE TABLE venue (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    address    TEXT NOT NULL,
    county     TEXT NOT NULL REFERENCES county(id),
    capacity   INTEGER NOT NULL CHECK (capacity > 0),
    lat        REAL NOT NULL,
    lon        REAL NOT NULL,
    accessible INTEGER CHECK (accessible IN (0, 1))
) STRICT;

CREATE TABLE meeting (
    id          TEXT PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    start_utc   TEXT NOT NULL,
    end_utc     TEXT NOT NULL,
    time_zone   TEXT NOT NULL,
    venue       TEXT NOT NULL REFERENCES venue(id),
    status      TEXT NOT NULL CHECK (status IN ('confirmed', 'tentative', 'cancelled')),
    sequence    INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    CHECK (end_utc > start_utc)
) STRICT;
CREATE INDEX meeting_by_start ON meeting(start_utc);

CREATE TABLE meeting_organiser (
    meeting  TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    person   TEXT NOT NULL REFERENCES person(id),
    PRIMARY KEY (meeting, person)
) STRICT;

CREATE TABLE meeting_participant (
    meeting  TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    person   TEXT NOT NULL REFERENCES person(id),
    role     TEXT NOT NULL CHECK (role IN ('chair', 'required', 'optional', 'info')),
    PRIMARY KEY (meeting, person)
) STRICT;
CREATE INDEX participant_by_person ON meeting_participant(person);

CREATE TABLE meeting_county (
    meeting  TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    county   TEXT NOT NULL REFERENCES county(id),
    PRIMARY KEY (meeting, county)
) STRICT;

CREATE TABLE agenda_item (
    meeting   TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    start_utc TEXT NOT NULL,
    end_utc   TEXT NOT NULL,
    title     TEXT NOT NULL,
    presenter TEXT REFERENCES person(id),
    PRIMARY KEY (meeting, position)
) STRICT;
)sql";

// Office hours per organisation; NULL means none. Existing district offices and
// contact points get the hours the meeting-file reader gives them by default.
constexpr std::string_view office_hours = R"sql(
ALTER TABLE organisation ADD COLUMN office_hours TEXT;
UPDATE organisation SET office_hours = '08:00-17:00' WHERE kind IN ('district-office', 'contact-point');
)sql";

// Series: the RRULE on the meeting, the dates left out, and the occurrences moved or
// given their own status, each named by the local date the rule gives it.
constexpr std::string_view series = R"sql(
ALTER TABLE meeting ADD COLUMN recurrence TEXT;

CREATE TABLE meeting_exception (
    meeting TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    date    TEXT NOT NULL,
    PRIMARY KEY (meeting, date)
) STRICT;

CREATE TABLE meeting_occurrence (
    meeting   TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    date      TEXT NOT NULL,
    start_utc TEXT,
    end_utc   TEXT,
    venue     TEXT REFERENCES venue(id),
    status    TEXT CHECK (status IN ('confirmed', 'tentative', 'cancelled')),
    PRIMARY KEY (meeting, date),
    CHECK ((start_utc IS NULL) = (end_utc IS NULL))
) STRICT;
)sql";

// The life of an invitation and people's own calendars: what was last sent to each
// attendee, the answers read back, busy time from calendar exports and imported days
// off. Each imported row keeps the file it came from, so importing the file again
// replaces exactly its rows. An occurrence answered on its own is named by its date;
// '' is the whole meeting.
constexpr std::string_view invitations_and_calendars = R"sql(
CREATE TABLE invitation_sent (
    meeting   TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    person    TEXT NOT NULL REFERENCES person(id),
    sequence  INTEGER NOT NULL CHECK (sequence >= 0),
    content   TEXT NOT NULL,
    cancelled INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
    PRIMARY KEY (meeting, person)
) STRICT;

CREATE TABLE answer (
    meeting      TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    occurrence   TEXT NOT NULL,
    person       TEXT NOT NULL REFERENCES person(id),
    answer       TEXT NOT NULL CHECK (answer IN ('needs-action', 'accepted', 'declined', 'tentative', 'delegated')),
    sequence     INTEGER NOT NULL CHECK (sequence >= 0),
    answered_utc TEXT NOT NULL,
    delegated_to TEXT REFERENCES person(id),
    comment      TEXT NOT NULL,
    PRIMARY KEY (meeting, occurrence, person)
) STRICT;

CREATE TABLE busy_period (
    person    TEXT NOT NULL REFERENCES person(id),
    source    TEXT NOT NULL,
    start_utc TEXT NOT NULL,
    end_utc   TEXT NOT NULL,
    summary   TEXT NOT NULL,
    CHECK (end_utc > start_utc)
) STRICT;
CREATE INDEX busy_by_source ON busy_period(person, source);

CREATE TABLE listed_holiday (
    region TEXT NOT NULL,
    source TEXT NOT NULL,
    date   TEXT NOT NULL,
    name   TEXT NOT NULL,
    PRIMARY KEY (region, source, date, name)
) STRICT;
)sql";

// Who actually came, recorded after the meeting; an occurrence of a series is named by
// its date, '' is the whole meeting. Walk-ins came without an invitation.
constexpr std::string_view attendance = R"sql(
CREATE TABLE attendance (
    meeting    TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    occurrence TEXT NOT NULL,
    person     TEXT NOT NULL REFERENCES person(id),
    presence   TEXT NOT NULL CHECK (presence IN ('present', 'absent', 'excused')),
    walk_in    INTEGER NOT NULL CHECK (walk_in IN (0, 1)),
    PRIMARY KEY (meeting, occurrence, person)
) STRICT;
)sql";

// A message handed to the mail server is queued first and settled (moved to
// invitation_sent, or dropped when refused) once the server answered: a row left here
// means the planner stopped in between, and a retry must not send it blindly again.
constexpr std::string_view queued_messages = R"sql(
CREATE TABLE invitation_queued (
    meeting    TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    person     TEXT NOT NULL REFERENCES person(id),
    sequence   INTEGER NOT NULL CHECK (sequence >= 0),
    queued_utc TEXT NOT NULL,
    PRIMARY KEY (meeting, person)
) STRICT;
)sql";

// Who may sign in to `planner serve`, and how. Only hashes of secrets are stored: an
// argon2id string for a password, a BLAKE2b hash for a session's cookie token and for an
// API token, so that a copy of the file lets nobody in. An organiser or staff account
// belongs to an organisation; removing an account ends its sessions and tokens. Failed
// logins are counted per login and per client address within a window, and forgotten
// after it: the two indexes answer "how many since then".
constexpr std::string_view accounts = R"sql(
CREATE TABLE account (
    login         TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'organiser', 'staff')),
    organisation  TEXT REFERENCES organisation(id),
    person        TEXT REFERENCES person(id),
    password_hash TEXT NOT NULL,
    created_utc   TEXT NOT NULL,
    CHECK (role = 'admin' OR organisation IS NOT NULL)
) STRICT;

CREATE TABLE session (
    id_hash       TEXT PRIMARY KEY,
    login         TEXT NOT NULL REFERENCES account(login) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    created_utc   TEXT NOT NULL,
    last_seen_utc TEXT NOT NULL
) STRICT;
CREATE INDEX session_by_login ON session(login);

CREATE TABLE api_token (
    hash          TEXT PRIMARY KEY,
    login         TEXT NOT NULL REFERENCES account(login) ON DELETE CASCADE,
    created_utc   TEXT NOT NULL,
    last_used_utc TEXT
) STRICT;
CREATE INDEX api_token_by_login ON api_token(login);

CREATE TABLE login_failure (
    login          TEXT NOT NULL,
    client_address TEXT NOT NULL,
    at_utc         TEXT NOT NULL
) STRICT;
CREATE INDEX login_failure_by_login ON login_failure(login, at_utc);
CREATE INDEX login_failure_by_address ON login_failure(client_address, at_utc);
)sql";

// Questions about a part of the store (a week of meetings, one meeting's page, the
// meetings of some people or of a venue) are answered from indexes, not by reading every
// row. What overlaps a window of time is found by its start: a meeting that ends after
// the window begins started at most its own length before, so each class of length (a
// day, a week, 31 days, longer: length_class 0 to 3, see meeting_queries.cpp) is
// searched from the window's start less that class's longest length. Series are few and
// found apart (their first start alone says nothing of their last), hence the partial
// indexes on single meetings and on series. The other indexes follow foreign keys that the questions
// walk the other way: a person's meetings, a venue's, an organisation's people, the
// people answers name as delegates.
constexpr std::string_view part_questions = R"sql(
ALTER TABLE meeting ADD COLUMN length_class INTEGER GENERATED ALWAYS AS (
    CASE WHEN julianday(end_utc) - julianday(start_utc) <= 1 THEN 0
         WHEN julianday(end_utc) - julianday(start_utc) <= 7 THEN 1
         WHEN julianday(end_utc) - julianday(start_utc) <= 31 THEN 2
         ELSE 3 END) VIRTUAL;
CREATE INDEX single_by_length_and_start ON meeting(length_class, start_utc, end_utc) WHERE recurrence IS NULL;
CREATE INDEX series_by_start ON meeting(start_utc) WHERE recurrence IS NOT NULL;
CREATE INDEX meeting_by_venue ON meeting(venue, start_utc);
CREATE INDEX organiser_by_person ON meeting_organiser(person);
CREATE INDEX person_by_organisation ON person(organisation);
CREATE INDEX answer_by_delegate ON answer(delegated_to) WHERE delegated_to IS NOT NULL;

ALTER TABLE busy_period ADD COLUMN length_class INTEGER GENERATED ALWAYS AS (
    CASE WHEN julianday(end_utc) - julianday(start_utc) <= 1 THEN 0
         WHEN julianday(end_utc) - julianday(start_utc) <= 7 THEN 1
         WHEN julianday(end_utc) - julianday(start_utc) <= 31 THEN 2
         ELSE 3 END) VIRTUAL;
CREATE INDEX busy_by_length_and_start ON busy_period(length_class, start_utc, end_utc);
)sql";

// A person's meetings around a time (one meeting's conflicts, a week's) are found by
// the person and the time together: the organiser and participant rows carry their
// meeting's length_class and the minute it starts (since 1970, in whole minutes, a
// small integer where the text would double the index), kept by the triggers below
// whatever writes them, and are indexed as the meetings are (see part_questions).
// The minute is a coarse copy for the index; the meeting's start_utc stays the truth.
// Without them, every meeting of each person of a meeting was collected for the
// year and then held against the time: 1,800 rows for one meeting's page at a store
// of 100,000 meetings. A row inserted with its copy (as the store's own writes do)
// needs no second write.
constexpr std::string_view people_by_time = R"sql(
ALTER TABLE meeting_organiser ADD COLUMN start_minute INTEGER;
ALTER TABLE meeting_organiser ADD COLUMN length_class INTEGER;
ALTER TABLE meeting_participant ADD COLUMN start_minute INTEGER;
ALTER TABLE meeting_participant ADD COLUMN length_class INTEGER;
UPDATE meeting_organiser SET (start_minute, length_class) =
    (SELECT unixepoch(m.start_utc) / 60, m.length_class FROM meeting m WHERE m.id = meeting_organiser.meeting);
UPDATE meeting_participant SET (start_minute, length_class) =
    (SELECT unixepoch(m.start_utc) / 60, m.length_class FROM meeting m WHERE m.id = meeting_participant.meeting);
DROP INDEX organiser_by_person;
DROP INDEX participant_by_person;
DROP INDEX meeting_by_venue;
CREATE INDEX organiser_by_person_and_time ON meeting_organiser(person, length_class, start_minute);
CREATE INDEX participant_by_person_and_time ON meeting_participant(person, length_class, start_minute);
CREATE INDEX meeting_by_venue_and_time ON meeting(venue, length_class, start_utc);

CREATE TRIGGER organiser_takes_meeting_time AFTER INSERT ON meeting_organiser
WHEN NEW.start_minute IS NULL OR NEW.length_class IS NULL BEGIN
    UPDATE meeting_organiser SET (start_minute, length_class) =
        (SELECT unixepoch(m.start_utc) / 60, m.length_class FROM meeting m WHERE m.id = NEW.meeting)
    WHERE meeting = NEW.meeting AND person = NEW.person;
END;
CREATE TRIGGER participant_takes_meeting_time AFTER INSERT ON meeting_participant
WHEN NEW.start_minute IS NULL OR NEW.length_class IS NULL BEGIN
    UPDATE meeting_participant SET (start_minute, length_class) =
        (SELECT unixepoch(m.start_utc) / 60, m.length_class FROM meeting m WHERE m.id = NEW.meeting)
    WHERE meeting = NEW.meeting AND person = NEW.person;
END;
CREATE TRIGGER meeting_time_to_its_people AFTER UPDATE OF start_utc, end_utc ON meeting
WHEN OLD.start_utc IS NOT NEW.start_utc OR OLD.end_utc IS NOT NEW.end_utc BEGIN
    UPDATE meeting_organiser SET start_minute = unixepoch(NEW.start_utc) / 60, length_class = NEW.length_class
    WHERE meeting = NEW.id;
    UPDATE meeting_participant SET start_minute = unixepoch(NEW.start_utc) / 60, length_class = NEW.length_class
    WHERE meeting = NEW.id;
END;
)sql";

// An answer given by phone or letter and written down by an organiser names who wrote
// it down (an account's login, or the command line's user); NULL for a reply read from
// the person's own calendar or mail.
constexpr std::string_view answers_by_hand = R"sql(
ALTER TABLE answer ADD COLUMN recorded_by TEXT;
)sql";

// A meeting changed other than by importing a meeting file (in the browser's form, by
// `schedule` or `cancel`) since a file last wrote it: a later import of a file keeps
// that change rather than silently set it back, unless told to overwrite it.
constexpr std::string_view changes_outside_files = R"sql(
ALTER TABLE meeting ADD COLUMN changed_outside_file INTEGER NOT NULL DEFAULT 0 CHECK (changed_outside_file IN (0, 1));
)sql";

// The service's outbox: each message composed when the organiser sent it, and handed to
// the mail server by the service's worker, which alone moves it on: queued (waiting for
// its time), sending (handed over, the answer not yet recorded), then sent, refused (the
// server's words kept), given up after the last retry, unconfirmed (handed over and no
// answer came, the service stopped or the connection broke, so it may have gone out: it
// is sent again only when an organiser says so), or superseded (a newer version, or
// none, was queued for the person before it went). A sent message's version goes to invitation_sent in
// the same transaction. The message text is the whole mail, so that a retry sends the
// very bytes the first try did; once it is sent or superseded, or a newer message to
// its person is queued, it is emptied (schema 14: it holds the recipient's own link to
// answer, which the store keeps only as a hash).
constexpr std::string_view outbox = R"sql(
CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY,
    meeting        TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    person         TEXT NOT NULL REFERENCES person(id),
    sequence       INTEGER NOT NULL CHECK (sequence >= 0),
    content        TEXT NOT NULL,
    cancelled      INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
    envelope_from  TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    message        TEXT NOT NULL,
    queued_by      TEXT NOT NULL,
    queued_utc     TEXT NOT NULL,
    state          TEXT NOT NULL
                   CHECK (state IN ('queued', 'sending', 'sent', 'refused', 'given_up', 'unconfirmed',
                                    'superseded')),
    attempts       INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_try_utc   TEXT NOT NULL,
    settled_utc    TEXT,
    server_said    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_due ON outbox(next_try_utc, id) WHERE state = 'queued';
CREATE INDEX outbox_by_meeting ON outbox(meeting, person, id);
CREATE INDEX outbox_sending ON outbox(state) WHERE state = 'sending';
)sql";

// Someone without e-mail gets a printed letter: their postal address, the lines below
// the name in the letter's address field. Their email is '' (the column stays NOT NULL,
// so that older planners reading the file find text where they expect it).
constexpr std::string_view postal_addresses = R"sql(
ALTER TABLE person ADD COLUMN postal_address TEXT NOT NULL DEFAULT '';
)sql";

// Links of a person's own, for people without an account: each opens one thing for one
// person (the answer to one meeting or series, a date poll, a feed of their meetings),
// and its purpose is part of the row, so a link made for one thing opens nothing else.
// Only the token's hash is kept, as with sessions. Following a link opens a short
// session of its own (`link_session`), so the token leaves the address bar at once.
// A wrong token is counted against the client address for a while (`link_failure`),
// as a failed login is.
constexpr std::string_view personal_links = R"sql(
CREATE TABLE personal_link (
    hash        TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL CHECK (purpose IN ('answer', 'poll', 'feed')),
    person      TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    meeting     TEXT REFERENCES meeting(id) ON DELETE CASCADE,
    created_utc TEXT NOT NULL,
    expires_utc TEXT,
    revoked     INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) STRICT;
CREATE INDEX personal_link_by_person ON personal_link(person, purpose);
CREATE INDEX personal_link_by_meeting ON personal_link(meeting);

CREATE TABLE link_session (
    id_hash     TEXT PRIMARY KEY,
    link        TEXT NOT NULL REFERENCES personal_link(hash) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_utc TEXT NOT NULL
) STRICT;
CREATE INDEX link_session_by_link ON link_session(link);

CREATE TABLE link_failure (
    client_address TEXT NOT NULL,
    at_utc         TEXT NOT NULL
) STRICT;
CREATE INDEX link_failure_by_address ON link_failure(client_address, at_utc);
)sql";

// Whether a meeting's invitees see each other, as its organiser set it; NULL: by the
// rule (hidden when anyone invited belongs to a self-help group or civic initiative).
constexpr std::string_view guest_lists = R"sql(
ALTER TABLE meeting ADD COLUMN participants_see_each_other INTEGER CHECK (participants_see_each_other IN (0, 1));
)sql";

// A date poll: the times a tentative meeting may take place (in order), what each
// invitee said of each (yes, if need be, no; changeable until it closes), whether the
// voters see each other's names, and when it closed (confirmed at one time, whose
// position is `chosen`, or ended without one). A closed poll is deleted with its votes
// after a while (services::polls). Poll mail goes through the outbox beside the
// meeting's calendar mail, as a kind of its own: it supersedes only poll mail, and
// sending it gives nobody a version of the meeting.
constexpr std::string_view polls = R"sql(
CREATE TABLE poll (
    meeting     TEXT PRIMARY KEY REFERENCES meeting(id) ON DELETE CASCADE,
    names_shown INTEGER NOT NULL CHECK (names_shown IN (0, 1)),
    created_by  TEXT NOT NULL,
    created_utc TEXT NOT NULL,
    closed_utc  TEXT,
    chosen      INTEGER,
    CHECK (chosen IS NULL OR closed_utc IS NOT NULL)
) STRICT;
CREATE INDEX poll_by_closing ON poll(closed_utc) WHERE closed_utc IS NOT NULL;

CREATE TABLE poll_candidate (
    meeting   TEXT NOT NULL REFERENCES poll(meeting) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 0),
    start_utc TEXT NOT NULL,
    end_utc   TEXT NOT NULL,
    PRIMARY KEY (meeting, position),
    CHECK (end_utc > start_utc)
) STRICT;

CREATE TABLE poll_vote (
    meeting   TEXT NOT NULL,
    position  INTEGER NOT NULL,
    person    TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    vote      TEXT NOT NULL CHECK (vote IN ('yes', 'if_need_be', 'no')),
    voted_utc TEXT NOT NULL,
    PRIMARY KEY (meeting, person, position),
    FOREIGN KEY (meeting, position) REFERENCES poll_candidate(meeting, position) ON DELETE CASCADE
) STRICT;

ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'calendar' CHECK (kind IN ('calendar', 'poll'));
)sql";

// Whether a meeting is public: in the public feeds of its counties and its organisers'
// organisations, without anyone invited.
constexpr std::string_view published_meetings = R"sql(
ALTER TABLE meeting ADD COLUMN published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1));
CREATE INDEX meeting_published ON meeting(id) WHERE published = 1;
)sql";

constexpr std::array<std::string_view, 17> all_migrations{
    initial_schema, office_hours,   series,         invitations_and_calendars, attendance,           queued_messages,
    accounts,       part_questions, people_by_time, answers_by_hand,           changes_outside_files, outbox,
    postal_addresses, personal_links, guest_lists, polls, published_meetings};

}  // namespace

std::span<const std::string_view> migrations()
{
    return all_migrations;
}

}  // namespace planner::db
