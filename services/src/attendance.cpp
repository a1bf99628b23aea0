#include <planner/services/attendance.hpp>

#include "one_meeting.hpp"

#include <planner/services/meetings.hpp>

#include <planner/email_address.hpp>
#include <planner/error.hpp>
#include <planner/id.hpp>
#include <planner/input_size.hpp>
#include <planner/meeting.hpp>
#include <planner/print/formats.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace planner::services {

namespace greg = boost::gregorian;

AttendanceDocument attendance_list(const db::Store& store, const AttendanceListRequest& request)
{
    const auto found = one_meeting(store, request.meeting);
    auto list = print::make_attendance_list(found.records, found.meeting, request.layout.language);
    if (request.only_accepted) {
        const auto answers = store.answers(stored_id(found.meeting));
        std::erase_if(list.rows, [&](const print::AttendanceRow& row) {
            return answer_of(answers, row.person, occurrence_date(found.meeting)) != Answer::accepted;
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

namespace {

void require_not_cancelled(const Meeting& meeting, const std::string& named)
{
    if (meeting.status == MeetingStatus::cancelled) {
        throw AttendanceRefused(fmt::format("meeting '{}' was cancelled; nobody can have attended it", named));
    }
}

bool is_in_room(const Meeting& meeting, const PersonId& person)
{
    const auto in_room = attendees_in_room(meeting);
    return std::find(in_room.begin(), in_room.end(), person) != in_room.end();
}

// A new person's id from their name: "Jürgen Weiß" -> "j-rgen-wei" is no help, so
// letters outside ASCII are written as their nearest ASCII ("juergen-weiss"), and the
// id is made unique against the store with "-2", "-3" ...
PersonId new_person_id(const db::Store& store, std::string_view name)
{
    static const std::vector<std::pair<std::string_view, std::string_view>> spelled{
        {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "ae"}, {"Ö", "oe"}, {"Ü", "ue"}, {"ß", "ss"},
        {"é", "e"},  {"è", "e"},  {"ê", "e"},  {"á", "a"},  {"à", "a"},  {"ç", "c"},  {"ñ", "n"}};
    std::string base;
    for (std::size_t i = 0; i < name.size();) {
        const auto replaced = std::find_if(spelled.begin(), spelled.end(),
                                           [&](const auto& entry) { return name.substr(i).starts_with(entry.first); });
        if (replaced != spelled.end()) {
            base += replaced->second;
            i += replaced->first.size();
            continue;
        }
        const auto c = static_cast<unsigned char>(name[i]);
        base += std::isalnum(c) != 0 && c < 0x80 ? static_cast<char>(std::tolower(c)) : '-';
        ++i;
    }
    std::string tidy;
    for (const char c : base) {
        if (c != '-' || (!tidy.empty() && tidy.back() != '-')) {
            tidy += c;
        }
    }
    while (tidy.ends_with('-')) {
        tidy.pop_back();
    }
    // Room for the "-2" that makes it unique.
    tidy = tidy.substr(0, max_id_length - 8);
    if (tidy.empty() || id_problem(tidy)) {
        tidy = "walk-in";
    }
    std::string id = tidy;
    for (int n = 2; store.person(PersonId(id)); ++n) {
        id = fmt::format("{}-{}", tidy, n);
    }
    return PersonId(id);
}

}  // namespace

AttendanceRecorded record_attendance(db::Store& store, const AttendRequest& request)
{
    const auto& meeting = request.meeting;
    const auto found = one_meeting(store, meeting);
    require_not_cancelled(found.meeting, meeting);
    AttendanceRecorded recorded{meeting, {}, {}};
    for (const auto& id : request.people) {
        auto person = store.person(id);
        if (!person) {
            throw NotFound(fmt::format("unknown person '{}'; nothing was recorded. Add them to a meeting file and "
                                       "import it first",
                                       id.str()));
        }
        const bool invited = is_in_room(found.meeting, id);
        if (!invited && request.presence != Presence::present) {
            throw AttendanceRefused(fmt::format("{} ('{}') was not invited to meeting '{}', so cannot be {}; nothing "
                                                "was recorded",
                                                person->name, id.str(), meeting, to_string(request.presence)));
        }
        recorded.records.push_back(
            {stored_id(found.meeting), occurrence_date(found.meeting), id, request.presence, !invited});
        if (!invited) {
            recorded.walk_ins.push_back(std::move(*person));
        }
    }
    store.record_attendance(recorded.records);
    return recorded;
}

AttendanceRecorded record_new_walk_in(db::Store& store, const NewWalkIn& walk_in)
{
    const auto found = one_meeting(store, walk_in.meeting);
    require_not_cancelled(found.meeting, walk_in.meeting);
    if (walk_in.name.find_first_not_of(' ') == std::string::npos) {
        throw AttendanceRefused("give the name of the person who came");
    }
    if (auto problem = one_line_problem(walk_in.name, "name")) {
        throw AttendanceRefused(std::move(*problem));
    }
    if (!store.organisation(walk_in.organisation)) {
        throw AttendanceRefused(fmt::format("unknown organisation '{}'", walk_in.organisation.str()));
    }
    std::optional<EmailAddress> email;
    try {
        email.emplace(walk_in.email);
    } catch (const Error& wrong) {
        throw AttendanceRefused(fmt::format("the e-mail address: {}", wrong.what()));
    }
    const Person person{new_person_id(store, walk_in.name), walk_in.name, *email, walk_in.organisation, std::string(),
                        Access::any, std::nullopt};
    const AttendanceRecord record{stored_id(found.meeting), occurrence_date(found.meeting), person.id,
                                  Presence::present, true};
    store.add_walk_in(person, record);
    return {walk_in.meeting, {record}, {person}};
}

std::vector<Person> people_at_the_door(const db::Store& store, std::string_view fragment,
                                       const std::set<CountyId>& counties, std::size_t limit)
{
    if (characters_in(fragment) < min_search_characters) {
        return {};
    }
    return store.people_named(fragment, counties, limit);
}

AttendanceStats attendance_figures(const db::Store& store, const StatsRequest& request)
{
    auto schedule = expanded(store.load());
    if (request.counted) {
        std::vector<MeetingId> not_counted;
        for (const auto& [id, meeting] : schedule.meetings()) {
            if (!request.counted(meeting, schedule)) {
                not_counted.push_back(id);
            }
        }
        for (const auto& id : not_counted) {
            schedule.remove(id);
        }
    }
    return attendance_stats(schedule, store.all_answers(), store.attendance(),
                            request.first.value_or(greg::date(greg::min_date_time)),
                            request.last.value_or(greg::date(greg::max_date_time)));
}

}  // namespace planner::services
