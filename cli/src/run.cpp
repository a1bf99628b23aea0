#include <planner/cli/run.hpp>

#include "commands.hpp"

#include <planner/error.hpp>

#include <CLI/CLI.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

namespace planner::cli {
namespace {

const std::map<std::string, AttendanceFormat> attendance_formats{{"text", AttendanceFormat::text},
                                                                 {"csv", AttendanceFormat::csv}};
const std::map<std::string, Severity> severities{{"warning", Severity::warning}, {"error", Severity::error}};

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
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
    import->add_flag("--json", json, "Write what was added, updated and unchanged as JSON");
    import->callback([&] { command = [&] { return import_file(global, file, format(), out); }; });

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
    check_command
        ->add_option("--road-factor", check_options.travel.road_factor,
                     "Road distance over great-circle distance (default 1.3)")
        ->check(CLI::Range(1.0, 5.0));
    check_command
        ->add_option("--speed", check_options.travel.average_speed_kmh, "Average travel speed in km/h (default 50)")
        ->check(CLI::Range(1.0, 300.0));
    check_command
        ->add_option_function<int>(
            "--travel-buffer",
            [&](int minutes) { check_options.travel.buffer = boost::posix_time::minutes(minutes); },
            "Minutes to park and find the room after a journey (default 15)")
        ->check(CLI::Range(0, 240));
    check_command->add_flag("--json", json, "Write JSON for scripts");
    check_command->callback([&] { command = [&] { return check(global, check_options, format(), out); }; });

    std::optional<std::filesystem::path> output;
    auto* invite_command = app.add_subcommand("invite", "Write the iCalendar invitation (METHOD:REQUEST) of a meeting");
    invite_command->add_option("MEETING", meeting, "The meeting's id")->required();
    invite_command->add_option("-o,--output", output, "The .ics file to write (default: standard output)");
    invite_command->callback([&] { command = [&] { return invite(global, meeting, output, out, err); }; });

    AttendanceFormat attendance_format = AttendanceFormat::text;
    auto* attendance_command = app.add_subcommand("attendance", "Write the attendance list (Teilnehmerliste)");
    attendance_command->add_option("MEETING", meeting, "The meeting's id")->required();
    attendance_command->add_option("--format", attendance_format, "text or csv (UTF-8 with BOM, ';', for Excel)")
        ->transform(CLI::CheckedTransformer(attendance_formats, CLI::ignore_case));
    attendance_command->add_option("-o,--output", output, "The file to write (default: standard output)");
    attendance_command->callback(
        [&] { command = [&] { return attendance(global, meeting, attendance_format, output, out); }; });

    // The one catch point: usage errors, the planner's errors, and anything else.
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
        global.store = store_path;
        return command();
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
