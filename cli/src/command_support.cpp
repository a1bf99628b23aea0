#include "command_support.hpp"

#include <planner/error.hpp>
#include <planner/input_size.hpp>
#include <planner/recurrence.hpp>
#include <planner/services/meetings.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cctype>
#include <fstream>
#include <sstream>

namespace planner::cli {

db::Store open_existing(const GlobalOptions& global)
{
    return {global.store, db::OpenMode::must_exist, writes_of(global)};
}

db::Writes writes_of(const GlobalOptions& global)
{
    return global.dry_run ? db::Writes::rolled_back : db::Writes::kept;
}

const Meeting& find_meeting(const Directory& directory, const std::string& id)
{
    return services::find_meeting(directory, id);
}

Directory expanded(Directory directory)
{
    return services::expanded(std::move(directory));
}

void require_meeting(const Directory& schedule, const GlobalOptions& global, const std::string& id)
{
    // Only an unknown id opens the store again, for the message.
    if (!names_a_meeting(schedule, MeetingId(id))) {
        static_cast<void>(find_meeting(open_existing(global).load(), id));
    }
}

namespace {

// Writes all of `content` to `fd`; false with errno set on failure.
bool write_all(int fd, const std::string& content)
{
    const char* next = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const auto written = ::write(fd, next, left);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        next += written;
        left -= static_cast<std::size_t>(written);
    }
    return true;
}

[[noreturn]] void cannot_write(const std::filesystem::path& file, int error)
{
    throw Error(fmt::format("{}: cannot write the file: {}", file.string(), std::strerror(error)));
}

// A device, pipe or socket the user named: written as it is, not replaced by a file.
bool names_a_stream(const std::filesystem::path& file)
{
    struct stat status {};
    return ::stat(file.c_str(), &status) == 0 && !S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode);
}

void write_stream(const std::filesystem::path& file, const std::string& content)
{
    const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        cannot_write(file, errno);
    }
    const bool written = write_all(fd, content);
    const int error = errno;
    ::close(fd);
    if (!written) {
        cannot_write(file, error);
    }
}

void replace_file(const std::filesystem::path& file, const std::string& content)
{
    const auto folder = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    // mkstemp creates the file exclusively (O_EXCL: never through a link), mode 0600.
    // Appended piece by piece: GCC 12 warns (-Wrestrict) on "." + name + ".XXXXXX".
    std::string hidden_name(1, '.');
    hidden_name.append(file.filename().string()).append(".XXXXXX");
    std::string temporary = (folder / hidden_name).string();
    const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) {
        cannot_write(file, errno);
    }
    const bool written = write_all(fd, content) && ::fsync(fd) == 0;
    int error = errno;
    if (::close(fd) != 0 && written) {
        error = errno;
    }
    if (!written || ::rename(temporary.c_str(), file.c_str()) != 0) {
        error = written ? errno : error;
        ::unlink(temporary.c_str());
        cannot_write(file, error);
    }
}

}  // namespace

void deliver(const std::string& content, const std::optional<std::filesystem::path>& output, std::ostream& out,
             FilePlace place)
{
    if (!output) {
        out << content;
        return;
    }
    if (place == FilePlace::named && names_a_stream(*output)) {
        write_stream(*output, content);
    } else {
        replace_file(*output, content);
    }
}

std::filesystem::path ready_directory(const std::filesystem::path& directory, std::string_view option)
{
    std::error_code error;
    if (!directory.parent_path().empty()) {
        std::filesystem::create_directories(directory.parent_path(), error);
    }
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
        throw Error(fmt::format("{} {}: cannot create the directory: {}", option, directory.string(),
                                std::strerror(errno)));
    }
    if (!std::filesystem::is_directory(directory, error)) {
        throw Error(fmt::format("{} {}: not a directory", option, directory.string()));
    }
    return directory;
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

}  // namespace planner::cli
