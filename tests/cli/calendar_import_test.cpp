// People's own calendars as busy time and imported days off, with the real
// `planner` binary: what `busy import` and `holidays import` store, and that `check`
// and `find-slot` respect it.

#include "run_planner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace planner::testing {
namespace {

using nlohmann::json;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string fixtures = std::string(PLANNER_SOURCE_DIR) + "/tests/ical/fixtures/busy/";

// Knut Immeke's Outlook export: the Kreistag overlaps the tentative project meeting
// of 16 April 2013 (10:00-13:00); the lunch marked free does not count.
std::string knuts_calendar(const std::string& kreistag_start)
{
    return "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\n"
           "METHOD:PUBLISH\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\n"
           "DTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZOFFSETFROM:+0200\r\n"
           "TZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\n"
           "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n"
           "END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:kreistag-2013-04@lra-rv\r\nSUMMARY:Kreistag\r\n"
           "DTSTART;TZID=W. Europe Standard Time:" +
           kreistag_start +
           "\r\nDTEND;TZID=W. Europe Standard Time:20130416T150000\r\nDTSTAMP:20130301T080000Z\r\n"
           "X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:mittag@lra-rv\r\n"
           "SUMMARY:Mittagspause\r\nDTSTART;TZID=W. Europe Standard Time:20130416T120000\r\n"
           "DTEND;TZID=W. Europe Standard Time:20130416T130000\r\nDTSTAMP:20130301T080000Z\r\nTRANSP:TRANSPARENT\r\n"
           "X-MICROSOFT-CDO-BUSYSTATUS:FREE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

// One all-day day off on the day of the Immenstaad meeting.
const std::string day_off = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Landratsamt//Ferien//DE\r\n"
                            "BEGIN:VEVENT\r\nUID:ausflug-2012@lra-fn\r\nDTSTAMP:20120101T000000Z\r\n"
                            "DTSTART;VALUE=DATE:20121011\r\nDTEND;VALUE=DATE:20121012\r\n"
                            "SUMMARY:Betriebsausflug\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

class CalendarImportTest : public ::testing::Test {
protected:
    CalendarImportTest()
    {
        const auto result = planner({"import", immenstaad});
        EXPECT_EQ(result.exit_code, 0) << result.err;
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", store()});
        return run_planner(args);
    }

    // The messages of the check's conflicts of one kind.
    std::vector<std::string> conflicts(const std::string& kind, const std::string& meeting)
    {
        const auto result = planner({"check", meeting, "--json"});
        EXPECT_NE(result.exit_code, 1) << result.err;
        std::vector<std::string> messages;
        const auto report = json::parse(result.out);
        for (const auto& conflict : report["conflicts"]) {
            if (conflict["kind"] == kind) {
                messages.push_back(conflict["message"].get<std::string>());
            }
        }
        return messages;
    }

    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
};

TEST_F(CalendarImportTest, BusyTimeFromAnOutlookExportIsSeenByTheCheck)
{
    write_file(dir / "knut.ics", knuts_calendar("20130416T090000"));
    const auto result = planner({"busy", "import", "knut-immeke", (dir / "knut.ics").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("imported 1 busy period of Knut Immeke from"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("not busy:"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("'Mittagspause'"), std::string::npos) << result.out;

    // 09:00-15:00 in Outlook's "W. Europe Standard Time" is 07:00-13:00 UTC, and so
    // overlaps the whole meeting.
    EXPECT_EQ(conflicts("person-busy", "projekt-2013"),
              std::vector<std::string>{"Knut Immeke is busy during 'Auftakttreffen landkreisübergreifendes Projekt "
                                       "der Selbsthilfegruppen' ('Kreistag' in knut.ics), 2013-04-16 "
                                       "10:00\u201313:00"});
}

TEST_F(CalendarImportTest, ImportingTheSameFileAgainReplacesWhatCameFromIt)
{
    write_file(dir / "knut.ics", knuts_calendar("20130416T090000"));
    ASSERT_EQ(planner({"busy", "import", "knut-immeke", (dir / "knut.ics").string()}).exit_code, 0);
    // The Kreistag now begins after the meeting has ended.
    write_file(dir / "knut.ics", knuts_calendar("20130416T130000"));
    const auto again = planner({"busy", "import", "knut-immeke", (dir / "knut.ics").string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("replacing the 1 from the same file"), std::string::npos) << again.out;
    EXPECT_TRUE(conflicts("person-busy", "projekt-2013").empty());
}

TEST_F(CalendarImportTest, FindSlotAvoidsImportedBusyTime)
{
    write_file(dir / "knut.ics", knuts_calendar("20130416T090000"));
    ASSERT_EQ(planner({"busy", "import", "knut-immeke", (dir / "knut.ics").string()}).exit_code, 0);
    const auto result = planner({"find-slot", "--required", "knut-immeke", "--duration", "2h", "--from", "2013-04-16",
                                 "--to", "2013-04-16", "--venue", "lra-ravensburg-sitzung", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto slots = json::parse(result.out)["slots"];
    ASSERT_FALSE(slots.empty());
    // Busy until 15:00, two hours to 17:00.
    EXPECT_EQ(slots[0]["start"], "2013-04-16T15:00:00+02:00");
}

TEST_F(CalendarImportTest, BadCalendarFilesChangeNothing)
{
    const auto before = dump_store(store());
    write_file(dir / "cut.ics", knuts_calendar("20130416T090000").substr(0, 700));
    const auto cut = planner({"busy", "import", "knut-immeke", (dir / "cut.ics").string()});
    EXPECT_EQ(cut.exit_code, 1);
    EXPECT_NE(cut.err.find("cut.ics:"), std::string::npos) << cut.err;
    EXPECT_NE(cut.err.find("is it cut off?"), std::string::npos) << cut.err;

    write_file(dir / "knut.ics", knuts_calendar("20130416T090000"));
    const auto nobody = planner({"busy", "import", "kurt-niemand", (dir / "knut.ics").string()});
    EXPECT_EQ(nobody.exit_code, 1);
    EXPECT_EQ(nobody.err, "planner: error: unknown person 'kurt-niemand'; busy time is imported for a person of the "
                          "store\n");
    const auto region = planner({"holidays", "import", "Baden-Württemberg", (dir / "knut.ics").string()});
    EXPECT_EQ(region.exit_code, 1);
    EXPECT_EQ(region.err, "planner: error: region 'Baden-Württemberg' is not an ISO 3166-2 code; expected e.g. DE-BW, "
                          "CH-TG or AT-8\n");
    const auto missing = planner({"holidays", "import", "DE-BW", (dir / "none.ics").string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_EQ(missing.err, "planner: error: " + (dir / "none.ics").string() +
                               ": no such file; expected a holiday calendar (.ics)\n");
    EXPECT_EQ(dump_store(store()), before);
}

TEST_F(CalendarImportTest, AnImportedDayOffIsACheckedConflict)
{
    write_file(dir / "ausflug.ics", day_off);
    const auto result = planner({"holidays", "import", "DE-BW", (dir / "ausflug.ics").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("imported 1 day off for DE-BW"), std::string::npos) << result.out;
    EXPECT_EQ(conflicts("public-holiday", "kennenlernen-2012"),
              std::vector<std::string>{"'Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung' falls on "
                                       "Betriebsausflug (2012-10-11), a day off in DE-BW by the imported holidays"});
}

TEST_F(CalendarImportTest, FindSlotAvoidsSchoolHolidaysUnlessAllowed)
{
    const auto result = planner({"holidays", "import", "DE-BW", fixtures + "schulferien-bw-2013.ics"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // 26 March 2013 is in the Easter holidays of Baden-Württemberg.
    const std::vector<std::string> search{"find-slot", "--required", "karin-bartholomaeus", "--duration", "2h",
                                          "--from", "2013-03-26", "--to", "2013-03-26", "--venue",
                                          "lra-bodenseekreis-besprechung", "--json"};
    EXPECT_EQ(planner(search).exit_code, 1);
    auto allowed = search;
    allowed.emplace_back("--allow-holidays");
    const auto found = planner(allowed);
    EXPECT_EQ(found.exit_code, 0) << found.err;
    EXPECT_FALSE(json::parse(found.out)["slots"].empty());
}

}  // namespace
}  // namespace planner::testing
