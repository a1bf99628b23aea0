// A person's own feed: their meetings as a calendar to subscribe to, at the address of a
// link made for feeds alone. Calendar programs ask again and again, with no cookie, so
// the token is in the address; it is never logged (the access log names the route).

#include "layout.hpp"
#include "pages.hpp"

#include <planner/services/feeds.hpp>

#include <chrono>

namespace planner::web::pages {

namespace {

constexpr std::string_view calendar_suffix = ".ics";
// As for a wrong link to answer: a second, by the I/O thread's timer.
constexpr std::chrono::milliseconds wrong_feed_delay{1000};

}  // namespace

Response person_feed(Context& context)
{
    // (Its Referrer-Policy is no-referrer, as every response under /feeds/: app.cpp.)
    std::string_view file = context.path["file"];
    if (!file.ends_with(calendar_suffix)) {
        return text_response(404, "no such feed\n");
    }
    file.remove_suffix(calendar_suffix.size());
    const auto outcome =
        services::person_feed(context.store, file, context.request.client_address, context.now, context.settings.links);
    if (const auto* refusal = std::get_if<services::LinkRefusal>(&outcome)) {
        auto response = *refusal == services::LinkRefusal::too_many_wrong
                            ? text_response(429, "too many addresses that are not valid came from here; try again later\n")
                            : text_response(404, "this feed address is not valid, or no longer: ask for a new one\n");
        response.delay = wrong_feed_delay;
        return response;
    }
    const auto& feed = std::get<services::Feed>(outcome);
    Response response;
    response.headers.emplace_back("ETag", feed.etag);
    // The address is a secret: no shared cache keeps it, and each use asks whether it changed.
    response.headers.emplace_back("Cache-Control", "private, no-cache");
    if (context.request.header("if-none-match") == std::optional<std::string_view>(feed.etag)) {
        response.status = 304;
        response.content_type.clear();
        return response;
    }
    response.content_type = "text/calendar; charset=utf-8";
    response.body = feed.calendar;
    return response;
}

}  // namespace planner::web::pages
