#include <planner/ical/busy_calendar.hpp>

#include "calendar_parser.hpp"
#include "event_times.hpp"
#include "handles.hpp"
#include "rule_walk.hpp"
#include "windows_zones.hpp"

#include <planner/error.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;
constexpr std::size_t max_occurrences = 1000;  // occurrences of one series read in the window

// The value of a calendar's own X- property, whatever VALUE it declares: Apple writes
// "X-WR-TIMEZONE;VALUE=TEXT:Europe/Zurich", Google the same without the parameter.
std::optional<std::string> x_property(icalcomponent* component, std::string_view name)
{
    for (auto* property = icalcomponent_get_first_property(component, ICAL_X_PROPERTY); property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
        const char* property_name = icalproperty_get_x_name(property);
        if (property_name == nullptr || upper(property_name) != name) {
            continue;
        }
        const StringHandle value(icalproperty_get_value_as_string_r(property));
        if (value) {
            return std::string(value.get());
        }
    }
    return std::nullopt;
}

FloatingZone floating_zone(icalcomponent* calendar, const FloatingZoneChoice& choice)
{
    const auto named = x_property(calendar, "X-WR-TIMEZONE");
    const auto iana = named ? iana_zone_name(*named) : std::nullopt;
    if (choice.given) {
        return {*choice.given, FloatingZone::Source::given, named && iana != choice.given ? *named : ""};
    }
    if (iana) {
        return {*iana, FloatingZone::Source::calendar, ""};
    }
    return {choice.fallback, FloatingZone::Source::fallback, named.value_or("")};
}

// The properties whose values the times of an event are read from. libical drops a
// property it cannot read, which would silently change the event: a series without
// its RRULE is one meeting, one without its EXDATE has a meeting too many.
constexpr std::string_view date_form = "a date (20130312) or date-time (20130312T090000)";
constexpr std::array<ValueForm, 7> event_time_values{{
    {ICAL_DTSTART_PROPERTY, "DTSTART", date_form},
    {ICAL_DTEND_PROPERTY, "DTEND", date_form},
    {ICAL_RECURRENCEID_PROPERTY, "RECURRENCE-ID", date_form},
    {ICAL_EXDATE_PROPERTY, "EXDATE", date_form},
    {ICAL_RDATE_PROPERTY, "RDATE", "a date, date-time or period (20130312T090000/PT1H)"},
    {ICAL_DURATION_PROPERTY, "DURATION", "a duration (PT1H30M)"},
    {ICAL_RRULE_PROPERTY, "RRULE", "a recurrence rule (FREQ=WEEKLY;BYDAY=TU)"},
}};
constexpr std::array<ValueForm, 1> free_busy_values{{
    {ICAL_FREEBUSY_PROPERTY, "FREEBUSY", "a period (20130312T080000Z/PT1H)"},
}};

// Boost's dates end with the years 1400 and 9999, and throw std::out_of_range (its
// bad_year) for a time computed beyond them: from the values of a file that are in
// range, an end a long DURATION after a start in 9000, say.
constexpr std::string_view beyond_computable_years =
    "its times run beyond the years 1400 to 9999, which the planner computes with";

// One VCALENDAR of the file.
struct Calendar {
    Calendar(ParsedCalendar parsed, const FloatingZoneChoice& choice)
        : tree(std::move(parsed.tree)), floating(floating_zone(tree.get(), choice)),
          zones(tree.get(), time_zone(floating.name), unusable_vtimezones(parsed.lines)), vevents(components_in_text(parsed.lines, "VEVENT")),
          vfreebusies(components_in_text(parsed.lines, "VFREEBUSY"))
    {
    }

    ComponentHandle tree;
    FloatingZone floating;
    Zones zones;
    std::vector<ComponentText> vevents;
    std::vector<ComponentText> vfreebusies;
};

std::string summary_of(icalcomponent* event)
{
    const char* summary = icalcomponent_get_summary(event);
    return summary != nullptr && *summary != '\0' ? summary : "(no title)";
}

std::string uid_of(icalcomponent* event)
{
    const char* uid = icalcomponent_get_uid(event);
    return uid != nullptr ? uid : "";
}

