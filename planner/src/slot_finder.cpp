#include <planner/slot_finder.hpp>

#include <planner/error.hpp>
#include <planner/holidays.hpp>
#include <planner/meeting.hpp>
#include <planner/venue_ranking.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <unordered_map>

namespace planner {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

// Instants as seconds since 1970 (UTC): the search compares millions of them.
using Seconds = std::int64_t;

const pt::ptime epoch(greg::date(1970, 1, 1));

Seconds seconds_of(pt::ptime utc) { return (utc - epoch).total_seconds(); }
pt::ptime ptime_of(Seconds seconds) { return epoch + pt::seconds(static_cast<long>(seconds)); }

struct Interval {
    Seconds start = 0;
    Seconds end = 0;
};

constexpr std::size_t no_venue = std::numeric_limits<std::size_t>::max();
constexpr std::size_t longest_window_days = 3 * 366;

// What a person's time is taken by: their meetings (with the venue, for the
// journeys) and their busy periods.
struct PersonTime {
    const Person* person = nullptr;
    std::vector<const Meeting*> meetings;  // in order of start
    std::vector<const BusyPeriod*> busy;   // in order of start, for the reasons of absences
    std::vector<Interval> busy_times;      // the same as seconds, the same from every venue
};

// Sorted, disjoint intervals and a cursor that only moves forward: candidates are
// tried in order of time, so each interval is passed once per search.
class Track {
public:
    Track() = default;
    explicit Track(std::vector<Interval> blocked) : blocked_(std::move(blocked)) {}

    // The end of the interval that overlaps [start, end), or nothing when it is free.
    std::optional<Seconds> blocked_until(Seconds start, Seconds end)
    {
        while (next_ < blocked_.size() && blocked_[next_].end <= start) {
            ++next_;
        }
        if (next_ < blocked_.size() && blocked_[next_].start < end) {
            return blocked_[next_].end;
        }
        return std::nullopt;
    }

    void rewind() { next_ = 0; }

private:
    std::vector<Interval> blocked_;
    std::size_t next_ = 0;
};

bool starts_earlier(const Interval& a, const Interval& b) { return a.start < b.start; }

// Joins overlapping or touching intervals, given in order of start.
std::vector<Interval> joined(const std::vector<Interval>& intervals)
{
    std::vector<Interval> result;
    result.reserve(intervals.size());
    for (const auto& interval : intervals) {
        if (!result.empty() && interval.start <= result.back().end) {
            result.back().end = std::max(result.back().end, interval.end);
        } else {
            result.push_back(interval);
        }
    }
    return result;
}

// "31 of 40 days", or "the only day" of a one-day window.
std::string share_of(std::size_t days, std::size_t of)
{
    return of == 1 ? std::string("the only day") : fmt::format("{} of {} days", days, of);
}

// A candidate of one day at one venue: how many optional people it loses.
struct Candidate {
    Seconds start = 0;
    std::size_t venue = no_venue;  // index into the venues searched
    std::size_t missing = 0;
};

class SlotFinder {
public:
    SlotFinder(const Directory& directory, std::span<const BusyPeriod> busy_periods, const SlotRequest& request)
        : directory_(directory), request_(request), zone_(time_zone(request.time_zone)),
          holidays_(request.listed_holidays)
    {
        validate();
        index_people(busy_periods);
        choose_venues();
    }

    SlotSearch run()
    {
        SlotSearch result;
        if (venues_.empty()) {
            result.obstacles = venue_obstacles();
            return result;
        }
        build_tracks();
        std::vector<Candidate> best_of_days;
        std::size_t perfect = 0;  // days whose best loses nobody: no later day can beat them
        for (auto day = request_.first_day; day <= request_.last_day && perfect < request_.count;
             day += greg::days(1)) {
            if (const auto best = best_of_day(day)) {
                best_of_days.push_back(*best);
                perfect += best->missing == 0 ? 1U : 0U;
            }
        }
        std::stable_sort(best_of_days.begin(), best_of_days.end(),
                         [](const Candidate& a, const Candidate& b) { return a.missing < b.missing; });
        best_of_days.resize(std::min(best_of_days.size(), request_.count));
        for (const auto& candidate : best_of_days) {
            result.slots.push_back(slot_of(candidate));
        }
        if (result.slots.empty()) {
            result.obstacles = day_obstacles();
        }
        return result;
    }

private:
    // ------------------------------------------------------------------ setup

