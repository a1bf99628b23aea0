#include <planner/cli/run.hpp>

#include "commands.hpp"
#include "terminal_text.hpp"

#include <planner/error.hpp>
#include <planner/web/serve.hpp>

#include <CLI/CLI.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>

namespace planner::cli {
namespace {

const std::map<std::string, AttendanceFormat> attendance_formats{{"text", AttendanceFormat::text},
                                                                 {"csv", AttendanceFormat::csv},
                                                                 {"html", AttendanceFormat::html},
                                                                 {"pdf", AttendanceFormat::pdf}};
const std::map<std::string, Language> languages{{"de", Language::de}, {"en", Language::en}};
const std::map<std::string, Severity> severities{{"warning", Severity::warning}, {"error", Severity::error}};

// The travel model's options, the same wherever journeys are estimated.
void add_travel_options(CLI::App* command, TravelModel& travel)
{
    command->add_option("--road-factor", travel.road_factor, "Road distance over great-circle distance (default 1.3)")
        ->check(CLI::Range(1.0, 5.0));
    command->add_option("--speed", travel.average_speed_kmh, "Average travel speed in km/h (default 50)")
        ->check(CLI::Range(1.0, 300.0));
    command
        ->add_option_function<int>(
            "--travel-buffer", [&travel](int minutes) { travel.buffer = boost::posix_time::minutes(minutes); },
            "Minutes to park and find the room after a journey (default 15)")
        ->check(CLI::Range(0, 240));
}

// Who must come and who should, as lists of person ids: find-slot and suggest-venue.
void add_people_options(CLI::App* command, std::string& required, std::string& optional)
{
    command->add_option("--required", required, "Ids of the people who must come, a,b,c")->required();
    command->add_option("--optional", optional, "Ids of the people who should come if they can");
}

// Where, when and how a slot is searched: shared by find-slot and schedule.
void add_slot_window_options(CLI::App* command, SlotOptions& options)
{
    command->add_option("--from", options.from, "First day to consider, e.g. 2013-01-07")->required();
    command->add_option("--to", options.to, "Last day to consider, e.g. 2013-03-29")->required();
    auto* venue = command->add_option("--venue", options.venue, "Meet at this venue only");
    command->add_flag("--any-venue", options.any_venue, "Consider every venue that holds everyone")->excludes(venue);
    command->add_option("--hours", options.hours, "Part of each day to use, local time (default 09:00-17:00)");
    command->add_option("--grid", options.grid, "Start times are this far apart (default 15m)");
    command->add_flag("--allow-weekends", options.allow_weekends, "Also propose Saturdays and Sundays");
    command->add_flag("--allow-holidays", options.allow_holidays,
                      "Also propose public holidays of the venue's state");
    command->add_option("--timezone", options.time_zone, "The zone of --hours and of the output (default Europe/Berlin)");
    add_travel_options(command, options.travel);
}

// Where invitations and cancellations go, and how mail is sent.
void add_delivery_options(CLI::App* command, DeliveryOptions& options)
{
    command->add_option("-o,--output", options.output, "One .ics file for everybody (default: standard output)");
    command->add_option("--per-attendee", options.per_attendee, "Write one .ics file per attendee into DIR");
    command->add_option("--mail", options.mail, "Write one e-mail (.eml, RFC 5322 with the calendar) per attendee into DIR");
    command->add_flag("--send", options.send, "Send the e-mails through SMTP (see --smtp-*)");
    command->add_flag("--resend-unconfirmed", options.resend_unconfirmed,
                      "With --send: send again the messages an earlier run handed to the server without recording "
                      "whether it took them");
    command->add_option("--smtp-config", options.smtp_config,
                        "TOML file with an [smtp] table: host, port, tls, user (password from $PLANNER_SMTP_PASSWORD)");
    command->add_option("--smtp-host", options.smtp_host, "SMTP server");
    command->add_option("--smtp-port", options.smtp_port, "SMTP port (default 587)")->check(CLI::Range(1, 65535));
    command->add_option("--smtp-tls", options.smtp_tls, "none, starttls (default) or implicit");
    command->add_option("--smtp-user", options.smtp_user, "SMTP user (password from $PLANNER_SMTP_PASSWORD)");
    command->add_option("--lang", options.language, "Language of the mail text: de (default) or en")
        ->transform(CLI::CheckedTransformer(languages, CLI::ignore_case));
    command->add_option("--config", options.service_config,
                        "The configuration of 'planner serve' (FILE): each person's invitation carries their own link "
                        "to answer it in the browser, at its [web] base_url");
}

// "planner replies import", "planner busy import", ...: a group of commands about one
// kind of input, of which importing is the one there is so far.
CLI::App* add_import_command(CLI::App& app, const std::string& group, const std::string& group_help,
                             const std::string& import_help)
{
    auto* command = app.add_subcommand(group, group_help);
    command->require_subcommand(1);
    return command->add_subcommand("import", import_help);
}

// The file and expansion window of a calendar import.
void add_calendar_import_options(CLI::App* command, CalendarImportOptions& options)
{
    command->add_option("FILE", options.file, "The .ics file")->required();
    command->add_option("--from", options.from, "First day of events to read (default: a year ago)");
    command->add_option("--to", options.to, "Last day of events to read (default: in two years)");
    command->add_option("--timezone", options.time_zone,
                        "Zone of floating and all-day times, before the file's X-WR-TIMEZONE (default Europe/Berlin)");
}

// CLI11's Range lets NaN through (every comparison with it is false), and a NaN speed
// or road factor drops every travel conflict without a word: each floating-point
// option of every command refuses what is not a finite number.
void refuse_non_finite_numbers(CLI::App& app)
{
    const CLI::Validator finite(
        [](std::string& input) -> std::string {
            char* end = nullptr;
            const double value = std::strtod(input.c_str(), &end);
            if (end == input.c_str() || std::isfinite(value)) {
                return {};  // a number, or not one at all, which CLI11 itself refuses
            }
            return fmt::format("{} is not a finite number", input);
        },
        "", "FINITE");
    for (auto* option : app.get_options()) {
        if (option->get_type_name().starts_with("FLOAT")) {
            option->check(finite);
        }
    }
    for (auto* command : app.get_subcommands([](CLI::App*) { return true; })) {
        refuse_non_finite_numbers(*command);
    }
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& terminal_err)
{
    // Messages quote other people's files; none may drive the terminal.
    TerminalStream err(terminal_err);
    CLI::App app{"planner: plans meetings across counties, checks their conflicts, writes invitations and "
                 "attendance lists",
                 "planner"};
    app.set_version_flag("--version", std::string("planner ") + PLANNER_VERSION);
    app.require_subcommand(1);
    GlobalOptions global;
    if (const char* from_environment = std::getenv("PLANNER_DB")) {
        global.store = from_environment;
    }
    std::string store_path = global.store.string();
    app.add_option("--db", store_path, "The SQLite store (default planner.db, or $PLANNER_DB)");

    std::function<int()> command;
    bool json = false;
    const auto format = [&] { return json ? OutputFormat::json : OutputFormat::text; };

    std::string file;
    auto* import = app.add_subcommand("import", "Add or update the records of a TOML meeting file (all or nothing)");
    import->add_option("FILE", file, "The meeting file")->required();
    bool overwrite = false;
    import->add_flag("--json", json, "Write what was added, updated and unchanged as JSON");
    import->add_flag("--overwrite", overwrite,
                     "Meetings changed since the file was last imported (in the browser, by schedule or cancel) take "
                     "the file's version; without it they are kept and listed");
    import->callback([&] { command = [&] { return import_file(global, file, overwrite, format(), out); }; });

    std::vector<std::string> exported;
    std::optional<std::filesystem::path> export_output;
    auto* export_command = app.add_subcommand(
        "export", "Write the store, or some meetings with the records they name, as a meeting file that imports back "
                  "to the same records");
    export_command->add_option("MEETING", exported, "Only these meetings (a series whole)");
    export_command->add_option("-o,--output", export_output, "Write to FILE instead of standard output");
    export_command->callback([&] { command = [&] { return export_file(global, exported, export_output, out); }; });

    auto* meetings = app.add_subcommand("meetings", "List the meetings in the store");
    meetings->add_flag("--json", json, "Write JSON for scripts");
    meetings->callback([&] { command = [&] { return list_meetings(global, format(), out); }; });

    std::string meeting;
    auto* show = app.add_subcommand("show", "Show a meeting: time, venue, agenda, organisers, participants by county");
    show->add_option("MEETING", meeting, "The meeting's id")->required();
    show->add_flag("--json", json, "Write JSON for scripts");
    show->callback([&] { command = [&] { return show_meeting(global, meeting, format(), out); }; });

    CheckOptions check_options;
    auto* check_command = app.add_subcommand(
        "check", "Find every conflict (exit code 3 when one is an error); with MEETING, those involving it");
    check_command->add_option("MEETING", check_options.meeting, "Only conflicts involving this meeting");
    check_command
        ->add_option_function<std::string>(
            "--severity",
            [&](std::string name) {
                // IsMember below accepts any case but passes the text on as given.
                std::transform(name.begin(), name.end(), name.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                check_options.minimum_severity = severities.at(name);
            },
            "Show only conflicts of this severity or worse: warning (all) or error")
        ->check(CLI::IsMember(severities, CLI::ignore_case));
    add_travel_options(check_command, check_options.travel);
    check_command->add_flag("--json", json, "Write JSON for scripts");
    check_command->callback([&] { command = [&] { return check(global, check_options, format(), out); }; });

    SlotOptions slot_options;
    auto* find_slot_command = app.add_subcommand(
        "find-slot", "Propose times (one a day, best first) when everyone required can meet, and where");
    add_people_options(find_slot_command, slot_options.required, slot_options.optional);
    find_slot_command->add_option("--duration", slot_options.duration, "How long, e.g. 2h, 90m or 1h30m")->required();
    find_slot_command->add_option("--count", slot_options.count, "How many slots to propose (default 5)")
        ->check(CLI::Range(1, 100));
    add_slot_window_options(find_slot_command, slot_options);
    find_slot_command->add_flag("--json", json, "Write JSON for scripts");
    find_slot_command->callback([&] { command = [&] { return find_slot(global, slot_options, format(), out); }; });

    std::size_t pick = 1;
    auto* schedule_command = app.add_subcommand(
        "schedule", "Place a tentative meeting in a slot its required people can all make (moving its agenda)");
    schedule_command->add_option("MEETING", meeting, "The meeting's id")->required();
    bool search_for_slot = false;
    schedule_command
        ->add_flag("--find-slot", search_for_slot, "Search for the slot (required: the only way to place it so far)")
        ->required();
    schedule_command->add_option("--pick", pick, "Take the n-th slot proposed (default 1, the best)")
        ->check(CLI::Range(1, 100));
    add_slot_window_options(schedule_command, slot_options);
    schedule_command->add_flag("--json", json, "Write JSON for scripts");
    schedule_command->callback(
        [&] { command = [&] { return schedule(global, meeting, slot_options, pick, format(), out); }; });

    VenueOptions venue_options;
    auto* suggest_venue_command = app.add_subcommand(
        "suggest-venue", "Rank the venues that hold everyone by the longest journey, then all journeys together");
    add_people_options(suggest_venue_command, venue_options.required, venue_options.optional);
    suggest_venue_command->add_option("--count", venue_options.count, "How many venues to show (default 10)")
        ->check(CLI::Range(1, 1000));
    add_travel_options(suggest_venue_command, venue_options.travel);
    suggest_venue_command->add_flag("--json", json, "Write JSON for scripts");
    suggest_venue_command->callback(
        [&] { command = [&] { return suggest_venue(global, venue_options, format(), out); }; });

    std::optional<std::filesystem::path> output;
    DeliveryOptions delivery;
    auto* invite_command = app.add_subcommand(
        "invite", "Send a meeting's invitation (METHOD:REQUEST), or its update after a change (SEQUENCE raised)");
    invite_command->add_option("MEETING", meeting, "The meeting's id")->required();
    add_delivery_options(invite_command, delivery);
    invite_command->callback([&] { command = [&] { return invite(global, meeting, delivery, out, err); }; });

    std::string reason;
    auto* cancel_command = app.add_subcommand(
        "cancel", "Call off a meeting, or one occurrence (series@YYYY-MM-DD), and write the cancellation (METHOD:CANCEL)");
    cancel_command->add_option("MEETING", meeting, "The meeting's id, or an occurrence's")->required();
    cancel_command->add_option("--reason", reason, "Why, for the attendees");
    add_delivery_options(cancel_command, delivery);
    cancel_command->callback([&] { command = [&] { return cancel(global, meeting, reason, delivery, out, err); }; });

    std::vector<std::filesystem::path> reply_files;
    auto* replies_import = add_import_command(app, "replies", "Answers to invitations",
                                              "Read answers (METHOD:REPLY, as .ics or inside an .eml) into the store");
    replies_import->add_option("FILE", reply_files, "The answers: files, directories, or - for standard input")->required();
    replies_import->add_flag("--json", json, "Write what was recorded as JSON");
    replies_import->callback(
        [&] { command = [&] { return import_replies(global, reply_files, format(), std::cin, out, err); }; });
    HandAnswerOptions hand_answer;
    auto* replies_record = replies_import->get_parent()->add_subcommand(
        "record", "Write down an answer given by phone or letter, with who wrote it down");
    replies_record->add_option("MEETING", hand_answer.meeting, "The meeting's id, or an occurrence's")->required();
    replies_record->add_option("PERSON", hand_answer.person, "The id of the person who answered")->required();
    replies_record->add_option("ANSWER", hand_answer.answer, "accepted, tentative or declined")
        ->required()
        ->check(CLI::IsMember({"accepted", "tentative", "declined"}));
    replies_record->add_option("--comment", hand_answer.comment, "What they said, on one line");
    replies_record->add_option("--by", hand_answer.by, "Who wrote it down (default: the user running the command)");
    replies_record->add_flag("--json", json, "Write what was recorded as JSON");
    replies_record->callback([&] { command = [&] { return record_reply(global, hand_answer, format(), out); }; });

    CalendarImportOptions calendar_import;
    std::string person;
    auto* busy_import = add_import_command(
        app, "busy", "People's own calendars as busy time",
        "Import a person's calendar export as busy time (replaces what came from the same file)");
    busy_import->add_option("PERSON", person, "The person's id")->required();
    add_calendar_import_options(busy_import, calendar_import);
    busy_import->add_flag("--json", json, "Write what was read as JSON");
    busy_import->callback(
        [&] { command = [&] { return import_busy(global, person, calendar_import, format(), out); }; });

    std::string region;
    auto* holidays_import = add_import_command(
        app, "holidays", "Days off besides the statutory holidays",
        "Import days off for a region, e.g. school holidays (replaces what came from the same file)");
    holidays_import->add_option("REGION", region, "ISO 3166-2 code: DE-BW, CH-TG, AT-8")->required();
    add_calendar_import_options(holidays_import, calendar_import);
    holidays_import->add_flag("--json", json, "Write what was read as JSON");
    holidays_import->callback(
        [&] { command = [&] { return import_holidays(global, region, calendar_import, format(), out); }; });

    AttendanceOptions attendance_options;
    auto* attendance_command = app.add_subcommand(
        "attendance", "Write the attendance list (Teilnehmerliste) to print and sign: text, csv, html or pdf");
    attendance_command->add_option("MEETING", meeting, "The meeting's id, or an occurrence's")->required();
    attendance_command
        ->add_option("--format", attendance_options.format,
                     "text, csv (UTF-8 with BOM, ';', for Excel), html (prints from a browser) or pdf (A4)")
        ->transform(CLI::CheckedTransformer(attendance_formats, CLI::ignore_case));
    attendance_command->add_option("-o,--output", attendance_options.output,
                                   "The file to write (default: standard output; required for pdf)");
    attendance_command
        ->add_option_function<std::string>(
            "--only", [&](const std::string&) { attendance_options.only_accepted = true; },
            "'accepted': list only those who accepted the invitation")
        ->check(CLI::IsMember({"accepted"}));
    attendance_command
        ->add_option_function<std::string>(
            "--group-by", [&](const std::string&) { attendance_options.group_by_county = true; },
            "'county': a group and a subtotal per county")
        ->check(CLI::IsMember({"county"}));
    attendance_command
        ->add_option("--omit", attendance_options.omit,
                     "Leave out columns: organisation, county, function (a self-help group's name can reveal a "
                     "health condition)")
        ->delimiter(',');
    attendance_command->add_option("--lang", attendance_options.language, "de (default) or en")
        ->transform(CLI::CheckedTransformer(languages, CLI::ignore_case));
    auto* note = attendance_command->add_option("--privacy-note", attendance_options.privacy_note,
                                                "The data-protection note in the footer, instead of the default");
    attendance_command
        ->add_option("--privacy-note-file", attendance_options.privacy_note_file,
                     "A text file with the data-protection note")
        ->excludes(note);
    attendance_command->callback(
        [&] { command = [&] { return attendance(global, meeting, attendance_options, out); }; });

    auto* outbox_command = app.add_subcommand(
        "outbox", "What became of a meeting's mail sent through the outbox of 'planner serve'");
    outbox_command->add_option("MEETING", meeting, "The meeting's id")->required();
    outbox_command->add_flag("--json", json, "Write the messages as JSON");
    outbox_command->callback([&] {
        command = [&] { return outbox(global, meeting, json ? OutputFormat::json : OutputFormat::text, out); };
    });

    std::optional<std::filesystem::path> letters_output;
    Language letters_language = Language::de;
    auto* letters_command = app.add_subcommand(
        "letters", "Write the invitation as letters to print, for the invitees without an e-mail address (PDF)");
    letters_command->add_option("MEETING", meeting, "The meeting's id, or an occurrence's")->required();
    letters_command->add_option("-o,--output", letters_output, "The PDF file to write")->required();
    letters_command->add_option("--lang", letters_language, "de (default) or en")
        ->transform(CLI::CheckedTransformer(languages, CLI::ignore_case));
    letters_command->callback(
        [&] { command = [&] { return letters(global, meeting, letters_output, letters_language, out); }; });

    std::vector<std::string> attendees;
    bool absent = false;
    bool excused = false;
    auto* attend_command = app.add_subcommand(
        "attend", "Record who came (after the meeting); someone who came without an invitation is a walk-in");
    attend_command->add_option("MEETING", meeting, "The meeting's id, or an occurrence's")->required();
    attend_command->add_option("PERSON", attendees, "The people's ids")->required();
    auto* absent_flag = attend_command->add_flag("--absent", absent, "They did not come");
    attend_command->add_flag("--excused", excused, "They did not come and sent their apologies")->excludes(absent_flag);
    attend_command->add_flag("--json", json, "Write what was recorded as JSON");
    attend_command->callback([&] {
        command = [&] {
            const auto presence = absent ? Presence::absent : excused ? Presence::excused : Presence::present;
            return attend(global, meeting, attendees, presence, format(), out);
        };
    });

    StatsOptions stats_options;
    auto* stats_command = app.add_subcommand(
        "stats", "Per county and kind of organisation: meetings, invited, accepted, attended, attendance rate");
    stats_command->add_option("--from", stats_options.from, "First day, e.g. 2012-01-01");
    stats_command->add_option("--to", stats_options.to, "Last day, e.g. 2012-12-31");
    stats_command->add_option("--county", stats_options.county,
                              "Only the meetings that bring this county together or are held in it");
    stats_command->add_flag("--json", json, "Write JSON for scripts");
    stats_command->add_flag("--csv", stats_options.csv, "Write CSV for German Excel (UTF-8 with BOM, ';', CRLF)");
    stats_command->add_option("--lang", stats_options.language, "Language of the CSV: de (default) or en")
        ->transform(CLI::CheckedTransformer(languages, CLI::ignore_case));
    stats_command->callback([&] { command = [&] { return stats(global, stats_options, format(), out); }; });

    auto* doctor_command = app.add_subcommand(
        "doctor", "Check the store: SQLite's integrity and foreign keys, and every row the planner reads (exit code "
                  "1 when something is wrong)");
    doctor_command->add_flag("--json", json, "Write the problems as JSON");
    doctor_command->callback([&] { command = [&] { return doctor(global, format(), out); }; });

    std::filesystem::path backup_file;
    auto* backup_command = app.add_subcommand(
        "backup", "Copy the store as it is at one moment to a new FILE, while 'planner serve' or others write "
                  "(SQLite's online backup; the copy is checked)");
    backup_command->add_option("FILE", backup_file, "The copy (FILE; must not exist)")->required();
    backup_command->callback([&] { command = [&] { return back_up(global, backup_file, out); }; });

    // planner user add | list | remove | password | token: the accounts of `planner serve`.
    UserOptions user_options;
    auto* user_command = app.add_subcommand("user", "Accounts that sign in to 'planner serve': add, list, remove, "
                                                    "password, token");
    user_command->require_subcommand(1);
    const std::string password_stdin_help =
        "Read the password from the first line of standard input (at least 12 characters) instead of making one";
    auto* user_add = user_command->add_subcommand(
        "add", "Add an account; without --password-stdin a password is made and printed, this once");
    user_add->add_option("LOGIN", user_options.login, "1 to 64 characters of a-z, 0-9, '.', '_' and '-'")->required();
    user_add
        ->add_option("--role", user_options.role,
                     "admin (users and everything), organiser (their meetings) or staff (lists, attendance)")
        ->required()
        ->check(CLI::IsMember({"admin", "organiser", "staff"}));
    user_add->add_option("--organisation", user_options.organisation,
                         "The organisation's id (required for organiser and staff)");
    user_add->add_option("--person", user_options.person, "The person's id, when the account is a person of the store");
    user_add->add_flag("--password-stdin", user_options.password_stdin, password_stdin_help);
    user_add->callback([&] { command = [&] { return add_user(global, user_options, std::cin, out); }; });
    auto* user_list = user_command->add_subcommand("list", "List the accounts: login, role, organisation, person");
    user_list->add_flag("--json", json, "Write JSON for scripts");
    user_list->callback([&] { command = [&] { return list_users(global, format(), out); }; });
    auto* user_remove = user_command->add_subcommand("remove", "Remove an account, its sessions and its API tokens");
    user_remove->add_option("LOGIN", user_options.login, "The account's login")->required();
    user_remove->callback([&] { command = [&] { return remove_user(global, user_options.login, out); }; });
    auto* user_password = user_command->add_subcommand(
        "password", "Give an account a new password (made and printed unless --password-stdin); ends its sessions");
    user_password->add_option("LOGIN", user_options.login, "The account's login")->required();
    user_password->add_flag("--password-stdin", user_options.password_stdin, password_stdin_help);
    user_password->callback([&] {
        command = [&] { return change_password(global, user_options.login, user_options.password_stdin, std::cin, out); };
    });
    auto* user_token = user_command->add_subcommand(
        "token", "Make a new API token for an account and print it alone (for 'Authorization: Bearer TOKEN')");
    user_token->add_option("LOGIN", user_options.login, "The account's login")->required();
    bool revoke_tokens = false;
    user_token->add_flag("--revoke", revoke_tokens,
                         "Instead: revoke every API token of the account (each script then needs a new one)");
    user_token->callback([&] { command = [&] { return new_token(global, user_options.login, revoke_tokens, out); }; });

    // planner feed url | renew PERSON: a person's own feed of their meetings.
    std::string feed_person;
    std::filesystem::path feed_config;
    auto* feed_command = app.add_subcommand("feed", "A person's own calendar feed to subscribe to: url, renew");
    feed_command->require_subcommand(1);
    for (const bool renew : {false, true}) {
        auto* feed = feed_command->add_subcommand(
            renew ? "renew" : "url",
            renew ? "Revoke the person's feed address and print a new one (https and webcal://)"
                  : "Make the person's feed address and print it (https and webcal://), this once");
        feed->add_option("PERSON", feed_person, "The person's id")->required();
        feed->add_option("--config", feed_config,
                         "The configuration of 'planner serve' (FILE): the address is at its [web] base_url")
            ->required();
        feed->callback([&, renew] { command = [&, renew] { return feed_address(global, feed_person, feed_config, renew, out); }; });
        feed->add_flag("--dry-run", global.dry_run,
                       "Show what would change, and change nothing: the store is left as it was");
    }

    // planner poll create | show | remind | confirm | end MEETING: a tentative meeting's date poll.
    PollOptions poll_options;
    std::size_t poll_time = 0;
    auto* poll_command = app.add_subcommand(
        "poll", "A date poll for a tentative meeting's invitees: create, show, remind, confirm, end");
    poll_command->require_subcommand(1);
    const auto add_poll_mail_options = [&](CLI::App* poll_subcommand) {
        poll_subcommand->add_option("--config", poll_options.config,
                            "The configuration of 'planner serve' (FILE): links at its [web] base_url, mail from its "
                            "[smtp] from, through its outbox")
            ->required();
        poll_subcommand->add_option("--lang", poll_options.language, "Language of the mail text: de (default) or en")
            ->transform(CLI::CheckedTransformer(languages, CLI::ignore_case));
    };
    auto* poll_create = poll_command->add_subcommand(
        "create", "Ask the meeting's invitees, each by a link of their own, which of 2 to 10 times they can make");
    poll_create->add_option("MEETING", poll_options.meeting, "The tentative meeting's id")->required();
    auto* poll_at = poll_create->add_option(
        "--at", poll_options.times,
        "A time to ask about (TIME, repeatable), in the meeting's zone: 2031-03-10 14:00 or 10.03.2031 14:00");
    auto* poll_find_slot = poll_create->add_flag(
        "--find-slot", poll_options.find_slot,
        "Instead: ask about the times find-slot proposes for the meeting's required people (with --from, --to)");
    poll_at->excludes(poll_find_slot);
    auto* poll_from = poll_create->add_option("--from", poll_options.window.from, "With --find-slot: first day (DATE)");
    auto* poll_to = poll_create->add_option("--to", poll_options.window.to, "With --find-slot: last day (DATE)");
    poll_create->add_option("--hours", poll_options.window.hours,
                            "With --find-slot: part of each day, local time (default 09:00-17:00)");
    poll_create->add_option("--count", poll_options.window.count, "With --find-slot: how many times (default 5)")
        ->check(CLI::Range(2, 10));
    poll_from->needs(poll_find_slot);
    poll_to->needs(poll_find_slot);
    poll_create->add_flag("--show-names", poll_options.names_shown,
                          "Let the invitees see each other's names and votes (by default nobody sees them)");
    add_poll_mail_options(poll_create);
    poll_create->callback([&] {
        command = [&] {
            if (poll_options.find_slot && (poll_options.window.from.empty() || poll_options.window.to.empty())) {
                throw CLI::RequiredError("--find-slot needs --from and --to");
            }
            if (!poll_options.find_slot && poll_options.times.empty()) {
                throw CLI::RequiredError("--at TIME (2 to 10 of them) or --find-slot");
            }
            return create_poll(global, poll_options, out);
        };
    });
    auto* poll_show = poll_command->add_subcommand(
        "show", "The poll's table: votes per time, who required cannot come, conflicts now, who has not answered");
    poll_show->add_option("MEETING", poll_options.meeting, "The meeting's id")->required();
    poll_show->callback([&] { command = [&] { return show_poll(global, poll_options.meeting, out); }; });
    auto* poll_remind = poll_command->add_subcommand(
        "remind", "Mail a new link to everyone invited who has not answered yet");
    poll_remind->add_option("MEETING", poll_options.meeting, "The meeting's id")->required();
    add_poll_mail_options(poll_remind);
    poll_remind->callback([&] { command = [&] { return remind_poll(global, poll_options.meeting, poll_options, out); }; });
    auto* poll_confirm = poll_command->add_subcommand(
        "confirm", "Move the meeting to one of the poll's times, confirm it, close the poll and queue the invitations");
    poll_confirm->add_option("MEETING", poll_options.meeting, "The meeting's id")->required();
    poll_confirm->add_option("TIME", poll_time, "The time's number, as 'poll show' lists it (from 1)")
        ->required()
        ->check(CLI::Range(1, 10));
    poll_confirm->add_flag("--accept-conflicts", poll_options.accept_conflicts,
                           "Confirm it even where the time has conflicts now (double bookings)");
    add_poll_mail_options(poll_confirm);
    poll_confirm->callback(
        [&] { command = [&] { return confirm_poll(global, poll_options.meeting, poll_time, poll_options, out); }; });
    auto* poll_end = poll_command->add_subcommand("end", "Close the poll without a time");
    poll_end->add_option("MEETING", poll_options.meeting, "The meeting's id")->required();
    poll_end->callback([&] { command = [&] { return end_poll(global, poll_options.meeting, out); }; });

    web::ServeOptions serve_options;
    auto* serve_command = app.add_subcommand(
        "serve", "Serve the planner over HTTP (TLS belongs to a proxy in front) until SIGTERM or SIGINT");
    serve_command->add_option("--listen", serve_options.listen,
                              "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free port)");
    serve_command->add_option("--config", serve_options.config, "TOML file with [web] and [limits] (see README)");
    serve_command->callback([&] {
        command = [&] {
            serve_options.store = global.store;
            return web::serve(serve_options, out, err);
        };
    });

    for (auto* writer : {import, schedule_command, invite_command, cancel_command, replies_import, replies_record, busy_import,
                         holidays_import, attend_command, user_add, user_remove, user_password, user_token,
                         poll_create, poll_remind, poll_confirm, poll_end}) {
        writer->add_flag("--dry-run", global.dry_run,
                         "Show what would change, and change nothing: the store is left as it was, and no file is "
                         "written and no mail sent");
    }
    refuse_non_finite_numbers(app);

    // The one catch point: usage errors, the planner's errors, and anything else.
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
        global.store = store_path;
        const int code = command();
        if (global.dry_run) {
            fmt::print(err, "planner: dry run: nothing was changed, written or sent\n");
        }
        return code;
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error, out, err);
        return code == 0 ? exit_success : exit_usage;
    } catch (const Error& error) {
        fmt::print(err, "planner: error: {}\n", error.what());
        return exit_error;
    } catch (const std::exception& error) {
        fmt::print(err, "planner: internal error: {}\n", error.what());
        return exit_error;
    }
}

}  // namespace planner::cli
