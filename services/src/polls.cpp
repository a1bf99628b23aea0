#include <planner/services/polls.hpp>

#include <planner/mail/invitation_text.hpp>
#include <planner/mail/message.hpp>
#include <planner/services/meeting_queries.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <map>
#include <set>

namespace planner::services {

namespace pt = boost::posix_time;

namespace {

Meeting stored_meeting(const db::Store& store, const MeetingId& id)
{
    auto meeting = store.meeting(id);
    if (!meeting) {
        throw unknown_meeting(store, id);
    }
    return std::move(*meeting);
}

db::PollRow stored_poll(const db::Store& store, const MeetingId& id)
{
    auto poll = store.poll(id);
    if (!poll) {
        throw NotFound(fmt::format("meeting '{}' has no poll", id.str()));
    }
    return std::move(*poll);
}

db::PollRow open_poll(const db::Store& store, const MeetingId& id)
{
    auto poll = stored_poll(store, id);
    if (poll.closed) {
        throw Error(fmt::format("the poll of meeting '{}' is closed", id.str()));
    }
    return poll;
}

void check_mailing(const PollMailing& mailing)
{
    if (mailing.sender_address.empty()) {
        throw Error("a poll's mail goes through the outbox, and no address sends it: set [smtp] from in the "
                    "configuration");
    }
    if (mailing.base_url.empty()) {
        throw Error("a poll's links need the service's public address: set [web] base_url in the configuration");
    }
}

// Whether the voters see each other's names: where the poll allows it, and only while
// the participants of the meeting see each other (who sees whom).
bool names_shown(const db::PollRow& poll, const Meeting& meeting, const Directory& records)
{
    return poll.names_shown && guest_list_shown(meeting, records);
}

// The meeting of an open poll, which only a tentative meeting has.
Meeting tentative_meeting(const db::Store& store, const MeetingId& id)
{
    auto meeting = stored_meeting(store, id);
    if (meeting.status != MeetingStatus::tentative) {
        throw Error(fmt::format("meeting '{}' is {}; a poll is for a tentative meeting, whose time is not settled",
                                id.str(), to_string(meeting.status)));
    }
    return meeting;
}

// Each person's mail with their own link to vote; the links' rows to store with it.
struct PollLetters {
    std::vector<db::OutboxMessage> messages;
    std::vector<db::PersonalLinkRow> links;
    PollMailReport report;
};

PollLetters poll_letters(const Directory& records, const Meeting& meeting, const db::PollRow& poll,
                         const std::vector<PersonId>& people, const PollMailing& mailing, bool reminder, pt::ptime now)
{
    if (meeting.organisers.empty()) {
        throw Error(fmt::format("meeting '{}' has no organiser to answer to", meeting.id.str()));
    }
    const auto& organiser = records.person(meeting.organisers.front());
    const auto* organisation = records.find(organiser.organisation);
    const auto expires = std::max_element(poll.candidates.begin(), poll.candidates.end(), [](const auto& a, const auto& b) {
                             return a.end() < b.end();
                         })->end();
    PollLetters letters;
    for (const auto& id : people) {
        const auto& person = records.person(id);
        if (!person.email) {
            letters.report.without_email.push_back(person);
            continue;
        }
        auto made = make_link(LinkPurpose::poll, id, meeting.id, expires, now);
        const auto address = link_address(mailing.base_url, LinkPurpose::poll, made.token);
        const auto text = mail::poll_text(records, meeting, poll.candidates,
                                          {address, names_shown(poll, meeting, records), reminder}, mailing.language);
        mail::TextMessage message;
        message.from = {organisation != nullptr ? organisation->name : organiser.name, mailing.sender_address};
        message.reply_to = mail::Mailbox{organiser.name, email_text(organiser)};
        message.to = {person.name, email_text(person)};
        message.subject = text.subject;
        message.text = text.body;
        message.date = now;
        message.message_id = fmt::format("{}.poll.{}.{}@planner.invalid", meeting.uid, pt::to_iso_string(now), id.str());
        db::OutboxMessage queued;
        queued.meeting = meeting.id;
        queued.version = {id, meeting.sequence, "poll", false};
        queued.envelope_from = mailing.sender_address;
        queued.recipient = email_text(person);
        queued.message = mail::compose(message);
        queued.queued_by = mailing.queued_by;
        queued.queued = now;
        queued.next_try = now;
        queued.kind = db::MailKind::poll;
        letters.messages.push_back(std::move(queued));
        letters.links.push_back(std::move(made.row));
        letters.report.queued.push_back(person);
    }
    return letters;
}

std::vector<PersonId> people_of(const Meeting& meeting)
{
    std::vector<PersonId> people;
    for (const auto& invitee : invitees(meeting)) {
        people.push_back(invitee.person);
    }
    return people;
}

bool is_invited(const Meeting& meeting, const PersonId& person)
{
    const auto all = invitees(meeting);
    return std::any_of(all.begin(), all.end(), [&](const Participant& invitee) { return invitee.person == person; });
}

// Each person's votes, by candidate.
std::map<PersonId, std::vector<std::optional<PollVote>>> votes_by_person(std::span<const db::PollVoteRow> votes,
                                                                        std::size_t candidates)
{
    std::map<PersonId, std::vector<std::optional<PollVote>>> by_person;
    for (const auto& vote : votes) {
        auto& row = by_person.try_emplace(vote.person, candidates).first->second;
        if (vote.candidate >= 0 && static_cast<std::size_t>(vote.candidate) < candidates) {
            row[static_cast<std::size_t>(vote.candidate)] = vote.vote;
        }
    }
    return by_person;
}

void count(PollVote vote, int& yes, int& if_need_be, int& no)
{
    switch (vote) {
    case PollVote::yes: ++yes; break;
    case PollVote::if_need_be: ++if_need_be; break;
    case PollVote::no: ++no; break;
    }
}

// The meeting as it would be, confirmed at `start`.
Meeting confirmed_at(const Meeting& meeting, pt::ptime start)
{
    auto draft = moved(meeting, start);
    draft.status = MeetingStatus::confirmed;
    return draft;
}

bool digits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view text)
{
    int value = 0;
    for (const char c : text) {
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

std::optional<pt::ptime> poll_time_from_text(std::string_view text, const std::string& zone)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    // "2031-03-10 14:00", "2031-03-10T14:00", "10.03.2031 14:00"; one or two digits of hour.
    const auto gap = text.find_first_of(" T");
    if (gap == std::string_view::npos) {
        return std::nullopt;
    }
    const auto day = text.substr(0, gap);
    auto clock = text.substr(gap + 1);
    while (!clock.empty() && clock.front() == ' ') {
        clock.remove_prefix(1);
    }
    int year = 0;
    int month = 0;
    int day_of_month = 0;
    if (day.size() == 10 && day[4] == '-' && day[7] == '-' && digits(day.substr(0, 4)) && digits(day.substr(5, 2)) &&
        digits(day.substr(8, 2))) {
        year = number(day.substr(0, 4));
        month = number(day.substr(5, 2));
        day_of_month = number(day.substr(8, 2));
    } else if (day.size() == 10 && day[2] == '.' && day[5] == '.' && digits(day.substr(0, 2)) &&
               digits(day.substr(3, 2)) && digits(day.substr(6, 4))) {
        day_of_month = number(day.substr(0, 2));
        month = number(day.substr(3, 2));
        year = number(day.substr(6, 4));
    } else {
        return std::nullopt;
    }
    const auto colon = clock.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || clock.size() != colon + 3 ||
        !digits(clock.substr(0, colon)) || !digits(clock.substr(colon + 1))) {
        return std::nullopt;
    }
    const int hour = number(clock.substr(0, colon));
    const int minute = number(clock.substr(colon + 1));
    if (hour > 23 || minute > 59 || year < 1900 || year > 9999 || month < 1 || month > 12 || day_of_month < 1 ||
        day_of_month > boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                              static_cast<unsigned short>(month))) {
        return std::nullopt;
    }
    const pt::ptime local(boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                                                 static_cast<unsigned short>(day_of_month)),
                          pt::hours(hour) + pt::minutes(minute));
    return time_zone(zone).to_utc(local);
}

