// The real `planner` binary on the example files, as organisers and scripts use it.

#include "run_planner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <set>

namespace planner::testing {
namespace {

using nlohmann::json;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string conflicts_example = std::string(PLANNER_EXAMPLES_DIR) + "/conflicts-2013.toml";

class EndToEndTest : public ::testing::Test {
protected:
    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", store()});
        return run_planner(args);
    }

    void import(const std::string& file)
    {
        const auto result = planner({"import", file});
        ASSERT_EQ(result.exit_code, 0) << result.err;
    }

    json show(const std::string& meeting)
    {
        const auto result = planner({"show", meeting, "--json"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return json::parse(result.out);
    }

    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
};

TEST_F(EndToEndTest, ImportReportsWhatItAdded)
{
    const auto result = planner({"import", immenstaad});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("people         25 added, 0 updated, 0 unchanged"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("meetings       3 added, 0 updated, 0 unchanged"), std::string::npos) << result.out;
}

TEST_F(EndToEndTest, ImportReportsAsJsonForScripts)
{
    const auto first = planner({"import", immenstaad, "--json"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(json::parse(first.out)["meetings"], (json{{"added", 3}, {"updated", 0}, {"unchanged", 0}}));
    const auto again = planner({"import", immenstaad, "--json"});
    EXPECT_EQ(json::parse(again.out)["people"], (json{{"added", 0}, {"updated", 0}, {"unchanged", 25}}));
}

TEST_F(EndToEndTest, TheStoreFileIsReadableByItsOwnerOnly)
{
    import(immenstaad);
    struct stat info {};
    ASSERT_EQ(::stat(store().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777U, 0600U);
    for (const auto* suffix : {"-wal", "-shm"}) {
        if (::stat((store() + suffix).c_str(), &info) == 0) {
            EXPECT_EQ(info.st_mode & 0777U, 0600U) << suffix;
        }
    }
}

TEST_F(EndToEndTest, ImportingTheSameFileTwiceChangesNothing)
{
    import(immenstaad);
    const auto before = dump_store(store());
    const auto result = planner({"import", immenstaad});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("meetings       0 added, 0 updated, 3 unchanged"), std::string::npos) << result.out;
    EXPECT_EQ(dump_store(store()), before);
}

TEST_F(EndToEndTest, ChangingAMeetingUpdatesItAndKeepsItsUid)
{
    import(immenstaad);
    const auto before = show("kennenlernen-2012");
    auto text = read_file(immenstaad);
    const std::string old_start = "start = 2012-10-11T14:00:00";
    ASSERT_NE(text.find(old_start), std::string::npos);
    text.replace(text.find(old_start), old_start.size(), "start = 2012-10-11T13:30:00");
    write_file(dir / "changed.toml", text);

    const auto result = planner({"import", (dir / "changed.toml").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("meetings       0 added, 1 updated, 2 unchanged"), std::string::npos) << result.out;
    const auto after = show("kennenlernen-2012");
    EXPECT_EQ(after["uid"], before["uid"]);
    EXPECT_EQ(after["start"], "2012-10-11T13:30:00+02:00");
    EXPECT_EQ(before["start"], "2012-10-11T14:00:00+02:00");
}

TEST_F(EndToEndTest, EveryMeetingGetsItsOwnUid)
{
    import(immenstaad);
    EXPECT_NE(show("kennenlernen-2012")["uid"], show("projekt-2013")["uid"]);
    EXPECT_EQ(show("kennenlernen-2012")["uid"].get<std::string>().size(), 36U);
}

TEST_F(EndToEndTest, TheStoreComesFromTheEnvironmentWhenNoDbIsGiven)
{
    const auto env_store = (dir / "from-env.db").string();
    const auto result = run_planner({"import", immenstaad}, {"PLANNER_DB=" + env_store});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(std::filesystem::exists(env_store));
}

TEST_F(EndToEndTest, MeetingsAreListedInOrderOfTheirStart)
{
    import(immenstaad);
    const auto result = planner({"meetings", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto listing = json::parse(result.out);
    ASSERT_EQ(listing["meetings"].size(), 3U);
    EXPECT_EQ(listing["meetings"][0]["id"], "kennenlernen-2012");
    EXPECT_EQ(listing["meetings"][0]["start"], "2012-10-11T14:00:00+02:00");
    EXPECT_EQ(listing["meetings"][0]["end"], "2012-10-11T17:00:00+02:00");
    EXPECT_EQ(listing["meetings"][0]["venue"], "rathaus-immenstaad");
    EXPECT_EQ(listing["meetings"][0]["recurrence"], nullptr);
    EXPECT_EQ(listing["meetings"][1]["id"], "sprecherrat-2013");
    EXPECT_EQ(listing["meetings"][1]["recurrence"], "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231");
    EXPECT_EQ(listing["meetings"][2]["id"], "projekt-2013");
    EXPECT_EQ(listing["meetings"][2]["status"], "tentative");

    const auto text = planner({"meetings"});
    EXPECT_NE(text.out.find("kennenlernen-2012            2012-10-11 14:00\u201317:00"), std::string::npos) << text.out;
}

TEST_F(EndToEndTest, ShowHasTheFactsOfThePressRelease)
{
    import(immenstaad);
    const auto meeting = show("kennenlernen-2012");
    EXPECT_EQ(meeting["timezone"], "Europe/Berlin");
    EXPECT_EQ(meeting["venue"]["county"], "bodenseekreis");
    EXPECT_NE(meeting["venue"]["address"].get<std::string>().find("Immenstaad"), std::string::npos);
    std::set<std::string> names;
    for (const auto& invitee : meeting["invitees"]) {
        names.insert(invitee["name"].get<std::string>());
    }
    for (const auto* name : {"Axel Goßner", "Frank Veser", "Andreas Köster", "Knut Immeke", "Karin Bartholomäus",
                             "Christine Ludwig"}) {
        EXPECT_TRUE(names.contains(name)) << name;
    }
    std::set<std::string> organisers;
    for (const auto& organiser : meeting["organisers"]) {
        organisers.insert(organiser["name"].get<std::string>());
    }
    EXPECT_EQ(organisers, (std::set<std::string>{"Karin Bartholomäus", "Christine Ludwig"}));
    std::set<std::string> counties;
    for (const auto& county : meeting["counties"]) {
        counties.insert(county.get<std::string>());
    }
    EXPECT_EQ(counties, (std::set<std::string>{"konstanz", "sigmaringen", "ravensburg", "bodenseekreis"}));
    EXPECT_FALSE(meeting["agenda"].empty());
}

TEST_F(EndToEndTest, ShowGroupsParticipantsByCounty)
{
    import(immenstaad);
    const auto result = planner({"show", "kennenlernen-2012"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    for (const auto* heading : {"Participants by county (25)", "  Bodenseekreis (", "  Landkreis Konstanz (",
                                "  Landkreis Ravensburg (", "  Landkreis Sigmaringen (", "Organisers", "Agenda",
                                "Donnerstag, 11. Oktober 2012, 14:00\u201317:00 Uhr"}) {
        EXPECT_NE(result.out.find(heading), std::string::npos) << heading << "\n" << result.out;
    }
}

TEST_F(EndToEndTest, AnUnknownMeetingIsAnError)
{
    import(immenstaad);
    const auto result = planner({"show", "kennenlernen"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: unknown meeting 'kennenlernen'; the store has: kennenlernen-2012, "
                          "projekt-2013, sprecherrat-2013\n");
}

TEST_F(EndToEndTest, AnUnknownMeetingAmongManyNamesOnlySome)
{
    import(immenstaad);
    import(conflicts_example);
    const auto result = planner({"show", "gibt-es-nicht"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: unknown meeting 'gibt-es-nicht'; the store has: kennenlernen-2012, "
                          "konflikt-abend, konflikt-abgesagt, konflikt-agenda-ueberlappung, konflikt-agenda-vor-beginn, "
                          "konflikt-anschluss-a, konflikt-anschluss-b, konflikt-fahrt-konstanz, "
                          "konflikt-fahrt-sigmaringen, konflikt-feiertag and 13 more ('planner meetings' lists them)\n");
}

TEST_F(EndToEndTest, TheImmenstaadMeetingHasNoConflicts)
{
    import(immenstaad);
    const auto result = planner({"check", "--json"});
    EXPECT_EQ(result.exit_code, 0) << result.out;
    EXPECT_EQ(json::parse(result.out)["conflicts"].size(), 0U);
    EXPECT_EQ(planner({"check"}).out, "No conflicts.\n");
}

struct ExpectedConflict {
    std::string kind;
    std::string severity;
    std::vector<std::string> meetings;
    std::vector<std::string> people;
    std::string start;
    std::string end;
};

// Every conflict planted in examples/conflicts-2013.toml, in the order check reports them.
const std::vector<ExpectedConflict> planted{
    {"person-double-booked", "error", {"konflikt-person-a", "konflikt-person-b"}, {"frank-veser"},
     "2013-03-06T10:30:00+01:00", "2013-03-06T11:00:00+01:00"},
    {"venue-double-booked", "error", {"konflikt-raum-a", "konflikt-raum-b"}, {}, "2013-03-14T14:00:00+01:00",
     "2013-03-14T15:00:00+01:00"},
    {"venue-over-capacity", "error", {"konflikt-kapazitaet"}, {}, "2013-04-23T14:00:00+02:00",
     "2013-04-23T16:00:00+02:00"},
    {"agenda-outside-meeting", "error", {"konflikt-agenda-vor-beginn"}, {}, "2013-05-14T09:45:00+02:00",
     "2013-05-14T10:15:00+02:00"},
    {"agenda-overlap", "error", {"konflikt-agenda-ueberlappung"}, {}, "2013-05-15T13:45:00+02:00",
     "2013-05-15T14:00:00+02:00"},
    {"public-holiday", "error", {"konflikt-feiertag"}, {}, "2013-05-30T10:00:00+02:00", "2013-05-30T12:00:00+02:00"},
    {"weekend", "warning", {"konflikt-wochenende"}, {"andreas-koester"}, "2013-06-15T10:00:00+02:00",
     "2013-06-15T13:00:00+02:00"},
    {"outside-office-hours", "warning", {"konflikt-abend"}, {"knut-immeke"}, "2013-06-18T18:30:00+02:00",
     "2013-06-18T20:30:00+02:00"},
    {"travel", "error", {"konflikt-fahrt-konstanz", "konflikt-fahrt-sigmaringen"}, {"frank-veser"},
     "2013-06-25T10:30:00+02:00", "2013-06-25T11:00:00+02:00"},
    {"venue-not-accessible", "warning", {"konflikt-stufen"}, {"renate-fischer"}, "2013-07-02T10:00:00+02:00",
     "2013-07-02T11:30:00+02:00"},
    {"agenda-presenter", "error", {"konflikt-referentin"}, {"elke-brugger"}, "2013-07-09T14:00:00+02:00",
     "2013-07-09T15:00:00+02:00"},
    {"county-not-covered", "warning", {"konflikt-landkreise"}, {}, "2013-07-16T10:00:00+02:00",
     "2013-07-16T12:00:00+02:00"},
    {"person-double-booked", "warning", {"konflikt-vorlaeufig-a", "konflikt-vorlaeufig-b"}, {"axel-gossner"},
     "2013-07-23T11:00:00+02:00", "2013-07-23T12:00:00+02:00"},
};

TEST_F(EndToEndTest, CheckFindsEveryPlantedConflictAndNothingElse)
{
    import(immenstaad);
    import(conflicts_example);
    const auto result = planner({"check", "--json"});
    EXPECT_EQ(result.exit_code, 3);
    const auto report = json::parse(result.out);
    ASSERT_EQ(report["conflicts"].size(), planted.size()) << report.dump(2);
    EXPECT_EQ(report["errors"], 8);
    EXPECT_EQ(report["warnings"], 5);
    for (std::size_t i = 0; i < planted.size(); ++i) {
        const auto& conflict = report["conflicts"][i];
        SCOPED_TRACE(planted[i].kind + " " + planted[i].meetings.front());
        EXPECT_EQ(conflict["kind"], planted[i].kind);
        EXPECT_EQ(conflict["severity"], planted[i].severity);
        EXPECT_EQ(conflict["meetings"].get<std::vector<std::string>>(), planted[i].meetings);
        EXPECT_EQ(conflict["people"].get<std::vector<std::string>>(), planted[i].people);
        EXPECT_EQ(conflict["start"], planted[i].start);
        EXPECT_EQ(conflict["end"], planted[i].end);
    }
    EXPECT_EQ(report["conflicts"][1]["venue"], "lra-konstanz-besprechung");
    EXPECT_EQ(report["conflicts"][0]["message"],
              "Frank Veser is in 'Abstimmung Selbsthilfeförderung im Landkreis Sigmaringen' and 'Runde der "
              "Sozialdezernenten Bodensee-Oberschwaben' at the same time, 2013-03-06 10:30\u201311:00");
}

TEST_F(EndToEndTest, CheckCanShowErrorsOnly)
{
    import(immenstaad);
    import(conflicts_example);
    const auto result = planner({"check", "--severity", "error", "--json"});
    EXPECT_EQ(result.exit_code, 3);
    const auto report = json::parse(result.out);
    EXPECT_EQ(report["errors"], 8);
    EXPECT_EQ(report["warnings"], 0);

    // Warnings alone do not fail a check.
    const auto tentative = planner({"check", "konflikt-vorlaeufig-b", "--json"});
    EXPECT_EQ(tentative.exit_code, 0);
    EXPECT_EQ(json::parse(tentative.out)["warnings"], 1);
    EXPECT_EQ(planner({"check", "--severity", "fatal"}).exit_code, 2);
    // Any case, as CLI11 accepts it; this once ended the process with an uncaught exception.
    const auto upper = planner({"check", "--severity", "ERROR", "--json"});
    EXPECT_EQ(upper.exit_code, 3) << upper.err;
    EXPECT_EQ(json::parse(upper.out)["warnings"], 0);
}

TEST_F(EndToEndTest, CheckTakesTheTravelModel)
{
    import(immenstaad);
    import(conflicts_example);
    const auto slow = json::parse(planner({"check", "konflikt-fahrt-sigmaringen", "--json"}).out);
    ASSERT_EQ(slow["conflicts"].size(), 1U);
    EXPECT_EQ(slow["conflicts"][0]["kind"], "travel");
    const auto fast = planner({"check", "konflikt-fahrt-sigmaringen", "--json", "--speed", "200", "--travel-buffer",
                               "0"});
    EXPECT_EQ(fast.exit_code, 0) << fast.out;
    EXPECT_EQ(json::parse(fast.out)["conflicts"].size(), 0U);
}

TEST_F(EndToEndTest, CheckOfOneMeetingShowsOnlyItsConflicts)
{
    import(immenstaad);
    import(conflicts_example);
    const auto result = planner({"check", "konflikt-person-b", "--json"});
    EXPECT_EQ(result.exit_code, 3);
    const auto report = json::parse(result.out);
    ASSERT_EQ(report["conflicts"].size(), 1U);
    EXPECT_EQ(report["conflicts"][0]["kind"], "person-double-booked");

    const auto clean = planner({"check", "konflikt-anschluss-a", "--json"});
    EXPECT_EQ(clean.exit_code, 0);
    EXPECT_EQ(json::parse(clean.out)["conflicts"].size(), 0U);
}

TEST_F(EndToEndTest, CheckTextGroupsByMeeting)
{
    import(immenstaad);
    import(conflicts_example);
    const auto result = planner({"check"});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.out.find("(konflikt-person-a, 2013-03-06 09:30\u201311:00)\n  error    person-double-booked"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("8 errors, 5 warnings"), std::string::npos) << result.out;
}

TEST_F(EndToEndTest, InviteWritesAnInvitationFile)
{
    import(immenstaad);
    const auto file = (dir / "kennenlernen.ics").string();
    const auto result = planner({"invite", "kennenlernen-2012", "-o", file});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // Leaders of self-help groups are invited: the file is the organisers' alone.
    EXPECT_EQ(result.out, "wrote the invitation to " + file +
                              " (25 attendees)\nthe participants do not see each other: the calendar for everybody "
                              "lists the organisers alone; --per-attendee, --mail or --send give each person a copy "
                              "of their own\n");
    const auto ics = read_file(file);
    EXPECT_TRUE(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    EXPECT_NE(ics.find("\r\nMETHOD:REQUEST\r\n"), std::string::npos);
    EXPECT_NE(ics.find("\r\nDTSTART;TZID=Europe/Berlin:20121011T140000\r\n"), std::string::npos);
    EXPECT_EQ(std::count(ics.begin(), ics.end(), '\n'), std::count(ics.begin(), ics.end(), '\r'));
}

TEST_F(EndToEndTest, InviteWithoutAFileWritesToStandardOutput)
{
    import(immenstaad);
    const auto result = planner({"invite", "projekt-2013"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(result.out.starts_with("BEGIN:VCALENDAR\r\n"));
    EXPECT_NE(result.out.find("STATUS:TENTATIVE\r\n"), std::string::npos);
}

TEST_F(EndToEndTest, InviteWarnsAboutConflictsOfTheMeeting)
{
    import(immenstaad);
    import(conflicts_example);
    const auto result = planner({"invite", "konflikt-person-a", "-o", (dir / "a.ics").string()});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.err, "planner: warning: 1 conflict involves meeting 'konflikt-person-a'; see 'planner check "
                          "konflikt-person-a'\n");
}

TEST_F(EndToEndTest, ACancelledMeetingIsNotInvited)
{
    import(immenstaad);
    import(conflicts_example);
    const auto file = dir / "cancelled.ics";
    const auto result = planner({"invite", "konflikt-abgesagt", "-o", file.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: meeting 'konflikt-abgesagt' is cancelled; an invitation would not take "
                          "it out of anyone's calendar, that needs a cancellation (METHOD:CANCEL)\n");
    EXPECT_FALSE(std::filesystem::exists(file));
}

TEST_F(EndToEndTest, AttendanceListAsCsvForGermanExcel)
{
    import(immenstaad);
    const auto file = (dir / "teilnehmer.csv").string();
    const auto result = planner({"attendance", "kennenlernen-2012", "--format", "csv", "-o", file});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto csv = read_file(file);
    ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBFNr.;Name;Organisation;Landkreis;Funktion;Unterschrift\r\n"));
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 26);  // header and 25 people
    EXPECT_NE(csv.find(";Axel Goßner;Landratsamt Konstanz;Landkreis Konstanz;Sozialdezernent;\r\n"),
              std::string::npos)
        << csv;
}

TEST_F(EndToEndTest, AttendanceListAsText)
{
    import(immenstaad);
    const auto result = planner({"attendance", "kennenlernen-2012"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(result.out.starts_with("Teilnehmerliste\n")) << result.out;
    EXPECT_NE(result.out.find("Donnerstag, 11. Oktober 2012, 14:00\u201317:00 Uhr"), std::string::npos);
    EXPECT_NE(result.out.find("Karin Bartholomäus"), std::string::npos);
    EXPECT_NE(result.out.find("25 Personen"), std::string::npos);
}

TEST_F(EndToEndTest, CommandsOnAMissingStoreFailWithoutCreatingIt)
{
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"meetings"}, {"show", "x"}, {"check"}, {"invite", "x"}, {"attendance", "x"}}) {
        const auto result = planner(args);
        EXPECT_EQ(result.exit_code, 1) << args.front();
    }
    EXPECT_FALSE(std::filesystem::exists(store()));
}

}  // namespace
}  // namespace planner::testing