bool has_recurrence(icalcomponent* event)
{
    return icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) != nullptr ||
           icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY) != nullptr;
}

bool is_override(icalcomponent* event)
{
    return icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) != nullptr;
}

// RFC 5545 3.8.4.4: the override changes this occurrence and all later ones.
bool changes_later_ones(icalcomponent* event)
{
    auto* id = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY);
    auto* range = id != nullptr ? icalproperty_get_first_parameter(id, ICAL_RANGE_PARAMETER) : nullptr;
    return range != nullptr && icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE;
}

// The reason why the event is free time rather than busy, if it is.
std::optional<std::string> free_time_reason(icalcomponent* event)
{
    auto* transp = icalcomponent_get_first_property(event, ICAL_TRANSP_PROPERTY);
    if (transp != nullptr && (icalproperty_get_transp(transp) == ICAL_TRANSP_TRANSPARENT ||
                              icalproperty_get_transp(transp) == ICAL_TRANSP_TRANSPARENTNOCONFLICT)) {
        return "is transparent (free time), not busy";
    }
    // Outlook's own "Show as: Free", should an export carry it without TRANSP.
    if (upper(x_property(event, "X-MICROSOFT-CDO-BUSYSTATUS").value_or("")) == "FREE") {
        return "is shown as free (X-MICROSOFT-CDO-BUSYSTATUS:FREE), not busy";
    }
    return std::nullopt;
}

bool is_cancelled(icalcomponent* event)
{
    return icalcomponent_get_status(event) == ICAL_STATUS_CANCELLED;
}

void add_outside(OutsideWindow& total, const OutsideWindow& part)
{
    total.occurrences += part.occurrences;
    total.endless += part.endless;
    total.more = total.more || part.more;
    if (part.first && (!total.first || *part.first < *total.first)) {
        total.first = part.first;
    }
    if (part.last && (!total.last || *part.last > *total.last)) {
        total.last = part.last;
    }
}

// What one VEVENT comes to.
struct ReadEvent {
    icalcomponent* component = nullptr;
    Calendar* calendar = nullptr;
    const ComponentText* text = nullptr;
    std::string summary;
    std::optional<greg::date> first_day;  // of DTSTART, for messages
    bool is_series = false;
    bool capped = false;  // more than max_occurrences in the window
    // Why its times could not be read, and where: the bad property's line and
    // column, else the event's line.
    std::optional<std::string> unreadable;
    std::string unreadable_at;
    std::vector<Occurrence> occurrences;  // in the window
    OutsideWindow outside;
};

// An override of an occurrence of a series: an event with the series' UID and a
// RECURRENCE-ID.
struct Override {
    std::size_t event = 0;  // index into the file's events
    WrittenTime id;
    bool later_ones_too = false;  // RANGE=THISANDFUTURE
};

class CalendarFile {
public:
    CalendarFile(std::string_view text, std::string_view source, const FloatingZoneChoice& floating,
                 const ExpansionWindow& window)
        : source_(source), window_(window)
    {
        for (auto& parsed : parse_calendars(text, source)) {
            calendars_.emplace_back(std::move(parsed), floating);
        }
    }

    // Every VEVENT, with its occurrences in the window: a series' own, and each
    // override's (also the later ones of RANGE=THISANDFUTURE).
    std::vector<ReadEvent> events()
    {
        std::vector<ReadEvent> events = listed_events();
        std::map<std::string, std::vector<Override>> overrides;  // by UID
        for (std::size_t k = 0; k < events.size(); ++k) {
            auto& event = events[k];
            if (!event.unreadable && is_override(event.component)) {
                reading(event, [&] {
                    overrides[uid_of(event.component)].push_back(
                        {k, reader(event).recurrence_id_of(event.component), changes_later_ones(event.component)});
                });
            }
        }
        std::vector<bool> expanded(events.size(), false);
        for (auto& event : events) {
            if (event.unreadable || is_override(event.component)) {
                continue;
            }
            if (!has_recurrence(event.component)) {
                reading(event, [&] { read_single(event); });
                continue;
            }
            reading(event, [&] {
                const auto start = reader(event).start_of(event.component);
                event.first_day = reader(event).first_day(start);
                event.is_series = true;
                expand_series(event, start, overrides[uid_of(event.component)], events, expanded);
            });
        }
        // An override whose series is not in the file stands alone.
        for (std::size_t k = 0; k < events.size(); ++k) {
            auto& event = events[k];
            if (!event.unreadable && is_override(event.component) && !expanded[k]) {
                reading(event, [&] { read_single(event); });
            }
        }
        return events;
    }

