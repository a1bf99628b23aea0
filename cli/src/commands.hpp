#pragma once

#include <planner/attendance_stats.hpp>
#include <planner/conflict.hpp>
#include <planner/date_format.hpp>
#include <planner/services/attendance.hpp>
#include <planner/travel.hpp>

#include <filesystem>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace planner::cli {

enum class OutputFormat { text, json };
using AttendanceFormat = services::ListFormat;

struct GlobalOptions {
    std::filesystem::path store = "planner.db";
    // --dry-run: the command runs as usual against the store, whose changes are rolled
    // back at the end; no file is written and no mail sent.
    bool dry_run = false;
};

// Each command returns its exit code; errors are thrown as planner::Error.
// `overwrite`: meetings changed since the file was last imported take the file's version.
int import_file(const GlobalOptions& global, const std::filesystem::path& file, bool overwrite, OutputFormat format,
                std::ostream& out);
int list_meetings(const GlobalOptions& global, OutputFormat format, std::ostream& out);
int show_meeting(const GlobalOptions& global, const std::string& meeting, OutputFormat format, std::ostream& out);
// The meeting file of the store, or of these meetings with the records they refer to.
int export_file(const GlobalOptions& global, const std::vector<std::string>& meetings,
                const std::optional<std::filesystem::path>& output, std::ostream& out);
struct CheckOptions {
    std::optional<std::string> meeting;
    Severity minimum_severity = Severity::warning;
    TravelModel travel;
};

int check(const GlobalOptions& global, const CheckOptions& options, OutputFormat format, std::ostream& out);

// The options of a slot search as typed: each is read and checked by the command,
// which names the option and the bad value in its message.
struct SlotOptions {
    std::string required;  // "frank-veser,andreas-koester"
    std::string optional;
    std::string duration;  // "2h", "90m", "1h30m"
    std::string from;      // "2013-01-07"
    std::string to;
    std::optional<std::string> venue;
    bool any_venue = false;
    std::string hours = "09:00-17:00";
    std::string grid = "15m";
    std::size_t count = 5;
    bool allow_weekends = false;
    bool allow_holidays = false;
    std::optional<std::string> time_zone;
    TravelModel travel;
};

int find_slot(const GlobalOptions& global, const SlotOptions& options, OutputFormat format, std::ostream& out);
// Places a tentative meeting in the `pick`-th slot found for its people.
int schedule(const GlobalOptions& global, const std::string& meeting, const SlotOptions& options, std::size_t pick,
             OutputFormat format, std::ostream& out);

struct VenueOptions {
    std::string required;
    std::string optional;
    std::size_t count = 10;
    TravelModel travel;
};

int suggest_venue(const GlobalOptions& global, const VenueOptions& options, OutputFormat format, std::ostream& out);
// Where invitations and cancellations go: one file or standard output by default, a
// file per attendee, a mail per attendee, and sending through SMTP.
struct DeliveryOptions {
    std::optional<std::filesystem::path> output;        // -o: one calendar for everybody
    std::optional<std::filesystem::path> per_attendee;  // DIR/<person>.ics
    std::optional<std::filesystem::path> mail;          // DIR/<person>.eml
    bool send = false;
    // Messages an earlier --send queued and never settled (it stopped, or could not
    // record the server's answer) may have gone out: they are sent again only on request.
    bool resend_unconfirmed = false;
    std::optional<std::filesystem::path> smtp_config;   // a TOML file with an [smtp] table
    std::optional<std::string> smtp_host;
    std::optional<int> smtp_port;
    std::optional<std::string> smtp_tls;  // none, starttls, implicit
    std::optional<std::string> smtp_user;
    Language language = Language::de;  // of the mail's text
    // The service's configuration (`planner serve --config`): each invitation carries its
    // person's own link to answer it at the service's address.
    std::optional<std::filesystem::path> service_config;
};

// Sends the meeting's current version: SEQUENCE rises once per significant change
// since what each attendee last got, and those taken off the list get a cancellation.
int invite(const GlobalOptions& global, const std::string& meeting, const DeliveryOptions& options,
           std::ostream& out, std::ostream& err);
// Calls off a meeting, or one occurrence of a series ("series@YYYY-MM-DD").
int cancel(const GlobalOptions& global, const std::string& meeting, const std::string& reason,
           const DeliveryOptions& options, std::ostream& out, std::ostream& err);
// Reads answers (METHOD:REPLY as .ics or inside an .eml) into the store: files,
// "-" for one answer on `in`, and the files of a directory. Each file is read on its
// own: one that holds no answer is skipped with its reason (exit code 1) and the others
// are recorded. Answers from unknown people or for unknown meetings are skipped with a
// warning; answers to what was cancelled or never sent are recorded with one.
int import_replies(const GlobalOptions& global, const std::vector<std::filesystem::path>& files, OutputFormat format,
                   std::istream& in, std::ostream& out, std::ostream& err);
// Writes down an answer given by phone or letter: PERSON accepted, tentative or declined
// MEETING (or one occurrence, series@YYYY-MM-DD), with a comment, recorded as by `by`
// (default: the user running the command).
struct HandAnswerOptions {
    std::string meeting;
    std::string person;
    std::string answer;
    std::string comment;
    std::optional<std::string> by;
};
int record_reply(const GlobalOptions& global, const HandAnswerOptions& options, OutputFormat format,
                 std::ostream& out);