std::string poll_time_text(pt::ptime utc, const std::string& zone)
{
    const auto local = time_zone(zone).to_local(utc);
    return fmt::format("{} {:02}:{:02}", boost::gregorian::to_iso_extended_string(local.date()),
                       local.time_of_day().hours(), local.time_of_day().minutes());
}

PollCreated create_poll(db::Store& store, const NewPoll& request, const PollMailing& mailing, pt::ptime now)
{
    check_mailing(mailing);
    const auto& starts = request.starts;
    if (starts.size() < fewest_poll_times || starts.size() > most_poll_times) {
        throw Error(fmt::format("a poll asks about {} to {} times, not {}", fewest_poll_times, most_poll_times,
                                starts.size()));
    }
    for (std::size_t i = 0; i < starts.size(); ++i) {
        if (starts[i] <= now) {
            throw Error(fmt::format("time {} of the poll ({} UTC) has passed", i + 1, pt::to_simple_string(starts[i])));
        }
        if (std::find(starts.begin(), starts.begin() + static_cast<std::ptrdiff_t>(i), starts[i]) !=
            starts.begin() + static_cast<std::ptrdiff_t>(i)) {
            throw Error(fmt::format("time {} of the poll ({} UTC) is given twice", i + 1, pt::to_simple_string(starts[i])));
        }
    }
    const MeetingId id(request.meeting);
    PollCreated created;
    store.write_together([&] {
        const auto meeting = stored_meeting(store, id);
        if (meeting.recurrence) {
            throw Error(fmt::format("meeting '{}' is a series; a poll finds the time of a single meeting", id.str()));
        }
        static_cast<void>(tentative_meeting(store, id));
        created.poll.meeting = id;
        for (const auto start : starts) {
            created.poll.candidates.emplace_back(start, start + meeting.time.length());
        }
        created.poll.names_shown = request.names_shown;
        created.poll.created_by = mailing.queued_by;
        created.poll.created = now;
        const auto records = store.records_of({&meeting, 1});
        if (request.names_shown && !guest_list_shown(meeting, records)) {
            throw Error(fmt::format("the participants of meeting '{}' do not see each other, so its poll cannot show "
                                    "their names; let them see each other first, or keep the names hidden",
                                    id.str()));
        }
        auto letters = poll_letters(records, meeting, created.poll, people_of(meeting), mailing, false, now);
        store.add_poll(created.poll, letters.links);
        static_cast<void>(store.queue_mail(id, letters.messages));
        created.mail = std::move(letters.report);
    });
    return created;
}

