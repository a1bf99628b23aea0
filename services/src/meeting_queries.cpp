#include <planner/services/meeting_queries.hpp>
#include <planner/services/meetings.hpp>

#include <planner/accepted_dates.hpp>
#include <planner/conflict_checker.hpp>
#include <planner/delegation_circle.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <optional>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

// The meetings of the series a question meets, expanded once for all its steps, and
// only as far as it asks: a rule without end would be walked to 2199, a weekly one to
// nearly 10,000 meetings, where a week's question needs the first few.
class SeriesMeetings {
public:
    // The series' meetings whose rule dates come up to `last_local` (wall clock), and
    // every changed one: each as planner::occurrences gives it.
    const std::vector<Meeting>& through(const Meeting& series, pt::ptime last_local)
    {
        // A changed meeting may be moved anywhere: the walk reaches every changed date.
        for (const auto& change : series.recurrence->changes) {
            last_local = std::max(last_local, pt::ptime(change.date + greg::days(1)));
        }
        auto& expanded = expanded_[series.id];
        if (expanded.through && *expanded.through >= last_local) {
            return expanded.meetings;
        }
        // Exceptions past the walk take out nothing before it, and would be dates the
        // shortened rule does not give.
        auto walked = series;
        std::erase_if(walked.recurrence->exceptions, [&](greg::date day) { return pt::ptime(day) > last_local; });
        expanded.meetings = occurrences(
            walked, [&](const Meeting& rule) { return ical::expand_rule_through(rule, last_local); });
        expanded.through = last_local;
        return expanded.meetings;
    }

    // Every meeting of the series that starts before `before` (UTC).
    std::vector<Meeting> starting_before(const Meeting& series, pt::ptime before)
    {
        // A local time lies within a day of its UTC time.
        const auto& meetings = through(series, time_zone(series.time_zone).to_local(before) + pt::hours(24));
        std::vector<Meeting> result;
        std::copy_if(meetings.begin(), meetings.end(), std::back_inserter(result),
                     [&](const Meeting& meeting) { return meeting.time.start() < before; });
        return result;
    }

private:
    struct Expanded {
        std::optional<pt::ptime> through;
        std::vector<Meeting> meetings;
    };
    std::map<MeetingId, Expanded> expanded_;
};

// The order of a list: by start, then id.
bool starts_before(const TimeRange& a, const MeetingId& a_id, const TimeRange& b, const MeetingId& b_id)
{
    return a.start() < b.start() || (a.start() == b.start() && a_id < b_id);
}

bool in_window(const TimeRange& time, const db::MeetingQuery& query)
{
    return (!query.from || time.end() > *query.from) && (!query.to || time.start() < *query.to);
}

// The line a series has in a list: its first meeting in the window that has the status
// asked for (without a window, its first), or none when no meeting of it matches.
std::optional<db::MeetingSummary> series_summary(const db::SeriesCandidate& candidate,
                                                 const std::vector<Meeting>& meetings, const db::MeetingQuery& query)
{
    const Meeting* shown = nullptr;
    for (const auto& meeting : meetings) {
        const bool matches = in_window(meeting.time, query) && (!query.status || meeting.status == *query.status);
        // Occurrences come by the date the rule gives them; a moved one may start earlier.
        if (matches && (shown == nullptr || starts_before(meeting.time, meeting.id, shown->time, shown->id))) {
            shown = &meeting;
        }
    }
    if (shown == nullptr) {
        return std::nullopt;
    }
    const auto& series = candidate.series;
    const auto venue = candidate.venue_names.find(shown->venue);
    if (venue == candidate.venue_names.end()) {
        throw Error(fmt::format("meeting '{}' is held at venue '{}', which the store does not have", shown->id.str(),
                                shown->venue.str()));
    }
    return db::MeetingSummary{series.id,      series.title,   shown->time, series.time_zone, shown->venue,
                              venue->second, shown->status, true,        series.counties};
}

// A rule that compares two meetings of a person (the journey from the one before)
// does so only on one local day: meetings two days apart never meet in a rule.
const pt::time_duration same_day_margin = pt::hours(48);

