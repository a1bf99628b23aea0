#include <planner/ical/content_lines.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace planner::ical {
namespace {

std::vector<std::string> physical_lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        EXPECT_NE(end, std::string::npos) << "a line does not end in CRLF";
        if (end == std::string::npos) {
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

bool is_valid_utf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0U) != 0x80U) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

TEST(FoldLinesTest, ShortLinesOnlyGetCrlf)
{
    EXPECT_EQ(fold_lines("BEGIN:VCALENDAR\nVERSION:2.0\n"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    EXPECT_EQ(fold_lines("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
}

TEST(FoldLinesTest, ALineOfExactly75OctetsIsNotFolded)
{
    const std::string line(75, 'x');
    EXPECT_EQ(fold_lines(line), line + "\r\n");
}

TEST(FoldLinesTest, A76OctetLineIsFoldedAfter75)
{
    const std::string line(76, 'x');
    EXPECT_EQ(fold_lines(line), std::string(75, 'x') + "\r\n x\r\n");
}

TEST(FoldLinesTest, ContinuationLinesHold74OctetsAfterTheirSpace)
{
    const std::string line(75 + 74 + 1, 'x');
    EXPECT_EQ(fold_lines(line), std::string(75, 'x') + "\r\n " + std::string(74, 'x') + "\r\n x\r\n");
}

TEST(FoldLinesTest, NeverSplitsAUtf8Character)
{
    // "ü" is two octets, "€" three, "𝄞" four; place each across the 75-octet boundary.
    for (const std::string character : {"ü", "€", "𝄞"}) {
        for (std::size_t prefix = 70; prefix <= 75; ++prefix) {
            std::string line(prefix, 'a');
            for (int i = 0; i < 60; ++i) {
                line += character;
            }
            const auto folded = fold_lines(line);
            for (const auto& physical : physical_lines(folded)) {
                EXPECT_LE(physical.size(), max_line_octets);
                EXPECT_TRUE(is_valid_utf8(physical)) << "prefix " << prefix << " splits '" << character << "'";
            }
            EXPECT_EQ(unfold_lines(folded), line + "\r\n");
        }
    }
}

TEST(UnfoldLinesTest, JoinsCrlfAndLfFoldsWithSpaceOrTab)
{
    EXPECT_EQ(unfold_lines("SUMMARY:Gedanken-\r\n und Erfahrungs\r\n\taustausch\r\n"),
              "SUMMARY:Gedanken-und Erfahrungsaustausch\r\n");
    EXPECT_EQ(unfold_lines("SUMMARY:a\n b\n"), "SUMMARY:ab\n");
}

TEST(UnfoldLinesTest, KeepsLineBreaksThatAreNotFolds)
{
    EXPECT_EQ(unfold_lines("A:1\r\nB:2\r\n"), "A:1\r\nB:2\r\n");
}

}  // namespace
}  // namespace planner::ical
