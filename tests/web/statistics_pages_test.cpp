// The statistics page and its CSV: a year's figures, one county's meetings, and only
// the meetings the viewer may read.

#include "web_fixture.hpp"

#include <planner/services/attendance.hpp>

#include <gtest/gtest.h>

#include <string>

namespace planner::web::testing {
namespace {

// The row of the figures table whose first cell is `group`, as its text.
std::string table_row(const std::string& body, const std::string& group)
{
    const auto start = body.find("<th scope=\"row\">" + group + "</th>");
    if (start == std::string::npos) {
        return {};
    }
    return body.substr(start, body.find("</tr>", start) - start);
}

TEST(StatisticsPages, AYearsFiguresShowAsChartAndTableAndCountWhoCame)
{
    WebFixture fixture;
    const auto before = fixture.dispatch(fixture.request(Who::admin, Method::get, "/statistics?year=2012"));
    ASSERT_EQ(before.status, 200u);
    EXPECT_NE(before.body.find("<h1>Statistik 2012</h1>"), std::string::npos);
    EXPECT_NE(before.body.find("<svg"), std::string::npos);
    EXPECT_NE(before.body.find("role=\"img\""), std::string::npos);
    // One meeting in 2012, 25 people invited, nobody recorded yet.
    EXPECT_EQ(table_row(before.body, "Gesamt"),
              "<th scope=\"row\">Gesamt</th><td>1</td><td>25</td><td>0</td><td>0</td><td>0</td><td>0 %</td>");
    EXPECT_NE(table_row(before.body, "Selbsthilfegruppe"), "");

    static_cast<void>(services::record_attendance(
        fixture.store(), {"kennenlernen-2012", {PersonId("frank-veser"), PersonId("axel-gossner")}, Presence::present}));
    const auto after = fixture.dispatch(fixture.request(Who::admin, Method::get, "/statistics?year=2012"));
    EXPECT_EQ(table_row(after.body, "Gesamt"),
              "<th scope=\"row\">Gesamt</th><td>1</td><td>25</td><td>0</td><td>2</td><td>0</td><td>8 %</td>");
    // Frank Veser is of the Landratsamt Sigmaringen.
    EXPECT_EQ(table_row(after.body, "Landkreis Sigmaringen"),
              "<th scope=\"row\">Landkreis Sigmaringen</th><td>1</td><td>4</td><td>0</td><td>1</td><td>0</td><td>25 %</td>");

    // A year without meetings says so.
    const auto empty = fixture.dispatch(fixture.request(Who::admin, Method::get, "/statistics?year=2030"));
    EXPECT_NE(empty.body.find("Keine Treffen"), std::string::npos) << empty.body;
}

TEST(StatisticsPages, OnlyMeetingsTheViewerMayReadAndOfTheCountyAskedForAreCounted)
{
    WebFixture fixture;
    fixture.add_lindau_double_booking();  // two meetings of 2012-11-20, one in Lindau, one in Immenstaad
    const auto admin = fixture.dispatch(fixture.request(Who::admin, Method::get, "/statistics?year=2012"));
    EXPECT_NE(table_row(admin.body, "Gesamt").find("<td>3</td>"), std::string::npos) << table_row(admin.body, "Gesamt");
    // Lindau's organiser reads its own meeting and none of the Bodenseekreis'.
    const auto lindau = fixture.dispatch(fixture.request(Who::other_organiser, Method::get, "/statistics?year=2012"));
    EXPECT_EQ(table_row(lindau.body, "Gesamt"),
              "<th scope=\"row\">Gesamt</th><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0 %</td>");
    EXPECT_EQ(lindau.body.find("Landkreis Sigmaringen</th>"), std::string::npos);
    // The admin asks for Lindau's meetings alone.
    const auto county = fixture.dispatch(fixture.request(Who::admin, Method::get, "/statistics?year=2012&county=lindau"));
    EXPECT_NE(county.body.find("<h1>Statistik 2012: Landkreis Lindau (Bodensee)</h1>"), std::string::npos);
    EXPECT_NE(table_row(county.body, "Gesamt").find("<td>1</td>"), std::string::npos);
    EXPECT_NE(county.body.find("<option value=\"lindau\" selected>"), std::string::npos);
}

TEST(StatisticsPages, TheCsvIsForGermanExcel)
{
    WebFixture fixture;
    static_cast<void>(services::record_attendance(
        fixture.store(), {"kennenlernen-2012", {PersonId("frank-veser"), PersonId("axel-gossner")}, Presence::present}));
    const auto csv = fixture.dispatch(fixture.request(Who::staff, Method::get, "/statistics.csv?year=2012"));
    ASSERT_EQ(csv.status, 200u);
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(header_of(csv, "Content-Disposition"), "attachment; filename=\"statistik-2012.csv\"");
    EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF" "Aufteilung;Gruppe;Treffen;Eingeladen;Zugesagt;Anwesend;"
                                     "Ohne Einladung;Anwesenheitsquote (%)\r\n"))
        << csv.body;
    EXPECT_NE(csv.body.find("\r\nGesamt;alle;1;25;0;2;0;8,0\r\n"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("\r\nArt der Organisation;Selbsthilfegruppe;"), std::string::npos);
}

TEST(StatisticsPages, AWrongYearOrCountyIsABadRequest)
{
    WebFixture fixture;
    for (const auto* target : {"/statistics?year=zwanzig", "/statistics?year=1800", "/statistics.csv?year=2012x",
                               "/statistics?county=..%2Fetc", "/statistics.csv?year=2012&county=-x"}) {
        const auto response = fixture.dispatch(fixture.request(Who::admin, Method::get, target));
        EXPECT_EQ(response.status, 400u) << target;
    }
}

}  // namespace
}  // namespace planner::web::testing
