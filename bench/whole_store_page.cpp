#include "whole_store_page.hpp"

#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>

#include <algorithm>

namespace planner::bench {

// The list as the whole store gives it: every single meeting, and every series once with
// its first meeting in the window that has the status asked for.
db::MeetingPage whole_store_page(const Directory& stored, const db::MeetingQuery& query)
{
    std::vector<db::MeetingSummary> lines;
    for (const auto& [id, m] : stored.meetings()) {
        const auto has_county = [&](const CountyId& county) {
            return std::find(m.counties.begin(), m.counties.end(), county) != m.counties.end();
        };
        const auto organised_by = [&](const OrganisationId& organisation) {
            return std::any_of(m.organisers.begin(), m.organisers.end(), [&](const PersonId& organiser) {
                return stored.person(organiser).organisation == organisation;
            });
        };
        const auto held_in = [&](const CountyId& county) {
            bool held = stored.venue(m.venue).county == county;
            if (m.recurrence) {
                for (const auto& change : m.recurrence->changes) {
                    held = held || (change.venue && stored.venue(*change.venue).county == county);
                }
            }
            return held;
        };
        if ((query.county && !has_county(*query.county)) || (query.organisation && !organised_by(*query.organisation)) ||
            (query.visible_to && !organised_by(query.visible_to->organisation) &&
             !has_county(query.visible_to->county) && !held_in(query.visible_to->county))) {
            continue;
        }
        const auto all = m.recurrence ? occurrences(m, ical::expand_rule) : std::vector<Meeting>{m};
        const Meeting* shown = nullptr;
        for (const auto& one : all) {
            const bool in = (!query.from || one.time.end() > *query.from) && (!query.to || one.time.start() < *query.to) &&
                            (!query.status || one.status == *query.status);
            if (in && (shown == nullptr || one.time.start() < shown->time.start())) {
                shown = &one;
            }
        }
        if (shown != nullptr) {
            lines.push_back({m.id, m.title, shown->time, m.time_zone, shown->venue, stored.venue(shown->venue).name,
                             shown->status, m.recurrence.has_value(), m.counties});
        }
    }
    std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
        return a.time.start() < b.time.start() || (a.time.start() == b.time.start() && a.id < b.id);
    });
    db::MeetingPage page{{}, lines.size()};
    const auto first = std::min(query.offset, lines.size());
    const auto last = std::min(first + query.limit, lines.size());
    page.meetings.assign(lines.begin() + static_cast<long>(first), lines.begin() + static_cast<long>(last));
    return page;
}

}  // namespace planner::bench
