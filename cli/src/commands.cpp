#include "commands.hpp"

#include "command_support.hpp"
#include "json_output.hpp"
#include "text_output.hpp"

#include <planner/cli/run.hpp>
#include <planner/conflict_checker.hpp>
#include <planner/db/meeting_file.hpp>
#include <planner/db/store.hpp>
#include <planner/delegation_circle.hpp>
#include <planner/error.hpp>
#include <planner/ical/invitation.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/organisation.hpp>
#include <planner/recurrence.hpp>
#include <planner/services/meeting_file_import.hpp>
#include <planner/services/meeting_queries.hpp>
#include <planner/services/meetings.hpp>
#include <planner/services/scheduling.hpp>
#include <planner/shown_text.hpp>
#include <planner/slot_finder.hpp>
#include <planner/venue_ranking.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

namespace planner::cli {
namespace {

// "a,b, c" -> those ids; whether the store knows them is the use case's to say.
std::vector<PersonId> ids_of(const std::string& list)
{
    std::vector<PersonId> people;
    std::istringstream items(list);
    for (std::string item; std::getline(items, item, ',');) {
        const auto first = item.find_first_not_of(" \t");
        if (first == std::string::npos) {
            continue;
        }
        people.emplace_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
    }
    return people;
}

// The people of --required (at least one) and --optional, named so in messages.
services::People people_of(const std::string& required, const std::string& optional)
{
    services::People people{ids_of(required), ids_of(optional), "--required", "--optional"};
    if (people.required.empty()) {
        throw Error("--required names nobody; give the ids of the people who must come, e.g. --required a,b");
    }
    return people;
}

// "2h", "90m", "1h30m", "1h30": a length of time in whole minutes.
boost::posix_time::time_duration duration_of(const std::string& text, std::string_view option)
{
    int hours = 0;
    int minutes = 0;
    const char* position = text.data();
    const char* end = text.data() + text.size();
    const auto number = [&](int& value) {
        const auto [next, error] = std::from_chars(position, end, value);
        const bool read = error == std::errc{} && next != position;
        position = next;
        return read && value >= 0 && value < 10000;
    };
    bool valid = number(hours);
    if (valid && position != end && *position == 'm') {
        minutes = hours;
        hours = 0;
        ++position;
    } else if (valid && position != end && *position == 'h') {
        ++position;
        if (position != end) {
            valid = number(minutes) && minutes < 60;
            if (valid && position != end && *position == 'm') {
                ++position;
            }
        }
    } else {
        valid = false;
    }
    if (!valid || position != end || hours * 60 + minutes == 0) {
        throw Error(fmt::format("{} '{}' is not a length of time, expected e.g. 2h, 90m or 1h30m", option, text));
    }
    return boost::posix_time::hours(hours) + boost::posix_time::minutes(minutes);
}

}  // namespace

services::SlotWindow slot_window(const SlotOptions& options)
{
    services::SlotWindow window;
    window.first_day = date_of(options.from, "--from");
    window.last_day = date_of(options.to, "--to");
    const auto hours = office_hours_from_string(options.hours);
    if (!hours) {
        throw Error(fmt::format("--hours '{}' is not a part of a day, expected e.g. 09:00-17:00", options.hours));
    }
    window.hours = {hours->opens, hours->closes};
    window.grid = duration_of(options.grid, "--grid");
    window.count = options.count;
    window.weekends = options.allow_weekends ? Weekends::allow : Weekends::avoid;
    window.holidays = options.allow_holidays ? Holidays::allow : Holidays::avoid;
    window.travel = options.travel;
    if (options.time_zone) {
        require_time_zone(*options.time_zone, "--timezone");
        window.time_zone = *options.time_zone;
    }
    if (options.venue) {
        window.venue = VenueId(*options.venue);
        window.venue_named = "--venue";
    }
    window.any_venue = options.any_venue;
    return window;
}

namespace {

// The proposals, or what stood in the way, as text or JSON.
void write_search(const services::SlotProposals& proposals, OutputFormat format, std::ostream& out)
{
    if (format == OutputFormat::json) {
        print_json(out, services::slots_json(proposals.schedule, proposals.request, proposals.search));
    } else {
        write_slots(proposals.schedule, proposals.request, proposals.search, out);
    }
}

}  // namespace

int import_file(const GlobalOptions& global, const std::filesystem::path& file, bool overwrite, OutputFormat format,
                std::ostream& out)
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
    std::optional<db::MeetingFile> read_alone;
    std::error_code no_store;
    if (!std::filesystem::exists(global.store, no_store)) {
        read_alone = db::read_meeting_file(file, Directory{}, ical::expand_rule);
    }
    db::Store store(global.store, db::OpenMode::create_if_missing, writes_of(global));
    const auto changed = overwrite ? db::Store::ChangedMeetings::all() : db::Store::ChangedMeetings::kept();
    // A dry run says record by record what the import would change, as the browser's
    // preview of an upload does.
    std::optional<services::ImportPreview> preview;
    if (global.dry_run && format == OutputFormat::text) {
        preview = services::preview_meeting_file(store, file);
    }
    const auto report = preview ? services::import_previewed(store, preview->file, preview->stored, changed)
                                : services::import_meeting_file(store, file, read_alone, changed);
    if (format == OutputFormat::json) {
        print_json(out, import_json(report));
    } else {
        fmt::print(out, "imported {} into {}\n", file.string(), global.store.string());
        write_import_report(report, out);
        if (preview) {
            write_import_changes(preview->records, changed, out);
        }
    }
    return exit_success;
}