    // The busy periods of every VFREEBUSY in the window; `not_busy` gets those that
    // take no time, `left_out` the VFREEBUSYs that cannot be read.
    std::vector<BusyTime> free_busy_periods(std::vector<std::string>& not_busy, std::vector<std::string>& left_out,
                                            OutsideWindow& outside)
    {
        std::vector<BusyTime> busy;
        for (auto& calendar : calendars_) {
            const auto read = [&](icalcomponent* component, const ComponentText& text) {
                if (const auto unread = first_unread_value(component, text, free_busy_values)) {
                    left_out.push_back(fmt::format("{}:{}:{}: the VFREEBUSY is left out: its FREEBUSY '{}' is not {}",
                                                   source_, unread->property->line, unread->property->value_column,
                                                   unread->property->value(), unread->form));
                    return;
                }
                if (const auto bad = first_bad_time_value(text, free_busy_values)) {
                    left_out.push_back(fmt::format("{}:{}:{}: the VFREEBUSY is left out: its {}", source_,
                                                   bad->property->line, bad->column, bad->text()));
                    return;
                }
                try {
                    std::vector<BusyTime> own;
                    OutsideWindow own_outside;
                    for_each_property(component, ICAL_FREEBUSY_PROPERTY, [&](icalproperty* property) {
                        add_busy_period(property, calendar.zones, text.line, own, not_busy, own_outside);
                    });
                    busy.insert(busy.end(), own.begin(), own.end());
                    add_outside(outside, own_outside);
                } catch (const Error& error) {
                    left_out.push_back(fmt::format("{}:{}: the VFREEBUSY is left out: {}", source_, text.line,
                                                   error.what()));
                } catch (const std::out_of_range&) {
                    left_out.push_back(fmt::format("{}:{}: the VFREEBUSY is left out: {}", source_, text.line,
                                                   beyond_computable_years));
                }
            };
            for_each_with_text(calendar.tree.get(), ICAL_VFREEBUSY_COMPONENT, calendar.vfreebusies, read);
        }
        return busy;
    }

    // The zones floating times were read in, each once.
    [[nodiscard]] std::vector<FloatingZone> zones() const
    {
        std::vector<FloatingZone> zones;
        for (const auto& calendar : calendars_) {
            if (std::find(zones.begin(), zones.end(), calendar.floating) == zones.end()) {
                zones.push_back(calendar.floating);
            }
        }
        return zones;
    }

    // "export.ics:40: 'Urlaub' on 2013-03-12"
    [[nodiscard]] std::string place(const ReadEvent& event) const
    {
        const auto when = !event.first_day ? std::string()
                          : event.is_series
                              ? fmt::format(" (repeating from {})", greg::to_iso_extended_string(*event.first_day))
                              : fmt::format(" on {}", greg::to_iso_extended_string(*event.first_day));
        return fmt::format("{}:{}: '{}'{}", source_, event.text->line, event.summary, when);
    }