// Imports a person's calendar export as busy time, replacing what came from the same file.
struct CalendarImportOptions {
    std::string file;
    std::optional<std::string> from;  // first day read, default a year ago
    std::optional<std::string> to;    // last day, default two years ahead
    std::optional<std::string> time_zone;  // for floating and all-day times; beats X-WR-TIMEZONE
};
int import_busy(const GlobalOptions& global, const std::string& person, const CalendarImportOptions& options,
                OutputFormat format, std::ostream& out);
// Imports extra days off (school holidays, neighbours' holidays) for a region.
int import_holidays(const GlobalOptions& global, const std::string& region, const CalendarImportOptions& options,
                    OutputFormat format, std::ostream& out);
// The options of an attendance list as typed; the command checks them.
struct AttendanceOptions {
    AttendanceFormat format = AttendanceFormat::text;
    bool only_accepted = false;  // those whose answer is "accepted"
    bool group_by_county = false;
    std::vector<std::string> omit;  // "organisation", "county", "function"
    Language language = Language::de;
    std::optional<std::string> privacy_note;
    std::optional<std::filesystem::path> privacy_note_file;
    std::optional<std::filesystem::path> output;
};
int attendance(const GlobalOptions& global, const std::string& meeting, const AttendanceOptions& options,
               std::ostream& out);

// What became of the meeting's mail in the outbox of `planner serve`: each person's
// newest message and its state.
int outbox(const GlobalOptions& global, const std::string& meeting, OutputFormat format, std::ostream& out);

// The invitation as printed letters to the invitees without an e-mail address: a PDF,
// only to a file.
int letters(const GlobalOptions& global, const std::string& meeting, const std::optional<std::filesystem::path>& output,
            Language language, std::ostream& out);

// Records who came (present, absent or excused); someone present who was not invited
// is added as a walk-in. All or nothing.
int attend(const GlobalOptions& global, const std::string& meeting, const std::vector<std::string>& people,
           Presence presence, OutputFormat format, std::ostream& out);

struct StatsOptions {
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> county;  // only the meetings that concern it (planner::counties_concerned)
    bool csv = false;                   // for German Excel, in `language`
    Language language = Language::de;
};

// Meetings, invited, accepted, attended and the attendance rate per county and per
// kind of organisation, for meetings starting between the dates (both included).
int stats(const GlobalOptions& global, const StatsOptions& options, OutputFormat format, std::ostream& out);

// Checks the store (SQLite's integrity and foreign keys, and every row as load() reads
// it) and lists each problem with its table and row; exit code 1 when there is one.
int doctor(const GlobalOptions& global, OutputFormat format, std::ostream& out);
// planner backup FILE: the store as it is at one moment, while others write (doctor_command.cpp).
int back_up(const GlobalOptions& global, const std::filesystem::path& copy, std::ostream& out);

// planner user ...: the accounts that sign in to `planner serve` (user_commands.cpp).
// Passwords are read from the first line of `in` with --password-stdin, or made and
// printed once.
struct UserOptions {
    std::string login;
    std::string role;  // admin, organiser, staff
    std::optional<std::string> organisation;
    std::optional<std::string> person;
    bool password_stdin = false;
};
int add_user(const GlobalOptions& global, const UserOptions& options, std::istream& in, std::ostream& out);
int list_users(const GlobalOptions& global, OutputFormat format, std::ostream& out);
int remove_user(const GlobalOptions& global, const std::string& login, std::ostream& out);
// Ends the account's sessions.
int change_password(const GlobalOptions& global, const std::string& login, bool password_stdin, std::istream& in,
                    std::ostream& out);
// Prints the new token alone on a line.
// With `revoke`: revokes every API token of the account instead, and says how many.
int new_token(const GlobalOptions& global, const std::string& login, bool revoke, std::ostream& out);

// planner feed url | renew PERSON --config FILE: a person's own feed (user_commands.cpp).
// Prints its https and webcal:// addresses at the service's address. `url` makes it
// unless the person has one (only its hash is kept: then an error says to renew);
// `renew` revokes theirs and makes a new one.
int feed_address(const GlobalOptions& global, const std::string& person, const std::filesystem::path& config,
                 bool renew, std::ostream& out);

// planner poll create | show | remind | confirm | end MEETING (poll_commands.cpp).
struct PollOptions {
    std::string meeting;
    std::vector<std::string> times;  // --at, in the meeting's zone
    bool find_slot = false;          // the times find-slot proposes in `window` instead
    SlotOptions window;
    bool names_shown = false;
    bool accept_conflicts = false;
    std::filesystem::path config;  // of 'planner serve': [web] base_url and [smtp] from
    Language language = Language::de;
};
int create_poll(const GlobalOptions& global, const PollOptions& options, std::ostream& out);
int show_poll(const GlobalOptions& global, const std::string& meeting, std::ostream& out);
int remind_poll(const GlobalOptions& global, const std::string& meeting, const PollOptions& options, std::ostream& out);
// `time`: its number in the poll, from 1.
int confirm_poll(const GlobalOptions& global, const std::string& meeting, std::size_t time, const PollOptions& options,
                 std::ostream& out);
int end_poll(const GlobalOptions& global, const std::string& meeting, std::ostream& out);

}  // namespace planner::cli
