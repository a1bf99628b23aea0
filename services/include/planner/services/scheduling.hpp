#pragma once

#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/id.hpp>
#include <planner/slot_finder.hpp>
#include <planner/travel.hpp>
#include <planner/venue_ranking.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace planner::services {

// Finding when and where to meet.

// Who must come and who should. The names are how the front end calls the two lists
// in its messages ("--required" on the command line), so that an unknown id is named
// where the user typed it.
struct People {
    std::vector<PersonId> required;
    std::vector<PersonId> optional;
    std::string required_named = "required";
    std::string optional_named = "optional";
};

struct VenueRequest {
    People people;
    TravelModel travel;
};

// The venues that hold everyone, fairest first, and the directory they are named in.
struct VenueSuggestion {
    Directory directory;
    VenueRanking ranking;
};

// Ranks the venues by the longest journey, then all journeys together. Throws
// NotFound for a person the store lacks, named as the request names its list.
[[nodiscard]] VenueSuggestion suggest_venues(const db::Store& store, const VenueRequest& request);

// When, where and how a slot is searched: what find-slot and schedule share.
struct SlotWindow {
    boost::gregorian::date first_day;  // local dates, both included
    boost::gregorian::date last_day;
    DailyHours hours;
    boost::posix_time::time_duration grid = boost::posix_time::minutes(15);
    std::size_t count = 5;
    Weekends weekends = Weekends::avoid;
    Holidays holidays = Holidays::avoid;
    // Of the hours and the proposals: by default Europe/Berlin for a search, the
    // meeting's own zone for a meeting being placed. The front end checks the name.
    std::optional<std::string> time_zone;
    // Meet at this venue only; named so in messages.
    std::optional<VenueId> venue;
    std::string venue_named = "venue";
    // A meeting being placed stays at its venue unless this or `venue` says otherwise.
    bool any_venue = false;
    TravelModel travel;
};

struct SlotSearchRequest {
    People people;
    boost::posix_time::time_duration duration = boost::posix_time::hours(2);
    SlotWindow window;
};

// The proposals, or what stood in the way, with the schedule (series expanded) and
// the request as searched, which the proposals are read against.
struct SlotProposals {
    Directory schedule;
    SlotRequest request;
    SlotSearch search;
};

// Proposes times (one a day, best first) when everyone required can meet, and where,
// around the store's meetings, busy time and days off. Throws NotFound for an
// unknown person or venue, named as the request names it, and planner::Error for a
// search that cannot be made (a duration longer than the hours).
[[nodiscard]] SlotProposals find_slot(const db::Store& store, const SlotSearchRequest& request);

// The slots a tentative single meeting's required people (chairs and required
// participants; optional ones should come) can all make, at its venue unless the window
// says otherwise, at least `at_least` of them sought; with the meeting as stored. Throws
// for a series, one of its meetings, or a meeting that is not tentative.
struct MeetingSlots {
    SlotProposals proposals;
    Meeting meeting;
};
[[nodiscard]] MeetingSlots slots_for_meeting(const db::Store& store, const std::string& meeting,
                                             const SlotWindow& window, std::size_t at_least);

struct ScheduleRequest {
    std::string meeting;  // a tentative single meeting's id
    SlotWindow window;
    std::size_t pick = 1;  // the n-th slot proposed, from 1
};

struct Placement {
    SlotProposals proposals;
    // The meeting as it is now stored, in the picked slot (moved with its agenda);
    // null when fewer slots than `pick` were found, and `not_placed` says so.
    std::optional<Meeting> placed;
    std::optional<Slot> slot;
    std::optional<std::string> not_placed;
};

// Places a tentative meeting in the `pick`-th slot its required people (chairs and
// required participants; optional ones should come) can all make, at its venue unless
// the window says otherwise, and stores it: it stays tentative. Throws for a series,
// one of its meetings, or a meeting that is not tentative (its people may already have
// it in their calendars); the store is unchanged unless the meeting was placed.
[[nodiscard]] Placement schedule(db::Store& store, const ScheduleRequest& request);

}  // namespace planner::services
