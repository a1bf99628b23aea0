#include <planner/print/formats.hpp>

#include <gtest/gtest.h>

#include <fontconfig/fontconfig.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

// The PDF is checked the way a reader sees it: poppler's tools turn it into text,
// page sizes, font lists and pixels. They are a test dependency (poppler-utils); a
// missing tool fails the test, because a skipped check would pass unnoticed.

namespace planner::print {
namespace {

namespace fs = std::filesystem;

// Pango loads fontconfig's configuration once per process and keeps it to the end,
// through pointers LeakSanitizer cannot follow, so a sanitizer build would report it
// as leaked at exit. The test program owns its process and may release it after the
// last test; the library must not, since others in a process may still use it.
class ReleaseFontconfig : public ::testing::Environment {
public:
    void TearDown() override { FcFini(); }
};
const auto* const release_fontconfig = ::testing::AddGlobalTestEnvironment(new ReleaseFontconfig);

constexpr std::array<const char*, 4> counties{"Bodenseekreis", "Konstanz", "Ravensburg", "Sigmaringen"};
// Twelve first names times twelve surnames: unique names for up to 144 people, none
// a part of another, with the letters a German list must get right. Each fits its
// column on one line, so pdftotext shows it whole.
constexpr std::array<const char*, 12> first_names{"Jürgen", "Ayşe",  "Björn", "Käthe", "Jörg",  "Dörte",
                                                  "Sören",  "Özlem", "Ülkü",  "Märta", "Lüder", "Jens"};
constexpr std::array<const char*, 12> surnames{"Weiß",   "Özdemir", "Groß",   "Müller", "Schäfer", "Bäumer",
                                               "Köhler", "Strauß",  "Rößler", "Jäger",  "Fuß",     "Häußler"};
constexpr const char* long_organisation =
    "Selbsthilfegruppe für Angehörige von Menschen mit Demenz und ihre Unterstützerinnen und Unterstützer im "
    "westlichen Bodenseekreis";
constexpr const char* title = "Austausch der Sozialdezernate mit Initiativen";
constexpr const char* when = "Donnerstag, 11. Oktober 2012, 14:00–17:00 Uhr";

std::string participant_name(std::size_t i)
{
    return std::string(first_names.at(i % 12)) + " " + surnames.at(i / 12 % 12);
}

// `count` people in county order, as make_attendance_list orders them; every tenth
// belongs to the group with the long name, which wraps over several lines.
AttendanceList meeting_with(std::size_t count)
{
    AttendanceList list{title,
                        when,
                        "Bürgersaal Immenstaad, Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee",
                        {"Petra Hausmann", "Klaus Vogt"},
                        {},
                        "Landratsamt Bodenseekreis"};
    for (std::size_t i = 0; i < count; ++i) {
        const std::string county = counties.at(i * counties.size() / count);
        list.rows.push_back({static_cast<int>(i + 1), PersonId{}, participant_name(i),
                             i % 10 == 3 ? long_organisation : "Kontaktstelle " + county, county,
                             "Gruppenleitung"});
    }
    return list;
}

std::size_t occurrences(const std::string& text, const std::string& word)
{
    std::size_t found = 0;
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) {
        ++found;
    }
    return found;
}

// Runs one of poppler's tools and returns what it printed.
std::string run(const std::string& command)
{
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        ADD_FAILURE() << "cannot run " << command;
        return output;
    }
    std::array<char, 4096> buffer{};
    for (std::size_t read = 0; (read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) {
        output.append(buffer.data(), read);
    }
    const int status = pclose(pipe);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        ADD_FAILURE() << command << ": not found; install poppler-utils (pdftotext, pdfinfo, pdftoppm, pdffonts)";
    } else if (status != 0) {
        ADD_FAILURE() << command << " failed with status " << status;
    }
    return output;
}

// One PDF written to a directory of its own, and what poppler reads from it.
class PrintedPdf {
public:
    PrintedPdf(const AttendanceList& list, const ListOptions& options)
        : directory_(fs::temp_directory_path() / ("planner-pdf-" + std::to_string(getpid()) + "-" +
                                                  std::to_string(next_id_++))),
          file_(directory_ / "list.pdf")
    {
        fs::create_directories(directory_);
        std::ofstream(file_, std::ios::binary) << pdf_document(list, options);
    }
    PrintedPdf(const PrintedPdf&) = delete;
    PrintedPdf& operator=(const PrintedPdf&) = delete;
    ~PrintedPdf()
    {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
    }

