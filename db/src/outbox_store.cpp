// The store's outbox table: messages composed when an organiser sent them, and moved on
// by the service's worker as the mail server answers. What the states mean is in the
// schema; when to try again is planner::services::outbox's. Each call is one transaction.

#include <planner/db/store.hpp>

#include "sqlite_support.hpp"

#include <planner/error.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <array>
#include <string>

namespace planner::db {
namespace {

using namespace sql;

constexpr std::array<std::string_view, 7> state_names{"queued",   "sending",     "sent",      "refused",
                                                      "given_up", "unconfirmed", "superseded"};

MailState state_named(const std::string& name, std::int64_t row)
{
    for (std::size_t i = 0; i < state_names.size(); ++i) {
        if (state_names[i] == name) {
            return static_cast<MailState>(i);
        }
    }
    throw Error(fmt::format("outbox row {}: unknown state '{}'", row, name));
}

constexpr std::string_view columns_without_text =
    "id, meeting, person, sequence, content, cancelled, envelope_from, recipient, queued_by, queued_utc, state, "
    "attempts, next_try_utc, settled_utc, server_said, kind";
constexpr int text_column = 16;

const std::string supersede_waiting = "UPDATE outbox SET state = 'superseded', message = '' WHERE meeting = ? AND "
                                      "person = ? AND kind = ? AND state = 'queued'";

std::string kind_name(MailKind kind)
{
    return kind == MailKind::poll ? "poll" : "calendar";
}

MailKind kind_named(const std::string& name, std::int64_t row)
{
    if (name == "calendar" || name == "poll") {
        return name == "poll" ? MailKind::poll : MailKind::calendar;
    }
    throw Error(fmt::format("outbox row {}: unknown kind '{}'", row, name));
}

OutboxMessage message_in(const SQLite::Statement& row)
{
    OutboxMessage message;
    message.id = row.getColumn(0).getInt64();
    message.meeting = MeetingId(row.getColumn(1).getString());
    message.version = {PersonId(row.getColumn(2).getString()), row.getColumn(3).getInt(),
                       row.getColumn(4).getString(), row.getColumn(5).getInt() != 0};
    message.envelope_from = row.getColumn(6).getString();
    message.recipient = row.getColumn(7).getString();
    message.queued_by = row.getColumn(8).getString();
    message.queued = from_db_time(row.getColumn(9).getString());
    message.state = state_named(row.getColumn(10).getString(), message.id);
    message.attempts = row.getColumn(11).getInt();
    message.next_try = from_db_time(row.getColumn(12).getString());
    if (!row.getColumn(13).isNull()) {
        message.settled = from_db_time(row.getColumn(13).getString());
    }
    message.server_said = row.getColumn(14).getString();
    message.kind = kind_named(row.getColumn(15).getString(), message.id);
    return message;
}

}  // namespace

std::string_view state_name(MailState state)
{
    return state_names.at(static_cast<std::size_t>(state));
}

std::vector<std::int64_t> Store::queue_mail(const MeetingId& meeting, std::span<const OutboxMessage> messages)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("the messages of meeting '{}' were not queued", meeting.str()), [&] {
        std::vector<SentVersion> versions;
        for (const auto& message : messages) {
            if (message.kind == MailKind::calendar) {
                versions.push_back(message.version);
            }
        }
        raise_sequence(db, meeting, versions);
        auto superseded_prepared = db.prepared(supersede_waiting);
        SQLite::Statement& superseded = superseded_prepared;
        // A newer message to the person: the older ones can no longer go again, and their
        // text holds an older link to answer.
        auto forget_text_prepared = db.prepared("UPDATE outbox SET message = '' WHERE meeting = ? AND person = ? AND "
                                                "kind = ? AND state IN ('refused', 'given_up', 'unconfirmed')");
        SQLite::Statement& forget_text = forget_text_prepared;
        auto insert_prepared = db.prepared(
            "INSERT INTO outbox (meeting, person, sequence, content, cancelled, envelope_from, recipient, message, "
            "queued_by, queued_utc, state, attempts, next_try_utc, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "'queued', 0, ?, ?)");
        SQLite::Statement& insert = insert_prepared;
        std::vector<std::int64_t> ids;
        for (const auto& message : messages) {
            const auto& version = message.version;
            const auto kind = kind_name(message.kind);
            run(superseded, meeting.str(), version.person.str(), kind);
            run(forget_text, meeting.str(), version.person.str(), kind);
            run(insert, meeting.str(), version.person.str(), version.sequence, version.content,
                version.cancelled ? 1 : 0, message.envelope_from, message.recipient, message.message, message.queued_by,
                stored_time(message.queued), stored_time(message.next_try), kind);
            ids.push_back(db.getLastInsertRowid());
        }
        return ids;
    });
}

int Store::withdraw_mail(const MeetingId& meeting, std::span<const PersonId> people, MailKind kind)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("the waiting messages of meeting '{}' were not withdrawn", meeting.str()), [&] {
        auto withdrawn_prepared = db.prepared(supersede_waiting);
        SQLite::Statement& withdrawn = withdrawn_prepared;
        int count = 0;
        for (const auto& person : people) {
            withdrawn.reset();
            bind_all(withdrawn, meeting.str(), person.str(), kind_name(kind));
            count += withdrawn.exec();
        }
        return count;
    });
}

