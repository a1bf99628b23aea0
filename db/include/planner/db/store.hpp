#pragma once

#include <planner/answer.hpp>
#include <planner/db/account_rows.hpp>
#include <planner/db/link_rows.hpp>
#include <planner/db/poll_rows.hpp>
#include <planner/attendance_stats.hpp>
#include <planner/error.hpp>
#include <planner/busy_period.hpp>
#include <planner/db/meeting_file.hpp>
#include <planner/db/meeting_query.hpp>
#include <planner/directory.hpp>
#include <planner/holidays.hpp>
#include <planner/invitation_plan.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace planner::db {

enum class OpenMode { create_if_missing, must_exist };
// What becomes of the writes: kept, or rolled back when the store is closed (a dry run:
// every write happens, as a savepoint of one transaction that is never committed, so
// that a command can say what it would change; the store file stays as it was).
enum class Writes { kept, rolled_back };

// How an import changed one kind of record.
struct ImportCount {
    int added = 0;
    int updated = 0;
    int unchanged = 0;

    friend bool operator==(const ImportCount&, const ImportCount&) = default;
};

struct ImportReport {
    ImportCount counties;
    ImportCount organisations;
    ImportCount people;
    ImportCount venues;
    ImportCount meetings;
    // Meetings changed outside a file since one last wrote them (in the browser, by
    // `schedule` or `cancel`) that the file has otherwise: kept as the store has them.
    std::vector<MeetingId> kept_changed;

    friend bool operator==(const ImportReport&, const ImportReport&) = default;
};

using planner::RecordedAnswer;

// A delegate who joins a meeting, in the role of the person who delegated.
struct MeetingJoin {
    MeetingId meeting;
    Participant participant;
};

// What reading answers back changes, written at once: delegates the store did not know
// (new people), the meetings they join, and the answers.
struct AnswerImport {
    std::vector<Person> new_people;
    std::vector<MeetingJoin> joins;
    std::vector<RecordedAnswer> answers;
};

// A message handed to the mail server whose acceptance is not recorded yet: either it
// is being sent now, or the planner stopped (or could not write the store) after
// handing it over, and nobody knows whether it went out.
struct QueuedMessage {
    PersonId person;
    int sequence = 0;
    boost::posix_time::ptime queued;  // UTC

    friend bool operator==(const QueuedMessage&, const QueuedMessage&) = default;
};

// A message in the service's outbox (see the schema): composed when the organiser sent
// it, handed to the mail server later by the service's worker.
enum class MailState { queued, sending, sent, refused, given_up, unconfirmed, superseded };
// What a message carries: the meeting's calendar (an invitation, update or
// cancellation), or a date poll's link to vote. Each kind supersedes only its own, and
// only a calendar gives its person a version of the meeting.
enum class MailKind { calendar, poll };

[[nodiscard]] std::string_view state_name(MailState state);

struct OutboxMessage {
    std::int64_t id = 0;  // given by queue_mail
    MeetingId meeting;
    SentVersion version;  // what the recipient has once the server accepted the message
    std::string envelope_from;
    std::string recipient;  // the address
    std::string message;    // RFC 5322, CRLF lines; empty where the caller asked for the state only
    std::string queued_by;  // the account that sent it
    boost::posix_time::ptime queued;  // UTC
    MailState state = MailState::queued;
    int attempts = 0;                   // handed to the server so often
    boost::posix_time::ptime next_try;  // UTC; when queued, not before then
    std::optional<boost::posix_time::ptime> settled;  // sent, refused, given up
    std::string server_said;  // the last refusal or failure, in the server's words
    MailKind kind = MailKind::calendar;

    friend bool operator==(const OutboxMessage&, const OutboxMessage&) = default;
};

// What the mail server made of a message the worker claimed.
struct MailOutcome {
    // unconfirmed: handed over whole and no answer came, so it may have been accepted.
    enum class Kind { accepted, refused, retry, given_up, unconfirmed };
    Kind kind = Kind::accepted;
    std::string server_said;
    boost::posix_time::ptime next_try;  // for retry
};

// One thing wrong with a store, as Store::problems() finds it: the table and row
// (SQLite's rowid) when it is one row's, and what is wrong.
struct StoreProblem {
    std::string table;                // empty for the file as a whole
    std::optional<std::int64_t> row;  // none for the file, or a table, as a whole
    std::string problem;

