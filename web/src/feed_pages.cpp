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
    std::string_view file = context.path["file"];
    Response response;
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
    if (!file.ends_with(calendar_suffix)) {
        response.status = 404;
        response.content_type = "text/plain; charset=utf-8";
        response.body = "no such feed\n";
        return response;
    }
    file.remove_suffix(calendar_suffix.size());
    const auto outcome =
        services::person_feed(context.store, file, context.request.client_address, context.now, context.settings.links);
    if (const auto* refusal = std::get_if<services::LinkRefusal>(&outcome)) {
        const bool too_many = *refusal == services::LinkRefusal::too_many_wrong;
        response.status = too_many ? 429 : 404;
        response.content_type = "text/plain; charset=utf-8";
        response.body = too_many ? "too many addresses that are not valid came from here; try again later\n"
                                 : "this feed address is not valid, or no longer: ask for a new one\n";
        response.delay = wrong_feed_delay;
        return response;
    }
    const auto& feed = std::get<services::Feed>(outcome);
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
