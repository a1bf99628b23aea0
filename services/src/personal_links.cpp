#include <planner/services/personal_links.hpp>

#include <planner/ical/recurrence.hpp>
#include <planner/input_size.hpp>
#include <planner/recurrence.hpp>
#include <planner/services/accounts.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace planner::services {

namespace pt = boost::posix_time;

namespace {

// The meeting's meetings that take place: itself, or a series' occurrences not cancelled.
std::vector<Meeting> taking_place(const Meeting& meeting)
{
    if (!meeting.recurrence) {
        return {meeting};
    }
    auto all = occurrences(meeting, ical::expand_rule);
    std::erase_if(all, [](const Meeting& one) { return one.status == MeetingStatus::cancelled; });
    return all;
}

// The last of them by start (a moved meeting of a series may fall after one the rule
// gives later), or the meeting itself when none takes place.
const Meeting& last_of(const std::vector<Meeting>& happening, const Meeting& meeting)
{
    const auto last = std::max_element(happening.begin(), happening.end(), [](const Meeting& a, const Meeting& b) {
        return a.time.start() < b.time.start();
    });
    return last == happening.end() ? meeting : *last;
}

}  // namespace

MadeLink make_link(LinkPurpose purpose, const PersonId& person, std::optional<MeetingId> meeting,
                   std::optional<pt::ptime> expires, pt::ptime now)
{
    MadeLink made;
    made.token = random_token();
    made.row.hash = token_hash(made.token);
    made.row.purpose = purpose;
    made.row.person = person;
    made.row.meeting = std::move(meeting);
    made.row.created = now;
    made.row.expires = expires;
    return made;
}

std::string link_token_hash(std::string_view token)
{
    // Ours are 43 characters: a longer one is not hashed at length, and matches nothing.
    constexpr std::size_t longest_token = 64;
    return token.empty() || token.size() > longest_token ? std::string() : token_hash(token);
}

std::string link_address(std::string_view base_url, LinkPurpose purpose, std::string_view token)
{
    while (base_url.ends_with('/')) {
        base_url.remove_suffix(1);
    }
    switch (purpose) {
    case LinkPurpose::answer: return fmt::format("{}/a/{}", base_url, token);
    case LinkPurpose::poll: return fmt::format("{}/p/{}", base_url, token);
    case LinkPurpose::feed: return fmt::format("{}/feeds/{}.ics", base_url, token);
    }
    return {};
}

pt::ptime answers_close(const Meeting& meeting)
{
    return last_of(taking_place(meeting), meeting).time.start();
}

pt::ptime answer_link_expiry(const Meeting& meeting, pt::ptime made)
{
    const auto end = last_of(taking_place(meeting), meeting).time.end();
    // A series may run for decades (one without end, to 2199): its links last a year,
    // and each update brings new ones.
    return meeting.recurrence ? std::min(end, made + longest_series_link) : end;
}

std::variant<OpenedLink, LinkRefusal> open_link(db::Store& store, std::string_view token, LinkPurpose purpose,
                                                std::string_view client_address, pt::ptime now,
                                                const LinkLimits& limits)
{
    db::LinkVisit visit;
    // An empty or overlong token is wrong all the same, and counted.
    visit.link_hash = link_token_hash(token);
    visit.purpose = purpose;
    visit.client_address = std::string(client_address);
    visit.now = now;
    visit.failures_since = now - limits.window;
    visit.failures_allowed = limits.wrong_tokens_per_address;
    const auto cookie_token = random_token();
    visit.session_hash = token_hash(cookie_token);
    visit.csrf_token = random_token();
    auto [outcome, session] = store.visit_link(visit);
    switch (outcome) {
    case db::Store::LinkVisitOutcome::too_many_wrong: return LinkRefusal::too_many_wrong;
    case db::Store::LinkVisitOutcome::wrong_token: return LinkRefusal::wrong_token;
    case db::Store::LinkVisitOutcome::opened: break;
    }
    return OpenedLink{cookie_token, LinkHolder{std::move(session->link), std::move(session->csrf_token)}};
}

