#include <planner/services/answers.hpp>

#include <planner/services/meeting_queries.hpp>

#include <planner/delegation_circle.hpp>
#include <planner/email_address.hpp>
#include <planner/error.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/ical/reply.hpp>
#include <planner/id.hpp>
#include <planner/input_size.hpp>
#include <planner/mail/calendar_part.hpp>
#include <planner/meeting.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Matches answers to the store's meetings and invitees and collects what to record.
// Each answer is either taken or skipped with a message saying why.
class AnswerCollector {
public:
    AnswerCollector(const Directory& directory, const db::Store& store)
        : directory_(directory), store_(store), delegates_(store.delegates()),
          now_(pt::second_clock::universal_time())
    {
        for (const auto& [id, meeting] : directory.meetings()) {
            by_uid_.emplace(meeting.uid, &meeting);
        }
    }

    // Null when the answer was taken, else why it was skipped. `mail_from`: the
    // addresses of the From of the mail the answer came in, none for a calendar file.
    std::optional<std::string> take(const std::filesystem::path& file, const ical::Reply& reply,
                                    std::span<const std::string> mail_from)
    {
        const auto found = by_uid_.find(reply.uid);
        if (found == by_uid_.end()) {
            return fmt::format("{}: no meeting has the UID '{}'; the answer of {} is skipped", file.string(), reply.uid,
                               reply.attendee);
        }
        // A delegate added by an earlier answer of this import is invited already.
        const Meeting& meeting = changed_.contains(found->second->id) ? changed_.at(found->second->id) : *found->second;
        const auto* person = invitee_with_address(meeting, reply.attendee);
        if (person == nullptr) {
            return fmt::format("{}: '{}' is not invited to meeting '{}'; the answer is skipped", file.string(),
                               reply.attendee, meeting.id.str());
        }
        if (reply.sequence < meeting.sequence) {
            return fmt::format("{}: {} answered SEQUENCE {} of meeting '{}', which has changed since (SEQUENCE {}); "
                               "the answer is ignored and the new version asks again",
                               file.string(), person->name, reply.sequence, meeting.id.str(), meeting.sequence);
        }
        if (const auto why = pinning(file, reply, *person, meeting)) {
            return why;
        }
        const auto occurrence = occurrence_answered(reply, meeting);
        const auto answered = occurrence ? occurrence_on(meeting, *occurrence, ical::expand_rule)
                                         : std::optional<Meeting>(meeting);
        if (!answered) {
            return fmt::format("{}: meeting '{}' has no occurrence on {}; the answer of {} is skipped", file.string(),
                               meeting.id.str(), greg::to_iso_extended_string(*occurrence), person->name);
        }
        TakenAnswer taken{file.string(), {}, *person, std::nullopt, false};
        RecordedAnswer answer{meeting.id,
                              occurrence,
                              person->id,
                              reply.answer,
                              reply.sequence,
                              reply.stamp.value_or(pt::second_clock::universal_time()),
                              std::nullopt,
                              reply.comment,
                              std::nullopt};
        auto& known = answers_of(meeting.id);
        const auto earlier = std::find_if(known.begin(), known.end(), [&](const RecordedAnswer& a) {
            return a.person == answer.person && a.occurrence == answer.occurrence;
        });
        // Answers may come in any order: the newest for the newest version counts.
        if (earlier != known.end() &&
            std::tie(earlier->sequence, earlier->answered) > std::tie(answer.sequence, answer.answered)) {
            return fmt::format("{}: {} answered meeting '{}' later already ({}); this older answer is ignored",
                               file.string(), person->name, meeting.id.str(), to_string(earlier->answer));
        }
        warn_if_unexpected(file, *person, meeting, *answered);
        warn_if_sent_by_another(file, reply, *person, mail_from);
        if (reply.answer == Answer::delegated) {
            const auto& delegate = delegate_of(reply, *person);
            answer.delegated_to = delegate.id;
            const bool outside = !circle_of(meeting).includes(email_text(delegate));
            if (outside) {
                warnings_.push_back(fmt::format("{}: {} delegated meeting '{}' to {}, whose domain is that of none "
                                                "of the meeting's organisations; the delegate is recorded and "
                                                "invited, check that they should come",
                                                file.string(), person->name, meeting.id.str(), email_text(delegate)));
            }
            invite_delegate(meeting, person->id, delegate.id);
            taken.delegate = delegate;
            taken.delegate_outside = outside;
        }
        if (earlier != known.end()) {
            *earlier = answer;
        } else {
            known.push_back(answer);
        }
        taken.answer = answer;
        taken_.push_back(std::move(taken));
        import_.answers.push_back(std::move(answer));
        return std::nullopt;
    }

