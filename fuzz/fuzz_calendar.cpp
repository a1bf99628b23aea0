#include "fuzz_outcome.hpp"

#include <planner/ical/busy_calendar.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    namespace greg = boost::gregorian;
    const planner::ical::ExpansionWindow window{greg::date(2012, 1, 1), greg::date(2014, 12, 31)};
    const planner::ical::FloatingZoneChoice floating{};
    planner::fuzz::expect_value_or_error(
        [&] { static_cast<void>(planner::ical::read_busy_calendar(text, "fuzz.ics", window, floating)); });
    planner::fuzz::expect_value_or_error(
        [&] { static_cast<void>(planner::ical::read_holiday_calendar(text, "fuzz.ics", window, floating)); });
    return 0;
}
