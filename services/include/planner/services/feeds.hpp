#pragma once
// A person's own feed: their meetings as a calendar to subscribe to, at an address of
// their own (a personal link made for feeds alone, stored only as its hash), for people
// whose calendar can subscribe but who have no account; revoked and renewed by them or
// an organiser.

#include <planner/db/store.hpp>
#include <planner/id.hpp>
#include <planner/services/personal_links.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace planner::services {

// How far back a feed reaches.
inline constexpr int feed_months_back = 6;

struct Feed {
    std::string calendar;  // text/calendar, without METHOD
    // Of what the feed says, not of when it was written (DTSTAMP is left out): the same
    // while nothing changes, for If-None-Match.
    std::string etag;
};

// The feed of the person whose feed link `token` is: every meeting they are invited to
// that ends after six months before `now` (a series whole, while any of its meetings
// does), as their invitation has it, listing whom their invitation lists (the
// organisers and them alone where the participants do not see each other). A wrong
// token (unknown, revoked, made for something else) is counted for the address, as
// following a wrong link is.
[[nodiscard]] std::variant<Feed, LinkRefusal> person_feed(db::Store& store, std::string_view token,
                                                          std::string_view client_address,
                                                          boost::posix_time::ptime now, const LinkLimits& limits);

// The same for a person, without a link: what the feed holds.
[[nodiscard]] Feed feed_of(const db::Store& store, const PersonId& person, boost::posix_time::ptime now);

// Whose public feed: a county's (the public meetings it brings together or is held in)
// or an organisation's (those its people organise).
enum class PublicFeedOf { county, organisation };

// The public feed of a county or an organisation: its meetings marked public that end
// after six months before `now` (a series whole, while any of its meetings does),
// without anyone's address (ical::write_public_feed). NotFound for an unknown id, and
// where there is no such meeting (an empty feed would confirm the id).
[[nodiscard]] Feed public_feed(const db::Store& store, PublicFeedOf of, std::string_view id,
                               boost::posix_time::ptime now);

// A feed link for the person, unless they have one already (only its hash is kept, so
// it cannot be shown again): the token, or nothing. NotFound for an unknown person.
[[nodiscard]] std::optional<std::string> new_feed_link(db::Store& store, const PersonId& person,
                                                       boost::posix_time::ptime now);
// Revokes the person's feed links (their subscriptions stop) and makes a new one:
// its token. NotFound for an unknown person.
[[nodiscard]] std::string renew_feed_link(db::Store& store, const PersonId& person, boost::posix_time::ptime now);

// What the person, or an organiser who keeps their record, asks of their feed: a new
// address, or none.
enum class FeedChange { renew, end };
// The change made: the new address's token for renew (renew_feed_link), nothing for
// end (their feed links revoked: their subscriptions stop).
[[nodiscard]] std::optional<std::string> change_feed(db::Store& store, const PersonId& person, FeedChange change,
                                                     boost::posix_time::ptime now);

// The webcal:// twin of a feed's http(s) address: the one that opens a calendar program.
[[nodiscard]] std::string webcal_address(std::string_view address);

}  // namespace planner::services
