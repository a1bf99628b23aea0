// Date polls: the organiser's page of a tentative meeting's poll (made, its table,
// reminded, confirmed at one time or ended), and the page a person's own link opens,
// where they say yes, if need be or no to each time, seeing the others' names only
// where the poll shows them.

#include "layout.hpp"
#include "meeting_records.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/services/polls.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <array>
#include <charconv>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;
using html::Url;
using services::PollVote;

namespace {

namespace pt = boost::posix_time;

std::string when(const Context& context, const Meeting& meeting, const TimeRange& time)
{
    return format_in(context.language, time, time_zone(meeting.time_zone));
}

std::string_view vote_word(const Words& say, PollVote vote)
{
    switch (vote) {
    case PollVote::yes: return say.vote_yes;
    case PollVote::if_need_be: return say.vote_if_need_be;
    case PollVote::no: return say.vote_no;
    }
    return say.vote_no;
}

std::string counts(const Words& say, int yes, int if_need_be, int no)
{
    return fmt::format(fmt::runtime(say.poll_counts), yes, if_need_be, no);
}

std::string names(const std::vector<Person>& people)
{
    std::string text;
    for (const auto& person : people) {
        text += text.empty() ? "" : ", ";
        text += person.name;
    }
    return text;
}

services::PollMailing mailing_of(const Context& context)
{
    return {context.viewer->account.login, context.settings.mail_sender.value_or(""), context.settings.base_url,
            context.language};
}

bool pollable(const Meeting& meeting)
{
    return meeting.status == MeetingStatus::tentative && !meeting.recurrence;
}

// Runs a change of the poll: what the services refuse (a poll open already, one closed
// since the page was shown) is the person's to correct, not the planner's error.
template <class Change>
auto refused_as_bad_request(Change change) -> decltype(change())
{
    try {
        return change();
    } catch (const NotFound&) {
        throw;
    } catch (const BadRequest&) {
        throw;
    } catch (const Error& refusal) {
        throw BadRequest(refusal.what());
    }
}

// The form that starts a poll: the times one a line, and whether names are shown.
Html new_poll_form(const Context& context, const Meeting& meeting, const std::string& times, bool names_shown,
                   std::string_view problem)
{
    const auto& say = words(context.language);
    Html content = element("p", say.poll_start_hint);
    // Find-slot's proposals for the meeting's required people fill the times in.
    Element propose("form", {{"method", "get"}, {"action", Url("/meetings", {meeting.id.str(), "poll"}).str()}});
    propose(Element("input", {{"type", "hidden"}, {"name", "propose"}, {"value", "1"}}).empty_element());
    propose(Element("button", {{"type", "submit"}})(say.poll_propose));
    content += Html(propose);
    Element form("form", {{"method", "post"}, {"action", Url("/meetings", {meeting.id.str(), "poll"}).str()}});
    if (!problem.empty()) {
        form(element("p", {{"class", "problem"}, {"role", "alert"}, {"id", "poll-problem"}}, problem));
    }
    form(csrf_field(context));
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "poll-times"}})(say.poll_times) +
                     Html(Element("textarea", {{"id", "poll-times"},
                                               {"name", "times"},
                                               {"rows", "6"},
                                               {"aria-describedby", "poll-problem", !problem.empty()}})(times))));
    // Names are shown only where the participants see each other at all.
    if (guest_list_shown(meeting, context.meeting->records)) {
        form(element("div", {{"class", "choice"}},
                     Element("input", {{"type", "checkbox"},
                                       {"id", "poll-names"},
                                       {"name", "names-shown"},
                                       {"value", "yes"},
                                       html::flag("checked", names_shown)})
                             .empty_element() +
                         Element("label", {{"for", "poll-names"}})(say.poll_show_names)));
    } else {
        form(element("p", {{"class", "hint"}}, say.poll_names_hidden_note));
    }
    form(Element("button", {{"type", "submit"}})(say.poll_create));
    content += Html(form);
    return content;
}

