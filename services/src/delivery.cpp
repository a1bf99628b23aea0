#include <planner/services/delivery.hpp>

#include "letters.hpp"

#include <planner/error.hpp>
#include <planner/mail/message.hpp>
#include <planner/services/files.hpp>
#include <planner/services/outbox.hpp>
#include <planner/services/personal_links.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace planner::services {

namespace pt = boost::posix_time;

CalendarFolder::CalendarFolder(std::filesystem::path folder, std::string named)
    : folder_(std::move(folder)), named_(std::move(named))
{
}

void CalendarFolder::prepare(bool rehearsal)
{
    if (!rehearsal) {
        static_cast<void>(ready_directory(folder_, named_));
    }
}

namespace {

// A file of the person's own in `folder`, written or, in a rehearsal, named.
Handover file_in_folder(Handover::Way way, const std::filesystem::path& folder, const std::string& extension,
                        const std::string& content, const Parcel& parcel)
{
    auto file = folder / (parcel.recipient.id.str() + extension);
    if (!parcel.rehearsal) {
        write_file(content, file, FilePlace::in_folder);
    }
    Handover handover;
    handover.way = way;
    handover.person = parcel.recipient;
    handover.file = std::move(file);
    handover.rehearsed = parcel.rehearsal;
    return handover;
}

}  // namespace

Handover CalendarFolder::hand_over(const Parcel& parcel)
{
    return file_in_folder(Handover::Way::calendar_folder, folder_, ".ics", parcel.calendar, parcel);
}

MailFolder::MailFolder(std::filesystem::path folder, std::string named)
    : folder_(std::move(folder)), named_(std::move(named))
{
}

void MailFolder::prepare(bool rehearsal)
{
    if (!rehearsal) {
        static_cast<void>(ready_directory(folder_, named_));
    }
}

Handover MailFolder::hand_over(const Parcel& parcel)
{
    return file_in_folder(Handover::Way::mail_folder, folder_, ".eml", parcel.mail, parcel);
}

MailServer::MailServer(mail::SmtpServer server) : server_(std::move(server)) {}

Handover MailServer::hand_over(const Parcel& parcel)
{
    Handover handover;
    handover.way = Handover::Way::mail_server;
    handover.person = parcel.recipient;
    handover.rehearsed = parcel.rehearsal;
    if (parcel.rehearsal) {
        return handover;
    }
    const auto& envelope_from = server_.from.empty() ? email_text(parcel.sender) : server_.from;
    const auto result = mail::send(server_, envelope_from, email_text(parcel.recipient), parcel.mail);
    handover.accepted = result.delivered;
    handover.refusal = result.error;
    handover.uncertain = result.uncertain;
    return handover;
}

bool Delivery::sends() const
{
    return outbox.has_value() ||
           std::any_of(postmen.begin(), postmen.end(), [](const auto& postman) { return postman->hands_to_server(); });
}

bool Delivered::failed() const
{
    return not_sent > 0 || std::any_of(handovers.begin(), handovers.end(), [](const Handover& handover) {
               return !handover.accepted || handover.unrecorded.has_value();
           });
}

std::map<PersonId, db::OutboxMessage> waiting_mail(const db::Store& store, const MeetingId& meeting)
{
    std::map<PersonId, db::OutboxMessage> waiting;
    for (auto& message : newest_mail_of(store, meeting)) {
        if (message.state == db::MailState::queued || message.state == db::MailState::sending ||
            message.state == db::MailState::unconfirmed) {
            waiting.emplace(message.version.person, std::move(message));
        }
    }
    return waiting;
}

std::vector<Unconfirmed> drop_unconfirmed(const db::Store& store, const Directory& directory, const MeetingId& meeting,
                                          const Delivery& delivery, std::vector<Letter>& letters)
{
    std::vector<Unconfirmed> left_out;
    if (!delivery.sends() || delivery.resend_unconfirmed) {
        return left_out;
    }
    const auto drop = [&](const PersonId& person, int sequence, boost::posix_time::ptime queued) {
        bool dropped = false;
        for (auto& letter : letters) {
            dropped = std::erase(letter.recipients, person) > 0 || dropped;
        }
        if (dropped) {
            left_out.push_back({directory.person(person), sequence, queued});
        }
    };
    for (const auto& queued : store.queued_messages(meeting)) {
        drop(queued.person, queued.sequence, queued.queued);
    }
    // The service's outbox has a message for them waiting or perhaps delivered (through
    // the outbox itself, that is its own business: see queue_letters).
    if (!delivery.outbox) {
        for (const auto& [person, message] : waiting_mail(store, meeting)) {
            drop(person, message.version.sequence, message.queued);
        }
    }
    std::erase_if(letters, [](const Letter& letter) { return letter.recipients.empty(); });
    return left_out;
}

