#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planner {

// A statutory public holiday (gesetzlicher Feiertag): no meeting should be put on it
// without asking, because offices and contact points are closed.
struct Holiday {
    boost::gregorian::date date;
    std::string name;  // German, as the state law and the participants call it

    friend bool operator==(const Holiday&, const Holiday&) = default;
};

// The statutory public holidays that hold in the whole of a German state in a year,
// sorted by date. `state` is an ISO 3166-2 code ("DE-BW", "DE-BY", ... all 16, upper
// case as in the meeting files); "DE" alone gives the ones that hold in every state.
// Any other code gives an empty list: the planner knows no other country's holidays.
// Days that only some municipalities keep (Fronleichnam in parts of Sachsen and
// Thüringen, Mariä Himmelfahrt in Catholic Bavarian municipalities, the Augsburg
// Friedensfest) are not listed, since a state code cannot tell them apart.
// Two holidays can fall on the same day (1 May 2008 was also Christi Himmelfahrt);
// both are listed.
// Throws planner::Error for years before 1990, where the table starts, and after 9999.
[[nodiscard]] std::vector<Holiday> public_holidays(std::string_view state, int year);

// The holiday on `day` in `state`, if any; the first by the list above when two fall
// on it. Cheap enough to call for every meeting: each (state, year) is computed once
// and shared between threads. Throws like public_holidays for years outside the table;
// a special day (not-a-date-time) has no holiday.
[[nodiscard]] std::optional<Holiday> public_holiday_on(std::string_view state, boost::gregorian::date day);

// A day off that is not a statutory holiday but that an organiser imported for a
// region (`planner holidays import`): school holidays, a neighbouring country's or
// canton's holidays around Lake Constance. `region` is an ISO 3166-2 code like the
// venue states ("DE-BW", "CH-TG", "AT-8").
struct ListedHoliday {
    std::string region;
    Holiday holiday;

    friend bool operator==(const ListedHoliday&, const ListedHoliday&) = default;
};

// The holidays of any day, for a caller that asks about very many days (a check of a
// million meetings, a year of slot candidates): each state's years are taken from the
// shared table once and then looked up without a lock. Days are numbered from
// 1970-01-01 (day 0), because making Boost dates is slow. Years before the table have
// no holidays here, so an old meeting is still checked for everything else; years
// after it throw like public_holidays. One per thread.
class HolidayLookup {
public:
    // `listed`: the imported days off, looked up by listed_on.
    explicit HolidayLookup(std::span<const ListedHoliday> listed = {});

    // The statutory holiday on that day in `state`, or null; valid as long as this lookup.
    [[nodiscard]] const Holiday* on(std::string_view state, std::int64_t day);
    // The imported day off on that day in `state`, or null (the first by name).
    [[nodiscard]] const Holiday* listed_on(std::string_view state, std::int64_t day) const;

    [[nodiscard]] static std::int64_t day_number(boost::gregorian::date date);

private:
    struct StateYears {
        std::int64_t from_day = 0;  // first day covered
        std::int64_t to_day = -1;   // last day covered
        std::vector<std::pair<std::int64_t, Holiday>> days;  // sorted
    };
    std::map<std::string, StateYears, std::less<>> states_;
    std::map<std::string, std::vector<std::pair<std::int64_t, Holiday>>, std::less<>> listed_;  // sorted
};

// Easter Sunday of the Gregorian calendar, which the movable holidays count from.
// Throws planner::Error for years before 1583 (no Gregorian Easter) and after 9999.
[[nodiscard]] boost::gregorian::date easter_sunday(int year);

}  // namespace planner
