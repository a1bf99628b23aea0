// People's own calendars as busy time and imported days off, with the real
// `planner` binary: what `busy import` and `holidays import` store, and that `check`
// and `find-slot` respect it.

#include "run_planner.hpp"

#include <fmt/format.h>
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

    // Knut Immeke's calendar export `name` in the test's folder, read for 2013.
    RunResult import_knuts_2013(const std::string& name, std::vector<std::string> more = {})
    {
        std::vector<std::string> args{"busy",   "import",     "knut-immeke", (dir / name).string(),
                                      "--from", "2013-01-01", "--to",        "2013-12-31"};
        args.insert(args.end(), more.begin(), more.end());
        return planner(args);
    }

    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
};

TEST_F(CalendarImportTest, BusyTimeFromAnOutlookExportIsSeenByTheCheck)
{
    write_file(dir / "knut.ics", knuts_calendar("20130416T090000"));
    const auto result = import_knuts_2013("knut.ics");
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
    ASSERT_EQ(import_knuts_2013("knut.ics").exit_code, 0);
    // The Kreistag now begins after the meeting has ended.
    write_file(dir / "knut.ics", knuts_calendar("20130416T130000"));
    const auto again = import_knuts_2013("knut.ics");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("replacing the 1 from the same file"), std::string::npos) << again.out;
    EXPECT_TRUE(conflicts("person-busy", "projekt-2013").empty());
}

