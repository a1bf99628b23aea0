#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace planner::services {

// Files the planner writes: lists, mails and invitations, which hold personal data.

// Where a file lies: named by the user (`-o FILE`), or a name the planner made inside a
// folder the user gave (`--mail DIR`: DIR/<person>.eml).
enum class FilePlace { named, in_folder };

// A regular file is written whole or not at all, readable by its owner only: through a
// temporary file created exclusively in the same folder and renamed over the target.
// A device or pipe the user names (`-o /dev/stdout`) is written directly. In a folder,
// whatever has the file's name (a planted symbolic link, say) is replaced, never
// followed. Throws planner::Error naming the file and the system's reason.
void write_file(const std::string& content, const std::filesystem::path& file, FilePlace place = FilePlace::named);

// Makes the folder files are written into, readable by its owner only when new.
// `named` is how the front end calls it in messages ("--mail").
std::filesystem::path ready_directory(const std::filesystem::path& directory, std::string_view named);

}  // namespace planner::services
