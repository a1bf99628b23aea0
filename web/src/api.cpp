// /api/v1: the same JSON as the command's --json, from the one serializer
// (planner/services/json.hpp), for a session or an API token; and a meeting's
// invitation as an .ics file.

#include "layout.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/error.hpp>
#include <planner/services/invitations.hpp>
#include <planner/services/json.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>


namespace planner::web::pages {

namespace greg = boost::gregorian;

namespace {

Response json_response(const services::Json& value)
{
    Response response;
    response.content_type = "application/json";
    response.body = services::json_text(value);
    return response;
}

}  // namespace

Response api_meetings(Context& context)
{
    db::MeetingQuery filter;
    read_meeting_filters(context.request, filter);
    filter.offset = number_parameter(context.request, "offset", 0, 10'000'000);
    filter.limit = number_parameter(context.request, "limit", 50, 500);
    const auto found = list_meetings(context.store, filter, *context.viewer);
    // The shape of `planner meetings --json`, for the meetings of this page.
    Directory page;
    for (const auto& listed : found.meetings) {
        if (auto meeting = context.store.meeting(listed.id)) {
            page.add(std::move(*meeting));
        }
    }
    auto value = services::meetings_json(page);
    value["total"] = found.total;
    value["offset"] = filter.offset;
    value["limit"] = filter.limit;
    return json_response(value);
}

Response api_meeting(Context& context)
{
    const auto& found = *context.meeting;
    return json_response(
        services::meeting_json(found.records, found.meeting, found.occurrences, found.answers, found.delegates_outside));
}

Response api_conflicts(Context& context)
{
    const auto from = day_parameter(context.request, "from");
    const auto to = day_parameter(context.request, "to");
    if (!from || !to) {
        throw BadRequest("give the days as from=YYYY-MM-DD&to=YYYY-MM-DD (both included, at most a year)");
    }
    const auto found = conflicts_between(context.store, days_from_to(*from, *to), *context.viewer);
    auto value = services::conflicts_json(found.shown);
    // Conflicts that concern meetings the viewer may not read: counted, never shown.
    value["hidden"] = found.hidden;
    return json_response(value);
}

Response invitation_ics(Context& context)
{
    if (context.meeting->meeting.status == MeetingStatus::cancelled) {
        throw BadRequest("the meeting is cancelled: there is no invitation to it");
    }
    // A preview: no file is written and no mail sent, so nobody is recorded as invited.
    const auto report =
        services::invite(context.store, services::InviteRequest{context.meeting->meeting.id.str()}, services::Delivery{});
    if (!report.delivered.preview) {
        throw Error("the invitation could not be written");
    }
    Response response;
    response.content_type = "text/calendar; charset=utf-8; method=REQUEST";
    response.body = *report.delivered.preview;
    response.headers.emplace_back("Content-Disposition",
                                  fmt::format("attachment; filename=\"{}.ics\"", context.meeting->meeting.id.str()));
    return response;
}

}  // namespace planner::web::pages