    void validate() const
    {
        if (request_.required.empty()) {
            throw Error("a slot search needs at least one required person");
        }
        if (request_.duration <= pt::time_duration(0, 0, 0)) {
            throw Error("the meeting's duration must be longer than zero");
        }
        if (request_.grid < pt::minutes(1)) {
            throw Error("the grid of start times must be at least a minute");
        }
        if (request_.count == 0) {
            throw Error("ask for at least one slot");
        }
        const auto& hours = request_.hours;
        if (hours.from < pt::hours(0) || hours.to > pt::hours(24) || hours.from >= hours.to) {
            throw Error(fmt::format("the hours {}-{} are not a part of a day", format_clock(hours.from),
                                    format_clock(hours.to)));
        }
        if (request_.duration > hours.to - hours.from) {
            throw Error(fmt::format("a meeting of {} min does not fit between {} and {}",
                                    request_.duration.total_seconds() / 60, format_clock(hours.from),
                                    format_clock(hours.to)));
        }
        if (request_.first_day.is_special() || request_.last_day.is_special() ||
            request_.last_day < request_.first_day) {
            throw Error(fmt::format("the days from {} to {} are not a window to search",
                                    greg::to_iso_extended_string(request_.first_day),
                                    greg::to_iso_extended_string(request_.last_day)));
        }
        if (static_cast<std::size_t>((request_.last_day - request_.first_day).days()) >= longest_window_days) {
            throw Error("search at most three years at once");
        }
    }

    void index_people(std::span<const BusyPeriod> busy_periods)
    {
        const auto add = [&](const PersonId& id, bool required) {
            if (index_.contains(id.str())) {
                return;  // a person both required and optional is required
            }
            index_.emplace(id.str(), people_.size());
            people_.push_back({&directory_.person(id), {}, {}, {}});
            (required ? required_ : optional_).push_back(people_.size() - 1);
        };
        for (const auto& id : request_.required) {
            add(id, true);
        }
        for (const auto& id : request_.optional) {
            add(id, false);
        }
        for (const auto& [id, listed] : directory_.meetings()) {
            // A named reference, as clang before 16 cannot capture a structured binding.
            const Meeting& meeting = listed;
            if (meeting.recurrence) {
                throw Error(fmt::format("meeting '{}' is a series: its occurrences must be expanded "
                                        "(expand_series) before a slot search",
                                        id.str()));
            }
            if (meeting.status == MeetingStatus::cancelled || (request_.placing && *request_.placing == id)) {
                continue;
            }
            for_each_attendee_in_room(meeting, [&](const PersonId& person) {
                if (const auto found = index_.find(person.str()); found != index_.end()) {
                    people_[found->second].meetings.push_back(&meeting);
                }
            });
        }
        // Calendars come a person at a time: the id is looked up once per run of them.
        const PersonId* previous = nullptr;
        PersonTime* owner = nullptr;
        for (const auto& busy : busy_periods) {
            if (previous == nullptr || busy.person != *previous) {
                const auto found = index_.find(busy.person.str());
                owner = found != index_.end() ? &people_[found->second] : nullptr;
                previous = &busy.person;
            }
            if (owner != nullptr) {
                owner->busy.push_back(&busy);
            }
        }
        // Most calendars arrive in order already; only the others are sorted.
        const auto sort_by_start = [](auto& list) {
            const auto by_start = [](const auto* a, const auto* b) { return a->time.start() < b->time.start(); };
            if (!std::is_sorted(list.begin(), list.end(), by_start)) {
                std::stable_sort(list.begin(), list.end(), by_start);
            }
        };
        for (auto& person : people_) {
            sort_by_start(person.meetings);
            sort_by_start(person.busy);
            person.busy_times.reserve(person.busy.size());
            for (const auto* period : person.busy) {
                person.busy_times.push_back({seconds_of(period->time.start()), seconds_of(period->time.end())});
            }
        }
    }

    // The venues asked for (or all), fairest first for the required people; those that
    // cannot hold everyone or lack step-free access a required person needs are set
    // aside with the reason.
    void choose_venues()
    {
        std::vector<PersonId> required;
        for (const auto p : required_) {
            required.push_back(people_[p].person->id);
        }
        for (const auto& id : request_.venues) {
            static_cast<void>(directory_.venue(id));
        }
        const auto asked = [&](const VenueId& id) {
            return request_.venues.empty() ||
                   std::find(request_.venues.begin(), request_.venues.end(), id) != request_.venues.end();
        };
        if (directory_.venues().empty()) {
            throw Error("there is no venue to meet at; add a [[venue]] to the meeting file");
        }
        const auto ranking = rank_venues(directory_, required, {}, request_.travel);
        for (const auto& unsuitable : ranking.unsuitable) {
            if (asked(unsuitable.venue)) {
                unsuitable_.push_back(
                    fmt::format("{} {}", directory_.venue(unsuitable.venue).name, unsuitable.reason));
            }
        }
        for (const auto& choice : ranking.venues) {
            if (!asked(choice.venue)) {
                continue;
            }
            const Venue& venue = directory_.venue(choice.venue);
            if (venue.capacity < people_.size()) {
                unsuitable_.push_back(fmt::format("{} holds {} of the {} people", venue.name, venue.capacity,
                                                  people_.size()));
                continue;
            }
            const auto* county = directory_.find(venue.county);
            venues_.push_back({&venue, county != nullptr ? county->state : std::string(), {}, {}});
        }
    }

