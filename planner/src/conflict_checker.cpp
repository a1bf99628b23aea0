#include <planner/conflict_checker.hpp>

#include <planner/error.hpp>
#include <planner/holidays.hpp>
#include <planner/time_zone.hpp>

#include "enum_names.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace planner {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

constexpr detail::EnumNames<ConflictKind, 13> kind_names{{
    {ConflictKind::person_double_booked, "person-double-booked"},
    {ConflictKind::person_busy, "person-busy"},
    {ConflictKind::venue_double_booked, "venue-double-booked"},
    {ConflictKind::venue_over_capacity, "venue-over-capacity"},
    {ConflictKind::venue_not_accessible, "venue-not-accessible"},
    {ConflictKind::agenda_outside_meeting, "agenda-outside-meeting"},
    {ConflictKind::agenda_overlap, "agenda-overlap"},
    {ConflictKind::agenda_presenter, "agenda-presenter"},
    {ConflictKind::public_holiday, "public-holiday"},
    {ConflictKind::weekend, "weekend"},
    {ConflictKind::outside_office_hours, "outside-office-hours"},
    {ConflictKind::travel, "travel"},
    {ConflictKind::county_not_covered, "county-not-covered"},
}};

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

// A person as the checks need them, found by a dense index instead of a string key:
// a whole country's meetings mean millions of lookups.
struct PersonFacts {
    const Person* person = nullptr;  // null for an id the directory does not know
    const Organisation* organisation = nullptr;
    const County* county = nullptr;
};

struct VenueFacts {
    const Venue* venue = nullptr;
    std::string_view state;  // of the venue's county: decides the public holidays
};

struct MeetingFacts {
    const Meeting* meeting = nullptr;
    const TimeZone* zone = nullptr;
    std::uint32_t venue = none;
    std::vector<std::uint32_t> in_room;  // person indices
    // Copied here so that sorting and sweeping do not chase each meeting's node.
    pt::ptime start;
    pt::ptime end;
    pt::ptime local_start;  // in the meeting's zone
    pt::ptime local_end;
    // Local days as plain numbers (days since 1970-01-01): comparing days is the
    // commonest question and Boost's dates are slow to make.
    std::int64_t first_day = 0;
    std::int64_t last_day = 0;  // the day of the last second: ending at midnight does not cover the next
};

const pt::ptime epoch(greg::date(1970, 1, 1));

std::int64_t day_number(pt::ptime local)
{
    const auto seconds = (local - epoch).total_seconds();
    return seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
}

// Finds a short id among many without the cost of std::unordered_map's nodes: open
// addressing with linear probing over the ids' hashes, the ids kept in one vector.
class IdIndex {
public:
    void reserve(std::size_t count)
    {
        std::size_t capacity = 16;
        while (capacity < count * 2) {
            capacity *= 2;
        }
        slots_.assign(capacity, {0, none});
        keys_.reserve(count);
    }

    // The index of `id`, adding it with the next index if it is new; `added` says which.
    std::uint32_t find_or_add(std::string_view id, bool& added)
    {
        if ((keys_.size() + 1) * 2 > slots_.size()) {
            grow();
        }
        const auto hash = hash_of(id);
        for (auto slot = hash & (slots_.size() - 1);; slot = (slot + 1) & (slots_.size() - 1)) {
            auto& [slot_hash, index] = slots_[slot];
            if (index == none) {
                slot_hash = hash;
                index = static_cast<std::uint32_t>(keys_.size());
                keys_.emplace_back(id);
                added = true;
                return index;
            }
            if (slot_hash == hash && std::string_view(keys_[index]) == id) {
                added = false;
                return index;
            }
        }
    }

    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const
    {
        if (slots_.empty()) {
            return std::nullopt;
        }
        const auto hash = hash_of(id);
        for (auto slot = hash & (slots_.size() - 1);; slot = (slot + 1) & (slots_.size() - 1)) {
            const auto& [slot_hash, index] = slots_[slot];
            if (index == none) {
                return std::nullopt;
            }
            if (slot_hash == hash && keys_[index] == id) {
                return index;
            }
        }
    }

    [[nodiscard]] const std::string& key(std::uint32_t index) const { return keys_.at(index); }

private:
    // FNV-1a: ids are short, and this is all they need.
    static std::uint64_t hash_of(std::string_view id)
    {
        std::uint64_t hash = 14695981039346656037ULL;
        for (const char c : id) {
            hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        }
        return hash;
    }

