#pragma once

#include <string>
#include <string_view>

namespace planner {

// A bare e-mail address (local@domain), never "Name <addr>". The check is the
// practical subset that calendar clients accept in a mailto: URI: no spaces, quotes,
// angle brackets or control characters, exactly one '@', a dotted domain.
class EmailAddress {
public:
    explicit EmailAddress(std::string address);

    [[nodiscard]] const std::string& str() const noexcept { return address_; }

    friend bool operator==(const EmailAddress&, const EmailAddress&) = default;

private:
    std::string address_;
};

// Whether two addresses as calendars write them name the same mailbox: compared
// without regard to case, since clients change it (Outlook answers for
// "Frank.Veser@LRASIG.de" when invited as "frank.veser@lrasig.de").
[[nodiscard]] bool same_address(std::string_view a, std::string_view b);

}  // namespace planner