    friend bool operator==(const StoreProblem&, const StoreProblem&) = default;
};

// What was to be written makes an organiser of someone without an e-mail address (an
// invitation names its organiser as the one to answer to); nothing was written.
class OrganiserWithoutEmail : public Error {
public:
    using Error::Error;
};

// Another command wrote first: the meeting changed since it was read, or its id was
// taken meanwhile. Nothing was written; reading again and retrying may succeed.
class ChangedMeanwhile : public Error {
public:
    using Error::Error;
};

// The planner's SQLite store. Opening migrates the schema to the current version
// (PRAGMA user_version), turns foreign keys on, and for files uses WAL with a busy
// timeout. A new store file is readable and writable by its owner only.
class Store {
public:
    Store(const std::filesystem::path& file, OpenMode mode, Writes writes = Writes::kept);
    // A private store in memory, for tests and dry runs.
    [[nodiscard]] static Store in_memory();

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store();

    [[nodiscard]] int schema_version() const;
    // Copies the store as it is at one moment to `copy`, a new file readable by its
    // owner alone, while other connections go on writing: SQLite's online backup, in one
    // read transaction over every page, so the copy holds every write committed before
    // it began and no part of a later one. It is written as `copy`.part, passes
    // integrity_check and is then renamed into place. planner::Error when `copy` exists,
    // cannot be written, or the copy fails the check (then nothing is left).
    void back_up(const std::filesystem::path& copy) const;
    // Which store this is, and how far it has changed: the mark changes whenever this
    // store or another connection (another thread's store, or another process) has
    // written since it was last taken, and no two Store objects share one. What was
    // worked out from the store is still right while its mark stays the same.
    struct ChangeMark {
        std::uint64_t store = 0;
        std::int64_t others = -1;  // PRAGMA data_version: commits of other connections
        std::int64_t own = -1;     // rows this connection has written

        friend bool operator==(const ChangeMark&, const ChangeMark&) = default;
    };
    [[nodiscard]] ChangeMark change_mark() const;
    // Everything but answers, attendance and calendars. A row that refers to a meeting
    // the store lacks, or whose values are not what the schema means (an unknown status,
    // a time that does not parse), is an Error that names its table and rowid.
    [[nodiscard]] Directory load() const;

    // Adds or updates the file's records, matched by id, in one transaction: on any
    // error nothing is written. A new meeting without a UID gets a fresh one.
    //
    // A meeting changed outside a file since a file last wrote it (update, add_meeting)
    // is kept as the store has it when the file has it otherwise, and reported, unless
    // `changed` says to overwrite it; a meeting a file wrote is no longer changed.
    // Which of those take the file's version: every one, or those named (by default none).
    struct ChangedMeetings {
        bool all_overwritten = false;
        std::set<MeetingId> overwritten;

        [[nodiscard]] static ChangedMeetings kept() { return {}; }
        [[nodiscard]] static ChangedMeetings all() { return {true, {}}; }
        [[nodiscard]] bool overwrites(const MeetingId& meeting) const
        {
            return all_overwritten || overwritten.contains(meeting);
        }
    };
    ImportReport import(const MeetingFile& file, ChangedMeetings changed = ChangedMeetings::kept());
    // The same, for a caller who has just loaded the store (to read the file against
    // it) and so saves a second load: `stored` must be what load() returned, or, for a
    // file without meetings, what records() returned.
    ImportReport import(const MeetingFile& file, const Directory& stored,
                        ChangedMeetings changed = ChangedMeetings::kept());
    // The meetings changed outside a file since a file last wrote them.
    [[nodiscard]] std::set<MeetingId> meetings_changed_outside_file() const;
    // Runs `work` with every write it makes rolled back afterwards, whether it returns or
    // throws: to learn whether a write would succeed (a preview) without making it. It
    // holds the write lock while it runs.
    void rehearse(const std::function<void()>& work);

    // One meeting, person or organisation, as stored now, or nothing: for a command or a
    // page about one.
    [[nodiscard]] std::optional<Meeting> meeting(const MeetingId& id) const;
    [[nodiscard]] std::optional<Person> person(const PersonId& id) const;
    [[nodiscard]] std::optional<Organisation> organisation(const OrganisationId& id) const;
    // Every county, organisation, person and venue, without the meetings: for the lists
    // of them.
    [[nodiscard]] Directory records() const;