    // The text of each page, laid out as on paper.
    std::vector<std::string> pages() const
    {
        std::vector<std::string> result;
        std::istringstream text(run("pdftotext -layout -enc UTF-8 " + quoted(file_) + " -"));
        for (std::string page; std::getline(text, page, '\f');) {
            result.push_back(page);
        }
        // pdftotext ends every page with a form feed, the last one too.
        if (!result.empty() && result.back().find_first_not_of(" \n") == std::string::npos) {
            result.pop_back();
        }
        return result;
    }

    std::string info() const { return run("pdfinfo " + quoted(file_)); }
    std::string fonts() const { return run("pdffonts " + quoted(file_)); }

    // The share of dark pixels of page 1 rendered in grey at 50 dpi.
    double dark_share_of_first_page() const
    {
        const auto prefix = directory_ / "page";
        run("pdftoppm -gray -r 50 -f 1 -l 1 -singlefile " + quoted(file_) + " " + quoted(prefix));
        std::ifstream image(prefix.string() + ".pgm", std::ios::binary);
        std::string magic;
        std::size_t width = 0;
        std::size_t height = 0;
        int max_value = 0;
        image >> magic >> width >> height >> max_value;
        image.get();  // the one whitespace before the pixels
        EXPECT_EQ(magic, "P5");
        EXPECT_EQ(max_value, 255);
        const std::string pixels(std::istreambuf_iterator<char>(image), {});
        EXPECT_EQ(pixels.size(), width * height);
        const auto dark = std::count_if(pixels.begin(), pixels.end(),
                                        [](char pixel) { return static_cast<unsigned char>(pixel) < 128; });
        return pixels.empty() ? 0.0 : static_cast<double>(dark) / static_cast<double>(pixels.size());
    }

private:
    static std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

    static inline int next_id_ = 0;
    fs::path directory_;
    fs::path file_;
};

// The value of one "Field:   value" line of pdfinfo.
std::string info_field(const std::string& pdfinfo, const std::string& field)
{
    std::istringstream lines(pdfinfo);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with(field + ":")) {
            return line.substr(line.find_first_not_of(' ', field.size() + 1));
        }
    }
    return {};
}

std::size_t page_count(const std::string& pdfinfo)
{
    return std::stoul("0" + info_field(pdfinfo, "Pages"));
}

// The page text with every run of blanks and line breaks as one space, so that a
// wrapped paragraph reads as one line again.
std::string flattened(const std::string& text)
{
    std::string result;
    for (const char c : text) {
        const bool blank = c == ' ' || c == '\n';
        if (!blank || (!result.empty() && result.back() != ' ')) {
            result += blank ? ' ' : c;
        }
    }
    return result;
}

// How many pages 11, 40 and 120 people take, from the layout's measures: below the
// header and the column titles and above the footer, a page has 603 pt for rows. A
// row is 12 mm (34 pt), one with the long organisation (every tenth person) 91 pt,
// so a page holds 16 rows with one long row among them and 14 with two. 40 people
// fill 14 + 16 + 10 rows and the total; 120 fill eight pages, and the total does not
// fit under the last of them, so it takes the last row with it to a ninth page.
struct SizeCase {
    std::size_t people;
    std::size_t pages;
};

void PrintTo(const SizeCase& size, std::ostream* out)
{
    *out << size.people << " people on " << size.pages << " pages";
}

class AttendancePdfSizes : public ::testing::TestWithParam<SizeCase> {};

INSTANTIATE_TEST_SUITE_P(AttendancePdf, AttendancePdfSizes, ::testing::Values(SizeCase{11, 1}, SizeCase{40, 3},
                                                                         SizeCase{120, 9}),
                         [](const auto& test) { return std::to_string(test.param.people); });

TEST_P(AttendancePdfSizes, PageCountAgreesWithLayoutAndFooter)
{
    const PrintedPdf pdf(meeting_with(GetParam().people), {});
    const auto pages = pdf.pages();
    EXPECT_EQ(page_count(pdf.info()), GetParam().pages);
    ASSERT_EQ(pages.size(), GetParam().pages);
    for (std::size_t k = 1; k <= pages.size(); ++k) {
        const auto& page = pages[k - 1];
        EXPECT_NE(page.find("Teilnehmerliste"), std::string::npos) << "page " << k;
        EXPECT_NE(page.find(title), std::string::npos) << "page " << k;
        EXPECT_NE(page.find(when), std::string::npos) << "page " << k;
        EXPECT_NE(page.find("Organisation: Petra Hausmann, Klaus Vogt"), std::string::npos) << "page " << k;
        EXPECT_NE(flattened(page).find("Nr. Name Organisation Landkreis Funktion Unterschrift"), std::string::npos)
            << "page " << k;
        EXPECT_NE(page.find("Seite " + std::to_string(k) + " von " + std::to_string(pages.size())),
                  std::string::npos)
            << "page " << k;
    }
}

