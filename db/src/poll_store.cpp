// The store's date polls: a poll's times, its votes, and its closing. What they mean is
// planner::services::polls'; this keeps the rows.

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

constexpr std::array<std::string_view, 3> vote_names{"yes", "if_need_be", "no"};

}  // namespace

std::string_view to_string(PollVote vote)
{
    return vote_names.at(static_cast<std::size_t>(vote));
}

std::optional<PollVote> poll_vote_from_string(std::string_view text)
{
    for (std::size_t i = 0; i < vote_names.size(); ++i) {
        if (vote_names[i] == text) {
            return static_cast<PollVote>(i);
        }
    }
    return std::nullopt;
}

void Store::add_poll(const PollRow& poll, std::span<const PersonalLinkRow> links)
{
    auto& db = connection_->database;
    const auto& meeting = poll.meeting.str();
    writing(db, fmt::format("no poll of meeting '{}' was made", meeting), [&] {
        if (exists(db, "SELECT 1 FROM poll WHERE meeting = ? AND closed_utc IS NULL", meeting)) {
            throw Error(fmt::format("meeting '{}' has a poll open already; confirm a time or end it first", meeting));
        }
        // A closed poll of the meeting goes, with its votes, and its links with it.
        auto old_prepared = db.prepared("DELETE FROM poll WHERE meeting = ?");
        run(old_prepared, meeting);
        auto old_links_prepared = db.prepared("DELETE FROM personal_link WHERE meeting = ? AND purpose = 'poll'");
        run(old_links_prepared, meeting);
        auto insert_prepared = db.prepared(
            "INSERT INTO poll (meeting, names_shown, created_by, created_utc, closed_utc, chosen) VALUES (?, ?, ?, ?, ?, ?)");
        SQLite::Statement& insert = insert_prepared;
        bind_all(insert, meeting, poll.names_shown ? 1 : 0, poll.created_by, stored_time(poll.created));
        bind_text_or_null(insert, 5, poll.closed ? std::optional(stored_time(*poll.closed)) : std::nullopt);
        if (poll.chosen) {
            insert.bind(6, *poll.chosen);
        } else {
            insert.bind(6);
        }
        insert.exec();
        auto candidate_prepared =
            db.prepared("INSERT INTO poll_candidate (meeting, position, start_utc, end_utc) VALUES (?, ?, ?, ?)");
        SQLite::Statement& candidate = candidate_prepared;
        for (std::size_t position = 0; position < poll.candidates.size(); ++position) {
            const auto& time = poll.candidates[position];
            run(candidate, meeting, static_cast<int>(position), stored_time(time.start()), stored_time(time.end()));
        }
        add_personal_links(links);
    });
}

std::optional<PollRow> Store::poll(const MeetingId& meeting) const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<PollRow> {
        auto poll_prepared = db.prepared(
            "SELECT names_shown, created_by, created_utc, closed_utc, chosen FROM poll WHERE meeting = ?");
        SQLite::Statement& row = poll_prepared;
        row.bind(1, meeting.str());
        if (!row.executeStep()) {
            return std::nullopt;
        }
        const auto whose = fmt::format("the poll of meeting '{}'", meeting.str());
        PollRow poll;
        poll.meeting = meeting;
        poll.names_shown = row.getColumn(0).getInt() != 0;
        poll.created_by = row.getColumn(1).getString();
        poll.created = time_in(row.getColumn(2), whose);
        if (!row.getColumn(3).isNull()) {
            poll.closed = time_in(row.getColumn(3), whose);
        }
        if (!row.getColumn(4).isNull()) {
            poll.chosen = row.getColumn(4).getInt();
        }
        auto candidates_prepared = db.prepared(
            "SELECT position, start_utc, end_utc FROM poll_candidate WHERE meeting = ? ORDER BY position");
        SQLite::Statement& candidates = candidates_prepared;
        candidates.bind(1, meeting.str());
        while (candidates.executeStep()) {
            if (candidates.getColumn(0).getInt() != static_cast<int>(poll.candidates.size())) {
                throw Error(fmt::format("{}: its times are not numbered 0, 1, 2, ...", whose));
            }
            poll.candidates.emplace_back(time_in(candidates.getColumn(1), whose), time_in(candidates.getColumn(2), whose));
        }
        return poll;
    });
}

