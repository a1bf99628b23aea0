#pragma once
// Links of a person's own, for people without an account: the link in an invitation
// that answers it, and (later) a date poll's and a feed's. Each is 256 random bits,
// stored only as its hash, made for one purpose, one person and (to answer) one meeting
// or series, and it expires after the meeting. Following one opens a short session of
// its own, so that the token leaves the address bar, the history and any Referer at
// once; a wrong token is counted against the client's address, and too many refuse the
// address for a while, as failed logins do.

#include <planner/answer.hpp>
#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/error.hpp>
#include <planner/meeting.hpp>
#include <planner/person.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace planner::services {

using db::LinkPurpose;

struct LinkLimits {
    // Wrong tokens an address may try within the window before it is refused unchecked.
    int wrong_tokens_per_address = 10;
    boost::posix_time::time_duration window = boost::posix_time::minutes(15);
    // How long the session a link opens lasts; then the link is followed again.
    boost::posix_time::time_duration session = boost::posix_time::hours(2);
};

// A link made for a person: the token, which goes into the address and nowhere else,
// and the row of its hash, for the store.
struct MadeLink {
    std::string token;
    db::PersonalLinkRow row;
};

[[nodiscard]] MadeLink make_link(LinkPurpose purpose, const PersonId& person, std::optional<MeetingId> meeting,
                                 std::optional<boost::posix_time::ptime> expires, boost::posix_time::ptime now);

// What a link's token (or a link session's cookie) is looked up by: its hash, or
// nothing to find for a token none of ours could be (empty, or longer than we make).
[[nodiscard]] std::string link_token_hash(std::string_view token);

// The address a link's token is followed at: base_url + "/a/" + token for an answer.
[[nodiscard]] std::string link_address(std::string_view base_url, LinkPurpose purpose, std::string_view token);

// Until when a meeting may be answered: its start, or the start of the last meeting of
// a series that is not cancelled (a series without end: its last before 2200).
[[nodiscard]] boost::posix_time::ptime answers_close(const Meeting& meeting);
// How long a link to answer a series lasts at most.
inline const boost::posix_time::time_duration longest_series_link = boost::posix_time::hours(24 * 366);
// When a link to answer it, made at `made`, expires: the end of the meeting, or of the
// series' last, but a series' link no later than longest_series_link after it was made.
[[nodiscard]] boost::posix_time::ptime answer_link_expiry(const Meeting& meeting, boost::posix_time::ptime made);

// Whose link opened a session, and the session's token for its forms.
struct LinkHolder {
    db::PersonalLinkRow link;
    std::string csrf_token;
};

struct OpenedLink {
    std::string cookie_token;  // 256 random bits; only its hash is stored
    LinkHolder holder;
};

enum class LinkRefusal { wrong_token, too_many_wrong };

// Follows a link: a session for a good token of this purpose, whatever the address
// tried before; wrong_token for one that is unknown, made for another purpose, revoked
// or expired (all alike, and counted for the address), too_many_wrong once the address
// has had its share of those within the window (to be answered more slowly).
[[nodiscard]] std::variant<OpenedLink, LinkRefusal> open_link(db::Store& store, std::string_view token,
                                                              LinkPurpose purpose, std::string_view client_address,
                                                              boost::posix_time::ptime now, const LinkLimits& limits);
// The holder of a link session's cookie, or nothing: unknown, of another purpose, past
// LinkLimits::session (then it is ended), or its link revoked or expired since.
[[nodiscard]] std::optional<LinkHolder> link_session(db::Store& store, std::string_view cookie_token,
                                                     LinkPurpose purpose, boost::posix_time::ptime now,
                                                     const LinkLimits& limits);

// Whom a link's page names as hosting the meeting, and where: its organisers (those the
// records hold) and its venue. The answer page and the poll page alike.
[[nodiscard]] std::pair<std::vector<Person>, std::optional<Venue>> hosts_of(const Meeting& meeting,
                                                                           const Directory& records);

// What the answer page shows to the person a link was made for: the meeting, its
// organisers and venue, and their own answer; the others invited only where the
// participants see each other (guest_list_shown).
struct AnswerView {
    Meeting meeting;
    Person person;
    std::vector<Person> organisers;
    std::vector<Person> others;  // the other participants, where they see each other
    std::optional<Venue> venue;
    std::optional<RecordedAnswer> answer;  // theirs, to the whole meeting or series
    bool invited = false;                  // still on the list
    boost::posix_time::ptime closes;       // answers_close
    // A series' meetings from `now` on, the first ten, as they take place (moved ones
    // moved, cancelled ones left out).
    std::vector<Meeting> coming;
};

// NotFound when the meeting or the person is gone.
[[nodiscard]] AnswerView answer_view(const db::Store& store, const LinkHolder& holder, boost::posix_time::ptime now);

// Why an answer by link was not recorded (the page says it in the person's language).
enum class LinkAnswerProblem {
    not_an_answer,   // neither accepted, tentative nor declined
    comment,         // longer than a comment may be, or more than one line
    closed,          // the meeting (the last of a series) has begun
    cancelled,       // the meeting is cancelled
    not_invited,     // taken off the list since the link was made
    newer_kept,      // an answer dated later is recorded (from their calendar)
};

// Records the person's answer to the meeting as it is now (its SEQUENCE), given at
// `now`, exactly as a reply from their calendar would be: the newest answer wins, and a
// reply dated later replaces it. NotFound when the meeting is gone.
[[nodiscard]] std::variant<RecordedAnswer, LinkAnswerProblem> answer_by_link(db::Store& store,
                                                                            const LinkHolder& holder, Answer answer,
                                                                            std::string_view comment,
                                                                            boost::posix_time::ptime now);

}  // namespace planner::services
