#include <planner/ical/busy_calendar.hpp>

#include "calendar_parser.hpp"
#include "event_times.hpp"
#include "handles.hpp"
#include "windows_zones.hpp"

#include <planner/error.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

// ---------------------------------------------------------------------------------
// Where things are in the text. libical keeps no line numbers, but it keeps the
// components of a calendar in file order, so the k-th VEVENT of libical's tree is the
// k-th BEGIN:VEVENT directly inside the VCALENDAR.

struct TextProperty {
    std::size_t line = 0;
    std::size_t value_column = 0;  // 1-based, of the unfolded line
    std::string name;              // upper case
    std::string value;
};

struct ComponentText {
    std::size_t line = 0;                 // of its BEGIN
    std::vector<TextProperty> properties;  // its own, not those of a VALARM inside it
};

// The components of kind `kind` directly inside the VCALENDAR, in file order. The
// lines have passed parse_calendar, so BEGIN and END nest.
std::vector<ComponentText> components_in_text(const std::vector<ContentLine>& lines, std::string_view kind)
{
    std::vector<ComponentText> found;
    int depth = 0;
    bool inside = false;  // a component of that kind, at depth 2
    for (const auto& line : lines) {
        const auto name = line.name();
        if (name == "BEGIN") {
            ++depth;
            if (depth == 2) {
                inside = upper(line.value()) == kind;
                if (inside) {
                    found.push_back({line.line, {}});
                }
            }
        } else if (name == "END") {
            --depth;
        } else if (inside && depth == 2) {
            found.back().properties.push_back({line.line, line.colon + 2, name, std::string(line.value())});
        }
    }
    return found;
}

