#include <planner/print/formats.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

using namespace planner;
using planner::print::AttendanceList;
using planner::print::Column;
using planner::print::Grouping;
using planner::print::Language;
using planner::print::ListOptions;

// An independent reader of the page: Python's html.parser, as a browser would see it
// (entities decoded, white space collapsed). One line per finding, fields by tabs:
//   lang <lang>  |  charset <charset>  |  external <tag>
//   tr <thead|tbody> <class> <colspan of the first cell> <cell>...
//   text <header|footer|body> <tag> <class> <text>
//   tbody  (at the start of each tbody)
constexpr const char* reader_script = R"(
import sys
from html.parser import HTMLParser

def clean(text):
    return ' '.join(text.split())

class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.section = self.block = None
        self.row = self.cell = self.text = None
    def emit(self, *fields):
        print('\t'.join(fields))
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'html':
            self.emit('lang', a.get('lang') or '')
        if tag == 'meta' and 'charset' in a:
            self.emit('charset', a['charset'] or '')
        if tag in ('script', 'link', 'img', 'iframe', 'object', 'embed') or 'src' in a or 'href' in a:
            self.emit('external', tag)
        if tag in ('thead', 'tbody'):
            self.section = tag
            if tag == 'tbody':
                self.emit('tbody')
        if tag in ('header', 'footer'):
            self.block = tag
        if tag == 'tr':
            self.row = [self.section, a.get('class') or '', None]
        if tag in ('th', 'td'):
            self.cell = []
            if self.row[2] is None:
                self.row[2] = a.get('colspan') or '1'
        if tag in ('p', 'h1'):
            self.text = (tag, a.get('class') or '', [])
    def handle_endtag(self, tag):
        if tag in ('th', 'td'):
            self.row.append(clean(''.join(self.cell)))
            self.cell = None
        if tag == 'tr':
            self.emit('tr', *self.row)
            self.row = None
        if tag in ('header', 'footer'):
            self.block = None
        if tag in ('p', 'h1') and self.text:
            self.emit('text', self.block or 'body', self.text[0], self.text[1], clean(''.join(self.text[2])))
            self.text = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        if self.text is not None:
            self.text[2].append(data)

sys.stdout.reconfigure(encoding='utf-8')
with open(sys.argv[1], encoding='utf-8') as page:
    reader = Reader()
    reader.feed(page.read())
    reader.close()
)";

std::vector<std::string> split(const std::string& line, char separator)
{
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, separator)) {
        fields.push_back(field);
    }
    if (!line.empty() && line.back() == separator) {
        fields.emplace_back();
    }
    return fields;
}

struct TableRow {
    std::string section;
    std::string css_class;
    std::string colspan;
    std::vector<std::string> cells;
};

struct Page {
    std::string lang;
    std::string charset;
    std::vector<std::string> external;
    std::vector<TableRow> rows;
    int tbodies = 0;
    std::vector<std::string> header;  // the texts of the header block, in order
    std::vector<std::string> body;  // texts outside header and footer
    std::vector<std::string> footer;

    [[nodiscard]] std::vector<std::string> column_titles() const
    {
        for (const auto& row : rows) {
            if (row.section == "thead" && row.css_class.empty()) {
                return row.cells;
            }
        }
        return {};
    }
    [[nodiscard]] std::vector<TableRow> body_rows() const
    {
        std::vector<TableRow> result;
        std::copy_if(rows.begin(), rows.end(), std::back_inserter(result),
                     [](const TableRow& row) { return row.section == "tbody"; });
        return result;
    }
};

class TemporaryFiles {
public:
    TemporaryFiles()
    {
        std::string pattern = (fs::temp_directory_path() / "planner-html-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = pattern;
    }
    TemporaryFiles(const TemporaryFiles&) = delete;
    TemporaryFiles& operator=(const TemporaryFiles&) = delete;
    ~TemporaryFiles()
    {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }

    [[nodiscard]] fs::path write(const std::string& name, const std::string& content) const
    {
        const auto file = path_ / name;
        std::ofstream(file, std::ios::binary) << content;
        return file;
    }

private:
    fs::path path_;
};

Page parse(const std::string& html)
{
    const TemporaryFiles files;
    const auto script = files.write("read_html.py", reader_script);
    const auto page_file = files.write("list.html", html);
    const auto command = "/usr/bin/python3 '" + script.string() + "' '" + page_file.string() + "'";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        ADD_FAILURE() << "cannot run " << command;
        return {};
    }
    std::string output;
    char buffer[4096];
    for (std::size_t n = 0; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        output.append(buffer, n);
    }
    EXPECT_EQ(pclose(pipe), 0) << "html.parser failed on the page:\n" << html;