// The times with their counts, who required cannot come and what conflicts each has now,
// each with the button that confirms it.
Html candidate_table(const Context& context, const services::PollTable& table)
{
    const auto& say = words(context.language);
    const bool open = !table.poll.closed;
    Element head("tr");
    head(element("th", {{"scope", "col"}}, say.poll_time));
    head(element("th", {{"scope", "col"}}, say.poll_so_far));
    head(element("th", {{"scope", "col"}}, say.poll_required_cannot));
    head(element("th", {{"scope", "col"}}, say.conflicts));
    if (open) {
        head(element("th", {{"scope", "col"}}, say.poll_confirm));
    }
    Element body("tbody");
    for (std::size_t i = 0; i < table.candidates.size(); ++i) {
        const auto& candidate = table.candidates[i];
        Element row("tr");
        const bool chosen = table.poll.chosen && static_cast<std::size_t>(*table.poll.chosen) == i;
        row(element("th", {{"scope", "row"}}, when(context, table.meeting, candidate.time) + (chosen ? " ✓" : "")));
        row(element("td", counts(say, candidate.yes, candidate.if_need_be, candidate.no)));
        row(element("td", names(candidate.required_cannot)));
        row(element("td", candidate.conflicts.empty() ? std::string("–") : std::to_string(candidate.conflicts.size())));
        if (open) {
            Element confirm("form", {{"method", "post"},
                                     {"action", Url("/meetings", {table.meeting.id.str(), "poll", "confirm"}).str()}});
            confirm(csrf_field(context));
            confirm(Element("input", {{"type", "hidden"}, {"name", "candidate"}, {"value", std::to_string(i)}})
                        .empty_element());
            // Each button says which time it confirms, for a screen reader reading buttons alone.
            const auto label = fmt::format("{}: {}", say.poll_confirm, when(context, table.meeting, candidate.time));
            confirm(Element("button", {{"type", "submit"}, {"aria-label", label}})(say.poll_confirm));
            row(element("td", Html(confirm)));
        }
        body(Html(row));
    }
    return element("table", element("caption", say.poll_times) + element("thead", Html(head)) + Html(body));
}

// Each invitee's vote per time: for the organisers, who asked them.
Html voter_table(const Context& context, const services::PollTable& table)
{
    const auto& say = words(context.language);
    Element head("tr");
    head(element("th", {{"scope", "col"}}, say.name));
    for (const auto& candidate : table.candidates) {
        head(element("th", {{"scope", "col"}}, when(context, table.meeting, candidate.time)));
    }
    Element body("tbody");
    for (const auto& voter : table.voters) {
        Element row("tr");
        std::string name = voter.person.name;
        if (!voter.person.email) {
            name += fmt::format(" ({})", say.poll_without_email);
        }
        row(element("th", {{"scope", "row"}}, name));
        for (const auto& vote : voter.votes) {
            row(element("td", vote ? vote_word(say, *vote) : std::string_view("–")));
        }
        body(Html(row));
    }
    return element("table", element("caption", say.poll_others_votes) + element("thead", Html(head)) + Html(body));
}

Html poll_tables(const Context& context, const services::PollTable& table)
{
    const auto& say = words(context.language);
    const auto& id = table.meeting.id.str();
    Html content;
    if (table.poll.closed) {
        content += element("p", fmt::format(fmt::runtime(say.poll_closed_at),
                                            format_date(context.language, time_zone(table.meeting.time_zone)
                                                                              .to_local(*table.poll.closed)
                                                                              .date())));
    }
    content += element("p", table.names_shown ? say.poll_names_shown_note : say.poll_names_hidden_note);
    content += candidate_table(context, table);
    content += voter_table(context, table);
    if (table.not_voted.empty()) {
        content += element("p", say.poll_everyone_voted);
    } else {
        content += element("p", fmt::format("{}: {}", say.poll_not_voted, names(table.not_voted)));
    }
    if (!table.poll.closed) {
        Element remind("form", {{"method", "post"}, {"class", "buttons"}, {"action", Url("/meetings", {id, "poll", "remind"}).str()}});
        remind(csrf_field(context));
        remind(Element("button", {{"type", "submit"}, html::flag("disabled", table.not_voted.empty())})(say.poll_remind));
        content += Html(remind);
        Element end("form", {{"method", "post"}, {"class", "buttons"}, {"action", Url("/meetings", {id, "poll", "end"}).str()}});
        end(csrf_field(context));
        end(Element("button", {{"type", "submit"}})(say.poll_end));
        content += Html(end);
    }
    content += element("p", {{"class", "hint"}}, fmt::format(fmt::runtime(say.poll_kept), context.settings.closed_polls_days));
    return content;
}