// Checks the meetings around `focus` (from the first start to the last end of the
// meetings whose conflicts are asked for; given `involving`, only the meetings of those
// people and venues). The rules that compare meetings look at those that overlap, and
// at a person's meeting just before on the same local day. So every meeting is read
// that starts from `same_day_margin` before the focus to as long after it, and, as a
// meeting overlapping that time may have begun long before, every one that starts after
// the earliest of those. A person's meeting before a focused one is then the one the
// whole store has, or it lies beyond the margin, as does every meeting read before it,
// and no rule compares them. Busy time and days off are read for the same time.
// A `draft` takes the place of the stored meeting of its id (or joins the schedule,
// when new).
ConflictReport check_around(const db::Store& store, const TimeRange& focus, const db::Involving* involving,
                            const std::optional<MeetingId>& focused, const TravelModel& travel,
                            SeriesMeetings& expanded, const Meeting* draft = nullptr)
{
    const TimeRange near(focus.start() - same_day_margin, focus.end() + same_day_margin);
    const auto series = store.series_before(near.end(), involving);
    auto earliest = near.start();
    if (const auto singles = store.singles_extent(near, involving)) {
        earliest = std::min(earliest, singles->start());
    }
    std::map<MeetingId, std::vector<Meeting>> series_meetings;  // those starting before near's end
    for (const auto& one : series) {
        auto& meetings = series_meetings[one.id] = expanded.starting_before(one, near.end());
        for (const auto& meeting : meetings) {
            if (meeting.time.overlaps(near)) {
                earliest = std::min(earliest, meeting.time.start());
            }
        }
    }
    const TimeRange starts(earliest, near.end());

    auto singles = store.singles_starting(starts, involving);
    if (draft != nullptr) {
        std::erase_if(singles, [&](const Meeting& meeting) { return meeting.id == draft->id; });
    }
    std::vector<Meeting> read = singles;
    read.insert(read.end(), series.begin(), series.end());
    if (draft != nullptr) {
        read.push_back(*draft);
    }
    ConflictReport report{store.records_of(read), {}};
    for (auto& meeting : singles) {
        report.schedule.add(std::move(meeting));
    }
    if (draft != nullptr) {
        report.schedule.add(*draft);
    }
    for (auto& [id, meetings] : series_meetings) {
        for (auto& meeting : meetings) {
            if (meeting.time.start() >= starts.start()) {
                report.schedule.add(std::move(meeting));
            }
        }
    }
    const auto busy = store.busy_periods(starts);
    // Local days lie within a day of their UTC dates.
    const auto days_off =
        store.listed_holidays(starts.start().date() - greg::days(1), starts.end().date() + greg::days(1));
    CheckInput input;
    input.busy_periods = busy;
    input.listed_holidays = days_off;
    input.travel = travel;
    input.meeting = focused;
    report.conflicts = find_conflicts(report.schedule, input);
    return report;
}

// The first start and the last end of these times.
TimeRange extent_of(const std::vector<TimeRange>& times)
{
    auto first = times.front().start();
    auto last = times.front().end();
    for (const auto& time : times) {
        first = std::min(first, time.start());
        last = std::max(last, time.end());
    }
    return {first, last};
}

}  // namespace

db::MeetingPage list_meetings(const db::Store& store, const db::MeetingQuery& query)
{
    // Series join the single meetings anywhere in the order, so the store gives every
    // single meeting up to the end of the page, and the page is cut after the merge.
    auto up_to_page_end = query;
    up_to_page_end.offset = 0;
    up_to_page_end.limit = query.limit > std::numeric_limits<std::size_t>::max() - query.offset
                               ? std::numeric_limits<std::size_t>::max()
                               : query.offset + query.limit;
    const auto candidates = store.meeting_summaries(up_to_page_end);
    auto lines = candidates.singles.meetings;
    db::MeetingPage page{{}, candidates.singles.total};
    SeriesMeetings expanded;
    const pt::ptime after_accepted_dates(greg::date(last_accepted_year + 1, 1, 1));
    for (const auto& candidate : candidates.series) {
        // Only times and places are shown: the people are not copied to every meeting.
        auto series = candidate.series;
        series.organisers.clear();
        series.participants.clear();
        series.agenda.clear();
        // A window's end bounds the walk; an open one is walked a year, then further
        // until a meeting matches or the accepted dates end.
        const auto from = query.from.value_or(series.time.start());
        auto horizon = query.to.value_or(from + greg::days(366));
        for (;;) {
            if (auto line = series_summary(candidate, expanded.starting_before(series, horizon), query)) {
                lines.push_back(std::move(*line));
                ++page.total;
                break;
            }
            if (query.to || horizon >= after_accepted_dates) {
                break;
            }
            horizon = std::min(after_accepted_dates, from + (horizon - from) * 8);
        }
    }
    std::stable_sort(lines.begin(), lines.end(), [](const db::MeetingSummary& a, const db::MeetingSummary& b) {
        return starts_before(a.time, a.id, b.time, b.id);
    });
    const auto first = std::min(query.offset, lines.size());
    const auto last = first + std::min(query.limit, lines.size() - first);
    page.meetings.assign(std::make_move_iterator(lines.begin() + static_cast<std::ptrdiff_t>(first)),
                         std::make_move_iterator(lines.begin() + static_cast<std::ptrdiff_t>(last)));
    return page;
}

