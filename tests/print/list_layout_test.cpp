#include <planner/print/formats.hpp>
#include <planner/print/list_layout.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace planner;
using planner::print::AttendanceList;
using planner::print::Column;
using planner::print::Grouping;
using planner::print::Language;
using planner::print::ListOptions;

using Columns = std::vector<Column>;
using Strings = std::vector<std::string>;

const std::string shg_name = "Selbsthilfegruppe \"Leben mit Krebs\"; Ravensburg";

AttendanceList sample_list()
{
    return {"Austausch Selbsthilfe Bodensee-Oberschwaben",
            "Donnerstag, 11. Oktober 2012, 14:00\u201317:00 Uhr",
            "Schloss Hersberg, Hersberg 1, 88090 Immenstaad am Bodensee",
            {"Ulrich Köster"},
            {
                {1, PersonId{"koester"}, "Ulrich Köster", "Landratsamt Bodenseekreis", "Bodenseekreis",
                 "Sozialdezernent"},
                {2, PersonId{"weiss"}, "Anton Weiß", "Landratsamt Bodenseekreis", "Bodenseekreis", ""},
                {3, PersonId{"veser"}, "Frank Veser", "Kontaktstelle Konstanz", "Konstanz", "Leiter"},
                {4, PersonId{"abel"}, "Anna Abel", shg_name, "Ravensburg", "Kassenwartin"},
            },
            "Landratsamt Bodenseekreis"};
}

Strings lines_of(const std::string& text)
{
    Strings lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

// A small CSV reader for what write_csv promises: a byte-order mark, CRLF between
// records, ';' between fields, '"' quoting with doubled quotes inside.
std::vector<Strings> read_csv(std::string text)
{
    EXPECT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0U) << "no byte-order mark";
    text.erase(0, 3);
    std::vector<Strings> records;
    Strings record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == ';') {
            record.push_back(std::move(field));
            field.clear();
        } else if (!quoted && text.compare(i, 2, "\r\n") == 0) {
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    EXPECT_TRUE(!quoted && field.empty() && record.empty()) << "the last record does not end with CRLF";
    return records;
}

// ------------------------------------------------------------ columns

TEST(ListLayout, AllColumnsAreVisibleByDefault)
{
    EXPECT_EQ(print::visible_columns({}), (Columns{Column::number, Column::name, Column::organisation, Column::county,
                                                   Column::function, Column::signature}));
}

TEST(ListLayout, OmittedColumnsAreLeftOutInOrder)
{
    EXPECT_EQ(print::visible_columns(ListOptions{.omitted = {Column::function, Column::organisation}}),
              (Columns{Column::number, Column::name, Column::county, Column::signature}));
}

TEST(ListLayout, NumberNameAndSignatureCannotBeOmitted)
{
    const Columns every{Column::number, Column::name,     Column::organisation,
                        Column::county, Column::function, Column::signature};
    EXPECT_EQ(print::visible_columns(ListOptions{.omitted = every}),
              (Columns{Column::number, Column::name, Column::signature}));
}

TEST(ListLayout, ColumnTitlesInGermanAndEnglish)
{
    const Columns every{Column::number, Column::name,     Column::organisation,
                        Column::county, Column::function, Column::signature};
    Strings german;
    Strings english;
    for (const auto column : every) {
        german.emplace_back(print::column_title(column, Language::de));
        english.emplace_back(print::column_title(column, Language::en));
    }
    EXPECT_EQ(german, (Strings{"Nr.", "Name", "Organisation", "Landkreis", "Funktion", "Unterschrift"}));
    EXPECT_EQ(english, (Strings{"No.", "Name", "Organisation", "County", "Function", "Signature"}));
}

TEST(ListLayout, CellIsTheRowsTextAndTheSignatureIsEmpty)
{
    const auto row = sample_list().rows.at(3);
    EXPECT_EQ(print::cell(row, Column::number), "4");
    EXPECT_EQ(print::cell(row, Column::name), "Anna Abel");
    EXPECT_EQ(print::cell(row, Column::organisation), shg_name);
    EXPECT_EQ(print::cell(row, Column::county), "Ravensburg");
    EXPECT_EQ(print::cell(row, Column::function), "Kassenwartin");
    EXPECT_EQ(print::cell(row, Column::signature), "");
}

TEST(ListLayout, TitlesAndCellsOfSeveralColumnsAreInTheirOrder)
{
    const Columns some{Column::signature, Column::county, Column::number, Column::name};
    EXPECT_EQ(print::column_titles(some, Language::de), (Strings{"Unterschrift", "Landkreis", "Nr.", "Name"}));
    EXPECT_EQ(print::column_titles(some, Language::en), (Strings{"Signature", "County", "No.", "Name"}));
    EXPECT_EQ(print::cells(sample_list().rows.at(3), some), (Strings{"", "Ravensburg", "4", "Anna Abel"}));
    EXPECT_TRUE(print::column_titles({}, Language::de).empty());
}