    void grow()
    {
        const auto keys = std::move(keys_);
        keys_.clear();
        reserve(std::max<std::size_t>(keys.size() * 2, 8));
        bool added = false;
        for (const auto& key : keys) {
            static_cast<void>(find_or_add(key, added));
        }
    }

    std::vector<std::pair<std::uint64_t, std::uint32_t>> slots_;
    std::vector<std::string> keys_;
};

// Person (or venue) index -> the meetings that use it, in order of their start: a
// counting sort of (key, meeting) pairs that keeps the meetings' order.
struct Buckets {
    std::vector<std::uint32_t> first;  // size keys + 1
    std::vector<std::uint32_t> items;

    [[nodiscard]] std::span<const std::uint32_t> of(std::uint32_t key) const
    {
        return std::span(items).subspan(first[key], first[key + 1] - first[key]);
    }
};

Buckets bucket(std::size_t keys, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs)
{
    Buckets result;
    result.first.assign(keys + 1, 0);
    for (const auto& [key, item] : pairs) {
        ++result.first[key + 1];
    }
    for (std::size_t k = 0; k < keys; ++k) {
        result.first[k + 1] += result.first[k];
    }
    result.items.resize(pairs.size());
    auto next = result.first;
    for (const auto& [key, item] : pairs) {
        result.items[next[key]++] = item;
    }
    return result;
}

class ConflictFinder {
public:
    ConflictFinder(const Directory& directory, const CheckInput& input)
        : directory_(directory), input_(input), holidays_(input.listed_holidays)
    {
    }

    std::vector<Conflict> run()
    {
        index_people();
        index_venues();
        index_meetings();
        if (input_.meeting && focused_.empty()) {
            // Unknown: NotFound. Cancelled: it takes part in no conflict.
            if (!names_a_meeting(directory_, *input_.meeting)) {
                static_cast<void>(directory_.meeting(*input_.meeting));
            }
            return {};
        }

        std::vector<std::pair<std::uint32_t, std::uint32_t>> person_meetings;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> venue_meetings;
        std::size_t seats = 0;
        for (const auto& facts : meetings_) {
            seats += facts.in_room.size();
        }
        person_meetings.reserve(seats);
        venue_meetings.reserve(meetings_.size());
        for (std::uint32_t m = 0; m < meetings_.size(); ++m) {
            for (const auto person : meetings_[m].in_room) {
                person_meetings.emplace_back(person, m);
            }
            if (meetings_[m].venue != none) {
                venue_meetings.emplace_back(meetings_[m].venue, m);
            }
            if (in_scope(m)) {
                check_meeting(m);
            }
        }
        const auto by_person = bucket(people_.size(), person_meetings);
        const auto by_venue = bucket(venues_.size(), venue_meetings);
        const auto busy = busy_by_person();
        for (const auto person : people_to_check()) {
            check_person(person, by_person.of(person), busy.of(person));
        }
        for (const auto venue : venues_to_check()) {
            check_venue(venue, by_venue.of(venue));
        }
        sort();
        return std::move(conflicts_);
    }

private:
    // ----------------------------------------------------------------- indices

    // The index owns its keys: compact in memory, unlike views into the directory's
    // nodes, and safe for ids that only a meeting knows.
    void index_people()
    {
        people_.reserve(directory_.people().size());
        person_index_.reserve(directory_.people().size());
        bool added = false;
        for (const auto& [id, person] : directory_.people()) {
            PersonFacts facts{&person, directory_.find(person.organisation), nullptr};
            facts.county = facts.organisation != nullptr ? directory_.find(facts.organisation->county) : nullptr;
            static_cast<void>(person_index_.find_or_add(id.str(), added));
            people_.push_back(facts);
        }
    }

    // A person the directory does not know gets an index too, and is named by id.
    std::uint32_t person_of(const PersonId& id)
    {
        bool added = false;
        const auto index = person_index_.find_or_add(id.str(), added);
        if (added) {
            people_.push_back({});
        }
        return index;
    }

    void index_venues()
    {
        for (const auto& [id, venue] : directory_.venues()) {
            const auto* county = directory_.find(venue.county);
            venue_index_.emplace(id.str(), static_cast<std::uint32_t>(venues_.size()));
            venues_.push_back({&venue, county != nullptr ? std::string_view(county->state) : std::string_view{}});
        }
    }