    // What to write, once every answer was taken or skipped.
    [[nodiscard]] const db::AnswerImport& import() const { return import_; }

    // The answers taken, in order, with who gave them.
    [[nodiscard]] std::vector<TakenAnswer>& taken() { return taken_; }
    // Answers recorded that the organiser should look at.
    [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }

private:
    // The version an answer names decides which answer wins: one to a version never
    // sent, or dated ahead of the clock, would outrank every genuine answer to come
    // (and the organiser could not see why the record does not change).
    std::optional<std::string> pinning(const std::filesystem::path& file, const ical::Reply& reply,
                                       const Person& person, const Meeting& meeting)
    {
        const auto& sent = sent_versions_of(meeting.id);
        int highest = meeting.sequence;
        for (const auto& version : sent) {
            highest = std::max(highest, version.sequence);
        }
        if (reply.sequence > highest) {
            return fmt::format("{}: {} answered SEQUENCE {} of meeting '{}', but no version above SEQUENCE {} was "
                               "ever sent; the answer is refused, as it would outrank every genuine answer to come",
                               file.string(), person.name, reply.sequence, meeting.id.str(), highest);
        }
        if (reply.stamp && *reply.stamp > now_ + pt::hours(clock_skew_hours)) {
            return fmt::format("{}: the answer of {} to meeting '{}' is dated {} UTC (DTSTAMP), more than a day "
                               "ahead of this computer's clock ({} UTC); the answer is refused, as it would outrank "
                               "every genuine answer until then",
                               file.string(), person.name, meeting.id.str(), pt::to_iso_extended_string(*reply.stamp),
                               pt::to_iso_extended_string(now_));
        }
        return std::nullopt;
    }

    // Assistants forward answers, so a mail from someone else is no forgery by itself;
    // but the organiser should know whose mail it was.
    void warn_if_sent_by_another(const std::filesystem::path& file, const ical::Reply& reply, const Person& person,
                                 std::span<const std::string> mail_from)
    {
        if (mail_from.empty() || std::any_of(mail_from.begin(), mail_from.end(), [&](const std::string& address) {
                return same_address(address, reply.attendee);
            })) {
            return;
        }
        warnings_.push_back(fmt::format("{}: the mail is from {}, not from {} <{}>, who answers in it (forwarded by "
                                        "an assistant?); the answer is recorded",
                                        file.string(), fmt::join(mail_from, ", "), person.name, reply.attendee));
    }

    const std::vector<SentVersion>& sent_versions_of(const MeetingId& meeting)
    {
        if (!sent_versions_.contains(meeting)) {
            sent_versions_[meeting] = store_.sent_versions(meeting);
        }
        return sent_versions_[meeting];
    }

    // An answer to what was called off, or to an invitation the planner never
    // delivered to that person (sent from elsewhere, or forwarded to them), is
    // recorded, but the organiser should know.
    void warn_if_unexpected(const std::filesystem::path& file, const Person& person, const Meeting& meeting,
                            const Meeting& answered)
    {
        if (answered.status == MeetingStatus::cancelled) {
            warnings_.push_back(fmt::format("{}: {} answered {} '{}', which is cancelled; the answer is recorded",
                                            file.string(), person.name,
                                            answered.id == meeting.id ? "meeting" : "the occurrence",
                                            answered.id.str()));
        }
        const auto& sent = sent_versions_of(meeting.id);
        if (std::none_of(sent.begin(), sent.end(), [&](const SentVersion& v) { return v.person == person.id; })) {
            warnings_.push_back(fmt::format("{}: {} answered meeting '{}', which the planner never sent them; the "
                                            "answer is recorded",
                                            file.string(), person.name, meeting.id.str()));
        }
    }

    const Person* invitee_with_address(const Meeting& meeting, const std::string& address) const
    {
        const auto* person = person_with_address(address);
        const auto people = invitees(meeting);
        const bool invited = person != nullptr && std::any_of(people.begin(), people.end(), [&](const Participant& p) {
                                 return p.person == person->id;
                             });
        return invited ? person : nullptr;
    }