    Page page;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        const auto fields = split(line, '\t');
        const auto& kind = fields.at(0);
        if (kind == "lang") {
            page.lang = fields.at(1);
        } else if (kind == "charset") {
            page.charset = fields.at(1);
        } else if (kind == "external") {
            page.external.push_back(fields.at(1));
        } else if (kind == "tbody") {
            ++page.tbodies;
        } else if (kind == "tr") {
            page.rows.push_back({fields.at(1), fields.at(2), fields.at(3), {fields.begin() + 4, fields.end()}});
        } else if (kind == "text") {
            auto& texts = fields.at(1) == "header" ? page.header : fields.at(1) == "footer" ? page.footer : page.body;
            texts.push_back(fields.at(4));
        } else {
            ADD_FAILURE() << "unexpected line from the reader: " << line;
        }
    }
    return page;
}

const std::string tricky_name = "Anna \"Nanni\" <Müller> & Co";

class AttendanceHtmlTest : public ::testing::Test {
protected:
    AttendanceList list{
        "Austausch Selbsthilfe Bodensee-Oberschwaben",
        "Donnerstag, 11. Oktober 2012, 14:00\u201317:00 Uhr",
        "Schloss Hersberg, Hersberg 1, 88090 Immenstaad am Bodensee",
        {"Ulrich Köster", "Monika Reiser"},
        {
            {1, PersonId{"koester"}, "Ulrich Köster", "Landratsamt Bodenseekreis", "Bodenseekreis", "Sozialdezernent"},
            {2, PersonId{"weiss"}, "Anton Weiß", "Landratsamt Bodenseekreis", "Bodenseekreis", "Straßenbau"},
            {3, PersonId{"veser"}, "Frank Veser", "Kontaktstelle für Selbsthilfegruppen Konstanz", "Konstanz", ""},
            {4, PersonId{"nanni"}, tricky_name, "SHG \"Leben mit Krebs\" <Ravensburg>", "Ravensburg", "O'Neill & Söhne"},
            {5, PersonId{"buehler"}, "Stefan Bühler", "SHG \"Leben mit Krebs\" <Ravensburg>", "Ravensburg",
             "Sprecher"},
        },
        "Landratsamt Bodenseekreis"};

    [[nodiscard]] std::string html(const ListOptions& options = {}) const
    {
        std::ostringstream out;
        print::write_html(list, out, options);
        return out.str();
    }

    [[nodiscard]] std::vector<std::string> cells_of(std::size_t index, const std::vector<Column>& columns) const
    {
        return print::cells(list.rows.at(index), columns);
    }
};

const std::vector<Column> all_columns{Column::number, Column::name,     Column::organisation,
                                      Column::county, Column::function, Column::signature};

TEST_F(AttendanceHtmlTest, IsOneSelfContainedUtf8Page)
{
    const auto text = html();
    EXPECT_EQ(text.rfind("<!DOCTYPE html>\n", 0), 0U);
    const auto page = parse(text);
    EXPECT_EQ(page.lang, "de");
    EXPECT_EQ(page.charset, "utf-8");
    EXPECT_TRUE(page.external.empty()) << page.external.front();
    EXPECT_EQ(text.find("<script"), std::string::npos);
    EXPECT_EQ(text.find("url("), std::string::npos);
    EXPECT_EQ(text.find("@import"), std::string::npos);
}

TEST_F(AttendanceHtmlTest, HeaderNamesTheMeeting)
{
    const auto page = parse(html());
    EXPECT_EQ(page.header, (std::vector<std::string>{"Teilnehmerliste", list.title, list.when, list.venue,
                                                     "Organisation: Ulrich Köster, Monika Reiser"}));
}

TEST_F(AttendanceHtmlTest, TableHasEveryColumnAndRowAndATotal)
{
    const auto page = parse(html());
    EXPECT_EQ(page.column_titles(),
              (std::vector<std::string>{"Nr.", "Name", "Organisation", "Landkreis", "Funktion", "Unterschrift"}));
    const auto rows = page.body_rows();
    ASSERT_EQ(rows.size(), list.rows.size());
    EXPECT_EQ(page.tbodies, 1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].css_class, "");
        EXPECT_EQ(rows[i].colspan, "1");
        EXPECT_EQ(rows[i].cells, cells_of(i, all_columns));
        EXPECT_EQ(rows[i].cells.back(), "") << "the signature cell is empty";
    }
    EXPECT_EQ(page.body, (std::vector<std::string>{"5 Personen"}));
}