    // "export.ics:52:7: 'Jour fixe' is left out: its RRULE '' is not a recurrence rule"
    [[nodiscard]] std::string left_out(const ReadEvent& event) const
    {
        return fmt::format("{}:{}: '{}' is left out: {}", source_, event.unreadable_at, event.summary,
                           event.unreadable.value_or(""));
    }

private:
    // Every VEVENT of every VCALENDAR, in file order, with the values libical could
    // not read marked.
    std::vector<ReadEvent> listed_events()
    {
        std::vector<ReadEvent> events;
        for (auto& calendar : calendars_) {
            const auto list = [&](icalcomponent* component, const ComponentText& text) {
                ReadEvent event;
                event.component = component;
                event.calendar = &calendar;
                event.text = &text;
                event.summary = summary_of(component);
                event.unreadable_at = std::to_string(event.text->line);
                if (const auto unread = first_unread_value(component, *event.text, event_time_values)) {
                    const auto& property = *unread->property;
                    event.unreadable = fmt::format("its {} '{}' is not {}", property.name, property.value(),
                                                   unread->form);
                    event.unreadable_at = fmt::format("{}:{}", property.line, property.value_column);
                } else if (const auto bad = first_bad_time_value(*event.text, event_time_values)) {
                    event.unreadable = "its " + bad->text();
                    event.unreadable_at = fmt::format("{}:{}", bad->property->line, bad->column);
                } else if (const auto* rule = misread_rule(*event.text)) {
                    event.unreadable = fmt::format("its RRULE '{}' cannot be read: {}", rule->value(),
                                                   *rule_part_libical_would_misread(rule->value()));
                    event.unreadable_at = fmt::format("{}:{}", rule->line, rule->value_column);
                }
                events.push_back(std::move(event));
            };
            for_each_with_text(calendar.tree.get(), ICAL_VEVENT_COMPONENT, calendar.vevents, list);
        }
        return events;
    }

    // An RRULE whose numbers libical would wrap (INTERVAL=65537 read as 1): the series
    // it gives is not the one the file means.
    static const TextProperty* misread_rule(const ComponentText& text)
    {
        for (const auto& property : text.properties) {
            if (property.name == "RRULE" && rule_part_libical_would_misread(property.value())) {
                return &property;
            }
        }
        return nullptr;
    }

    EventReader reader(const ReadEvent& event) const { return EventReader(event.calendar->zones, window_); }

    // Runs one step of reading an event; a value that cannot be read, or a time beyond
    // what the planner computes, leaves the event out with the reason.
    template <class Step>
    static void reading(ReadEvent& event, Step step)
    {
        try {
            step();
        } catch (const Error& error) {
            set_unreadable(event, error.what());
        } catch (const std::out_of_range&) {
            set_unreadable(event, std::string(beyond_computable_years));
        }
    }

    // An event without a rule, or an override without its series: one occurrence.
    void read_single(ReadEvent& event)
    {
        const auto start = reader(event).start_of(event.component);
        event.first_day = reader(event).first_day(start);
        sort_into_window(reader(event).single(event.component, start), event);
    }

    static void set_unreadable(ReadEvent& event, const std::string& why)
    {
        event.unreadable = why;
        event.occurrences.clear();
        event.outside = {};
    }

    // Whether the occurrence lies in the window; one that does not is counted.
    bool in_window_else_counted(const Occurrence& occurrence, OutsideWindow& outside) const
    {
        if (in_window(occurrence, window_)) {
            return true;
        }
        ++outside.occurrences;
        if (occurrence.last_day < window_.first) {
            outside.first = std::min(outside.first.value_or(occurrence.first_day), occurrence.first_day);
        } else {
            outside.last = std::max(outside.last.value_or(occurrence.last_day), occurrence.last_day);
        }
        return false;
    }

    void sort_into_window(const Occurrence& occurrence, ReadEvent& event) const
    {
        if (!in_window_else_counted(occurrence, event.outside)) {
            return;
        }
        if (event.occurrences.size() == max_occurrences) {
            event.capped = true;
        } else {
            event.occurrences.push_back(occurrence);
        }
    }

    // Where an occurrence that starts at `local` and lasts `length` lies: surely
    // before or after the window, so that it can be counted without converting its
    // times (a daily series held since 1990 has thousands), or near it. The margin of
    // two days covers the zones that the days are counted in.
    enum class Side { before, near, after };
    [[nodiscard]] Side side_of(pt::ptime local, const Length& length) const
    {
        const auto day = local.date();
        if (day + greg::days(length.days + length.exact.hours() / 24 + 2) < window_.first) {
            return Side::before;
        }
        return day > window_.last + greg::days(2) ? Side::after : Side::near;
    }

