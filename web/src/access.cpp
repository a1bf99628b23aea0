#include "access.hpp"

namespace planner::web {

std::string_view to_string(Access access)
{
    switch (access) {
    case Access::anyone: return "anyone";
    case Access::signed_in: return "signed-in";
    case Access::organiser: return "organiser";
    case Access::admin: return "admin";
    case Access::meeting_reader: return "meeting-reader";
    case Access::meeting_changer: return "meeting-changer";
    case Access::answer_link: return "answer-link";
    case Access::poll_link: return "poll-link";
    }
    return "?";
}

std::optional<db::LinkPurpose> link_purpose(Access access)
{
    switch (access) {
    case Access::answer_link: return db::LinkPurpose::answer;
    case Access::poll_link: return db::LinkPurpose::poll;
    default: return std::nullopt;
    }
}

MeetingAudience audience_of(const Meeting& meeting, const Directory& records)
{
    MeetingAudience audience;
    for (const auto& organiser : meeting.organisers) {
        if (const auto* person = records.find(organiser)) {
            audience.organisations.insert(person->organisation);
        }
    }
    audience.counties = counties_concerned(meeting, records);
    return audience;
}

bool may_read(const Viewer& viewer, const MeetingAudience& audience)
{
    if (viewer.account.role == services::Role::admin) {
        return true;
    }
    const auto& organisation = viewer.account.organisation;
    return (organisation && audience.organisations.contains(*organisation)) ||
           (viewer.county && audience.counties.contains(*viewer.county));
}

bool may_change(const Viewer& viewer, const MeetingAudience& audience)
{
    switch (viewer.account.role) {
    case services::Role::admin: return true;
    case services::Role::organiser:
        return viewer.account.organisation && audience.organisations.contains(*viewer.account.organisation);
    case services::Role::staff: return false;
    }
    return false;
}

bool may_keep_records_of(const Viewer& viewer, const std::optional<CountyId>& county)
{
    if (viewer.account.role == services::Role::admin) {
        return true;
    }
    return viewer.account.role == services::Role::organiser && county && viewer.county == county;
}

bool allows(Access access, const std::optional<Viewer>& viewer)
{
    switch (access) {
    // The link's session is checked by the dispatcher, whoever is signed in.
    case Access::anyone:
    case Access::answer_link:
    case Access::poll_link: return true;
    case Access::signed_in:
    case Access::meeting_reader:
    case Access::meeting_changer: return viewer.has_value();
    case Access::organiser:
        return viewer && (viewer->account.role == services::Role::organiser ||
                          viewer->account.role == services::Role::admin);
    case Access::admin: return viewer && viewer->account.role == services::Role::admin;
    }
    return false;
}

}  // namespace planner::web
