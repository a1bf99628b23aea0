#include <planner/services/files.hpp>

#include <planner/error.hpp>

#include "run_planner.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>

namespace planner::services {
namespace {

using testing::TemporaryDirectory;

unsigned mode_of(const std::filesystem::path& file)
{
    struct stat status {};
    EXPECT_EQ(::lstat(file.c_str(), &status), 0) << file;
    return status.st_mode & 0777U;
}

TEST(FilesTest, AFileIsWrittenWholeForItsOwnerOnly)
{
    const TemporaryDirectory dir;
    write_file("BEGIN:VCALENDAR\r\n", dir / "invitation.ics");
    EXPECT_EQ(testing::read_file(dir / "invitation.ics"), "BEGIN:VCALENDAR\r\n");
    EXPECT_EQ(mode_of(dir / "invitation.ics"), 0600U);
    write_file("again", dir / "invitation.ics");
    EXPECT_EQ(testing::read_file(dir / "invitation.ics"), "again");
    // Nothing is left beside it.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(FilesTest, ALinkPlantedInAFolderIsReplacedNotFollowed)
{
    const TemporaryDirectory dir;
    testing::write_file(dir / "target", "mine");
    std::filesystem::create_symlink(dir / "target", dir / "frank-veser.eml");
    write_file("mail", dir / "frank-veser.eml", FilePlace::in_folder);
    EXPECT_EQ(testing::read_file(dir / "target"), "mine");
    EXPECT_FALSE(std::filesystem::is_symlink(dir / "frank-veser.eml"));
    EXPECT_EQ(testing::read_file(dir / "frank-veser.eml"), "mail");
}

TEST(FilesTest, AFileThatCannotBeWrittenIsNamed)
{
    const TemporaryDirectory dir;
    try {
        write_file("x", dir / "no-such-folder" / "list.txt");
        FAIL() << "wrote into a folder that does not exist";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()), (dir / "no-such-folder" / "list.txt").string() +
                                                 ": cannot write the file: No such file or directory");
    }
}

TEST(FilesTest, AFolderIsMadeForItsOwnerOnlyAndNamedAsTheFrontEndNamesIt)
{
    const TemporaryDirectory dir;
    EXPECT_EQ(ready_directory(dir / "out" / "mail", "--mail"), dir / "out" / "mail");
    EXPECT_EQ(mode_of(dir / "out" / "mail"), 0700U);
    testing::write_file(dir / "plain", "");
    try {
        static_cast<void>(ready_directory(dir / "plain", "--mail"));
        FAIL() << "a file was taken for a folder";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()), "--mail " + (dir / "plain").string() + ": not a directory");
    }
}

}  // namespace
}  // namespace planner::services
