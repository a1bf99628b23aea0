#include <planner/services/json.hpp>

#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cmath>

namespace planner::services {

std::string json_text(const Json& value)
{
    return value.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

namespace {

Json geo_json(const GeoPoint& geo)
{
    return Json::array({geo.latitude(), geo.longitude()});
}

Json person_json(const Directory& directory, const PersonId& id)
{
    const auto& person = directory.person(id);
    const auto& organisation = directory.organisation(person.organisation);
    return {{"id", person.id.str()},
            {"name", person.name},
            // The postal address is for those who print letters, not for every reader.
            {"email", person.email ? Json(person.email->str()) : Json(nullptr)},
            {"organisation", organisation.id.str()},
            {"county", organisation.county.str()},
            {"function", person.function}};
}

// A series' rule; null for a single meeting.
Json recurrence_json(const Meeting& meeting)
{
    if (!meeting.recurrence) {
        return nullptr;
    }
    Json exceptions = Json::array();
    for (const auto& date : meeting.recurrence->exceptions) {
        exceptions.push_back(boost::gregorian::to_iso_extended_string(date));
    }
    return {{"rule", meeting.recurrence->rule}, {"exceptions", exceptions}};
}

// The meetings of a series as the planner expands them, cancelled ones included.
Json occurrences_json(const Meeting& series, const std::vector<Meeting>& occurrences)
{
    const auto& zone = time_zone(series.time_zone);
    Json list = Json::array();
    for (const auto& occurrence : occurrences) {
        list.push_back({{"id", occurrence.id.str()},
                        {"date", boost::gregorian::to_iso_extended_string(occurrence.occurrence_of->date)},
                        {"start", format_iso8601(occurrence.time.start(), zone)},
                        {"end", format_iso8601(occurrence.time.end(), zone)},
                        {"venue", occurrence.venue.str()},
                        {"status", to_string(occurrence.status)}});
    }
    return list;
}

Json count_json(const db::ImportCount& count)
{
    return {{"added", count.added}, {"updated", count.updated}, {"unchanged", count.unchanged}};
}

}  // namespace

Json meetings_json(const Directory& directory)
{
    Json meetings = Json::array();
    for (const Meeting* meeting : directory.meetings_by_start()) {
        const auto& zone = time_zone(meeting->time_zone);
        meetings.push_back({{"id", meeting->id.str()},
                            {"title", meeting->title},
                            {"start", format_iso8601(meeting->time.start(), zone)},
                            {"end", format_iso8601(meeting->time.end(), zone)},
                            {"timezone", meeting->time_zone},
                            {"venue", meeting->venue.str()},
                            {"status", to_string(meeting->status)},
                            {"recurrence", meeting->recurrence ? Json(meeting->recurrence->rule) : Json(nullptr)},
                            {"invitees", invitees(*meeting).size()}});
    }
    return {{"meetings", meetings}};
}

Json meeting_json(const Directory& directory, const Meeting& meeting, const std::vector<Meeting>& occurrences,
                  std::span<const db::RecordedAnswer> answers, const std::set<PersonId>& outside_delegates)
{
    const auto& zone = time_zone(meeting.time_zone);
    const auto& venue = directory.venue(meeting.venue);
    Json organisers = Json::array();
    for (const auto& id : meeting.organisers) {
        organisers.push_back(person_json(directory, id));
    }
    Json invited = Json::array();
    for (const auto& invitee : invitees(meeting)) {
        auto entry = person_json(directory, invitee.person);
        entry["role"] = to_string(invitee.role);
        const auto* given = given_answer(answers, invitee.person, std::nullopt);
        entry["answer"] = to_string(given == nullptr ? Answer::needs_action : given->answer);
        entry["delegated_to"] = given != nullptr && given->delegated_to ? Json(given->delegated_to->str()) : Json(nullptr);
        entry["delegate_outside"] =
            given != nullptr && given->delegated_to && outside_delegates.contains(*given->delegated_to);
        entry["comment"] = given != nullptr ? Json(given->comment) : Json("");
        entry["recorded_by"] = given != nullptr && given->recorded_by ? Json(*given->recorded_by) : Json(nullptr);
        invited.push_back(std::move(entry));
    }
    Json counties = Json::array();
    for (const auto& county : meeting.counties) {
        counties.push_back(county.str());
    }
    Json agenda = Json::array();
    for (const auto& item : meeting.agenda) {
        agenda.push_back({{"start", format_iso8601(item.time.start(), zone)},
                          {"end", format_iso8601(item.time.end(), zone)},
                          {"title", item.title},
                          {"presenter", item.presenter ? Json(item.presenter->str()) : Json(nullptr)}});
    }
    Json result{{"id", meeting.id.str()},
            {"uid", meeting.uid},
            {"title", meeting.title},
            {"description", meeting.description},
            {"start", format_iso8601(meeting.time.start(), zone)},
            {"end", format_iso8601(meeting.time.end(), zone)},
            {"timezone", meeting.time_zone},
            {"status", to_string(meeting.status)},
            {"sequence", meeting.sequence},
            {"venue",
             {{"id", venue.id.str()},
              {"name", venue.name},
              {"address", venue.address},
              {"county", venue.county.str()},
              {"capacity", venue.capacity},
              {"geo", geo_json(venue.geo)},
              {"accessible", venue.accessibility == Accessibility::unknown
                                 ? Json(nullptr)
                                 : Json(venue.accessibility == Accessibility::step_free)}}},
            {"counties", counties},
            {"organisers", organisers},
            {"invitees", invited},
            // What each invitee's copy shows: false, the organisers and themselves alone.
            {"participants_see_each_other", guest_list_shown(meeting, directory)},
            {"public", meeting.published},
            {"agenda", agenda},
            {"recurrence", recurrence_json(meeting)}};
    if (meeting.recurrence) {
        result["occurrences"] = occurrences_json(meeting, occurrences);
        Json by_occurrence = Json::array();
        for (const auto& answer : answers) {
            if (answer.occurrence) {
                by_occurrence.push_back({{"occurrence", boost::gregorian::to_iso_extended_string(*answer.occurrence)},
                                         {"person", answer.person.str()},
                                         {"answer", to_string(answer.answer)}});
            }
        }
        result["occurrence_answers"] = by_occurrence;
    }
    return result;
}

Json slots_json(const Directory& directory, const SlotRequest& request, const SlotSearch& search)
{
    const auto& zone = time_zone(request.time_zone);
    Json slots = Json::array();
    for (const auto& slot : search.slots) {
        slots.push_back({{"start", format_iso8601(slot.time.start(), zone)},
                         {"end", format_iso8601(slot.time.end(), zone)},
                         {"venue", slot.venue.str()},
                         {"venue_name", directory.venue(slot.venue).name},
                         {"missing", missing_json(slot)}});
    }
    Json obstacles = Json::array();
    for (const auto& obstacle : search.obstacles) {
        obstacles.push_back({{"message", obstacle.message}, {"days", obstacle.days}});
    }
    return {{"slots", slots}, {"obstacles", obstacles}};
}

Json missing_json(const Slot& slot)
{
    Json missing = Json::array();
    for (const auto& absence : slot.missing) {
        missing.push_back({{"person", absence.person.str()}, {"reason", absence.reason}});
    }
    return missing;
}

Json placement_json(const Meeting& placed, const Slot& slot)
{
    const auto& zone = time_zone(placed.time_zone);
    return {{"meeting", placed.id.str()},
            {"start", format_iso8601(placed.time.start(), zone)},
            {"end", format_iso8601(placed.time.end(), zone)},
            {"venue", placed.venue.str()},
            {"missing", missing_json(slot)}};
}

Json venues_json(const Directory& directory, const VenueRanking& ranking, std::size_t count)
{
    const auto minutes = [](boost::posix_time::time_duration d) { return d.total_seconds() / 60; };
    Json venues = Json::array();
    for (std::size_t i = 0; i < ranking.venues.size() && i < count; ++i) {
        const auto& choice = ranking.venues[i];
        Json counties = Json::array();
        for (const auto& county : choice.counties) {
            counties.push_back({{"county", county.county.str()},
                                {"people", county.people},
                                {"longest_minutes", minutes(county.longest)},
                                {"total_minutes", minutes(county.total)}});
        }
        Json journeys = Json::array();
        for (const auto& journey : choice.journeys) {
            journeys.push_back({{"person", journey.person.str()},
                                {"km", std::round(journey.km * 10) / 10},
                                {"minutes", minutes(journey.drive)}});
        }
        venues.push_back({{"venue", choice.venue.str()},
                          {"name", directory.venue(choice.venue).name},
                          {"longest_minutes", minutes(choice.longest)},
                          {"total_minutes", minutes(choice.total)},
                          {"counties", counties},
                          {"journeys", journeys}});
    }
    Json unsuitable = Json::array();
    for (const auto& venue : ranking.unsuitable) {
        unsuitable.push_back({{"venue", venue.venue.str()}, {"reason", venue.reason}});
    }
    return {{"venues", venues}, {"unsuitable", unsuitable}};
}

Json conflicts_json(const std::vector<Conflict>& conflicts)
{
    Json list = Json::array();
    int errors = 0;
    for (const auto& conflict : conflicts) {
        errors += conflict.severity == Severity::error ? 1 : 0;
        const auto& zone = time_zone(conflict.time_zone);
        Json meetings = Json::array();
        for (const auto& id : conflict.meetings) {
            meetings.push_back(id.str());
        }
        Json people = Json::array();
        for (const auto& id : conflict.people) {
            people.push_back(id.str());
        }
        list.push_back({{"kind", to_string(conflict.kind)},
                        {"severity", to_string(conflict.severity)},
                        {"meetings", meetings},
                        {"people", people},
                        {"venue", conflict.venue ? Json(conflict.venue->str()) : Json(nullptr)},
                        {"start", format_iso8601(conflict.time.start(), zone)},
                        {"end", format_iso8601(conflict.time.end(), zone)},
                        {"message", conflict.message}});
    }
    return {{"conflicts", list},
            {"errors", errors},
            {"warnings", static_cast<int>(conflicts.size()) - errors}};
}

Json import_json(const db::ImportReport& report)
{
    return {{"counties", count_json(report.counties)},
            {"organisations", count_json(report.organisations)},
            {"people", count_json(report.people)},
            {"venues", count_json(report.venues)},
            {"meetings", count_json(report.meetings)},
            {"kept_changed", [&] {
                 Json ids = Json::array();
                 for (const auto& id : report.kept_changed) {
                     ids.push_back(id.str());
                 }
                 return ids;
             }()}};
}

Json stats_json(const AttendanceStats& stats)
{
    const auto line_json = [](const StatsLine& line) {
        return Json{{"meetings", line.meetings},      {"invited", line.invited},
                    {"accepted", line.accepted},      {"attended", line.attended},
                    {"walk_ins", line.walk_ins},      {"attendance_rate", line.attendance_rate()}};
    };
    const auto lines_json = [&](const std::vector<StatsLine>& lines, const char* key) {
        Json list = Json::array();
        for (const auto& line : lines) {
            auto entry = Json{{key, line.group}};
            entry.update(line_json(line));
            list.push_back(std::move(entry));
        }
        return list;
    };
    return {{"counties", lines_json(stats.by_county, "county")},
            {"organisation_kinds", lines_json(stats.by_organisation_kind, "kind")},
            {"total", line_json(stats.total)}};
}

Json attendance_recorded_json(const AttendanceRecorded& recorded)
{
    Json records = Json::array();
    for (const auto& record : recorded.records) {
        records.push_back({{"person", record.person.str()},
                           {"presence", to_string(record.presence)},
                           {"walk_in", record.walk_in}});
    }
    return {{"meeting", recorded.meeting}, {"recorded", records}};
}

Json outbox_json(const MeetingId& meeting, const std::vector<db::OutboxMessage>& messages)
{
    const auto utc = [](boost::posix_time::ptime time) { return boost::posix_time::to_iso_extended_string(time) + "Z"; };
    Json listed = Json::array();
    for (const auto& message : messages) {
        listed.push_back({{"person", message.version.person.str()},
                          {"recipient", message.recipient},
                          {"sequence", message.version.sequence},
                          {"cancellation", message.version.cancelled},
                          {"state", std::string(db::state_name(message.state))},
                          {"attempts", message.attempts},
                          {"queued", utc(message.queued)},
                          {"next_try", utc(message.next_try)},
                          {"settled", message.settled ? Json(utc(*message.settled)) : Json(nullptr)},
                          {"server_said", message.server_said},
                          {"queued_by", message.queued_by}});
    }
    return {{"meeting", meeting.str()}, {"messages", listed}};
}

Json recorded_answer_json(const RecordedAnswer& a)
{
    return {{"meeting", a.meeting.str()},
            {"occurrence",
             a.occurrence ? Json(boost::gregorian::to_iso_extended_string(*a.occurrence)) : Json(nullptr)},
            {"person", a.person.str()},
            {"answer", to_string(a.answer)},
            {"sequence", a.sequence},
            {"comment", a.comment},
            {"delegated_to", a.delegated_to ? Json(a.delegated_to->str()) : Json(nullptr)},
            {"recorded_by", a.recorded_by ? Json(*a.recorded_by) : Json(nullptr)}};
}

Json answers_import_json(const AnswersImport& imported)
{
    Json list = Json::array();
    for (const auto& taken : imported.recorded) {
        Json entry = {{"file", taken.file}};
        entry.update(recorded_answer_json(taken.answer));
        entry["delegate_outside"] = taken.delegate_outside;
        list.push_back(std::move(entry));
    }
    Json skipped_files = Json::array();
    for (const auto& file : imported.files_skipped) {
        skipped_files.push_back({{"file", file.file}, {"reason", file.reason}});
    }
    return {{"recorded", list},
            {"skipped", imported.skipped.size()},
            {"warnings", imported.warnings},
            {"files_skipped", skipped_files}};
}

}  // namespace planner::services