// The table of a page: what stands above its footer.
std::string above_footer(const std::string& page)
{
    return page.substr(0, page.find("Seite "));
}

TEST_P(AttendancePdfSizes, EveryoneAppearsOnceAboveAFooter)
{
    const PrintedPdf pdf(meeting_with(GetParam().people), {});
    const auto pages = pdf.pages();
    for (std::size_t i = 0; i < GetParam().people; ++i) {
        std::size_t found = 0;
        for (const auto& page : pages) {
            EXPECT_EQ(occurrences(page, participant_name(i)), occurrences(above_footer(page), participant_name(i)))
                << participant_name(i) << " runs into the footer";
            found += occurrences(page, participant_name(i));
        }
        EXPECT_EQ(found, 1U) << participant_name(i);
    }
}

TEST_P(AttendancePdfSizes, WrappedOrganisationStaysOnOnePage)
{
    const PrintedPdf pdf(meeting_with(GetParam().people), {});
    std::size_t rows = 0;
    for (const auto& page : pdf.pages()) {
        // Each row with the long name puts all its lines on one page.
        const auto table = above_footer(page);
        const auto starts = occurrences(table, "Selbsthilfegruppe");
        EXPECT_EQ(occurrences(page, "Selbsthilfegruppe"), starts);
        EXPECT_EQ(occurrences(table, "Angehörige"), starts);
        EXPECT_EQ(occurrences(table, "Demenz"), starts);
        EXPECT_EQ(occurrences(page, "westlichen"), starts);
        EXPECT_EQ(occurrences(table, "westlichen"), starts);
        rows += starts;
    }
    EXPECT_EQ(rows, (GetParam().people + 6) / 10);
}

TEST_P(AttendancePdfSizes, TotalOnTheLastPage)
{
    const PrintedPdf pdf(meeting_with(GetParam().people), {});
    const auto pages = pdf.pages();
    ASSERT_FALSE(pages.empty());
    EXPECT_NE(pages.back().find(std::to_string(GetParam().people) + " Personen"), std::string::npos);
}

TEST(AttendancePdf, IsA4PortraitWithTheTitleAsMetadata)
{
    const auto info = PrintedPdf(meeting_with(3), {}).info();
    EXPECT_EQ(info_field(info, "Page size"), "595.28 x 841.89 pts (A4)") << info;
    EXPECT_EQ(info_field(info, "Title"), title) << info;
}

TEST(AttendancePdf, EmbedsEveryFont)
{
    const auto fonts = PrintedPdf(meeting_with(11), {}).fonts();
    std::istringstream lines(fonts);
    std::string line;
    std::getline(lines, line);  // the column titles
    EXPECT_NE(line.find("emb"), std::string::npos) << fonts;
    const auto emb_column = line.find("emb");
    std::getline(lines, line);  // the rule under them
    std::size_t listed = 0;
    while (std::getline(lines, line)) {
        EXPECT_NE(line.find("DejaVuSans"), std::string::npos) << line;
        EXPECT_EQ(line.substr(emb_column, 3), "yes") << line;
        ++listed;
    }
    EXPECT_GE(listed, 2U) << "regular and bold: " << fonts;
}

TEST(AttendancePdf, FirstPageIsNotBlank)
{
    const double dark = PrintedPdf(meeting_with(11), {}).dark_share_of_first_page();
    // Text and grid lines; a blank page has none, a black one all.
    EXPECT_GT(dark, 0.01);
    EXPECT_LT(dark, 0.5);
}

TEST(AttendancePdf, CountyGroupsHaveSubtotals)
{
    const ListOptions options{.grouping = Grouping::county};
    const auto pages = PrintedPdf(meeting_with(40), options).pages();
    std::string text;
    for (const auto& page : pages) {
        text += page;
    }
    for (const auto* county : counties) {
        EXPECT_EQ(occurrences(text, std::string(county) + ": 10 Personen"), 1U) << county;
    }
    EXPECT_NE(pages.back().find("40 Personen"), std::string::npos);
}

TEST(AttendancePdf, OnePersonIsNotPlural)
{
    auto list = meeting_with(2);
    list.rows[1].county = "Konstanz";
    list.rows[0].county = "Bodenseekreis";
    const ListOptions options{.grouping = Grouping::county};
    const auto pages = PrintedPdf(list, options).pages();
    ASSERT_EQ(pages.size(), 1U);
    EXPECT_NE(pages[0].find("Konstanz: 1 Person\n"), std::string::npos) << pages[0];
    EXPECT_NE(pages[0].find("2 Personen"), std::string::npos) << pages[0];
}