TEST_F(AttendanceHtmlTest, TheTableHeaderRepeatsTheMeetingForEveryPrintedPage)
{
    const auto page = parse(html());
    ASSERT_FALSE(page.rows.empty());
    const auto& running = page.rows.front();
    EXPECT_EQ(running.section, "thead");
    EXPECT_EQ(running.css_class, "running");
    EXPECT_EQ(running.colspan, "6");
    EXPECT_EQ(running.cells, (std::vector<std::string>{list.title + " \u2013 " + list.when}));
}

TEST_F(AttendanceHtmlTest, EscapesEveryCharacterHtmlGivesAMeaning)
{
    list.title = "<script>alert('x')</script> & \"Co\"";
    list.organisers = {tricky_name};
    const auto text = html();
    EXPECT_EQ(text.find(tricky_name), std::string::npos);
    EXPECT_EQ(text.find("<script>"), std::string::npos);
    EXPECT_EQ(text.find("<Müller>"), std::string::npos);
    EXPECT_EQ(text.find("O'Neill"), std::string::npos);
    EXPECT_NE(text.find("Anna &quot;Nanni&quot; &lt;Müller&gt; &amp; Co"), std::string::npos);
    EXPECT_NE(text.find("O&#39;Neill &amp; Söhne"), std::string::npos);

    // Read back, every text is what was written.
    const auto page = parse(text);
    EXPECT_TRUE(page.external.empty());
    ASSERT_EQ(page.header.size(), 5U);
    EXPECT_EQ(page.header[1], list.title);
    EXPECT_EQ(page.header[4], "Organisation: " + tricky_name);
    const auto rows = page.body_rows();
    ASSERT_EQ(rows.size(), list.rows.size());
    EXPECT_EQ(rows[3].cells, (std::vector<std::string>{"4", tricky_name, "SHG \"Leben mit Krebs\" <Ravensburg>",
                                                       "Ravensburg", "O'Neill & Söhne", ""}));
}

TEST_F(AttendanceHtmlTest, OmittedColumnsAreNowhereOnThePage)
{
    const ListOptions options{.omitted = {Column::organisation, Column::function}};
    const auto text = html(options);
    const auto page = parse(text);
    EXPECT_EQ(page.column_titles(), (std::vector<std::string>{"Nr.", "Name", "Landkreis", "Unterschrift"}));
    EXPECT_EQ(page.rows.front().colspan, "4");
    const auto rows = page.body_rows();
    ASSERT_EQ(rows.size(), list.rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].cells, cells_of(i, {Column::number, Column::name, Column::county, Column::signature}));
    }
    // The name of a self-help group can reveal a health condition.
    EXPECT_EQ(text.find("Leben mit Krebs"), std::string::npos);
    EXPECT_EQ(text.find("Sozialdezernent"), std::string::npos);
}

TEST_F(AttendanceHtmlTest, NumberNameAndSignatureCannotBeOmitted)
{
    const ListOptions options{.omitted = {Column::number, Column::name, Column::signature}};
    EXPECT_EQ(parse(html(options)).column_titles(),
              (std::vector<std::string>{"Nr.", "Name", "Organisation", "Landkreis", "Funktion", "Unterschrift"}));
}

TEST_F(AttendanceHtmlTest, EnglishWording)
{
    const ListOptions options{.language = Language::en};
    const auto page = parse(html(options));
    EXPECT_EQ(page.lang, "en");
    ASSERT_EQ(page.header.size(), 5U);
    EXPECT_EQ(page.header[0], "Attendance list");
    EXPECT_EQ(page.header[4], "Organised by: Ulrich Köster, Monika Reiser");
    EXPECT_EQ(page.column_titles(),
              (std::vector<std::string>{"No.", "Name", "Organisation", "County", "Function", "Signature"}));
    EXPECT_EQ(page.body, (std::vector<std::string>{"5 people"}));
    ASSERT_EQ(page.footer.size(), 1U);
    EXPECT_EQ(page.footer[0].rfind("Data protection:", 0), 0U) << page.footer[0];
}