    // The occurrences of a series go to it or to the override that replaces them: one
    // that names an occurrence takes it (Google marks a deleted one STATUS:CANCELLED),
    // one with RANGE=THISANDFUTURE also takes the later ones, moved by as much as it
    // moves its own and as long as it is, until a later such override.
    void expand_series(ReadEvent& series, const WrittenTime& start, const std::vector<Override>& overrides,
                       std::vector<ReadEvent>& events, std::vector<bool>& expanded)
    {
        auto series_reader = reader(series);
        const auto expansion = series_reader.expand(series.component, start, count_budget_);
        struct Taker {
            const Override* by = nullptr;
            OccurrenceName name;
            pt::ptime id;  // in the series' wall-clock time
            pt::time_duration moved;
            Length length;
        };
        std::vector<Taker> takers;
        for (const auto& each : overrides) {
            auto& event = events[each.event];
            reading(event, [&] {
                auto own_reader = reader(event);
                const auto own_start = own_reader.start_of(event.component);
                const auto id = local_in(each.id, *start.zone);
                takers.push_back({&each, OccurrenceName(each.id, start, event.calendar->zones), id,
                                  local_in(own_start, *start.zone) - id,
                                  own_reader.length_of(event.component, own_start)});
                if (each.later_ones_too) {
                    event.first_day = own_reader.first_day(own_start);
                    event.is_series = true;
                    expanded[each.event] = true;
                }
            });
        }
        // An override of one occurrence is found by the day or start it names, not by
        // trying every override on every start: Google writes one per deleted
        // occurrence, and a file may hold many thousands. Of two naming the same start,
        // the later in the file wins, as it would in a walk over all.
        std::map<greg::date, const Taker*> by_day;
        std::map<pt::ptime, const Taker*> by_start;
        std::vector<const Taker*> ranges;
        for (const auto& taker : takers) {
            if (taker.by->later_ones_too) {
                ranges.push_back(&taker);
            } else if (taker.name.day()) {
                by_day.insert_or_assign(*taker.name.day(), &taker);
            } else {
                by_start.insert_or_assign(taker.name.local(), &taker);
            }
        }
        const auto taker_of = [&](pt::ptime local) {
            const Taker* single = nullptr;
            if (const auto found = by_day.find(local.date()); found != by_day.end()) {
                single = found->second;
            }
            if (const auto found = by_start.find(local);
                found != by_start.end() && (single == nullptr || found->second > single)) {
                single = found->second;
            }
            if (single != nullptr) {
                return single;  // one naming this very occurrence wins over a range
            }
            const Taker* taker = nullptr;
            for (const auto* range : ranges) {
                // Of ranges, the latest.
                if (range->name.names_or_precedes(local) && (taker == nullptr || range->id > taker->id)) {
                    taker = range;
                }
            }
            return taker;
        };
        struct Latest {
            pt::ptime local;
            Length length;
        };
        std::map<ReadEvent*, Latest> latest_after;  // of the occurrences counted after the window
        for (const auto& each : expansion.starts) {
            const auto* taker = taker_of(each.local);
            if (taker != nullptr && !taker->by->later_ones_too) {
                continue;  // an override of this occurrence alone is read as an event of its own
            }
            auto& owner = taker != nullptr ? events[taker->by->event] : series;
            const SeriesStart moved = taker != nullptr ? SeriesStart{each.local + taker->moved, std::nullopt} : each;
            const auto& length = taker != nullptr ? taker->length : expansion.length;
            const auto side = moved.end ? Side::near : side_of(moved.local, length);
            if (side == Side::after) {
                ++owner.outside.occurrences;
                latest_after.insert_or_assign(&owner, Latest{moved.local, length});
            } else if (side == Side::before && owner.outside.first) {
                ++owner.outside.occurrences;  // an earlier one gave the first day
            } else {
                sort_into_window(series_reader.occurrence(moved, start, length), owner);
            }
        }
        for (const auto& [owner, latest] : latest_after) {
            const auto last = series_reader.occurrence({latest.local, std::nullopt}, start, latest.length).last_day;
            owner->outside.last = std::max(owner->outside.last.value_or(last), last);
        }
        if (expansion.endless || expansion.more) {
            auto& last = last_range(series, takers, events);
            last.outside.endless += expansion.endless ? 1 : 0;
            last.outside.more = last.outside.more || expansion.more;
        }
    }

    template <class Takers>
    static ReadEvent& last_range(ReadEvent& series, const Takers& takers, std::vector<ReadEvent>& events)
    {
        const typename Takers::value_type* last = nullptr;
        for (const auto& taker : takers) {
            if (taker.by->later_ones_too && (last == nullptr || taker.id > last->id)) {
                last = &taker;
            }
        }
        return last == nullptr ? series : events[last->by->event];
    }

