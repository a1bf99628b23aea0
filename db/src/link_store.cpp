// The store's personal links: links of a person's own (answering a meeting, a date poll,
// a feed), the short sessions they open and the wrong tokens counted per address. What
// they mean is planner::services::personal_links'; this keeps the rows.

#include <planner/db/store.hpp>

#include "sqlite_support.hpp"

#include <planner/error.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <string>

namespace planner::db {

std::string_view to_string(LinkPurpose purpose)
{
    switch (purpose) {
    case LinkPurpose::answer: return "answer";
    case LinkPurpose::poll: return "poll";
    case LinkPurpose::feed: return "feed";
    }
    return "answer";
}

bool opens(const PersonalLinkRow& link, LinkPurpose purpose, boost::posix_time::ptime now)
{
    // A link to answer names what it answers.
    return link.purpose == purpose && !link.revoked && (!link.expires || now < *link.expires) &&
           (purpose != LinkPurpose::answer || link.meeting);
}

namespace {

using namespace sql;

constexpr std::string_view link_columns = "personal_link.hash, personal_link.purpose, personal_link.person, "
                                          "personal_link.meeting, personal_link.created_utc, "
                                          "personal_link.expires_utc, personal_link.revoked";
constexpr int link_column_count = 7;

LinkPurpose purpose_named(const std::string& text, std::string_view whose)
{
    for (const auto purpose : {LinkPurpose::answer, LinkPurpose::poll, LinkPurpose::feed}) {
        if (text == to_string(purpose)) {
            return purpose;
        }
    }
    throw Error(fmt::format("{}: purpose: '{}' is not answer, poll or feed", whose, text));
}

PersonalLinkRow link_of_row(const SQLite::Statement& row, int first = 0)
{
    PersonalLinkRow link;
    link.hash = row.getColumn(first).getString();
    // The hash is no secret, but it names the row well enough and nothing else does.
    const auto whose = fmt::format("personal link {}", link.hash.substr(0, 12));
    link.purpose = purpose_named(row.getColumn(first + 1).getString(), whose);
    link.person = PersonId(row.getColumn(first + 2).getString());
    if (!row.getColumn(first + 3).isNull()) {
        link.meeting = MeetingId(row.getColumn(first + 3).getString());
    }
    link.created = time_in(row.getColumn(first + 4), whose);
    if (!row.getColumn(first + 5).isNull()) {
        link.expires = time_in(row.getColumn(first + 5), whose);
    }
    link.revoked = row.getColumn(first + 6).getInt() != 0;
    return link;
}

std::optional<std::string> meeting_text(const std::optional<MeetingId>& meeting)
{
    return meeting ? std::optional(meeting->str()) : std::nullopt;
}

}  // namespace

void Store::add_personal_links(std::span<const PersonalLinkRow> links)
{
    auto& db = connection_->database;
    writing(db, "the personal links were not made", [&] {
        auto insert_prepared = db.prepared("INSERT INTO personal_link (hash, purpose, person, meeting, created_utc, "
                                           "expires_utc, revoked) VALUES (?, ?, ?, ?, ?, ?, ?)");
        SQLite::Statement& insert = insert_prepared;
        for (const auto& link : links) {
            insert.reset();
            bind_all(insert, link.hash, std::string(to_string(link.purpose)), link.person.str());
            bind_text_or_null(insert, 4, meeting_text(link.meeting));
            insert.bind(5, stored_time(link.created));
            bind_text_or_null(insert, 6, link.expires ? std::optional(stored_time(*link.expires)) : std::nullopt);
            insert.bind(7, link.revoked ? 1 : 0);
            insert.exec();
        }
    });
}

std::pair<Store::LinkVisitOutcome, std::optional<LinkSessionRow>> Store::visit_link(const LinkVisit& visit)
{
    auto& db = connection_->database;
    using Outcome = std::pair<LinkVisitOutcome, std::optional<LinkSessionRow>>;
    return writing(db, "the link was not opened", [&]() -> Outcome {
        // A good link opens whatever the address tried before: a page elsewhere that
        // makes its visitors' browsers ask for wrong links must not lock out an office.
        const auto link = personal_link(visit.link_hash);
        if (!link || !opens(*link, visit.purpose, visit.now)) {
            const bool too_many = count_wrong_link(visit.client_address, visit.now, visit.failures_since,
                                                   visit.failures_allowed);
            return {too_many ? LinkVisitOutcome::too_many_wrong : LinkVisitOutcome::wrong_token, std::nullopt};
        }
        auto session_prepared =
            db.prepared("INSERT INTO link_session (id_hash, link, csrf_token, created_utc) VALUES (?, ?, ?, ?)");
        SQLite::Statement& session = session_prepared;
        run(session, visit.session_hash, visit.link_hash, visit.csrf_token, stored_time(visit.now));
        return {LinkVisitOutcome::opened,
                LinkSessionRow{visit.session_hash, *link, visit.csrf_token, from_db_time(stored_time(visit.now))}};
    });
}

std::optional<LinkSessionRow> Store::link_session(const std::string& id_hash) const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<LinkSessionRow> {
        auto row_prepared = db.prepared(fmt::format("SELECT {}, link_session.csrf_token, link_session.created_utc "
                                                    "FROM link_session JOIN personal_link ON personal_link.hash = "
                                                    "link_session.link WHERE link_session.id_hash = ?",
                                                    link_columns));
        SQLite::Statement& row = row_prepared;
        row.bind(1, id_hash);
        if (!row.executeStep()) {
            return std::nullopt;
        }
        LinkSessionRow session;
        session.id_hash = id_hash;
        session.link = link_of_row(row);
        session.csrf_token = row.getColumn(link_column_count).getString();
        session.created = time_in(row.getColumn(link_column_count + 1), "a personal link's session");
        return session;
    });
}

