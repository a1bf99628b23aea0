#include <planner/print/formats.hpp>

#include <planner/error.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace pt = boost::posix_time;

using namespace planner;
using planner::print::AttendanceList;
using planner::print::AttendanceRow;

const std::string shg_name = "Selbsthilfegruppe \"Leben mit Krebs\"; Ravensburg";

pt::ptime local(const std::string& text)
{
    return time_zone("Europe/Berlin").to_utc(pt::time_from_string(text + ":00"));
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

// Terminal columns: one per UTF-8 code point.
std::size_t columns(std::string_view text)
{
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++count;
        }
    }
    return count;
}

// The column at which `value` starts in `line`, searching from byte `from`.
std::size_t column_of(const std::string& line, const std::string& value, std::size_t from = 0)
{
    const auto at = line.find(value, from);
    if (at == std::string::npos) {
        ADD_FAILURE() << "'" << value << "' not in '" << line << "'";
        return 0;
    }
    return columns(std::string_view(line).substr(0, at));
}

// An RFC 4180 reader with ';' as the separator and CRLF between records. A bare CR or
// LF outside quotes is a test failure.
std::vector<std::vector<std::string>> read_csv(const std::string& text)
{
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && field.empty()) {
            quoted = true;
        } else if (c == ';') {
            record.push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(field);
            field.clear();
            records.push_back(record);
            record.clear();
            ++i;
        } else if (c == '\r' || c == '\n' || c == '"') {
            ADD_FAILURE() << "unexpected character " << static_cast<int>(c) << " at byte " << i;
        } else {
            field += c;
        }
    }
    EXPECT_FALSE(quoted) << "unterminated quoted field";
    EXPECT_TRUE(field.empty() && record.empty()) << "the last record does not end with CRLF";
    return records;
}

class AttendanceListTest : public ::testing::Test {
protected:
    AttendanceListTest()
    {
        add_county("bodenseekreis", "Bodenseekreis");
        add_county("konstanz", "Konstanz");
        add_county("ravensburg", "Ravensburg");
        add_county("sigmaringen", "Sigmaringen");
        add_organisation("lra-bsk", "Landratsamt Bodenseekreis", "bodenseekreis");
        add_organisation("lra-sig", "Landratsamt Sigmaringen", "sigmaringen");
        add_organisation("kst-kn", "Kontaktstelle für Selbsthilfegruppen Konstanz", "konstanz");
        add_organisation("shg-rv", shg_name, "ravensburg");
        add_person("koester", "Ulrich Köster", "lra-bsk", "Sozialdezernent");
        add_person("reiser", "Monika Reiser", "lra-sig", "Kreissozialamt");
        add_person("veser", "Frank Veser", "kst-kn", "");
        add_person("buehler", "Stefan Bühler", "shg-rv", "Sprecher");
        add_person("abel", "Anna Abel", "shg-rv", "Kassenwartin");
        add_person("presse", "Petra Presse", "lra-bsk", "Pressestelle");
        add_person("zeller", "Zora Zeller", "lra-bsk", "Leiterin \"Sozialplanung\"");
        directory.add(Venue{VenueId{"schloss"}, "Schloss Hersberg", "Hersberg 1, 88090 Immenstaad am Bodensee",
                            CountyId{"bodenseekreis"}, 40, GeoPoint(47.6667, 9.3667), Accessibility::step_free});
        directory.add(meeting);
    }

    void add_county(const char* id, const char* name)
    {
        directory.add(County{CountyId{id}, name, name, "DE-BW", GeoPoint(47.7, 9.3)});
    }

    void add_organisation(const char* id, const std::string& name, const char* county)
    {
        directory.add(Organisation{OrganisationId{id}, name, CountyId{county}, OrganisationKind::other, std::nullopt});
    }

    void add_person(const char* id, const char* name, const char* organisation, const char* function)
    {
        directory.add(Person{PersonId{id}, name, EmailAddress(std::string(id) + "@example.org"),
                             OrganisationId{organisation}, function, Access::any, std::nullopt});
    }

