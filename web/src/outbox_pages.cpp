// The meeting page's mail: the one button that sends the meeting's invitations, updates
// or cancellation through the outbox, what became of each person's message, and sending
// one again where the organiser decides to.

#include "layout.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/error.hpp>
#include <planner/services/invitations.hpp>
#include <planner/services/outbox.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;
using html::Url;

namespace {

std::string_view state_word(const Words& say, db::MailState state)
{
    switch (state) {
    case db::MailState::queued: return say.mail_queued;
    case db::MailState::sending: return say.mail_sending;
    case db::MailState::sent: return say.mail_sent;
    case db::MailState::refused: return say.mail_refused;
    case db::MailState::given_up: return say.mail_given_up;
    case db::MailState::unconfirmed: return say.mail_unconfirmed;
    case db::MailState::superseded: return say.mail_superseded;
    }
    return say.unknown;
}

// "2026-12-07 13:05", local to the meeting.
std::string local_moment(boost::posix_time::ptime utc, const std::string& zone)
{
    const auto local = time_zone(zone).to_local(utc);
    return boost::gregorian::to_iso_extended_string(local.date()) + " " + format_clock(local.time_of_day());
}

Html button_form(const Context& context, const std::string& action, std::string_view label)
{
    Element form("form", {{"method", "post"}, {"action", action}, {"class", "inline"}});
    form(csrf_field(context));
    form(Element("button", {{"type", "submit"}})(label));
    return Html(form);
}

}  // namespace

Html mail_section(const Context& context, const std::function<std::string(const PersonId&)>& name_of)
{
    const auto& say = words(context.language);
    const auto& meeting = context.meeting->meeting;
    const auto id = meeting.id.str();
    Html content = element("h2", {{"id", "mail"}}, say.mail_heading);
    // Whoever has no e-mail address gets a letter to print, with or without a mail server.
    const auto invited = invitees(meeting);
    const auto without_email = std::count_if(invited.begin(), invited.end(), [&](const Participant& invitee) {
        const auto* person = context.meeting->records.find(invitee.person);
        return person != nullptr && !person->email;
    });
    if (without_email > 0 && !meeting.recurrence) {
        content += element("p", html::link(Url("/meetings", {id, "letters.pdf"}),
                                           fmt::format(fmt::runtime(say.letters_pdf), without_email)));
    }
    if (!context.settings.mail_sender) {
        return content + element("p", say.mail_not_configured);
    }
    content += element("p", fmt::format(fmt::runtime(say.mail_hint), *context.settings.mail_sender));
    content += button_form(context, Url("/meetings", {id, "send"}).str(),
                           meeting.status == MeetingStatus::cancelled ? say.send_cancellation : say.send_invitations);
    if (context.request.query_value("queued")) {
        // After the button: what it queued (numbers the redirect carries, nothing else).
        const auto queued = number_parameter(context.request, "queued", 0, 100'000);
        const auto waiting = number_parameter(context.request, "waiting", 0, 100'000);
        const auto left_out = number_parameter(context.request, "left-out", 0, 100'000);
        content += element("p", {{"role", "status"}},
                           queued + waiting + left_out == 0
                               ? std::string(say.everyone_has_it)
                               : fmt::format(fmt::runtime(say.queued_summary), queued, waiting, left_out));
    }
    const auto messages = services::newest_mail_of(context.store, meeting.id);
    if (messages.empty()) {
        return content + element("p", say.nothing_sent_yet_by_mail);
    }
    Element rows("tbody");
    for (const auto& message : messages) {
        Html state = element("span", state_word(say, message.state));
        if (!message.server_said.empty() && message.state != db::MailState::sent) {
            state += Element("br").empty_element() + element("small", message.server_said);
        }
        Html action;
        if (message.state == db::MailState::refused || message.state == db::MailState::given_up ||
            message.state == db::MailState::unconfirmed) {
            action = button_form(context, Url("/meetings", {id, "mail", std::to_string(message.id), "again"}).str(),
                                 say.send_again);
        }
        const auto moment = message.settled.value_or(message.state == db::MailState::queued ? message.next_try
                                                                                             : message.queued);
        rows(element("tr", element("td", name_of(message.version.person)) + element("td", message.recipient) +
                               element("td", std::to_string(message.version.sequence)) + element("td", state) +
                               element("td", local_moment(moment, meeting.time_zone)) +
                               element("td", std::to_string(message.attempts)) + element("td", action)));
    }
    const auto column = [](std::string_view heading) { return element("th", {{"scope", "col"}}, heading); };
    return content + element("table", element("thead", element("tr", column(say.name) + column(say.email) +
                                                                         column(say.sequence) + column(say.status) +
                                                                         column(say.when_column) +
                                                                         column(say.attempts) + column(say.action))) +
                                          Html(rows));
}

Response send_letters(Context& context)
{
    const auto& say = words(context.language);
    const auto& meeting = context.meeting->meeting;
    if (!context.settings.mail_sender) {
        throw BadRequest(std::string(say.mail_not_configured));
    }
    services::QueuedLetters queued;
    try {
        queued = services::queue_letters_of(context.store,
                                            {meeting.id.str(), context.viewer->account.login,
                                             *context.settings.mail_sender, context.language, context.settings.base_url});
    } catch (const services::NothingToSend&) {
        // A cancelled meeting everyone was told of: nothing queued, as the page says.
    }
    const auto& delivered = queued.delivered;
    if (delivered.interrupted) {
        throw Error(*delivered.interrupted);
    }
    // Back to the page, which says what was queued: a reload there sends nothing again.
    Url back("/meetings", {meeting.id.str()});
    back.query("queued", std::to_string(delivered.queued.size()))
        .query("waiting", std::to_string(delivered.on_its_way.size()))
        .query("left-out", std::to_string(delivered.left_out.size()))
        .fragment("mail");
    return redirect(back.str());
}

Response send_again(Context& context)
{
    const auto& meeting = context.meeting->meeting;
    const auto& text = context.path["entry"];
    std::int64_t entry = 0;
    const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), entry);
    if (problem != std::errc() || end != text.data() + text.size() ||
        !services::send_again(context.store, meeting.id, entry, context.now)) {
        throw BadRequest(std::string(words(context.language).cannot_send_again));
    }
    return redirect(Url("/meetings", {meeting.id.str()}).fragment("mail").str());
}

}  // namespace planner::web::pages
