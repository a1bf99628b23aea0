#include <planner/services/printed_letters.hpp>

#include "one_meeting.hpp"

#include <planner/error.hpp>
#include <planner/mail/invitation_text.hpp>
#include <planner/print/letters.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace planner::services {
namespace {

struct LetterWords {
    std::string_view contact;
    std::string_view email;
    std::string_view date;
    std::string_view greeting;  // "Guten Tag {},"
    std::string_view how_to_answer;  // organiser, address
    std::string_view closing;
    std::string_view reply_heading;  // organiser, organisation, title, day
    std::string_view yes;
    std::string_view maybe;
    std::string_view no;
    std::string_view name_line;
};

constexpr LetterWords german{
    "Ihr Kontakt",
    "E-Mail",
    "Datum",
    "Guten Tag {},",
    "Bitte sagen Sie uns, ob Sie kommen: mit dem Abschnitt unten, den Sie an {} schicken oder mitgeben, oder per "
    "E-Mail an {}.",
    "Mit freundlichen Grüßen",
    "Antwort an {}, {}: {} am {}",
    "Ich komme.",
    "Ich komme vielleicht.",
    "Ich komme nicht.",
    "Name, Datum, Unterschrift",
};

constexpr LetterWords english{
    "Your contact",
    "E-mail",
    "Date",
    "Hello {},",
    "Please tell us whether you will come: with the slip below, sent or handed to {}, or by e-mail to {}.",
    "Kind regards",
    "Answer to {}, {}: {} on {}",
    "I will come.",
    "I may come.",
    "I will not come.",
    "Name, date, signature",
};

// The mail's text without its greeting, which the letter writes with the name.
std::string without_greeting(const std::string& body)
{
    const auto after = body.find("\n\n");
    return after == std::string::npos ? body : body.substr(after + 2);
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty()) {
            lines.push_back(std::move(line));
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return lines;
}

}  // namespace

PrintedLetters printed_letters(const db::Store& store, const LettersRequest& request)
{
    const auto found = one_meeting(store, request.meeting);
    const auto& meeting = found.meeting;
    const auto& records = found.records;
    const auto& say = request.language == Language::de ? german : english;
    PrintedLetters result;
    result.meeting = meeting.id;
    for (const auto& invitee : invitees(meeting)) {
        const auto& person = records.person(invitee.person);
        if (!person.email) {
            result.recipients.push_back(person);
        }
    }
    if (result.recipients.empty()) {
        throw Error(fmt::format("everyone invited to meeting '{}' has an e-mail address: there are no letters to print",
                                request.meeting));
    }
    std::sort(result.recipients.begin(), result.recipients.end(),
              [](const Person& a, const Person& b) { return a.name < b.name; });
    const auto& organiser = records.person(meeting.organisers.front());
    if (!organiser.email) {
        throw Error(fmt::format("the organiser {} ('{}') has no e-mail address to answer to", organiser.name,
                                organiser.id.str()));
    }
    const auto* organisation = records.find(organiser.organisation);
    const auto organisation_name = organisation != nullptr ? organisation->name : std::string();
    const bool cancelled = meeting.status == MeetingStatus::cancelled;
    const auto text = mail::invitation_text(records, meeting,
                                            cancelled ? mail::MailKind::cancellation : mail::MailKind::invitation,
                                            request.language, {});
    const auto day = format_date(request.language, time_zone(meeting.time_zone).to_local(meeting.time.start()).date());

    std::vector<print::InvitationLetter> letters;
    for (const auto& person : result.recipients) {
        print::InvitationLetter letter;
        // The organiser's name alone: the name of a self-help group's council above the
        // address would tell the postman what the letter is about.
        letter.return_address = organiser.name;
        letter.address.push_back(person.name);
        for (auto& line : lines_of(person.postal_address)) {
            letter.address.push_back(std::move(line));
        }
        letter.information = {{std::string(say.contact), organiser.name},
                              {std::string(say.email), organiser.email->str()},
                              {std::string(say.date), format_date(request.language, request.today)}};
        letter.subject = text.subject;
        letter.body = fmt::format(fmt::runtime(say.greeting), person.name) + "\n\n" + without_greeting(text.body);
        if (!cancelled) {
            letter.body += "\n\n" + fmt::format(fmt::runtime(say.how_to_answer), organiser.name, organiser.email->str());
            letter.reply_heading =
                fmt::format(fmt::runtime(say.reply_heading), organiser.name, organisation_name, meeting.title, day);
            letter.reply_choices = {std::string(say.yes), std::string(say.maybe), std::string(say.no)};
            letter.reply_name_line = std::string(say.name_line);
        }
        letter.closing = std::string(say.closing);
        letter.signature = {organiser.name, organisation_name};
        letters.push_back(std::move(letter));
    }
    result.pdf = print::letters_pdf(letters, text.subject);
    return result;
}

}  // namespace planner::services
