// Other calendars as the planner's input: people's own calendars as busy time, and
// extra days off for a region.

#include "command_support.hpp"
#include "commands.hpp"

#include <planner/cli/run.hpp>
#include <planner/db/store.hpp>
#include <planner/error.hpp>
#include <planner/ical/busy_calendar.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cctype>

namespace planner::cli {
namespace {

namespace greg = boost::gregorian;

// Recurring events are expanded from a year back to two years ahead unless the
// options say otherwise: what a check or a slot search of the coming months needs.
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

// Re-importing "the same file" must work from another directory too.
std::string source_name(const std::filesystem::path& file)
{
    std::error_code error;
    const auto canonical = std::filesystem::weakly_canonical(file, error);
    return error ? file.string() : canonical.string();
}

// "DE-BW", "CH-TG", "AT-8": ISO 3166-2, as the venue states are written.
bool is_region_code(const std::string& code)
{
    const auto dash = code.find('-');
    const auto country = code.substr(0, dash);
    const bool country_ok = country.size() == 2 && std::all_of(country.begin(), country.end(), [](unsigned char c) {
                                return std::isupper(c) != 0;
                            });
    if (dash == std::string::npos) {
        return country_ok;
    }
    const auto part = code.substr(dash + 1);
    return country_ok && !part.empty() && part.size() <= 3 && std::all_of(part.begin(), part.end(), [](unsigned char c) {
               return std::isupper(c) != 0 || std::isdigit(c) != 0;
           });
}

}  // namespace

int import_busy(const GlobalOptions& global, const std::string& person, const CalendarImportOptions& options,
                std::ostream& out)
{
    const auto window = window_of(options);
    require_time_zone(options.time_zone, "--timezone");
    auto store = open_existing(global);
    const auto directory = store.load();
    const auto* who = directory.find(PersonId(person));
    if (who == nullptr) {
        throw NotFound(fmt::format("unknown person '{}'; busy time is imported for a person of the store", person));
    }
    const auto text = read_input_file(options.file, "a calendar export (.ics)");
    const auto calendar = ical::read_busy_calendar(text, options.file, window, options.time_zone);
    std::vector<BusyPeriod> periods;
    for (const auto& busy : calendar.busy) {
        periods.push_back({who->id, busy.time, busy.summary});
    }
    const int replaced = store.replace_busy_periods(who->id, source_name(options.file), periods);
    fmt::print(out, "imported {} busy period{} of {} from {}", periods.size(), periods.size() == 1 ? "" : "s",
               who->name, options.file);
    fmt::print(out, "{}\n", replaced > 0 ? fmt::format(", replacing the {} from the same file", replaced) : "");
    for (const auto& reason : calendar.skipped) {
        fmt::print(out, "  not busy: {}\n", reason);
    }
    return exit_success;
}

int import_holidays(const GlobalOptions& global, const std::string& region, const CalendarImportOptions& options,
                    std::ostream& out)
{
    if (!is_region_code(region)) {
        throw Error(fmt::format("region '{}' is not an ISO 3166-2 code; expected e.g. DE-BW, CH-TG or AT-8", region));
    }
    const auto window = window_of(options);
    auto store = open_existing(global);
    const auto text = read_input_file(options.file, "a holiday calendar (.ics)");
    const auto days = ical::read_holiday_calendar(text, options.file, window);
    std::vector<Holiday> holidays;
    for (const auto& day : days) {
        holidays.push_back({day.date, day.name});
    }
    const int replaced = store.replace_listed_holidays(region, source_name(options.file), holidays);
    fmt::print(out, "imported {} day{} off for {} from {}", holidays.size(), holidays.size() == 1 ? "" : "s", region,
               options.file);
    fmt::print(out, "{}\n", replaced > 0 ? fmt::format(", replacing the {} from the same file", replaced) : "");
    if (!holidays.empty()) {
        fmt::print(out, "  from {} ({}) to {} ({})\n", greg::to_iso_extended_string(holidays.front().date),
                   holidays.front().name, greg::to_iso_extended_string(holidays.back().date), holidays.back().name);
    }
    return exit_success;
}

}  // namespace planner::cli