    Meeting meeting{MeetingId{"austausch-2012"},
                    "uid-austausch-2012",
                    "Austausch Selbsthilfe Bodensee-Oberschwaben",
                    "",
                    TimeRange(local("2012-10-11 14:00"), local("2012-10-11 17:00")),
                    "Europe/Berlin",
                    VenueId{"schloss"},
                    {PersonId{"koester"}, PersonId{"reiser"}},
                    {{PersonId{"veser"}, Role::required},
                     {PersonId{"reiser"}, Role::required},
                     {PersonId{"buehler"}, Role::optional},
                     {PersonId{"presse"}, Role::info},
                     {PersonId{"abel"}, Role::required},
                     {PersonId{"zeller"}, Role::required}},
                    {},
                    MeetingStatus::confirmed,
                    0,
                    {},
                    std::nullopt,
                    std::nullopt,
                    std::nullopt};
    Directory directory;
};

// ------------------------------------------------------------ the list

TEST_F(AttendanceListTest, HeaderOfTheList)
{
    const auto list = print::make_attendance_list(directory, meeting);
    EXPECT_EQ(list.title, "Austausch Selbsthilfe Bodensee-Oberschwaben");
    EXPECT_EQ(list.when, "Donnerstag, 11. Oktober 2012, 14:00\u201317:00 Uhr");
    EXPECT_EQ(list.venue, "Schloss Hersberg, Hersberg 1, 88090 Immenstaad am Bodensee");
    EXPECT_EQ(list.organisers, (std::vector<std::string>{"Ulrich Köster", "Monika Reiser"}));
}

TEST_F(AttendanceListTest, RowsByCountyThenNameNumberedFromOne)
{
    const auto list = print::make_attendance_list(directory, meeting);
    const std::vector<AttendanceRow> expected{
        {1, PersonId{"koester"}, "Ulrich Köster", "Landratsamt Bodenseekreis", "Bodenseekreis", "Sozialdezernent"},
        {2, PersonId{"zeller"}, "Zora Zeller", "Landratsamt Bodenseekreis", "Bodenseekreis",
         "Leiterin \"Sozialplanung\""},
        {3, PersonId{"veser"}, "Frank Veser", "Kontaktstelle für Selbsthilfegruppen Konstanz", "Konstanz", ""},
        {4, PersonId{"abel"}, "Anna Abel", shg_name, "Ravensburg", "Kassenwartin"},
        {5, PersonId{"buehler"}, "Stefan Bühler", shg_name, "Ravensburg", "Sprecher"},
        {6, PersonId{"reiser"}, "Monika Reiser", "Landratsamt Sigmaringen", "Sigmaringen", "Kreissozialamt"},
    };
    EXPECT_EQ(list.rows, expected);
}

TEST_F(AttendanceListTest, RowsAreSortedBySurnameAsGermanListsAre)
{
    add_person("oezdemir", "Ayşe Özdemir", "lra-bsk", "");
    add_person("weiss", "Anton Weiß", "lra-bsk", "");
    add_person("weise", "Berta Weise", "lra-bsk", "");
    add_person("albrecht", "Zacharias albrecht", "lra-bsk", "");
    for (const auto* id : {"oezdemir", "weiss", "weise", "albrecht"}) {
        meeting.participants.push_back({PersonId{id}, Role::required});
    }
    const auto list = print::make_attendance_list(directory, meeting);
    std::vector<std::string> bodenseekreis;
    for (const auto& row : list.rows) {
        if (row.county == "Bodenseekreis") {
            bodenseekreis.push_back(row.name);
        }
    }
    // albrecht < Köster < Özdemir (as O) < Weise < Weiß (as Weiss) < Zeller
    EXPECT_EQ(bodenseekreis, (std::vector<std::string>{"Zacharias albrecht", "Ulrich Köster", "Ayşe Özdemir",
                                                       "Berta Weise", "Anton Weiß", "Zora Zeller"}));
}

TEST_F(AttendanceListTest, OrganisersAreListedOnceAndTheInformedNotAtAll)
{
    const auto list = print::make_attendance_list(directory, meeting);
    int reiser = 0;
    for (const auto& row : list.rows) {
        EXPECT_NE(row.person, PersonId{"presse"});
        reiser += row.person == PersonId{"reiser"} ? 1 : 0;
    }
    EXPECT_EQ(reiser, 1);
    EXPECT_EQ(list.rows.size(), 6U);
}

