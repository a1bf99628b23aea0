#pragma once

#include <planner/db/store.hpp>
#include <planner/ical/busy_calendar.hpp>
#include <planner/person.hpp>
#include <planner/regions.hpp>

#include <string>

namespace planner::services {

// A calendar to read: its text, the name its messages give (a file as the user named
// it), the source it is stored as (what a re-import of the same calendar replaces: a
// file's full path), the days to read and the zone of its floating times.
struct CalendarRequest {
    std::string text;
    std::string name;
    std::string stored_as;
    ical::ExpansionWindow window;
    ical::FloatingZoneChoice floating;
};

struct BusyTimeImport {
    Person person;
    ical::BusyCalendar calendar;  // what was read, left out and outside the window
    int replaced = 0;             // busy periods of the same source before
};

// A person's calendar export as their busy time, replacing what came from the same
// source before; one transaction. Throws NotFound for a person the store lacks.
[[nodiscard]] BusyTimeImport import_busy_time(db::Store& store, const PersonId& person, const CalendarRequest& request);

struct DaysOffImport {
    ical::HolidayCalendar calendar;
    int replaced = 0;  // days of the same source before
};

// A holiday calendar as days off in a region, replacing what came from the same
// source before; one transaction.
[[nodiscard]] DaysOffImport import_days_off(db::Store& store, const Region& region, const CalendarRequest& request);

}  // namespace planner::services
