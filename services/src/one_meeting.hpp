#pragma once

#include <planner/db/store.hpp>
#include <planner/directory.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <string>

namespace planner::services {

// What the attendance use cases share: one meeting, read from its own rows, and where
// its answers and attendance are kept.

// One meeting and the records it refers to, read together.
struct OneMeeting {
    Meeting meeting;    // a single meeting, or one occurrence of a series
    Directory records;  // the people, organisations, counties and venue it names (Store::records_of)
};

// The meeting `id` names: a single meeting or one occurrence ("series@2013-03-12").
// A series as a whole has no list and no attendance: planner::Error names one of its
// meetings. An id that names neither is planner::NotFound (see unknown_meeting).
[[nodiscard]] OneMeeting one_meeting(const db::Store& store, const std::string& id);

// The series (or single meeting) answers and attendance are kept under.
[[nodiscard]] MeetingId stored_id(const Meeting& meeting);

// The occurrence's date, or null for a single meeting.
[[nodiscard]] std::optional<boost::gregorian::date> occurrence_date(const Meeting& meeting);

}  // namespace planner::services