TEST_F(AttendanceListTest, UnknownRecordsThrowNotFound)
{
    auto broken = meeting;
    broken.participants.push_back({PersonId{"ghost"}, Role::required});
    EXPECT_THROW(static_cast<void>(print::make_attendance_list(directory, broken)), NotFound);
    try {
        static_cast<void>(print::make_attendance_list(directory, broken));
    } catch (const NotFound& error) {
        EXPECT_STREQ(error.what(), "unknown person 'ghost'");
    }
    auto nowhere = meeting;
    nowhere.venue = VenueId{"rathaus"};
    try {
        static_cast<void>(print::make_attendance_list(directory, nowhere));
        ADD_FAILURE() << "expected planner::NotFound";
    } catch (const NotFound& error) {
        EXPECT_STREQ(error.what(), "unknown venue 'rathaus'");
    }
}

// ------------------------------------------------------------ text

TEST_F(AttendanceListTest, TextStartsWithTheHeader)
{
    std::ostringstream out;
    print::write_text(print::make_attendance_list(directory, meeting), out);
    const auto lines = lines_of(out.str());
    ASSERT_GE(lines.size(), 7U);
    EXPECT_EQ(lines[0], "Teilnehmerliste");
    EXPECT_EQ(lines[1], "Austausch Selbsthilfe Bodensee-Oberschwaben");
    EXPECT_EQ(lines[2], "Donnerstag, 11. Oktober 2012, 14:00\u201317:00 Uhr");
    EXPECT_EQ(lines[3], "Schloss Hersberg, Hersberg 1, 88090 Immenstaad am Bodensee");
    EXPECT_EQ(lines[4], "Organisation: Ulrich Köster, Monika Reiser");
    EXPECT_EQ(lines[5], "");
    EXPECT_EQ(lines[6].rfind("Nr.", 0), 0U) << lines[6];
}

TEST_F(AttendanceListTest, TextHasEveryoneInTheRoomInOrderAndACount)
{
    std::ostringstream out;
    print::write_text(print::make_attendance_list(directory, meeting), out);
    const auto text = out.str();
    const auto lines = lines_of(text);
    const std::vector<std::string> names{"Ulrich Köster", "Zora Zeller", "Frank Veser",
                                         "Anna Abel",     "Stefan Bühler", "Monika Reiser"};
    ASSERT_EQ(lines.size(), 7U + names.size() + 2U) << text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto& line = lines[7 + i];
        EXPECT_EQ(line.rfind(std::to_string(i + 1) + " ", 0), 0U) << line;
        EXPECT_NE(line.find(names[i]), std::string::npos) << line;
        // An empty signature line of at least 20 columns.
        EXPECT_EQ(line.substr(line.size() - 20), std::string(20, '_')) << line;
    }
    EXPECT_EQ(text.find("Petra Presse"), std::string::npos);
    EXPECT_EQ(lines[lines.size() - 2], "");
    EXPECT_EQ(lines.back(), "6 Personen");
}

TEST_F(AttendanceListTest, TextColumnsAlignDespiteUmlauts)
{
    std::ostringstream out;
    const auto list = print::make_attendance_list(directory, meeting);
    print::write_text(list, out);
    const auto lines = lines_of(out.str());
    ASSERT_EQ(lines.size(), 15U);
    const auto& header = lines[6];
    const auto name_column = column_of(header, "Name");
    const auto organisation_column = column_of(header, "Organisation");
    const auto county_column = column_of(header, "Landkreis");
    const auto function_column = column_of(header, "Funktion");
    const auto signature_column = column_of(header, "Unterschrift");
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
        const auto& row = list.rows[i];
        const auto& line = lines[7 + i];
        EXPECT_EQ(column_of(line, row.name), name_column) << line;
        EXPECT_EQ(column_of(line, row.organisation), organisation_column) << line;
        EXPECT_EQ(column_of(line, row.county, line.find(row.organisation) + row.organisation.size()), county_column)
            << line;
        if (!row.function.empty()) {
            EXPECT_EQ(column_of(line, row.function), function_column) << line;
        }
        EXPECT_EQ(columns(line), columns(header)) << line;
        EXPECT_EQ(column_of(line, "_"), signature_column) << line;
    }
}

