#include <planner/print/formats.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace planner::print {
namespace {

AttendanceStats two_thirds_came()
{
    AttendanceStats stats;
    stats.by_county.push_back({"Bodenseekreis", 2, 3, 3, 2, 1});
    stats.by_organisation_kind.push_back({"self-help-group", 2, 3, 3, 2, 1});
    stats.total = {"", 2, 3, 3, 2, 1};
    return stats;
}

TEST(StatsCsv, GermanHasADecimalCommaAndTheKindsAsPeopleSayThem)
{
    std::ostringstream out;
    write_stats_csv(two_thirds_came(), Language::de, out);
    EXPECT_EQ(out.str(), "\xEF\xBB\xBF"
                         "Aufteilung;Gruppe;Treffen;Eingeladen;Zugesagt;Anwesend;Ohne Einladung;Anwesenheitsquote (%)\r\n"
                         "Landkreis;Bodenseekreis;2;3;3;2;1;66,7\r\n"
                         "Art der Organisation;Selbsthilfegruppe;2;3;3;2;1;66,7\r\n"
                         "Gesamt;alle;2;3;3;2;1;66,7\r\n");
}

TEST(StatsCsv, EnglishHasADecimalPoint)
{
    std::ostringstream out;
    write_stats_csv(two_thirds_came(), Language::en, out);
    EXPECT_NE(out.str().find("\r\nKind of organisation;Self-help group;2;3;3;2;1;66.7\r\n"), std::string::npos) << out.str();
}

TEST(StatsCsv, AGroupThatReadsAsAFormulaStaysText)
{
    auto stats = two_thirds_came();
    stats.by_county.front().group = "=HYPERLINK(\"x\")";
    std::ostringstream out;
    write_stats_csv(stats, Language::de, out);
    EXPECT_NE(out.str().find("\r\nLandkreis;\"'=HYPERLINK(\"\"x\"\")\";"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace planner::print
