#pragma once

#include <planner/date_format.hpp>
#include <planner/id.hpp>
#include <planner/mail/smtp.hpp>
#include <planner/person.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace planner::services {

// How invitations and cancellations reach people. The front end decides where they go
// (a file, folders, a mail server, or a rehearsal that only names them); the use case
// decides what is recorded: only a delivery, never a preview.

// One person's copy of a letter, as a postman gets it.
struct Parcel {
    const Person& recipient;
    const Person& sender;         // the meeting's first organiser
    const std::string& calendar;  // iCalendar, METHOD:REQUEST or CANCEL
    const std::string& mail;      // the message carrying it (RFC 5322); empty unless a postman wants_mail()
    bool rehearsal = false;       // a dry run: name what would be done and do nothing
};

// What became of one copy, or of the calendar for everybody.
struct Handover {
    enum class Way {
        calendar_file,     // the calendar for everybody, in the one file the front end named
        calendar_beside,   // a cancellation for someone taken off the list, beside that file
        calendar_folder,   // a calendar of the person's own, in a folder
        mail_folder,       // a mail of the person's own, in a folder
        mail_server,       // a mail handed to a server
    };
    Way way = Way::calendar_file;
    std::optional<Person> person;               // whose copy; null for the calendar for everybody
    std::optional<std::filesystem::path> file;  // the file written, or named in a rehearsal
    bool rehearsed = false;                     // named, not written or sent
    bool accepted = true;                       // false: the mail server refused it, for `refusal`
    std::string refusal;
    // Not accepted, but handed over whole with no answer (a timeout, a broken
    // connection): it may have arrived, so it stays queued and is not sent again unless
    // asked.
    bool uncertain = false;
    // The server answered, but the store could not record it (why): the message stays
    // queued, and it is not sent again unless asked.
    std::optional<std::string> unrecorded;
};

// One way a copy reaches a person.
class Postman {
public:
    Postman() = default;
    Postman(const Postman&) = delete;
    Postman& operator=(const Postman&) = delete;
    virtual ~Postman() = default;

    // Readies the destination before the first copy (makes the folder); a rehearsal
    // leaves it as it is.
    virtual void prepare(bool rehearsal) = 0;
    // Whether the copies need the mail around the calendar.
    [[nodiscard]] virtual bool wants_mail() const = 0;
    // Whether the copies go to a mail server, whose answer may be lost: each message
    // is queued in the store before it is handed over and settled by the answer, and
    // only those without the current version get it again.
    [[nodiscard]] virtual bool hands_to_server() const = 0;
    // Delivers one copy. A server's refusal is a Handover that was not accepted, not an
    // exception: one unknown address must not stop the letters to everyone else.
    // Throws planner::Error when a file cannot be written.
    virtual Handover hand_over(const Parcel& parcel) = 0;
};

// <folder>/<person>.ics. `named` is how the front end calls the folder in messages.
class CalendarFolder final : public Postman {
public:
    CalendarFolder(std::filesystem::path folder, std::string named);
    void prepare(bool rehearsal) override;
    [[nodiscard]] bool wants_mail() const override { return false; }
    [[nodiscard]] bool hands_to_server() const override { return false; }
    Handover hand_over(const Parcel& parcel) override;

private:
    std::filesystem::path folder_;
    std::string named_;
};

// <folder>/<person>.eml, for the organiser to send from their own mail program.
class MailFolder final : public Postman {
public:
    MailFolder(std::filesystem::path folder, std::string named);
    void prepare(bool rehearsal) override;
    [[nodiscard]] bool wants_mail() const override { return true; }
    [[nodiscard]] bool hands_to_server() const override { return false; }
    Handover hand_over(const Parcel& parcel) override;

private:
    std::filesystem::path folder_;
    std::string named_;
};

// Each mail through SMTP, from the organiser's address to the recipient's.
class MailServer final : public Postman {
public:
    explicit MailServer(mail::SmtpServer server);
    void prepare(bool /*rehearsal*/) override {}
    [[nodiscard]] bool wants_mail() const override { return true; }
    [[nodiscard]] bool hands_to_server() const override { return true; }
    Handover hand_over(const Parcel& parcel) override;

private:
    mail::SmtpServer server_;
};

// Letters into the service's outbox (db::Store::queue_mail), for its worker to hand to
// the mail server (from Delivery::sender_address). Nobody has a letter until the server
// accepted it.
struct OutboxSending {
    std::string queued_by;  // the account that sent them
};

// Where the letters of one use case go.
struct Delivery {
    // The calendar for everybody, in one file; a cancellation for someone taken off the
    // list goes beside it (<stem>.cancel-<person>.ics), as it is theirs alone.
    std::optional<std::filesystem::path> calendar_file;
    // Each person's copy, through each of these in turn.
    std::vector<std::unique_ptr<Postman>> postmen;
    // A dry run: files and mails are named, not written or sent (the store's writes are
    // rolled back by the store itself).
    bool rehearsal = false;
    Language language = Language::de;  // of the mail's text
    // With a mail server: messages an earlier run queued and never settled (it stopped,
    // or could not record the server's answer) may have gone out, so they are left out
    // unless this asks to send them again.
    bool resend_unconfirmed = false;
    // Instead of files and postmen: the outbox, whose messages are sent later.
    std::optional<OutboxSending> outbox;
    // The address the mail server's account sends as ([smtp] from): mails go From it in
    // the name of the organiser's organisation, with the organiser as Reply-To (an
    // office server refuses, and receivers file as spam, a From that is not the account
    // sending). None: From the organiser.
    std::optional<std::string> sender_address;
    // The service's public address ([web] base_url): each invitation or update delivered
    // to a person (by mail, or as a calendar of their own) carries their own link to
    // answer it on the web, made (and its hash stored) as it is delivered. None: no link.
    std::optional<std::string> answer_links;

    // Neither a file, a postman nor the outbox: the calendar is only shown, and nobody
    // has it.
    [[nodiscard]] bool previews_only() const { return !calendar_file && postmen.empty() && !outbox; }
    // Whether the letters go to a mail server, now or through the outbox: then only those
    // without the current version get one.
    [[nodiscard]] bool sends() const;
};

// A message an earlier run queued and never settled, left out of this one.
struct Unconfirmed {
    Person person;
    int sequence = 0;
    boost::posix_time::ptime queued;  // UTC
};

// What a delivery did, in the order it happened.
struct Delivered {
    std::vector<Handover> handovers;
    // Who has their letter now, and is recorded so: a recipient of a file written, or
    // of a message the server accepted. Nobody for a preview, or when an error stopped
    // a delivery to files before anything was recorded.
    std::set<PersonId> reached;
    // The calendar for everybody when it went nowhere: a preview for the front end to
    // show, which records nobody.
    std::optional<std::string> preview;
    std::vector<Unconfirmed> left_out;
    // Messages not handed to the server because the store could not be written
    // (`store_failure` says why): the next delivery sends them.
    int not_sent = 0;
    std::string store_failure;
    // The error that stopped the delivery (a file that could not be written); what was
    // handed over before it is listed, and nothing after it was done.
    std::optional<std::string> interrupted;
    // Through the outbox: who got a message queued, and who was left out because a
    // message of this very version is already waiting there, being sent or unconfirmed.
    std::vector<Person> queued;
    std::vector<Person> on_its_way;
    // People without an e-mail address, left out of a delivery by mail: they get their
    // letter printed (services::letters_of), which records nothing.
    std::vector<Person> by_letter;

    // A refusal, an answer not recorded or a message not sent.
    [[nodiscard]] bool failed() const;
};

}  // namespace planner::services