    // Each person's blocked time as seen from one venue: their meetings, widened by
    // the drive from and to that venue on the same day, and their busy periods.
    void build_tracks()
    {
        // The venues' own bookings, in one walk over the meetings for all of them.
        std::map<VenueId, std::vector<Interval>> booked;
        for (const auto& venue : venues_) {
            booked[venue.venue->id];
        }
        for (const auto& [id, meeting] : directory_.meetings()) {
            const auto at = booked.find(meeting.venue);
            if (at != booked.end() && meeting.status != MeetingStatus::cancelled &&
                !(request_.placing && *request_.placing == id)) {
                at->second.push_back({seconds_of(meeting.time.start()), seconds_of(meeting.time.end())});
            }
        }
        for (auto& venue : venues_) {
            auto& bookings = booked[venue.venue->id];
            std::sort(bookings.begin(), bookings.end(), starts_earlier);
            venue.booked = Track(joined(bookings));
            for (const auto& person : people_) {
                // Both lists are in order of start (meetings once widened, after a
                // sort of the few there are), so one merge orders them all.
                std::vector<Interval> meetings;
                meetings.reserve(person.meetings.size());
                for (const auto* meeting : person.meetings) {
                    meetings.push_back(with_journeys(*meeting, *venue.venue));
                }
                std::sort(meetings.begin(), meetings.end(), starts_earlier);
                std::vector<Interval> blocked(meetings.size() + person.busy_times.size());
                std::merge(meetings.begin(), meetings.end(), person.busy_times.begin(), person.busy_times.end(),
                           blocked.begin(), starts_earlier);
                venue.people.emplace_back(joined(blocked));
            }
        }
    }

    // The conflict check calls a journey impossible when the drive between two
    // venues is longer than the time between the meetings on one local day; so a
    // meeting blocks the drive before and after it, up to its day's midnight.
    Interval with_journeys(const Meeting& meeting, const Venue& candidate) const
    {
        Interval interval{seconds_of(meeting.time.start()), seconds_of(meeting.time.end())};
        const auto* venue = directory_.find(meeting.venue);
        if (venue == nullptr || venue->id == candidate.id) {
            return interval;
        }
        const auto drive = driving_time(request_.travel, venue->geo, candidate.geo).total_seconds();
        const auto start_day = zone_.to_local(meeting.time.start()).date();
        const auto end_day = zone_.to_local(meeting.time.end()).date();
        interval.start = std::max(interval.start - drive, utc_of(start_day, pt::hours(0)));
        interval.end = std::min(interval.end + drive, utc_of(end_day + greg::days(1), pt::hours(0)));
        return interval;
    }

    // A local time on a day as UTC seconds. A time in a spring-forward gap does not
    // exist; it is taken at the offset before the change, which only moves an edge
    // of the window.
    Seconds utc_of(greg::date day, pt::time_duration time_of_day) const
    {
        const pt::ptime local(day, time_of_day);
        const auto offset = zone_.utc_offset_at(local - zone_.standard_offset());
        return seconds_of(local - offset);
    }

    // ----------------------------------------------------------------- search

    struct VenueTracks {
        const Venue* venue = nullptr;
        std::string state;
        std::vector<Track> people;  // by person index
        Track booked;  // the venue's own meetings
    };

    [[nodiscard]] bool is_weekend(greg::date day) const
    {
        const auto weekday = day.day_of_week().as_number();
        return weekday == 0 || weekday == 6;
    }

    // Whether the venue may be used on that day at all.
    [[nodiscard]] bool open_on(greg::date day, const VenueTracks& venue)
    {
        if (request_.weekends == Weekends::avoid && is_weekend(day)) {
            return false;
        }
        const auto number = HolidayLookup::day_number(day);
        return request_.holidays == Holidays::allow ||
               (holidays_.on(venue.state, number) == nullptr && holidays_.listed_on(venue.state, number) == nullptr);
    }