std::string proposed_times(const Context& context, const Meeting& meeting)
{
    services::SlotWindow window;
    const auto today = time_zone(meeting.time_zone).to_local(context.now).date();
    window.first_day = today + boost::gregorian::days(1);
    window.last_day = today + boost::gregorian::days(42);
    window.count = 5;
    std::string times;
    for (const auto start : services::proposed_starts(context.store, meeting.id.str(), window)) {
        times += services::poll_time_text(start, meeting.time_zone) + "\n";
    }
    return times;
}

Response poll_page_of(Context& context, std::string_view problem, unsigned status, const std::string& times,
                      bool names_shown, const Html& extra = {})
{
    const auto& say = words(context.language);
    const auto& meeting = context.meeting->meeting;
    const auto& request = context.request;
    Html content = element("p", link(Url("/meetings", {meeting.id.str()}), meeting.title));
    // After a button: the numbers its redirect carries, and nothing else.
    if (request.query_value("created")) {
        content += element("p", {{"class", "notice"}, {"role", "status"}},
                           fmt::format(fmt::runtime(say.poll_created), number_parameter(request, "created", 0, 1'000)));
    }
    if (request.query_value("reminded")) {
        content += element("p", {{"class", "notice"}, {"role", "status"}},
                           fmt::format(fmt::runtime(say.poll_reminded), number_parameter(request, "reminded", 0, 1'000)));
    }
    if (request.query_value("ended")) {
        content += element("p", {{"class", "notice"}, {"role", "status"}}, say.poll_ended);
    }
    if (request.query_value("confirmed")) {
        content += element("p", {{"class", "notice"}, {"role", "status"}},
                           fmt::format(fmt::runtime(say.poll_confirmed), when(context, meeting, meeting.time)));
    }
    content += extra;
    const auto poll = context.store.poll(meeting.id);
    if (!poll || poll->closed) {
        if (!context.settings.mail_sender) {
            content += element("p", {{"class", "problem"}}, say.poll_no_mail);
        } else if (!pollable(meeting)) {
            content += element("p", say.poll_only_tentative);
        } else {
            std::string shown_times = times;
            std::string shown_problem(problem);
            if (request.query_value("propose") && shown_times.empty()) {
                shown_times = proposed_times(context, meeting);
                if (shown_times.empty()) {
                    shown_problem = say.poll_no_proposals;
                }
            }
            content += new_poll_form(context, meeting, shown_times, names_shown, shown_problem);
        }
    } else if (!problem.empty()) {
        content += element("p", {{"class", "problem"}, {"role", "alert"}}, problem);
    }
    if (poll) {
        content += poll_tables(context, services::poll_table(context.store, meeting.id, TravelModel{}));
    }
    return page(context, fmt::format("{}: {}", say.poll_heading, meeting.title), content, status);
}

}  // namespace

Html poll_section(const Context& context, const Meeting& meeting)
{
    const auto& say = words(context.language);
    if (!pollable(meeting) && !context.store.poll(meeting.id)) {
        return {};
    }
    return element("h2", say.poll_heading) +
           element("p", link(Url("/meetings", {meeting.id.str(), "poll"}), say.poll_open_link));
}

Response meeting_poll(Context& context)
{
    return poll_page_of(context, {}, 200, {}, false);
}

Response create_poll(Context& context)
{
    const auto& say = words(context.language);
    const auto& meeting = context.meeting->meeting;
    const auto& request = context.request;
    const std::string times(request.form_value("times"));
    const bool names_shown = request.form_value("names-shown") == "yes";
    if (!context.settings.mail_sender) {
        throw BadRequest(std::string(say.poll_no_mail));
    }
    services::NewPoll poll{meeting.id.str(), {}, names_shown};
    std::size_t line_number = 0;
    std::size_t begin = 0;
    try {
        while (begin <= times.size()) {
            const auto end = std::min(times.find('\n', begin), times.size());
            const std::string_view line(times.data() + begin, end - begin);
            ++line_number;
            begin = end + 1;
            if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
                continue;
            }
            const auto start = services::poll_time_from_text(line, meeting.time_zone);
            if (!start) {
                return poll_page_of(context, fmt::format(fmt::runtime(say.poll_bad_time), line_number, line), 400, times,
                                    names_shown);
            }
            poll.starts.push_back(*start);
        }
        const auto created = services::create_poll(context.store, poll, mailing_of(context), context.now);
        return redirect(Url("/meetings", {meeting.id.str(), "poll"})
                            .query("created", std::to_string(created.mail.queued.size()))
                            .str());
    } catch (const NotFound&) {
        throw;
    } catch (const Error& refusal) {
        // Too few or many times, one past or twice, a poll open since: said beside the form.
        return poll_page_of(context, refusal.what(), 400, times, names_shown);
    }
}

Response remind_poll(Context& context)
{
    const auto& meeting = context.meeting->meeting;
    const auto report = refused_as_bad_request(
        [&] { return services::remind_poll(context.store, meeting.id, mailing_of(context), context.now); });
    return redirect(
        Url("/meetings", {meeting.id.str(), "poll"}).query("reminded", std::to_string(report.queued.size())).str());
}

Response confirm_poll(Context& context)
{
    const auto& say = words(context.language);
    const auto& meeting = context.meeting->meeting;
    const auto& request = context.request;
    const auto text = request.form_value("candidate");
    int candidate = -1;
    const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), candidate);
    if (problem != std::errc() || end != text.data() + text.size()) {
        throw BadRequest(fmt::format("the time to confirm is '{}', not a number of the poll's times", text));
    }
    const auto errors = request.form_value("accept-conflicts") == "yes" ? services::ErrorConflicts::accepted
                                                                        : services::ErrorConflicts::refused;
    const auto confirmation = refused_as_bad_request([&] {
        return services::confirm_poll(context.store, meeting.id, candidate, mailing_of(context), TravelModel{}, errors,
                                      context.now);
    });
    if (confirmation.confirmed) {
        return redirect(Url("/meetings", {meeting.id.str(), "poll"}).query("confirmed", "1").str());
    }
    // Conflicts that have arisen since: shown, with the choice to confirm all the same.
    Html shown = element("p", {{"class", "problem"}, {"role", "alert"}}, say.poll_confirm_refused);
    // Of meetings the organiser may not read, only how many.
    const auto visible = visible_conflicts(confirmation.preview.conflicts, *context.viewer);
    shown += element("h2", say.poll_conflicts_now) + conflict_table(context, visible.shown);
    if (visible.hidden > 0) {
        shown += element("p", fmt::format(fmt::runtime(say.hidden_conflicts), visible.hidden));
    }
    Element again("form", {{"method", "post"}, {"action", Url("/meetings", {meeting.id.str(), "poll", "confirm"}).str()}});
    again(csrf_field(context));
    again(Element("input", {{"type", "hidden"}, {"name", "candidate"}, {"value", std::to_string(candidate)}}).empty_element());
    again(Element("input", {{"type", "hidden"}, {"name", "accept-conflicts"}, {"value", "yes"}}).empty_element());
    again(Element("button", {{"type", "submit"}})(say.poll_confirm_anyway));
    shown += Html(again);
    return poll_page_of(context, {}, 409, {}, false, shown);
}

Response end_poll(Context& context)
{
    const auto& meeting = context.meeting->meeting;
    refused_as_bad_request([&] { services::end_poll(context.store, meeting.id, context.now); });
    return redirect(Url("/meetings", {meeting.id.str(), "poll"}).query("ended", "1").str());
}

// ---------------------------------------------------------------------------------
// The voter's page.

namespace {

Html vote_form(const Context& context, const services::PollView& view, std::string_view problem)
{
    const auto& say = words(context.language);
    Element form("form", {{"method", "post"}, {"action", Url("/vote", {view.meeting.id.str()}).str()}});
    if (!problem.empty()) {
        form(element("p", {{"class", "problem"}, {"role", "alert"}, {"id", "vote-problem"}}, problem));
    }
    form(csrf_field(context));
    const std::array<PollVote, 3> choices{PollVote::yes, PollVote::if_need_be, PollVote::no};
    for (std::size_t i = 0; i < view.poll.candidates.size(); ++i) {
        Element set("fieldset", {{"aria-describedby", "vote-problem", !problem.empty()}});
        set(element("legend", when(context, view.meeting, view.poll.candidates[i])));
        for (const auto choice : choices) {
            const auto id = fmt::format("vote-{}-{}", i, db::to_string(choice));
            set(element("div", {{"class", "choice"}},
                        Element("input", {{"type", "radio"},
                                          {"id", id},
                                          {"name", fmt::format("vote-{}", i)},
                                          {"value", std::string(db::to_string(choice))},
                                          html::flag("checked", view.mine[i] == choice),
                                          html::flag("required", true)})
                                .empty_element() +
                            Element("label", {{"for", id}})(vote_word(say, choice))));
        }
        const auto& tally = view.tallies[i];
        set(element("p", {{"class", "hint"}},
                    fmt::format("{}: {}", say.poll_so_far, counts(say, tally.yes, tally.if_need_be, tally.no))));
        form(Html(set));
    }
    form(Element("button", {{"type", "submit"}})(say.send_votes));
    return form;
}

Html others_table(const Context& context, const services::PollView& view)
{
    const auto& say = words(context.language);
    Element head("tr");
    head(element("th", {{"scope", "col"}}, say.name));
    for (const auto& time : view.poll.candidates) {
        head(element("th", {{"scope", "col"}}, when(context, view.meeting, time)));
    }
    Element body("tbody");
    for (const auto& other : view.others) {
        Element row("tr");
        row(element("th", {{"scope", "row"}}, other.name));
        for (const auto& vote : other.votes) {
            row(element("td", vote ? vote_word(say, *vote) : std::string_view("–")));
        }
        body(Html(row));
    }
    return element("table", element("caption", say.poll_others_votes) + element("thead", Html(head)) + Html(body));
}

Response vote_page_of(Context& context, std::string_view problem, unsigned status)
{
    const auto& say = words(context.language);
    const auto view = services::poll_view(context.store, *context.link);
    if (!view.invited) {
        return page(context, say.poll_title, element("p", {{"class", "problem"}}, say.answer_not_invited), status);
    }
    Html content = element("p", fmt::format(fmt::runtime(say.answer_for), view.person.name));
    content += element("h2", view.meeting.title);
    Element facts("dl", {{"class", "facts"}});
    if (view.venue) {
        const auto& venue = *view.venue;
        facts(element("dt", say.venue) +
              element("dd", venue.address.empty() ? venue.name : venue.name + ", " + venue.address));
    }
    std::string organisers;
    for (const auto& organiser : view.organisers) {
        organisers += organisers.empty() ? "" : ", ";
        organisers += organiser.name;
    }
    facts(element("dt", say.answer_organised_by) + element("dd", organisers));
    content += Html(facts);
    if (!view.meeting.description.empty()) {
        content += element("p", view.meeting.description);
    }
    if (context.request.query_value("saved") && problem.empty()) {
        content += element("p", {{"class", "notice"}, {"role", "status"}}, say.votes_saved);
    }
    if (view.poll.closed) {
        content += element("p", say.poll_is_closed);
    } else {
        content += element("p", say.poll_intro);
        content += vote_form(context, view, problem);
    }
    if (view.names_shown) {
        if (!view.others.empty()) {
            content += others_table(context, view);
        }
        content += element("p", {{"class", "hint"}}, say.poll_names_shown_note);
    } else {
        content += element("p", {{"class", "hint"}}, say.poll_names_hidden_note);
    }
    return page(context, say.poll_title, content, status);
}

}  // namespace

Response follow_poll_link(Context& context)
{
    return follow_link(context, db::LinkPurpose::poll);
}

Response poll_page(Context& context)
{
    return vote_page_of(context, {}, 200);
}

Response vote(Context& context)
{
    const auto& say = words(context.language);
    const auto poll = context.store.poll(*context.link->link.meeting);
    if (!poll) {
        throw NotFound("the poll is gone");
    }
    std::vector<std::optional<PollVote>> votes;
    for (std::size_t i = 0; i < poll->candidates.size(); ++i) {
        votes.push_back(db::poll_vote_from_string(context.request.form_value(fmt::format("vote-{}", i))));
    }
    if (const auto problem = services::vote_in_poll(context.store, *context.link, votes, context.now)) {
        using enum services::VoteProblem;
        const auto text = *problem == incomplete ? say.votes_incomplete
                          : *problem == closed   ? say.poll_is_closed
                                                 : say.answer_not_invited;
        return vote_page_of(context, text, 400);
    }
    return redirect(Url("/vote", {context.link->link.meeting->str()}).query("saved", "1").str());
}

}  // namespace planner::web::pages
