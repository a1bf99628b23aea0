#include "text_output.hpp"

#include <planner/date_format.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>

namespace planner::cli {
namespace {

std::string person_line(const Directory& directory, const PersonId& id)
{
    const auto& person = directory.person(id);
    const auto& organisation = directory.organisation(person.organisation);
    return person.function.empty() ? fmt::format("{}, {}", person.name, organisation.name)
                                   : fmt::format("{}, {}, {}", person.name, person.function, organisation.name);
}

}  // namespace

void write_meetings(const Directory& directory, std::ostream& out)
{
    const auto meetings = directory.meetings_by_start();
    if (meetings.empty()) {
        out << "No meetings in the store.\n";
        return;
    }
    for (const Meeting* meeting : meetings) {
        const auto& venue = directory.venue(meeting->venue);
        fmt::print(out, "{:<28} {}  {} ({}, {}, {} invited)\n", meeting->id.str(),
                   format_local_range(meeting->time, time_zone(meeting->time_zone)), meeting->title, venue.name,
                   to_string(meeting->status), invitees(*meeting).size());
    }
}

void write_meeting(const Directory& directory, const Meeting& meeting, std::ostream& out)
{
    const auto& zone = time_zone(meeting.time_zone);
    const auto& venue = directory.venue(meeting.venue);
    fmt::print(out, "{}\n", meeting.title);
    fmt::print(out, "  id {}, {}, sequence {}, uid {}\n", meeting.id.str(), to_string(meeting.status),
               meeting.sequence, meeting.uid);
    fmt::print(out, "  {} ({})\n", format_german(meeting.time, zone), meeting.time_zone);
    fmt::print(out, "  {}, {} ({} seats)\n", venue.name, venue.address, venue.capacity);
    if (!meeting.description.empty()) {
        fmt::print(out, "\n{}\n", meeting.description);
    }
    fmt::print(out, "\nOrganisers\n");
    for (const auto& id : meeting.organisers) {
        fmt::print(out, "  {}\n", person_line(directory, id));
    }
    if (!meeting.agenda.empty()) {
        fmt::print(out, "\nAgenda\n");
        for (const auto& item : meeting.agenda) {
            fmt::print(out, "  {}  {}", format_local_times(item.time, zone), item.title);
            if (item.presenter) {
                fmt::print(out, " ({})", directory.person(*item.presenter).name);
            }
            fmt::print(out, "\n");
        }
    }
    std::map<std::string, std::vector<Participant>> by_county;
    const auto people = invitees(meeting);
    for (const auto& invitee : people) {
        by_county[directory.county_of(directory.person(invitee.person)).name].push_back(invitee);
    }
    fmt::print(out, "\nParticipants by county ({})\n", people.size());
    for (const auto& [county, members] : by_county) {
        fmt::print(out, "  {} ({})\n", county, members.size());
        for (const auto& member : members) {
            fmt::print(out, "    {:<9} {}\n", to_string(member.role), person_line(directory, member.person));
        }
    }
}

void write_conflicts(const Directory& directory, const std::vector<Conflict>& conflicts, std::ostream& out)
{
    if (conflicts.empty()) {
        out << "No conflicts.\n";
        return;
    }
    // find_conflicts already orders by the first meeting involved, errors first
    // within it: a heading goes wherever that meeting changes.
    int errors = 0;
    const MeetingId* heading = nullptr;
    for (const auto& conflict : conflicts) {
        if (heading == nullptr || *heading != conflict.meetings.front()) {
            if (heading != nullptr) {
                out << '\n';
            }
            heading = &conflict.meetings.front();
            const auto& meeting = directory.meeting(*heading);
            fmt::print(out, "{} ({}, {})\n", meeting.title, meeting.id.str(),
                       format_local_range(meeting.time, time_zone(meeting.time_zone)));
        }
        errors += conflict.severity == Severity::error ? 1 : 0;
        fmt::print(out, "  {:<7}  {:<22}  {}\n", to_string(conflict.severity), to_string(conflict.kind),
                   conflict.message);
    }
    out << '\n';
    const auto warnings = static_cast<int>(conflicts.size()) - errors;
    fmt::print(out, "{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

void write_import_report(const db::ImportReport& report, std::ostream& out)
{
    const auto line = [&](std::string_view what, const db::ImportCount& count) {
        fmt::print(out, "  {:<14} {} added, {} updated, {} unchanged\n", what, count.added, count.updated,
                   count.unchanged);
    };
    line("counties", report.counties);
    line("organisations", report.organisations);
    line("people", report.people);
    line("venues", report.venues);
    line("meetings", report.meetings);
}

}  // namespace planner::cli