std::optional<OutboxMessage> Store::claim_mail(pt::ptime now)
{
    auto& db = connection_->database;
    return writing(db, "no message was taken from the outbox", [&]() -> std::optional<OutboxMessage> {
        auto due_prepared = db.prepared(fmt::format("SELECT {}, message FROM outbox WHERE state = 'queued' AND "
                                                    "next_try_utc <= ? ORDER BY next_try_utc, id LIMIT 1",
                                                    columns_without_text));
        SQLite::Statement& due = due_prepared;
        due.bind(1, stored_time(now));
        if (!due.executeStep()) {
            return std::nullopt;
        }
        auto message = message_in(due);
        message.message = due.getColumn(text_column).getString();
        auto claim_prepared = db.prepared("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?");
        run(claim_prepared, message.id);
        message.state = MailState::sending;
        ++message.attempts;
        return message;
    });
}

bool Store::settle_mail(std::int64_t id, const MailOutcome& outcome, pt::ptime now)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("the mail server's answer to outbox message {} was not recorded", id), [&] {
        auto claimed_prepared =
            db.prepared(fmt::format("SELECT {} FROM outbox WHERE id = ? AND state = 'sending'", columns_without_text));
        SQLite::Statement& claimed = claimed_prepared;
        claimed.bind(1, id);
        if (!claimed.executeStep()) {
            return false;
        }
        const auto message = message_in(claimed);
        claimed.reset();
        using Kind = MailOutcome::Kind;
        if (outcome.kind == Kind::retry) {
            auto retry_prepared = db.prepared(
                "UPDATE outbox SET state = 'queued', next_try_utc = ?, server_said = ? WHERE id = ?");
            run(retry_prepared, stored_time(outcome.next_try), outcome.server_said, id);
            // Poll mail whose poll closed, or whose person was taken off the list, while it
            // was being handed over goes no further.
            auto stale_prepared = db.prepared(
                "UPDATE outbox SET state = 'superseded', message = '' WHERE id = ?1 AND kind = 'poll' AND (NOT EXISTS "
                "(SELECT 1 FROM poll WHERE poll.meeting = outbox.meeting AND poll.closed_utc IS NULL) OR person NOT "
                "IN (SELECT person FROM meeting_organiser WHERE meeting = outbox.meeting UNION SELECT person FROM "
                "meeting_participant WHERE meeting = outbox.meeting))");
            run(stale_prepared, id);
            return true;
        }
        const auto state = outcome.kind == Kind::accepted      ? MailState::sent
                           : outcome.kind == Kind::refused     ? MailState::refused
                           : outcome.kind == Kind::unconfirmed ? MailState::unconfirmed
                                                               : MailState::given_up;
        // A sent message is never sent again, and its text holds the recipient's own
        // link to answer: it goes, as the link is kept only as its hash.
        auto settle_prepared = db.prepared("UPDATE outbox SET state = ?1, settled_utc = ?2, server_said = ?3, "
                                           "message = CASE WHEN ?1 = 'sent' THEN '' ELSE message END WHERE id = ?4");
        run(settle_prepared, std::string(state_name(state)), stored_time(now), outcome.server_said, id);
        if (state == MailState::sent && message.kind == MailKind::calendar) {
            write_sent_versions(db, message.meeting, {&message.version, 1});
        }
        return true;
    });
}

int Store::unconfirm_interrupted_mail()
{
    auto& db = connection_->database;
    return writing(db, "the messages left sending were not marked unconfirmed", [&] {
        return db.exec("UPDATE outbox SET state = 'unconfirmed', server_said = 'the service stopped while handing "
                       "it to the mail server: it may have gone out' WHERE state = 'sending'");
    });
}

bool Store::queue_mail_again(const MeetingId& meeting, std::int64_t id, pt::ptime now)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("outbox message {} was not queued again", id), [&] {
        auto again_prepared = db.prepared(
            "UPDATE outbox SET state = 'queued', attempts = 0, next_try_utc = ?, settled_utc = NULL WHERE id = ? AND "
            "meeting = ? AND state IN ('refused', 'given_up', 'unconfirmed') AND message != '' AND NOT EXISTS (SELECT 1 FROM outbox "
            "newer WHERE newer.meeting = outbox.meeting AND newer.person = outbox.person AND newer.kind = outbox.kind AND "
            "newer.id > outbox.id) AND (kind = 'calendar' OR EXISTS (SELECT 1 FROM poll WHERE poll.meeting = "
            "outbox.meeting AND poll.closed_utc IS NULL))");
        SQLite::Statement& again = again_prepared;
        bind_all(again, stored_time(now), id, meeting.str());
        return again.exec() == 1;
    });
}

std::vector<OutboxMessage> Store::mail_of_meeting(const MeetingId& meeting) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        auto rows_prepared = db.prepared(fmt::format(
            "SELECT {} FROM outbox WHERE meeting = ? ORDER BY person, id DESC", columns_without_text));
        SQLite::Statement& rows = rows_prepared;
        rows.bind(1, meeting.str());
        std::vector<OutboxMessage> messages;
        while (rows.executeStep()) {
            messages.push_back(message_in(rows));
        }
        return messages;
    });
}

std::optional<pt::ptime> Store::next_mail_due() const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<pt::ptime> {
        auto due_prepared = db.prepared("SELECT min(next_try_utc) FROM outbox WHERE state = 'queued'");
        SQLite::Statement& due = due_prepared;
        due.executeStep();
        if (due.getColumn(0).isNull()) {
            return std::nullopt;
        }
        return from_db_time(due.getColumn(0).getString());
    });
}

}  // namespace planner::db
