// Attendance lists in every format and the record of who came, with the real
// `planner` binary on the Immenstaad example.

#include "run_planner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace planner::testing {
namespace {

using nlohmann::json;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

class AttendanceRecordTest : public ::testing::Test {
protected:
    AttendanceRecordTest()
    {
        const auto result = planner({"import", immenstaad});
        EXPECT_EQ(result.exit_code, 0) << result.err;
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", store()});
        return run_planner(args);
    }

    json stats(const std::vector<std::string>& window = {})
    {
        std::vector<std::string> args{"stats", "--json"};
        args.insert(args.end(), window.begin(), window.end());
        const auto result = planner(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return json::parse(result.out);
    }

    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
};

TEST_F(AttendanceRecordTest, WhoCameIsRecordedWithWalkInsAndCountedInTheStatistics)
{
    // The tentative project meeting of 2013; Stefan Bühler is not invited to it.
    const auto came = planner({"attend", "projekt-2013", "knut-immeke", "andreas-koester", "stefan-buehler", "--json"});
    ASSERT_EQ(came.exit_code, 0) << came.err;
    const auto recorded = json::parse(came.out)["recorded"];
    ASSERT_EQ(recorded.size(), 3U);
    EXPECT_EQ(recorded[2], (json{{"person", "stefan-buehler"}, {"presence", "present"}, {"walk_in", true}}));
    const auto excused = planner({"attend", "projekt-2013", "frank-veser", "--excused"});
    ASSERT_EQ(excused.exit_code, 0) << excused.err;
    EXPECT_EQ(excused.out, "recorded 1 excused for meeting 'projekt-2013'\n");

    const auto year = stats({"--from", "2013-04-01", "--to", "2013-04-30"});
    // April 2013: the project meeting (15 invited, 14 in the room: Hildegard Baur is
    // only informed) and the Sprecherrat (6).
    EXPECT_EQ(year["total"]["meetings"], 2);
    EXPECT_EQ(year["total"]["invited"], 20);
    EXPECT_EQ(year["total"]["attended"], 2);
    EXPECT_EQ(year["total"]["walk_ins"], 1);
    const auto county = [&](const char* name) {
        const auto& counties = year["counties"];
        const auto found = std::find_if(counties.begin(), counties.end(),
                                        [&](const json& line) { return line["county"] == name; });
        EXPECT_NE(found, counties.end()) << name;
        return found == counties.end() ? json{} : *found;
    };
    EXPECT_EQ(county("Landkreis Ravensburg")["attended"], 1);  // Knut Immeke
    EXPECT_EQ(county("Landkreis Sigmaringen")["walk_ins"], 1);  // Stefan Bühler
    EXPECT_EQ(county("Landkreis Sigmaringen")["attended"], 0);

    // 2012 knows nothing of it.
    EXPECT_EQ(stats({"--from", "2012-01-01", "--to", "2012-12-31"})["total"]["attended"], 0);
}

TEST_F(AttendanceRecordTest, OneCountysFiguresAndTheCsvForExcel)
{
    // April 2013: the project meeting is held in Ravensburg and brings the four
    // counties together; the Sprecherrat meets in the Bodenseekreis alone.
    const auto bodensee = stats({"--from", "2013-04-01", "--to", "2013-04-30", "--county", "bodenseekreis"});
    EXPECT_EQ(bodensee["total"]["meetings"], 2);
    const auto konstanz = stats({"--from", "2013-04-01", "--to", "2013-04-30", "--county", "konstanz"});
    EXPECT_EQ(konstanz["total"]["meetings"], 1);
    EXPECT_EQ(konstanz["total"]["invited"], 14);

    const auto csv = planner({"stats", "--from", "2013-04-01", "--to", "2013-04-30", "--county", "konstanz", "--csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_TRUE(csv.out.starts_with("\xEF\xBB\xBF" "Aufteilung;Gruppe;Treffen;")) << csv.out;
    EXPECT_NE(csv.out.find("\r\nGesamt;alle;1;14;0;0;0;0,0\r\n"), std::string::npos) << csv.out;
    const auto english = planner({"stats", "--csv", "--lang", "en"});
    EXPECT_TRUE(english.out.starts_with("\xEF\xBB\xBF" "Grouping;Group;Meetings;")) << english.out;

    const auto unknown = planner({"stats", "--county", "atlantis"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.err, "planner: error: --county 'atlantis': the store has no such county; it has "
                           "bodenseekreis, konstanz, ravensburg, sigmaringen\n");
    const auto both = planner({"stats", "--csv", "--json"});
    EXPECT_EQ(both.exit_code, 1);
}

TEST_F(AttendanceRecordTest, AnOccurrenceOfTheSeriesIsRecordedOnItsOwn)
{
    ASSERT_EQ(planner({"attend", "sprecherrat-2013@2013-03-12", "karin-bartholomaeus"}).exit_code, 0);
    EXPECT_EQ(stats({"--from", "2013-03-01", "--to", "2013-03-31"})["total"]["attended"], 1);
    EXPECT_EQ(stats({"--from", "2013-02-01", "--to", "2013-02-28"})["total"]["attended"], 0);
}

TEST_F(AttendanceRecordTest, RecordingForUnknownPeopleOrMeetingsChangesNothing)
{
    ASSERT_EQ(planner({"attend", "projekt-2013", "knut-immeke"}).exit_code, 0);
    const auto before = dump_store(store());
    const auto person = planner({"attend", "projekt-2013", "andreas-koester", "kurt-niemand"});
    EXPECT_EQ(person.exit_code, 1);
    EXPECT_EQ(person.err, "planner: error: unknown person 'kurt-niemand'; nothing was recorded. Add them to a "
                          "meeting file and import it first\n");
    const auto meeting = planner({"attend", "projekt-2014", "knut-immeke"});
    EXPECT_EQ(meeting.exit_code, 1);
    EXPECT_EQ(meeting.err, "planner: error: unknown meeting 'projekt-2014'; the store has: kennenlernen-2012, "
                           "projekt-2013, sprecherrat-2013\n");
    const auto absent_guest = planner({"attend", "projekt-2013", "stefan-buehler", "--absent"});
    EXPECT_EQ(absent_guest.exit_code, 1);
    EXPECT_EQ(absent_guest.err, "planner: error: Stefan Bühler ('stefan-buehler') was not invited to meeting "
                                "'projekt-2013', so cannot be absent; nothing was recorded\n");
    const auto series = planner({"attend", "sprecherrat-2013", "knut-immeke"});
    EXPECT_EQ(series.exit_code, 1);
    EXPECT_EQ(series.err, "planner: error: meeting 'sprecherrat-2013' is a series; name one of its meetings, e.g. "
                          "'sprecherrat-2013@2013-01-08'\n");
    const auto both = planner({"attend", "projekt-2013", "knut-immeke", "--absent", "--excused"});
    EXPECT_EQ(both.exit_code, 2);
    EXPECT_EQ(dump_store(store()), before);
}

TEST_F(AttendanceRecordTest, TheCsvListHasTheColumnsAsked)
{
    const auto result = planner({"attendance", "kennenlernen-2012", "--format", "csv", "--omit", "organisation,function",
                                 "--lang", "en"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    ASSERT_TRUE(result.out.starts_with("\xEF\xBB\xBF"));
    const auto lines = result.out.substr(3);
    EXPECT_TRUE(lines.starts_with("No.;Name;County;Signature\r\n")) << lines.substr(0, 80);
    EXPECT_NE(lines.find("\r\n1;Karin Bartholomäus;Bodenseekreis;\r\n"), std::string::npos) << lines.substr(0, 200);
    EXPECT_EQ(lines.find("Selbsthilfegruppe"), std::string::npos);
    const auto bad = planner({"attendance", "kennenlernen-2012", "--omit", "signature"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_EQ(bad.err, "planner: error: --omit 'signature': expected organisation, county or function (Nr., Name and "
                       "the signature always stay)\n");
}

TEST_F(AttendanceRecordTest, ThePdfListHasEveryoneOnItAndNeedsAFile)
{
    const auto pdf = dir / "teilnehmerliste.pdf";
    const auto result = planner({"attendance", "kennenlernen-2012", "--format", "pdf", "--group-by", "county", "-o",
                                 pdf.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "wrote the attendance list to " + pdf.string() + " (25 people)\n");
    const auto text = output_of("pdftotext -layout '" + pdf.string() + "' - 2>&1");
    for (const auto* name : {"Karin Bartholomäus", "Axel Goßner", "Ingrid Löffler", "Jürgen Häusler",
                             "Stefan Bühler", "Teilnehmerliste", "Donnerstag, 11. Oktober 2012, 14:00–17:00 Uhr",
                             "Bodenseekreis: 13 Personen", "Seite 1 von"}) {
        EXPECT_NE(text.find(name), std::string::npos) << name << "\n" << text;
    }
    const auto to_terminal = planner({"attendance", "kennenlernen-2012", "--format", "pdf"});
    EXPECT_EQ(to_terminal.exit_code, 1);
    EXPECT_EQ(to_terminal.err, "planner: error: a PDF is not for the terminal; give the file with -o FILE\n");
}

TEST_F(AttendanceRecordTest, TheHtmlListPrintsFromABrowser)
{
    const auto result = planner({"attendance", "kennenlernen-2012", "--format", "html", "--privacy-note",
                                 "Liste wird nach der Sitzung vernichtet."});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    for (const auto* part : {"<thead>", "@page", "Unterschrift", "Axel Goßner",
                             "Liste wird nach der Sitzung vernichtet."}) {
        EXPECT_NE(result.out.find(part), std::string::npos) << part;
    }
}

}  // namespace
}  // namespace planner::testing
