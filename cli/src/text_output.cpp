#include "text_output.hpp"

#include "command_support.hpp"

#include <planner/date_format.hpp>
#include <planner/shown_text.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <map>

// Every text here may come from someone else's file (a meeting file, an answer, a
// calendar): each value goes through one_line_text, a description through
// terminal_text, so none can drive the terminal or forge a line of the listing.
namespace planner::cli {
namespace {

std::string person_line(const Directory& directory, const PersonId& id)
{
    const auto& person = directory.person(id);
    const auto& organisation = directory.organisation(person.organisation);
    return one_line_text(person.function.empty()
                             ? fmt::format("{}, {}", person.name, organisation.name)
                             : fmt::format("{}, {}, {}", person.name, person.function, organisation.name));
}

std::string name_of(const Directory& directory, const PersonId& id)
{
    return one_line_text(directory.person(id).name);
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
        fmt::print(out, "{:<28} {}  {} ({}, {}, {} invited{})\n", meeting->id.str(),
                   format_local_range(meeting->time, time_zone(meeting->time_zone)), one_line_text(meeting->title),
                   one_line_text(venue.name), to_string(meeting->status), invitees(*meeting).size(),
                   meeting->recurrence ? ", recurs " + one_line_text(meeting->recurrence->rule) : std::string());
    }
}

void write_meeting(const Directory& directory, const Meeting& meeting, const std::vector<Meeting>& occurrences,
                   std::span<const db::RecordedAnswer> answers, const std::set<PersonId>& outside_delegates,
                   std::ostream& out)
{
    const auto& zone = time_zone(meeting.time_zone);
    const auto& venue = directory.venue(meeting.venue);
    fmt::print(out, "{}\n", one_line_text(meeting.title));
    fmt::print(out, "  id {}, {}, sequence {}, uid {}\n", meeting.id.str(), to_string(meeting.status),
               meeting.sequence, one_line_text(meeting.uid));
    fmt::print(out, "  {} ({})\n", format_german(meeting.time, zone), meeting.time_zone);
    fmt::print(out, "  {}, {} ({} seats)\n", one_line_text(venue.name), one_line_text(venue.address), venue.capacity);
    if (meeting.recurrence) {
        fmt::print(out, "  recurs {}, {} meetings\n", one_line_text(meeting.recurrence->rule), occurrences.size());
    }
    if (!meeting.description.empty()) {
        fmt::print(out, "\n{}\n", terminal_text(meeting.description));
    }
    fmt::print(out, "\nOrganisers\n");
    for (const auto& id : meeting.organisers) {
        fmt::print(out, "  {}\n", person_line(directory, id));
    }
    if (!meeting.agenda.empty()) {
        fmt::print(out, "\nAgenda\n");
        for (const auto& item : meeting.agenda) {
            fmt::print(out, "  {}  {}", format_local_times(item.time, zone), one_line_text(item.title));
            if (item.presenter) {
                fmt::print(out, " ({})", name_of(directory, *item.presenter));
            }
            fmt::print(out, "\n");
        }
    }
    if (!occurrences.empty()) {
        fmt::print(out, "\nMeetings of the series\n");
        for (const auto& occurrence : occurrences) {
            const auto change = std::find_if(meeting.recurrence->changes.begin(), meeting.recurrence->changes.end(),
                                             [&](const OccurrenceChange& c) { return c.date == occurrence.occurrence_of->date; });
            const bool moved = change != meeting.recurrence->changes.end() && change->time.has_value();
            fmt::print(out, "  {:<34} {}{}{}{}\n", occurrence.id.str(), format_local_range(occurrence.time, zone),
                       moved ? " (moved)" : "",
                       occurrence.status != meeting.status ? fmt::format(" ({})", to_string(occurrence.status)) : "",
                       occurrence.venue != meeting.venue
                           ? fmt::format(" at {}", one_line_text(directory.venue(occurrence.venue).name))
                           : "");
        }
    }
    std::map<std::string, std::vector<Participant>> by_county;
    const auto people = invitees(meeting);
    for (const auto& invitee : people) {
        by_county[directory.county_of(directory.person(invitee.person)).name].push_back(invitee);
    }
    std::map<Answer, int> count;
    for (const auto& invitee : people) {
        ++count[answer_of(answers, invitee.person, std::nullopt)];
    }
    fmt::print(out, "\nParticipants by county ({})\n", people.size());
    fmt::print(out, "  answers: {} accepted, {} tentative, {} declined, {} delegated, {} not yet\n",
               count[Answer::accepted], count[Answer::tentative], count[Answer::declined], count[Answer::delegated],
               count[Answer::needs_action]);
    for (const auto& [county, members] : by_county) {
        fmt::print(out, "  {} ({})\n", one_line_text(county), members.size());
        for (const auto& member : members) {
            const auto* given = given_answer(answers, member.person, std::nullopt);
            std::string note;
            if (given != nullptr && given->delegated_to) {
                const auto& delegate = directory.person(*given->delegated_to);
                note += fmt::format(" -> {}", name_of(directory, delegate.id));
                if (outside_delegates.contains(delegate.id)) {
                    note += fmt::format(" <{}>, outside the meeting's organisations: check that they should come",
                                        email_text(delegate));
                }
            }
            if (given != nullptr && !given->comment.empty()) {
                note += fmt::format(" \"{}\"", one_line_text(given->comment));
            }
            if (given != nullptr && given->recorded_by) {
                note += fmt::format(" (written down by {})", one_line_text(*given->recorded_by));
            }
            fmt::print(out, "    {:<9} {:<12} {}{}\n", to_string(member.role),
                       to_string(given == nullptr ? Answer::needs_action : given->answer),
                       person_line(directory, member.person), note);
        }
    }
    bool header = false;
    for (const auto& answer : answers) {
        if (answer.occurrence) {
            if (!header) {
                fmt::print(out, "\nAnswers for single meetings of the series\n");
                header = true;
            }
            fmt::print(out, "  {}  {:<12} {}\n", boost::gregorian::to_iso_extended_string(*answer.occurrence),
                       to_string(answer.answer), name_of(directory, answer.person));
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
            fmt::print(out, "{} ({}, {})\n", one_line_text(meeting.title), meeting.id.str(),
                       format_local_range(meeting.time, time_zone(meeting.time_zone)));
        }
        errors += conflict.severity == Severity::error ? 1 : 0;
        fmt::print(out, "  {:<7}  {:<22}  {}\n", to_string(conflict.severity), to_string(conflict.kind),
                   one_line_text(conflict.message));
    }
    out << '\n';
    const auto warnings = static_cast<int>(conflicts.size()) - errors;
    fmt::print(out, "{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

void write_slots(const Directory& directory, const SlotRequest& request, const SlotSearch& search, std::ostream& out)
{
    const auto& zone = time_zone(request.time_zone);
    const auto window = fmt::format("between {} and {}, {}–{}", boost::gregorian::to_iso_extended_string(request.first_day),
                                    boost::gregorian::to_iso_extended_string(request.last_day),
                                    format_clock(request.hours.from), format_clock(request.hours.to));
    const auto minutes = request.duration.total_seconds() / 60;
    const auto length = minutes % 60 == 0 ? fmt::format("{} h", minutes / 60)
                                          : fmt::format("{} h {} min", minutes / 60, minutes % 60);
    if (search.slots.empty()) {
        fmt::print(out, "No slot of {} {} for everyone required. What stood in the way:\n", length, window);
        for (const auto& obstacle : search.obstacles) {
            fmt::print(out, "  {}\n", one_line_text(obstacle.message));
        }
        return;
    }
    fmt::print(out, "Slots of {} {} ({}), best first:\n", length, window, request.time_zone);
    int number = 0;
    for (const auto& slot : search.slots) {
        fmt::print(out, "{:>3}. {}  {}{}\n", ++number, format_german(slot.time, zone),
                   one_line_text(directory.venue(slot.venue).name),
                   slot.missing.empty() ? "" : fmt::format(", without {} optional", slot.missing.size()));
        for (const auto& absence : slot.missing) {
            fmt::print(out, "       {}: {}\n", name_of(directory, absence.person), one_line_text(absence.reason));
        }
    }
}

void write_venues(const Directory& directory, const VenueRanking& ranking, std::size_t count, std::ostream& out)
{
    const auto minutes = [](boost::posix_time::time_duration d) { return d.total_seconds() / 60; };
    if (ranking.venues.empty()) {
        out << "No venue holds everyone.\n";
    } else {
        out << "Venues, fairest first (the longest single journey, then the total):\n";
    }
    std::size_t width = 0;  // of the county names, to line their figures up
    for (const auto& choice : ranking.venues) {
        for (const auto& county : choice.counties) {
            width = std::max(width, directory.county(county.county).name.size());
        }
    }
    for (std::size_t i = 0; i < ranking.venues.size() && i < count; ++i) {
        const auto& choice = ranking.venues[i];
        const auto& venue = directory.venue(choice.venue);
        fmt::print(out, "{:>3}. {} ({}): longest journey {} min, all journeys {} min\n", i + 1,
                   one_line_text(venue.name), one_line_text(directory.county(venue.county).name),
                   minutes(choice.longest), minutes(choice.total));
        for (const auto& county : choice.counties) {
            fmt::print(out, "       {:<{}}  {} {}, longest {} min, together {} min\n",
                       one_line_text(directory.county(county.county).name), width, county.people, county.people == 1 ? "person" : "people", minutes(county.longest),
                       minutes(county.total));
        }
    }
    for (const auto& unsuitable : ranking.unsuitable) {
        fmt::print(out, "  not {}: {}\n", one_line_text(directory.venue(unsuitable.venue).name),
                   one_line_text(unsuitable.reason));
    }
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
    if (!report.kept_changed.empty()) {
        std::string ids;
        for (const auto& id : report.kept_changed) {
            ids += (ids.empty() ? "" : ", ") + one_line_text(id.str());
        }
        fmt::print(out, "kept {} meeting(s) changed since the file was last imported (in the browser, by schedule or "
                        "cancel), which the file has otherwise: {}; 'import --overwrite' takes the file's\n",
                   report.kept_changed.size(), ids);
    }
}

void write_import_changes(const std::vector<services::PreviewedRecord>& records,
                          const db::Store::ChangedMeetings& changed, std::ostream& out)
{
    for (const auto& record : records) {
        std::string_view change;
        switch (record.change) {
        case services::RecordChange::unchanged: continue;
        case services::RecordChange::added: change = "added"; break;
        case services::RecordChange::updated: change = "updated"; break;
        case services::RecordChange::changed_on_both_sides:
            change = changed.overwrites(MeetingId(record.id)) ? "changed here and in the file: overwritten"
                                                              : "changed here and in the file: kept";
            break;
        }
        fmt::print(out, "{} {} ({}): {}\n", services::to_string(record.kind), one_line_text(record.id),
                   one_line_text(record.name), change);
        for (const auto& key : record.keys) {
            fmt::print(out, "    {}: {} -> {}\n", key.key, key.before.empty() ? "(none)" : one_line_text(key.before),
                       key.after.empty() ? "(none)" : one_line_text(key.after));
        }
    }
}

}  // namespace planner::cli