    // Writes a changed meeting (a new time, venue, agenda or status) over the stored
    // one, in one transaction, provided the stored one is still `as_read`, the meeting
    // the change was made from: a change based on a stale read throws planner::Error and
    // writes nothing, so that no other command's change is undone. Throws
    // planner::NotFound for a meeting the store does not have.
    // The meeting counts as changed outside a file (see import). A stored meeting that
    // is no longer `as_read` is ChangedMeanwhile.
    void update(const Meeting& changed, const Meeting& as_read);
    // Writes a new meeting, with a fresh UID when it has none; ChangedMeanwhile, and
    // nothing written, when the store has a meeting of its id. It counts as changed
    // outside a file. Here and in update and import, an organiser without an e-mail
    // address is OrganiserWithoutEmail, and nothing is written.
    void add_meeting(const Meeting& meeting);

    // What was last sent to each attendee of the meeting, by person id.
    [[nodiscard]] std::vector<SentVersion> sent_versions(const MeetingId& meeting) const;
    // What each recipient got, replacing their earlier record, and the meeting's
    // SEQUENCE raised to the highest sent (never lowered); their queued messages are
    // settled. Nothing else of the meeting is written. One transaction.
    void record_sent(const MeetingId& meeting, std::span<const SentVersion> versions);
    // Before handing messages to the mail server: each version as queued, and the
    // meeting's SEQUENCE raised to it, so that a retry after a crash or a failed record
    // knows the message may be out. One transaction.
    void record_queued(const MeetingId& meeting, std::span<const SentVersion> versions);
    // Messages the server refused: they are no longer queued (and were not sent).
    void forget_queued(const MeetingId& meeting, std::span<const PersonId> people);
    // The meeting's messages queued and never settled, by person id.
    [[nodiscard]] std::vector<QueuedMessage> queued_messages(const MeetingId& meeting) const;

    // The service's outbox (db/src/outbox_store.cpp); each call is one transaction.
    //
    // Queues the messages of one meeting, raising its SEQUENCE as record_queued does
    // for calendar mail. A person's message of the same kind still waiting (queued, also
    // for a retry) is superseded: only the newest version goes out. Returns the ids
    // given, in order.
    std::vector<std::int64_t> queue_mail(const MeetingId& meeting, std::span<const OutboxMessage> messages);
    // The waiting messages (of this kind) of people no longer invited are superseded,
    // and nothing goes to them instead (it never reached them). Returns how many.
    int withdraw_mail(const MeetingId& meeting, std::span<const PersonId> people, MailKind kind = MailKind::calendar);
    // The oldest message due at `now`, claimed: it is sending, with one attempt more,
    // until settle_mail. Nothing when none is due.
    [[nodiscard]] std::optional<OutboxMessage> claim_mail(boost::posix_time::ptime now);
    // The server's answer to a claimed message; an accepted one is recorded as sent to
    // its person (record_sent) in the same transaction. False, and nothing written, when
    // the message is no longer being sent (it was settled or its meeting removed).
    bool settle_mail(std::int64_t id, const MailOutcome& outcome, boost::posix_time::ptime now);
    // At the worker's start: messages left sending by a service that stopped while
    // handing them over may have gone out, and become unconfirmed. Returns how many.
    int unconfirm_interrupted_mail();
    // A message refused, given up or unconfirmed, queued again to go at `now` (an
    // organiser's decision). False when it is not one of the meeting's messages in one of
    // those states, or a newer message of its kind to its person was queued since, or it
    // is poll mail and the meeting's poll is not open.
    bool queue_mail_again(const MeetingId& meeting, std::int64_t id, boost::posix_time::ptime now);
    // The meeting's messages, newest first per person, without their text.
    [[nodiscard]] std::vector<OutboxMessage> mail_of_meeting(const MeetingId& meeting) const;
    // When the next queued message is due, or nothing when none is queued.
    [[nodiscard]] std::optional<boost::posix_time::ptime> next_mail_due() const;