    struct Window {
        Seconds first_start = 0;
        Seconds last_start = 0;  // the last start that still ends within the hours
        Seconds step = 0;
    };

    [[nodiscard]] Window window_of(greg::date day) const
    {
        const auto step = request_.grid.total_seconds();
        const auto first = utc_of(day, request_.hours.from);
        const auto latest = utc_of(day, request_.hours.to) - request_.duration.total_seconds();
        return {first, first + (latest - first) / step * step, step};
    }

    // The first grid position at or after `t`.
    static Seconds align(Seconds t, const Window& window)
    {
        if (t <= window.first_start) {
            return window.first_start;
        }
        return window.first_start + (t - window.first_start + window.step - 1) / window.step * window.step;
    }

    // The earliest start from `from` on at which every track is free, trying them in
    // turn and jumping past whatever blocks: each interval is passed once.
    std::optional<Seconds> earliest_free(std::vector<Track*>& tracks, Seconds from, const Window& window) const
    {
        const auto length = request_.duration.total_seconds();
        auto start = align(from, window);
        std::size_t free_in_a_row = 0;
        for (std::size_t t = 0; free_in_a_row < tracks.size(); t = (t + 1) % tracks.size()) {
            if (start > window.last_start) {
                return std::nullopt;
            }
            if (const auto until = tracks[t]->blocked_until(start, start + length)) {
                start = align(*until, window);
                free_in_a_row = 0;
                t = (t + tracks.size() - 1) % tracks.size();  // ask the same track again
                continue;
            }
            ++free_in_a_row;
        }
        return start;
    }

    // The day's best start at one venue, before `before` (a better start of another venue).
    std::optional<Candidate> best_at_venue(greg::date day, std::size_t v, Seconds before)
    {
        auto& venue = venues_[v];
        std::vector<Track*> must;
        for (const auto p : required_) {
            must.push_back(&venue.people[p]);
        }
        must.push_back(&venue.booked);
        const auto window = window_of(day);
        const auto length = request_.duration.total_seconds();
        std::optional<Candidate> best;
        for (auto from = window.first_start;;) {
            const auto start = earliest_free(must, from, window);
            if (!start || *start >= before) {
                return best;
            }
            std::size_t missing = 0;
            for (const auto p : optional_) {
                const bool absent = venue.people[p].blocked_until(*start, *start + length).has_value() ||
                                    needs_step_free_access(p, *venue.venue);
                missing += absent ? 1U : 0U;
            }
            if (!best || missing < best->missing) {
                best = Candidate{*start, v, missing};
            }
            if (missing == 0) {
                return best;
            }
            from = *start + window.step;
        }
    }

    [[nodiscard]] bool needs_step_free_access(std::size_t person, const Venue& venue) const
    {
        return people_[person].person->access == Access::step_free &&
               venue.accessibility == Accessibility::not_step_free;
    }

    // The best start of the day over every venue: fewest missing, then earliest, then
    // the fairest venue (they are tried fairest first).
    std::optional<Candidate> best_of_day(greg::date day)
    {
        std::optional<Candidate> best;
        for (std::size_t v = 0; v < venues_.size(); ++v) {
            if (!open_on(day, venues_[v])) {
                continue;
            }
            const auto before = best && best->missing == 0 ? best->start : std::numeric_limits<Seconds>::max();
            const auto candidate = best_at_venue(day, v, before);
            if (candidate && (!best || candidate->missing < best->missing ||
                              (candidate->missing == best->missing && candidate->start < best->start))) {
                best = candidate;
            }
        }
        return best;
    }

    // ------------------------------------------------------------- the answer

    Slot slot_of(const Candidate& candidate) const
    {
        const TimeRange time(ptime_of(candidate.start), ptime_of(candidate.start) + request_.duration);
        const Venue& venue = *venues_[candidate.venue].venue;
        Slot slot{time, venue.id, {}};
        for (const auto p : optional_) {
            if (auto away = absence(p, time, venue)) {
                away->person = people_[p].person->id;
                slot.missing.push_back(std::move(*away));
            }
        }
        return slot;
    }

