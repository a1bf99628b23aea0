#include "web_fixture.hpp"

#include "html.hpp"

#include <planner/db/meeting_file.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <stdexcept>
#include <variant>

namespace planner::web::testing {

namespace {

const std::string lindau = R"toml([[county]]
id = "lindau"
name = "Landkreis Lindau (Bodensee)"
seat = "Lindau (Bodensee)"
state = "DE-BY"
geo = [47.5460, 9.6829]

[[organisation]]
id = "lra-lindau"
name = "Landratsamt Lindau"
county = "lindau"
kind = "district-office"

[[person]]
id = "lena-lindner"
name = "Lena Lindner"
email = "lena.lindner@lindau.example.org"
organisation = "lra-lindau"
)toml";

AppSettings test_settings(const std::string& base_url, std::optional<std::filesystem::path> static_folder)
{
    AppSettings settings;
    settings.static_folder = std::move(static_folder);
    settings.base_url = base_url;
    settings.plain_http_allowed = base_url.starts_with("http://");
    settings.password_cost = services::PasswordCost::least();
    return settings;
}

}  // namespace

std::string_view to_string(Who who)
{
    switch (who) {
    case Who::anonymous: return "anonymous";
    case Who::staff: return "staff";
    case Who::other_organiser: return "organiser of another organisation";
    case Who::organiser: return "the organiser";
    case Who::admin: return "admin";
    }
    return "?";
}

WebFixture::WebFixture(const std::string& base_url, std::optional<std::filesystem::path> static_folder)
{
    std::random_device random;
    directory_ = std::filesystem::temp_directory_path() / ("planner-web-" + std::to_string(random()));
    std::filesystem::create_directories(directory_);
    file_ = directory_ / "planner.db";
    store_.emplace(file_, db::OpenMode::create_if_missing);
    const auto lindau_file = directory_ / "lindau.toml";
    std::ofstream(lindau_file) << lindau;
    for (const auto& meetings : {std::filesystem::path(PLANNER_EXAMPLES_DIR) / "immenstaad-2012.toml", lindau_file}) {
        (void)services::import_meeting_file(*store_, meetings);
    }
    const auto cost = services::PasswordCost::least();
    const std::map<Who, services::Account> accounts{
        // Staff of the same contact point as the organiser: reads its meetings.
        {Who::staff, {"staff", services::Role::staff, OrganisationId("ks-bodenseekreis"), std::nullopt}},
        {Who::other_organiser, {"lindau", services::Role::organiser, OrganisationId("lra-lindau"), PersonId("lena-lindner")}},
        {Who::organiser,
         {"karin", services::Role::organiser, OrganisationId("ks-bodenseekreis"), PersonId("karin-bartholomaeus")}},
        {Who::admin, {"admin", services::Role::admin, std::nullopt, std::nullopt}},
    };
    const auto now = boost::posix_time::second_clock::universal_time();
    for (const auto& [who, account] : accounts) {
        passwords_[who] = services::add_account(*store_, account, std::nullopt, cost);
        auto outcome = services::log_in(*store_, account.login, passwords_[who], "127.0.0.1", now, {}, cost);
        sessions_.emplace(who, std::get<services::NewSession>(outcome));
    }
    settings_ = test_settings(base_url, std::move(static_folder));
    settings_.mail_sender = std::string(mail_sender);
    routes_ = routes_of(page_routes(), settings_);
}

void WebFixture::without_mail()
{
    settings_.mail_sender.reset();
    routes_ = routes_of(page_routes(), settings_);
}

