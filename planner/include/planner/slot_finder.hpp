#pragma once

#include <planner/busy_period.hpp>
#include <planner/directory.hpp>
#include <planner/holidays.hpp>
#include <planner/id.hpp>
#include <planner/time_range.hpp>
#include <planner/time_zone.hpp>
#include <planner/travel.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace planner {

enum class Weekends { avoid, allow };
enum class Holidays { avoid, allow };

// The part of each day a meeting may take, in local time.
struct DailyHours {
    boost::posix_time::time_duration from = boost::posix_time::hours(9);
    boost::posix_time::time_duration to = boost::posix_time::hours(17);

    friend bool operator==(const DailyHours&, const DailyHours&) = default;
};

// What an organiser asks for: who must come, who should, for how long, on which
// days, and where.
struct SlotRequest {
    std::vector<PersonId> required;
    std::vector<PersonId> optional;
    boost::posix_time::time_duration duration = boost::posix_time::hours(2);
    boost::gregorian::date first_day;  // local dates, both included
    boost::gregorian::date last_day;
    // The venues to consider, in order of preference; empty means every venue.
    std::vector<VenueId> venues;
    std::string time_zone{default_time_zone};
    DailyHours hours;
    boost::posix_time::time_duration grid = boost::posix_time::minutes(15);  // candidates start on it
    std::size_t count = 5;
    Weekends weekends = Weekends::avoid;
    Holidays holidays = Holidays::avoid;  // of the venue's state
    // Imported days off (school holidays, neighbours' holidays), avoided like the
    // public holidays.
    std::vector<ListedHoliday> listed_holidays;
    TravelModel travel;
    // The meeting being placed: it does not stand in its own way.
    std::optional<MeetingId> placing;
};

// What keeps an optional person from a slot: a front end that may not show everyone
// everything (another office's meeting, a private calendar's entry) says less.
enum class AbsenceCause { step_free_access, meeting, busy, journey };

// Why an optional person cannot come to a slot.
struct Absence {
    PersonId person;
    std::string reason;  // "in 'Sprecherrat' 2013-02-12 14:00–16:00"
    AbsenceCause cause = AbsenceCause::meeting;
    std::optional<MeetingId> meeting;  // the meeting they are in, or must drive from

    friend bool operator==(const Absence&, const Absence&) = default;
};

struct Slot {
    TimeRange time;
    VenueId venue;
    std::vector<Absence> missing;  // the optional people who cannot come

    friend bool operator==(const Slot&, const Slot&) = default;
};

// One thing that ruled candidates out, and on how many of the days it did so alone.
struct Obstacle {
    std::string message;  // "Frank Veser is busy on 31 of 40 days"
    std::size_t days = 0;

    friend bool operator==(const Obstacle&, const Obstacle&) = default;
};

struct SlotSearch {
    // Best first: fewest optional people missing, then the earliest. One slot a day,
    // the best start of that day, so that the proposals are real alternatives.
    std::vector<Slot> slots;
    // When there is no slot: what stood in the way, the commonest first.
    std::vector<Obstacle> obstacles;
};

// Proposes slots in which no required person has an error-level conflict under the
// rules of the conflict check: no meeting of theirs (tentative ones hold their time
// too) or busy period overlaps, and the drive from the meeting before on that day and
// to the one after fits. The venue must be free, hold everyone (required and
// optional) and be step-free where a required person needs it; the day must be a
// working day in the venue's state unless the request allows otherwise.
// Throws planner::Error for a request that cannot be searched: an unknown person or
// venue, no required person, an empty window or a duration longer than the hours.
// A series must be expanded first (expand_series).
[[nodiscard]] SlotSearch find_slots(const Directory& directory, std::span<const BusyPeriod> busy_periods,
                                    const SlotRequest& request);

}  // namespace planner
