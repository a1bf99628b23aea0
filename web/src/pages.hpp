#pragma once
// The handlers of the pages, by topic; app.cpp puts them into the route table.

#include "app.hpp"
#include "html.hpp"
#include "words.hpp"

#include <planner/conflict.hpp>
#include <planner/meeting.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace planner::web::pages {

// "bestätigt", "Pflicht": a meeting's status and a participant's role, as the pages say them.
[[nodiscard]] std::string_view status_word(const Words& say, MeetingStatus status);
[[nodiscard]] std::string_view role_word(const Words& say, Role role);
[[nodiscard]] std::string_view answer_word(const Words& say, Answer answer);

// The attributes of every cookie of ours: Path=/, HttpOnly, SameSite=Lax, and Secure
// over https (login_pages.cpp).
[[nodiscard]] std::string cookie_attributes(const Request& request);
// The cookie of the session a person's own link to answer `meeting`, or to vote in its
// poll, opened (answer_pages.cpp): one per purpose and meeting, so that links to two
// meetings open side by side.
[[nodiscard]] std::string link_cookie_name(const Request& request, db::LinkPurpose purpose, const MeetingId& meeting);
// Follows a person's own link of this purpose: a session and a redirect to the page of
// the link's meeting (/reply/{id} to answer, /vote/{id} for a poll), or the page saying
// the link is not valid, slowed.
[[nodiscard]] Response follow_link(Context& context, db::LinkPurpose purpose);

// The conflicts with their explanations, linked to their meetings (meeting_pages.cpp).
[[nodiscard]] html::Html conflict_table(const Context& context, const std::vector<Conflict>& conflicts);

Response login_form(Context& context);
Response log_in(Context& context);
Response log_out(Context& context);
Response switch_language(Context& context);
Response static_file(Context& context);
Response home(Context& context);

// The meeting page's mail: the button, and each person's newest message with what became
// of it (outbox_pages.cpp).
[[nodiscard]] html::Html mail_section(const Context& context,
                                      const std::function<std::string(const PersonId&)>& name_of);
Response send_letters(Context& context);
Response send_again(Context& context);

// Meeting files uploaded, previewed record by record, and imported (import_pages.cpp).
Response meeting_files(Context& context);
Response preview_upload(Context& context);
Response import_upload(Context& context);

Response meeting_list(Context& context);
Response meeting(Context& context);
Response record_answer(Context& context);
Response conflicts(Context& context);
Response invitation_ics(Context& context);
Response attendance_pdf(Context& context);
Response attendance_html(Context& context);
Response attendance_csv(Context& context);
Response meeting_toml(Context& context);
Response letters_pdf(Context& context);
Response store_toml(Context& context);
Response check_in(Context& context);
Response mark_presence(Context& context);
Response add_walk_in(Context& context);
Response statistics(Context& context);
Response find_slot_page(Context& context);
Response new_person_form(Context& context);
Response add_person(Context& context);
Response edit_person_form(Context& context);
Response change_person(Context& context);
// A person's own feed renewed or ended by an organiser who keeps their record.
Response change_person_feed(Context& context);
Response new_organisation_form(Context& context);
Response add_organisation(Context& context);
Response edit_organisation_form(Context& context);
Response change_organisation(Context& context);
Response new_venue_form(Context& context);
Response add_venue(Context& context);
Response edit_venue_form(Context& context);
Response change_venue(Context& context);
Response new_county_form(Context& context);
Response add_county(Context& context);
Response edit_county_form(Context& context);
Response change_county(Context& context);
// Whether the meeting form can hold the meeting, so that its page offers the form (meeting_form_pages.cpp).
[[nodiscard]] bool form_holds(const Meeting& meeting);
Response new_meeting_form(Context& context);
Response create_meeting(Context& context);
Response edit_meeting_form(Context& context);
Response change_meeting(Context& context);
Response statistics_csv(Context& context);

Response api_meetings(Context& context);
Response api_meeting(Context& context);
Response api_conflicts(Context& context);

Response people(Context& context);
Response organisations(Context& context);
Response venues(Context& context);
Response counties(Context& context);

// A person's own feed as a page shows it: a new address just made (its token, shown
// this once, with its webcal:// link), or that it ended, or neither.
struct FeedShown {
    std::optional<std::string> made;
    bool ended = false;
};
// The section about it: what it is (`hint`), what was just done, and the form posting
// renew or stop to `action` (answer_pages.cpp; the answer page and a person's page).
[[nodiscard]] html::Html feed_controls(const Context& context, const html::Url& action, std::string_view hint,
                                       const FeedShown& shown);
// The form's choice carried out for the person.
[[nodiscard]] FeedShown change_feed_of(Context& context, const PersonId& person);

// A person's own link to answer a meeting, and the page it opens (answer_pages.cpp).
Response follow_answer_link(Context& context);
Response answer_page(Context& context);
Response give_answer(Context& context);
Response change_feed(Context& context);
// A tentative meeting's date poll, for its organisers (poll_pages.cpp).
Response meeting_poll(Context& context);
Response create_poll(Context& context);
Response remind_poll(Context& context);
Response confirm_poll(Context& context);
Response end_poll(Context& context);
// The meeting page's way to it.
[[nodiscard]] html::Html poll_section(const Context& context, const Meeting& meeting);
// A person's own link to a date poll, and the page where they vote (poll_pages.cpp).
Response follow_poll_link(Context& context);
Response poll_page(Context& context);
Response vote(Context& context);
// A person's own feed, and a county's or organisation's public one (feed_pages.cpp).
Response person_feed(Context& context);
Response public_feed(Context& context);

}  // namespace planner::web::pages
