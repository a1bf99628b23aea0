#pragma once

#include <compare>
#include <functional>
#include <string>
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
