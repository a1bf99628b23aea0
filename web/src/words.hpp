#pragma once
// Everything the pages say, in German (the default) and English. One struct per
// language, so a phrase missing in one language does not compile.

#include <planner/date_format.hpp>

#include <string_view>

namespace planner::web {

struct Words {
    std::string_view language_code;     // "de": <html lang>
    std::string_view other_language;    // the switch's label: "English"
    std::string_view other_language_code;
    std::string_view switch_language;   // accessible name of the switch
    std::string_view service_name;
    std::string_view skip_to_content;
    std::string_view main_navigation;
    std::string_view meetings;
    std::string_view conflicts;
    std::string_view people;
    std::string_view organisations;
    std::string_view venues;
    std::string_view counties;
    std::string_view log_in;
    std::string_view log_out;
    std::string_view signed_in_as;
    std::string_view login_name;
    std::string_view password;
    std::string_view wrong_login;
    std::string_view too_many_attempts;
    std::string_view filter;
    std::string_view from;
    std::string_view to;
    std::string_view county;
    std::string_view organisation;
    std::string_view status;
    std::string_view any;
    std::string_view time;
    std::string_view title;
    std::string_view venue;
    std::string_view series;
    std::string_view no_meetings;
    std::string_view previous_page;
    std::string_view next_page;
    std::string_view page_of;          // "Seite {} von {}"
    std::string_view meetings_found;   // "{} Treffen"
    std::string_view confirmed;
    std::string_view tentative;
    std::string_view cancelled;
    std::string_view time_zone;
    std::string_view address;
    std::string_view agenda;
    std::string_view presenter;
    std::string_view organisers;
    std::string_view participants;
    std::string_view role;
    std::string_view answer;
    std::string_view comment;
    std::string_view chair;
    std::string_view required;
    std::string_view optional;
    std::string_view info;
    std::string_view needs_action;
    std::string_view accepted;
    std::string_view declined;
    std::string_view answered_tentative;
    std::string_view delegated;
    std::string_view write_down_answer;   // heading of the form for answers by phone or letter
    std::string_view write_down_hint;
    std::string_view person;
    std::string_view write_down;          // its button
    std::string_view written_down_by;     // "{}": who
    std::string_view no_conflicts;
    std::string_view conflicts_of_meeting;
    std::string_view documents;
    std::string_view invitation_ics;
    std::string_view attendance_pdf;
    std::string_view attendance_html;
    std::string_view attendance_csv;
    std::string_view kind;
    std::string_view severity;
    std::string_view error;
    std::string_view warning;
    std::string_view name;
    std::string_view function;
    std::string_view email;
    std::string_view seat;
    std::string_view state;
    std::string_view capacity;
    std::string_view step_free;
    std::string_view yes;
    std::string_view no;
    std::string_view unknown;
    std::string_view show;
    std::string_view not_found_title;
    std::string_view not_found_text;
    std::string_view forbidden_title;
    std::string_view forbidden_text;
    std::string_view bad_request_title;
    std::string_view back_to_meetings;
    std::string_view conflicts_between;  // "Konflikte vom {} bis {}"
    std::string_view hidden_conflicts;   // "{} weitere Konflikte betreffen Treffen, die Sie nicht sehen."
    std::string_view description;
    std::string_view county_none;
    std::string_view check_in;             // the link on the meeting page
    std::string_view check_in_title;       // "Einlass: {}"
    std::string_view check_in_tally;       // "{} von {} anwesend, {} entschuldigt, {} ohne Einladung"
    std::string_view choose_day;
    std::string_view cancelled_no_check_in;
    std::string_view not_checked;
    std::string_view present;
    std::string_view excused;
    std::string_view absent;
    std::string_view walk_in;
    std::string_view came_uninvited;
    std::string_view walk_in_heading;
    std::string_view find_person;
    std::string_view search;
    std::string_view found_people;
    std::string_view nobody_found;
    std::string_view new_person;
    std::string_view choose;
    std::string_view add_walk_in;
    std::string_view statistics;
    std::string_view meeting_file;
    std::string_view new_meeting;
    std::string_view edit_meeting;
    std::string_view change_meeting;
    std::string_view meeting_id;
    std::string_view meeting_id_hint;
    std::string_view day;
    std::string_view expected_day;
    std::string_view expected_clock;
    std::string_view counties_brought_together;
    std::string_view people_of_meeting;
    std::string_view people_hint;
    std::string_view not_invited;
    std::string_view organiser;
    std::string_view nobody;
    std::string_view agenda_hint;
    std::string_view before_saving;
    std::string_view what_changes_for_whom;
    std::string_view nothing_sent_yet;
    std::string_view no_new_version;
    std::string_view new_version;
    std::string_view get_update;
    std::string_view get_invitation;
    std::string_view get_cancellation;
    std::string_view minutes;
    std::string_view people_from_counties;
    std::string_view needed;
    std::string_view not_asked;
    std::string_view must_come;
    std::string_view should_come;
    std::string_view when_and_where;
    std::string_view duration_minutes;
    std::string_view earliest;
    std::string_view latest;
    std::string_view any_venue;
    std::string_view find_times;
    std::string_view suggest_venues;
    std::string_view has_other_appointment;
    std::string_view no_time_found;
    std::string_view everyone_can_come;
    std::string_view schedule_here;
    std::string_view times_found;
    std::string_view who_cannot;
    std::string_view next_step;
    std::string_view journeys_to;
    std::string_view journey_bar;       // "{} min ({} Personen)"
    std::string_view journey_bar_one;   // "{} min (1 Person)"
    std::string_view fairest_venues;
    std::string_view fairest_hint;
    std::string_view longest_and_total;
    std::string_view find_times_here;
    std::string_view unsuitable_venues;
    std::string_view choose_people_first;
    std::string_view find_time_and_place;
    std::string_view needs_step_free;
    std::string_view position;
    std::string_view latitude;
    std::string_view longitude;
    std::string_view office_hours;
    std::string_view office_hours_hint;
    std::string_view expected_whole_number;
    std::string_view expected_position;
    std::string_view record_id_hint;
    std::string_view new_record;
    std::string_view change_record;
    std::string_view record_id_taken;
    std::string_view record_of_your_county;
    std::string_view add_entry;
    std::string_view changed_meanwhile;
    std::string_view changed_time;
    std::string_view changed_zone;
    std::string_view changed_venue;
    std::string_view changed_status;
    std::string_view changed_agenda;
    std::string_view changed_series;
    std::string_view changed_removed;
    std::string_view changed_invited_again;
    std::string_view errors_need_consent;
    std::string_view save_anyway;
    std::string_view check;
    std::string_view save;
    std::string_view form_has_problems;
    std::string_view id_taken;
    std::string_view organiser_of_your_office;
    std::string_view statistics_of_year;    // "Statistik {}"
    std::string_view statistics_of_county;  // "Statistik {}: {}"
    std::string_view statistics_hint;
    std::string_view statistics_csv;
    std::string_view year;
    std::string_view all_counties;
    std::string_view by_county;
    std::string_view by_kind;
    std::string_view invited;
    std::string_view accepted_count;
    std::string_view attended;
    std::string_view walk_ins;
    std::string_view rate;
    std::string_view total;
    std::string_view mail_heading;
    std::string_view mail_not_configured;
    std::string_view mail_hint;  // "... von {} ..." : the service's address
    std::string_view send_invitations;
    std::string_view send_cancellation;
    std::string_view nothing_sent_yet_by_mail;
    std::string_view mail_queued;
    std::string_view mail_sending;
    std::string_view mail_sent;
    std::string_view mail_refused;
    std::string_view mail_given_up;
    std::string_view mail_unconfirmed;
    std::string_view send_again;
    std::string_view sequence;
    std::string_view when_column;
    std::string_view attempts;
    std::string_view action;
    std::string_view mail_superseded;
    std::string_view queued_summary;  // "{} queued, {} on their way, {} left out"
    std::string_view everyone_has_it;
    std::string_view postal_address;
    std::string_view postal_address_hint;
    std::string_view letters_pdf;  // "Briefe an {} Personen ohne E-Mail-Adresse"
    std::string_view no_letters;
    std::string_view organiser_needs_email;  // "{} has no e-mail address ..."
    std::string_view cannot_send_again;
    std::string_view series_heading;
    std::string_view repeat;
    std::string_view repeat_none;
    std::string_view repeat_weekly;
    std::string_view repeat_monthly;
    std::string_view every_weeks;
    std::string_view until_day;
    std::string_view exception_days;
    std::string_view exception_days_hint;
    std::string_view moved_heading;
    std::string_view moved_from;
    std::string_view moved_to_day;
    std::string_view expected_weeks;
    std::string_view every_only_weekly;
    std::string_view until_before_day;
    std::string_view series_fields_need_repeat;
    std::string_view expected_days;
    std::string_view meeting_files;
    std::string_view record_meeting;  // "Treffen": one meeting, as a kind of record
    std::string_view meeting_files_hint;
    std::string_view file_to_upload;
    std::string_view show_changes;
    std::string_view choose_a_file;
    std::string_view file_too_large;  // {}: the service's limit of a request, in KiB
    std::string_view download_store;
    std::string_view preview_title;  // {}: file name
    std::string_view file_not_read;
    std::string_view record_added;
    std::string_view record_updated;
    std::string_view record_changed_both;
    std::string_view record_id;
    std::string_view change_column;
    std::string_view key_now;
    std::string_view key_in_file;
    std::string_view key_none;
    std::string_view unchanged_records;  // {}: count
    std::string_view overwrite_meeting;
    std::string_view changed_both_hint;
    std::string_view left_out_records;  // {}: count
    std::string_view file_changes_nothing;
    std::string_view import_file;
    std::string_view preview_outdated;
    std::string_view import_done;  // {}: added, updated, unchanged
    std::string_view import_kept;  // {}: kept
    std::string_view your_answer_title;
    std::string_view answer_for;
    std::string_view answer_choice;
    std::string_view answer_accept;
    std::string_view answer_tentative;
    std::string_view answer_decline;
    std::string_view answer_comment;
    std::string_view send_answer;
    std::string_view answer_saved;
    std::string_view answer_now;
    std::string_view answer_none_yet;
    std::string_view answers_closed;
    std::string_view answer_meeting_cancelled;
    std::string_view answer_not_invited;
    std::string_view answer_newer_kept;
    std::string_view answer_choose;
    std::string_view answer_comment_problem;
    std::string_view link_not_valid_title;
    std::string_view link_not_valid;
    std::string_view too_many_links;
    std::string_view answer_organised_by;
    std::string_view answer_privacy;
    std::string_view guest_list;
    std::string_view guest_list_auto;
    std::string_view guest_list_shown;
    std::string_view guest_list_hidden;
    std::string_view guest_list_by_rule;
    std::string_view answer_others;
    std::string_view feed_heading;
    std::string_view feed_hint;
    std::string_view feed_make;
    std::string_view feed_stop;
    std::string_view feed_made;
    std::string_view feed_open;
    std::string_view feed_stopped;
    std::string_view feed_of_person;
    std::string_view feed_person_hint;
    std::string_view poll_heading;
    std::string_view poll_open_link;
    std::string_view poll_start_hint;
    std::string_view poll_times;
    std::string_view poll_show_names;
    std::string_view poll_propose;
    std::string_view poll_no_proposals;
    std::string_view poll_create;
    std::string_view poll_only_tentative;
    std::string_view poll_no_mail;
    std::string_view poll_created;
    std::string_view poll_without_email;
    std::string_view poll_names_hidden_note;
    std::string_view poll_names_shown_note;
    std::string_view poll_time;
    std::string_view poll_counts;
    std::string_view poll_required_cannot;
    std::string_view poll_not_voted;
    std::string_view poll_everyone_voted;
    std::string_view poll_remind;
    std::string_view poll_reminded;
    std::string_view poll_confirm;
    std::string_view poll_confirm_anyway;
    std::string_view poll_conflicts_now;
    std::string_view poll_confirm_refused;
    std::string_view poll_confirmed;
    std::string_view poll_end;
    std::string_view poll_ended;
    std::string_view poll_kept;
    std::string_view poll_closed_at;
    std::string_view poll_bad_time;
    std::string_view poll_title;
    std::string_view poll_intro;
    std::string_view vote_yes;
    std::string_view vote_if_need_be;
    std::string_view vote_no;
    std::string_view send_votes;
    std::string_view votes_saved;
    std::string_view votes_incomplete;
    std::string_view poll_is_closed;
    std::string_view poll_others_votes;
    std::string_view poll_so_far;
    std::string_view poll_yours;
    std::string_view published;
    std::string_view published_no;
    std::string_view published_yes;
    std::string_view public_feeds;
    std::string_view public_feeds_hint;
};

[[nodiscard]] const Words& words(Language language);

}  // namespace planner::web