// ------------------------------------------------------------ options

TEST(ListLayout, OptionsNameOnlyWhatTheyChange)
{
    const ListOptions options{.grouping = Grouping::county};
    EXPECT_EQ(options.language, Language::de);
    EXPECT_EQ(options.grouping, Grouping::county);
    EXPECT_TRUE(options.omitted.empty());
    EXPECT_FALSE(options.privacy_note.has_value());
}

// ------------------------------------------------------------ header

TEST(ListLayout, OrganisersLineJoinsTheNamesInTheListsLanguage)
{
    auto list = sample_list();
    EXPECT_EQ(print::organisers_line(list, Language::de), "Organisation: Ulrich Köster");
    list.organisers.emplace_back("Monika Reiser");
    EXPECT_EQ(print::organisers_line(list, Language::de), "Organisation: Ulrich Köster, Monika Reiser");
    EXPECT_EQ(print::organisers_line(list, Language::en), "Organised by: Ulrich Köster, Monika Reiser");
}

// ------------------------------------------------------------ groups and counts

TEST(ListLayout, WithoutGroupingOneUnnamedRunHasEveryRow)
{
    const auto list = sample_list();
    const auto groups = print::row_groups(list, Grouping::none);
    ASSERT_EQ(groups.size(), 1U);
    EXPECT_EQ(groups[0].county, "");
    ASSERT_EQ(groups[0].rows.size(), list.rows.size());
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
        EXPECT_EQ(groups[0].rows[i], &list.rows[i]);
    }
}

TEST(ListLayout, GroupingByCountyMakesOneRunPerCounty)
{
    const auto list = sample_list();
    const auto groups = print::row_groups(list, Grouping::county);
    ASSERT_EQ(groups.size(), 3U);
    EXPECT_EQ(groups[0].county, "Bodenseekreis");
    EXPECT_EQ(groups[0].rows, (std::vector<const print::AttendanceRow*>{&list.rows[0], &list.rows[1]}));
    EXPECT_EQ(groups[1].county, "Konstanz");
    EXPECT_EQ(groups[1].rows, (std::vector<const print::AttendanceRow*>{&list.rows[2]}));
    EXPECT_EQ(groups[2].county, "Ravensburg");
    EXPECT_EQ(groups[2].rows, (std::vector<const print::AttendanceRow*>{&list.rows[3]}));
}

TEST(ListLayout, PeopleCount)
{
    EXPECT_EQ(print::people_count(1, Language::de), "1 Person");
    EXPECT_EQ(print::people_count(2, Language::de), "2 Personen");
    EXPECT_EQ(print::people_count(0, Language::de), "0 Personen");
    EXPECT_EQ(print::people_count(1, Language::en), "1 person");
    EXPECT_EQ(print::people_count(2, Language::en), "2 people");
}

// ------------------------------------------------------------ privacy note

TEST(ListLayout, GermanPrivacyNoteNamesControllerPurposeAndKeepingTime)
{
    const auto note = print::privacy_note(sample_list(), {});
    EXPECT_NE(note.find("Verantwortlich: Landratsamt Bodenseekreis"), std::string::npos) << note;
    EXPECT_NE(note.find("Nachweis der Teilnahme"), std::string::npos) << note;
    EXPECT_NE(note.find("ein Jahr nach der Veranstaltung vernichtet"), std::string::npos) << note;
}

TEST(ListLayout, EnglishPrivacyNoteNamesControllerPurposeAndKeepingTime)
{
    const auto note = print::privacy_note(sample_list(), ListOptions{.language = Language::en});
    EXPECT_NE(note.find("Controller: Landratsamt Bodenseekreis"), std::string::npos) << note;
    EXPECT_NE(note.find("records who attended this meeting"), std::string::npos) << note;
    EXPECT_NE(note.find("destroyed one year after the meeting"), std::string::npos) << note;
}

TEST(ListLayout, PrivacyNoteWithoutControllerNamesTheOrganisers)
{
    auto list = sample_list();
    list.controller.clear();
    EXPECT_NE(print::privacy_note(list, {}).find("Verantwortlich: die Organisatoren."), std::string::npos);
    EXPECT_NE(print::privacy_note(list, ListOptions{.language = Language::en}).find("Controller: the organisers."),
              std::string::npos);
}

TEST(ListLayout, PrivacyNoteCanBeReplaced)
{
    const ListOptions options{.privacy_note = "Bitte nur intern verwenden."};
    EXPECT_EQ(print::privacy_note(sample_list(), options), "Bitte nur intern verwenden.");
}

// ------------------------------------------------------------ text with options