TEST_F(AttendanceListTest, TextOfOnePerson)
{
    auto small = meeting;
    small.organisers = {PersonId{"koester"}};
    small.participants = {};
    std::ostringstream out;
    print::write_text(print::make_attendance_list(directory, small), out);
    const auto lines = lines_of(out.str());
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back(), "1 Person");
    EXPECT_EQ(lines[4], "Organisation: Ulrich Köster");
}

// ------------------------------------------------------------ CSV

TEST_F(AttendanceListTest, CsvForGermanExcel)
{
    std::ostringstream out;
    print::write_csv(print::make_attendance_list(directory, meeting), out);
    EXPECT_EQ(out.str(),
              "\xEF\xBB\xBF"
              "Nr.;Name;Organisation;Landkreis;Funktion;Unterschrift\r\n"
              "1;Ulrich Köster;Landratsamt Bodenseekreis;Bodenseekreis;Sozialdezernent;\r\n"
              "2;Zora Zeller;Landratsamt Bodenseekreis;Bodenseekreis;\"Leiterin \"\"Sozialplanung\"\"\";\r\n"
              "3;Frank Veser;Kontaktstelle für Selbsthilfegruppen Konstanz;Konstanz;;\r\n"
              "4;Anna Abel;\"Selbsthilfegruppe \"\"Leben mit Krebs\"\"; Ravensburg\";Ravensburg;Kassenwartin;\r\n"
              "5;Stefan Bühler;\"Selbsthilfegruppe \"\"Leben mit Krebs\"\"; Ravensburg\";Ravensburg;Sprecher;\r\n"
              "6;Monika Reiser;Landratsamt Sigmaringen;Sigmaringen;Kreissozialamt;\r\n");
}

TEST_F(AttendanceListTest, CsvStartsWithAByteOrderMarkAndEndsLinesWithCrLf)
{
    std::ostringstream out;
    print::write_csv(print::make_attendance_list(directory, meeting), out);
    const auto csv = out.str();
    ASSERT_GE(csv.size(), 3U);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
    for (std::size_t i = 0; i < csv.size(); ++i) {
        if (csv[i] == '\n') {
            EXPECT_TRUE(i > 0 && csv[i - 1] == '\r') << "bare LF at byte " << i;
        }
    }
}

TEST_F(AttendanceListTest, CsvReadsBackIntoTheSameColumns)
{
    const auto list = print::make_attendance_list(directory, meeting);
    std::ostringstream out;
    print::write_csv(list, out);
    const auto csv = out.str();
    ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0U);
    const auto records = read_csv(csv.substr(3));
    ASSERT_EQ(records.size(), 1U + list.rows.size());
    EXPECT_EQ(records[0],
              (std::vector<std::string>{"Nr.", "Name", "Organisation", "Landkreis", "Funktion", "Unterschrift"}));
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
        const auto& row = list.rows[i];
        EXPECT_EQ(records[i + 1], (std::vector<std::string>{std::to_string(i + 1), row.name, row.organisation,
                                                            row.county, row.function, ""}));
    }
    // Umlauts are written as UTF-8, not transliterated.
    EXPECT_EQ(records[1][1], "Ulrich K\xC3\xB6ster");
    EXPECT_EQ(records[4][2], shg_name);
}

TEST_F(AttendanceListTest, CsvQuotesLineBreaksInAValue)
{
    AttendanceList list{"Titel", "Wann", "Wo", {}, {}, {}};
    list.rows.push_back({1, PersonId{"x"}, "Erika Muster", "Verein\r\nfür Selbsthilfe", "Konstanz", "Kasse"});
    std::ostringstream out;
    print::write_csv(list, out);
    EXPECT_EQ(out.str(), "\xEF\xBB\xBF"
                         "Nr.;Name;Organisation;Landkreis;Funktion;Unterschrift\r\n"
                         "1;Erika Muster;\"Verein\r\nfür Selbsthilfe\";Konstanz;Kasse;\r\n");
    const auto records = read_csv(out.str().substr(3));
    ASSERT_EQ(records.size(), 2U);
    EXPECT_EQ(records[1][2], "Verein\r\nfür Selbsthilfe");
}