TEST_F(CalendarImportTest, FindSlotAvoidsImportedBusyTime)
{
    write_file(dir / "knut.ics", knuts_calendar("20130416T090000"));
    ASSERT_EQ(import_knuts_2013("knut.ics").exit_code, 0);
    const auto result = planner({"find-slot", "--required", "knut-immeke", "--duration", "2h", "--from", "2013-04-16",
                                 "--to", "2013-04-16", "--venue", "lra-ravensburg-sitzung", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto slots = json::parse(result.out)["slots"];
    ASSERT_FALSE(slots.empty());
    // Busy until 15:00, two hours to 17:00.
    EXPECT_EQ(slots[0]["start"], "2013-04-16T15:00:00+02:00");
}

TEST_F(CalendarImportTest, EventsOutsideTheWindowAreCountedAndTheOptionsNamed)
{
    // The default window runs from a year ago to two years ahead: 2013 lies before it.
    write_file(dir / "knut.ics", knuts_calendar("20130416T090000"));
    const auto result = planner({"busy", "import", "knut-immeke", (dir / "knut.ics").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("imported 0 busy periods of Knut Immeke"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("1 occurrence lies outside the window"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("; --from 2013-04-16 would include them"), std::string::npos) << result.out;
    EXPECT_TRUE(conflicts("person-busy", "projekt-2013").empty());
}

TEST_F(CalendarImportTest, JsonSaysWhatWasReadInWhichZoneAndWhatWasLeftOut)
{
    // Apple's X-WR-TIMEZONE with VALUE=TEXT; an event with an empty RRULE is left out.
    write_file(dir / "apple.ics",
               "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//Mac OS X 10.8.5//EN\r\n"
               "X-WR-TIMEZONE;VALUE=TEXT:Europe/Zurich\r\nBEGIN:VEVENT\r\nUID:a@apple\r\nSUMMARY:Probe\r\n"
               "DTSTART:20130416T090000\r\nDTEND:20130416T100000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
               "UID:b@apple\r\nSUMMARY:Chor\r\nDTSTART:20130416T190000\r\nDTEND:20130416T210000\r\nRRULE:\r\n"
               "END:VEVENT\r\nEND:VCALENDAR\r\n");
    const auto result = import_knuts_2013("apple.ics", {"--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto report = json::parse(result.out);
    EXPECT_EQ(report["busy"], json::parse(R"([{"start": "2013-04-16T07:00:00Z", "end": "2013-04-16T08:00:00Z",
                                               "summary": "Probe"}])"));
    EXPECT_EQ(report["zones"], json::parse(R"([{"name": "Europe/Zurich", "chosen_by": "X-WR-TIMEZONE",
                                                "x_wr_timezone": null}])"));
    EXPECT_EQ(report["left_out"], json::array({(dir / "apple.ics").string() +
                                               ":16:7: 'Chor' is left out: its RRULE '' is not a recurrence rule "
                                               "(FREQ=WEEKLY;BYDAY=TU)"}));
    EXPECT_EQ(report["window"], json::parse(R"({"from": "2013-01-01", "to": "2013-12-31"})"));
    EXPECT_EQ(report["outside_window"]["occurrences"], 0);

    // What the user typed wins over the file's zone, and the output says so.
    const auto given = import_knuts_2013("apple.ics", {"--timezone", "Europe/London"});
    ASSERT_EQ(given.exit_code, 0) << given.err;
    EXPECT_NE(given.out.find("times without a zone read in Europe/London (--timezone; the file's X-WR-TIMEZONE says "
                             "Europe/Zurich)"),
              std::string::npos)
        << given.out;
    EXPECT_NE(given.out.find("\n  " + (dir / "apple.ics").string() + ":16:7: 'Chor' is left out: its RRULE"),
              std::string::npos)
        << given.out;
    const auto busy = json::parse(import_knuts_2013("apple.ics", {"--timezone", "Europe/London", "--json"}).out);
    EXPECT_EQ(busy["busy"][0]["start"], "2013-04-16T08:00:00Z");  // 09:00 BST
}

TEST_F(CalendarImportTest, TextFromTheFileCannotDriveTheTerminal)
{
    // An escape sequence (clear the screen, then red) and a C1 control (U+009B, CSI)
    // in a left-out event's SUMMARY, and in a line that is not a content line.
    write_file(dir / "escape.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e@x\r\n"
                                   "SUMMARY:\x1b[2J\x1b[31mRot\xc2\x9b"
                                   "0m\r\nDTSTART:20130416T090000Z\r\nRRULE:\r\n"
                                   "END:VEVENT\r\nEND:VCALENDAR\r\n");
    const auto left_out = import_knuts_2013("escape.ics");
    ASSERT_EQ(left_out.exit_code, 0) << left_out.err;
    EXPECT_NE(left_out.out.find("'?[2J?[31mRot?0m' is left out"), std::string::npos) << left_out.out;
    write_file(dir / "garbled.ics", "BEGIN:VCALENDAR\r\n\x1b]0;pwned\x07\r\nEND:VCALENDAR\r\n");
    const auto refused = import_knuts_2013("garbled.ics");
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find(":2:1: '?]0;pwned?' is not a content line"), std::string::npos) << refused.err;
    for (const auto& output : {left_out.out, left_out.err, refused.out, refused.err}) {
        EXPECT_EQ(output.find('\x1b'), std::string::npos) << output;
        EXPECT_EQ(output.find("\xc2\x9b"), std::string::npos) << output;
    }
}

TEST_F(CalendarImportTest, RegionsInAnyCaseAreStoredAsIsoWritesThem)
{
    write_file(dir / "ausflug.ics", day_off);
    const auto result = planner({"holidays", "import", "ch-tg", (dir / "ausflug.ics").string(), "--from",
                                 "2012-01-01", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto report = json::parse(result.out);
    EXPECT_EQ(report["region"], "CH-TG");
    EXPECT_EQ(report["days"], json::parse(R"([{"date": "2012-10-11", "name": "Betriebsausflug"}])"));
}

// libical turns the text "\n" into a line break: a summary must not add a line of its own
// to the report.
TEST_F(CalendarImportTest, ASummaryWithALineBreakStaysOnItsLine)
{
    auto calendar = day_off;
    calendar.replace(calendar.find("SUMMARY:Betriebsausflug"), std::string("SUMMARY:Betriebsausflug").size(),
                     "SUMMARY:Betriebsausflug\\nplanner: error: the store is gone");
    write_file(dir / "ausflug.ics", calendar);
    const auto result = planner({"holidays", "import", "DE-BW", (dir / "ausflug.ics").string(), "--from", "2012-01-01"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("(Betriebsausflug planner: error: the store is gone)"), std::string::npos)
        << result.out;
    EXPECT_EQ(result.out.find("\nplanner: error"), std::string::npos) << result.out;
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
    EXPECT_EQ(region.err.substr(0, region.err.find('\n')),
              "planner: error: region 'Baden-Württemberg' is not an ISO 3166-2 code the planner knows; expected a "
              "German state or a region of a neighbour:");
    EXPECT_NE(region.err.find("\n  Deutschland: DE-BB, DE-BE, DE-BW, DE-BY,"), std::string::npos) << region.err;
    EXPECT_NE(region.err.find("\n  Schweiz: CH-AG,"), std::string::npos) << region.err;
    EXPECT_NE(region.err.find("\n  Österreich: AT-1, AT-2,"), std::string::npos) << region.err;
    for (const auto* code : {"BW", "XX-99", "DE-XX", "DE", "CH-99"}) {
        const auto refused = planner({"holidays", "import", code, (dir / "knut.ics").string()});
        EXPECT_EQ(refused.exit_code, 1) << code;
        EXPECT_NE(refused.err.find(std::string("region '") + code + "' is not an ISO 3166-2 code the planner knows"),
                  std::string::npos)
            << refused.err;
    }
    EXPECT_NE(planner({"holidays", "import", "BW", (dir / "knut.ics").string()}).err.find("(did you mean DE-BW?)"),
              std::string::npos);
    const auto missing = planner({"holidays", "import", "DE-BW", (dir / "none.ics").string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_EQ(missing.err, "planner: error: " + (dir / "none.ics").string() +
                               ": no such file; expected a holiday calendar (.ics)\n");
    EXPECT_EQ(dump_store(store()), before);
}

TEST_F(CalendarImportTest, AnImportedDayOffIsACheckedConflict)
{
    write_file(dir / "ausflug.ics", day_off);
    const auto result =
        planner({"holidays", "import", "DE-BW", (dir / "ausflug.ics").string(), "--from", "2012-01-01"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("imported 1 day off for DE-BW"), std::string::npos) << result.out;
    EXPECT_EQ(conflicts("public-holiday", "kennenlernen-2012"),
              std::vector<std::string>{"'Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung' falls on "
                                       "Betriebsausflug (2012-10-11), a day off in DE-BW by the imported holidays"});
}

TEST_F(CalendarImportTest, FindSlotAvoidsSchoolHolidaysUnlessAllowed)
{
    const auto result = planner(
        {"holidays", "import", "DE-BW", fixtures + "schulferien-bw-2013.ics", "--from", "2013-01-01", "--to", "2014-12-31"});
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

TEST_F(CalendarImportTest, HolidaysImportStoresOnlyTheDaysOfItsWindow)
{
    write_file(dir / "ferien.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\n"
                                   "UID:ferien@x\r\nSUMMARY:Betriebsferien\r\nDTSTART;VALUE=DATE:20130107\r\n"
                                   "DTEND;VALUE=DATE:40260108\r\nRRULE:FREQ=WEEKLY;UNTIL=40261231\r\nEND:VEVENT\r\n"
                                   "END:VCALENDAR\r\n");
    const auto result = planner({"holidays", "import", "DE-BW", (dir / "ferien.ics").string(), "--from",
                                 "2013-03-01", "--to", "2013-03-31", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto report = json::parse(result.out);
    EXPECT_EQ(report["days"].size(), 31U);
    EXPECT_EQ(report["days"].front()["date"], "2013-03-01");
    EXPECT_EQ(report["days"].back()["date"], "2013-03-31");
    EXPECT_GT(report["days_outside_window"].get<std::size_t>(), 700'000U);
    EXPECT_EQ(report["outside_window"]["first"], "2013-01-07");

    const auto text = planner({"holidays", "import", "DE-BW", (dir / "ferien.ics").string(), "--from",
                               "2013-03-01", "--to", "2013-03-31"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("imported 31 days off for DE-BW"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("of events in the window lie outside it (2013-03-01 to 2013-03-31) and were not "
                            "imported"),
              std::string::npos)
        << text.out;
}

// A hostile export: an hour that does not exist, a zone whose rule would never end and
// one whose offset is years long, and one good meeting. Only the good one is stored,
// and each other is named with its place and value.
TEST_F(CalendarImportTest, BusyImportLeavesOutTimesAndZonesThatCannotBeReadAndSaysWhere)
{
    write_file(dir / "feind.ics",
               "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
               "BEGIN:VTIMEZONE\r\nTZID:Sekunde\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T000000\r\n"
               "RRULE:FREQ=SECONDLY\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
               "BEGIN:VTIMEZONE\r\nTZID:Weit\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
               "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+99999999\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
               "BEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:Stunde25\r\nDTSTART:20130416T250000Z\r\n"
               "DTEND:20130416T260000Z\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:b@x\r\nSUMMARY:Endlos\r\nDTSTART;TZID=Sekunde:20130416T090000\r\n"
               "DTEND;TZID=Sekunde:20130416T100000\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:c@x\r\nSUMMARY:Verschoben\r\nDTSTART;TZID=Weit:20130416T090000\r\n"
               "DTEND;TZID=Weit:20130416T100000\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:d@x\r\nSUMMARY:Kreistag\r\nDTSTART:20130416T080000Z\r\n"
               "DTEND:20130416T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    const auto result = import_knuts_2013("feind.ics");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("imported 1 busy period of Knut Immeke"), std::string::npos) << result.out;
    const auto file = (dir / "feind.ics").string();
    for (const auto& line :
         {file + ":24:9: 'Stunde25' is left out: its DTSTART value '20130416T250000Z' is out of range: hour 25 does "
                 "not exist (00 to 23)",
          file + ":27: 'Endlos' is left out: its time zone 'Sekunde' has a VTIMEZONE (line 4) that cannot be used: "
                 "its RRULE 'FREQ=SECONDLY' (line 8) is not yearly (FREQ=YEARLY), as the rules of every zone are; "
                 "libical would walk it change by change",
          file + ":33: 'Verschoben' is left out: its time zone 'Weit' has a VTIMEZONE (line 13) that cannot be "
                 "used: its TZOFFSETTO '+99999999' (line 18) is not a UTC offset under 24 hours (+0100, -0500, "
                 "+053000)"}) {
        EXPECT_NE(result.out.find("  " + line + "\n"), std::string::npos) << line << "\n" << result.out;
    }
}

TEST_F(CalendarImportTest, ACalendarAboveTheSizeBoundIsRefusedAndChangesNothing)
{
    write_file(dir / "knut.ics", knuts_calendar("20130416T090000"));
    ASSERT_EQ(import_knuts_2013("knut.ics").exit_code, 0);
    const auto before = dump_store(store());
    std::string big = knuts_calendar("20130416T090000");
    const std::string filler = "X-FILLER:" + std::string(1000, 'x') + "\r\n";
    std::string fill;
    while (big.size() + fill.size() <= std::size_t{32} * 1024 * 1024) {
        fill += filler;
    }
    big.insert(big.find("END:VCALENDAR"), fill);
    write_file(dir / "gross.ics", big);
    const auto refused = import_knuts_2013("gross.ics");
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_EQ(refused.err, fmt::format("planner: error: {}: the file has {} bytes; the planner reads calendars of at "
                                       "most 33554432 bytes (32 MiB)\n",
                                       (dir / "gross.ics").string(), big.size()));

    std::string long_line = knuts_calendar("20130416T090000");
    long_line.insert(long_line.find("END:VCALENDAR"), "X-FILLER:" + std::string(2 * 1024 * 1024, 'x') + "\r\n");
    write_file(dir / "lang.ics", long_line);
    const auto line_refused = import_knuts_2013("lang.ics");
    EXPECT_EQ(line_refused.exit_code, 1);
    EXPECT_NE(line_refused.err.find((dir / "lang.ics").string() + ":37:1: the content line 'X-FILLER:xxx"),
              std::string::npos)
        << line_refused.err;
    EXPECT_EQ(dump_store(store()), before);
}

}  // namespace
}  // namespace planner::testing