namespace {

// When the links to answer the delivery's letters expire, worked out once for all its
// copies (a series is expanded for it); none when its copies carry no link: without
// Delivery::answer_links, in a rehearsal, for a meeting that is over, and where no copy
// is handed to anyone (a preview, the calendar for everybody).
std::optional<pt::ptime> answer_links_expire(const Dispatch& dispatch, const Delivery& delivery)
{
    const bool handed_over = delivery.outbox || !delivery.postmen.empty();
    if (!delivery.answer_links || !handed_over || delivery.rehearsal) {
        return std::nullopt;
    }
    const auto expires = answer_link_expiry(dispatch.meeting, dispatch.now);
    return expires > dispatch.now ? std::optional(expires) : std::nullopt;
}

// One person's copy of a letter: the calendar, and the link to answer it on the web.
struct PersonalCopy {
    std::string calendar;
    std::string answer_link;  // empty: none
};

// With links that expire at `links_expire` (answer_links_expire), an invitation or update
// gets the recipient's own link to answer it, in the mail's text and the calendar's
// DESCRIPTION. The link is made here and its row added to `links`, for the caller to
// store before or with the delivery; only its hash is kept. A cancellation and someone
// without an address get the letter as it is.
PersonalCopy personal_copy(const Dispatch& dispatch, const Delivery& delivery, const Letter& letter,
                           const Person& recipient, std::optional<pt::ptime> links_expire,
                           std::vector<db::PersonalLinkRow>& links)
{
    const bool linked = links_expire && letter.method == "REQUEST" && recipient.email && letter.own_copy;
    if (!linked) {
        // A hidden guest list: each their own copy, the shared calendar being the organisers'.
        return {!letter.shared_calendar_fits && letter.own_copy ? letter.own_copy(recipient.id, {}) : letter.calendar,
                {}};
    }
    auto made = make_link(LinkPurpose::answer, recipient.id, dispatch.meeting.id, links_expire, dispatch.now);
    links.push_back(std::move(made.row));
    auto address = link_address(*delivery.answer_links, LinkPurpose::answer, made.token);
    return {letter.own_copy(recipient.id, mail::answer_link_note(delivery.language, address)), std::move(address)};
}

// The mail carrying `letter` to `recipient`: an invitation for someone who gets this
// meeting for the first time, else what the letter is; from whom, Delivery::sender_address
// says.
std::string compose_mail(const Dispatch& dispatch, const Delivery& delivery, const Letter& letter,
                         const PersonalCopy& copy, const Person& sender, const Person& recipient)
{
    const auto& meeting = dispatch.meeting;
    const bool first_time =
        std::find(letter.first_time.begin(), letter.first_time.end(), recipient.id) != letter.first_time.end();
    const auto text = mail::invitation_text(dispatch.directory, meeting,
                                            first_time ? mail::MailKind::invitation : letter.kind, delivery.language,
                                            dispatch.reason, copy.answer_link);
    mail::CalendarMessage message;
    const mail::Mailbox organiser{sender.name, email_text(sender)};
    if (delivery.sender_address) {
        const auto* organisation = dispatch.directory.find(sender.organisation);
        message.from = {organisation != nullptr ? organisation->name : sender.name, *delivery.sender_address};
        message.reply_to = organiser;
    } else {
        message.from = organiser;
    }
    message.to = {recipient.name, email_text(recipient)};
    message.subject = text.subject;
    message.text = text.body;
    message.calendar = copy.calendar;
    message.method = letter.method;
    message.date = dispatch.now;
    message.message_id = fmt::format("{}.{}.{}@planner.invalid", meeting.uid, meeting.sequence, recipient.id.str());
    return mail::compose(message);
}

// Hands the letters over, person by person and postman by postman, then writes the
// calendar for everybody; asks `ready_to_send` before each message goes to a server
// (which it does only if that returns true) and tells `settle` the server's answer.
class Round {
public:
    Round(db::Store& store, const Dispatch& dispatch, const Delivery& delivery, Delivered& result)
        : store_(store), dispatch_(dispatch), delivery_(delivery), result_(result),
          links_expire_(answer_links_expire(dispatch, delivery)),
          wants_mail_(std::any_of(delivery.postmen.begin(), delivery.postmen.end(),
                                  [](const auto& postman) { return postman->wants_mail(); }))
    {
    }

