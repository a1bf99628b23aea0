// A person's own link to answer a meeting, for people without an account: following it
// trades the token for a short session and sends the browser on to a page without the
// token, which shows the meeting, its organisers and the person's own answer, and
// nobody else who is invited.

#include "layout.hpp"
#include "pages.hpp"

#include <planner/services/feeds.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>

#include <chrono>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;
using html::Url;

namespace {

// A wrong token is answered this much later (by the I/O thread's timer), on top of the
// limit per address: guessing is slow, and nobody else waits for it.
constexpr std::chrono::milliseconds wrong_link_delay{1000};

Response link_not_valid(Context& context, unsigned status, std::string_view explanation)
{
    const auto& say = words(context.language);
    auto response = error_page(context, status, say.link_not_valid_title, explanation);
    response.delay = wrong_link_delay;
    return response;
}

std::string when(const Context& context, const Meeting& meeting)
{
    return format_in(context.language, meeting.time, time_zone(meeting.time_zone));
}

Html definition(std::string_view term, Html value)
{
    return element("dt", term) + element("dd", std::move(value));
}

Html meeting_facts(const Context& context, const services::AnswerView& view)
{
    const auto& say = words(context.language);
    const auto& meeting = view.meeting;
    Element facts("dl", {{"class", "facts"}});
    if (view.coming.empty()) {
        facts(definition(say.time, html::text(when(context, meeting))));
    } else {
        Element dates("ul");
        for (const auto& one : view.coming) {
            dates(element("li", when(context, one)));
        }
        facts(definition(say.series, Html(dates)));
    }
    if (view.venue) {
        const auto& venue = *view.venue;
        facts(definition(say.venue, html::text(venue.address.empty() ? venue.name : venue.name + ", " + venue.address)));
    }
    std::string organisers;
    for (const auto& organiser : view.organisers) {
        organisers += organisers.empty() ? "" : ", ";
        organisers += organiser.name;
        if (organiser.email) {
            organisers += " <" + organiser.email->str() + ">";
        }
    }
    facts(definition(say.answer_organised_by, html::text(organisers)));
    if (!view.others.empty()) {
        std::string others;
        for (const auto& other : view.others) {
            others += others.empty() ? "" : ", ";
            others += other.name;
        }
        facts(definition(say.answer_others, html::text(others)));
    }
    facts(definition(say.status, html::text(status_word(say, meeting.status))));
    Html content = Html(facts);
    if (!meeting.description.empty()) {
        content += element("p", meeting.description);
    }
    return content;
}

Html answer_form(const Context& context, const services::AnswerView& view, std::string_view problem)
{
    const auto& say = words(context.language);
    const auto current = view.answer ? view.answer->answer : Answer::needs_action;
    Element form("form", {{"method", "post"}, {"action", Url("/reply", {view.meeting.id.str()}).str()}});
    if (!problem.empty()) {
        form(element("p", {{"class", "problem"}, {"role", "alert"}, {"id", "answer-problem"}}, problem));
    }
    form(csrf_field(context));
    Element choices("fieldset", {{"aria-describedby", "answer-problem", !problem.empty()}});
    choices(element("legend", say.answer_choice));
    const std::array<std::pair<Answer, std::string_view>, 3> options{
        {{Answer::accepted, say.answer_accept}, {Answer::tentative, say.answer_tentative},
         {Answer::declined, say.answer_decline}}};
    for (const auto& [answer, label] : options) {
        const auto id = fmt::format("answer-{}", to_string(answer));
        choices(element("div", {{"class", "choice"}},
                        Element("input", {{"type", "radio"},
                                          {"id", id},
                                          {"name", "answer"},
                                          {"value", std::string(to_string(answer))},
                                          html::flag("checked", answer == current),
                                          html::flag("required", true)})
                                .empty_element() +
                            Element("label", {{"for", id}})(label)));
    }
    form(choices);
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "comment"}})(say.answer_comment) +
                     Element("input", {{"id", "comment"},
                                       {"name", "comment"},
                                       {"maxlength", "500"},
                                       {"value", view.answer ? view.answer->comment : std::string()}})
                         .empty_element()));
    form(Element("button", {{"type", "submit"}})(say.send_answer));
    return form;
}

Response answer_page_of(Context& context, std::string_view problem, unsigned status, const FeedShown& feed = {})
{
    const auto& say = words(context.language);
    const auto view = services::answer_view(context.store, *context.link, context.now);
    if (!view.invited) {
        // Taken off the list: nothing of the meeting as it is now.
        return page(context, say.your_answer_title, element("p", {{"class", "problem"}}, say.answer_not_invited), status);
    }
    Html content = element("p", fmt::format(fmt::runtime(say.answer_for), view.person.name));
    content += element("h2", view.meeting.title);
    content += meeting_facts(context, view);
    if (context.request.query_value("saved") && problem.empty()) {
        content += element("p", {{"class", "notice"}, {"role", "status"}}, say.answer_saved);
    }
    content += element("p", view.answer ? fmt::format(fmt::runtime(say.answer_now), answer_word(say, view.answer->answer))
                                        : std::string(say.answer_none_yet));
    if (view.meeting.status == MeetingStatus::cancelled) {
        content += element("p", {{"class", "problem"}}, say.answer_meeting_cancelled);
    } else if (context.now >= view.closes) {
        content += element("p", say.answers_closed);
    } else {
        content += answer_form(context, view, problem);
    }
    if (view.others.empty()) {
        content += element("p", {{"class", "hint"}}, say.answer_privacy);
    }
    content += feed_controls(context, Url("/reply", {view.meeting.id.str(), "feed"}), say.feed_hint, feed);
    return page(context, say.your_answer_title, content, status);
}

