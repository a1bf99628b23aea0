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

// "a,b, c" -> the people of those ids; an unknown one is named with its option.
std::vector<PersonId> people_of(const Directory& directory, const std::string& list, std::string_view option)
{
    std::vector<PersonId> people;
    std::istringstream items(list);
    for (std::string item; std::getline(items, item, ',');) {
        const auto first = item.find_first_not_of(" \t");
        if (first == std::string::npos) {
            continue;
        }
        PersonId id(item.substr(first, item.find_last_not_of(" \t") - first + 1));
        if (directory.find(id) == nullptr) {
            throw NotFound(fmt::format("{}: unknown person '{}'; 'planner show MEETING' lists people's ids", option,
                                       id.str()));
        }
        people.push_back(std::move(id));
    }
    return people;
}

// The people of --required, at least one.
std::vector<PersonId> required_people_of(const Directory& directory, const std::string& list)
{
    auto people = people_of(directory, list, "--required");
    if (people.empty()) {
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

// The request the options describe, for the people of `required` and `optional`.
SlotRequest slot_request(const SlotOptions& options, const Directory& directory)
{
    SlotRequest request;
    request.first_day = date_of(options.from, "--from");
    request.last_day = date_of(options.to, "--to");
    const auto hours = office_hours_from_string(options.hours);
    if (!hours) {
        throw Error(fmt::format("--hours '{}' is not a part of a day, expected e.g. 09:00-17:00", options.hours));
    }
    request.hours = {hours->opens, hours->closes};
    request.grid = duration_of(options.grid, "--grid");
    request.count = options.count;
    request.weekends = options.allow_weekends ? Weekends::allow : Weekends::avoid;
    request.holidays = options.allow_holidays ? Holidays::allow : Holidays::avoid;
    request.travel = options.travel;
    if (options.time_zone) {
        require_time_zone(*options.time_zone, "--timezone");
        request.time_zone = *options.time_zone;
    }
    if (options.venue) {
        if (directory.find(VenueId(*options.venue)) == nullptr) {
            throw NotFound(fmt::format("--venue: unknown venue '{}'", *options.venue));
        }
        request.venues.emplace_back(*options.venue);
    }
    return request;
}

// The proposals, or what stood in the way, as text or JSON.
void write_search(const Directory& directory, const SlotRequest& request, const SlotSearch& search,
                  OutputFormat format, std::ostream& out)
{
    if (format == OutputFormat::json) {
        print_json(out, slots_json(directory, request, search));
    } else {
        write_slots(directory, request, search, out);
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
    std::optional<db::MeetingFile> read_alone;
    std::error_code no_store;
    if (!std::filesystem::exists(global.store, no_store)) {
        read_alone = db::read_meeting_file(file, Directory{}, ical::expand_rule);
    }
    db::Store store(global.store, db::OpenMode::create_if_missing, writes_of(global));
    const auto report = services::import_meeting_file(store, file, read_alone);
    if (format == OutputFormat::json) {
        print_json(out, import_json(report));
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
        print_json(out, meetings_json(directory));
    } else {
        write_meetings(directory, out);
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
        directory = expanded(store.load());
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
    const auto store = open_existing(global);
    const auto schedule = expanded(store.load());
    auto request = slot_request(options, schedule);
    request.required = required_people_of(schedule, options.required);
    request.optional = people_of(schedule, options.optional, "--optional");
    request.duration = duration_of(options.duration, "--duration");
    request.listed_holidays = store.listed_holidays();
    const auto search = find_slots(schedule, store.busy_periods(), request);
    write_search(schedule, request, search, format, out);
    return search.slots.empty() ? exit_error : exit_success;
}

int schedule(const GlobalOptions& global, const std::string& meeting, const SlotOptions& options, std::size_t pick,
             OutputFormat format, std::ostream& out)
{
    auto store = open_existing(global);
    const auto schedule = expanded(store.load());
    require_meeting(schedule, global, meeting);
    const auto* placing = schedule.find(MeetingId(meeting));
    if (placing == nullptr) {
        throw Error(fmt::format("meeting '{}' is a series; move single occurrences with [[meeting.occurrence]] in "
                                "the meeting file",
                                meeting));
    }
    if (placing->occurrence_of) {
        throw Error(fmt::format("meeting '{}' is one meeting of the series '{}'; move it with [[meeting.occurrence]] "
                                "in the meeting file",
                                meeting, placing->occurrence_of->series.str()));
    }
    const Meeting& found = *placing;
    if (found.status != MeetingStatus::tentative) {
        throw Error(fmt::format("meeting '{}' is {}; only a tentative meeting is placed by a slot search (its "
                                "people may already have it in their calendars)",
                                meeting, to_string(found.status)));
    }
    auto request = slot_request(options, schedule);
    for (const auto& invitee : invitees(found)) {
        if (invitee.role == Role::chair || invitee.role == Role::required) {
            request.required.push_back(invitee.person);
        } else if (invitee.role == Role::optional) {
            request.optional.push_back(invitee.person);
        }
    }
    request.duration = found.time.length();
    request.time_zone = options.time_zone.value_or(found.time_zone);
    if (!options.venue && !options.any_venue) {
        request.venues = {found.venue};
    }
    request.placing = found.id;
    request.count = std::max(request.count, pick);
    request.listed_holidays = store.listed_holidays();
    const auto search = find_slots(schedule, store.busy_periods(), request);
    if (search.slots.size() < pick) {
        write_search(schedule, request, search, format, out);
        throw Error(search.slots.empty()
                        ? fmt::format("meeting '{}' was not moved: there is no slot for it", meeting)
                        : fmt::format("meeting '{}' was not moved: there {} only {} slot{}, not {}", meeting,
                                      search.slots.size() == 1 ? "is" : "are", search.slots.size(),
                                      search.slots.size() == 1 ? "" : "s", pick));
    }
    const auto& slot = search.slots[pick - 1];
    auto placed = moved(found, slot.time.start());
    placed.venue = slot.venue;
    store.update(placed, found);
    const auto& zone = time_zone(placed.time_zone);
    if (format == OutputFormat::json) {
        print_json(out, Json{{"meeting", placed.id.str()},
                             {"start", format_iso8601(placed.time.start(), zone)},
                             {"end", format_iso8601(placed.time.end(), zone)},
                             {"venue", placed.venue.str()},
                             {"missing", missing_json(slot)}});
    } else {
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
    const auto directory = open_existing(global).load();
    const auto required = required_people_of(directory, options.required);
    const auto optional = people_of(directory, options.optional, "--optional");
    const auto ranking = rank_venues(directory, required, optional, options.travel);
    if (format == OutputFormat::json) {
        print_json(out, venues_json(directory, ranking, options.count));
    } else {
        write_venues(directory, ranking, options.count, out);
    }
    return ranking.venues.empty() ? exit_error : exit_success;
}

}  // namespace planner::cli
