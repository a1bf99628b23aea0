#include <planner/ical/busy_calendar.hpp>

#include "calendar_parser.hpp"
#include "handles.hpp"
#include "imported_zone.hpp"
#include "rule_walk.hpp"
#include "vtimezone.hpp"
#include "windows_zones.hpp"

#include <planner/error.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <tuple>
#include <utility>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

std::string upper(std::string_view text)
{
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return result;
}

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

// The value begins after the first colon that is not inside a quoted parameter value
// (Outlook's TZID="(UTC+01:00) Amsterdam, ..." holds one).
TextProperty text_property(std::size_t line, const std::string& content)
{
    bool quoted = false;
    std::size_t colon = 0;
    while (colon < content.size() && (quoted || content[colon] != ':')) {
        quoted = content[colon] == '"' ? !quoted : quoted;
        ++colon;
    }
    const auto name_end = std::min(content.find(';'), colon);
    return {line, colon + 2, upper(content.substr(0, name_end)),
            colon < content.size() ? content.substr(colon + 1) : std::string()};
}

// The components of kind `kind` directly inside the VCALENDAR, in file order. The
// text has passed parse_calendar, so BEGIN and END nest.
std::vector<ComponentText> components_in_text(std::string_view text, std::string_view kind)
{
    std::vector<std::pair<std::size_t, std::string>> lines;  // unfolded, with their first line
    std::size_t line_number = 0;
    for (std::size_t begin = 0; begin < text.size();) {
        const auto end = std::min(text.find('\n', begin), text.size());
        auto physical = text.substr(begin, end - begin);
        if (!physical.empty() && physical.back() == '\r') {
            physical.remove_suffix(1);
        }
        ++line_number;
        if (!physical.empty() && (physical.front() == ' ' || physical.front() == '\t') && !lines.empty()) {
            lines.back().second += physical.substr(1);
        } else {
            lines.emplace_back(line_number, std::string(physical));
        }
        begin = end + 1;
    }
    std::vector<ComponentText> found;
    const auto begin_kind = "BEGIN:" + upper(kind);
    int depth = 0;
    bool inside = false;  // a component of that kind, at depth 2
    for (const auto& [line, content] : lines) {
        const auto property = text_property(line, content);
        if (property.name == "BEGIN") {
            ++depth;
            if (depth == 2) {
                inside = upper(content) == begin_kind;
                if (inside) {
                    found.push_back({line, {}});
                }
            }
        } else if (property.name == "END") {
            --depth;
        } else if (inside && depth == 2) {
            found.back().properties.push_back(property);
        }
    }
    return found;
}

// ---------------------------------------------------------------------------------
// Zones

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

// The zones of one calendar file: its TZIDs, UTC, and the zone of its floating times
// and dates.
class Zones {
public:
    Zones(icalcomponent* calendar, const TimeZone& calendar_zone)
        : calendar_(calendar),
          calendar_zone_(calendar_zone, icaltimezone_get_builtin_timezone(calendar_zone.name().c_str()))
    {
    }

    [[nodiscard]] const ImportedZone& utc() const noexcept { return utc_; }
    [[nodiscard]] const ImportedZone& calendar_zone() const noexcept { return calendar_zone_; }

    // The zone a TZID names: an IANA or Windows name, with the file's VTIMEZONE (else
    // libical's built-in zone) for times before the planner's rule; failing that, the
    // file's VTIMEZONE alone. Throws planner::Error for a TZID that is none of these.
    const ImportedZone& named(const std::string& tzid)
    {
        if (const auto found = named_.find(tzid); found != named_.end()) {
            return found->second;
        }
        auto* vtimezone = icalcomponent_get_timezone(calendar_, tzid.c_str());
        if (const auto iana = iana_zone_name(tzid)) {
            auto* history = vtimezone != nullptr ? vtimezone : icaltimezone_get_builtin_timezone(iana->c_str());
            return named_.try_emplace(tzid, time_zone(*iana), history).first->second;
        }
        if (vtimezone != nullptr) {
            return named_.try_emplace(tzid, tzid, vtimezone).first->second;
        }
        throw Error(fmt::format("its time zone '{}' is neither an IANA nor a Windows zone name, and the file has no "
                                "VTIMEZONE for it",
                                tzid));
    }

private:
    icalcomponent* calendar_;
    ImportedZone utc_;
    ImportedZone calendar_zone_;
    std::map<std::string, ImportedZone, std::less<>> named_;  // nodes stay put: callers keep references
};

