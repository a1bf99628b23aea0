#pragma once
// Questions about a part of the store, answered without reading all of it: a page of
// meetings for a list, the meetings around a window of time, the records some meetings
// refer to. The store cannot expand a series' rule (it does not read RRULEs), so where
// a series may belong it hands the series over whole; planner::services places it.

#include <planner/id.hpp>
#include <planner/meeting.hpp>
#include <planner/time_range.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace planner::db {

// What a staff account may see: the meetings one of whose organisers is of the
// organisation, that bring the county together, or that are held in it (at the
// series' venue or at the venue of one of its changed meetings).
struct Visibility {
    OrganisationId organisation;
    CountyId county;

    friend bool operator==(const Visibility&, const Visibility&) = default;
};

// A list of meetings, filtered and paged. A meeting is in the window when one of its
// meetings (a series has many) ends after `from` and starts before `to`; either end
// may be open. Ordered by start (within the window, for a series), then by id.
struct MeetingQuery {
    std::optional<boost::posix_time::ptime> from;  // UTC
    std::optional<boost::posix_time::ptime> to;    // UTC
    std::optional<CountyId> county;                // brings the county together
    std::optional<OrganisationId> organisation;    // one of its organisers belongs to it
    std::optional<MeetingStatus> status;           // of the meeting shown (a series': of the one in the window)
    std::optional<Visibility> visible_to;
    std::size_t offset = 0;
    std::size_t limit = 50;
};

// One line of a list of meetings.
struct MeetingSummary {
    MeetingId id;
    std::string title;
    // For a series: its first meeting in the window, or without a window its first.
    TimeRange time;
    std::string time_zone;
    VenueId venue;
    std::string venue_name;
    MeetingStatus status = MeetingStatus::confirmed;
    bool series = false;
    std::vector<CountyId> counties;  // that it brings together

    friend bool operator==(const MeetingSummary&, const MeetingSummary&) = default;
};

struct MeetingPage {
    std::vector<MeetingSummary> meetings;
    std::size_t total = 0;  // every meeting that matches, on all pages

    friend bool operator==(const MeetingPage&, const MeetingPage&) = default;
};

// A series that may belong to a list: it passed the filters the store can apply
// (county, organisation, visibility, and a start before the window's end or a changed
// meeting in the window); whether one of its meetings lies in the window, and what
// status that one has, only its expansion says.
struct SeriesCandidate {
    Meeting series;  // with its recurrence, exceptions and changes
    std::map<VenueId, std::string> venue_names;  // its venue's, and those of its changed meetings
};

// What the store answers of a MeetingQuery alone: the page of single meetings (those
// without a rule) with their total, and every series that may belong.
struct SummaryCandidates {
    MeetingPage singles;
    std::vector<SeriesCandidate> series;
};

// The meetings whose organisers, participants or venue (a series': also the venue of
// a changed meeting) are among these: the ones that can share a person or a room with
// a meeting that has these people and venues.
struct Involving {
    std::set<PersonId> people;
    std::set<VenueId> venues;
};

}  // namespace planner::db