    // Why an optional person cannot come, in the words of the conflict check.
    std::optional<Absence> absence(std::size_t p, const TimeRange& time, const Venue& venue) const
    {
        const auto& person = people_[p];
        if (needs_step_free_access(p, venue)) {
            return Absence{{}, fmt::format("needs step-free access, which {} lacks", venue.name),
                           AbsenceCause::step_free_access, std::nullopt};
        }
        for (const auto* meeting : person.meetings) {
            if (meeting->time.overlaps(time)) {
                return Absence{{}, fmt::format("in '{}', {}", meeting->title, format_local_range(meeting->time, zone_)),
                               AbsenceCause::meeting, meeting->id};
            }
        }
        for (const auto* busy : person.busy) {
            if (busy->time.overlaps(time)) {
                return Absence{{},
                               fmt::format("busy ({}), {}", busy->source.empty() ? "busy" : busy->source,
                                           format_local_range(busy->time, zone_)),
                               AbsenceCause::busy, std::nullopt};
            }
        }
        const auto slot = Interval{seconds_of(time.start()), seconds_of(time.end())};
        for (const auto* meeting : person.meetings) {
            const auto widened = with_journeys(*meeting, venue);
            if (widened.start < slot.end && slot.start < widened.end) {
                const auto* from = directory_.find(meeting->venue);
                return Absence{{},
                               fmt::format("cannot make the drive between '{}' at {} and {} in time", meeting->title,
                                           from != nullptr ? from->name : meeting->venue.str(), venue.name),
                               AbsenceCause::journey, meeting->id};
            }
        }
        return std::nullopt;
    }

    std::vector<Obstacle> venue_obstacles() const
    {
        const auto days = static_cast<std::size_t>((request_.last_day - request_.first_day).days() + 1);
        std::vector<Obstacle> result;
        for (const auto& reason : unsuitable_) {
            result.push_back({reason, days});
        }
        return result;
    }

    // When nothing fits: for each constraint on its own, the days on which it leaves
    // no start free, so that the organiser sees what to give way on.
    std::vector<Obstacle> day_obstacles()
    {
        std::size_t days = 0;
        std::size_t closed_days = 0;
        std::vector<std::size_t> person_days(people_.size(), 0);
        std::vector<std::size_t> venue_days(venues_.size(), 0);
        for (auto& venue : venues_) {
            for (auto& track : venue.people) {
                track.rewind();
            }
            venue.booked.rewind();
        }
        for (auto day = request_.first_day; day <= request_.last_day; day += greg::days(1)) {
            ++days;
            const auto window = window_of(day);
            std::vector<bool> free_somewhere(people_.size(), false);
            bool open = false;
            for (std::size_t v = 0; v < venues_.size(); ++v) {
                auto& venue = venues_[v];
                if (!open_on(day, venue)) {
                    continue;
                }
                open = true;
                const auto free_alone = [&](Track& track) {
                    std::vector<Track*> one{&track};
                    return earliest_free(one, window.first_start, window).has_value();
                };
                if (!free_alone(venue.booked)) {
                    ++venue_days[v];
                }
                for (const auto p : required_) {
                    if (!free_somewhere[p] && free_alone(venue.people[p])) {
                        free_somewhere[p] = true;
                    }
                }
            }
            if (!open) {
                ++closed_days;
                continue;
            }
            for (const auto p : required_) {
                person_days[p] += free_somewhere[p] ? 0U : 1U;
            }
        }
        std::vector<Obstacle> result = venue_obstacles();
        if (closed_days > 0) {
            result.push_back({days == 1 ? std::string("the only day is a weekend or public holiday")
                                        : fmt::format("{} are weekends or public holidays", share_of(closed_days, days)),
                              closed_days});
        }
        const auto working_days = days - closed_days;
        for (const auto p : required_) {
            if (person_days[p] > 0) {
                result.push_back({fmt::format("{} is busy on {}", people_[p].person->name,
                                              share_of(person_days[p], working_days)),
                                  person_days[p]});
            }
        }
        for (std::size_t v = 0; v < venues_.size(); ++v) {
            if (venue_days[v] > 0) {
                result.push_back({fmt::format("{} is booked on {}", venues_[v].venue->name,
                                              share_of(venue_days[v], working_days)),
                                  venue_days[v]});
            }
        }
        std::stable_sort(result.begin(), result.end(),
                         [](const Obstacle& a, const Obstacle& b) { return a.days > b.days; });
        return result;
    }

    const Directory& directory_;
    const SlotRequest& request_;
    const TimeZone& zone_;
    std::unordered_map<std::string, std::size_t> index_;  // person id -> index into people_
    std::vector<PersonTime> people_;
    std::vector<std::size_t> required_;
    std::vector<std::size_t> optional_;
    std::vector<VenueTracks> venues_;
    std::vector<std::string> unsuitable_;
    HolidayLookup holidays_;
};

}  // namespace

SlotSearch find_slots(const Directory& directory, std::span<const BusyPeriod> busy_periods, const SlotRequest& request)
{
    return SlotFinder(directory, busy_periods, request).run();
}

}  // namespace planner