    void run(const std::vector<Letter>& letters, const std::function<bool(const PersonId&)>& ready_to_send,
             const std::function<void(const PersonId&, Handover&)>& settle)
    {
        for (const auto& postman : delivery_.postmen) {
            postman->prepare(delivery_.rehearsal);
        }
        const auto& sender = dispatch_.directory.person(dispatch_.meeting.organisers.front());
        for (const auto& letter : letters) {
            for (const auto& person : letter.recipients) {
                const auto& recipient = dispatch_.directory.person(person);
                std::vector<db::PersonalLinkRow> links;
                const auto copy = personal_copy(dispatch_, delivery_, letter, recipient, links_expire_, links);
                // The link must open before its mail can arrive.
                if (!links.empty()) {
                    store_.add_personal_links(links);
                }
                const auto message = wants_mail_ ? compose_mail(dispatch_, delivery_, letter, copy, sender, recipient)
                                                 : std::string();
                const Parcel parcel{recipient, sender, copy.calendar, message, delivery_.rehearsal};
                bool reached = true;
                for (const auto& postman : delivery_.postmen) {
                    if (!postman->hands_to_server()) {
                        result_.handovers.push_back(postman->hand_over(parcel));
                        continue;
                    }
                    if (!ready_to_send(person)) {
                        reached = false;
                        continue;
                    }
                    auto handover = postman->hand_over(parcel);
                    settle(person, handover);
                    reached = handover.accepted;
                    result_.handovers.push_back(std::move(handover));
                }
                // Someone without e-mail is in no calendar's list: a file does not reach them.
                if (reached && recipient.email) {
                    result_.reached.insert(person);
                }
            }
        }
        write_whole(letters);
    }

private:
    // To the calendar file, or, without one and without postmen, as the preview.
    void write_whole(const std::vector<Letter>& letters)
    {
        if (letters.empty() || (!delivery_.calendar_file && !delivery_.postmen.empty())) {
            return;
        }
        const auto& file = delivery_.calendar_file;
        if (!file && letters.size() > 1) {
            throw Error(fmt::format("{} {} taken off meeting '{}' and must be told with a cancellation of their "
                                    "own; write the files with -o FILE, --per-attendee DIR or --mail DIR",
                                    letters.size() - 1, letters.size() == 2 ? "person was" : "people were",
                                    dispatch_.meeting.id.str()));
        }
        if (!file) {
            result_.preview = letters.front().calendar;
            return;
        }
        write(Handover::Way::calendar_file, letters.front().calendar, *file, FilePlace::named, std::nullopt);
        for (std::size_t i = 1; i < letters.size(); ++i) {
            const auto& person = letters[i].recipients.front();
            auto beside = *file;
            beside.replace_filename(fmt::format("{}.cancel-{}.ics", file->stem().string(), person.str()));
            write(Handover::Way::calendar_beside, letters[i].calendar, beside, FilePlace::in_folder,
                  dispatch_.directory.person(person));
        }
    }

    void write(Handover::Way way, const std::string& content, const std::filesystem::path& file, FilePlace place,
               std::optional<Person> person)
    {
        if (!delivery_.rehearsal) {
            write_file(content, file, place);
        }
        Handover handover;
        handover.way = way;
        handover.person = std::move(person);
        handover.file = file;
        handover.rehearsed = delivery_.rehearsal;
        result_.handovers.push_back(std::move(handover));
    }

