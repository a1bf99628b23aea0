#include <planner/services/attendance.hpp>

#include "one_meeting.hpp"

#include <planner/services/meetings.hpp>

#include <planner/error.hpp>
#include <planner/print/formats.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace planner::services {

namespace greg = boost::gregorian;

AttendanceDocument attendance_list(const db::Store& store, const AttendanceListRequest& request)
{
    const auto schedule = expanded(store.load());
    const auto& found = one_meeting(schedule, store, request.meeting);
    auto list = print::make_attendance_list(schedule, found, request.layout.language);
    if (request.only_accepted) {
        const auto answers = store.answers(stored_id(found));
        std::erase_if(list.rows, [&](const print::AttendanceRow& row) {
            return answer_of(answers, row.person, occurrence_date(found)) != Answer::accepted;
        });
        int number = 0;
        for (auto& row : list.rows) {
            row.number = ++number;
        }
    }
    std::ostringstream content;
    switch (request.format) {
    case ListFormat::text: print::write_text(list, content, request.layout); break;
    case ListFormat::csv: print::write_csv(list, content, request.layout); break;
    case ListFormat::html: print::write_html(list, content, request.layout); break;
    case ListFormat::pdf: content << print::pdf_document(list, request.layout); break;
    }
    return {content.str(), list.rows.size()};
}

AttendanceRecorded record_attendance(db::Store& store, const AttendRequest& request)
{
    const auto schedule = expanded(store.load());
    const auto& meeting = request.meeting;
    const auto& found = one_meeting(schedule, store, meeting);
    if (found.status == MeetingStatus::cancelled) {
        throw Error(fmt::format("meeting '{}' was cancelled; nobody can have attended it", meeting));
    }
    const auto in_room = attendees_in_room(found);
    AttendanceRecorded recorded{meeting, {}, {}};
    for (const auto& id : request.people) {
        const auto* person = schedule.find(id);
        if (person == nullptr) {
            throw NotFound(fmt::format("unknown person '{}'; nothing was recorded. Add them to a meeting file and "
                                       "import it first",
                                       id.str()));
        }
        const bool invited = std::find(in_room.begin(), in_room.end(), person->id) != in_room.end();
        if (!invited && request.presence != Presence::present) {
            throw Error(fmt::format("{} ('{}') was not invited to meeting '{}', so cannot be {}; nothing was recorded",
                                    person->name, id.str(), meeting, to_string(request.presence)));
        }
        if (!invited) {
            recorded.walk_ins.push_back(*person);
        }
        recorded.records.push_back({stored_id(found), occurrence_date(found), person->id, request.presence, !invited});
    }
    store.record_attendance(recorded.records);
    return recorded;
}

AttendanceStats attendance_figures(const db::Store& store, const StatsRequest& request)
{
    const auto schedule = expanded(store.load());
    return attendance_stats(schedule, store.all_answers(), store.attendance(),
                            request.first.value_or(greg::date(greg::min_date_time)),
                            request.last.value_or(greg::date(greg::max_date_time)));
}

}  // namespace planner::services
