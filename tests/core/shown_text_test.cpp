#include <planner/shown_text.hpp>

#include <gtest/gtest.h>

#include <string>

namespace planner {
namespace {

TEST(ShownText, ControlCharactersAndEscapeSequencesBecomeQuestionMarks)
{
    EXPECT_EQ(terminal_text("Frank\x1b[2J Veser\x07"), "Frank?[2J Veser?");
    EXPECT_EQ(terminal_text(std::string("a\0b\x7f" "c", 5)), "a?b?c");
    // C1 controls in UTF-8 (U+009B is a CSI of its own), but not the letters around them.
    EXPECT_EQ(terminal_text("\xc2\x9b" "2J Gro\xc3\x9f" "e \xc2\xa0"), "?2J Große \xc2\xa0");
}

TEST(ShownText, TerminalTextKeepsLineEndsAndTabsButNotALoneCarriageReturn)
{
    // A lone CR would let the rest of a line overwrite its start.
    EXPECT_EQ(terminal_text("eins\r\nzwei\n\tdrei"), "eins\r\nzwei\n\tdrei");
    EXPECT_EQ(terminal_text("gelesen\rgefälscht"), "gelesen?gefälscht");
    EXPECT_EQ(terminal_text("am Ende\r"), "am Ende?");
}

TEST(ShownText, OneLineTextMakesLineEndsAndTabsSpaces)
{
    EXPECT_EQ(one_line_text("Ich komme\nspäter\r\nbis dann\tK."), "Ich komme später bis dann K.");
    EXPECT_EQ(one_line_text("Name\rFake\x1b]0;title\x07"), "Name?Fake?]0;title?");
    EXPECT_EQ(one_line_text("Anna Müller"), "Anna Müller");
}

}  // namespace
}  // namespace planner