std::optional<PersonalLinkRow> Store::personal_link(const std::string& hash) const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<PersonalLinkRow> {
        auto find_prepared = db.prepared(fmt::format("SELECT {} FROM personal_link WHERE hash = ?", link_columns));
        SQLite::Statement& find = find_prepared;
        find.bind(1, hash);
        if (!find.executeStep()) {
            return std::nullopt;
        }
        return link_of_row(find);
    });
}

bool Store::count_wrong_link(const std::string& client_address, boost::posix_time::ptime now,
                             boost::posix_time::ptime since, int allowed)
{
    auto& db = connection_->database;
    return writing(db, "the wrong link was not counted", [&] {
        const auto from = stored_time(since);
        auto forget_prepared = db.prepared("DELETE FROM link_failure WHERE client_address = ? AND at_utc < ?");
        run(forget_prepared, client_address, from);
        auto count_prepared =
            db.prepared("SELECT count(*) FROM link_failure WHERE client_address = ? AND at_utc >= ?");
        SQLite::Statement& count = count_prepared;
        bind_all(count, client_address, from);
        count.executeStep();
        const bool too_many = count.getColumn(0).getInt() >= allowed;
        auto failure_prepared = db.prepared("INSERT INTO link_failure (client_address, at_utc) VALUES (?, ?)");
        run(failure_prepared, client_address, stored_time(now));
        return too_many;
    });
}

void Store::end_link_session(const std::string& id_hash)
{
    auto& db = connection_->database;
    writing(db, "the link's session was not ended", [&] {
        auto end_prepared = db.prepared("DELETE FROM link_session WHERE id_hash = ?");
        SQLite::Statement& end = end_prepared;
        end.bind(1, id_hash);
        end.exec();
    });
}

std::vector<PersonalLinkRow> Store::personal_links(const PersonId& person, LinkPurpose purpose,
                                                   const std::optional<MeetingId>& meeting) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        auto rows_prepared = db.prepared(fmt::format("SELECT {} FROM personal_link WHERE person = ?1 AND purpose = ?2 "
                                                     "AND (?3 IS NULL OR meeting = ?3) ORDER BY created_utc, rowid",
                                                     link_columns));
        SQLite::Statement& rows = rows_prepared;
        bind_all(rows, person.str(), std::string(to_string(purpose)));
        bind_text_or_null(rows, 3, meeting_text(meeting));
        std::vector<PersonalLinkRow> links;
        while (rows.executeStep()) {
            links.push_back(link_of_row(rows));
        }
        return links;
    });
}

std::size_t Store::revoke_personal_links(const PersonId& person, LinkPurpose purpose,
                                         const std::optional<MeetingId>& meeting)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("the links of '{}' were not revoked", person.str()), [&] {
        auto sessions_prepared =
            db.prepared("DELETE FROM link_session WHERE link IN (SELECT hash FROM personal_link WHERE person = ?1 AND "
                        "purpose = ?2 AND (?3 IS NULL OR meeting = ?3))");
        SQLite::Statement& sessions = sessions_prepared;
        bind_all(sessions, person.str(), std::string(to_string(purpose)));
        bind_text_or_null(sessions, 3, meeting_text(meeting));
        sessions.exec();
        auto revoke_prepared = db.prepared("UPDATE personal_link SET revoked = 1 WHERE person = ?1 AND purpose = ?2 "
                                           "AND (?3 IS NULL OR meeting = ?3) AND revoked = 0");
        SQLite::Statement& revoke = revoke_prepared;
        bind_all(revoke, person.str(), std::string(to_string(purpose)));
        bind_text_or_null(revoke, 3, meeting_text(meeting));
        return static_cast<std::size_t>(revoke.exec());
    });
}

}  // namespace planner::db