std::vector<pt::ptime> proposed_starts(const db::Store& store, const std::string& meeting, const SlotWindow& window)
{
    const auto found = slots_for_meeting(store, meeting, window, window.count);
    std::vector<pt::ptime> starts;
    for (const auto& slot : found.proposals.search.slots) {
        if (starts.size() < std::min(window.count, most_poll_times)) {
            starts.push_back(slot.time.start());
        }
    }
    return starts;
}

PollTable poll_table(const db::Store& store, const MeetingId& id, const TravelModel& travel)
{
    std::optional<PollTable> table;
    store.read_together([&] {
        auto meeting = stored_meeting(store, id);
        auto poll = stored_poll(store, id);
        const auto votes = store.poll_votes(id);
        auto records = store.records_of({&meeting, 1});
        const auto by_person = votes_by_person(votes, poll.candidates.size());
        std::map<PersonId, pt::ptime> voted;
        for (const auto& vote : votes) {
            auto& when = voted.try_emplace(vote.person, vote.voted).first->second;
            when = std::max(when, vote.voted);
        }
        table = PollTable{meeting, poll, {}, {}, {}, records, names_shown(poll, meeting, records)};
        for (const auto& time : poll.candidates) {
            PollCandidate candidate{time, 0, 0, 0, {}, {}};
            // A closed poll is history: no time of it is checked any more.
            if (!poll.closed) {
                candidate.conflicts = conflicts_of_draft(store, confirmed_at(meeting, time.start()), travel).conflicts;
            }
            table->candidates.push_back(std::move(candidate));
        }
        for (const auto& invitee : invitees(meeting)) {
            const auto& person = records.person(invitee.person);
            const auto found = by_person.find(invitee.person);
            PollVoter voter{person, invitee.role, std::vector<std::optional<PollVote>>(poll.candidates.size()), {}};
            if (found == by_person.end()) {
                table->not_voted.push_back(person);
            } else {
                voter.votes = found->second;
                voter.voted = voted.at(invitee.person);
                for (std::size_t i = 0; i < voter.votes.size(); ++i) {
                    if (!voter.votes[i]) {
                        continue;
                    }
                    auto& candidate = table->candidates[i];
                    count(*voter.votes[i], candidate.yes, candidate.if_need_be, candidate.no);
                    if (*voter.votes[i] == PollVote::no && (invitee.role == planner::Role::chair || invitee.role == planner::Role::required)) {
                        candidate.required_cannot.push_back(person);
                    }
                }
            }
            table->voters.push_back(std::move(voter));
        }
    });
    return std::move(*table);
}

