// Logging in and out, the language switch and the style sheet: the routes anyone may
// reach.

#include "layout.hpp"
#include "pages.hpp"

#include <fmt/format.h>

#include <variant>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;

namespace {

constexpr std::chrono::milliseconds failed_login_delay{1000};

// The login form's CSRF token, before there is a session: a random value in a cookie
// and in the form, which another site can neither read nor set.
std::string login_cookie_name(const Request& request)
{
    return request.secure ? "__Host-planner-login" : "planner-login";
}

Response login_page(Context& context, std::string_view problem, unsigned status)
{
    const auto& say = words(context.language);
    if (context.csrf_token.empty()) {
        context.csrf_token = services::random_token();
        context.response_headers.emplace_back(
            "Set-Cookie", login_cookie_name(context.request) + "=" + context.csrf_token + cookie_attributes(context.request));
    }
    const auto wanted = context.request.method == Method::post ? context.request.form_value("next")
                                                               : std::string(context.request.query_value("next").value_or(""));
    const auto next = local_path_or_default(wanted);
    Element form("form", {{"method", "post"}, {"action", "/login"}});
    if (!problem.empty()) {
        form(element("p", {{"class", "problem"}, {"role", "alert"}, {"id", "login-problem"}}, problem));
    }
    form(csrf_field(context));
    form(Element("input", {{"type", "hidden"}, {"name", "next"}, {"value", next}}).empty_element());
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "login"}})(say.login_name) +
                     Element("input", {{"id", "login"},
                                       {"name", "login"},
                                       {"autocomplete", "username"},
                                       html::flag("required", true),
                                       {"autocapitalize", "none"},
                                       // A screen reader names the problem with the field.
                                       {"aria-describedby", "login-problem", !problem.empty()},
                                       {"aria-invalid", "true", !problem.empty()}})
                         .empty_element()));
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "password"}})(say.password) +
                     Element("input", {{"id", "password"},
                                       {"name", "password"},
                                       {"type", "password"},
                                       {"autocomplete", "current-password"},
                                       html::flag("required", true),
                                       {"aria-describedby", "login-problem", !problem.empty()},
                                       {"aria-invalid", "true", !problem.empty()}})
                         .empty_element()));
    form(Element("button", {{"type", "submit"}})(say.log_in));
    return page(context, say.log_in, form, status);
}


}  // namespace

std::string cookie_attributes(const Request& request)
{
    return request.secure ? "; Path=/; Secure; HttpOnly; SameSite=Lax" : "; Path=/; HttpOnly; SameSite=Lax";
}

std::string session_cookie_value(const Request& request)
{
    return request.cookie(session_cookie_name(request)).value_or("");
}

std::string login_csrf_cookie(const Request& request)
{
    return request.cookie(login_cookie_name(request)).value_or("");
}

Response login_form(Context& context)
{
    if (context.viewer) {
        return redirect("/meetings");
    }
    context.csrf_token = login_csrf_cookie(context.request);
    return login_page(context, {}, 200);
}

Response log_in(Context& context)
{
    const auto& say = words(context.language);
    const auto& request = context.request;
    const auto outcome = services::log_in(context.store, request.form_value("login"), request.form_value("password"),
                                          context.request.client_address, context.now, context.settings.logins,
                                          context.settings.password_cost);
    if (const auto* refusal = std::get_if<services::LoginRefusal>(&outcome)) {
        context.csrf_token = login_csrf_cookie(context.request);
        auto refused = *refusal == services::LoginRefusal::too_many_attempts
                           ? login_page(context, say.too_many_attempts, 429)
                           : login_page(context, say.wrong_login, 401);
        // Slows guessing beyond what argon2 costs, on top of the limits per login and address.
        refused.delay = failed_login_delay;
        return refused;
    }
    const auto& session = std::get<services::NewSession>(outcome);
    // A session id someone planted before the login is never the one signed in.
    if (const auto earlier = session_cookie_value(context.request); !earlier.empty()) {
        services::log_out(context.store, earlier);
    }
    auto response = redirect(local_path_or_default(request.form_value("next")));
    response.headers.emplace_back("Set-Cookie", session_cookie_name(context.request) + "=" + session.cookie_token +
                                                    cookie_attributes(context.request));
    // The login form's token has done its work.
    response.headers.emplace_back("Set-Cookie", login_cookie_name(context.request) + "=" +
                                                    cookie_attributes(context.request) + "; Max-Age=0");
    return response;
}

Response log_out(Context& context)
{
    services::log_out(context.store, session_cookie_value(context.request));
    auto response = redirect("/login");
    response.headers.emplace_back("Set-Cookie", session_cookie_name(context.request) + "=" +
                                                    cookie_attributes(context.request) + "; Max-Age=0");
    return response;
}

Response switch_language(Context& context)
{
    const auto wanted = context.request.query_value("to").value_or("de");
    const std::string language = wanted == "en" ? "en" : "de";
    auto response = redirect(local_path_or_default(context.request.query_value("back").value_or("/meetings")));
    // A preference, not a secret: readable by nobody but us all the same.
    response.headers.emplace_back("Set-Cookie", "planner-language=" + language + cookie_attributes(context.request) +
                                                    "; Max-Age=31536000");
    return response;
}

Response home(Context& context)
{
    return redirect(context.viewer ? "/meetings" : "/login");
}

}  // namespace planner::web::pages
