// Finding slots and venues, placing a tentative meeting, and the Sprecherrat's
// monthly series, with the real `planner` binary on the Immenstaad example.

#include "run_planner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace planner::testing {
namespace {

using nlohmann::json;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

class SchedulingTest : public ::testing::Test {
protected:
    SchedulingTest()
    {
        const auto result = planner({"import", immenstaad});
        EXPECT_EQ(result.exit_code, 0) << result.err;
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", store()});
        return run_planner(args);
    }

    // The slots' local starts and ends, as find-slot --json gives them.
    std::vector<std::string> slots(std::vector<std::string> args, int expected_exit = 0)
    {
        args.insert(args.begin(), "find-slot");
        args.emplace_back("--json");
        const auto result = planner(args);
        EXPECT_EQ(result.exit_code, expected_exit) << result.out << result.err;
        std::vector<std::string> found;
        const auto search = json::parse(result.out);
        for (const auto& slot : search["slots"]) {
            found.push_back(slot["start"].get<std::string>() + " " + slot["end"].get<std::string>());
        }
        return found;
    }

    // Karin Bartholomäus alone, on one day, 09:00-14:00 in the Sprecherrat's room.
    std::vector<std::string> karins_morning(const std::string& day)
    {
        return slots({"--required", "karin-bartholomaeus", "--duration", "2h", "--from", day, "--to", day, "--venue",
                      "lra-bodenseekreis-besprechung", "--hours", "09:00-14:00"},
                     0);
    }

    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
};

// ------------------------------------------------------------ the series

TEST_F(SchedulingTest, ShowListsTheMeetingsOfTheSeries)
{
    const auto result = planner({"show", "sprecherrat-2013", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto meeting = json::parse(result.out);
    EXPECT_EQ(meeting["recurrence"]["rule"], "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231");
    EXPECT_EQ(meeting["recurrence"]["exceptions"], json::array({"2013-08-13"}));
    const auto& all = meeting["occurrences"];
    ASSERT_EQ(all.size(), 11U);  // twelve second Tuesdays, without August
    EXPECT_EQ(all[0]["id"], "sprecherrat-2013@2013-01-08");
    EXPECT_EQ(all[0]["start"], "2013-01-08T09:30:00+01:00");
    // After the change to summer time the series keeps its local time.
    EXPECT_EQ(all[3]["start"], "2013-04-09T09:30:00+02:00");
    EXPECT_EQ(all[4]["date"], "2013-05-14");
    EXPECT_EQ(all[4]["start"], "2013-05-15T09:30:00+02:00");
    EXPECT_EQ(all[7]["date"], "2013-09-10");
    EXPECT_EQ(all[10]["start"], "2013-12-10T09:30:00+01:00");
    EXPECT_EQ(all[10]["status"], "cancelled");
    EXPECT_EQ(all[9]["status"], "confirmed");
}

TEST_F(SchedulingTest, AMonthlySeriesBlocksItsLocalTimeOnBothSidesOfDaylightSaving)
{
    EXPECT_EQ(karins_morning("2013-03-12"), std::vector<std::string>{"2013-03-12T12:00:00+01:00 2013-03-12T14:00:00+01:00"});
    EXPECT_EQ(karins_morning("2013-04-09"), std::vector<std::string>{"2013-04-09T12:00:00+02:00 2013-04-09T14:00:00+02:00"});
    EXPECT_EQ(karins_morning("2013-11-12"), std::vector<std::string>{"2013-11-12T12:00:00+01:00 2013-11-12T14:00:00+01:00"});
    // A Tuesday that is not a second one is free.
    EXPECT_EQ(karins_morning("2013-04-23"), std::vector<std::string>{"2013-04-23T09:00:00+02:00 2013-04-23T11:00:00+02:00"});
}

TEST_F(SchedulingTest, AnExceptionDateAndACancelledMeetingLeaveTheMorningFree)
{
    EXPECT_EQ(karins_morning("2013-08-13"), std::vector<std::string>{"2013-08-13T09:00:00+02:00 2013-08-13T11:00:00+02:00"});
    EXPECT_EQ(karins_morning("2013-12-10"), std::vector<std::string>{"2013-12-10T09:00:00+01:00 2013-12-10T11:00:00+01:00"});
}

TEST_F(SchedulingTest, AMovedMeetingBlocksItsNewDayNotItsOldOne)
{
    EXPECT_EQ(karins_morning("2013-05-14"), std::vector<std::string>{"2013-05-14T09:00:00+02:00 2013-05-14T11:00:00+02:00"});
    EXPECT_EQ(karins_morning("2013-05-15"), std::vector<std::string>{"2013-05-15T12:00:00+02:00 2013-05-15T14:00:00+02:00"});
}

TEST_F(SchedulingTest, TheCheckSeesEachMeetingOfTheSeries)
{
    write_file(dir / "vorstand.toml", R"toml(
[[meeting]]
id = "vorstand-juni"
title = "Vorstandssitzung"
start = 2013-06-11T11:00:00
end = 2013-06-11T12:30:00
venue = "rathaus-immenstaad"
organisers = ["karin-bartholomaeus"]
)toml");
    ASSERT_EQ(planner({"import", (dir / "vorstand.toml").string()}).exit_code, 0);
    const auto result = planner({"check", "sprecherrat-2013", "--json"});
    EXPECT_EQ(result.exit_code, 3) << result.out;
    const auto conflicts = json::parse(result.out)["conflicts"];
    ASSERT_FALSE(conflicts.empty());
    EXPECT_EQ(conflicts[0]["kind"], "person-double-booked");
    EXPECT_EQ(conflicts[0]["meetings"], json::array({"sprecherrat-2013@2013-06-11", "vorstand-juni"}));
    EXPECT_EQ(conflicts[0]["start"], "2013-06-11T11:00:00+02:00");
    // One meeting of the series can be asked about by its id.
    EXPECT_EQ(planner({"check", "sprecherrat-2013@2013-06-11"}).exit_code, 3);
    EXPECT_EQ(planner({"check", "sprecherrat-2013@2013-07-09"}).exit_code, 0);
}

TEST_F(SchedulingTest, TheAttendanceListIsForOneMeetingOfTheSeries)
{
    const auto list = planner({"attendance", "sprecherrat-2013@2013-06-11"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    EXPECT_NE(list.out.find("Dienstag, 11. Juni 2013, 09:30–12:00 Uhr"), std::string::npos) << list.out;
    const auto series = planner({"attendance", "sprecherrat-2013"});
    EXPECT_EQ(series.exit_code, 1);
    EXPECT_EQ(series.err, "planner: error: meeting 'sprecherrat-2013' is a series; name one of its meetings, e.g. "
                          "'sprecherrat-2013@2013-01-08'\n");
}

// ------------------------------------------------------------ find-slot

TEST_F(SchedulingTest, TheDriveFromTheSprecherratDecidesTheAfternoonStart)
{
    // Both organisers sit in the Sprecherrat until 12:00 in Friedrichshafen; Ravensburg
    // is about 25 minutes away, so 12:30 is the first quarter hour they can start.
    EXPECT_EQ(slots({"--required", "karin-bartholomaeus,christine-ludwig", "--duration", "3h", "--from", "2013-01-08",
                     "--to", "2013-01-08", "--venue", "lra-ravensburg-sitzung"}),
              std::vector<std::string>{"2013-01-08T12:30:00+01:00 2013-01-08T15:30:00+01:00"});
}

TEST_F(SchedulingTest, FindsSlotsForTheCrossCountyProject)
{
    const auto result = planner({"find-slot", "--required",
                                 "karin-bartholomaeus,christine-ludwig,knut-immeke,andreas-koester,gerda-straub",
                                 "--optional", "axel-gossner,frank-veser", "--duration", "3h", "--from", "2013-01-07",
                                 "--to", "2013-03-29", "--any-venue", "--count", "3"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("Slots of 3 h between 2013-01-07 and 2013-03-29, 09:00–17:00 (Europe/Berlin), best "
                              "first:\n  1. Montag, 7. Januar 2013, 09:00–12:00 Uhr"),
              std::string::npos)
        << result.out;
}

TEST_F(SchedulingTest, NoSlotSaysWhatStoodInTheWay)
{
    const auto result = planner({"find-slot", "--required", "karin-bartholomaeus,andreas-koester", "--duration", "2h",
                                 "--from", "2013-01-08", "--to", "2013-01-08", "--venue",
                                 "lra-bodenseekreis-besprechung", "--hours", "09:00-12:30"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "No slot of 2 h between 2013-01-08 and 2013-01-08, 09:00–12:30 for everyone required. What "
                          "stood in the way:\n"
                          "  Karin Bartholomäus is busy on the only day\n"
                          "  Landratsamt Bodenseekreis, Besprechungsraum is booked on the only day\n");
}

TEST_F(SchedulingTest, BadSlotOptionsAreNamed)
{
    const auto error_of = [&](std::vector<std::string> args) {
        args.insert(args.begin(), "find-slot");
        const auto result = planner(args);
        EXPECT_NE(result.exit_code, 0);
        return result.err;
    };
    const std::vector<std::string> base{"--required", "karin-bartholomaeus", "--from", "2013-01-07", "--to",
                                        "2013-01-11"};
    auto args = base;
    args.insert(args.end(), {"--duration", "2x"});
    EXPECT_EQ(error_of(args), "planner: error: --duration '2x' is not a length of time, expected e.g. 2h, 90m or 1h30m\n");
    args = base;
    args.insert(args.end(), {"--duration", "2h", "--hours", "9-17"});
    EXPECT_EQ(error_of(args), "planner: error: --hours '9-17' is not a part of a day, expected e.g. 09:00-17:00\n");
    args = base;
    args.insert(args.end(), {"--duration", "10h"});
    EXPECT_EQ(error_of(args), "planner: error: a meeting of 600 min does not fit between 09:00 and 17:00\n");
    args = {"--required", "karin,knut-immeke", "--duration", "2h", "--from", "2013-01-07", "--to", "2013-01-11"};
    EXPECT_EQ(error_of(args),
              "planner: error: --required: unknown person 'karin'; 'planner show MEETING' lists people's ids\n");
    args = base;
    args[3] = "2013-13-01";
    args.insert(args.end(), {"--duration", "2h"});
    EXPECT_EQ(error_of(args), "planner: error: --from '2013-13-01' is not a date, expected e.g. 2013-01-07\n");
    args = base;
    args.insert(args.end(), {"--duration", "2h", "--timezone", "Mars/Base"});
    EXPECT_EQ(error_of(args), "planner: error: --timezone: unknown time zone 'Mars/Base', expected an IANA name like "
                              "'Europe/Berlin'\n");
    args = base;
    args.insert(args.end(), {"--duration", "2h", "--venue", "rathaus-immenstaad", "--any-venue"});
    EXPECT_EQ(planner({"find-slot", args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8],
                       args[9], args[10]})
                  .exit_code,
              2);
}

// ------------------------------------------------------------ schedule

TEST_F(SchedulingTest, ScheduleMovesTheTentativeProjectMeetingWithItsAgenda)
{
    const auto result = planner({"schedule", "projekt-2013", "--find-slot", "--from", "2013-01-07", "--to",
                                 "2013-03-29", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto placed = json::parse(result.out);
    const auto shown = json::parse(planner({"show", "projekt-2013", "--json"}).out);
    EXPECT_EQ(shown["start"], placed["start"]);
    EXPECT_EQ(shown["venue"]["id"], "lra-ravensburg-sitzung");  // its venue, unless told otherwise
    EXPECT_EQ(shown["status"], "tentative");
    // Three hours, and the agenda still begins with the meeting.
    const auto start = shown["start"].get<std::string>();
    EXPECT_EQ(shown["agenda"][0]["start"], start);
    EXPECT_EQ(shown["end"].get<std::string>().substr(11, 2), std::to_string(std::stoi(start.substr(11, 2)) + 3));
    EXPECT_EQ(planner({"check", "projekt-2013", "--severity", "error"}).exit_code, 0);
}

TEST_F(SchedulingTest, ScheduleTakesThePickedSlot)
{
    const auto proposals = slots({"--required",
                                  "karin-bartholomaeus,christine-ludwig,knut-immeke,andreas-koester,ulrike-haller,"
                                  "monika-reiser,birgit-kessler,gerda-straub,renate-fischer,peter-jehle,claudia-kienzle,"
                                  "sabine-wetzel",
                                  "--optional", "axel-gossner,frank-veser", "--duration", "3h", "--from", "2013-02-01",
                                  "--to", "2013-02-28", "--venue", "lra-ravensburg-sitzung"});
    ASSERT_GE(proposals.size(), 2U);
    const auto result = planner({"schedule", "projekt-2013", "--find-slot", "--from", "2013-02-01", "--to",
                                 "2013-02-28", "--pick", "2", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(json::parse(result.out)["start"].get<std::string>() + " " + json::parse(result.out)["end"].get<std::string>(),
              proposals[1]);
}

TEST_F(SchedulingTest, ScheduleLeavesTheStoreAsItWasWhenNothingFits)
{
    const auto before = dump_store(store());
    const auto result = planner({"schedule", "projekt-2013", "--find-slot", "--from", "2013-01-12", "--to",
                                 "2013-01-13"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: meeting 'projekt-2013' was not moved: there is no slot for it\n");
    EXPECT_NE(result.out.find("2 of 2 days are weekends or public holidays"), std::string::npos) << result.out;
    EXPECT_EQ(dump_store(store()), before);
}

TEST_F(SchedulingTest, ScheduleRefusesMeetingsThatAreNotTentative)
{
    const auto before = dump_store(store());
    auto result = planner({"schedule", "kennenlernen-2012", "--find-slot", "--from", "2013-01-07", "--to", "2013-01-11"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: meeting 'kennenlernen-2012' is confirmed; only a tentative meeting is "
                          "placed by a slot search (its people may already have it in their calendars)\n");
    result = planner({"schedule", "sprecherrat-2013", "--find-slot", "--from", "2013-01-07", "--to", "2013-01-11"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: meeting 'sprecherrat-2013' is a series; move single occurrences with "
                          "[[meeting.occurrence]] in the meeting file\n");
    // One meeting of a series is moved in the file, not by a slot search either.
    result = planner({"schedule", "sprecherrat-2013@2013-06-11", "--find-slot", "--from", "2013-06-10", "--to",
                      "2013-06-14"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: meeting 'sprecherrat-2013@2013-06-11' is one meeting of the series "
                          "'sprecherrat-2013'; move it with [[meeting.occurrence]] in the meeting file\n");
    EXPECT_EQ(dump_store(store()), before);
}

// ------------------------------------------------------------ suggest-venue

TEST_F(SchedulingTest, SuggestVenueRanksByTheLongestJourney)
{
    const auto result = planner({"suggest-venue", "--required",
                                 "karin-bartholomaeus,christine-ludwig,knut-immeke,andreas-koester,frank-veser,"
                                 "axel-gossner",
                                 "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto venues = json::parse(result.out)["venues"];
    ASSERT_EQ(venues.size(), 5U);
    for (std::size_t i = 1; i < venues.size(); ++i) {
        EXPECT_LE(venues[i - 1]["longest_minutes"], venues[i]["longest_minutes"]);
    }
    // The fairest is not the one with the least travel in all: the Bodenseekreis
    // office is nearest for most, but Frank Veser would drive furthest to it.
    EXPECT_EQ(venues[0]["venue"], "lra-ravensburg-sitzung");
    const auto least_total = std::min_element(venues.begin(), venues.end(), [](const json& a, const json& b) {
        return a["total_minutes"] < b["total_minutes"];
    });
    EXPECT_EQ((*least_total)["venue"], "lra-bodenseekreis-besprechung");
    EXPECT_EQ(venues[0]["counties"].size(), 4U);
}

TEST_F(SchedulingTest, SuggestVenueLinesUpEachCountysTravel)
{
    const auto result = planner({"suggest-venue", "--required",
                                 "karin-bartholomaeus,knut-immeke,andreas-koester,frank-veser,axel-gossner", "--count", "1"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Venues, fairest first (the longest single journey, then the total):\n"
                          "  1. Landratsamt Ravensburg, Sitzungssaal (Landkreis Ravensburg): longest journey 71 min, all "
                          "journeys 179 min\n"
                          "       Landkreis Sigmaringen  1 person, longest 71 min, together 71 min\n"
                          "       Landkreis Konstanz     1 person, longest 54 min, together 54 min\n"
                          "       Bodenseekreis          2 people, longest 27 min, together 54 min\n"
                          "       Landkreis Ravensburg   1 person, longest 0 min, together 0 min\n");
}

TEST_F(SchedulingTest, SuggestVenueSetsAsideRoomsTooSmall)
{
    const auto result = planner(
        {"suggest-venue", "--required",
         "karin-bartholomaeus,christine-ludwig,knut-immeke,andreas-koester,ulrike-haller,monika-reiser,birgit-kessler,"
         "gerda-straub,renate-fischer,peter-jehle,claudia-kienzle,sabine-wetzel,axel-gossner,frank-veser,hildegard-baur,"
         "wolfgang-maier,elke-brugger,brigitte-kohler,thomas-brenner,ingrid-loeffler,juergen-haeusler",
         "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto ranking = json::parse(result.out);
    EXPECT_EQ(ranking["venues"].size(), 4U);
    EXPECT_EQ(ranking["unsuitable"],
              (json::array({{{"venue", "lra-bodenseekreis-besprechung"}, {"reason", "holds 20 of the 21 people"}}})));
}

}  // namespace
}  // namespace planner::testing
