#pragma once

#include <planner/county.hpp>
#include <planner/directory.hpp>
#include <planner/meeting.hpp>
#include <planner/organisation.hpp>
#include <planner/person.hpp>
#include <planner/recurrence.hpp>
#include <planner/venue.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace planner::db {

// The records of one TOML meeting file, checked and resolved: every reference names a
// record of the file or of `known` (what the store already holds), every time is
// converted to UTC through its zone. Meetings already known keep their UID and SEQUENCE.
struct MeetingFile {
    std::vector<County> counties;
    std::vector<Organisation> organisations;
    std::vector<Person> people;
    std::vector<Venue> venues;
    std::vector<Meeting> meetings;
};

// The file of these records that read_meeting_file reads back to the same records:
// every county, organisation, person, venue and meeting, one key per line. A meeting
// keeps its UID; its SEQUENCE, answers and attendance are the store's, not the file's.
[[nodiscard]] std::string write_meeting_file(const MeetingFile& file);
// `text` as a TOML basic string on one line, every quote, backslash and control
// character escaped, so that the reader reads back exactly `text` and nothing else:
// what a value of the store or a form's field becomes in a file.
[[nodiscard]] std::string toml_string(std::string_view text);

// Throws planner::Error with "file:line:col: what is wrong" on the first problem.
// A series (a meeting with `recurrence`) is expanded with `expand` to check that its
// start, exceptions and changed occurrences are dates of its rule; a file with a
// series needs it (planner::ical::expand_rule).
[[nodiscard]] MeetingFile read_meeting_file(const std::filesystem::path& path, const Directory& known,
                                            const RuleExpansion& expand = {});
// The same for text in memory; `source_name` stands for the file in messages.
[[nodiscard]] MeetingFile parse_meeting_file(std::string_view toml_text, const std::string& source_name,
                                             const Directory& known, const RuleExpansion& expand = {});

}  // namespace planner::db
