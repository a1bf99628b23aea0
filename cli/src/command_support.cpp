#include "command_support.hpp"

#include <planner/error.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace planner::cli {

db::Store open_existing(const GlobalOptions& global)
{
    return {global.store, db::OpenMode::must_exist};
}

const Meeting& find_meeting(const Directory& directory, const std::string& id)
{
    const auto* meeting = directory.find(MeetingId(id));
    if (meeting == nullptr) {
        // A region's store holds thousands of meetings: name a few, then count the rest.
        constexpr std::size_t named = 10;
        std::string known;
        std::size_t listed = 0;
        for (const auto& [known_id, known_meeting] : directory.meetings()) {
            if (listed++ == named) {
                known += fmt::format(" and {} more ('planner meetings' lists them)", directory.meetings().size() - named);
                break;
            }
            known += known.empty() ? "" : ", ";
            known += known_id.str();
        }
        throw NotFound(fmt::format("unknown meeting '{}'; the store has: {}", id, known.empty() ? "none" : known));
    }
    return *meeting;
}

Directory expanded(Directory directory)
{
    expand_series(directory, ical::expand_rule);
    return directory;
}

void require_meeting(const Directory& schedule, const GlobalOptions& global, const std::string& id)
{
    if (!names_a_meeting(schedule, MeetingId(id))) {
        static_cast<void>(find_meeting(open_existing(global).load(), id));
    }
}

void deliver(const std::string& content, const std::optional<std::filesystem::path>& output, std::ostream& out)
{
    if (!output) {
        out << content;
        return;
    }
    const auto partial = std::filesystem::path(output->string() + ".partial");
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file << content;
        file.close();
        if (!file) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw Error(fmt::format("{}: cannot write the file", output->string()));
        }
    }
    std::error_code error;
    std::filesystem::rename(partial, *output, error);
    if (error) {
        throw Error(fmt::format("{}: cannot write the file: {}", output->string(), error.message()));
    }
}

void require_time_zone(const std::string& name, std::string_view option)
{
    try {
        static_cast<void>(time_zone(name));
    } catch (const Error& error) {
        throw Error(fmt::format("{}: {}", option, error.what()));
    }
}

boost::gregorian::date date_of(const std::string& text, std::string_view option)
{
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-'; });
    try {
        if (shaped) {
            return boost::gregorian::from_simple_string(text);
        }
    } catch (const std::exception&) {
        // falls through to the message below
    }
    throw Error(fmt::format("{} '{}' is not a date, expected e.g. 2013-01-07", option, text));
}


std::string read_input_file(const std::filesystem::path& file, std::string_view expected)
{
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
        throw Error(fmt::format("{}: no such file; expected {}", file.string(), expected));
    }
    if (!std::filesystem::is_regular_file(file, error)) {
        throw Error(fmt::format("{}: not a file; expected {}", file.string(), expected));
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) {
        throw Error(fmt::format("{}: cannot read the file", file.string()));
    }
    return content.str();
}

}  // namespace planner::cli