    const Person* person_with_address(const std::string& address) const
    {
        for (const auto& [id, person] : directory_.people()) {
            if (person.email && same_address(person.email->str(), address)) {
                return &person;
            }
        }
        for (const auto& person : import_.new_people) {
            if (person.email && same_address(person.email->str(), address)) {
                return &person;
            }
        }
        return nullptr;
    }

    // Null for an answer to the whole meeting; else the day of the occurrence answered,
    // the rule's day, as RECURRENCE-ID names it.
    static std::optional<greg::date> occurrence_answered(const ical::Reply& reply, const Meeting& meeting)
    {
        if (!reply.occurrence || !meeting.recurrence) {
            return std::nullopt;
        }
        const auto& zone = time_zone(meeting.time_zone);
        return reply.occurrence->utc ? zone.to_local(reply.occurrence->time).date() : reply.occurrence->time.date();
    }

    std::vector<RecordedAnswer>& answers_of(const MeetingId& meeting)
    {
        if (!stored_answers_.contains(meeting)) {
            stored_answers_[meeting] = store_.answers(meeting);
        }
        return stored_answers_[meeting];
    }

    // The person the answer names as delegate; one the store does not know joins the
    // delegator's organisation.
    const Person& delegate_of(const ical::Reply& reply, const Person& delegator)
    {
        if (const auto* known = person_with_address(*reply.delegated_to)) {
            return *known;
        }
        import_.new_people.push_back({new_person_id(*reply.delegated_to),
                                      reply.delegate_name.empty() ? *reply.delegated_to : reply.delegate_name,
                                      EmailAddress(*reply.delegated_to), delegator.organisation, std::string(),
                                      Access::any, std::nullopt});
        return import_.new_people.back();
    }

    // A new person's id from their address: "m.weiss@lra-fn.de" -> "m-weiss", made
    // unique; "-h@x.de" gives "h", not an id that reads as an option.
    PersonId new_person_id(const std::string& address) const
    {
        std::string base;
        for (const char c : lower(address.substr(0, address.find('@')))) {
            base += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '-';
        }
        const auto inner = base.find_first_not_of('-');
        base = inner == std::string::npos ? std::string() : base.substr(inner, base.find_last_not_of('-') - inner + 1);
        // Room for the "-2" that makes it unique.
        base = base.substr(0, max_id_length - 8);
        if (id_problem(base)) {
            base = "delegate";
        }
        const auto taken = [&](const std::string& id) {
            return directory_.find(PersonId(id)) != nullptr ||
                   std::any_of(import_.new_people.begin(), import_.new_people.end(),
                               [&](const Person& p) { return p.id.str() == id; });
        };
        std::string id = base;
        for (int n = 2; taken(id); ++n) {
            id = fmt::format("{}-{}", base, n);
        }
        return PersonId(id);
    }

    // The delegate joins the meeting in the delegator's role.
    void invite_delegate(const Meeting& meeting, const PersonId& delegator, const PersonId& delegate)
    {
        auto& joined = changed_.emplace(meeting.id, meeting).first->second;
        const auto people = invitees(joined);
        if (std::any_of(people.begin(), people.end(), [&](const Participant& p) { return p.person == delegate; })) {
            return;
        }
        const auto role = std::find_if(people.begin(), people.end(),
                                       [&](const Participant& p) { return p.person == delegator; })->role;
        joined.participants.push_back({delegate, role});
        import_.joins.push_back({meeting.id, {delegate, role}});
    }

    // The meeting's circle as the import found it: delegates joining meanwhile are not in it.
    const DelegationCircle& circle_of(const Meeting& meeting)
    {
        return circles_.try_emplace(meeting.id, directory_, meeting, delegates_).first->second;
    }

    // Allowed for the clocks of the answering computers.
    static constexpr int clock_skew_hours = 24;

