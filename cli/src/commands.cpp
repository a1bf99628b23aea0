#include "commands.hpp"

#include "json_output.hpp"
#include "text_output.hpp"

#include <planner/cli/run.hpp>
#include <planner/conflict_checker.hpp>
#include <planner/db/meeting_file.hpp>
#include <planner/db/store.hpp>
#include <planner/error.hpp>
#include <planner/ical/invitation.hpp>
#include <planner/print/attendance_list.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <sstream>

namespace planner::cli {
namespace {

db::Store open_existing(const GlobalOptions& global)
{
    return {global.store, db::OpenMode::must_exist};
}

const Meeting& find_meeting(const Directory& directory, const std::string& id)
{
    const auto* meeting = directory.find(MeetingId(id));
    if (meeting == nullptr) {
        // A region's store holds thousands of meetings: name a few, then count the rest.
        constexpr std::size_t named = 10;
        std::string known;
        std::size_t listed = 0;
        for (const auto& [known_id, known_meeting] : directory.meetings()) {
            if (listed++ == named) {
                known += fmt::format(" and {} more ('planner meetings' lists them)", directory.meetings().size() - named);
                break;
            }
            known += known.empty() ? "" : ", ";
            known += known_id.str();
        }
        throw NotFound(fmt::format("unknown meeting '{}'; the store has: {}", id, known.empty() ? "none" : known));
    }
    return *meeting;
}

// Output goes to the named file, or to `out` when none is named. A file is written
// whole or not at all.
void deliver(const std::string& content, const std::optional<std::filesystem::path>& output, std::ostream& out)
{
    if (!output) {
        out << content;
        return;
    }
    const auto partial = std::filesystem::path(output->string() + ".partial");
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file << content;
        file.close();
        if (!file) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw Error(fmt::format("{}: cannot write the file", output->string()));
        }
    }
    std::error_code error;
    std::filesystem::rename(partial, *output, error);
    if (error) {
        throw Error(fmt::format("{}: cannot write the file: {}", output->string(), error.message()));
    }
}

}  // namespace

int import_file(const GlobalOptions& global, const std::filesystem::path& file, OutputFormat format, std::ostream& out)
{
    std::error_code status;
    if (!std::filesystem::exists(file, status)) {
        throw Error(fmt::format("{}: no such meeting file", file.string()));
    }
    if (!std::filesystem::is_regular_file(file, status)) {
        throw Error(fmt::format("{}: not a file; expected a TOML meeting file", file.string()));
    }
    // A bad file never creates a store: without one, the file is read on its own
    // (references can only be to its own records) before the store file exists.
    // Either way it is read once and the store loaded once.
    std::optional<db::MeetingFile> parsed;
    std::error_code no_store;
    if (!std::filesystem::exists(global.store, no_store)) {
        parsed = db::read_meeting_file(file, Directory{});
    }
    db::Store store(global.store, db::OpenMode::create_if_missing);
    const auto stored = store.load();
    if (!parsed) {
        parsed = db::read_meeting_file(file, stored);
    }
    const auto report = store.import(*parsed, stored);
    if (format == OutputFormat::json) {
        out << import_json(report).dump(2) << '\n';
    } else {
        fmt::print(out, "imported {} into {}\n", file.string(), global.store.string());
        write_import_report(report, out);
    }
    return exit_success;
}

int list_meetings(const GlobalOptions& global, OutputFormat format, std::ostream& out)
{
    const auto directory = open_existing(global).load();
    if (format == OutputFormat::json) {
        out << meetings_json(directory).dump(2) << '\n';
    } else {
        write_meetings(directory, out);
    }
    return exit_success;
}

int show_meeting(const GlobalOptions& global, const std::string& meeting, OutputFormat format, std::ostream& out)
{
    const auto directory = open_existing(global).load();
    const auto& found = find_meeting(directory, meeting);
    if (format == OutputFormat::json) {
        out << meeting_json(directory, found).dump(2) << '\n';
    } else {
        write_meeting(directory, found, out);
    }
    return exit_success;
}

int check(const GlobalOptions& global, const CheckOptions& options, OutputFormat format, std::ostream& out)
{
    const auto directory = open_existing(global).load();
    CheckInput input;
    input.travel = options.travel;
    if (options.meeting) {
        input.meeting = find_meeting(directory, *options.meeting).id;
    }
    auto conflicts = find_conflicts(directory, input);
    std::erase_if(conflicts, [&](const Conflict& c) { return c.severity < options.minimum_severity; });
    if (format == OutputFormat::json) {
        out << conflicts_json(conflicts).dump(2) << '\n';
    } else {
        write_conflicts(directory, conflicts, out);
    }
    const bool any_error = std::any_of(conflicts.begin(), conflicts.end(),
                                       [](const Conflict& c) { return c.severity == Severity::error; });
    return any_error ? exit_conflicts : exit_success;
}

int invite(const GlobalOptions& global, const std::string& meeting, const std::optional<std::filesystem::path>& output,
           std::ostream& out, std::ostream& err)
{
    const auto directory = open_existing(global).load();
    const auto& found = find_meeting(directory, meeting);
    if (found.status == MeetingStatus::cancelled) {
        throw Error(fmt::format("meeting '{}' is cancelled; an invitation would not take it out of anyone's "
                                "calendar, that needs a cancellation (METHOD:CANCEL)",
                                meeting));
    }
    const auto calendar = ical::write_invitation(directory, found, boost::posix_time::second_clock::universal_time());
    deliver(calendar, output, out);
    const auto conflicts = find_conflicts(directory, found.id);
    if (!conflicts.empty()) {
        fmt::print(err, "planner: warning: {} conflict{} involve{} meeting '{}'; see 'planner check {}'\n",
                   conflicts.size(), conflicts.size() == 1 ? "" : "s", conflicts.size() == 1 ? "s" : "", meeting,
                   meeting);
    }
    if (output) {
        fmt::print(out, "wrote the invitation to {} ({} attendees)\n", output->string(), invitees(found).size());
    }
    return exit_success;
}

int attendance(const GlobalOptions& global, const std::string& meeting, AttendanceFormat format,
               const std::optional<std::filesystem::path>& output, std::ostream& out)
{
    const auto directory = open_existing(global).load();
    const auto list = print::make_attendance_list(directory, find_meeting(directory, meeting));
    std::ostringstream content;
    if (format == AttendanceFormat::csv) {
        print::write_csv(list, content);
    } else {
        print::write_text(list, content);
    }
    deliver(content.str(), output, out);
    if (output) {
        fmt::print(out, "wrote the attendance list to {} ({} people)\n", output->string(), list.rows.size());
    }
    return exit_success;
}

}  // namespace planner::cli