TEST(ListLayout, TextGroupedByCountyHasASubtotalAfterEachCounty)
{
    std::ostringstream out;
    print::write_text(sample_list(), out, ListOptions{.grouping = Grouping::county});
    const auto lines = lines_of(out.str());
    ASSERT_EQ(lines.size(), 6U + 1U + 4U + 6U + 1U) << out.str();
    EXPECT_EQ(lines[6].rfind("Nr.", 0), 0U) << lines[6];
    EXPECT_NE(lines[7].find("Ulrich Köster"), std::string::npos);
    EXPECT_NE(lines[8].find("Anton Weiß"), std::string::npos);
    EXPECT_EQ(lines[9], "Bodenseekreis: 2 Personen");
    EXPECT_EQ(lines[10], "");
    EXPECT_NE(lines[11].find("Frank Veser"), std::string::npos);
    EXPECT_EQ(lines[12], "Konstanz: 1 Person");
    EXPECT_EQ(lines[13], "");
    EXPECT_NE(lines[14].find("Anna Abel"), std::string::npos);
    EXPECT_EQ(lines[15], "Ravensburg: 1 Person");
    EXPECT_EQ(lines[16], "");
    EXPECT_EQ(lines[17], "4 Personen");
}

TEST(ListLayout, TextInEnglishWithoutOmittedColumns)
{
    std::ostringstream out;
    print::write_text(sample_list(), out,
                      ListOptions{.language = Language::en,
                                  .grouping = Grouping::county,
                                  .omitted = {Column::organisation, Column::function}});
    const auto text = out.str();
    const auto lines = lines_of(text);
    ASSERT_GE(lines.size(), 8U);
    EXPECT_EQ(lines[0], "Attendance list");
    EXPECT_EQ(lines[4], "Organised by: Ulrich Köster");
    // Only the four visible titles, with two spaces or more between them.
    std::istringstream header(lines[6]);
    Strings titles;
    for (std::string word; header >> word;) {
        titles.push_back(word);
    }
    EXPECT_EQ(titles, (Strings{"No.", "Name", "County", "Signature"}));
    EXPECT_EQ(text.find("Landratsamt"), std::string::npos);
    EXPECT_EQ(text.find("Leben mit Krebs"), std::string::npos);
    EXPECT_EQ(text.find("Sozialdezernent"), std::string::npos);
    EXPECT_NE(text.find("\nBodenseekreis: 2 people\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\nKonstanz: 1 person\n"), std::string::npos) << text;
    EXPECT_EQ(lines.back(), "4 people");
}

TEST(ListLayout, TextOfAnEmptyListHasABlankLineBeforeTheTotal)
{
    auto list = sample_list();
    list.rows.clear();
    for (const auto grouping : {Grouping::none, Grouping::county}) {
        std::ostringstream out;
        print::write_text(list, out, ListOptions{.grouping = grouping});
        const auto lines = lines_of(out.str());
        ASSERT_EQ(lines.size(), 6U + 1U + 2U) << out.str();
        EXPECT_EQ(lines[6].rfind("Nr.", 0), 0U) << lines[6];
        EXPECT_EQ(lines[7], "");
        EXPECT_EQ(lines[8], "0 Personen");
    }
}

// ------------------------------------------------------------ CSV with options

TEST(ListLayout, CsvInEnglishWithoutOmittedColumnsReadsBack)
{
    const auto list = sample_list();
    std::ostringstream out;
    print::write_csv(list, out,
                     ListOptions{.language = Language::en,
                                 .grouping = Grouping::county,
                                 .omitted = {Column::organisation, Column::function}});
    const auto records = read_csv(out.str());
    ASSERT_EQ(records.size(), 1U + list.rows.size());
    EXPECT_EQ(records[0], (Strings{"No.", "Name", "County", "Signature"}));
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
        const auto& row = list.rows[i];
        EXPECT_EQ(records[i + 1], (Strings{std::to_string(row.number), row.name, row.county, ""}));
    }
    EXPECT_EQ(out.str().find("Leben mit Krebs"), std::string::npos);
}

TEST(ListLayout, CsvWithoutTheCountyKeepsQuotedOrganisations)
{
    const auto list = sample_list();
    std::ostringstream out;
    print::write_csv(list, out, ListOptions{.omitted = {Column::county}});
    const auto records = read_csv(out.str());
    ASSERT_EQ(records.size(), 1U + list.rows.size());
    EXPECT_EQ(records[0], (Strings{"Nr.", "Name", "Organisation", "Funktion", "Unterschrift"}));
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
        const auto& row = list.rows[i];
        EXPECT_EQ(records[i + 1], (Strings{std::to_string(row.number), row.name, row.organisation, row.function, ""}));
    }
    EXPECT_EQ(records[4][2], shg_name);
}

}  // namespace
