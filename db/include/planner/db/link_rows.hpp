#pragma once
// The rows of the store's personal links: links of a person's own for people without an
// account (answering one meeting, a date poll, a feed), the short sessions they open,
// and the wrong tokens counted per client address. planner::services::personal_links
// gives them their meaning; the store keeps them. No token is passed here, only its hash.

#include <planner/id.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <string>

namespace planner::db {

// What a link opens, and nothing else: as the store names it.
enum class LinkPurpose { answer, poll, feed };

[[nodiscard]] std::string_view to_string(LinkPurpose purpose);  // "answer", "poll", "feed"

struct PersonalLinkRow {
    std::string hash;  // of the token
    LinkPurpose purpose = LinkPurpose::answer;
    PersonId person;
    std::optional<MeetingId> meeting;  // the meeting or series it answers
    boost::posix_time::ptime created;  // UTC
    std::optional<boost::posix_time::ptime> expires;  // UTC; none: until revoked
    bool revoked = false;

    friend bool operator==(const PersonalLinkRow&, const PersonalLinkRow&) = default;
};

// Whether the link opens what `purpose` names at `now`: made for it, not revoked, not
// expired. One rule for every kind of visit.
[[nodiscard]] bool opens(const PersonalLinkRow& link, LinkPurpose purpose, boost::posix_time::ptime now);

// Following a link: the token's hash, and what to open if it is good (Store::visit_link).
struct LinkVisit {
    std::string link_hash;
    LinkPurpose purpose = LinkPurpose::answer;
    std::string client_address;
    boost::posix_time::ptime now;  // UTC
    // Wrong tokens from this address since `failures_since`: at `failures_allowed`, the
    // visit is refused without looking the token up.
    boost::posix_time::ptime failures_since;
    int failures_allowed = 0;
    std::string session_hash;  // of the new session's cookie token
    std::string csrf_token;
};

// A link's session as stored, with its link.
struct LinkSessionRow {
    std::string id_hash;
    PersonalLinkRow link;
    std::string csrf_token;
    boost::posix_time::ptime created;  // UTC
};

}  // namespace planner::db
