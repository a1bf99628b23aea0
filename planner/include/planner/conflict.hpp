#pragma once

#include <planner/id.hpp>
#include <planner/time_range.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner {

enum class ConflictKind {
    person_double_booked,    // in two meetings at once
    person_busy,             // a meeting during a busy period from elsewhere
    venue_double_booked,
    venue_over_capacity,
    venue_not_accessible,    // someone needs step-free access the venue lacks
    agenda_outside_meeting,
    agenda_overlap,
    agenda_presenter,        // a presenter who is not at the meeting
    public_holiday,          // in the state of the venue
    weekend,
    outside_office_hours,
    travel,                  // not enough time between two venues on one day
    county_not_covered,      // a county the meeting brings together has nobody there
};

enum class Severity { warning, error };

// "person-double-booked", as scripts see it in `check --json`.
[[nodiscard]] std::string_view to_string(ConflictKind kind);
[[nodiscard]] std::string_view to_string(Severity severity);

// One reason a meeting cannot happen as planned: what, who or where, which meetings,
// and when (shown in the local time of the first meeting's zone).
struct Conflict {
    ConflictKind kind;
    Severity severity;
    std::vector<MeetingId> meetings;
    std::vector<PersonId> people;
    std::optional<VenueId> venue;
    TimeRange time;
    std::string time_zone;
    std::string message;

    friend bool operator==(const Conflict&, const Conflict&) = default;
};

}  // namespace planner
