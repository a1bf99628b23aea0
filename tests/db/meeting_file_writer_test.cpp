// What write_meeting_file writes reads back to the same records: the examples, and the
// values that are easy to get wrong (quotes and line breaks in text, the doubled autumn
// hour, whole-numbered coordinates, series with exceptions and changed meetings).

#include <planner/db/meeting_file.hpp>

#include <planner/ical/recurrence.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace planner::db {
namespace {

std::string file_text(const std::string& name)
{
    std::ifstream in(std::string(PLANNER_EXAMPLES_DIR) + "/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void expect_same(const MeetingFile& a, const MeetingFile& b)
{
    EXPECT_EQ(a.counties, b.counties);
    EXPECT_EQ(a.organisations, b.organisations);
    EXPECT_EQ(a.people, b.people);
    EXPECT_EQ(a.venues, b.venues);
    ASSERT_EQ(a.meetings.size(), b.meetings.size());
    for (std::size_t i = 0; i < a.meetings.size(); ++i) {
        EXPECT_EQ(a.meetings[i], b.meetings[i]) << a.meetings[i].id.str();
    }
}

// Records as a Directory, for reading a second file against them.
Directory directory_of(const MeetingFile& file)
{
    Directory directory;
    for (const auto& county : file.counties) {
        directory.add(county);
    }
    for (const auto& organisation : file.organisations) {
        directory.add(organisation);
    }
    for (const auto& person : file.people) {
        directory.add(person);
    }
    for (const auto& venue : file.venues) {
        directory.add(venue);
    }
    return directory;
}

TEST(MeetingFileWriter, TheExamplesReadBackToTheSameRecords)
{
    const auto immenstaad = parse_meeting_file(file_text("immenstaad-2012.toml"), "immenstaad-2012.toml", Directory{},
                                               ical::expand_rule);
    const auto written = write_meeting_file(immenstaad);
    expect_same(parse_meeting_file(written, "written.toml", Directory{}, ical::expand_rule), immenstaad);
    // Written again, it is the same text: nothing drifts from one round to the next.
    EXPECT_EQ(write_meeting_file(parse_meeting_file(written, "written.toml", Directory{}, ical::expand_rule)), written);

    const auto known = directory_of(immenstaad);
    const auto conflicts =
        parse_meeting_file(file_text("conflicts-2013.toml"), "conflicts-2013.toml", known, ical::expand_rule);
    expect_same(parse_meeting_file(write_meeting_file(conflicts), "written.toml", known, ical::expand_rule), conflicts);
}

TEST(MeetingFileWriter, TextTimesAndCoordinatesThatAreEasyToGetWrong)
{
    const std::string text = R"toml(
[[county]]
id = "bodenseekreis"
name = "Bodenseekreis \"am See\""
seat = "Friedrichshafen"
state = "DE-BW"
geo = [47, 9]

[[organisation]]
id = "shg"
name = "Gruppe 'Nachtwache' \\ Süd"
county = "bodenseekreis"
kind = "self-help-group"
office_hours = "18:00-21:00"

[[organisation]]
id = "lra"
name = "Landratsamt"
county = "bodenseekreis"
kind = "district-office"
office_hours = false

[[person]]
id = "anna"
name = "Anna \u00d6z"
email = "anna@example.org"
organisation = "shg"
geo = [47.5, 9.25]

[[venue]]
id = "saal"
name = "Saal"
address = "Hauptstraße 1, 88090 Immenstaad"
county = "bodenseekreis"
capacity = 40
geo = [47.6667, 9.3667]
accessible = false

[[meeting]]
id = "herbst"
title = "Die \"Nacht\" der Zeitumstellung"
description = """
Zwei Zeilen,
mit Tab\tund Backslash \\."""
start = 2012-10-28T02:30:00+01:00
end = 2012-10-28T03:30:00
venue = "saal"
organisers = ["anna"]
participants = [{ person = "anna", role = "info" }]
status = "tentative"
participants_see_each_other = true
public = true

[[meeting.agenda]]
start = 2012-10-28T02:30:00+01:00
end = 03:00:00
title = "Begrüßung"
presenter = "anna"

[[meeting]]
id = "reihe"
title = "Reihe"
start = 2013-01-08T09:30:00
end = 2013-01-08T12:00:00
timezone = "Europe/Berlin"
venue = "saal"
organisers = ["anna"]
recurrence = "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231"
exceptions = [2013-08-13, 2013-09-10]
participants_see_each_other = false

[[meeting.occurrence]]
date = 2013-05-14
start = 2013-05-15T09:30:00
end = 2013-05-15T12:00:00

[[meeting.occurrence]]
date = 2013-12-10
status = "cancelled"
)toml";
    const auto read = parse_meeting_file(text, "tricky.toml", Directory{}, ical::expand_rule);
    const auto written = write_meeting_file(read);
    expect_same(parse_meeting_file(written, "written.toml", Directory{}, ical::expand_rule), read);
    // The second 02:30 of that night needs its offset; the times around it do not.
    EXPECT_NE(written.find("start = 2012-10-28T02:30:00+01:00\n"), std::string::npos) << written;
    EXPECT_NE(written.find("end = 2012-10-28T03:30:00\n"), std::string::npos) << written;
    EXPECT_NE(written.find("geo = [47.0, 9.0]\n"), std::string::npos) << written;
    // Said either way, or not at all (the rule decides).
    EXPECT_EQ(read.meetings[0].participants_see_each_other, true);
    EXPECT_EQ(read.meetings[1].participants_see_each_other, false);
    EXPECT_NE(written.find("participants_see_each_other = false\n"), std::string::npos) << written;
    // Public where it says so, and not said where it is not.
    EXPECT_TRUE(read.meetings[0].published);
    EXPECT_FALSE(read.meetings[1].published);
    EXPECT_EQ(written.find("public = "), written.rfind("public = "));
    EXPECT_NE(written.find("public = true\n"), std::string::npos) << written;
}

// Text that a multi-line or literal TOML string could not hold: it must come back as it
// was, and never add a record of its own to the file.
TEST(MeetingFileWriter, NoTextCanCloseItsStringOrAddARecord)
{
    const auto read = parse_meeting_file(file_text("immenstaad-2012.toml"), "immenstaad-2012.toml", Directory{},
                                         ical::expand_rule);
    for (const std::string& text : {std::string("x\n'''\n[[person]]\nid = \"mallory\"\nname = \"M\"\n#"),
                                   std::string("ends'''"), std::string("\nstarts with a line break"),
                                   std::string("\"\"\"\n[[county]]\n\"\"\""), std::string("back\\slash\\"),
                                   std::string("tab\tcr\rdel\x7f bell\x07 \xc3\xa4")}) {
        SCOPED_TRACE(text);
        auto changed = read;
        changed.people.front().function = text;
        changed.meetings.front().description = text;
        changed.organisations.front().name = text;
        const auto written = write_meeting_file(changed);
        const auto back = parse_meeting_file(written, "written.toml", Directory{}, ical::expand_rule);
        expect_same(back, changed);
        EXPECT_EQ(toml_string(text).find('\n'), std::string::npos);  // one line, always
    }
}

}  // namespace
}  // namespace planner::db
