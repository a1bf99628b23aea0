#include "command_support.hpp"

#include <planner/error.hpp>
#include <planner/input_size.hpp>
#include <planner/recurrence.hpp>
#include <planner/services/files.hpp>
#include <planner/services/meetings.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <pwd.h>
#include <unistd.h>

namespace planner::cli {

db::Store open_existing(const GlobalOptions& global)
{
    return {global.store, db::OpenMode::must_exist, writes_of(global)};
}

db::Writes writes_of(const GlobalOptions& global)
{
    return global.dry_run ? db::Writes::rolled_back : db::Writes::kept;
}

void deliver(const std::string& content, const std::optional<std::filesystem::path>& output, std::ostream& out,
             FilePlace place)
{
    if (output) {
        services::write_file(content, *output, place);
    } else {
        out << content;
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


std::string read_input_file(const std::filesystem::path& file, std::string_view expected, std::string_view kind)
{
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
        throw Error(fmt::format("{}: no such file; expected {}", file.string(), expected));
    }
    if (!std::filesystem::is_regular_file(file, error)) {
        throw Error(fmt::format("{}: not a file; expected {}", file.string(), expected));
    }
    if (const auto bytes = std::filesystem::file_size(file, error); !error) {
        require_input_size(bytes, file.string(), kind);
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) {
        throw Error(fmt::format("{}: cannot read the file", file.string()));
    }
    return content.str();
}

std::string command_line_user()
{
    if (const auto* entry = getpwuid(geteuid()); entry != nullptr && entry->pw_name != nullptr) {
        return entry->pw_name;
    }
    return fmt::format("uid {}", geteuid());
}

}  // namespace planner::cli
