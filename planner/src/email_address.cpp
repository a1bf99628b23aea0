#include <planner/email_address.hpp>

#include <planner/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace planner {
namespace {

bool is_allowed_local_char(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) {
        return false;
    }
    return std::string_view("\"(),:;<>@[\\]").find(c) == std::string_view::npos;
}

bool is_allowed_domain_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

}  // namespace

EmailAddress::EmailAddress(std::string address) : address_(std::move(address))
{
    const auto at = address_.find('@');
    const bool one_at = at != std::string::npos && address_.find('@', at + 1) == std::string::npos;
    const std::string_view local = one_at ? std::string_view(address_).substr(0, at) : "";
    const std::string_view domain = one_at ? std::string_view(address_).substr(at + 1) : "";
    const bool valid = one_at && !local.empty() && !domain.empty() &&
                       std::all_of(local.begin(), local.end(), is_allowed_local_char) &&
                       std::all_of(domain.begin(), domain.end(), is_allowed_domain_char) &&
                       domain.find('.') != std::string_view::npos && domain.front() != '.' &&
                       domain.back() != '.' && domain.find("..") == std::string_view::npos;
    if (!valid) {
        throw Error(fmt::format("'{}' is not an e-mail address, expected a bare address like "
                                "name@example.org",
                                address_));
    }
}

bool same_address(std::string_view a, std::string_view b)
{
    const auto lower = [](unsigned char c) { return std::tolower(c); };
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [&](char x, char y) { return lower(static_cast<unsigned char>(x)) == lower(static_cast<unsigned char>(y)); });
}

}  // namespace planner