    db::Store& store_;
    const Dispatch& dispatch_;
    const Delivery& delivery_;
    Delivered& result_;
    std::optional<pt::ptime> links_expire_;
    bool wants_mail_;
};


// Into the outbox, in one write: each recipient's mail, unless a message of the same
// version is already waiting, being sent or unconfirmed there.
Delivered queue_letters(db::Store& store, const Dispatch& dispatch, const std::vector<Letter>& letters,
                        const std::function<SentVersion(const PersonId&)>& version_of, const Delivery& delivery)
{
    Delivered result;
    const auto& meeting = dispatch.meeting.id;
    const auto waiting = waiting_mail(store, meeting);
    const auto& sender = dispatch.directory.person(dispatch.meeting.organisers.front());
    std::vector<db::OutboxMessage> queued;
    std::vector<db::PersonalLinkRow> links;
    const auto links_expire = answer_links_expire(dispatch, delivery);
    for (const auto& letter : letters) {
        for (const auto& person : letter.recipients) {
            const auto& recipient = dispatch.directory.person(person);
            auto version = version_of(person);
            const auto found = waiting.find(person);
            if (found != waiting.end() && found->second.version == version) {
                result.on_its_way.push_back(recipient);
                continue;
            }
            db::OutboxMessage message;
            message.meeting = meeting;
            message.version = std::move(version);
            message.envelope_from = delivery.sender_address.value_or(email_text(sender));
            message.recipient = email_text(recipient);
            if (!delivery.rehearsal) {
                message.message =
                    compose_mail(dispatch, delivery, letter,
                                 personal_copy(dispatch, delivery, letter, recipient, links_expire, links), sender,
                                 recipient);
            }
            message.queued_by = delivery.outbox->queued_by;
            message.queued = dispatch.now;
            message.next_try = dispatch.now;
            queued.push_back(std::move(message));
            result.queued.push_back(recipient);
        }
    }
    if (!queued.empty() && !delivery.rehearsal) {
        try {
            // A link opens only with its message queued, and no message goes without its link.
            store.write_together([&] {
                store.add_personal_links(links);
                static_cast<void>(store.queue_mail(meeting, queued));
            });
        } catch (const Error& error) {
            result.queued.clear();
            result.interrupted = error.what();
        }
    }
    return result;
}


// Mail cannot reach someone without an e-mail address: they are taken off the letters
// (a letter left without recipients goes) and listed, for a printed letter.
std::vector<Person> without_email(const Directory& directory, std::vector<Letter>& letters)
{
    std::vector<Person> left;
    for (auto& letter : letters) {
        std::erase_if(letter.recipients, [&](const PersonId& id) {
            const auto& person = directory.person(id);
            if (person.email) {
                return false;
            }
            if (std::none_of(left.begin(), left.end(), [&](const Person& listed) { return listed.id == id; })) {
                left.push_back(person);
            }
            return true;
        });
    }
    std::erase_if(letters, [](const Letter& letter) { return letter.recipients.empty(); });
    return left;
}


Delivered deliver_by_mail(db::Store& store, const Dispatch& dispatch, const std::vector<Letter>& letters,
                          const std::function<SentVersion(const PersonId&)>& version_of, const Delivery& delivery)
{
    if (delivery.outbox) {
        return queue_letters(store, dispatch, letters, version_of, delivery);
    }
    Delivered result;
    const auto& meeting = dispatch.meeting.id;
    Round round(store, dispatch, delivery, result);
    try {
        if (!delivery.sends()) {
            round.run(
                letters, [](const PersonId&) { return true; }, [](const PersonId&, Handover&) {});
            if (delivery.previews_only()) {
                result.reached.clear();
                return result;
            }
            std::vector<SentVersion> versions;
            for (const auto& person : result.reached) {
                versions.push_back(version_of(person));
            }
            if (!versions.empty()) {
                store.record_sent(meeting, versions);
            }
            return result;
        }
        std::optional<std::string> store_failure;
        round.run(
            letters,
            [&](const PersonId& person) {
                if (!store_failure) {
                    try {
                        const auto version = version_of(person);
                        store.record_queued(meeting, {&version, 1});
                        return true;
                    } catch (const Error& error) {
                        store_failure = error.what();
                    }
                }
                ++result.not_sent;
                return false;
            },
            [&](const PersonId& person, Handover& handover) {
                try {
                    if (handover.accepted) {
                        const auto version = version_of(person);
                        store.record_sent(meeting, {&version, 1});
                    } else if (!handover.uncertain) {
                        store.forget_queued(meeting, {&person, 1});
                    }
                } catch (const Error& error) {
                    handover.unrecorded = error.what();
                    store_failure = error.what();
                }
            });
        if (result.not_sent > 0) {
            result.store_failure = *store_failure;
        }
    } catch (const Error& error) {
        // Files written before the error are not recorded, as their delivery stopped
        // half-way; messages the server accepted were recorded one by one.
        if (!delivery.sends()) {
            result.reached.clear();
        }
        result.interrupted = error.what();
    }
    return result;
}

}  // namespace

Delivered deliver_letters(db::Store& store, const Dispatch& dispatch, std::vector<Letter> letters,
                          const std::function<SentVersion(const PersonId&)>& version_of, const Delivery& delivery)
{
    std::vector<Person> by_letter;
    if (delivery.outbox || std::any_of(delivery.postmen.begin(), delivery.postmen.end(),
                                       [](const auto& postman) { return postman->wants_mail(); })) {
        by_letter = without_email(dispatch.directory, letters);
    }
    auto result = deliver_by_mail(store, dispatch, letters, version_of, delivery);
    result.by_letter = std::move(by_letter);
    return result;
}

}  // namespace planner::services