    const Directory& directory_;
    const db::Store& store_;
    std::set<PersonId> delegates_;  // people who joined the store through an answer
    std::map<MeetingId, DelegationCircle> circles_;
    pt::ptime now_;
    std::map<std::string, const Meeting*> by_uid_;
    std::map<MeetingId, Meeting> changed_;  // meetings that delegates joined
    std::map<MeetingId, std::vector<RecordedAnswer>> stored_answers_;
    std::map<MeetingId, std::vector<SentVersion>> sent_versions_;
    db::AnswerImport import_;
    std::vector<TakenAnswer> taken_;
    std::vector<std::string> warnings_;
};


// The answers of one source, and the addresses of its mail's From (none for a calendar).
struct AnswerFile {
    std::string name;
    std::vector<ical::Reply> replies;
    std::vector<std::string> mail_from;
};

}  // namespace

AnswersImport import_answers(db::Store& store, std::span<const AnswerSource> sources)
{
    AnswersImport result;
    std::vector<AnswerFile> files;
    for (const auto& source : sources) {
        if (source.unreadable) {
            result.files_skipped.push_back({source.name, *source.unreadable});
            continue;
        }
        try {
            auto received = mail::received_calendar(source.text, source.name);
            auto replies = ical::read_replies(received.calendar, source.name);
            files.push_back({source.name, std::move(replies), std::move(received.from)});
        } catch (const Error& error) {
            result.files_skipped.push_back({source.name, error.what()});
        }
    }
    const auto directory = store.load();
    AnswerCollector collector(directory, store);
    for (const auto& [file, replies, mail_from] : files) {
        for (const auto& reply : replies) {
            if (auto why = collector.take(file, reply, mail_from)) {
                result.skipped.push_back(std::move(*why));
            }
        }
    }
    const auto& import = collector.import();
    store.record_answers(import);
    result.recorded = std::move(collector.taken());
    result.warnings = collector.warnings();
    result.new_people = import.new_people;
    return result;
}

namespace {

// A line a person writes, as one_line_problem checks it.
void require_one_line(std::string_view text, std::string_view what)
{
    if (auto problem = one_line_problem(text, what)) {
        throw HandAnswerRefused(std::move(*problem));
    }
}

}  // namespace

RecordedAnswer record_hand_answer(db::Store& store, const HandAnswer& given, pt::ptime now)
{
    if (given.answer != Answer::accepted && given.answer != Answer::tentative && given.answer != Answer::declined) {
        throw HandAnswerRefused(fmt::format(
            "'{}' cannot be written down as an answer; expected accepted, tentative or declined", to_string(given.answer)));
    }
    require_one_line(given.comment, "comment");
    if (given.recorded_by.empty()) {
        throw HandAnswerRefused("say who wrote the answer down");
    }
    require_one_line(given.recorded_by, "name of who wrote it down");
    const auto named = occurrence_named(given.meeting);
    const auto stored = store.meeting(named ? named->series : given.meeting);
    if (!stored || (named && !stored->recurrence)) {
        throw unknown_meeting(store, given.meeting);
    }
    if (named && !occurrence_on(*stored, named->date, ical::expand_rule)) {
        throw unknown_meeting(store, given.meeting);
    }
    const auto person = store.person(given.person);
    if (!person) {
        throw HandAnswerRefused(fmt::format("unknown person '{}'", given.person.str()));
    }
    const RecordedAnswer answer{stored->id,   named ? std::optional(named->date) : std::nullopt,
                                given.person, given.answer,
                                stored->sequence, now,
                                std::nullopt, given.comment,
                                given.recorded_by};
    // Whether they are invited, and whether a newer answer is kept, are decided in the
    // write itself: another command may change either between a read and it.
    switch (store.record_hand_answer(answer)) {
    case db::Store::HandAnswerOutcome::recorded: return answer;
    case db::Store::HandAnswerOutcome::not_invited:
        throw HandAnswerRefused(fmt::format("{} is not invited to meeting '{}'", person->name, given.meeting.str()));
    case db::Store::HandAnswerOutcome::newer_kept: break;
    }
    const auto kept = store.answers(stored->id);
    const auto* newer = given_answer(kept, given.person, answer.occurrence);
    throw HandAnswerRefused(fmt::format(
        "{} answered meeting '{}' later already ({}{}); nothing was written", person->name, given.meeting.str(),
        newer != nullptr ? pt::to_iso_extended_string(newer->answered) + "Z" : "a newer version",
        newer != nullptr && newer->answered > now ? ", a time still ahead: their calendar's clock is fast" : ""));
}

}  // namespace planner::services
