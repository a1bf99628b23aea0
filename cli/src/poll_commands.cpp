// planner poll create | show | remind | confirm | end: a tentative meeting's date poll
// from the command line, through the same use cases as the web's pages. Its mail goes
// through the outbox of 'planner serve', which sends it.

#include "command_support.hpp"
#include "commands.hpp"

#include <planner/cli/run.hpp>
#include <planner/error.hpp>
#include <planner/shown_text.hpp>
#include <planner/services/polls.hpp>
#include <planner/time_zone.hpp>
#include <planner/web/serve.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

namespace planner::cli {

namespace {

namespace pt = boost::posix_time;
using services::PollVote;

services::PollMailing mailing_of(const std::filesystem::path& config, Language language)
{
    const auto sender = web::mail_sender(config);
    if (!sender) {
        throw Error(fmt::format("{}: has no [smtp]: a poll's mail goes through the outbox of 'planner serve', which "
                                "sends as [smtp] from",
                                config.string()));
    }
    return {command_line_user(), *sender, web::public_address(config), language};
}

std::string people_named(const std::vector<Person>& people)
{
    std::string text;
    for (const auto& person : people) {
        text += text.empty() ? "" : ", ";
        text += fmt::format("{} ({})", one_line_text(person.name), person.id.str());
    }
    return text.empty() ? "nobody" : text;
}

void write_mail_report(const services::PollMailReport& report, std::ostream& out)
{
    fmt::print(out, "{} mail{} queued in the outbox, with each person's own link ('planner serve' sends them)\n",
               report.queued.size(), report.queued.size() == 1 ? "" : "s");
    if (!report.without_email.empty()) {
        fmt::print(out, "without an e-mail address, to be asked otherwise: {}\n", people_named(report.without_email));
    }
}

std::string_view vote_word(const std::optional<PollVote>& vote)
{
    if (!vote) {
        return "-";
    }
    switch (*vote) {
    case PollVote::yes: return "yes";
    case PollVote::if_need_be: return "if need be";
    case PollVote::no: return "no";
    }
    return "-";
}

}  // namespace

int create_poll(const GlobalOptions& global, const PollOptions& options, std::ostream& out)
{
    const auto mailing = mailing_of(options.config, options.language);
    auto store = open_existing(global);
    const auto meeting = store.meeting(MeetingId(options.meeting));
    if (!meeting) {
        throw services::unknown_meeting(store, MeetingId(options.meeting));
    }
    services::NewPoll poll{options.meeting, {}, options.names_shown};
    if (options.find_slot) {
        poll.starts = services::proposed_starts(store, options.meeting, slot_window(options.window));
        if (poll.starts.size() < services::fewest_poll_times) {
            throw Error(fmt::format("find-slot proposes {} time{} for meeting '{}' between {} and {}; a poll needs at "
                                    "least {}: widen the window (--from, --to, --hours)",
                                    poll.starts.size(), poll.starts.size() == 1 ? "" : "s", options.meeting,
                                    options.window.from, options.window.to, services::fewest_poll_times));
        }
    } else {
        for (const auto& text : options.times) {
            const auto start = services::poll_time_from_text(text, meeting->time_zone);
            if (!start) {
                throw Error(fmt::format("--at '{}' is not a time; expected e.g. 2031-03-10 14:00 or 10.03.2031 14:00, "
                                        "in the meeting's zone ({})",
                                        text, meeting->time_zone));
            }
            poll.starts.push_back(*start);
        }
    }
    const auto created = services::create_poll(store, poll, mailing, pt::second_clock::universal_time());
    const auto& zone = time_zone(meeting->time_zone);
    fmt::print(out, "poll of '{}' ({}) asks about {} times; names {}:\n", one_line_text(meeting->title),
               meeting->id.str(), created.poll.candidates.size(), created.poll.names_shown ? "shown" : "hidden");
    for (std::size_t i = 0; i < created.poll.candidates.size(); ++i) {
        fmt::print(out, "  {:>2}  {}\n", i + 1, format_local_range(created.poll.candidates[i], zone));
    }
    write_mail_report(created.mail, out);
    return exit_success;
}

int show_poll(const GlobalOptions& global, const std::string& meeting, std::ostream& out)
{
    const auto store = open_existing(global);
    const auto table = services::poll_table(store, MeetingId(meeting), TravelModel{});
    const auto& zone = time_zone(table.meeting.time_zone);
    fmt::print(out, "poll of '{}' ({}): {}, names {}\n", one_line_text(table.meeting.title), meeting,
               table.poll.closed ? fmt::format("closed {} UTC", pt::to_simple_string(*table.poll.closed)) : "open",
               table.poll.names_shown ? "shown" : "hidden");
    for (std::size_t i = 0; i < table.candidates.size(); ++i) {
        const auto& candidate = table.candidates[i];
        const bool chosen = table.poll.chosen && static_cast<std::size_t>(*table.poll.chosen) == i;
        fmt::print(out, "  {:>2}{} {}: {} yes, {} if need be, {} no", i + 1, chosen ? "*" : " ",
                   format_local_range(candidate.time, zone), candidate.yes, candidate.if_need_be, candidate.no);
        if (!candidate.required_cannot.empty()) {
            fmt::print(out, "; required, cannot come: {}", people_named(candidate.required_cannot));
        }
        if (!candidate.conflicts.empty()) {
            fmt::print(out, "; {} conflict{} now", candidate.conflicts.size(), candidate.conflicts.size() == 1 ? "" : "s");
        }
        fmt::print(out, "\n");
    }
    for (const auto& voter : table.voters) {
        std::string votes;
        for (const auto& vote : voter.votes) {
            votes += votes.empty() ? "" : " | ";
            votes += vote_word(vote);
        }
        fmt::print(out, "  {} ({}): {}\n", one_line_text(voter.person.name), voter.person.id.str(), votes);
    }
    fmt::print(out, "not answered: {}\n", table.not_voted.empty() ? std::string("nobody") : people_named(table.not_voted));
    return exit_success;
}

int remind_poll(const GlobalOptions& global, const std::string& meeting, const PollOptions& options, std::ostream& out)
{
    const auto mailing = mailing_of(options.config, options.language);
    auto store = open_existing(global);
    write_mail_report(services::remind_poll(store, MeetingId(meeting), mailing, pt::second_clock::universal_time()),
                      out);
    return exit_success;
}

int confirm_poll(const GlobalOptions& global, const std::string& meeting, std::size_t time, const PollOptions& options,
                 std::ostream& out)
{
    const auto mailing = mailing_of(options.config, options.language);
    auto store = open_existing(global);
    const auto errors = options.accept_conflicts ? services::ErrorConflicts::accepted : services::ErrorConflicts::refused;
    const auto confirmation = services::confirm_poll(store, MeetingId(meeting), static_cast<int>(time) - 1, mailing,
                                                     TravelModel{}, errors, pt::second_clock::universal_time());
    const auto& conflicts = confirmation.preview.conflicts.conflicts;
    for (const auto& conflict : conflicts) {
        fmt::print(out, "{}: {}\n", to_string(conflict.severity), one_line_text(conflict.message));
    }
    if (!confirmation.confirmed) {
        throw Error(fmt::format("meeting '{}' was not moved: time {} of its poll has conflicts now; "
                                "--accept-conflicts confirms it all the same",
                                meeting, time));
    }
    const auto moved = store.meeting(MeetingId(meeting));
    fmt::print(out, "confirmed '{}' ({}) for {}; the poll is closed\n", one_line_text(moved->title), meeting,
               format_local_range(moved->time, time_zone(moved->time_zone)));
    const auto& letters = *confirmation.letters;
    fmt::print(out, "{} invitation{} queued in the outbox ('planner serve' sends them)\n",
               letters.delivered.queued.size(), letters.delivered.queued.size() == 1 ? "" : "s");
    return exit_success;
}

int end_poll(const GlobalOptions& global, const std::string& meeting, std::ostream& out)
{
    auto store = open_existing(global);
    services::end_poll(store, MeetingId(meeting), pt::second_clock::universal_time());
    fmt::print(out, "the poll of meeting '{}' is closed without a time\n", meeting);
    return exit_success;
}

}  // namespace planner::cli