TEST_F(AttendanceListTest, CsvCellsThatExcelWouldRunAsFormulasStayText)
{
    AttendanceList list{"Titel", "Wann", "Wo", {}, {}, {}};
    list.rows.push_back({1, PersonId{"x"}, "=HYPERLINK(\"http://x\")", "+Verein", "Konstanz", "-; Kasse"});
    list.rows.push_back({2, PersonId{"y"}, "@Anna", "Verein", "Konstanz", "Anna-Lena"});
    std::ostringstream out;
    print::write_csv(list, out);
    EXPECT_EQ(out.str(), "\xEF\xBB\xBF"
                         "Nr.;Name;Organisation;Landkreis;Funktion;Unterschrift\r\n"
                         "1;\"'=HYPERLINK(\"\"http://x\"\")\";'+Verein;Konstanz;\"'-; Kasse\";\r\n"
                         "2;'@Anna;Verein;Konstanz;Anna-Lena;\r\n");
}

TEST_F(AttendanceListTest, CsvCellsStartingWithTabOrCarriageReturnStayTextToo)
{
    // Excel skips a leading TAB or CR and then runs the formula.
    AttendanceList list{"Titel", "Wann", "Wo", {}, {}, {}};
    list.rows.push_back({1, PersonId{"x"}, "\t=1+1", "\r=cmd|' /C calc'!A0", "Konstanz", "\tKasse"});
    std::ostringstream out;
    print::write_csv(list, out);
    EXPECT_EQ(out.str(), "\xEF\xBB\xBF"
                         "Nr.;Name;Organisation;Landkreis;Funktion;Unterschrift\r\n"
                         "1;'\t=1+1;'?=cmd|' /C calc'!A0;Konstanz;'\tKasse;\r\n");
}

TEST_F(AttendanceListTest, CsvCellsLoseControlCharactersButKeepTheirLineBreaks)
{
    AttendanceList list{"Titel", "Wann", "Wo", {}, {}, {}};
    list.rows.push_back({1, PersonId{"x"}, "Erika\x1b[2J Muster\x07", "Verein\r\nfür\rSelbsthilfe", "Kon\xc2\x9bstanz",
                         "Kasse"});
    std::ostringstream out;
    print::write_csv(list, out);
    EXPECT_EQ(out.str(), "\xEF\xBB\xBF"
                         "Nr.;Name;Organisation;Landkreis;Funktion;Unterschrift\r\n"
                         "1;Erika?[2J Muster?;\"Verein\r\nfür?Selbsthilfe\";Kon?stanz;Kasse;\r\n");
}

TEST_F(AttendanceListTest, TextListShowsEveryValueOnOneLineWithoutControlCharacters)
{
    AttendanceList list{"Titel\x1b]0;pwned\x07", "Wann", "Wo\nGefälschte Zeile", {"Karin\rB."}, {}, ""};
    list.rows.push_back({1, PersonId{"x"}, "Erika\x1b[2J Muster", "Verein\r\nfür Selbsthilfe", "Konstanz", "Kas\tse"});
    std::ostringstream out;
    print::write_text(list, out);
    const auto text = out.str();
    for (const char c : text) {
        EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << "control character " << static_cast<int>(c);
    }
    const auto lines = lines_of(text);
    ASSERT_GE(lines.size(), 8U);
    EXPECT_EQ(lines[1], "Titel?]0;pwned?");
    EXPECT_EQ(lines[3], "Wo Gefälschte Zeile");
    EXPECT_EQ(lines[4], "Organisation: Karin?B.");
    EXPECT_NE(lines[7].find("Erika?[2J Muster  Verein für Selbsthilfe"), std::string::npos) << lines[7];
    EXPECT_NE(lines[7].find("Kas se"), std::string::npos) << lines[7];
}

TEST_F(AttendanceListTest, CsvOfAnEmptyListIsTheHeader)
{
    const AttendanceList list{"Titel", "Wann", "Wo", {}, {}, {}};
    std::ostringstream out;
    print::write_csv(list, out);
    EXPECT_EQ(out.str(), "\xEF\xBB\xBFNr.;Name;Organisation;Landkreis;Funktion;Unterschrift\r\n");
}

}  // namespace