    // The answers to a meeting, by occurrence (whole meeting first) and person.
    [[nodiscard]] std::vector<RecordedAnswer> answers(const MeetingId& meeting) const;
    // Every answer of every meeting, for the statistics.
    [[nodiscard]] std::vector<RecordedAnswer> all_answers() const;
    // The people some answer names as delegate: they joined the store through an answer.
    [[nodiscard]] std::set<PersonId> delegates() const;
    // Each answer replaces the one of the same meeting, occurrence and person.
    void record_answers(const AnswerImport& import);
    // One answer written down by hand, in one write: recorded only while the person is
    // still an organiser or participant of the meeting and no newer answer (a higher
    // SEQUENCE, or the same one given later) is recorded.
    enum class HandAnswerOutcome { recorded, not_invited, newer_kept };
    [[nodiscard]] HandAnswerOutcome record_hand_answer(const RecordedAnswer& answer);

    // Every busy period; `source` says what it is and where it came from:
    // "'Zahnarzt' in outlook-export.ics".
    [[nodiscard]] std::vector<BusyPeriod> busy_periods() const;
    // Replaces the person's busy periods from `file` with `periods`, whose `source`
    // holds each period's summary; one transaction. Returns how many were replaced.
    int replace_busy_periods(const PersonId& person, const std::string& file, std::span<const BusyPeriod> periods);

    // Who came: every record, or those of one meeting (all its occurrences).
    [[nodiscard]] std::vector<AttendanceRecord> attendance() const;
    [[nodiscard]] std::vector<AttendanceRecord> attendance(const MeetingId& meeting) const;
    // Each record replaces the one of the same meeting, occurrence and person; one
    // transaction.
    void record_attendance(std::span<const AttendanceRecord> records);
    // Someone new to the store who came to a meeting uninvited, with their record, in
    // one write. A person of the same id added since the caller chose it is
    // planner::Error, and nothing is written.
    void add_walk_in(const Person& person, const AttendanceRecord& record);

    [[nodiscard]] std::vector<ListedHoliday> listed_holidays() const;
    // Replaces the region's days off from `file`; one transaction. Returns how many
    // were replaced.
    int replace_listed_holidays(const std::string& region, const std::string& file, std::span<const Holiday> days);

    // Accounts, sessions, API tokens and failed logins (db/src/account_store.cpp); what
    // they mean is planner::services::accounts'. Each call is one transaction.
    //
    // Throws planner::Error when the login is taken, NotFound when the organisation or
    // the person is not in the store.
    void add_account(const AccountRow& account);
    [[nodiscard]] std::vector<AccountRow> accounts() const;  // by login
    [[nodiscard]] std::optional<AccountRow> account(std::string_view login) const;
    // Removes the account with its sessions and API tokens; false when there was none.
    bool remove_account(std::string_view login);
    // Gives the account a new password hash and ends its sessions; false when there is
    // no such account.
    bool replace_password_hash(std::string_view login, const std::string& hash);
    // Before a password is checked: forgets the failures older than `throttle.since` of
    // this login and this address, then counts the others. At either limit the attempt
    // is refused (nothing). Otherwise it is recorded as a failure until open_session
    // says otherwise, so that attempts made at the same moment count against each other;
    // returns its row.
    [[nodiscard]] std::optional<std::int64_t> begin_login_attempt(std::string_view login,
                                                                  std::string_view client_address,
                                                                  boost::posix_time::ptime now,
                                                                  const LoginThrottle& throttle);
    // A right password: the attempt is no failure, the password hash is replaced by
    // `rehashed` when given, and the session is added; false (and nothing written but
    // the failure kept) when the account is gone or its password changed since
    // `verified_hash` was read.
    bool open_session(const SessionOpening& opening);
    [[nodiscard]] std::optional<SessionRow> session(const std::string& id_hash) const;
    // Notes the session as seen at `when`; false when it no longer exists.
    bool touch_session(const std::string& id_hash, boost::posix_time::ptime when);
    void end_session(const std::string& id_hash);
    // Ends the sessions last seen before `seen_before` or begun before `begun_before`,
    // and forgets the failed logins before `failed_before`; says how many of each.
    // With them, the links' sessions begun before `link_begun_before`, the wrong tokens
    // counted before `failed_before`, and the links expired or revoked before `now`.
    ForgottenRows forget_expired(boost::posix_time::ptime seen_before, boost::posix_time::ptime begun_before,
                                 boost::posix_time::ptime failed_before, boost::posix_time::ptime link_begun_before,
                                 boost::posix_time::ptime now);
    // Throws NotFound for a login the store does not have.
    void add_api_token(const std::string& hash, std::string_view login, boost::posix_time::ptime now);
    [[nodiscard]] std::optional<ApiTokenRow> api_token(const std::string& hash) const;
    void touch_api_token(const std::string& hash, boost::posix_time::ptime when);
    // Removes every API token of the account; says how many. NotFound for a login the
    // store does not have.
    std::size_t remove_api_tokens(std::string_view login);