    void add_busy_period(icalproperty* property, Zones& zones, std::size_t line, std::vector<BusyTime>& busy,
                         std::vector<std::string>& not_busy, OutsideWindow& outside) const
    {
        auto* fbtype = icalproperty_get_first_parameter(property, ICAL_FBTYPE_PARAMETER);
        if (fbtype != nullptr && icalparameter_get_fbtype(fbtype) == ICAL_FBTYPE_FREE) {
            return;  // RFC 5545 3.2.9: the person is free then
        }
        const auto period = icalproperty_get_freebusy(property);
        const auto start = written_time(property, period.start, zones).utc();
        const auto end = icaltime_is_null_time(period.end) == 0
                             ? written_time(property, period.end, zones).utc()
                             : start + exact_duration(period.duration);
        if (end <= start) {
            not_busy.push_back(fmt::format("{}:{}: the free/busy period from {} UTC takes no time", source_, line,
                                           pt::to_iso_extended_string(start)));
            return;
        }
        if (in_window_else_counted(occurrence_between(start, end, zones.calendar_zone()), outside)) {
            busy.push_back({TimeRange(start, end), "busy"});
        }
    }

    std::string source_;
    ExpansionWindow window_;
    std::deque<Calendar> calendars_;  // Zones stay put: times point into them
    // How many occurrences before the window the whole file's series may walk through
    // to count them (see EventReader::expand).
    std::size_t count_budget_ = 200'000;
};

// Why the event is not busy time, if it is not; nullopt for a busy one.
std::optional<std::string> not_busy_reason(const CalendarFile& file, const ReadEvent& event)
{
    if (is_cancelled(event.component)) {
        return fmt::format("{} is cancelled", file.place(event));
    }
    if (const auto reason = free_time_reason(event.component)) {
        return fmt::format("{} {}", file.place(event), *reason);
    }
    return std::nullopt;
}

std::string capped_message(const CalendarFile& file, const ReadEvent& event)
{
    return fmt::format("{} repeats more than {} times in the window; only the first {} are read", file.place(event),
                       max_occurrences, max_occurrences);
}

// Hands `read` each event that counts. One that cannot be read is listed in
// `left_out`; one that `why_not` gives a reason for, in `not_counted`; a series cut off
// is listed and read as far as it goes; what lies outside the window is added up.
template <class WhyNot, class Read>
void read_events(CalendarFile& file, std::vector<std::string>& left_out, std::vector<std::string>& not_counted,
                 OutsideWindow& outside, WhyNot why_not, Read read)
{
    for (const auto& event : file.events()) {
        if (event.unreadable) {
            left_out.push_back(file.left_out(event));
            continue;
        }
        if (const auto reason = why_not(event)) {
            not_counted.push_back(*reason);
            continue;
        }
        if (event.capped) {
            left_out.push_back(capped_message(file, event));
        }
        add_outside(outside, event.outside);
        read(event);
    }
}

}  // namespace

BusyCalendar read_busy_calendar(std::string_view text, std::string_view source, const ExpansionWindow& window,
                                const FloatingZoneChoice& floating)
{
    CalendarFile file(text, source, floating, window);
    BusyCalendar calendar;
    const auto why_not = [&](const ReadEvent& event) { return not_busy_reason(file, event); };
    read_events(file, calendar.left_out, calendar.not_busy, calendar.outside, why_not, [&](const ReadEvent& event) {
        bool takes_no_time = false;
        for (const auto& occurrence : event.occurrences) {
            if (occurrence.end > occurrence.start) {
                calendar.busy.push_back({TimeRange(occurrence.start, occurrence.end), event.summary});
            } else {
                takes_no_time = true;
            }
        }
        if (takes_no_time) {
            calendar.not_busy.push_back(fmt::format("{} ends when it starts, so it takes no time", file.place(event)));
        }
    });
    auto periods = file.free_busy_periods(calendar.not_busy, calendar.left_out, calendar.outside);
    calendar.busy.insert(calendar.busy.end(), periods.begin(), periods.end());
    std::sort(calendar.busy.begin(), calendar.busy.end(), [](const BusyTime& a, const BusyTime& b) {
        using Key = std::tuple<pt::ptime, pt::ptime, const std::string&>;
        return Key(a.time.start(), a.time.end(), a.summary) < Key(b.time.start(), b.time.end(), b.summary);
    });
    calendar.zones = file.zones();
    return calendar;
}

