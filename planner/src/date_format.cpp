#include <planner/date_format.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <array>

namespace planner {
namespace {

namespace pt = boost::posix_time;

constexpr std::array<std::string_view, 7> weekdays{"Sonntag", "Montag", "Dienstag", "Mittwoch",
                                                    "Donnerstag", "Freitag", "Samstag"};
constexpr std::array<std::string_view, 12> months{"Januar", "Februar", "März", "April", "Mai", "Juni",
                                                  "Juli", "August", "September", "Oktober", "November", "Dezember"};

constexpr std::array<std::string_view, 7> english_weekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                           "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> english_months{"January", "February", "March",     "April",
                                                          "May",     "June",     "July",      "August",
                                                          "September", "October", "November", "December"};

std::string german_day(boost::gregorian::date day)
{
    return fmt::format("{}, {}", weekdays.at(day.day_of_week().as_number()), format_date(Language::de, day));
}

std::string english_day(boost::gregorian::date day)
{
    return fmt::format("{}, {}", english_weekdays.at(day.day_of_week().as_number()), format_date(Language::en, day));
}

std::string clock(pt::ptime local)
{
    return format_clock(local.time_of_day());
}

}  // namespace

std::string format_date(Language language, boost::gregorian::date day)
{
    const auto month = static_cast<std::size_t>(day.month().as_number() - 1);
    if (language == Language::de) {
        return fmt::format("{}. {} {}", day.day().as_number(), months.at(month), static_cast<int>(day.year()));
    }
    return fmt::format("{} {} {}", day.day().as_number(), english_months.at(month), static_cast<int>(day.year()));
}

std::string format_german(const TimeRange& range, const TimeZone& zone)
{
    const auto start = zone.to_local(range.start());
    const auto end = zone.to_local(range.end());
    if (start.date() == end.date()) {
        return fmt::format("{}, {}\u2013{} Uhr", german_day(start.date()), clock(start), clock(end));
    }
    return fmt::format("{}, {} Uhr \u2013 {}, {} Uhr", german_day(start.date()), clock(start),
                       german_day(end.date()), clock(end));
}

std::string format_english(const TimeRange& range, const TimeZone& zone)
{
    const auto start = zone.to_local(range.start());
    const auto end = zone.to_local(range.end());
    if (start.date() == end.date()) {
        return fmt::format("{}, {}\u2013{}", english_day(start.date()), clock(start), clock(end));
    }
    return fmt::format("{}, {} \u2013 {}, {}", english_day(start.date()), clock(start), english_day(end.date()),
                       clock(end));
}

std::string format_in(Language language, const TimeRange& range, const TimeZone& zone)
{
    return language == Language::de ? format_german(range, zone) : format_english(range, zone);
}

}  // namespace planner
