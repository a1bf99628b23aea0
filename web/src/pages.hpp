#pragma once
// The handlers of the pages, by topic; app.cpp puts them into the route table.

#include "app.hpp"

namespace planner::web::pages {

Response login_form(Context& context);
Response log_in(Context& context);
Response log_out(Context& context);
Response switch_language(Context& context);
Response static_file(Context& context);
Response home(Context& context);

Response meeting_list(Context& context);
Response meeting(Context& context);
Response record_answer(Context& context);
Response conflicts(Context& context);
Response invitation_ics(Context& context);
Response attendance_pdf(Context& context);
Response attendance_html(Context& context);
Response attendance_csv(Context& context);
Response meeting_toml(Context& context);
Response store_toml(Context& context);
Response check_in(Context& context);
Response mark_presence(Context& context);
Response add_walk_in(Context& context);
Response statistics(Context& context);
Response statistics_csv(Context& context);

Response api_meetings(Context& context);
Response api_meeting(Context& context);
Response api_conflicts(Context& context);

Response people(Context& context);
Response organisations(Context& context);
Response venues(Context& context);
Response counties(Context& context);

}  // namespace planner::web::pages
