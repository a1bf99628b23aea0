// The files the planner writes, with the real binary: whatever is planted in the
// folder it writes to (a link to a file outside, a link where its temporary file used
// to go) is replaced, never followed; a pipe named with -o stays a pipe; and files
// with personal data are readable by their owner only.

#include "run_planner.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace planner::testing {
namespace {

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string meeting = "kennenlernen-2012";

class WrittenFilesTest : public ::testing::Test {
protected:
    WrittenFilesTest()
    {
        const auto imported = planner({"import", immenstaad});
        EXPECT_EQ(imported.exit_code, 0) << imported.err;
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", (dir / "planner.db").string()});
        return run_planner(args);
    }

    TemporaryDirectory dir;
};

unsigned permissions(const std::filesystem::path& file)
{
    struct stat status {};
    EXPECT_EQ(::lstat(file.c_str(), &status), 0) << file;
    return status.st_mode & 07777U;
}

TEST_F(WrittenFilesTest, LinksPlantedInTheFolderAreReplacedNotFollowed)
{
    const auto outside = dir / "outside.txt";
    write_file(outside, "keep me");
    const auto mails = dir / "mails";
    std::filesystem::create_directory(mails);
    std::filesystem::create_symlink(outside, mails / "axel-gossner.eml");
    std::filesystem::create_symlink(outside, mails / "frank-veser.eml.partial");
    std::filesystem::create_symlink(outside, mails / ".frank-veser.eml.partial");

    const auto result = planner({"invite", meeting, "--mail", mails.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(read_file(outside), "keep me");
    for (const auto* name : {"axel-gossner.eml", "frank-veser.eml"}) {
        EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::symlink_status(mails / name))) << name;
        EXPECT_NE(read_file(mails / name).find("text/calendar; method=REQUEST"), std::string::npos) << name;
    }
    // No temporary file is left behind.
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(mails)) {
        files += entry.path().filename().string().starts_with(".") ? 0 : 1;
    }
    EXPECT_EQ(files, 25 + 1);  // the attendees, and the planted link nobody wrote to
}

TEST_F(WrittenFilesTest, FilesWithPersonalDataAreReadableByTheirOwnerOnly)
{
    const auto old_mask = ::umask(022);
    const auto invitation = planner({"invite", meeting, "-o", (dir / "invitation.ics").string()});
    const auto per_attendee = planner({"invite", meeting, "--per-attendee", (dir / "ics").string()});
    const auto list = planner({"attendance", meeting, "--format", "csv", "-o", (dir / "list.csv").string()});
    const auto pdf = planner({"attendance", meeting, "--format", "pdf", "-o", (dir / "list.pdf").string()});
    const auto mails = planner({"invite", meeting, "--mail", (dir / "mails").string()});
    ::umask(old_mask);
    for (const auto* result : {&invitation, &per_attendee, &list, &pdf, &mails}) {
        EXPECT_EQ(result->exit_code, 0) << result->err;
    }
    EXPECT_EQ(permissions(dir / "invitation.ics"), 0600U);
    EXPECT_EQ(permissions(dir / "ics" / "axel-gossner.ics"), 0600U);
    EXPECT_EQ(permissions(dir / "list.csv"), 0600U);
    EXPECT_EQ(permissions(dir / "list.pdf"), 0600U);
    EXPECT_EQ(permissions(dir / "mails" / "axel-gossner.eml"), 0600U);
    EXPECT_EQ(permissions(dir / "ics"), 0700U);
    EXPECT_EQ(permissions(dir / "mails"), 0700U);
}

TEST_F(WrittenFilesTest, APipeNamedWithOutputIsWrittenAndStaysAPipe)
{
    const auto pipe = dir / "list.pipe";
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] {
        const int fd = ::open(pipe.c_str(), O_RDONLY);
        char chunk[4096];
        ssize_t got = 0;
        while ((got = ::read(fd, chunk, sizeof chunk)) > 0) {
            received.append(chunk, static_cast<std::size_t>(got));
        }
        ::close(fd);
    });
    const auto result = planner({"attendance", meeting, "--format", "csv", "-o", pipe.string()});
    // Should the planner not have opened the pipe, the reader still waits for a writer.
    if (const int unblock = ::open(pipe.c_str(), O_WRONLY | O_NONBLOCK); unblock >= 0) {
        ::close(unblock);
    }
    reader.join();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(received.find("Andreas Köster"), std::string::npos) << received;
    EXPECT_TRUE(std::filesystem::is_fifo(pipe));
}

TEST_F(WrittenFilesTest, AnOutputFileThatCannotBeWrittenIsNamedAndNothingIsLeft)
{
    const auto result = planner({"attendance", meeting, "-o", (dir / "no-such-folder" / "list.txt").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find((dir / "no-such-folder" / "list.txt").string() + ": cannot write the file: No such file"),
              std::string::npos)
        << result.err;
}

}  // namespace
}  // namespace planner::testing
