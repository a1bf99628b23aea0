// The outbox under kills: `planner serve` sends the queued messages to an SMTP server that
// answers slowly, and is killed (SIGKILL) ten times at random moments while it does.
// Nothing may be lost and nothing sent twice: in the end every message is sent, or
// unconfirmed (handed over when the kill came, so perhaps received: at most one per
// kill), each message reached the server at most once, and every message recorded as
// sent reached it exactly once.

#include <planner/db/store.hpp>
#include <planner/services/outbox.hpp>

#include <run_planner.hpp>
#include <smtp_sink.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <random>
#include <thread>

namespace planner::testing {
namespace {

using namespace std::chrono_literals;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string service_address = "planner@bodenseekreis.example";

std::string message_id_of(const std::string& mail)
{
    const auto start = mail.find("\r\nMessage-ID: <");
    if (start == std::string::npos) {
        return {};
    }
    const auto end = mail.find('>', start);
    return mail.substr(start + 15, end - start - 15);
}

std::map<db::MailState, int> states(const std::filesystem::path& file, const std::vector<MeetingId>& meetings)
{
    std::map<db::MailState, int> counted;
    db::Store store(file, db::OpenMode::must_exist);
    for (const auto& meeting : meetings) {
        for (const auto& message : store.mail_of_meeting(meeting)) {
            ++counted[message.state];
        }
    }
    return counted;
}

TEST(OutboxKills, NothingIsLostAndNothingSentTwiceWhenTheServiceIsKilledWhileSending)
{
    TemporaryDirectory directory;
    const auto store_file = directory / "planner.db";
    ASSERT_EQ(run_planner({"--db", store_file.string(), "import", immenstaad}).exit_code, 0);
    int queued = 0;
    std::vector<MeetingId> meetings;
    {
        db::Store store(store_file, db::OpenMode::must_exist);
        const auto directory_of_store = store.load();
        for (const auto& [id, meeting] : directory_of_store.meetings()) {
            if (meeting.status == MeetingStatus::cancelled) {
                continue;
            }
            meetings.push_back(meeting.id);
            queued += static_cast<int>(
                services::queue_letters_of(store, {meeting.id.str(), "karin", service_address, Language::de, {}})
                    .delivered.queued.size());
        }
    }
    ASSERT_GT(queued, 40);

    SmtpSink sink;
    sink.delay_answers(60ms);  // the window a kill may fall into
    write_file(directory / "serve.toml",
               fmt::format("[web]\nlisten = \"127.0.0.1:0\"\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\n"
                           "from = \"{}\"\ntimeout = 10\n[outbox]\nfirst_retry_s = 1\n",
                           sink.port(), service_address));
    const std::vector<std::string> serve{"--db", store_file.string(), "serve", "--config",
                                         (directory / "serve.toml").string()};
    const auto seed = std::random_device{}();
    SCOPED_TRACE(fmt::format("seed {}", seed));
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> moment_ms(20, 150);
    constexpr int kills = 10;
    for (int kill = 0; kill < kills; ++kill) {
        BackgroundPlanner planner(serve);
        ASSERT_TRUE(planner.read_line(20s)) << planner.err();
        std::this_thread::sleep_for(std::chrono::milliseconds(moment_ms(random)));
        planner.signal(SIGKILL);
        ASSERT_TRUE(planner.wait(10s));
    }
    const auto sent_while_killed = sink.messages().size();

    {
        BackgroundPlanner planner(serve);
        ASSERT_TRUE(planner.read_line(20s)) << planner.err();
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        while (std::chrono::steady_clock::now() < deadline) {
            const auto now = states(store_file, meetings);
            if (!now.contains(db::MailState::queued) && !now.contains(db::MailState::sending)) {
                break;
            }
            std::this_thread::sleep_for(100ms);
        }
        planner.signal(SIGTERM);
        ASSERT_EQ(planner.wait(20s), 0) << planner.err();
    }

    const auto settled = states(store_file, meetings);
    const int sent = settled.contains(db::MailState::sent) ? settled.at(db::MailState::sent) : 0;
    const int unconfirmed = settled.contains(db::MailState::unconfirmed) ? settled.at(db::MailState::unconfirmed) : 0;
    EXPECT_EQ(sent + unconfirmed, queued) << "every message is sent or unconfirmed, none lost or stuck";
    EXPECT_LE(unconfirmed, kills) << "at most the message in hand at each kill";
    EXPECT_GT(sent_while_killed, 0U) << "the kills came while it was sending";
    EXPECT_LT(sent_while_killed, static_cast<std::size_t>(queued)) << "and before it had sent everything";

    std::map<std::string, int> received;
    for (const auto& message : sink.messages()) {
        ++received[message_id_of(message.data)];
    }
    for (const auto& [id, times] : received) {
        EXPECT_EQ(times, 1) << id << " reached the server " << times << " times";
    }
    // Sent means received: each message recorded as sent is among those the server got
    // (its Message-ID is the meeting's UID, the SEQUENCE and the person).
    EXPECT_LE(static_cast<int>(received.size()), sent + unconfirmed);
    db::Store store(store_file, db::OpenMode::must_exist);
    int recorded = 0;
    for (const auto& meeting : meetings) {
        const auto uid = store.meeting(meeting)->uid;
        for (const auto& message : store.mail_of_meeting(meeting)) {
            if (message.state == db::MailState::sent) {
                const auto id = fmt::format("{}.{}.{}@planner.invalid", uid, message.version.sequence,
                                            message.version.person.str());
                EXPECT_TRUE(received.contains(id)) << id << " is recorded as sent but never reached the server";
            }
        }
        recorded += static_cast<int>(store.sent_versions(meeting).size());
    }
    EXPECT_EQ(recorded, sent);
}

}  // namespace
}  // namespace planner::testing
