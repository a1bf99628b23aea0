#include <planner/services/feeds.hpp>

#include <planner/error.hpp>
#include <planner/ical/invitation.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>
#include <planner/services/accounts.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace planner::services {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

namespace {

// Past the last year the planner accepts: "from then on, without end".
const pt::ptime beyond_all(greg::date(2200, 1, 1));

// The feed's text without its DTSTAMP lines (written anew each time), hashed.
std::string etag_of(const std::string& calendar)
{
    std::string kept;
    kept.reserve(calendar.size());
    for (std::size_t at = 0; at < calendar.size();) {
        const auto end = calendar.find("\r\n", at);
        const auto next = end == std::string::npos ? calendar.size() : end + 2;
        if (calendar.compare(at, 8, "DTSTAMP:") != 0) {
            kept.append(calendar, at, next - at);
        }
        at = next;
    }
    return fmt::format("\"{}\"", token_hash(kept).substr(0, 32));
}

// Whether any of the meeting's meetings (a series' occurrences) ends after `from`.
bool ends_after(const Meeting& meeting, pt::ptime from)
{
    if (!meeting.recurrence) {
        return meeting.time.end() > from;
    }
    const auto all = occurrences(meeting, ical::expand_rule);
    return std::any_of(all.begin(), all.end(), [&](const Meeting& one) { return one.time.end() > from; });
}

void sort_by_start(std::vector<Meeting>& meetings)
{
    std::sort(meetings.begin(), meetings.end(), [](const Meeting& a, const Meeting& b) {
        const auto a_start = a.time.start();
        const auto b_start = b.time.start();
        return a_start != b_start ? a_start < b_start : a.id < b.id;
    });
}

Feed feed_with_etag(std::string calendar)
{
    Feed feed;
    feed.calendar = std::move(calendar);
    feed.etag = etag_of(feed.calendar);
    return feed;
}

PersonId require_person(const db::Store& store, const PersonId& person)
{
    if (!store.person(person)) {
        throw NotFound(fmt::format("unknown person '{}'", person.str()));
    }
    return person;
}

}  // namespace

Feed feed_of(const db::Store& store, const PersonId& person, pt::ptime now)
{
    const auto from = now - greg::months(feed_months_back);
    std::vector<Meeting> meetings;
    Directory records;
    std::string name;
    store.read_together([&] {
        const db::Involving involving{{person}, {}};
        meetings = store.singles_starting(TimeRange(from - pt::hours(24 * 366), beyond_all), &involving);
        // A single meeting that began before `from` (up to a year) may still end after it.
        std::erase_if(meetings, [&](const Meeting& meeting) { return meeting.time.end() <= from; });
        for (auto& series : store.series_before(beyond_all, &involving)) {
            if (ends_after(series, from)) {
                meetings.push_back(std::move(series));
            }
        }
        // The involving query finds a person's meetings by their rows; only those they
        // are invited to (not, say, a venue's) are theirs.
        std::erase_if(meetings, [&](const Meeting& meeting) {
            const auto invited = invitees(meeting);
            return std::none_of(invited.begin(), invited.end(),
                                [&](const Participant& invitee) { return invitee.person == person; });
        });
        sort_by_start(meetings);
        records = store.records_of(meetings, {person});
        if (const auto* found = records.find(person)) {
            name = found->name;
        }
    });
    std::vector<ical::FeedEntry> entries;
    for (const auto& meeting : meetings) {
        entries.push_back({&meeting, guest_list_shown(meeting, records) ? std::nullopt
                                                                          : std::optional(std::set<PersonId>{person})});
    }
    return feed_with_etag(ical::write_feed(records, entries, now, fmt::format("Planer: {}", name)));
}

Feed public_feed(const db::Store& store, PublicFeedOf of, std::string_view id, pt::ptime now)
{
    const auto from = now - greg::months(feed_months_back);
    std::vector<Meeting> meetings;
    Directory records;
    std::string name;
    store.read_together([&] {
        const std::string owner(id);
        auto found = of == PublicFeedOf::county ? store.public_meetings_of(CountyId(owner), from)
                                                : store.public_meetings_of(OrganisationId(owner), from);
        for (auto& meeting : found) {
            if (ends_after(meeting, from)) {
                meetings.push_back(std::move(meeting));
            }
        }
        sort_by_start(meetings);
        // Their records hold the county or organisation they were found by.
        records = store.records_of(meetings);
        if (of == PublicFeedOf::county) {
            const auto* county = records.find(CountyId(owner));
            name = county != nullptr ? county->name : owner;
        } else {
            const auto* organisation = records.find(OrganisationId(owner));
            name = organisation != nullptr ? organisation->name : owner;
        }
    });
    // Nothing to show is no feed: an organisation's id (a self-help group's) is not
    // confirmed by asking for it.
    if (meetings.empty()) {
        throw NotFound(fmt::format("no public meetings of '{}'", id));
    }
    return feed_with_etag(ical::write_public_feed(records, meetings, now, fmt::format("Planer: {}, öffentliche Treffen", name)));
}

std::variant<Feed, LinkRefusal> person_feed(db::Store& store, std::string_view token, std::string_view client_address,
                                            pt::ptime now, const LinkLimits& limits)
{
    const auto link = store.personal_link(link_token_hash(token));
    if (!link || !db::opens(*link, LinkPurpose::feed, now)) {
        const bool too_many = store.count_wrong_link(std::string(client_address), now, now - limits.window,
                                                     limits.wrong_tokens_per_address);
        return too_many ? LinkRefusal::too_many_wrong : LinkRefusal::wrong_token;
    }
    return feed_of(store, link->person, now);
}

std::optional<std::string> new_feed_link(db::Store& store, const PersonId& person, pt::ptime now)
{
    require_person(store, person);
    std::optional<std::string> token;
    store.write_together([&] {
        const auto links = store.personal_links(person, LinkPurpose::feed, std::nullopt);
        if (std::any_of(links.begin(), links.end(), [&](const db::PersonalLinkRow& link) {
                return db::opens(link, LinkPurpose::feed, now);
            })) {
            return;
        }
        auto made = make_link(LinkPurpose::feed, person, std::nullopt, std::nullopt, now);
        store.add_personal_links({&made.row, 1});
        token = std::move(made.token);
    });
    return token;
}

std::string renew_feed_link(db::Store& store, const PersonId& person, pt::ptime now)
{
    require_person(store, person);
    auto made = make_link(LinkPurpose::feed, person, std::nullopt, std::nullopt, now);
    store.write_together([&] {
        static_cast<void>(store.revoke_personal_links(person, LinkPurpose::feed, std::nullopt));
        store.add_personal_links({&made.row, 1});
    });
    return made.token;
}

std::optional<std::string> change_feed(db::Store& store, const PersonId& person, FeedChange change, pt::ptime now)
{
    if (change == FeedChange::renew) {
        return renew_feed_link(store, person, now);
    }
    static_cast<void>(store.revoke_personal_links(person, LinkPurpose::feed, std::nullopt));
    return std::nullopt;
}

std::string webcal_address(std::string_view address)
{
    const auto scheme_end = address.find("://");
    return "webcal" + std::string(address.substr(scheme_end == std::string_view::npos ? 0 : scheme_end));
}

}  // namespace planner::services
