#include "parameters.hpp"

#include <planner/accepted_dates.hpp>
#include <planner/error.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace planner::web {

namespace greg = boost::gregorian;
namespace pt = boost::posix_time;

bool is_iso_day(std::string_view text)
{
    return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
           std::all_of(text.begin(), text.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

std::optional<pt::time_duration> clock_of(std::string_view text)
{
    const auto digits = [&](std::size_t at) {
        return at + 1 < text.size() && text[at] >= '0' && text[at] <= '9' && text[at + 1] >= '0' && text[at + 1] <= '9'
                   ? std::optional((text[at] - '0') * 10 + (text[at + 1] - '0'))
                   : std::nullopt;
    };
    const bool seconds = text.size() == 8 && text[5] == ':';
    if ((text.size() != 5 && !seconds) || text[2] != ':') {
        return std::nullopt;
    }
    const auto hours = digits(0);
    const auto minutes = digits(3);
    const auto second = seconds ? digits(6) : std::optional(0);
    if (!hours || !minutes || !second || *minutes > 59 || *second > 59 || *hours > 24 ||
        (*hours == 24 && (*minutes > 0 || *second > 0))) {
        return std::nullopt;
    }
    return pt::hours(*hours) + pt::minutes(*minutes) + pt::seconds(*second);
}

std::optional<greg::date> day_parameter(const Request& request, std::string_view name)
{
    const auto value = request.query_value(name);
    if (!value || value->empty()) {
        return std::nullopt;
    }
    try {
        if (is_iso_day(*value)) {
            const auto day = greg::from_simple_string(std::string(*value));
            if (!day.is_special() && is_accepted_year(day.year())) {
                return day;
            }
        }
    } catch (const std::exception&) {
        // named below
    }
    throw BadRequest(fmt::format("'{}' in the field '{}' is not a date like 2012-10-11 from {}", *value, name,
                                 accepted_dates_text()));
}

std::size_t number_parameter(const Request& request, std::string_view name, std::size_t fallback, std::size_t most)
{
    const auto text = request.query_value(name);
    if (!text || text->empty()) {
        return fallback;
    }
    std::size_t value = 0;
    const auto [end, problem] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (problem != std::errc{} || end != text->data() + text->size() || value > most) {
        throw BadRequest(fmt::format("'{}' in the field '{}' is not a number from 0 to {}", *text, name, most));
    }
    return value;
}

pt::ptime start_of_local_day(greg::date day)
{
    return time_zone(default_time_zone).to_utc(pt::ptime(day));
}

TimeRange days_from_to(greg::date from, greg::date to)
{
    if (to < from || (to - from).days() > 366) {
        throw BadRequest("the days from 'from' to 'to' must run forwards and span at most a year");
    }
    return {start_of_local_day(from), start_of_local_day(to + greg::days(1))};
}

void read_meeting_filters(const Request& request, db::MeetingQuery& query)
{
    if (const auto from = day_parameter(request, "from")) {
        query.from = start_of_local_day(*from);
    }
    if (const auto to = day_parameter(request, "to")) {
        query.to = start_of_local_day(*to + greg::days(1));
    }
    if (const auto county = request.query_value("county"); county && !county->empty()) {
        query.county = CountyId(std::string(*county));
    }
    if (const auto organisation = request.query_value("organisation"); organisation && !organisation->empty()) {
        query.organisation = OrganisationId(std::string(*organisation));
    }
    if (const auto status = request.query_value("status"); status && !status->empty()) {
        query.status = meeting_status_from_string(*status);
        if (!query.status) {
            throw BadRequest(fmt::format("'{}' in the field 'status' is not confirmed, tentative or cancelled", *status));
        }
    }
}

}  // namespace planner::web
