// Attendance: the printed list before the meeting, the record of who came after it,
// and the figures for the annual report.

#include "command_support.hpp"
#include "commands.hpp"
#include "json_output.hpp"

#include <planner/attendance_stats.hpp>
#include <planner/cli/run.hpp>
#include <planner/error.hpp>
#include <planner/directory.hpp>
#include <planner/print/formats.hpp>
#include <planner/print/list_layout.hpp>
#include <planner/services/attendance.hpp>
#include <planner/services/outbox.hpp>
#include <planner/services/printed_letters.hpp>
#include <planner/shown_text.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <map>

namespace planner::cli {
namespace {

print::ListOptions list_options(const AttendanceOptions& options)
{
    print::ListOptions list;
    list.language = options.language;
    list.grouping = options.group_by_county ? print::Grouping::county : print::Grouping::none;
    const std::map<std::string, print::Column> omittable{{"organisation", print::Column::organisation},
                                                         {"county", print::Column::county},
                                                         {"function", print::Column::function}};
    for (const auto& name : options.omit) {
        const auto found = omittable.find(name);
        if (found == omittable.end()) {
            throw Error(fmt::format("--omit '{}': expected organisation, county or function (Nr., Name and the "
                                    "signature always stay)",
                                    name));
        }
        list.omitted.push_back(found->second);
    }
    if (options.privacy_note_file) {
        list.privacy_note = read_input_file(*options.privacy_note_file, "the data-protection note (text)", "notes");
        while (!list.privacy_note->empty() && (list.privacy_note->back() == '\n' || list.privacy_note->back() == '\r')) {
            list.privacy_note->pop_back();
        }
    } else if (options.privacy_note) {
        list.privacy_note = options.privacy_note;
    }
    return list;
}

}  // namespace

int attendance(const GlobalOptions& global, const std::string& meeting, const AttendanceOptions& options,
               std::ostream& out)
{
    if (options.format == AttendanceFormat::pdf && !options.output) {
        throw Error("a PDF is not for the terminal; give the file with -o FILE");
    }
    const services::AttendanceListRequest request{meeting, options.format, options.only_accepted,
                                                  list_options(options)};
    const auto list = services::attendance_list(open_existing(global), request);
    deliver(list.content, options.output, out);
    if (options.output) {
        fmt::print(out, "wrote the attendance list to {} ({} people)\n", options.output->string(), list.people);
    }
    return exit_success;
}

int outbox(const GlobalOptions& global, const std::string& meeting, OutputFormat format, std::ostream& out)
{
    const auto store = open_existing(global);
    const MeetingId id(meeting);
    if (!store.meeting(id)) {
        throw NotFound(fmt::format("unknown meeting '{}'", meeting));
    }
    const auto messages = services::newest_mail_of(store, id);
    if (format == OutputFormat::json) {
        print_json(out, services::outbox_json(id, messages));
        return exit_success;
    }
    if (messages.empty()) {
        fmt::print(out, "nothing of meeting '{}' went through the outbox\n", meeting);
        return exit_success;
    }
    for (const auto& message : messages) {
        fmt::print(out, "{:<24} {:<11} SEQUENCE {}  {} attempt{}  {} UTC{}\n", message.version.person.str(),
                   db::state_name(message.state), message.version.sequence, message.attempts,
                   message.attempts == 1 ? "" : "s",
                   boost::posix_time::to_simple_string(message.settled.value_or(message.queued)),
                   message.server_said.empty() ? std::string() : "  " + one_line_text(message.server_said));
    }
    return exit_success;
}

int letters(const GlobalOptions& global, const std::string& meeting, const std::optional<std::filesystem::path>& output,
            Language language, std::ostream& out)
{
    const auto today = boost::gregorian::day_clock::local_day();
    const auto printed = services::printed_letters(open_existing(global), {meeting, language, today});
    deliver(printed.pdf, output, out);
    fmt::print(out, "wrote {} {} to {}:\n", printed.recipients.size(),
               printed.recipients.size() == 1 ? "letter" : "letters", output->string());
    for (const auto& person : printed.recipients) {
        fmt::print(out, "  {}\n", one_line_text(person.name));
    }
    return exit_success;
}

int attend(const GlobalOptions& global, const std::string& meeting, const std::vector<std::string>& people,
           Presence presence, OutputFormat format, std::ostream& out)
{
    services::AttendRequest request{meeting, {}, presence};
    for (const auto& id : people) {
        request.people.emplace_back(id);
    }
    auto store = open_existing(global);
    const auto recorded = services::record_attendance(store, request);
    if (format == OutputFormat::json) {
        print_json(out, services::attendance_recorded_json(recorded));
    } else {
        fmt::print(out, "recorded {} {} for meeting '{}'\n", recorded.records.size(), to_string(presence), meeting);
        for (const auto& person : recorded.walk_ins) {
            fmt::print(out, "  {} came without an invitation (walk-in)\n", one_line_text(person.name));
        }
    }
    return exit_success;
}

int stats(const GlobalOptions& global, const StatsOptions& options, OutputFormat format, std::ostream& out)
{
    const auto& from = options.from;
    const auto& to = options.to;
    services::StatsRequest request{from ? std::optional(date_of(*from, "--from")) : std::nullopt,
                                   to ? std::optional(date_of(*to, "--to")) : std::nullopt, {}};
    if (request.first && request.last && *request.last < *request.first) {
        throw Error(fmt::format("--to {} is before --from {}", *to, *from));
    }
    if (options.csv && format == OutputFormat::json) {
        throw Error("--csv and --json: choose one");
    }
    const auto store = open_existing(global);
    if (options.county) {
        const CountyId county(*options.county);
        const auto stored = store.records();
        if (!stored.find(county)) {
            std::vector<std::string> known;
            for (const auto& [id, record] : stored.counties()) {
                known.push_back(id.str());
            }
            throw Error(fmt::format("--county '{}': the store has no such county; it has {}",
                                    one_line_text(*options.county), fmt::join(known, ", ")));
        }
        request.counted = [county](const Meeting& meeting, const Directory& records) {
            return counties_concerned(meeting, records).contains(county);
        };
    }
    const auto report = services::attendance_figures(store, request);
    if (options.csv) {
        print::write_stats_csv(report, options.language, out);
        return exit_success;
    }
    if (format == OutputFormat::json) {
        print_json(out, services::stats_json(report));
        return exit_success;
    }
    const auto write_lines = [&](std::string_view heading, const std::vector<StatsLine>& lines) {
        fmt::print(out, "{:<34} {:>8} {:>8} {:>8} {:>8} {:>6} {:>9}\n", heading, "meetings", "invited", "accepted",
                   "attended", "rate", "walk-ins");
        for (const auto& line : lines) {
            fmt::print(out, "{:<34} {:>8} {:>8} {:>8} {:>8} {:>5.0f}% {:>9}\n", one_line_text(line.group), line.meetings,
                       line.invited, line.accepted, line.attended, 100.0 * line.attendance_rate(), line.walk_ins);
        }
        fmt::print(out, "\n");
    };
    write_lines("county", report.by_county);
    write_lines("kind of organisation", report.by_organisation_kind);
    auto total = report.total;
    total.group = "all";
    write_lines("total", {total});
    return exit_success;
}

}  // namespace planner::cli