PollMailReport remind_poll(db::Store& store, const MeetingId& id, const PollMailing& mailing, pt::ptime now)
{
    check_mailing(mailing);
    PollMailReport report;
    store.write_together([&] {
        const auto poll = open_poll(store, id);
        const auto meeting = tentative_meeting(store, id);
        const auto votes = store.poll_votes(id);
        std::set<PersonId> voted;
        for (const auto& vote : votes) {
            voted.insert(vote.person);
        }
        std::vector<PersonId> waiting;
        for (const auto& person : people_of(meeting)) {
            if (!voted.contains(person)) {
                waiting.push_back(person);
            }
        }
        const auto records = store.records_of({&meeting, 1});
        auto letters = poll_letters(records, meeting, poll, waiting, mailing, true, now);
        // One link a person: the reminder's, the earlier one revoked.
        for (const auto& message : letters.messages) {
            static_cast<void>(store.revoke_personal_links(message.version.person, LinkPurpose::poll, id));
        }
        store.add_personal_links(letters.links);
        static_cast<void>(store.queue_mail(id, letters.messages));
        report = std::move(letters.report);
    });
    return report;
}

PollConfirmation confirm_poll(db::Store& store, const MeetingId& id, int candidate, const PollMailing& mailing,
                              const TravelModel& travel, ErrorConflicts errors, pt::ptime now)
{
    check_mailing(mailing);
    // Thrown to roll the write back when the time has conflicts that were not accepted.
    struct NotSaved {};
    PollConfirmation confirmation;
    try {
        store.write_together([&] {
            const auto poll = open_poll(store, id);
            if (candidate < 0 || static_cast<std::size_t>(candidate) >= poll.candidates.size()) {
                throw Error(fmt::format("the poll of meeting '{}' has times 1 to {}, not {}", id.str(),
                                        poll.candidates.size(), candidate + 1));
            }
            const auto meeting = tentative_meeting(store, id);
            const auto& time = poll.candidates[static_cast<std::size_t>(candidate)];
            if (time.length() != meeting.time.length()) {
                throw Error(fmt::format("meeting '{}' is {} long now, and the times of its poll {}: end the poll "
                                        "and ask again for times as long as the meeting",
                                        id.str(), pt::to_simple_string(meeting.time.length()),
                                        pt::to_simple_string(time.length())));
            }
            // Closed first: the meeting saved confirmed would otherwise close it without a time.
            store.close_poll(id, candidate, now);
            auto saved = save_meeting(store, confirmed_at(meeting, time.start()), meeting, travel, errors);
            confirmation.preview = std::move(saved.preview);
            if (!saved.saved) {
                throw NotSaved{};
            }
            confirmation.letters = queue_letters_of(store, OutboxRequest{id.str(), mailing.queued_by,
                                                                         mailing.sender_address, mailing.language,
                                                                         mailing.base_url});
            confirmation.confirmed = true;
        });
    } catch (const NotSaved&) {
        confirmation.confirmed = false;
        confirmation.letters.reset();
    }
    return confirmation;
}

