// Feeds: a person's own (their meetings as a calendar to subscribe to, at the address of
// a link made for feeds alone), and the public feeds of counties and organisations. Calendar programs ask again and again, with no cookie, so
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

// The feed with its ETag, or 304 where the client has what it says.
Response feed_response(const Context& context, const services::Feed& feed, std::string_view cache_control)
{
    Response response;
    response.headers.emplace_back("ETag", feed.etag);
    response.headers.emplace_back("Cache-Control", std::string(cache_control));
    if (context.request.header("if-none-match") == std::optional<std::string_view>(feed.etag)) {
        response.status = 304;
        response.content_type.clear();
        return response;
    }
    response.content_type = "text/calendar; charset=utf-8";
    response.body = feed.calendar;
    return response;
}

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
    // The address is a secret: no shared cache keeps it, and each use asks whether it changed.
    return feed_response(context, std::get<services::Feed>(outcome), "private, no-cache");
}

Response public_feed(Context& context)
{
    const auto kind = context.path["kind"];
    std::string_view file = context.path["file"];
    if ((kind != "counties" && kind != "organisations") || !file.ends_with(calendar_suffix)) {
        return text_response(404, "no such public feed\n");
    }
    file.remove_suffix(calendar_suffix.size());
    try {
        const auto feed = services::public_feed(
            context.store, kind == "counties" ? services::PublicFeedOf::county : services::PublicFeedOf::organisation,
            file, context.now);
        return feed_response(context, feed, "no-cache");
    } catch (const NotFound&) {
        return text_response(404, "no such public feed: it has no public meetings\n");
    }
}

}  // namespace planner::web::pages