    // Personal links (db/src/link_store.cpp); what they mean is
    // planner::services::personal_links'. Each call is one transaction, or part of the
    // one write_together runs.
    void add_personal_links(std::span<const PersonalLinkRow> links);
    // Following a link, in one write: a good one (db::opens) opens a session, returned
    // with its link. A link that is unknown, of another purpose, revoked or expired is a
    // wrong token, counted for the address (nothing): too_many_wrong once the address
    // has had `failures_allowed` of them since `failures_since`, for the caller to answer
    // more slowly.
    enum class LinkVisitOutcome { opened, wrong_token, too_many_wrong };
    [[nodiscard]] std::pair<LinkVisitOutcome, std::optional<LinkSessionRow>> visit_link(const LinkVisit& visit);
    [[nodiscard]] std::optional<LinkSessionRow> link_session(const std::string& id_hash) const;
    // A link by its token's hash, for what is read without a session (a feed).
    [[nodiscard]] std::optional<PersonalLinkRow> personal_link(const std::string& hash) const;
    // A wrong token from the address at `now`, counted in one write (the address's wrong
    // tokens before `since` forgotten first): true when it had had `allowed` of them since
    // `since` already. A reader writes only for a wrong token.
    [[nodiscard]] bool count_wrong_link(const std::string& client_address, boost::posix_time::ptime now,
                                        boost::posix_time::ptime since, int allowed);
    void end_link_session(const std::string& id_hash);
    // The person's links of this purpose (of the meeting, given one), oldest first.
    [[nodiscard]] std::vector<PersonalLinkRow> personal_links(const PersonId& person, LinkPurpose purpose,
                                                              const std::optional<MeetingId>& meeting) const;
    // Revokes the person's links of this purpose (of the meeting, given one), and ends
    // their sessions; says how many were revoked.
    std::size_t revoke_personal_links(const PersonId& person, LinkPurpose purpose,
                                      const std::optional<MeetingId>& meeting);

    // Date polls (db/src/poll_store.cpp); what they mean is planner::services::polls'.
    // Each call is one transaction, or part of the one write_together runs.
    //
    // A new poll of the meeting with the voters' links, replacing a closed one of it;
    // planner::Error when it has one open. Whatever writes a meeting with an open poll
    // (an import, the form, a reschedule) revokes the poll links and withdraws the
    // waiting poll mail of people no longer invited, and closes the poll (without a
    // time, every link and waiting mail with it) when the meeting is no longer tentative.
    void add_poll(const PollRow& poll, std::span<const PersonalLinkRow> links);
    [[nodiscard]] std::optional<PollRow> poll(const MeetingId& meeting) const;
    // Every vote of the poll, by person, then candidate.
    [[nodiscard]] std::vector<PollVoteRow> poll_votes(const MeetingId& meeting) const;
    // The person's votes replace theirs; false, and nothing written, when the poll is
    // closed or gone.
    [[nodiscard]] bool replace_poll_votes(const MeetingId& meeting, const PersonId& person,
                                          std::span<const PollVoteRow> votes);
    // Closes the open poll (at `chosen`, or without a time), revokes its links and
    // withdraws its poll mail still waiting; false when it was not open.
    bool close_poll(const MeetingId& meeting, std::optional<int> chosen, boost::posix_time::ptime now);
    // Deletes the polls closed before `closed_before`, with their votes; says how many.
    int forget_closed_polls(boost::posix_time::ptime closed_before);

    // ------------------------------------------------------------------------------
    // Questions about a part of the store (meeting_queries.cpp): each is a few indexed
    // queries, for a command or a page about some meetings rather than all of them. A
    // damaged row is an Error naming its table and rowid, as in load().

