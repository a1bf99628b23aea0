#include "app.hpp"

#include "layout.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/error.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

namespace planner::web {

namespace pages {
std::string session_cookie_value(const Request& request);
std::string login_csrf_cookie(const Request& request);
}  // namespace pages

namespace {

// Added to every response of the application. No inline script or style anywhere, so
// the policy allows nothing but the service's own style sheet.
void add_security_headers(Response& response)
{
    const bool own_policy = std::any_of(response.headers.begin(), response.headers.end(),
                                        [](const auto& header) { return header.first == "Content-Security-Policy"; });
    if (!own_policy) {
        response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                      "frame-ancestors 'none'; base-uri 'none'");
    }
    response.headers.emplace_back("X-Frame-Options", "DENY");
    const bool own_referrer_policy = std::any_of(response.headers.begin(), response.headers.end(),
                                                 [](const auto& header) { return header.first == "Referrer-Policy"; });
    if (!own_referrer_policy) {
        response.headers.emplace_back("Referrer-Policy", "same-origin");
    }
    response.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
    response.headers.emplace_back("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

Language language_of(const Request& request)
{
    return request.cookie("planner-language").value_or("de") == "en" ? Language::en : Language::de;
}

bool is_api(const Request& request)
{
    return request.path.starts_with("/api/");
}

std::optional<std::string_view> bearer_token(const Request& request)
{
    const auto authorization = request.header("authorization");
    constexpr std::string_view scheme = "Bearer ";
    if (!authorization || !authorization->starts_with(scheme)) {
        return std::nullopt;
    }
    return authorization->substr(scheme.size());
}

std::optional<Viewer> viewer_of(const services::Account& account, const db::Store& store)
{
    Viewer viewer{account, std::nullopt};
    if (account.organisation) {
        viewer.county = organisation_county(store, *account.organisation);
    }
    return viewer;
}

// A POST must come from a page of ours: the browser's Origin (or, failing that, its
// Referer) names our own address.
bool same_origin(const Request& request, const AppSettings& settings)
{
    std::vector<std::string> own{settings.base_url};
    while (own.front().ends_with('/')) {
        own.front().pop_back();
    }
    // On loopback, in development and tests, the browser may name the host as it likes
    // (localhost or 127.0.0.1); behind the proxy only the public address counts.
    if (settings.plain_http_allowed && !request.secure) {
        own.push_back(fmt::format("http://{}", request.header("host").value_or("")));
    }
    const auto matches = [&](std::string_view origin, bool prefix) {
        for (const auto& address : own) {
            if (origin == address || (prefix && origin.starts_with(address + "/"))) {
                return true;
            }
        }
        return false;
    };
    if (const auto origin = request.header("origin")) {
        return matches(*origin, false);
    }
    if (const auto referer = request.header("referer")) {
        return matches(*referer, true);
    }
    return false;
}

Response api_problem(unsigned status, std::string_view message)
{
    Response response;
    response.status = status;
    response.content_type = "application/json";
    response.body = fmt::format(R"({{"error":{}}})", nlohmann::json(message).dump());
    return response;
}

Response dispatch(const PageRoute& route, const Request& request, const PathParameters& path, db::Store& store,
                  const AppSettings& settings)
{
    Context context(request, path, store, settings, boost::posix_time::second_clock::universal_time());
    context.language = language_of(request);
    const auto& say = words(context.language);
    const bool api = is_api(request);

    // Behind the https proxy every request comes through it; one that did not (a proxy
    // that is not among trusted_proxies, or a client that reached the port itself)
    // would get its session cookie without Secure: refused instead.
    if (!settings.plain_http_allowed && !request.secure) {
        const auto explanation = "this planner is reached over https only, through its proxy";
        return api ? api_problem(400, explanation) : error_page(context, 400, say.bad_request_title, explanation);
    }

    if (const auto token = bearer_token(request); token && api) {
        if (const auto account = services::account_for_api_token(store, *token, context.now)) {
            context.viewer = viewer_of(*account, store);
            context.api_token = true;
        } else {
            return api_problem(401, "the API token is not valid");
        }
    } else if (const auto cookie = pages::session_cookie_value(request); !cookie.empty()) {
        if (const auto signed_in = services::session(store, cookie, context.now, settings.sessions)) {
            context.viewer = viewer_of(signed_in->account, store);
            context.csrf_token = signed_in->csrf_token;
        }
    }

    // A person's own link: the session it opened, for the meeting it was made for alone.
    // Whoever holds it is that person here, whether or not an account is signed in too.
    if (const auto purpose = link_purpose(route.access)) {
        context.viewer.reset();
        context.csrf_token.clear();
        const MeetingId meeting(path["id"]);
        context.link = services::link_session(
            store, request.cookie(pages::link_cookie_name(request, *purpose, meeting)).value_or(""), *purpose,
            context.now, settings.links);
        if (!context.link || context.link->link.meeting != meeting) {
            context.link.reset();
            return error_page(context, 404, say.link_not_valid_title, say.link_not_valid);
        }
        context.csrf_token = context.link->csrf_token;
    }

    // A form of a session that has ended: sign in again, rather than "the form expired".
    if (request.method == Method::post && !context.viewer && route.access != Access::anyone &&
        !link_purpose(route.access) && !api) {
        return redirect("/login");
    }
    if (request.method == Method::post && !context.api_token) {
        const auto expected = context.viewer || context.link ? context.csrf_token : pages::login_csrf_cookie(request);
        if (!same_origin(request, settings) || expected.empty() || !services::same_secret(request.form_value("csrf"), expected)) {
            return error_page(context, 403, say.forbidden_title,
                              context.language == Language::de
                                  ? "Das Formular ist abgelaufen oder kam nicht von dieser Seite. Bitte laden Sie die "
                                    "Seite neu und senden Sie es noch einmal."
                                  : "The form has expired or did not come from this site. Please reload the page and "
                                    "send it again.");
        }
    }

    if (!allows(route.access, context.viewer)) {
        if (!context.viewer) {
            if (api) {
                return api_problem(401, "sign in or send Authorization: Bearer TOKEN");
            }
            return redirect(html::Url("/login").query("next", request.path).str());
        }
        return api ? api_problem(403, "this is not for your role") : error_page(context, 403, say.forbidden_title, say.forbidden_text);
    }
    if (route.access == Access::meeting_reader || route.access == Access::meeting_changer) {
        // A meeting the viewer may not read is answered as one that does not exist: ids
        // such as a self-help group's must not be confirmed by guessing them.
        context.meeting = meeting_records(store, MeetingId(path["id"]));
        if (!context.meeting || !may_read(*context.viewer, context.meeting->audience)) {
            return api ? api_problem(404, "no such meeting")
                       : error_page(context, 404, say.not_found_title, say.not_found_text);
        }
        // One they may read but not change: that it exists is no secret to them.
        if (route.access == Access::meeting_changer && !may_change(*context.viewer, context.meeting->audience)) {
            return api ? api_problem(403, "this meeting is not for you to change")
                       : error_page(context, 403, say.forbidden_title, say.forbidden_text);
        }
    }

    Response response;
    try {
        response = route.handler(context);
    } catch (const BadRequest& problem) {
        // What the request asked for is wrong: the message names the field and the value.
        response = api ? api_problem(400, problem.what()) : error_page(context, 400, say.bad_request_title, problem.what());
    } catch (const NotFound&) {
        // Its message may name other records ("the store has: ..."): not shown.
        response = api ? api_problem(404, "not found") : error_page(context, 404, say.not_found_title, say.not_found_text);
    }
    // Any other error is the planner's own: the server answers 500 with the request id
    // and logs the message, which may name files and rows.
    for (auto& header : context.response_headers) {
        response.headers.push_back(std::move(header));
    }
    return response;
}

}  // namespace

std::string session_cookie_name(const Request& request)
{
    return request.secure ? "__Host-planner-session" : "planner-session";
}

std::vector<PageRoute> page_routes()
{
    using enum Access;
    return {
        {Method::get, "/", Work::read, anyone, pages::home},
        {Method::get, "/login", Work::read, anyone, pages::login_form},
        {Method::post, "/login", Work::write, anyone, pages::log_in},
        {Method::post, "/logout", Work::write, signed_in, pages::log_out},
        {Method::get, "/language", Work::read, anyone, pages::switch_language},
        {Method::get, "/static/{name}", Work::read, anyone, pages::static_file},
        {Method::get, "/meetings", Work::read, signed_in, pages::meeting_list},
        {Method::get, "/meetings/{id}", Work::read, meeting_reader, pages::meeting},
        {Method::get, "/new-meeting", Work::read, organiser, pages::new_meeting_form},
        {Method::get, "/find-slot", Work::read, organiser, pages::find_slot_page},
        // The check before saving reads only, but is a POST: the form is too large for a URL.
        {Method::post, "/new-meeting", Work::write, organiser, pages::create_meeting},
        {Method::get, "/meetings/{id}/edit", Work::read, meeting_changer, pages::edit_meeting_form},
        {Method::post, "/meetings/{id}/edit", Work::write, meeting_changer, pages::change_meeting},
        {Method::post, "/meetings/{id}/answers", Work::write, meeting_changer, pages::record_answer},
        {Method::post, "/meetings/{id}/send", Work::write, meeting_changer, pages::send_letters},
        {Method::get, "/meetings/{id}/letters.pdf", Work::read, meeting_changer, pages::letters_pdf},
        {Method::post, "/meetings/{id}/mail/{entry}/again", Work::write, meeting_changer, pages::send_again},
        // A tentative meeting's date poll: its table, made, reminded, confirmed or ended.
        {Method::get, "/meetings/{id}/poll", Work::read, meeting_changer, pages::meeting_poll},
        {Method::post, "/meetings/{id}/poll", Work::write, meeting_changer, pages::create_poll},
        {Method::post, "/meetings/{id}/poll/remind", Work::write, meeting_changer, pages::remind_poll},
        {Method::post, "/meetings/{id}/poll/confirm", Work::write, meeting_changer, pages::confirm_poll},
        {Method::post, "/meetings/{id}/poll/end", Work::write, meeting_changer, pages::end_poll},
        {Method::get, "/meetings/{id}/invitation.ics", Work::read, meeting_reader, pages::invitation_ics},
        {Method::get, "/meetings/{id}/attendance.pdf", Work::read, meeting_reader, pages::attendance_pdf},
        {Method::get, "/meetings/{id}/attendance.html", Work::read, meeting_reader, pages::attendance_html},
        {Method::get, "/meetings/{id}/attendance.csv", Work::read, meeting_reader, pages::attendance_csv},
        // With its people's positions and access needs: for those who may change it.
        {Method::get, "/meetings/{id}/meeting.toml", Work::read, meeting_changer, pages::meeting_toml},
        // Everybody in the store, with the self-help groups they lead: admins alone.
        {Method::get, "/export.toml", Work::read, admin, pages::store_toml},
        // What an organiser could change in the forms she may import from a file: the
        // handlers check each record the file would write.
        {Method::get, "/meeting-files", Work::read, organiser, pages::meeting_files},
        // The preview rehearses the import, and rolls it back: a write.
        {Method::post, "/meeting-files", Work::write, organiser, pages::preview_upload},
        {Method::post, "/meeting-files/import", Work::write, organiser, pages::import_upload},
        // A person's own link to answer: following it opens a session (a write), and the
        // page it leads to is for that person and meeting alone.
        {Method::get, "/a/{token}", Work::write, anyone, pages::follow_answer_link},
        {Method::get, "/reply/{id}", Work::read, answer_link, pages::answer_page},
        {Method::post, "/reply/{id}", Work::write, answer_link, pages::give_answer},
        // The person's own feed, renewed or ended from their answer page.
        {Method::post, "/reply/{id}/feed", Work::write, answer_link, pages::change_feed},
        // A person's own link to a date poll, and the page where they vote.
        {Method::get, "/p/{token}", Work::write, anyone, pages::follow_poll_link},
        {Method::get, "/vote/{id}", Work::read, poll_link, pages::poll_page},
        {Method::post, "/vote/{id}", Work::write, poll_link, pages::vote},
        // A person's own feed: the token in the address, as calendar programs send no cookie.
        {Method::get, "/feeds/{file}", Work::read, anyone, pages::person_feed},
        // A county's or organisation's public meetings, without anyone invited.
        {Method::get, "/public/{kind}/{file}", Work::read, anyone, pages::public_feed},
        // Attendance is taken at the door by whoever may read the meeting: the staff of
        // the counties it brings together, as well as its organisers.
        {Method::get, "/meetings/{id}/check-in", Work::read, meeting_reader, pages::check_in},
        {Method::post, "/meetings/{id}/check-in", Work::write, meeting_reader, pages::mark_presence},
        {Method::post, "/meetings/{id}/walk-ins", Work::write, meeting_reader, pages::add_walk_in},
        {Method::get, "/conflicts", Work::read, signed_in, pages::conflicts},
        // Counts of the meetings the viewer may read, and of no one by name.
        {Method::get, "/statistics", Work::read, signed_in, pages::statistics},
        {Method::get, "/statistics.csv", Work::read, signed_in, pages::statistics_csv},
        // Records are kept by the organisers of their county (checked by the handler) and admins.
        {Method::get, "/people/new", Work::read, organiser, pages::new_person_form},
        {Method::post, "/people/new", Work::write, organiser, pages::add_person},
        {Method::get, "/people/{id}/edit", Work::read, organiser, pages::edit_person_form},
        {Method::post, "/people/{id}/edit", Work::write, organiser, pages::change_person},
        {Method::post, "/people/{id}/feed", Work::write, organiser, pages::change_person_feed},
        {Method::get, "/organisations/new", Work::read, organiser, pages::new_organisation_form},
        {Method::post, "/organisations/new", Work::write, organiser, pages::add_organisation},
        {Method::get, "/organisations/{id}/edit", Work::read, organiser, pages::edit_organisation_form},
        {Method::post, "/organisations/{id}/edit", Work::write, organiser, pages::change_organisation},
        {Method::get, "/venues/new", Work::read, organiser, pages::new_venue_form},
        {Method::post, "/venues/new", Work::write, organiser, pages::add_venue},
        {Method::get, "/venues/{id}/edit", Work::read, organiser, pages::edit_venue_form},
        {Method::post, "/venues/{id}/edit", Work::write, organiser, pages::change_venue},
        {Method::get, "/counties/new", Work::read, admin, pages::new_county_form},
        {Method::post, "/counties/new", Work::write, admin, pages::add_county},
        {Method::get, "/counties/{id}/edit", Work::read, admin, pages::edit_county_form},
        {Method::post, "/counties/{id}/edit", Work::write, admin, pages::change_county},
        {Method::get, "/people", Work::read, organiser, pages::people},
        {Method::get, "/organisations", Work::read, organiser, pages::organisations},
        {Method::get, "/venues", Work::read, signed_in, pages::venues},
        {Method::get, "/counties", Work::read, signed_in, pages::counties},
        {Method::get, "/api/v1/meetings", Work::read, signed_in, pages::api_meetings},
        {Method::get, "/api/v1/meetings/{id}", Work::read, meeting_reader, pages::api_meeting},
        {Method::get, "/api/v1/conflicts", Work::read, signed_in, pages::api_conflicts},
    };
}

std::vector<Route> routes_of(std::vector<PageRoute> pages, AppSettings settings)
{
    const auto shared_settings = std::make_shared<const AppSettings>(std::move(settings));
    std::vector<Route> routes;
    routes.reserve(pages.size());
    for (auto& page_route : pages) {
        auto shared_route = std::make_shared<const PageRoute>(std::move(page_route));
        routes.push_back(Route{shared_route->method, shared_route->pattern, shared_route->work,
                               [shared_route, shared_settings](const Request& request, const PathParameters& path,
                                                               db::Store& store) {
                                   auto response = dispatch(*shared_route, request, path, store, *shared_settings);
                                   // Their addresses hold a token: no page of theirs passes it on,
                                   // whatever it says (an error page too).
                                   if (request.path.starts_with("/a/") || request.path.starts_with("/p/") ||
                                       request.path.starts_with("/feeds/")) {
                                       std::erase_if(response.headers, [](const auto& header) {
                                           return header.first == "Referrer-Policy";
                                       });
                                       response.headers.emplace_back("Referrer-Policy", "no-referrer");
                                   }
                                   add_security_headers(response);
                                   return response;
                               }});
    }
    return routes;
}

}  // namespace planner::web