namespace {

// Counts the days of an occurrence in the window that lie outside it.
void cut_to_window(const Occurrence& occurrence, const ExpansionWindow& window, HolidayCalendar& calendar)
{
    auto& outside = calendar.outside;
    if (occurrence.first_day < window.first) {
        calendar.days_outside += static_cast<std::size_t>((window.first - occurrence.first_day).days());
        outside.first = std::min(outside.first.value_or(occurrence.first_day), occurrence.first_day);
    }
    if (occurrence.last_day > window.last) {
        calendar.days_outside += static_cast<std::size_t>((occurrence.last_day - window.last).days());
        outside.last = std::max(outside.last.value_or(occurrence.last_day), occurrence.last_day);
    }
}

}  // namespace

HolidayCalendar read_holiday_calendar(std::string_view text, std::string_view source, const ExpansionWindow& window,
                                      const FloatingZoneChoice& floating)
{
    CalendarFile file(text, source, floating, window);
    HolidayCalendar calendar;
    // Transparent events count: holiday calendars mark their days free.
    const auto why_not = [&](const ReadEvent& event) {
        return is_cancelled(event.component) ? std::optional(fmt::format("{} is cancelled", file.place(event)))
                                             : std::nullopt;
    };
    // Each day once per name, before the names are copied: a thousand occurrences
    // that each cover the window would otherwise copy their summary for every day.
    std::vector<std::string> names;
    std::vector<std::pair<greg::date, std::size_t>> named_days;  // the day and its index in names
    read_events(file, calendar.left_out, calendar.left_out, calendar.outside, why_not, [&](const ReadEvent& event) {
        names.push_back(event.summary);
        for (const auto& occurrence : event.occurrences) {
            // Only the days in the window: an event that reaches into it from 4026 must
            // not give two thousand years of days.
            const auto first = std::max(occurrence.first_day, window.first);
            const auto last = std::min(occurrence.last_day, window.last);
            for (auto day = first; day <= last; day += greg::days(1)) {
                named_days.emplace_back(day, names.size() - 1);
            }
            cut_to_window(occurrence, window, calendar);
        }
    });
    const auto key = [&](const std::pair<greg::date, std::size_t>& day) {
        return std::tie(day.first, names[day.second]);
    };
    std::sort(named_days.begin(), named_days.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    named_days.erase(std::unique(named_days.begin(), named_days.end(),
                                 [&](const auto& a, const auto& b) { return key(a) == key(b); }),
                     named_days.end());
    for (const auto& [day, name] : named_days) {
        calendar.days.push_back({day, names[name]});
    }
    calendar.zones = file.zones();
    return calendar;
}

std::optional<std::string> iana_zone_name(std::string_view tzid)
{
    if (const auto iana = iana_name_of_windows_zone(tzid)) {
        return std::string(*iana);
    }
    const auto known = [](std::string_view name) {
        try {
            (void)time_zone(name);
            return true;
        } catch (const Error&) {
            return false;
        }
    };
    if (known(tzid)) {
        return std::string(tzid);
    }
    // A globally unique id (RFC 5545 3.2.19) starts with a slash: "/Europe/Stockholm",
    // or a path of its writer's before the IANA name, as libical
    // ("/freeassociation.sourceforge.net/Tzfile/Europe/Berlin") and Mozilla
    // ("/mozilla.org/20070129_1/Europe/Berlin") write it. The longest known tail counts.
    if (tzid.starts_with('/')) {
        for (auto slash = tzid.find('/'); slash != std::string_view::npos; slash = tzid.find('/', slash + 1)) {
            const auto tail = tzid.substr(slash + 1);
            if (!tail.empty() && known(tail)) {
                return std::string(tail);
            }
        }
    }
    return std::nullopt;
}

}  // namespace planner::ical