int list_meetings(const GlobalOptions& global, OutputFormat format, std::ostream& out)
{
    const auto directory = open_existing(global).load();
    if (format == OutputFormat::json) {
        print_json(out, meetings_json(directory));
    } else {
        write_meetings(directory, out);
    }
    return exit_success;
}

int export_file(const GlobalOptions& global, const std::vector<std::string>& meetings,
                const std::optional<std::filesystem::path>& output, std::ostream& out)
{
    std::vector<MeetingId> ids;
    for (const auto& id : meetings) {
        ids.emplace_back(id);
    }
    deliver(services::export_meeting_file(open_existing(global), ids), output, out);
    if (output) {
        fmt::print(out, "wrote the meeting file to {}\n", output->string());
    }
    return exit_success;
}

int show_meeting(const GlobalOptions& global, const std::string& meeting, OutputFormat format, std::ostream& out)
{
    // The meeting's own rows and the records it names, not the whole store.
    const auto details = services::meeting_details(open_existing(global), MeetingId(meeting));
    if (format == OutputFormat::json) {
        print_json(out, meeting_json(details.records, details.meeting, details.occurrences, details.answers,
                                     details.delegates_outside));
    } else {
        write_meeting(details.records, details.meeting, details.occurrences, details.answers,
                      details.delegates_outside, out);
    }
    return exit_success;
}

int check(const GlobalOptions& global, const CheckOptions& options, OutputFormat format, std::ostream& out)
{
    const auto store = open_existing(global);
    Directory directory;
    std::vector<Conflict> conflicts;
    if (options.meeting) {
        // One meeting's conflicts come from the meetings of its people and venues
        // around it, not from the whole store.
        auto report = services::conflicts_of_meeting(store, MeetingId(*options.meeting), options.travel);
        directory = std::move(report.schedule);
        conflicts = std::move(report.conflicts);
    } else {
        // The store is loaded once and expanded in place: a region's store is big.
        directory = services::expanded(store.load());
        const auto busy = store.busy_periods();
        const auto days_off = store.listed_holidays();
        CheckInput input;
        input.busy_periods = busy;
        input.listed_holidays = days_off;
        input.travel = options.travel;
        conflicts = find_conflicts(directory, input);
    }
    std::erase_if(conflicts, [&](const Conflict& c) { return c.severity < options.minimum_severity; });
    if (format == OutputFormat::json) {
        print_json(out, conflicts_json(conflicts));
    } else {
        write_conflicts(directory, conflicts, out);
    }
    const bool any_error = std::any_of(conflicts.begin(), conflicts.end(),
                                       [](const Conflict& c) { return c.severity == Severity::error; });
    return any_error ? exit_conflicts : exit_success;
}

int find_slot(const GlobalOptions& global, const SlotOptions& options, OutputFormat format, std::ostream& out)
{
    // Read in the order the options were checked before the store was: the window first.
    auto window = slot_window(options);
    auto people = people_of(options.required, options.optional);
    const services::SlotSearchRequest request{std::move(people), duration_of(options.duration, "--duration"),
                                              std::move(window)};
    const auto proposals = services::find_slot(open_existing(global), request);
    write_search(proposals, format, out);
    return proposals.search.slots.empty() ? exit_error : exit_success;
}

int schedule(const GlobalOptions& global, const std::string& meeting, const SlotOptions& options, std::size_t pick,
             OutputFormat format, std::ostream& out)
{
    const services::ScheduleRequest request{meeting, slot_window(options), pick};
    auto store = open_existing(global);
    const auto placement = services::schedule(store, request);
    if (!placement.placed) {
        write_search(placement.proposals, format, out);
        throw Error(*placement.not_placed);
    }
    const auto& placed = *placement.placed;
    const auto& slot = *placement.slot;
    const auto& schedule = placement.proposals.schedule;
    if (format == OutputFormat::json) {
        print_json(out, services::placement_json(placed, slot));
    } else {
        const auto& zone = time_zone(placed.time_zone);
        fmt::print(out, "scheduled '{}' ({}) for {} at {}\n", one_line_text(placed.title), placed.id.str(),
                   format_local_range(placed.time, zone), one_line_text(schedule.venue(placed.venue).name));
        for (const auto& absence : slot.missing) {
            fmt::print(out, "  without {}: {}\n", one_line_text(schedule.person(absence.person).name),
                       one_line_text(absence.reason));
        }
        fmt::print(out, "it is still tentative; 'planner invite {}' writes the invitation\n", placed.id.str());
    }
    return exit_success;
}

int suggest_venue(const GlobalOptions& global, const VenueOptions& options, OutputFormat format, std::ostream& out)
{
    const auto people = people_of(options.required, options.optional);
    const auto [directory, ranking] = services::suggest_venues(open_existing(global), {people, options.travel});
    if (format == OutputFormat::json) {
        print_json(out, services::venues_json(directory, ranking, options.count));
    } else {
        write_venues(directory, ranking, options.count, out);
    }
    return ranking.venues.empty() ? exit_error : exit_success;
}

}  // namespace planner::cli