WebFixture::~WebFixture()
{
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

void WebFixture::add_lindau_double_booking()
{
    import_meeting_text("double.toml", R"toml([[venue]]
id = "lindau-rathaus"
name = "Rathaus Lindau"
address = "Bismarckplatz 4, 88131 Lindau"
county = "lindau"
capacity = 40
geo = [47.5458, 9.6843]

[[meeting]]
id = "lindau-intern"
title = "Lindau intern"
start = 2012-11-20T14:00:00
end = 2012-11-20T16:00:00
venue = "lindau-rathaus"
organisers = ["lena-lindner"]

[[meeting]]
id = "selbsthilfe-vertraulich"
title = "Gesprächskreis Vertraulich"
start = 2012-11-20T15:00:00
end = 2012-11-20T17:00:00
venue = "rathaus-immenstaad"
organisers = ["karin-bartholomaeus"]
participants = ["lena-lindner"]
)toml");
}

void WebFixture::import_meeting_text(const std::string& name, const std::string& toml)
{
    const auto file = directory_ / name;
    std::ofstream(file) << toml;
    (void)services::import_meeting_file(*store_, file);
}

std::string header_of(const Response& response, std::string_view name)
{
    std::string joined;
    for (const auto& [key, value] : response.headers) {
        if (key == name) {
            joined += joined.empty() ? value : "\n" + value;
        }
    }
    return joined;
}

std::optional<std::string> hidden_field(std::string_view page, std::string_view name)
{
    const auto field = "name=\"" + std::string(name) + "\" value=\"";
    const auto at = page.find(field);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const auto start = at + field.size();
    auto value = std::string(page.substr(start, page.find('"', start) - start));
    // The page escapes what the browser unescapes; "&amp;" last, so that "&amp;lt;" stays "&lt;".
    for (const auto& [entity, character] : {std::pair<std::string_view, std::string_view>{"&quot;", "\""},
                                            {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
        for (auto found = value.find(entity); found != std::string::npos; found = value.find(entity, found + 1)) {
            value.replace(found, entity.size(), character);
        }
    }
    return value;
}

std::string form_version_in(const Response& form)
{
    return hidden_field(form.body, "version").value_or("");
}

std::string WebFixture::login(Who who) const
{
    return who == Who::anonymous ? std::string() : sessions_.at(who).signed_in.account.login;
}

std::string WebFixture::api_token(Who who)
{
    return services::new_api_token(*store_, login(who), boost::posix_time::second_clock::universal_time());
}

Request WebFixture::request(Who who, Method method, const std::string& target, NameValues form) const
{
    Request request;
    request.method = method;
    request.target = target;
    const auto query_start = target.find('?');
    request.path = target.substr(0, query_start);
    if (query_start != std::string::npos) {
        request.query = decoded_pairs(std::string_view(target).substr(query_start + 1));
    }
    request.client_address = "127.0.0.1";
    request.request_id = "test";
    request.headers.emplace_back("host", "planner.test");
    std::string csrf;
    if (who == Who::anonymous) {
        csrf = "0123456789abcdef0123456789abcdef";
        request.headers.emplace_back("cookie", "planner-login=" + csrf);
    } else {
        const auto& session = sessions_.at(who);
        csrf = session.signed_in.csrf_token;
        request.headers.emplace_back("cookie", session_cookie_name(request) + "=" + session.cookie_token);
    }
    if (method == Method::post) {
        request.headers.emplace_back("origin", "http://planner.test");
        request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
        form.emplace_back("csrf", csrf);
        for (const auto& [name, value] : form) {
            if (!request.body.empty()) {
                request.body += '&';
            }
            request.body += html::percent_encoded(name) + "=" + html::percent_encoded(value);
        }
    }
    return request;
}

Request WebFixture::upload(Who who, const std::string& target, const NameValues& fields,
                           const std::vector<FormPart>& files) const
{
    auto request = this->request(who, Method::post, target);
    const auto csrf = request.form_value("csrf");
    const std::string boundary = "----planner-test-boundary-7MA4YWxkTrZu0gW";
    std::erase_if(request.headers, [](const auto& header) { return header.first == "content-type"; });
    request.headers.emplace_back("content-type", "multipart/form-data; boundary=" + boundary);
    const auto with_crlf = [](const std::string& text) {
        std::string out;
        for (const char c : text) {
            if (c == '\n') {
                out += "\r\n";
            } else if (c != '\r') {
                out += c;
            }
        }
        return out;
    };
    request.body.clear();
    auto all_fields = fields;
    all_fields.emplace_back("csrf", csrf);
    for (const auto& [name, value] : all_fields) {
        request.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
                        with_crlf(value) + "\r\n";
    }
    for (const auto& file : files) {
        request.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.name +
                        "\"; filename=\"" + file.filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
                        file.value + "\r\n";
    }
    request.body += "--" + boundary + "--\r\n";
    return request;
}

Response WebFixture::dispatch(const std::string& pattern, const Request& request)
{
    for (const auto& route : routes_) {
        if (route.pattern == pattern && route.method == request.method) {
            const auto parameters = match_pattern(route.pattern, request.path);
            if (!parameters) {
                throw std::invalid_argument(request.path + " does not match " + pattern);
            }
            return route.handler(request, *parameters, *store_);
        }
    }
    throw std::invalid_argument("no route " + pattern);
}

Response WebFixture::dispatch(const Request& request)
{
    for (const auto& route : routes_) {
        if (route.method == request.method) {
            if (const auto parameters = match_pattern(route.pattern, request.path)) {
                return route.handler(request, *parameters, *store_);
            }
        }
    }
    throw std::invalid_argument("no route matches " + request.path);
}

}  // namespace planner::web::testing
