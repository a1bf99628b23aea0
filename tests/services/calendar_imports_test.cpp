#include <planner/services/calendar_imports.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <planner/error.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include <string>

namespace planner::services {
namespace {

namespace greg = boost::gregorian;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

std::string calendar(const std::string& events)
{
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events + "END:VCALENDAR\r\n";
}

const std::string dentist = "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20130101T000000Z\r\nSUMMARY:Zahnarzt\r\n"
                            "DTSTART:20130312T080000Z\r\nDTEND:20130312T090000Z\r\nEND:VEVENT\r\n";

CalendarRequest request(const std::string& text)
{
    return {text, "outlook.ics", "/home/fv/outlook.ics", {greg::date(2013, 1, 1), greg::date(2013, 12, 31)}, {}};
}

TEST(ServicesTest, BusyTimeReplacesWhatTheSameSourceBroughtAndSaysHowMuch)
{
    auto store = db::Store::in_memory();
    static_cast<void>(import_meeting_file(store, immenstaad));
    const PersonId frank("frank-veser");
    const auto first = import_busy_time(store, frank, request(calendar(dentist)));
    EXPECT_EQ(first.person.id, frank);
    EXPECT_EQ(first.calendar.busy.size(), 1U);
    EXPECT_EQ(first.replaced, 0);
    const auto again = import_busy_time(store, frank, request(calendar(dentist)));
    EXPECT_EQ(again.replaced, 1);
    ASSERT_EQ(store.busy_periods().size(), 1U);
    EXPECT_EQ(store.busy_periods().front().source, "'Zahnarzt' in outlook.ics");
}

TEST(ServicesTest, BusyTimeOfSomeoneTheStoreLacksChangesNothing)
{
    auto store = db::Store::in_memory();
    static_cast<void>(import_meeting_file(store, immenstaad));
    EXPECT_THROW(static_cast<void>(import_busy_time(store, PersonId("niemand"), request(calendar(dentist)))), NotFound);
    EXPECT_TRUE(store.busy_periods().empty());
}

TEST(ServicesTest, DaysOffAreStoredForTheirRegion)
{
    auto store = db::Store::in_memory();
    const auto holiday = "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20130101T000000Z\r\nSUMMARY:Fasnet\r\n"
                         "DTSTART;VALUE=DATE:20130211\r\nDTEND;VALUE=DATE:20130213\r\nEND:VEVENT\r\n";
    const auto imported = import_days_off(store, *known_region("DE-BW"), request(calendar(holiday)));
    EXPECT_EQ(imported.calendar.days.size(), 2U);
    ASSERT_EQ(store.listed_holidays().size(), 2U);
    EXPECT_EQ(store.listed_holidays().front().region, "DE-BW");
}

}  // namespace
}  // namespace planner::services
