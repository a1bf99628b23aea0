#include <planner/conflict_checker.hpp>

#include <planner/time_zone.hpp>

#include "enum_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <tuple>
#include <utility>

namespace planner {
namespace {

constexpr detail::EnumNames<ConflictKind, 5> kind_names{{
    {ConflictKind::person_double_booked, "person-double-booked"},
    {ConflictKind::venue_double_booked, "venue-double-booked"},
    {ConflictKind::venue_over_capacity, "venue-over-capacity"},
    {ConflictKind::agenda_outside_meeting, "agenda-outside-meeting"},
    {ConflictKind::agenda_overlap, "agenda-overlap"},
}};


// Scope of a run: all meetings, or only the pairs that include one of them.
struct Scope {
    const Meeting* focus = nullptr;
    [[nodiscard]] bool includes(const Meeting& a) const { return focus == nullptr || focus == &a; }
    [[nodiscard]] bool includes(const Meeting& a, const Meeting& b) const
    {
        return focus == nullptr || focus == &a || focus == &b;
    }
};

class ConflictFinder {
public:
    ConflictFinder(const Directory& directory, Scope scope) : directory_(directory), scope_(scope) {}

    std::vector<Conflict> run()
    {
        std::map<PersonId, std::vector<const Meeting*>> by_person;
        std::map<VenueId, std::vector<const Meeting*>> by_venue;
        for (const Meeting* meeting : directory_.meetings_by_start()) {
            if (meeting->status == MeetingStatus::cancelled) {
                continue;
            }
            for (const auto& person : attendees_in_room(*meeting)) {
                by_person[person].push_back(meeting);
            }
            by_venue[meeting->venue].push_back(meeting);
            if (scope_.includes(*meeting)) {
                check_capacity(*meeting);
                check_agenda(*meeting);
            }
        }
        for (const auto& [person, meetings] : by_person) {
            for_each_overlap(meetings, [&](const Meeting& a, const Meeting& b) { person_double_booked(person, a, b); });
        }
        for (const auto& [venue, meetings] : by_venue) {
            for_each_overlap(meetings, [&](const Meeting& a, const Meeting& b) { venue_double_booked(venue, a, b); });
        }
        // By the first meeting involved, so that each meeting's conflicts stand
        // together; within it errors first, then by time.
        const auto key = [&](const Conflict& c) {
            const auto& first = directory_.meeting(c.meetings.front());
            return std::tuple(first.time.start(), std::cref(first.id), -static_cast<int>(c.severity), c.time.start(),
                              c.kind);
        };
        std::stable_sort(conflicts_.begin(), conflicts_.end(),
                         [&](const Conflict& a, const Conflict& b) { return key(a) < key(b); });
        return std::move(conflicts_);
    }

private:
    // `meetings` is sorted by start; a sweep keeps the ones still running.
    template <class OnOverlap>
    void for_each_overlap(const std::vector<const Meeting*>& meetings, OnOverlap on_overlap) const
    {
        std::vector<const Meeting*> running;
        for (const Meeting* meeting : meetings) {
            std::erase_if(running, [&](const Meeting* earlier) { return earlier->time.end() <= meeting->time.start(); });
            for (const Meeting* earlier : running) {
                if (scope_.includes(*earlier, *meeting)) {
                    on_overlap(*earlier, *meeting);
                }
            }
            running.push_back(meeting);
        }
    }

    [[nodiscard]] std::string person_name(const PersonId& id) const
    {
        const auto* person = directory_.find(id);
        return person != nullptr ? person->name : id.str();
    }

    [[nodiscard]] std::string venue_name(const VenueId& id) const
    {
        const auto* venue = directory_.find(id);
        return venue != nullptr ? venue->name : id.str();
    }

    [[nodiscard]] static std::string when(const TimeRange& range, const Meeting& meeting)
    {
        return format_local_range(range, time_zone(meeting.time_zone));
    }

    void person_double_booked(const PersonId& person, const Meeting& a, const Meeting& b)
    {
        const auto overlap = a.time.intersection(b.time);
        conflicts_.push_back({ConflictKind::person_double_booked, Severity::error, {a.id, b.id}, {person},
                              std::nullopt, overlap, a.time_zone,
                              fmt::format("{} is in '{}' and '{}' at the same time, {}", person_name(person),
                                          a.title, b.title, when(overlap, a))});
    }

    void venue_double_booked(const VenueId& venue, const Meeting& a, const Meeting& b)
    {
        const auto overlap = a.time.intersection(b.time);
        conflicts_.push_back({ConflictKind::venue_double_booked, Severity::error, {a.id, b.id}, {}, venue, overlap,
                              a.time_zone,
                              fmt::format("{} is booked for '{}' and '{}' at the same time, {}", venue_name(venue),
                                          a.title, b.title, when(overlap, a))});
    }

    void check_capacity(const Meeting& meeting)
    {
        const auto* venue = directory_.find(meeting.venue);
        const auto people = attendees_in_room(meeting).size();
        if (venue == nullptr || people <= venue->capacity) {
            return;
        }
        conflicts_.push_back({ConflictKind::venue_over_capacity, Severity::error, {meeting.id}, {}, venue->id,
                              meeting.time, meeting.time_zone,
                              fmt::format("{} people are expected at '{}' but {} holds {}, {}", people, meeting.title,
                                          venue->name, venue->capacity, when(meeting.time, meeting))});
    }

    void check_agenda(const Meeting& meeting)
    {
        std::vector<const AgendaItem*> items;
        for (const auto& item : meeting.agenda) {
            items.push_back(&item);
            if (!meeting.time.contains(item.time)) {
                conflicts_.push_back(
                    {ConflictKind::agenda_outside_meeting, Severity::error, {meeting.id}, {}, std::nullopt, item.time,
                     meeting.time_zone,
                     fmt::format("agenda item '{}' of '{}' ({}) is not within the meeting ({})", item.title,
                                 meeting.title, when(item.time, meeting), when(meeting.time, meeting))});
            }
        }
        std::stable_sort(items.begin(), items.end(),
                         [](const AgendaItem* a, const AgendaItem* b) { return a->time.start() < b->time.start(); });
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (std::size_t j = i + 1; j < items.size() && items[j]->time.start() < items[i]->time.end(); ++j) {
                const auto overlap = items[i]->time.intersection(items[j]->time);
                conflicts_.push_back({ConflictKind::agenda_overlap, Severity::error, {meeting.id}, {}, std::nullopt,
                                      overlap, meeting.time_zone,
                                      fmt::format("agenda items '{}' and '{}' of '{}' overlap, {}", items[i]->title,
                                                  items[j]->title, meeting.title, when(overlap, meeting))});
            }
        }
    }

    const Directory& directory_;
    Scope scope_;
    std::vector<Conflict> conflicts_;
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

std::vector<Conflict> find_conflicts(const Directory& directory)
{
    return ConflictFinder(directory, Scope{}).run();
}

std::vector<Conflict> find_conflicts(const Directory& directory, const MeetingId& meeting)
{
    return ConflictFinder(directory, Scope{&directory.meeting(meeting)}).run();
}

}  // namespace planner