void end_poll(db::Store& store, const MeetingId& meeting, pt::ptime now)
{
    if (!store.close_poll(meeting, std::nullopt, now)) {
        throw Error(fmt::format("meeting '{}' has no open poll", meeting.str()));
    }
}

int forget_closed_polls(db::Store& store, pt::ptime now, int kept_days)
{
    return store.forget_closed_polls(now - pt::hours(24 * kept_days));
}

PollView poll_view(const db::Store& store, const LinkHolder& holder)
{
    const auto& link = holder.link;
    if (!link.meeting) {
        throw NotFound("the link names no meeting");
    }
    std::optional<PollView> view;
    store.read_together([&] {
        auto meeting = store.meeting(*link.meeting);
        auto person = store.person(link.person);
        auto poll = store.poll(*link.meeting);
        if (!meeting || !person || !poll) {
            return;
        }
        const auto records = store.records_of({&*meeting, 1});
        const auto size = poll->candidates.size();
        view = PollView{*meeting, *person, {}, {}, *poll, std::vector<std::optional<PollVote>>(size),
                        std::vector<PollTally>(size), {}, is_invited(*meeting, link.person),
                        names_shown(*poll, *meeting, records)};
        const auto by_person = votes_by_person(store.poll_votes(*link.meeting), size);
        for (const auto& invitee : invitees(*meeting)) {
            const auto found = by_person.find(invitee.person);
            if (found == by_person.end()) {
                continue;
            }
            for (std::size_t i = 0; i < size; ++i) {
                if (found->second[i]) {
                    count(*found->second[i], view->tallies[i].yes, view->tallies[i].if_need_be, view->tallies[i].no);
                }
            }
            if (invitee.person == link.person) {
                view->mine = found->second;
            } else if (names_shown(*poll, *meeting, records)) {
                if (const auto* other = records.find(invitee.person)) {
                    view->others.push_back({other->name, found->second});
                }
            }
        }
        std::tie(view->organisers, view->venue) = hosts_of(*meeting, records);
    });
    if (!view) {
        throw NotFound(fmt::format("the poll of meeting '{}' or person '{}' is gone", link.meeting->str(),
                                   link.person.str()));
    }
    return std::move(*view);
}

std::optional<VoteProblem> vote_in_poll(db::Store& store, const LinkHolder& holder,
                                        std::span<const std::optional<PollVote>> votes, pt::ptime now)
{
    const auto& link = holder.link;
    if (!link.meeting) {
        throw NotFound("the link names no meeting");
    }
    std::optional<VoteProblem> problem;
    store.write_together([&] {
        const auto poll = store.poll(*link.meeting);
        const auto meeting = store.meeting(*link.meeting);
        if (!poll || !meeting) {
            throw NotFound(fmt::format("the poll of meeting '{}' is gone", link.meeting->str()));
        }
        if (poll->closed) {
            problem = VoteProblem::closed;
            return;
        }
        if (votes.size() != poll->candidates.size() ||
            std::any_of(votes.begin(), votes.end(), [](const auto& vote) { return !vote; })) {
            problem = VoteProblem::incomplete;
            return;
        }
        if (!is_invited(*meeting, link.person)) {
            problem = VoteProblem::not_invited;
            return;
        }
        std::vector<db::PollVoteRow> rows;
        for (std::size_t i = 0; i < votes.size(); ++i) {
            rows.push_back({link.person, static_cast<int>(i), *votes[i], now});
        }
        if (!store.replace_poll_votes(*link.meeting, link.person, rows)) {
            problem = VoteProblem::closed;
        }
    });
    return problem;
}

}  // namespace planner::services