std::vector<PollVoteRow> Store::poll_votes(const MeetingId& meeting) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        auto votes_prepared = db.prepared(
            "SELECT person, position, vote, voted_utc FROM poll_vote WHERE meeting = ? ORDER BY person, position");
        SQLite::Statement& rows = votes_prepared;
        rows.bind(1, meeting.str());
        std::vector<PollVoteRow> votes;
        const auto whose = fmt::format("a vote in the poll of meeting '{}'", meeting.str());
        while (rows.executeStep()) {
            const auto vote = poll_vote_from_string(rows.getColumn(2).getString());
            if (!vote) {
                throw Error(fmt::format("{}: '{}' is not yes, if_need_be or no", whose, rows.getColumn(2).getString()));
            }
            votes.push_back(PollVoteRow{PersonId(rows.getColumn(0).getString()), rows.getColumn(1).getInt(), *vote,
                                        time_in(rows.getColumn(3), whose)});
        }
        return votes;
    });
}

bool Store::replace_poll_votes(const MeetingId& meeting, const PersonId& person, std::span<const PollVoteRow> votes)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("the votes of '{}' in the poll of meeting '{}' were not recorded", person.str(),
                                   meeting.str()),
                   [&] {
                       if (!exists(db, "SELECT 1 FROM poll WHERE meeting = ? AND closed_utc IS NULL", meeting.str())) {
                           return false;
                       }
                       auto old_prepared = db.prepared("DELETE FROM poll_vote WHERE meeting = ? AND person = ?");
                       run(old_prepared, meeting.str(), person.str());
                       auto insert_prepared = db.prepared("INSERT INTO poll_vote (meeting, position, person, vote, "
                                                          "voted_utc) VALUES (?, ?, ?, ?, ?)");
                       SQLite::Statement& insert = insert_prepared;
                       for (const auto& vote : votes) {
                           run(insert, meeting.str(), vote.candidate, person.str(), std::string(to_string(vote.vote)),
                               stored_time(vote.voted));
                       }
                       return true;
                   });
}

bool Store::close_poll(const MeetingId& meeting, std::optional<int> chosen, boost::posix_time::ptime now)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("the poll of meeting '{}' was not closed", meeting.str()), [&] {
        auto close_prepared =
            db.prepared("UPDATE poll SET closed_utc = ?, chosen = ? WHERE meeting = ? AND closed_utc IS NULL");
        SQLite::Statement& close = close_prepared;
        close.bind(1, stored_time(now));
        if (chosen) {
            close.bind(2, *chosen);
        } else {
            close.bind(2);
        }
        close.bind(3, meeting.str());
        if (close.exec() == 0) {
            return false;
        }
        // Its links open nothing from now on, and their sessions end.
        auto revoke_prepared =
            db.prepared("UPDATE personal_link SET revoked = 1 WHERE meeting = ? AND purpose = 'poll'");
        run(revoke_prepared, meeting.str());
        auto sessions_prepared = db.prepared("DELETE FROM link_session WHERE link IN (SELECT hash FROM personal_link "
                                             "WHERE meeting = ? AND purpose = 'poll')");
        run(sessions_prepared, meeting.str());
        // Its mail waiting goes; none of it goes again (queue_mail_again), and no text
        // keeps a link.
        auto waiting_prepared = db.prepared("UPDATE outbox SET state = CASE WHEN state = 'queued' THEN 'superseded' "
                                            "ELSE state END, message = '' WHERE meeting = ? AND kind = 'poll' AND "
                                            "state != 'sending'");
        run(waiting_prepared, meeting.str());
        return true;
    });
}

int Store::forget_closed_polls(boost::posix_time::ptime closed_before)
{
    auto& db = connection_->database;
    return writing(db, "the closed polls were not deleted", [&] {
        auto links_prepared = db.prepared("DELETE FROM personal_link WHERE purpose = 'poll' AND meeting IN (SELECT "
                                          "meeting FROM poll WHERE closed_utc < ?)");
        run(links_prepared, stored_time(closed_before));
        // Their times and votes go with them (ON DELETE CASCADE).
        auto polls_prepared = db.prepared("DELETE FROM poll WHERE closed_utc < ?");
        SQLite::Statement& polls = polls_prepared;
        polls.bind(1, stored_time(closed_before));
        return polls.exec();
    });
}

}  // namespace planner::db