// ---------------------------------------------------------------------------------
// Times as written

// A DATE or DATE-TIME value and the zone it is in: UTC for 'Z', the calendar's zone
// for floating times and for dates (all-day events begin at local midnight).
struct WrittenTime {
    pt::ptime local;  // midnight for a date
    bool is_date = false;
    const ImportedZone* zone = nullptr;

    [[nodiscard]] pt::ptime utc() const { return zone->to_utc(local); }
};

WrittenTime written_time(icalproperty* property, const icaltimetype& value, Zones& zones)
{
    const auto local = from_icaltime(value);
    if (value.is_date != 0) {
        return {local, true, &zones.calendar_zone()};
    }
    if (icaltime_is_utc(value) != 0) {
        return {local, false, &zones.utc()};
    }
    if (auto* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER); tzid != nullptr) {
        return {local, false, &zones.named(icalparameter_get_tzid(tzid))};
    }
    return {local, false, &zones.calendar_zone()};
}

// How long each occurrence lasts: whole days counted on the wall clock (an all-day
// event, DURATION:P1D), then exact time.
struct Length {
    int days = 0;
    pt::time_duration exact;
};

// One occurrence of an event.
struct Occurrence {
    pt::ptime local_start;  // as the rule gives it, in the event's zone
    pt::ptime start;        // UTC
    pt::ptime end;          // UTC; equal to start for an event that takes no time
    greg::date first_day;   // local days it covers, both inclusive
    greg::date last_day;
};

