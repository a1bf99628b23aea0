#include <planner/services/files.hpp>

#include <planner/error.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace planner::services {

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

void write_file(const std::string& content, const std::filesystem::path& file, FilePlace place)
{
    if (place == FilePlace::named && names_a_stream(file)) {
        write_stream(file, content);
    } else {
        replace_file(file, content);
    }
}

std::filesystem::path ready_directory(const std::filesystem::path& directory, std::string_view named)
{
    std::error_code error;
    if (!directory.parent_path().empty()) {
        std::filesystem::create_directories(directory.parent_path(), error);
    }
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
        throw Error(fmt::format("{} {}: cannot create the directory: {}", named, directory.string(),
                                std::strerror(errno)));
    }
    if (!std::filesystem::is_directory(directory, error)) {
        throw Error(fmt::format("{} {}: not a directory", named, directory.string()));
    }
    return directory;
}

}  // namespace planner::services
