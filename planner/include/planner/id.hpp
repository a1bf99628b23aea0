#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace planner {

// A record's short id from the meeting file ("bodenseekreis", "koester"). The tag
// keeps a person id from being passed where a venue id is expected.
template <class Tag>
class Id {
public:
    Id() = default;
    explicit Id(std::string value) : value_(std::move(value)) {}

    [[nodiscard]] const std::string& str() const noexcept { return value_; }
    [[nodiscard]] bool empty() const noexcept { return value_.empty(); }

    friend auto operator<=>(const Id&, const Id&) = default;
    friend bool operator==(const Id&, const Id&) = default;

private:
    std::string value_;
};

// Ids become file names (`--per-attendee DIR` writes DIR/<person-id>.ics) and are typed
// in commands, so an id is letters, digits, '-', '_' and '.', starts with a letter or
// digit (never '.', which hides a file, nor '-', which reads as an option) and has at
// most this many characters.
inline constexpr std::size_t max_id_length = 64;

// Why `id` cannot be a record's id ("expected it to start with a letter or digit"),
// or nothing when it can. The one rule for every id, wherever it is read or made.
[[nodiscard]] std::optional<std::string> id_problem(std::string_view id);

using CountyId = Id<struct CountyTag>;
using OrganisationId = Id<struct OrganisationTag>;
using PersonId = Id<struct PersonTag>;
using VenueId = Id<struct VenueTag>;
using MeetingId = Id<struct MeetingTag>;

}  // namespace planner

template <class Tag>
struct std::hash<planner::Id<Tag>> {
    std::size_t operator()(const planner::Id<Tag>& id) const noexcept
    {
        return std::hash<std::string>{}(id.str());
    }
};