std::optional<std::string> x_property(icalcomponent* component, std::string_view name)
{
    for (auto* property = icalcomponent_get_first_property(component, ICAL_X_PROPERTY); property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
        const char* property_name = icalproperty_get_x_name(property);
        const char* value = icalproperty_get_x(property);
        if (property_name != nullptr && value != nullptr && upper(property_name) == name) {
            return std::string(value);
        }
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------
// Events

struct EventLabel {
    std::string summary;
    std::size_t line = 0;
};

std::string summary_of(icalcomponent* event)
{
    const char* summary = icalcomponent_get_summary(event);
    return summary != nullptr && *summary != '\0' ? summary : "(no title)";
}

// libical drops a time property it cannot read and leaves an X-LIC-ERROR instead,
// so a property that the text has more often than libical's tree was unreadable.
void require_readable(icalcomponent* component, const ComponentText& text, const std::string& label,
                      std::string_view source)
{
    struct Expected {
        icalproperty_kind kind;
        std::string_view name;
        std::string_view form;
    };
    constexpr std::string_view date_form = "a date (20130312) or date-time (20130312T090000)";
    constexpr std::array expected{
        Expected{ICAL_DTSTART_PROPERTY, "DTSTART", date_form},
        Expected{ICAL_DTEND_PROPERTY, "DTEND", date_form},
        Expected{ICAL_RECURRENCEID_PROPERTY, "RECURRENCE-ID", date_form},
        Expected{ICAL_EXDATE_PROPERTY, "EXDATE", date_form},
        Expected{ICAL_RDATE_PROPERTY, "RDATE", date_form},
        Expected{ICAL_DURATION_PROPERTY, "DURATION", "a duration (PT1H30M)"},
        Expected{ICAL_RRULE_PROPERTY, "RRULE", "a recurrence rule (FREQ=WEEKLY;BYDAY=TU)"},
        Expected{ICAL_FREEBUSY_PROPERTY, "FREEBUSY", "a period (20130312T080000Z/PT1H)"},
    };
    for (const auto& [kind, name, form] : expected) {
        const auto is_named = [name = name](const TextProperty& p) { return p.name == name; };
        const auto property = std::find_if(text.properties.begin(), text.properties.end(), is_named);
        const auto written = std::count_if(property, text.properties.end(), is_named);
        if (icalcomponent_count_properties(component, kind) < static_cast<int>(written)) {
            throw Error(fmt::format("{}:{}:{}: {} '{}' of {} is not {}", source, property->line,
                                    property->value_column, name, property->value, label, form));
        }
    }
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

// What one VEVENT comes to.
struct ReadEvent {
    icalcomponent* component = nullptr;
    EventLabel label;
    std::optional<greg::date> first_day;  // of DTSTART, for messages
    bool is_series = false;
    bool capped = false;
    std::optional<std::string> unreadable;  // why its times could not be read
    std::vector<Occurrence> occurrences;
};

bool has_recurrence(icalcomponent* event)
{
    return icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) != nullptr ||
           icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY) != nullptr;
}

std::string uid_of(icalcomponent* event)
{
    const char* uid = icalcomponent_get_uid(event);
    return uid != nullptr ? uid : "";
}

class CalendarFile {
public:
    CalendarFile(std::string_view text, std::string_view source, const TimeZone& fallback_zone)
        : CalendarFile(parse_calendar_and_lines(text, source), source, fallback_zone)
    {
    }

    // Every VEVENT, series expanded over the window with their overrides left out:
    // an override is read as an event of its own.
    std::vector<ReadEvent> events(const ExpansionWindow& window)
    {
        const auto components = children(ICAL_VEVENT_COMPONENT);
        std::vector<ReadEvent> events;
        for (std::size_t k = 0; k < components.size(); ++k) {
            auto* event = components[k];
            auto summary = summary_of(event);
            const auto line = checked_line(event, vevents_, k, fmt::format("'{}'", summary));
            const EventLabel label{std::move(summary), line};
            events.push_back(read_event(event, label, components, window));
        }
        return events;
    }

    // The busy periods of every VFREEBUSY; `skipped` gets those that take no time.
    std::vector<BusyTime> free_busy_periods(std::vector<std::string>& skipped)
    {
        const auto components = children(ICAL_VFREEBUSY_COMPONENT);
        std::vector<BusyTime> busy;
        for (std::size_t k = 0; k < components.size(); ++k) {
            const auto line = checked_line(components[k], vfreebusies_, k, "the VFREEBUSY");
            for_each_property(components[k], ICAL_FREEBUSY_PROPERTY, [&](icalproperty* property) {
                add_busy_period(property, line, busy, skipped);
            });
        }
        return busy;
    }

    // "export.ics:40: 'Urlaub' on 2013-03-12"
    [[nodiscard]] std::string place(const ReadEvent& event) const
    {
        const auto when = !event.first_day ? std::string()
                          : event.is_series
                              ? fmt::format(" (repeating from {})", greg::to_iso_extended_string(*event.first_day))
                              : fmt::format(" on {}", greg::to_iso_extended_string(*event.first_day));
        return fmt::format("{}:{}: '{}'{}", source_, event.label.line, event.label.summary, when);
    }

private:
    CalendarFile(ParsedCalendar parsed, std::string_view source, const TimeZone& fallback_zone)
        : source_(source), calendar_(std::move(parsed.tree)),
          zones_(calendar_.get(), calendar_zone(calendar_.get(), fallback_zone)),
          vevents_(components_in_text(parsed.lines, "VEVENT")),
          vfreebusies_(components_in_text(parsed.lines, "VFREEBUSY"))
    {
    }

    // The line of the BEGIN of the k-th component of `texts`, after checking that
    // libical read its values (see require_readable); 0 if the text does not have it.
    std::size_t checked_line(icalcomponent* component, const std::vector<ComponentText>& texts, std::size_t k,
                             const std::string& label) const
    {
        if (k >= texts.size()) {
            return 0;
        }
        require_readable(component, texts[k], label, source_);
        return texts[k].line;
    }

    static const TimeZone& calendar_zone(icalcomponent* calendar, const TimeZone& fallback_zone)
    {
        const auto named = x_property(calendar, "X-WR-TIMEZONE");
        const auto iana = named ? iana_zone_name(*named) : std::nullopt;
        return iana ? time_zone(*iana) : fallback_zone;
    }

    [[nodiscard]] std::vector<icalcomponent*> children(icalcomponent_kind kind) const
    {
        std::vector<icalcomponent*> found;
        for (auto* child = icalcomponent_get_first_component(calendar_.get(), kind); child != nullptr;
             child = icalcomponent_get_next_component(calendar_.get(), kind)) {
            found.push_back(child);
        }
        return found;
    }

    ReadEvent read_event(icalcomponent* event, const EventLabel& label, const std::vector<icalcomponent*>& all,
                         const ExpansionWindow& window)
    {
        ReadEvent read{event, label, std::nullopt, false, false, std::nullopt, {}};
        EventReader reader(zones_, window);
        const bool is_override = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) != nullptr;
        read.is_series = !is_override && has_recurrence(event);
        try {
            const auto start = reader.start_of(event);
            read.first_day = reader.first_day(start);
            read.occurrences = read.is_series
                                   ? reader.series(event, start, overridden(event, all, reader), read.capped)
                                   : reader.single(event, start);
        } catch (const Error& error) {
            read.unreadable = error.what();
        }
        return read;
    }

    // The RECURRENCE-IDs of the overrides of a series (same UID).
    static std::vector<WrittenTime> overridden(icalcomponent* series, const std::vector<icalcomponent*>& all,
                                               EventReader& reader)
    {
        const auto uid = uid_of(series);
        std::vector<WrittenTime> ids;
        for (auto* event : all) {
            if (event != series && uid_of(event) == uid &&
                icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) != nullptr) {
                ids.push_back(reader.recurrence_id_of(event));
            }
        }
        return ids;
    }

    void add_busy_period(icalproperty* property, std::size_t line, std::vector<BusyTime>& busy,
                         std::vector<std::string>& skipped)
    {
        auto* fbtype = icalproperty_get_first_parameter(property, ICAL_FBTYPE_PARAMETER);
        if (fbtype != nullptr && icalparameter_get_fbtype(fbtype) == ICAL_FBTYPE_FREE) {
            return;  // RFC 5545 3.2.9: the person is free then
        }
        const auto period = icalproperty_get_freebusy(property);
        const auto start = written_time(property, period.start, zones_).utc();
        const auto end = icaltime_is_null_time(period.end) == 0
                             ? written_time(property, period.end, zones_).utc()
                             : start + pt::seconds(icaldurationtype_as_int(period.duration));
        if (end <= start) {
            skipped.push_back(fmt::format("{}:{}: the free/busy period from {} UTC takes no time", source_, line,
                                          pt::to_iso_extended_string(start)));
            return;
        }
        busy.push_back({TimeRange(start, end), "busy"});
    }

    std::string source_;
    ComponentHandle calendar_;
    Zones zones_;
    std::vector<ComponentText> vevents_;
    std::vector<ComponentText> vfreebusies_;
};