std::string_view problem_text(const Words& say, services::LinkAnswerProblem problem)
{
    using enum services::LinkAnswerProblem;
    switch (problem) {
    case not_an_answer: return say.answer_choose;
    case comment: return say.answer_comment_problem;
    case closed: return say.answers_closed;
    case cancelled: return say.answer_meeting_cancelled;
    case not_invited: return say.answer_not_invited;
    case newer_kept: return say.answer_newer_kept;
    }
    return say.answer_choose;
}

}  // namespace

std::string link_cookie_name(const Request& request, db::LinkPurpose purpose, const MeetingId& meeting)
{
    // An id is letters, digits, '-', '_' and '.': a cookie name may hold them all.
    return fmt::format("{}planner-{}-{}", request.secure ? "__Host-" : "",
                       purpose == db::LinkPurpose::poll ? "poll" : "link", meeting.str());
}

Response follow_link(Context& context, db::LinkPurpose purpose)
{
    const auto& say = words(context.language);
    const auto opened = services::open_link(context.store, context.path["token"], purpose,
                                            context.request.client_address, context.now, context.settings.links);
    if (const auto* refusal = std::get_if<services::LinkRefusal>(&opened)) {
        return *refusal == services::LinkRefusal::too_many_wrong ? link_not_valid(context, 429, say.too_many_links)
                                                                 : link_not_valid(context, 404, say.link_not_valid);
    }
    const auto& link = std::get<services::OpenedLink>(opened);
    const auto& meeting = *link.holder.link.meeting;
    auto response = redirect(
        (purpose == db::LinkPurpose::poll ? Url("/vote", {meeting.str()}) : Url("/reply", {meeting.str()})).str());
    response.headers.emplace_back("Set-Cookie", link_cookie_name(context.request, purpose, meeting) + "=" +
                                                    link.cookie_token + cookie_attributes(context.request) +
                                                    fmt::format("; Max-Age={}", context.settings.links.session.total_seconds()));
    return response;
}

Response follow_answer_link(Context& context)
{
    return follow_link(context, services::LinkPurpose::answer);
}

Response answer_page(Context& context)
{
    return answer_page_of(context, {}, 200);
}

Response give_answer(Context& context)
{
    const auto& say = words(context.language);
    const auto& request = context.request;
    const auto chosen = answer_from_string(request.form_value("answer"));
    const auto outcome = services::answer_by_link(context.store, *context.link, chosen.value_or(Answer::needs_action),
                                                  request.form_value("comment"), context.now);
    if (const auto* problem = std::get_if<services::LinkAnswerProblem>(&outcome)) {
        return answer_page_of(context, problem_text(say, *problem), 400);
    }
    return redirect(Url("/reply", {context.link->link.meeting->str()}).query("saved", "1").str());
}

Html feed_controls(const Context& context, const Url& action, std::string_view hint, const FeedShown& shown)
{
    const auto& say = words(context.language);
    Html section = element("h2", say.feed_heading) + element("p", hint);
    if (shown.made) {
        const auto address = services::link_address(context.settings.base_url, services::LinkPurpose::feed, *shown.made);
        section += element("p", {{"role", "status"}}, say.feed_made) +
                   element("p", element("code", {{"class", "secret"}}, address)) +
                   element("p", Element("a", {{"href", services::webcal_address(address)}})(say.feed_open));
    } else if (shown.ended) {
        section += element("p", {{"role", "status"}}, say.feed_stopped);
    }
    Element form("form", {{"method", "post"}, {"class", "buttons"}, {"action", action.str()}});
    form(csrf_field(context));
    form(Element("button", {{"type", "submit"}, {"name", "action"}, {"value", "renew"}})(say.feed_make));
    form(Element("button", {{"type", "submit"}, {"name", "action"}, {"value", "stop"}})(say.feed_stop));
    section += Html(form);
    return section;
}

FeedShown change_feed_of(Context& context, const PersonId& person)
{
    const auto change =
        context.request.form_value("action") == "stop" ? services::FeedChange::end : services::FeedChange::renew;
    return {services::change_feed(context.store, person, change, context.now), change == services::FeedChange::end};
}

Response change_feed(Context& context)
{
    // The address is shown in this answer alone (only its hash is kept): not a redirect.
    return answer_page_of(context, {}, 200, change_feed_of(context, context.link->link.person));
}

}  // namespace planner::web::pages
