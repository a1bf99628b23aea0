#include "layout.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace planner::web {

using html::element;
using html::Element;
using html::Html;
using html::link;
using html::Url;

namespace {

Html navigation(const Context& context)
{
    const auto& say = words(context.language);
    Element items("ul");
    if (context.viewer) {
        items(element("li", link(Url("/meetings"), say.meetings)));
        items(element("li", link(Url("/conflicts"), say.conflicts)));
        items(element("li", link(Url("/statistics"), say.statistics)));
        if (allows(Access::organiser, context.viewer)) {
            items(element("li", link(Url("/new-meeting"), say.new_meeting)));
            items(element("li", link(Url("/find-slot"), say.find_time_and_place)));
            items(element("li", link(Url("/people"), say.people)));
            items(element("li", link(Url("/organisations"), say.organisations)));
            items(element("li", link(Url("/meeting-files"), say.meeting_files)));
        }
        items(element("li", link(Url("/venues"), say.venues)));
        items(element("li", link(Url("/counties"), say.counties)));
    }
    Url switch_language("/language");
    switch_language.query("to", say.other_language_code).query("back", context.request.path);
    items(element("li", Element("a", {{"href", switch_language.str()},
                                      {"lang", std::string(say.other_language_code)},
                                      {"hreflang", std::string(say.other_language_code)},
                                      {"title", std::string(say.switch_language)}})(say.other_language)));
    Element nav("nav", {{"aria-label", std::string(say.main_navigation)}});
    nav(items);
    if (context.viewer) {
        nav(Element("form", {{"method", "post"}, {"action", "/logout"}, {"class", "logout"}})(
            element("span", fmt::format("{} {}", say.signed_in_as, context.viewer->account.login)))(
            csrf_field(context))(Element("button", {{"type", "submit"}})(say.log_out)));
    }
    return nav;
}

}  // namespace

Html csrf_field(const Context& context)
{
    return Element("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", context.csrf_token}}).empty_element();
}

Response page(const Context& context, std::string_view title, const Html& content, unsigned status)
{
    const auto& say = words(context.language);
    Html document = Html::literal("<!DOCTYPE html>\n");
    Element head("head");
    head(Element("meta", {{"charset", "utf-8"}}).empty_element());
    head(Element("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}}).empty_element());
    head(element("title", fmt::format("{} – {}", title, say.service_name)));
    head(Element("link", {{"rel", "stylesheet"}, {"href", "/static/planner.css"}}).empty_element());
    Element body("body");
    body(Element("a", {{"href", "#main"}, {"class", "skip"}})(say.skip_to_content));
    body(element("header", element("p", {{"class", "service"}}, say.service_name) + navigation(context)));
    body(Element("main", {{"id", "main"}, {"tabindex", "-1"}})(element("h1", title))(content));
    document += Element("html", {{"lang", std::string(say.language_code)}})(head)(body);
    Response response;
    response.status = status;
    response.body = document.str();
    return response;
}

Response error_page(const Context& context, unsigned status, std::string_view title, std::string_view explanation)
{
    const auto& say = words(context.language);
    Html content = element("p", explanation);
    if (context.viewer) {
        content += element("p", link(Url("/meetings"), say.back_to_meetings));
    }
    return page(context, title, content, status);
}

Response redirect(std::string location, unsigned status)
{
    Response response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.headers.emplace_back("Location", std::move(location));
    return response;
}

std::string local_path_or_default(std::string_view wanted)
{
    // A path of ours is "/" and segments of ids: letters, digits and - . _ ~ /. Anything
    // else may be read by a browser as another site: "//host", "/\host", and "/<tab>/host"
    // (browsers drop tabs and line ends from URLs).
    const auto ours = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
               c == '_' || c == '~' || c == '/';
    };
    const bool local = !wanted.empty() && wanted.front() == '/' && (wanted.size() == 1 || wanted[1] != '/') &&
                       std::all_of(wanted.begin(), wanted.end(), ours);
    return local ? std::string(wanted) : std::string("/meetings");
}

}  // namespace planner::web