// Why the event is not busy time, if it is not; nullopt for a busy one.
std::optional<std::string> not_busy_reason(const CalendarFile& file, const ReadEvent& event)
{
    if (event.unreadable) {
        return fmt::format("{} is left out: {}", file.place(event), *event.unreadable);
    }
    if (is_cancelled(event.component)) {
        return fmt::format("{} is cancelled", file.place(event));
    }
    if (const auto reason = free_time_reason(event.component)) {
        return fmt::format("{} {}", file.place(event), *reason);
    }
    return std::nullopt;
}

}  // namespace

BusyCalendar read_busy_calendar(std::string_view text, std::string_view source, const ExpansionWindow& window,
                                std::string_view default_zone)
{
    CalendarFile file(text, source, time_zone(default_zone));
    BusyCalendar calendar;
    for (const auto& event : file.events(window)) {
        if (const auto reason = not_busy_reason(file, event)) {
            calendar.skipped.push_back(*reason);
            continue;
        }
        if (event.capped) {
            calendar.skipped.push_back(fmt::format("{} repeats more than {} times in the window; only the first {} "
                                                   "are read",
                                                   file.place(event), max_occurrences, max_occurrences));
        }
        bool takes_no_time = false;
        for (const auto& occurrence : event.occurrences) {
            if (occurrence.end > occurrence.start) {
                calendar.busy.push_back({TimeRange(occurrence.start, occurrence.end), event.label.summary});
            } else {
                takes_no_time = true;
            }
        }
        if (takes_no_time) {
            calendar.skipped.push_back(fmt::format("{} ends when it starts, so it takes no time", file.place(event)));
        }
    }
    auto periods = file.free_busy_periods(calendar.skipped);
    calendar.busy.insert(calendar.busy.end(), periods.begin(), periods.end());
    std::sort(calendar.busy.begin(), calendar.busy.end(), [](const BusyTime& a, const BusyTime& b) {
        using Key = std::tuple<pt::ptime, pt::ptime, const std::string&>;
        return Key(a.time.start(), a.time.end(), a.summary) < Key(b.time.start(), b.time.end(), b.summary);
    });
    return calendar;
}

std::vector<ListedDay> read_holiday_calendar(std::string_view text, std::string_view source,
                                             const ExpansionWindow& window)
{
    CalendarFile file(text, source, time_zone(default_time_zone));
    std::vector<ListedDay> days;
    for (const auto& event : file.events(window)) {
        if (event.unreadable || is_cancelled(event.component)) {
            continue;
        }
        for (const auto& occurrence : event.occurrences) {
            for (auto day = occurrence.first_day; day <= occurrence.last_day; day += greg::days(1)) {
                days.push_back({day, event.label.summary});
            }
        }
    }
    std::sort(days.begin(), days.end(), [](const ListedDay& a, const ListedDay& b) {
        return std::tie(a.date, a.name) < std::tie(b.date, b.name);
    });
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

std::optional<std::string> iana_zone_name(std::string_view tzid)
{
    // libical writes its built-in zones with this prefix, and with "Tzfile/" after it
    // for zones it read from the system's zone files.
    constexpr std::array<std::string_view, 2> prefixes{"/freeassociation.sourceforge.net/Tzfile/",
                                                       "/freeassociation.sourceforge.net/"};
    for (const auto prefix : prefixes) {
        if (tzid.substr(0, prefix.size()) == prefix) {
            tzid.remove_prefix(prefix.size());
            break;
        }
    }
    if (const auto iana = iana_name_of_windows_zone(tzid)) {
        tzid = *iana;
    }
    try {
        (void)time_zone(tzid);
    } catch (const Error&) {
        return std::nullopt;
    }
    return std::string(tzid);
}

}  // namespace planner::ical