    // Meetings are read in the directory's own order, which is the order they lie
    // in memory, and only then sorted by start (ties by id, as the map has them).
    void index_meetings()
    {
        meetings_.reserve(directory_.meetings().size());
        const TimeZone* zone = nullptr;
        for (const auto& [id, meeting] : directory_.meetings()) {
            if (meeting.status == MeetingStatus::cancelled) {
                continue;
            }
            // Nearly every meeting has the zone of the one before.
            if (meeting.recurrence) {
                throw Error(fmt::format("meeting '{}' is a series: its occurrences must be expanded (expand_series) "
                                        "before a check",
                                        id.str()));
            }
            if (zone == nullptr || zone->name() != meeting.time_zone) {
                zone = &time_zone(meeting.time_zone);
            }
            const auto local_start = zone->to_local(meeting.time.start());
            const auto local_end = zone->to_local(meeting.time.end());
            MeetingFacts facts{&meeting,
                               zone,
                               none,
                               {},
                               meeting.time.start(),
                               meeting.time.end(),
                               local_start,
                               local_end,
                               day_number(local_start),
                               day_number(local_end - pt::seconds(1))};
            if (const auto venue = venue_index_.find(meeting.venue.str()); venue != venue_index_.end()) {
                facts.venue = venue->second;
            }
            facts.in_room.reserve(meeting.participants.size() + meeting.organisers.size());
            for_each_attendee_in_room(meeting, [&](const PersonId& person) { facts.in_room.push_back(person_of(person)); });
            meetings_.push_back(std::move(facts));
        }
        // Sorting indices and moving each fact once is cheaper than sorting the facts.
        std::vector<std::uint32_t> order(meetings_.size());
        for (std::uint32_t m = 0; m < order.size(); ++m) {
            order[m] = m;
        }
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return meetings_[a].start < meetings_[b].start; });
        std::vector<MeetingFacts> sorted;
        sorted.reserve(meetings_.size());
        for (const auto m : order) {
            sorted.push_back(std::move(meetings_[m]));
        }
        meetings_ = std::move(sorted);
        if (input_.meeting) {
            in_focus_.assign(meetings_.size(), false);
            for (std::uint32_t m = 0; m < meetings_.size(); ++m) {
                if (is_or_occurs_in(*meetings_[m].meeting, *input_.meeting)) {
                    focused_.push_back(m);
                    in_focus_[m] = true;
                }
            }
        }
    }

    // Everyone, or the people of the meetings in focus, each once.
    [[nodiscard]] std::vector<std::uint32_t> people_to_check() const
    {
        std::vector<std::uint32_t> result;
        if (focused_.empty()) {
            result.resize(people_.size());
            for (std::uint32_t p = 0; p < result.size(); ++p) {
                result[p] = p;
            }
            return result;
        }
        for (const auto m : focused_) {
            result.insert(result.end(), meetings_[m].in_room.begin(), meetings_[m].in_room.end());
        }
        std::sort(result.begin(), result.end());
        result.erase(std::unique(result.begin(), result.end()), result.end());
        return result;
    }

    [[nodiscard]] std::vector<std::uint32_t> venues_to_check() const
    {
        std::vector<std::uint32_t> result;
        for (std::uint32_t venue = 0; venue < venues_.size(); ++venue) {
            const bool used = std::any_of(focused_.begin(), focused_.end(),
                                          [&](std::uint32_t m) { return meetings_[m].venue == venue; });
            if (focused_.empty() || used) {
                result.push_back(venue);
            }
        }
        return result;
    }

    [[nodiscard]] Buckets busy_by_person()
    {
        std::vector<std::uint32_t> order(input_.busy_periods.size());
        for (std::uint32_t b = 0; b < order.size(); ++b) {
            order[b] = b;
        }
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return input_.busy_periods[a].time.start() < input_.busy_periods[b].time.start();
        });
        std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
        for (const auto b : order) {
            if (const auto person = person_index_.find(input_.busy_periods[b].person.str())) {
                pairs.emplace_back(*person, b);
            }
        }
        return bucket(people_.size(), pairs);
    }

    [[nodiscard]] bool in_scope(std::uint32_t m) const { return in_focus_.empty() || in_focus_[m]; }
    [[nodiscard]] bool in_scope(std::uint32_t a, std::uint32_t b) const
    {
        return in_focus_.empty() || in_focus_[a] || in_focus_[b];
    }

    // -------------------------------------------------------------- wording

    [[nodiscard]] std::string person_name(std::uint32_t person) const
    {
        if (people_[person].person != nullptr) {
            return people_[person].person->name;
        }
        return person_index_.key(person);
    }

    [[nodiscard]] PersonId person_id(std::uint32_t person) const
    {
        if (people_[person].person != nullptr) {
            return people_[person].person->id;
        }
        return PersonId(person_index_.key(person));
    }

    [[nodiscard]] std::string when(const TimeRange& range, std::uint32_t m) const
    {
        return format_local_range(range, *meetings_[m].zone);
    }

    [[nodiscard]] const Meeting& meeting(std::uint32_t m) const { return *meetings_[m].meeting; }

    // Rules of error level become warnings for a meeting that is only tentative.
    [[nodiscard]] Severity error_unless_tentative(std::uint32_t a, std::uint32_t b = none) const
    {
        const auto tentative = [&](std::uint32_t m) {
            return m != none && meeting(m).status == MeetingStatus::tentative;
        };
        return tentative(a) || tentative(b) ? Severity::warning : Severity::error;
    }

    void add(ConflictKind kind, Severity severity, std::vector<std::uint32_t> involved, std::vector<PersonId> people,
             std::optional<VenueId> venue, TimeRange time, std::string message)
    {
        std::vector<MeetingId> ids;
        for (const auto m : involved) {
            ids.push_back(meeting(m).id);
        }
        conflicts_.push_back({kind, severity, std::move(ids), std::move(people), std::move(venue), time,
                              meeting(involved.front()).time_zone, std::move(message)});
        first_meeting_.push_back(involved.front());
    }

    void sort()
    {
        std::vector<std::size_t> order(conflicts_.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        const auto key = [&](std::size_t i) {
            const auto& c = conflicts_[i];
            return std::tuple(first_meeting_[i], -static_cast<int>(c.severity), c.time.start(), c.kind);
        };
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
        std::vector<Conflict> sorted;
        sorted.reserve(conflicts_.size());
        for (const auto i : order) {
            sorted.push_back(std::move(conflicts_[i]));
        }
        conflicts_ = std::move(sorted);
    }

    // ------------------------------------------------------ people and venues

    // A person's meetings and busy periods, each in order of start: overlaps, and the
    // journey from each meeting to the next one on the same day.
    void check_person(std::uint32_t person, std::span<const std::uint32_t> meetings,
                      std::span<const std::uint32_t> busy)
    {
        auto& running = running_;  // reused: one allocation for all people
        running.clear();
        std::size_t next_busy = 0;
        auto& busy_running = busy_running_;
        busy_running.clear();
        for (std::size_t i = 0; i < meetings.size(); ++i) {
            const auto m = meetings[i];
            const auto& time = meeting(m).time;
            std::erase_if(running, [&](std::uint32_t earlier) { return meetings_[earlier].end <= meetings_[m].start; });
            for (const auto earlier : running) {
                if (in_scope(earlier, m)) {
                    double_booked(person, earlier, m);
                }
            }
            if (i > 0 && running.empty() && in_scope(meetings[i - 1], m)) {
                check_travel(person, meetings[i - 1], m);
            }
            running.push_back(m);

            // Busy periods that started before this meeting ends and still run.
            while (next_busy < busy.size() && input_.busy_periods[busy[next_busy]].time.start() < time.end()) {
                busy_running.push_back(busy[next_busy++]);
            }
            std::erase_if(busy_running,
                          [&](std::size_t b) { return input_.busy_periods[b].time.end() <= time.start(); });
            if (in_scope(m)) {
                for (const auto b : busy_running) {
                    busy_during(person, m, input_.busy_periods[b]);
                }
            }
        }
    }

    void double_booked(std::uint32_t person, std::uint32_t a, std::uint32_t b)
    {
        const auto overlap = meeting(a).time.intersection(meeting(b).time);
        add(ConflictKind::person_double_booked, error_unless_tentative(a, b), {a, b}, {person_id(person)},
            std::nullopt, overlap,
            fmt::format("{} is in '{}' and '{}' at the same time, {}", person_name(person), meeting(a).title,
                        meeting(b).title, when(overlap, a)));
    }

    void busy_during(std::uint32_t person, std::uint32_t m, const BusyPeriod& busy)
    {
        if (!busy.time.overlaps(meeting(m).time)) {
            return;
        }
        const auto overlap = busy.time.intersection(meeting(m).time);
        add(ConflictKind::person_busy, error_unless_tentative(m), {m}, {person_id(person)}, std::nullopt, overlap,
            fmt::format("{} is busy during '{}' ({}), {}", person_name(person), meeting(m).title,
                        busy.source.empty() ? "busy" : busy.source, when(overlap, m)));
    }

    // Consecutive meetings of one person on the same local day at different venues:
    // impossible when the drive is longer than the gap, tight when the buffer does
    // not fit as well.
    void check_travel(std::uint32_t person, std::uint32_t from, std::uint32_t to)
    {
        const auto& zone = *meetings_[to].zone;
        const auto from_venue = meetings_[from].venue;
        const auto to_venue = meetings_[to].venue;
        if (from_venue == none || to_venue == none || from_venue == to_venue) {
            return;
        }
        // The day is the one of the later meeting's zone.
        const auto from_day = meetings_[from].zone == &zone ? day_number(meetings_[from].local_end)
                                                            : day_number(zone.to_local(meetings_[from].end));
        if (from_day != meetings_[to].first_day) {
            return;
        }
        const auto gap = meeting(to).time.start() - meeting(from).time.end();
        const auto drive = driving_time(input_.travel, venues_[from_venue].venue->geo, venues_[to_venue].venue->geo);
        if (gap >= drive + input_.travel.buffer) {
            return;
        }
        const bool impossible = gap < drive;
        const auto severity = impossible ? error_unless_tentative(from, to) : Severity::warning;
        const TimeRange between(meeting(from).time.end(), std::max(meeting(to).time.start(),
                                                                   meeting(from).time.end() + pt::minutes(1)));
        add(ConflictKind::travel, severity, {from, to}, {person_id(person)}, std::nullopt, between,
            fmt::format("{} has {} min from '{}' at {} to '{}' at {}, but the drive takes about {} min{}",
                        person_name(person), gap.total_seconds() / 60, meeting(from).title,
                        venues_[from_venue].venue->name, meeting(to).title, venues_[to_venue].venue->name,
                        drive.total_seconds() / 60,
                        impossible ? "" : fmt::format(" and {} min to arrive", input_.travel.buffer.total_seconds() / 60)));
    }

    void check_venue(std::uint32_t venue, std::span<const std::uint32_t> meetings)
    {
        auto& running = running_;
        running.clear();
        for (const auto m : meetings) {
            const auto start = meetings_[m].start;
            std::erase_if(running, [&](std::uint32_t earlier) { return meetings_[earlier].end <= start; });
            for (const auto earlier : running) {
                if (in_scope(earlier, m)) {
                    const auto overlap = meeting(earlier).time.intersection(meeting(m).time);
                    add(ConflictKind::venue_double_booked, error_unless_tentative(earlier, m), {earlier, m}, {},
                        venues_[venue].venue->id, overlap,
                        fmt::format("{} is booked for '{}' and '{}' at the same time, {}", venues_[venue].venue->name,
                                    meeting(earlier).title, meeting(m).title, when(overlap, earlier)));
                }
            }
            running.push_back(m);
        }
    }

    // ------------------------------------------------------ one meeting alone

    void check_meeting(std::uint32_t m)
    {
        check_venue_fits(m);
        check_agenda(m);
        check_calendar(m);
        check_counties(m);
    }

    void check_venue_fits(std::uint32_t m)
    {
        const auto& facts = meetings_[m];
        if (facts.venue == none) {
            return;
        }
        const Venue& venue = *venues_[facts.venue].venue;
        if (facts.in_room.size() > venue.capacity) {
            add(ConflictKind::venue_over_capacity, error_unless_tentative(m), {m}, {}, venue.id, meeting(m).time,
                fmt::format("{} people are expected at '{}' but {} holds {}, {}", facts.in_room.size(),
                            meeting(m).title, venue.name, venue.capacity, when(meeting(m).time, m)));
        }
        if (venue.accessibility != Accessibility::not_step_free) {
            return;
        }
        std::vector<PersonId> who;
        std::string names;
        for (const auto person : facts.in_room) {
            const auto* p = people_[person].person;
            if (p != nullptr && p->access == Access::step_free) {
                who.push_back(p->id);
                names += names.empty() ? "" : ", ";
                names += p->name;
            }
        }
        if (!who.empty()) {
            auto message = fmt::format("{} has no step-free access, which {} need{} for '{}', {}", venue.name, names,
                                       who.size() == 1 ? "s" : "", meeting(m).title, when(meeting(m).time, m));
            add(ConflictKind::venue_not_accessible, Severity::warning, {m}, std::move(who), venue.id, meeting(m).time,
                std::move(message));
        }
    }

    void check_agenda(std::uint32_t m)
    {
        const Meeting& me = meeting(m);
        std::vector<const AgendaItem*> items;
        for (const auto& item : me.agenda) {
            items.push_back(&item);
            if (!me.time.contains(item.time)) {
                add(ConflictKind::agenda_outside_meeting, error_unless_tentative(m), {m}, {}, std::nullopt, item.time,
                    fmt::format("agenda item '{}' of '{}' ({}) is not within the meeting ({})", item.title, me.title,
                                when(item.time, m), when(me.time, m)));
            }
            if (item.presenter) {
                // At the meeting means in the room: organisers and participants but info.
                const auto presenter_index = person_index_.find(item.presenter->str());
                const auto& in_room = meetings_[m].in_room;
                const bool present =
                    presenter_index && std::find(in_room.begin(), in_room.end(), *presenter_index) != in_room.end();
                if (!present) {
                    const auto* presenter = directory_.find(*item.presenter);
                    add(ConflictKind::agenda_presenter, error_unless_tentative(m), {m}, {*item.presenter},
                        std::nullopt, item.time,
                        fmt::format("{}, who presents '{}' ({}), is not among the participants of '{}'",
                                    presenter != nullptr ? presenter->name : item.presenter->str(), item.title,
                                    when(item.time, m), me.title));
                }
            }
        }
        std::stable_sort(items.begin(), items.end(),
                         [](const AgendaItem* a, const AgendaItem* b) { return a->time.start() < b->time.start(); });
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (std::size_t j = i + 1; j < items.size() && items[j]->time.start() < items[i]->time.end(); ++j) {
                const auto overlap = items[i]->time.intersection(items[j]->time);
                add(ConflictKind::agenda_overlap, error_unless_tentative(m), {m}, {}, std::nullopt, overlap,
                    fmt::format("agenda items '{}' and '{}' of '{}' overlap, {}", items[i]->title, items[j]->title,
                                me.title, when(overlap, m)));
            }
        }
    }

    // Holidays of the venue's state, weekends and office hours, all on the local
    // days the meeting covers (a meeting ending at midnight does not cover the next).
    void check_calendar(std::uint32_t m)
    {
        const Meeting& me = meeting(m);
        const auto& facts = meetings_[m];
        bool weekend = false;
        for (auto day = facts.first_day; day <= facts.last_day; ++day) {
            const auto weekday = ((day % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday (4)
            weekend = weekend || weekday == 0 || weekday == 6;
            if (facts.venue == none) {
                continue;
            }
            if (const auto* holiday = holidays_.on(venues_[facts.venue].state, day)) {
                add(ConflictKind::public_holiday, error_unless_tentative(m), {m}, {}, venues_[facts.venue].venue->id,
                    me.time,
                    fmt::format("'{}' falls on {} ({}), a public holiday in {}", me.title, holiday->name,
                                greg::to_iso_extended_string(holiday->date), venues_[facts.venue].state));
            } else if (const auto* day_off = holidays_.listed_on(venues_[facts.venue].state, day)) {
                add(ConflictKind::public_holiday, error_unless_tentative(m), {m}, {}, venues_[facts.venue].venue->id,
                    me.time,
                    fmt::format("'{}' falls on {} ({}), a day off in {} by the imported holidays", me.title,
                                day_off->name, greg::to_iso_extended_string(day_off->date),
                                venues_[facts.venue].state));
            }
        }
        check_working_time(m, weekend, facts.first_day != facts.last_day, facts.local_start.time_of_day(),
                           facts.local_end.time_of_day());
    }

    void check_working_time(std::uint32_t m, bool weekend, bool several_days, pt::time_duration from,
                            pt::time_duration to)
    {
        // Organisation -> who of it is at the meeting, for one line per organisation, in
        // the order of their ids: never of where they are kept, or the same meeting
        // would read differently checked with the whole store and with a part of it.
        const auto by_id = [](const Organisation* a, const Organisation* b) { return a->id < b->id; };
        std::map<const Organisation*, std::vector<std::uint32_t>, decltype(by_id)> affected(by_id);
        for (const auto person : meetings_[m].in_room) {
            const auto* organisation = people_[person].organisation;
            if (organisation == nullptr || !organisation->office_hours) {
                continue;
            }
            const auto& hours = *organisation->office_hours;
            if (weekend || several_days || from < hours.opens || to > hours.closes) {
                affected[organisation].push_back(person);
            }
        }
        if (affected.empty()) {
            return;
        }
        std::vector<PersonId> who;
        std::string details;
        for (const auto& [organisation, members] : affected) {
            std::string names;
            for (const auto person : members) {
                who.push_back(person_id(person));
                names += names.empty() ? "" : ", ";
                names += person_name(person);
            }
            details += details.empty() ? "" : "; ";
            details += fmt::format("{} {} ({})", organisation->name, to_string(*organisation->office_hours), names);
        }
        const Meeting& me = meeting(m);
        if (weekend) {
            add(ConflictKind::weekend, Severity::warning, {m}, std::move(who), std::nullopt, me.time,
                fmt::format("'{}' is on a weekend, {}, outside the working week of {}", me.title, when(me.time, m),
                            details));
        } else {
            add(ConflictKind::outside_office_hours, Severity::warning, {m}, std::move(who), std::nullopt, me.time,
                fmt::format("'{}' ({}) is outside the office hours of {}", me.title, when(me.time, m), details));
        }
    }

    // Each county a meeting brings together needs a chair or required participant
    // from it (organisers chair); otherwise the exchange happens without that county.
    void check_counties(std::uint32_t m)
    {
        const Meeting& me = meeting(m);
        if (me.counties.empty()) {
            return;
        }
        // The counties that someone who must come is from, in one walk.
        std::vector<const County*> covered;
        for_each_invitee(me, [&](const Participant& invitee) {
            if (invitee.role != Role::chair && invitee.role != Role::required) {
                return;
            }
            if (const auto person = person_index_.find(invitee.person.str())) {
                covered.push_back(people_[*person].county);
            }
        });
        std::string missing;
        for (const auto& county : me.counties) {
            const bool is_covered = std::any_of(covered.begin(), covered.end(),
                                                [&](const County* home) { return home != nullptr && home->id == county; });
            if (!is_covered) {
                const auto* known = directory_.find(county);
                missing += missing.empty() ? "" : ", ";
                missing += known != nullptr ? known->name : county.str();
            }
        }
        if (!missing.empty()) {
            add(ConflictKind::county_not_covered, Severity::warning, {m}, {}, std::nullopt, me.time,
                fmt::format("'{}' brings together counties without a chair or required participant from {}",
                            me.title, missing));
        }
    }

    const Directory& directory_;
    const CheckInput& input_;
    IdIndex person_index_;  // index i names people_[i]
    std::vector<PersonFacts> people_;
    std::unordered_map<std::string_view, std::uint32_t> venue_index_;
    std::vector<VenueFacts> venues_;
    std::vector<MeetingFacts> meetings_;
    std::vector<std::uint32_t> focused_;  // with a meeting asked about: it, or every occurrence of it
    std::vector<bool> in_focus_;           // by meeting index; empty when all are in scope
    HolidayLookup holidays_;
    std::vector<Conflict> conflicts_;
    std::vector<std::uint32_t> first_meeting_;
    std::vector<std::uint32_t> running_;  // scratch of the sweeps
    std::vector<std::size_t> busy_running_;
};

}  // namespace

std::string_view to_string(ConflictKind kind)
{
    return detail::name_of(kind_names, kind);
}

std::string_view to_string(Severity severity)
{
    return severity == Severity::error ? "error" : "warning";
}

std::vector<Conflict> find_conflicts(const Directory& directory, const CheckInput& input)
{
    return ConflictFinder(directory, input).run();
}

std::vector<Conflict> find_conflicts(const Directory& directory, const MeetingId& meeting)
{
    CheckInput input;
    input.meeting = meeting;
    return find_conflicts(directory, input);
}

}  // namespace planner
