// planner user add | list | remove | password | token: the accounts that sign in to
// `planner serve`. The work is planner::services::accounts'; this reads the options and
// standard input and says what was done.

#include "commands.hpp"

#include "command_support.hpp"
#include "json_output.hpp"

#include <planner/cli/run.hpp>
#include <planner/error.hpp>
#include <planner/services/accounts.hpp>
#include <planner/services/feeds.hpp>
#include <planner/web/serve.hpp>
#include <planner/shown_text.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <string>

namespace planner::cli {
namespace {

// The first line of standard input, as `docker login --password-stdin` reads it: a
// script pipes the password in, so that it appears in no process list or history.
std::string password_from(std::istream& in)
{
    std::string line;
    if (!std::getline(in, line) && line.empty()) {
        throw Error("--password-stdin: standard input holds no password (expected it on the first line)");
    }
    if (line.ends_with('\r')) {
        line.pop_back();
    }
    return line;
}

std::optional<std::string> chosen_password(bool password_stdin, std::istream& in)
{
    return password_stdin ? std::optional(password_from(in)) : std::nullopt;
}

std::string shown(const std::optional<OrganisationId>& id)
{
    return id ? one_line_text(id->str()) : "-";
}

std::string shown(const std::optional<PersonId>& id)
{
    return id ? one_line_text(id->str()) : "-";
}

}  // namespace

int add_user(const GlobalOptions& global, const UserOptions& options, std::istream& in, std::ostream& out)
{
    const auto role = services::role_named(options.role);
    if (!role) {
        throw Error(fmt::format("--role: '{}' is none of admin, organiser and staff", options.role));
    }
    services::Account account{options.login, *role, std::nullopt, std::nullopt};
    if (options.organisation) {
        account.organisation = OrganisationId(*options.organisation);
    }
    if (options.person) {
        account.person = PersonId(*options.person);
    }
    const auto password_given = chosen_password(options.password_stdin, in);
    auto store = open_existing(global);
    const auto password = services::add_account(store, account, password_given, services::PasswordCost::interactive());
    fmt::print(out, "added account {}: {}", account.login, services::role_name(account.role));
    if (account.organisation) {
        fmt::print(out, " of {}", one_line_text(account.organisation->str()));
    }
    if (account.person) {
        fmt::print(out, ", person {}", one_line_text(account.person->str()));
    }
    fmt::print(out, "\n");
    if (!password_given) {
        // Shown this once: the store keeps only its hash.
        fmt::print(out, "password for {}: {}\n", account.login, password);
    }
    return exit_success;
}

int list_users(const GlobalOptions& global, OutputFormat format, std::ostream& out)
{
    const auto all = services::accounts(open_existing(global));
    if (format == OutputFormat::json) {
        Json list = Json::array();
        for (const auto& account : all) {
            list.push_back({{"login", account.login},
                            {"role", services::role_name(account.role)},
                            {"organisation", account.organisation ? Json(account.organisation->str()) : Json(nullptr)},
                            {"person", account.person ? Json(account.person->str()) : Json(nullptr)}});
        }
        print_json(out, Json{{"accounts", std::move(list)}});
        return exit_success;
    }
    if (all.empty()) {
        fmt::print(out, "no accounts; add one with 'planner user add LOGIN --role admin'\n");
        return exit_success;
    }
    std::array<std::size_t, 3> width{std::string_view("login").size(), std::string_view("organiser").size(),
                                     std::string_view("organisation").size()};
    for (const auto& account : all) {
        width[0] = std::max(width[0], account.login.size());
        width[2] = std::max(width[2], shown(account.organisation).size());
    }
    const auto row = [&](std::string_view login, std::string_view role, std::string_view organisation,
                         std::string_view person) {
        fmt::print(out, "{:<{}}  {:<{}}  {:<{}}  {}\n", login, width[0], role, width[1], organisation, width[2], person);
    };
    row("login", "role", "organisation", "person");
    for (const auto& account : all) {
        row(one_line_text(account.login), services::role_name(account.role), shown(account.organisation),
            shown(account.person));
    }
    return exit_success;
}

int remove_user(const GlobalOptions& global, const std::string& login, std::ostream& out)
{
    auto store = open_existing(global);
    services::remove_account(store, login);
    fmt::print(out, "removed account {}, its sessions and its API tokens\n", one_line_text(login));
    return exit_success;
}

int change_password(const GlobalOptions& global, const std::string& login, bool password_stdin, std::istream& in,
                    std::ostream& out)
{
    const auto password_given = chosen_password(password_stdin, in);
    auto store = open_existing(global);
    const auto password =
        services::set_password(store, login, password_given, services::PasswordCost::interactive());
    fmt::print(out, "new password for {}; its sessions are ended\n", one_line_text(login));
    if (!password_given) {
        fmt::print(out, "password for {}: {}\n", one_line_text(login), password);
    }
    return exit_success;
}

int new_token(const GlobalOptions& global, const std::string& login, bool revoke, std::ostream& out)
{
    auto store = open_existing(global);
    if (revoke) {
        const auto revoked = services::revoke_api_tokens(store, login);
        fmt::print(out, "revoked {} API token{} of account '{}'\n", revoked, revoked == 1 ? "" : "s", login);
        return exit_success;
    }
    // The token alone, so that a script can take it: TOKEN=$(planner user token ...).
    fmt::print(out, "{}\n", services::new_api_token(store, login, boost::posix_time::second_clock::universal_time()));
    return exit_success;
}

int feed_address(const GlobalOptions& global, const std::string& person, const std::filesystem::path& config,
                 bool renew, std::ostream& out)
{
    const auto base = web::public_address(config);
    auto store = open_existing(global);
    const auto now = boost::posix_time::second_clock::universal_time();
    std::string token;
    if (renew) {
        token = services::renew_feed_link(store, PersonId(person), now);
    } else if (auto made = services::new_feed_link(store, PersonId(person), now)) {
        token = std::move(*made);
    } else {
        throw Error(fmt::format("'{}' has a feed address already, and only its hash is kept, so it cannot be shown "
                                "again; 'planner feed renew {}' makes a new one (the old one stops working)",
                                person, person));
    }
    const auto address = services::link_address(base, services::LinkPurpose::feed, token);
    // The address to give a calendar that subscribes by link, and the one that opens the
    // calendar program itself.
    fmt::print(out, "{}\n{}\n", address, services::webcal_address(address));
    return exit_success;
}

}  // namespace planner::cli