    // Runs `questions` (calls of this store) in one read transaction, so that they all
    // see one state of the store, even while another command commits in between.
    void read_together(const std::function<void()>& questions) const;
    // Runs `work` (calls of this store, reads and writes) in one write transaction: what
    // it reads is what its writes then change, with no other writer in between, and if
    // it throws nothing it wrote is kept.
    void write_together(const std::function<void()>& work);

    // The page of single meetings that match the query (ordered by start, then id) with
    // their total, and every series that may match (see SummaryCandidates).
    [[nodiscard]] SummaryCandidates meeting_summaries(const MeetingQuery& query) const;

    // The earliest start and the latest end of the single meetings that overlap
    // `range` (given `involving`: of those that involve its people or venues), or
    // nothing when none does.
    [[nodiscard]] std::optional<TimeRange> singles_extent(const TimeRange& range,
                                                          const Involving* involving = nullptr) const;
    // The single meetings that start in `starts` (given `involving`, as above).
    [[nodiscard]] std::vector<Meeting> singles_starting(const TimeRange& starts,
                                                        const Involving* involving = nullptr) const;
    // The meetings marked public (a series whole) that may end after `ends_after` (a
    // series always) and concern the county (it brings them together, or holds their
    // venue), or that someone of the organisation organises: for the public feeds.
    [[nodiscard]] std::vector<Meeting> public_meetings_of(const CountyId& county,
                                                          boost::posix_time::ptime ends_after) const;
    [[nodiscard]] std::vector<Meeting> public_meetings_of(const OrganisationId& organisation,
                                                          boost::posix_time::ptime ends_after) const;
    // Every series that may have a meeting starting before `before`: its first does, or
    // one of its changed meetings does (given `involving`, as above).
    [[nodiscard]] std::vector<Meeting> series_before(boost::posix_time::ptime before,
                                                     const Involving* involving = nullptr) const;
    // The records these meetings refer to, and no meetings: their organisers,
    // participants and presenters (and `people`) with their organisations, their venues
    // (a series': also those of its changed meetings), and the counties of all these and
    // those the meetings bring together. An id the store lacks is left out.
    [[nodiscard]] Directory records_of(std::span<const Meeting> meetings, const std::set<PersonId>& people = {}) const;
    // The people of these organisations.
    [[nodiscard]] std::vector<Person> members_of(const std::set<OrganisationId>& organisations) const;
    // Who the person at a meeting's door may be: the people whose name holds `fragment`
    // (letters of any case; SQLite folds ASCII only), of an organisation in one of
    // `counties`, by name, at most `limit`.
    [[nodiscard]] std::vector<Person> people_named(std::string_view fragment, const std::set<CountyId>& counties,
                                                   std::size_t limit) const;
    // The organisations of these counties, by name.
    [[nodiscard]] std::vector<Organisation> organisations_in(const std::set<CountyId>& counties) const;
    // Those of these people whom an answer names as delegate (see delegates()).
    [[nodiscard]] std::set<PersonId> delegates_among(const std::set<PersonId>& people) const;
    // The busy periods that overlap `range`, by person, then start, as busy_periods() orders them.
    [[nodiscard]] std::vector<BusyPeriod> busy_periods(const TimeRange& range) const;
    // The imported days off from `first` to `last`, as listed_holidays() orders them.
    [[nodiscard]] std::vector<ListedHoliday> listed_holidays(boost::gregorian::date first,
                                                             boost::gregorian::date last) const;
    // The first `count` meeting ids in order, to name a few of the store's meetings;
    // meeting_count() says how many there are.
    [[nodiscard]] std::vector<MeetingId> meeting_ids(std::size_t count) const;
    [[nodiscard]] std::size_t meeting_count() const;

    // What is wrong with the store, for `planner doctor`: SQLite's integrity_check and
    // foreign_key_check, and every row whose values load() refuses. Empty when sound.
    [[nodiscard]] std::vector<StoreProblem> problems() const;

private:
    struct Connection;
    explicit Store(std::unique_ptr<Connection> connection);
    std::unique_ptr<Connection> connection_;
};

// A new random UID for an iCalendar object (a version 4 UUID).
[[nodiscard]] std::string new_uid();

}  // namespace planner::db
