#pragma once

#include <planner/answer.hpp>
#include <planner/directory.hpp>
#include <planner/id.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace planner {

// Who actually came, as staff record it after the meeting.
enum class Presence { present, absent, excused };

// "present", "absent", "excused"
[[nodiscard]] std::string_view to_string(Presence presence);
[[nodiscard]] std::optional<Presence> presence_from_string(std::string_view text);

struct AttendanceRecord {
    MeetingId meeting;
    std::optional<boost::gregorian::date> occurrence;  // one occurrence of a series; null: the whole meeting
    PersonId person;
    Presence presence = Presence::present;
    bool walk_in = false;  // came without an invitation

    friend bool operator==(const AttendanceRecord&, const AttendanceRecord&) = default;
};

// One line of the report a district office puts into its annual report on
// cross-county work: the meetings a group (a county, a kind of organisation) was
// invited to, and how many of its people were invited, accepted and came.
struct StatsLine {
    std::string group;  // "Bodenseekreis", "self-help-group", or "" for the total
    int meetings = 0;   // meetings with at least one of the group's people in the room
    int invited = 0;    // invitations: a person in the room at one meeting counts once
    int accepted = 0;
    int attended = 0;   // invited people recorded as present
    int walk_ins = 0;   // people present without an invitation

    // attended / invited; 0 when nobody was invited.
    [[nodiscard]] double attendance_rate() const;

    friend bool operator==(const StatsLine&, const StatsLine&) = default;
};

struct AttendanceStats {
    std::vector<StatsLine> by_county;             // by county name
    std::vector<StatsLine> by_organisation_kind;  // by kind, as the meeting files name it
    StatsLine total;

    friend bool operator==(const AttendanceStats&, const AttendanceStats&) = default;
};

// Over the meetings of `schedule` (series expanded, see expand_series) whose local
// start date lies in [first, last] and that are not cancelled. Invited are those in
// the room (organisers and participants but role info, see attendees_in_room); an
// answer or attendance for one occurrence of a series is taken for it, else the
// series' answer.
[[nodiscard]] AttendanceStats attendance_stats(const Directory& schedule, std::span<const RecordedAnswer> answers,
                                               std::span<const AttendanceRecord> attendance,
                                               boost::gregorian::date first, boost::gregorian::date last);

}  // namespace planner