// `days_zone`, when not null, is where the days it covers are counted: for a UTC time,
// the calendar's zone, since nobody's day runs from midnight UTC.
Occurrence occurrence_at(pt::ptime local_start, const Length& length, const ImportedZone& zone,
                         const ImportedZone* days_zone)
{
    const auto local_end = local_start + greg::days(length.days);
    const auto start = zone.to_utc(local_start);
    const auto end = (length.days == 0 ? start : zone.to_utc(local_end)) + length.exact;
    if (days_zone != nullptr) {
        const auto first = days_zone->to_local(start);
        const auto last = end > start ? days_zone->to_local(end) - pt::microseconds(1) : first;
        return {local_start, start, end, first.date(), last.date()};
    }
    const auto nominal_end = local_end + length.exact;
    const auto last_day = nominal_end > local_start ? (nominal_end - pt::microseconds(1)).date() : local_start.date();
    return {local_start, start, end, local_start.date(), last_day};
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
        const auto written = std::count_if(text.properties.begin(), text.properties.end(),
                                           [name = name](const TextProperty& p) { return p.name == name; });
        if (icalcomponent_count_properties(component, kind) < static_cast<int>(written)) {
            const auto property = std::find_if(text.properties.begin(), text.properties.end(),
                                               [name = name](const TextProperty& p) { return p.name == name; });
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

template <class Read>
void for_each_property(icalcomponent* component, icalproperty_kind kind, Read read)
{
    for (auto* property = icalcomponent_get_first_property(component, kind); property != nullptr;
         property = icalcomponent_get_next_property(component, kind)) {
        read(property);
    }
}

// Whether the occurrence that starts at `local_start` in `zone` is the one `time`
// (an EXDATE or RECURRENCE-ID) names: a date names the occurrences of that day.
bool names_occurrence(const WrittenTime& time, pt::ptime local_start, const ImportedZone& zone)
{
    if (time.is_date) {
        return local_start.date() == time.local.date();
    }
    return zone.to_utc(local_start) == time.utc();
}

// An event's times and its recurrence set, read over an expansion window.
class EventReader {
public:
    EventReader(Zones& zones, const ExpansionWindow& window) : zones_(zones), window_(window) {}

    // The occurrences of a single event or of an override; all of them, since they
    // are finite.
    std::vector<Occurrence> single(icalcomponent* event)
    {
        const auto start = start_of(event);
        return {occurrence_at(start.local, length_of(event, start), *start.zone, days_zone(start))};
    }

    // The occurrences of a series that begin or last into the window, leaving out
    // those its EXDATEs and `overridden` (RECURRENCE-IDs of its overrides) name.
    // `capped` is set when the rules gave more than max_occurrences.
    std::vector<Occurrence> series(icalcomponent* event, const std::vector<WrittenTime>& overridden, bool& capped)
    {
        const auto start = start_of(event);
        const auto length = length_of(event, start);
        std::vector<pt::ptime> starts{start.local};
        for_each_property(event, ICAL_RRULE_PROPERTY, [&](icalproperty* rrule) {
            add_rule_starts(icalproperty_get_rrule(rrule), start, length, starts, capped);
        });
        for_each_property(event, ICAL_RDATE_PROPERTY, [&](icalproperty* rdate) {
            const auto value = icalproperty_get_rdate(rdate);
            const auto written = icaltime_is_null_time(value.time) != 0 ? value.period.start : value.time;
            const auto time = written_time(rdate, written, zones_);
            starts.push_back(time.zone == start.zone || time.is_date ? time.local : start.zone->to_local(time.utc()));
        });
        std::vector<WrittenTime> excluded = overridden;
        for_each_property(event, ICAL_EXDATE_PROPERTY, [&](icalproperty* exdate) {
            excluded.push_back(written_time(exdate, icalproperty_get_exdate(exdate), zones_));
        });
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        std::vector<Occurrence> occurrences;
        for (const auto& local_start : starts) {
            const bool is_excluded = std::any_of(excluded.begin(), excluded.end(), [&](const WrittenTime& time) {
                return names_occurrence(time, local_start, *start.zone);
            });
            const auto occurrence = occurrence_at(local_start, length, *start.zone, days_zone(start));
            if (!is_excluded && in_window(occurrence)) {
                occurrences.push_back(occurrence);
            }
        }
        return occurrences;
    }

    WrittenTime start_of(icalcomponent* event)
    {
        auto* dtstart = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
        if (dtstart == nullptr) {
            throw Error("it has no start (DTSTART)");
        }
        return written_time(dtstart, icalproperty_get_dtstart(dtstart), zones_);
    }

    // The local day an event starts on, for messages.
    [[nodiscard]] greg::date first_day(const WrittenTime& start) const
    {
        const auto* zone = days_zone(start);
        return zone != nullptr ? zone->to_local(start.utc()).date() : start.local.date();
    }

    WrittenTime recurrence_id_of(icalcomponent* event)
    {
        auto* property = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY);
        return written_time(property, icalproperty_get_recurrenceid(property), zones_);
    }

private:
    // RFC 5545 3.6.1: DTEND, else DURATION, else one day for a date and no time at
    // all for a date-time. A DTEND is an exact length, which every occurrence keeps.
    Length length_of(icalcomponent* event, const WrittenTime& start)
    {
        if (auto* dtend = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY); dtend != nullptr) {
            const auto end = written_time(dtend, icalproperty_get_dtend(dtend), zones_);
            if (start.is_date && end.is_date) {
                return {static_cast<int>((end.local.date() - start.local.date()).days()), {}};
            }
            return {0, end.utc() - start.utc()};
        }
        if (auto* duration = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY); duration != nullptr) {
            const auto value = icalproperty_get_duration(duration);
            const int sign = value.is_neg != 0 ? -1 : 1;
            return {sign * static_cast<int>(value.weeks * 7 + value.days),
                    (pt::hours(value.hours) + pt::minutes(value.minutes) + pt::seconds(value.seconds)) * sign};
        }
        return {start.is_date ? 1 : 0, {}};
    }

    [[nodiscard]] const ImportedZone* days_zone(const WrittenTime& start) const
    {
        return start.zone == &zones_.utc() ? &zones_.calendar_zone() : nullptr;
    }

    [[nodiscard]] pt::ptime window_begin() const { return pt::ptime(window_.first); }
    [[nodiscard]] pt::ptime window_end() const { return pt::ptime(window_.last + greg::days(1)); }

    [[nodiscard]] bool in_window(const Occurrence& occurrence) const
    {
        return occurrence.first_day <= window_.last && occurrence.last_day >= window_.first;
    }

    // The starts an RRULE gives up to the window's end (see walk_rule), UNTIL compared
    // in the event's zone.
    void add_rule_starts(const icalrecurrencetype& rule, const WrittenTime& start, const Length& length,
                         std::vector<pt::ptime>& starts, bool& capped)
    {
        if (rule.freq == ICAL_NO_RECURRENCE) {
            throw Error("libical cannot read its recurrence rule (RRULE)");
        }
        // Jump close to the window, so that a weekly meeting held since 2005 does not
        // use up the cap before it.
        const auto earliest = window_begin() - greg::days(length.days + 1) - length.exact;
        std::size_t taken = 0;
        std::size_t steps = 0;
        const bool expanded = walk_rule(rule, start.local, start.is_date, earliest, [&](pt::ptime local) {
            if (++steps > 100 * max_occurrences || taken == max_occurrences) {
                capped = local < window_end() && before_until(local, rule.until, *start.zone);
                return Walk::stop;
            }
            if (local >= window_end() || !before_until(local, rule.until, *start.zone)) {
                return Walk::stop;
            }
            if (local >= earliest) {
                starts.push_back(local);
                ++taken;
            }
            return Walk::on;
        });
        if (!expanded) {
            throw Error("libical cannot expand its recurrence rule (RRULE)");
        }
    }

    static bool before_until(pt::ptime local, const icaltimetype& until, const ImportedZone& zone)
    {
        if (icaltime_is_null_time(until) != 0) {
            return true;
        }
        if (until.is_date != 0) {
            return local.date() <= from_icaltime(until).date();
        }
        if (icaltime_is_utc(until) != 0) {
            return zone.to_utc(local) <= from_icaltime(until);
        }
        return local <= from_icaltime(until);
    }

    Zones& zones_;
    ExpansionWindow window_;
};

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
        : source_(source), calendar_(parse_calendar(text, source)),
          zones_(calendar_.get(), calendar_zone(calendar_.get(), fallback_zone)),
          vevents_(components_in_text(text, "VEVENT")), vfreebusies_(components_in_text(text, "VFREEBUSY"))
    {
    }

    [[nodiscard]] const std::string& source() const noexcept { return source_; }

    // Every VEVENT, series expanded over the window with their overrides left out:
    // an override is read as an event of its own.
    std::vector<ReadEvent> events(const ExpansionWindow& window)
    {
        const auto components = children(ICAL_VEVENT_COMPONENT);
        std::vector<ReadEvent> events;
        for (std::size_t k = 0; k < components.size(); ++k) {
            auto* event = components[k];
            const EventLabel label{summary_of(event), k < vevents_.size() ? vevents_[k].line : 0};
            if (k < vevents_.size()) {
                require_readable(event, vevents_[k], fmt::format("'{}'", label.summary), source_);
            }
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
            const auto line = k < vfreebusies_.size() ? vfreebusies_[k].line : 0;
            if (k < vfreebusies_.size()) {
                require_readable(components[k], vfreebusies_[k], "the VFREEBUSY", source_);
            }
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
            read.occurrences = read.is_series ? reader.series(event, overridden(event, all, reader), read.capped)
                                              : reader.single(event);
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
