#pragma once

#include <optional>
#include <string_view>

namespace planner::ical {

// The IANA zone that CLDR maps a Windows time zone name to for the world (territory
// "001"), e.g. "W. Europe Standard Time" -> "Europe/Berlin": Outlook and Exchange
// write these names as TZID. Null for a name the table does not hold (names are
// compared exactly, as Windows spells them).
[[nodiscard]] std::optional<std::string_view> iana_name_of_windows_zone(std::string_view windows_name);

}  // namespace planner::ical