MeetingDetails meeting_details(const db::Store& store, const MeetingId& id)
{
    std::optional<MeetingDetails> details;
    store.read_together([&] {
        auto meeting = store.meeting(id);
        if (!meeting) {
            throw unknown_meeting(store, id);
        }
        MeetingDetails found{std::move(*meeting), {}, {}, store.answers(id), {}, store.attendance(id)};
        if (found.meeting.recurrence) {
            found.occurrences = occurrences(found.meeting, ical::expand_rule);
        }
        // Who answered, was delegated to or came: their names are shown too.
        std::set<PersonId> named;
        for (const auto& answer : found.answers) {
            named.insert(answer.person);
            if (answer.delegated_to) {
                named.insert(*answer.delegated_to);
            }
        }
        for (const auto& record : found.attendance) {
            named.insert(record.person);
        }
        found.records = store.records_of(std::span(&found.meeting, 1), named);

        // Only a delegate can be outside the circle.
        const bool delegated = std::any_of(found.answers.begin(), found.answers.end(),
                                           [](const auto& answer) { return answer.delegated_to.has_value(); });
        if (!delegated) {
            details = std::move(found);
            return;
        }
        // The delegation circle takes the addresses of every member of the
        // organisations taking part: those members are read for it alone.
        std::set<OrganisationId> taking_part;
        for (const auto& invitee : invitees(found.meeting)) {
            if (const auto* person = found.records.find(invitee.person)) {
                taking_part.insert(person->organisation);
            }
        }
        auto circle = found.records;
        std::set<PersonId> members;
        for (auto& member : store.members_of(taking_part)) {
            members.insert(member.id);
            circle.add(std::move(member));
        }
        found.delegates_outside =
            delegates_outside(circle, found.meeting, found.answers, store.delegates_among(members));
        details = std::move(found);
    });
    return std::move(*details);
}

ConflictReport conflicts_between(const db::Store& store, const TimeRange& window, const TravelModel& travel)
{
    ConflictReport report;
    store.read_together([&] {
        SeriesMeetings expanded;
        std::vector<TimeRange> focus;
        if (const auto singles = store.singles_extent(window)) {
            focus.push_back(*singles);
        }
        for (const auto& series : store.series_before(window.end())) {
            for (const auto& meeting : expanded.starting_before(series, window.end())) {
                if (meeting.time.overlaps(window)) {
                    focus.push_back(meeting.time);
                }
            }
        }
        if (focus.empty()) {
            return;
        }
        report = check_around(store, extent_of(focus), nullptr, std::nullopt, travel, expanded);
    });
    // Only what involves a meeting in the window is whole: the meetings read around it
    // lack their own neighbours.
    std::erase_if(report.conflicts, [&](const Conflict& conflict) {
        return std::none_of(conflict.meetings.begin(), conflict.meetings.end(), [&](const MeetingId& id) {
            const auto* meeting = report.schedule.find(id);
            return meeting != nullptr && meeting->time.overlaps(window);
        });
    });
    return report;
}

ConflictReport conflicts_of_meeting(const db::Store& store, const MeetingId& meeting, const TravelModel& travel)
{
    ConflictReport report;
    store.read_together([&] {
        // The meeting, a series, or one meeting of a series ("series@2013-03-12").
        auto stored = store.meeting(meeting);
        const auto named = stored ? std::nullopt : occurrence_named(meeting);
        if (named) {
            stored = store.meeting(named->series);
        }
        if (!stored || (named && !stored->recurrence)) {
            throw unknown_meeting(store, meeting);
        }
        SeriesMeetings expanded;
        std::vector<TimeRange> focus;
        if (stored->recurrence) {
            // One meeting of a series: the walk up to its date, which also gives it
            // when it was moved; the whole series: every meeting.
            const auto through = named ? pt::ptime(named->date + greg::days(1)) : pt::ptime(pt::pos_infin);
            for (const auto& one : expanded.through(*stored, through)) {
                if (!named || one.id == meeting) {
                    focus.push_back(one.time);
                }
            }
        } else {
            focus.push_back(stored->time);
        }
        if (focus.empty()) {
            // A date the rule does not give, or a series whose every date is an exception.
            throw unknown_meeting(store, meeting);
        }
        db::Involving involving;
        involving.people.insert(stored->organisers.begin(), stored->organisers.end());
        for (const auto& participant : stored->participants) {
            involving.people.insert(participant.person);
        }
        involving.venues.insert(stored->venue);
        if (stored->recurrence) {
            for (const auto& change : stored->recurrence->changes) {
                if (change.venue) {
                    involving.venues.insert(*change.venue);
                }
            }
        }
        report = check_around(store, extent_of(focus), &involving, meeting, travel, expanded);
    });
    return report;
}

ConflictReport conflicts_of_draft(const db::Store& store, const Meeting& draft, const TravelModel& travel)
{
    if (draft.recurrence) {
        throw Error(fmt::format("meeting '{}' is a series; its conflicts are checked once it is stored",
                                draft.id.str()));
    }
    ConflictReport report;
    store.read_together([&] {
        db::Involving involving;
        involving.people.insert(draft.organisers.begin(), draft.organisers.end());
        for (const auto& participant : draft.participants) {
            involving.people.insert(participant.person);
        }
        involving.venues.insert(draft.venue);
        SeriesMeetings expanded;
        report = check_around(store, draft.time, &involving, draft.id, travel, expanded, &draft);
    });
    return report;
}

NotFound unknown_meeting(const db::Store& store, const MeetingId& id)
{
    std::vector<MeetingId> first;
    std::size_t total = 0;
    store.read_together([&] {
        first = store.meeting_ids(unknown_meeting_names);
        total = store.meeting_count();
    });
    return unknown_meeting(id, first, total);
}

}  // namespace planner::services
