#include <planner/services/calendar_imports.hpp>

#include <planner/error.hpp>

#include <fmt/format.h>

namespace planner::services {

BusyTimeImport import_busy_time(db::Store& store, const PersonId& person, const CalendarRequest& request)
{
    const auto who = store.person(person);
    if (!who) {
        throw NotFound(
            fmt::format("unknown person '{}'; busy time is imported for a person of the store", person.str()));
    }
    BusyTimeImport result{*who, ical::read_busy_calendar(request.text, request.name, request.window, request.floating),
                          0};
    std::vector<BusyPeriod> periods;
    for (const auto& busy : result.calendar.busy) {
        periods.push_back({who->id, busy.time, busy.summary});
    }
    result.replaced = store.replace_busy_periods(who->id, request.stored_as, periods);
    return result;
}

DaysOffImport import_days_off(db::Store& store, const Region& region, const CalendarRequest& request)
{
    DaysOffImport result{ical::read_holiday_calendar(request.text, request.name, request.window, request.floating),
                         0};
    std::vector<Holiday> days;
    for (const auto& listed : result.calendar.days) {
        days.push_back({listed.date, listed.name});
    }
    result.replaced = store.replace_listed_holidays(std::string(region.code), request.stored_as, days);
    return result;
}

}  // namespace planner::services
