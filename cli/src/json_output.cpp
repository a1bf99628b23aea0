#include "json_output.hpp"

#include <planner/time_zone.hpp>

namespace planner::cli {
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
            {"email", person.email.str()},
            {"organisation", organisation.id.str()},
            {"county", organisation.county.str()},
            {"function", person.function}};
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
                            {"invitees", invitees(*meeting).size()}});
    }
    return {{"meetings", meetings}};
}

Json meeting_json(const Directory& directory, const Meeting& meeting)
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
    return {{"id", meeting.id.str()},
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
            {"agenda", agenda}};
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
            {"meetings", count_json(report.meetings)}};
}

}  // namespace planner::cli