std::optional<LinkHolder> link_session(db::Store& store, std::string_view cookie_token, LinkPurpose purpose,
                                       pt::ptime now, const LinkLimits& limits)
{
    const auto id_hash = link_token_hash(cookie_token);
    if (id_hash.empty()) {
        return std::nullopt;
    }
    auto row = store.link_session(id_hash);
    if (!row || row->link.purpose != purpose) {
        return std::nullopt;
    }
    if (now - row->created >= limits.session || !db::opens(row->link, purpose, now)) {
        store.end_link_session(id_hash);
        return std::nullopt;
    }
    return LinkHolder{std::move(row->link), std::move(row->csrf_token)};
}

std::pair<std::vector<Person>, std::optional<Venue>> hosts_of(const Meeting& meeting, const Directory& records)
{
    std::pair<std::vector<Person>, std::optional<Venue>> hosts;
    for (const auto& organiser : meeting.organisers) {
        if (const auto* found = records.find(organiser)) {
            hosts.first.push_back(*found);
        }
    }
    if (const auto* venue = records.find(meeting.venue)) {
        hosts.second = *venue;
    }
    return hosts;
}

AnswerView answer_view(const db::Store& store, const LinkHolder& holder, pt::ptime now)
{
    const auto& link = holder.link;
    if (!link.meeting) {
        throw NotFound("the link names no meeting");
    }
    std::optional<AnswerView> view;
    store.read_together([&] {
        auto meeting = store.meeting(*link.meeting);
        auto person = store.person(link.person);
        if (!meeting || !person) {
            return;
        }
        const auto records = store.records_of({&*meeting, 1});
        // A series is expanded once, for when answers close and for the dates shown.
        auto happening = taking_place(*meeting);
        view = AnswerView{*meeting, *person, {}, {}, {}, {}, false, last_of(happening, *meeting).time.start(), {}};
        if (guest_list_shown(*meeting, records)) {
            for (const auto& participant : meeting->participants) {
                const auto* other = records.find(participant.person);
                if (other != nullptr && participant.person != link.person &&
                    std::find(meeting->organisers.begin(), meeting->organisers.end(), participant.person) ==
                        meeting->organisers.end()) {
                    view->others.push_back(*other);
                }
            }
        }
        if (meeting->recurrence) {
            constexpr std::size_t shown = 10;
            for (auto& one : happening) {
                if (one.time.end() > now && view->coming.size() < shown) {
                    view->coming.push_back(std::move(one));
                }
            }
        }
        std::tie(view->organisers, view->venue) = hosts_of(*meeting, records);
        const auto answers = store.answers(meeting->id);
        if (const auto* given = given_answer(answers, link.person, std::nullopt)) {
            view->answer = *given;
        }
        const auto invited = invitees(*meeting);
        view->invited = std::any_of(invited.begin(), invited.end(),
                                    [&](const Participant& participant) { return participant.person == link.person; });
    });
    if (!view) {
        throw NotFound(fmt::format("meeting '{}' or person '{}' is gone", link.meeting->str(), link.person.str()));
    }
    return std::move(*view);
}

std::variant<RecordedAnswer, LinkAnswerProblem> answer_by_link(db::Store& store, const LinkHolder& holder,
                                                              Answer answer, std::string_view comment, pt::ptime now)
{
    if (answer != Answer::accepted && answer != Answer::tentative && answer != Answer::declined) {
        return LinkAnswerProblem::not_an_answer;
    }
    if (one_line_problem(comment, "comment")) {
        return LinkAnswerProblem::comment;
    }
    const auto& link = holder.link;
    const auto meeting = link.meeting ? store.meeting(*link.meeting) : std::nullopt;
    if (!meeting) {
        throw NotFound("the meeting of the link is gone");
    }
    if (meeting->status == MeetingStatus::cancelled) {
        return LinkAnswerProblem::cancelled;
    }
    if (now >= answers_close(*meeting)) {
        return LinkAnswerProblem::closed;
    }
    // The person's own answer, as a reply from their calendar would be: nobody wrote it
    // down for them.
    const RecordedAnswer recorded{meeting->id, std::nullopt, link.person, answer, meeting->sequence,
                                  now,         std::nullopt, std::string(comment), std::nullopt};
    switch (store.record_hand_answer(recorded)) {
    case db::Store::HandAnswerOutcome::recorded: return recorded;
    case db::Store::HandAnswerOutcome::not_invited: return LinkAnswerProblem::not_invited;
    case db::Store::HandAnswerOutcome::newer_kept: break;
    }
    return LinkAnswerProblem::newer_kept;
}

}  // namespace planner::services
