#pragma once
// A store with the Immenstaad example, one more county (Lindau, in Bavaria) whose
// district office has nothing to do with it, and an account of every kind; and
// requests dispatched through the application's route table as the server would.

#include "app.hpp"

#include <planner/db/store.hpp>
#include <planner/services/accounts.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::web::testing {

// The response's header of that name (several joined by line breaks), or "".
[[nodiscard]] std::string header_of(const Response& response, std::string_view name);

// The value of a hidden field of the page, as a browser sends it back; none without it.
[[nodiscard]] std::optional<std::string> hidden_field(std::string_view page, std::string_view name);
// The version an edit form carries (its hidden field "version"), as a browser sends it back.
[[nodiscard]] std::string form_version_in(const Response& form);

// The kinds of viewer the authorization test walks every route with.
enum class Who { anonymous, staff, other_organiser, organiser, admin };
inline constexpr Who everyone[] = {Who::anonymous, Who::staff, Who::other_organiser, Who::organiser, Who::admin};
[[nodiscard]] std::string_view to_string(Who who);

class WebFixture {
public:
    // `base_url`: the public address the service is configured with (https behind a proxy).
    explicit WebFixture(const std::string& base_url = "http://planner.test",
                        std::optional<std::filesystem::path> static_folder = std::nullopt);
    ~WebFixture();
    WebFixture(const WebFixture&) = delete;
    WebFixture& operator=(const WebFixture&) = delete;

    // A request as a browser of `who` sends it: their session cookie, and for a POST the
    // form with their CSRF token and our Origin.
    [[nodiscard]] Request request(Who who, Method method, const std::string& target, NameValues form = {}) const;
    // A POST of a form with files as a browser sends it (multipart/form-data): every
    // line break of a field sent as CR LF, a file's content as it is.
    [[nodiscard]] Request upload(Who who, const std::string& target, const NameValues& fields,
                                 const std::vector<FormPart>& files = {}) const;
    // Runs the request through the route of `pattern` (which must be in the table).
    [[nodiscard]] Response dispatch(const std::string& pattern, const Request& request);
    // The same, for the route that matches the request's path.
    [[nodiscard]] Response dispatch(const Request& request);

    db::Store& store() { return *store_; }
    [[nodiscard]] const std::filesystem::path& store_file() const { return file_; }
    [[nodiscard]] const std::string& password(Who who) const { return passwords_.at(who); }
    [[nodiscard]] std::string login(Who who) const;
    [[nodiscard]] std::string api_token(Who who);
    // Lena of Lindau booked twice on 2012-11-20: "lindau-intern" of her office, and
    // "selbsthilfe-vertraulich" of the Bodenseekreis, to which she is invited and which
    // the office of Lindau may not read.
    void add_lindau_double_booking();
    // The service as configured without [smtp]: it sends no mail. (By default the outbox
    // is configured, and what the pages queue stays there: no worker runs.)
    void without_mail();
    static constexpr std::string_view mail_sender = "planner@bodenseekreis.example";
    // Imports a meeting file given as its text (written next to the store as `name`).
    void import_meeting_text(const std::string& name, const std::string& toml);

private:
    std::filesystem::path directory_;
    std::filesystem::path file_;
    std::optional<db::Store> store_;
    AppSettings settings_;
    std::vector<Route> routes_;
    std::map<Who, std::string> passwords_;
    std::map<Who, services::NewSession> sessions_;
};

}  // namespace planner::web::testing
