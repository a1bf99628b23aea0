// Other calendars as the planner's input: people's own calendars as busy time, and
// extra days off for a region.

#include "command_support.hpp"
#include "commands.hpp"
#include "json_output.hpp"

#include <planner/cli/run.hpp>
#include <planner/db/store.hpp>
#include <planner/error.hpp>
#include <planner/ical/busy_calendar.hpp>
#include <planner/regions.hpp>
#include <planner/shown_text.hpp>
#include <planner/services/calendar_imports.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <span>

namespace planner::cli {
namespace {

namespace greg = boost::gregorian;
namespace pt = boost::posix_time;

// Events are read from a year back to two years ahead unless the options say
// otherwise: what a check or a slot search of the coming months needs.
ical::ExpansionWindow window_of(const CalendarImportOptions& options)
{
    const auto today = greg::day_clock::universal_day();
    ical::ExpansionWindow window{options.from ? date_of(*options.from, "--from") : today - greg::years(1),
                                 options.to ? date_of(*options.to, "--to") : today + greg::years(2)};
    if (window.last < window.first) {
        throw Error(fmt::format("--to {} is before --from {}", greg::to_iso_extended_string(window.last),
                                greg::to_iso_extended_string(window.first)));
    }
    return window;
}

ical::FloatingZoneChoice floating_zone_choice(const CalendarImportOptions& options)
{
    if (options.time_zone) {
        require_time_zone(*options.time_zone, "--timezone");
    }
    return {options.time_zone, std::string(default_time_zone)};
}

// Re-importing "the same file" must work from another directory too.
std::string source_name(const std::filesystem::path& file)
{
    std::error_code error;
    const auto canonical = std::filesystem::weakly_canonical(file, error);
    return error ? file.string() : canonical.string();
}

std::string day(greg::date date)
{
    return greg::to_iso_extended_string(date);
}

std::string plural(std::size_t count, std::string_view one, std::string_view more)
{
    return fmt::format("{} {}", count, count == 1 ? one : more);
}

// "Europe/Zurich (the file's X-WR-TIMEZONE)"
std::string zone_text(const ical::FloatingZone& zone)
{
    using Source = ical::FloatingZone::Source;
    switch (zone.source) {
    case Source::given:
        return zone.calendar_names.empty()
                   ? fmt::format("{} (--timezone)", zone.name)
                   : fmt::format("{} (--timezone; the file's X-WR-TIMEZONE says {})", zone.name, zone.calendar_names);
    case Source::calendar: return fmt::format("{} (the file's X-WR-TIMEZONE)", zone.name);
    case Source::fallback: break;
    }
    return zone.calendar_names.empty()
               ? fmt::format("{} (the default; --timezone chooses another)", zone.name)
               : fmt::format("{} (the default, as the file's X-WR-TIMEZONE '{}' is no zone the planner knows)",
                             zone.name, zone.calendar_names);
}

// What chose the zone, in --json.
std::string_view chosen_by(ical::FloatingZone::Source source)
{
    using Source = ical::FloatingZone::Source;
    switch (source) {
    case Source::given: return "--timezone";
    case Source::calendar: return "X-WR-TIMEZONE";
    case Source::fallback: break;
    }
    return "default";
}

// "14 occurrences lie outside the window and were not imported; --from 2012-03-05
// would include them"
std::string outside_text(const ical::OutsideWindow& outside, const ical::ExpansionWindow& window)
{
    std::string text = fmt::format("{}{} outside the window {} to {} {} not imported", outside.more ? "more than " : "",
                                   plural(outside.occurrences, "occurrence lies", "occurrences lie"),
                                   day(window.first), day(window.last),
                                   outside.occurrences == 1 && !outside.more ? "and was" : "and were");
    if (outside.endless > 0) {
        text += fmt::format(", and {} on without end", plural(outside.endless, "series goes", "series go"));
    }
    std::string options;
    if (outside.first) {
        options += fmt::format("--from {}", day(*outside.first));
    }
    if (outside.last) {
        options += fmt::format("{}--to {}", options.empty() ? "" : " ", day(*outside.last));
    }
    if (!options.empty()) {
        text += fmt::format("; {} would include {}", options,
                            outside.endless > 0 ? "all but those without end" : "them");
    }
    return text;
}

Json window_json(const ical::ExpansionWindow& window)
{
    return {{"from", day(window.first)}, {"to", day(window.last)}};
}

// One zone a VCALENDAR, each once: a stream of calendars may choose differently.
Json zones_json(std::span<const ical::FloatingZone> zones)
{
    Json list = Json::array();
    for (const auto& zone : zones) {
        list.push_back({{"name", zone.name},
                        {"chosen_by", chosen_by(zone.source)},
                        {"x_wr_timezone", zone.calendar_names.empty() ? Json(nullptr) : Json(zone.calendar_names)}});
    }
    return list;
}

Json outside_json(const ical::OutsideWindow& outside)
{
    const auto optional_day = [](const std::optional<greg::date>& date) {
        return date ? Json(day(*date)) : Json(nullptr);
    };
    return {{"occurrences", outside.occurrences},
            {"more", outside.more},
            {"first", optional_day(outside.first)},
            {"last", optional_day(outside.last)},
            {"endless", outside.endless}};
}

// What a reader left out, the zones it used and what lay outside the window, in text.
void print_reading(std::ostream& out, std::span<const std::string> left_out,
                   std::span<const ical::FloatingZone> zones, const ical::OutsideWindow& outside,
                   const ical::ExpansionWindow& window)
{
    for (const auto& zone : zones) {
        fmt::print(out, "  times without a zone read in {}\n", one_line_text(zone_text(zone)));
    }
    for (const auto& reason : left_out) {
        fmt::print(out, "  {}\n", one_line_text(reason));  // it says what was left out
    }
    if (outside.occurrences > 0 || outside.endless > 0) {
        fmt::print(out, "  {}\n", outside_text(outside, window));
    }
}

std::string replacing(int replaced)
{
    return replaced > 0 ? fmt::format(", replacing the {} from the same file", replaced) : "";
}

// The codes accepted, a line per country.
std::string region_list()
{
    std::string text;
    std::string_view country;
    for (const auto& region : known_regions()) {
        if (region.country != country) {
            country = region.country;
            text += fmt::format("\n  {}: {}", country, region.code);
        } else {
            text += fmt::format(", {}", region.code);
        }
    }
    return text;
}

const Region& region_named(const std::string& code)
{
    if (const auto* region = known_region(code)) {
        return *region;
    }
    const auto* german = code.find('-') == std::string::npos ? known_region("DE-" + code) : nullptr;
    throw Error(fmt::format("region '{}' is not an ISO 3166-2 code the planner knows{}; expected a German state or "
                            "a region of a neighbour:{}",
                            code, german != nullptr ? fmt::format(" (did you mean {}?)", german->code) : "",
                            region_list()));
}

}  // namespace

int import_busy(const GlobalOptions& global, const std::string& person, const CalendarImportOptions& options,
                OutputFormat format, std::ostream& out)
{
    const auto window = window_of(options);
    const auto floating = floating_zone_choice(options);
    auto store = open_existing(global);
    const auto imported = services::import_busy_time(
        store, PersonId(person),
        {read_input_file(options.file, "a calendar export (.ics)", "calendars"), options.file, source_name(options.file), window,
         floating});
    const auto& calendar = imported.calendar;
    if (format == OutputFormat::json) {
        Json busy = Json::array();
        for (const auto& period : calendar.busy) {
            busy.push_back({{"start", pt::to_iso_extended_string(period.time.start()) + "Z"},
                            {"end", pt::to_iso_extended_string(period.time.end()) + "Z"},
                            {"summary", period.summary}});
        }
        const Json report{{"person", imported.person.id.str()},      {"file", options.file},
                          {"window", window_json(window)}, {"zones", zones_json(calendar.zones)},
                          {"busy", busy},                  {"not_busy", calendar.not_busy},
                          {"left_out", calendar.left_out}, {"outside_window", outside_json(calendar.outside)},
                          {"replaced", imported.replaced}};
        print_json(out, report);
        return exit_success;
    }
    fmt::print(out, "imported {} of {} from {}{}\n", plural(calendar.busy.size(), "busy period", "busy periods"),
               one_line_text(imported.person.name), options.file, replacing(imported.replaced));
    for (const auto& reason : calendar.not_busy) {
        fmt::print(out, "  not busy: {}\n", one_line_text(reason));
    }
    print_reading(out, calendar.left_out, calendar.zones, calendar.outside, window);
    return exit_success;
}

int import_holidays(const GlobalOptions& global, const std::string& code, const CalendarImportOptions& options,
                    OutputFormat format, std::ostream& out)
{
    const auto& region = region_named(code);
    const auto window = window_of(options);
    const auto floating = floating_zone_choice(options);
    auto store = open_existing(global);
    const auto imported = services::import_days_off(
        store, region,
        {read_input_file(options.file, "a holiday calendar (.ics)", "calendars"), options.file, source_name(options.file), window,
         floating});
    const auto& calendar = imported.calendar;
    const auto& days_off = calendar.days;
    if (format == OutputFormat::json) {
        Json days = Json::array();
        for (const auto& listed : days_off) {
            days.push_back({{"date", day(listed.date)}, {"name", listed.name}});
        }
        const Json report{{"region", std::string(region.code)},          {"file", options.file},
                          {"window", window_json(window)},   {"zones", zones_json(calendar.zones)},
                          {"days", days},                    {"left_out", calendar.left_out},
                          {"outside_window", outside_json(calendar.outside)},
                          {"days_outside_window", calendar.days_outside},
                          {"replaced", imported.replaced}};
        print_json(out, report);
        return exit_success;
    }
    fmt::print(out, "imported {} off for {} ({}) from {}{}\n", plural(days_off.size(), "day", "days"), region.code,
               region.name, options.file, replacing(imported.replaced));
    if (!days_off.empty()) {
        fmt::print(out, "  from {} ({}) to {} ({})\n", day(days_off.front().date), one_line_text(days_off.front().name),
                   day(days_off.back().date), one_line_text(days_off.back().name));
    }
    if (calendar.days_outside > 0) {
        fmt::print(out, "  {} of events in the window {} outside it ({} to {}) and {} not imported\n",
                   plural(calendar.days_outside, "day", "days"), calendar.days_outside == 1 ? "lies" : "lie",
                   day(window.first), day(window.last), calendar.days_outside == 1 ? "was" : "were");
    }
    print_reading(out, calendar.left_out, calendar.zones, calendar.outside, window);
    return exit_success;
}

}  // namespace planner::cli