// Wherever the page breaks fall, a county's heading stands above its first row. The
// sizes cover more than a page's worth of rows, so a heading lands at the foot of a
// page somewhere among them.
TEST(AttendancePdf, CountyHeadingNeverEndsAPage)
{
    // Without these columns a line that is just a county's name is its heading.
    const ListOptions options{.grouping = Grouping::county, .omitted = {Column::county, Column::organisation}};
    for (std::size_t people = 40; people <= 64; ++people) {
        const auto pages = PrintedPdf(meeting_with(people), options).pages();
        for (std::size_t k = 0; k < pages.size(); ++k) {
            std::istringstream lines(pages[k]);
            bool heading_waits = false;
            for (std::string line; std::getline(lines, line);) {
                const auto first = line.find_first_not_of(' ');
                const auto word = first == std::string::npos ? std::string() : line.substr(first);
                if (std::find(counties.begin(), counties.end(), word) != counties.end()) {
                    heading_waits = true;
                } else if (occurrences(line, "Gruppenleitung") > 0) {
                    heading_waits = false;
                }
            }
            EXPECT_FALSE(heading_waits) << people << " people, page " << k + 1 << ":\n" << pages[k];
        }
    }
}

TEST(AttendancePdf, OmittedOrganisationLeavesNoTrace)
{
    const ListOptions options{.omitted = {Column::organisation}};
    const auto pages = PrintedPdf(meeting_with(40), options).pages();
    for (const auto& page : pages) {
        EXPECT_NE(flattened(page).find("Nr. Name Landkreis Funktion Unterschrift"), std::string::npos) << page;
        EXPECT_EQ(page.find("Kontaktstelle"), std::string::npos) << page;
        EXPECT_EQ(page.find("Selbsthilfegruppe"), std::string::npos) << page;
        EXPECT_EQ(page.find("Demenz"), std::string::npos) << page;
    }
}

TEST(AttendancePdf, SpeaksEnglish)
{
    const ListOptions options{.language = Language::en};
    const auto pages = PrintedPdf(meeting_with(40), options).pages();
    ASSERT_GT(pages.size(), 1U);
    for (std::size_t k = 1; k <= pages.size(); ++k) {
        const auto& page = pages[k - 1];
        EXPECT_NE(page.find("Attendance list"), std::string::npos);
        EXPECT_NE(page.find("Organised by: Petra Hausmann"), std::string::npos);
        EXPECT_NE(flattened(page).find("No. Name Organisation County Function Signature"), std::string::npos);
        EXPECT_NE(page.find("Page " + std::to_string(k) + " of " + std::to_string(pages.size())),
                  std::string::npos);
        EXPECT_EQ(page.find("Seite"), std::string::npos);
    }
    EXPECT_NE(pages.back().find("40 people"), std::string::npos);
}

TEST(AttendancePdf, PrivacyNoteInEveryFooter)
{
    const auto list = meeting_with(40);
    const auto note = privacy_note(list, {});
    const auto pages = PrintedPdf(list, {}).pages();
    ASSERT_GT(pages.size(), 1U);
    for (const auto& page : pages) {
        EXPECT_NE(flattened(page).find(note), std::string::npos) << page;
    }
}

TEST(AttendancePdf, ReplacedPrivacyNote)
{
    const std::string note = "Die Liste wird nach der Abrechnung mit dem Zuschussgeber vernichtet.";
    const ListOptions options{.privacy_note = note};
    const auto pages = PrintedPdf(meeting_with(40), options).pages();
    for (const auto& page : pages) {
        EXPECT_NE(page.find(note), std::string::npos) << page;
        EXPECT_EQ(page.find("DSGVO"), std::string::npos) << page;
    }
}

TEST(AttendancePdf, LongNameWrapsWhole)
{
    auto list = meeting_with(3);
    list.rows[1].name = "Maria-Theresia Leutheusser-Schnarrenberger von und zu Hohenzollern-Sigmaringen";
    const auto pages = PrintedPdf(list, {}).pages();
    ASSERT_EQ(pages.size(), 1U);
    for (const auto* part : {"Maria-Theresia", "Leutheusser-", "Schnarrenberger", "von", "und zu", "Hohenzollern-"}) {
        EXPECT_NE(pages[0].find(part), std::string::npos) << part << " in\n" << pages[0];
    }
}

TEST(AttendancePdf, EmptyListIsOnePageWithItsHeader)
{
    const auto pages = PrintedPdf(meeting_with(0), {}).pages();
    ASSERT_EQ(pages.size(), 1U);
    EXPECT_NE(pages[0].find("Teilnehmerliste"), std::string::npos);
    EXPECT_NE(pages[0].find("0 Personen"), std::string::npos);
    EXPECT_NE(pages[0].find("Seite 1 von 1"), std::string::npos);
}

}  // namespace
}  // namespace planner::print