TEST_F(AttendanceHtmlTest, GroupsByCountyWithHeadingsAndSubtotals)
{
    const ListOptions options{.grouping = Grouping::county, .omitted = {Column::function}};
    const auto page = parse(html(options));
    EXPECT_EQ(page.tbodies, 3);
    std::vector<std::vector<std::string>> seen;
    for (const auto& row : page.body_rows()) {
        auto line = row.cells;
        line.insert(line.begin(), row.css_class + "/" + row.colspan);
        seen.push_back(line);
    }
    const std::vector<std::vector<std::string>> expected{
        {"county/5", "Bodenseekreis"},
        {"/1", "1", "Ulrich Köster", "Landratsamt Bodenseekreis", "Bodenseekreis", ""},
        {"/1", "2", "Anton Weiß", "Landratsamt Bodenseekreis", "Bodenseekreis", ""},
        {"subtotal/5", "Bodenseekreis: 2 Personen"},
        {"county/5", "Konstanz"},
        {"/1", "3", "Frank Veser", "Kontaktstelle für Selbsthilfegruppen Konstanz", "Konstanz", ""},
        {"subtotal/5", "Konstanz: 1 Person"},
        {"county/5", "Ravensburg"},
        {"/1", "4", tricky_name, "SHG \"Leben mit Krebs\" <Ravensburg>", "Ravensburg", ""},
        {"/1", "5", "Stefan Bühler", "SHG \"Leben mit Krebs\" <Ravensburg>", "Ravensburg", ""},
        {"subtotal/5", "Ravensburg: 2 Personen"},
    };
    EXPECT_EQ(seen, expected);
    EXPECT_EQ(page.body, (std::vector<std::string>{"5 Personen"}));
}

TEST_F(AttendanceHtmlTest, EnglishSubtotals)
{
    const ListOptions options{.language = Language::en, .grouping = Grouping::county};
    std::vector<std::string> subtotals;
    for (const auto& row : parse(html(options)).body_rows()) {
        if (row.css_class == "subtotal") {
            subtotals.push_back(row.cells.at(0));
        }
    }
    EXPECT_EQ(subtotals, (std::vector<std::string>{"Bodenseekreis: 2 people", "Konstanz: 1 person",
                                                   "Ravensburg: 2 people"}));
}

TEST_F(AttendanceHtmlTest, PrintsOnA4WithRowsTallEnoughToSignAndNeverSplit)
{
    const auto text = html();
    for (const auto* rule : {"@page { size: A4; margin: 15mm }", "@media print", "thead { display: table-header-group }",
                             "tr { break-inside: avoid; page-break-inside: avoid }", "height: 12mm",
                             "td.signature { width: 45mm; border-bottom: 1pt solid #000 }"}) {
        EXPECT_NE(text.find(rule), std::string::npos) << rule;
    }
    const auto style = text.find("<style>");
    EXPECT_TRUE(style != std::string::npos && style < text.find("</head>"));
}

TEST_F(AttendanceHtmlTest, UmlautsAndSharpSAreUtf8)
{
    const auto text = html();
    EXPECT_NE(text.find("Anton Wei\xC3\x9F"), std::string::npos);
    EXPECT_NE(text.find("Ulrich K\xC3\xB6ster"), std::string::npos);
    EXPECT_NE(text.find("Stra\xC3\x9F" "enbau"), std::string::npos);
    EXPECT_EQ(text.find("&szlig;"), std::string::npos);
    EXPECT_EQ(text.find("&ouml;"), std::string::npos);
    const auto rows = parse(text).body_rows();
    ASSERT_EQ(rows.size(), list.rows.size());
    EXPECT_EQ(rows[1].cells[1], "Anton Weiß");
    EXPECT_EQ(rows[1].cells[4], "Straßenbau");
    EXPECT_EQ(rows[2].cells[2], "Kontaktstelle für Selbsthilfegruppen Konstanz");
}

TEST_F(AttendanceHtmlTest, FooterHasThePrivacyNote)
{
    const auto page = parse(html());
    ASSERT_EQ(page.footer.size(), 1U);
    EXPECT_EQ(page.footer[0], print::privacy_note(list, {}));
    EXPECT_NE(page.footer[0].find("Verantwortlich: Landratsamt Bodenseekreis"), std::string::npos);
}

TEST_F(AttendanceHtmlTest, FooterHasAReplacedNoteEscaped)
{
    const ListOptions options{.privacy_note = "Nur für <intern> & \"Akten\""};
    const auto text = html(options);
    EXPECT_NE(text.find("Nur für &lt;intern&gt; &amp; &quot;Akten&quot;"), std::string::npos);
    EXPECT_EQ(parse(text).footer, (std::vector<std::string>{"Nur für <intern> & \"Akten\""}));
}

TEST_F(AttendanceHtmlTest, EmptyListStillHasTheTableHeaderTotalAndNote)
{
    list.rows.clear();
    const auto page = parse(html());
    EXPECT_EQ(page.column_titles().size(), 6U);
    EXPECT_TRUE(page.body_rows().empty());
    EXPECT_EQ(page.body, (std::vector<std::string>{"0 Personen"}));
    EXPECT_EQ(page.footer.size(), 1U);
}

}  // namespace
