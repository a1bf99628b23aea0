#include <planner/attendance_stats.hpp>

#include "enum_names.hpp"

#include <planner/organisation.hpp>
#include <planner/time_zone.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace planner {
namespace {

constexpr detail::EnumNames<Presence, 3> presence_names{
    {{Presence::present, "present"}, {Presence::absent, "absent"}, {Presence::excused, "excused"}}};

// The series an answer or record belongs to, and the occurrence's date if any.
struct MeetingKey {
    MeetingId meeting;
    std::optional<boost::gregorian::date> occurrence;

    // Boost dates have < but no <=>.
    friend bool operator<(const MeetingKey& a, const MeetingKey& b)
    {
        return std::tie(a.meeting, a.occurrence) < std::tie(b.meeting, b.occurrence);
    }
};

MeetingKey key_of(const Meeting& meeting)
{
    if (meeting.occurrence_of) {
        return {meeting.occurrence_of->series, meeting.occurrence_of->date};
    }
    return {meeting.id, std::nullopt};
}

// Adds one meeting's people to the lines of their groups.
class Tally {
public:
    void count(const std::string& group, const MeetingId& meeting, bool invited, bool accepted, bool present)
    {
        auto& line = lines_[group];
        line.group = group;
        if (meetings_.insert({group, meeting}).second) {
            ++line.meetings;
        }
        line.invited += invited ? 1 : 0;
        line.accepted += invited && accepted ? 1 : 0;
        line.attended += invited && present ? 1 : 0;
        line.walk_ins += !invited && present ? 1 : 0;
    }

    [[nodiscard]] std::vector<StatsLine> lines() const
    {
        std::vector<StatsLine> result;
        for (const auto& [group, line] : lines_) {
            result.push_back(line);
        }
        return result;
    }

private:
    std::map<std::string, StatsLine> lines_;
    std::set<std::pair<std::string, MeetingId>> meetings_;
};

}  // namespace

std::string_view to_string(Presence presence) { return detail::name_of(presence_names, presence); }
std::optional<Presence> presence_from_string(std::string_view text) { return detail::value_of(presence_names, text); }

double StatsLine::attendance_rate() const
{
    return invited == 0 ? 0.0 : static_cast<double>(attended) / static_cast<double>(invited);
}

AttendanceStats attendance_stats(const Directory& schedule, std::span<const RecordedAnswer> answers,
                                 std::span<const AttendanceRecord> attendance, boost::gregorian::date first,
                                 boost::gregorian::date last)
{
    std::map<MeetingId, std::vector<RecordedAnswer>> answers_by_series;
    for (const auto& answer : answers) {
        answers_by_series[answer.meeting].push_back(answer);
    }
    std::map<MeetingKey, std::vector<const AttendanceRecord*>> attendance_by_meeting;
    for (const auto& record : attendance) {
        attendance_by_meeting[{record.meeting, record.occurrence}].push_back(&record);
    }

    Tally counties;
    Tally kinds;
    Tally total;
    for (const auto& [meeting_id, meeting] : schedule.meetings()) {
        // A named reference, as clang before 16 cannot capture a structured binding.
        const MeetingId& id = meeting_id;
        const auto day = time_zone(meeting.time_zone).to_local(meeting.time.start()).date();
        if (meeting.status == MeetingStatus::cancelled || meeting.recurrence || day < first || day > last) {
            continue;
        }
        const auto key = key_of(meeting);
        const auto& series_answers = answers_by_series[key.meeting];
        const auto& records = attendance_by_meeting[key];
        const auto present = [&](const PersonId& person) {
            return std::any_of(records.begin(), records.end(), [&](const AttendanceRecord* record) {
                return record->person == person && record->presence == Presence::present;
            });
        };
        const auto count = [&](const PersonId& person, bool invited) {
            const auto& organisation = schedule.organisation(schedule.person(person).organisation);
            const bool accepted = answer_of(series_answers, person, key.occurrence) == Answer::accepted;
            const bool came = present(person);
            counties.count(schedule.county(organisation.county).name, id, invited, accepted, came);
            kinds.count(std::string(to_string(organisation.kind)), id, invited, accepted, came);
            total.count("", id, invited, accepted, came);
        };
        const auto in_room = attendees_in_room(meeting);
        for (const auto& person : in_room) {
            count(person, true);
        }
        for (const auto* record : records) {
            if (std::find(in_room.begin(), in_room.end(), record->person) == in_room.end()) {
                count(record->person, false);
            }
        }
    }
    const auto totals = total.lines();
    return {counties.lines(), kinds.lines(), totals.empty() ? StatsLine{} : totals.front()};
}

}  // namespace planner
