#pragma once
// Who may see what, decided in one place. Every route names its Access; the dispatcher
// (app.cpp) checks it before the handler runs, and the authorization test walks the
// route table with every kind of viewer.

#include <planner/db/link_rows.hpp>
#include <planner/directory.hpp>
#include <planner/id.hpp>
#include <planner/services/accounts.hpp>

#include <optional>
#include <set>
#include <string_view>

namespace planner::web {

enum class Access {
    anyone,          // the login page, the style sheet, health
    signed_in,       // any account: lists of meetings (filtered to what they may see), venues, counties
    organiser,       // organisers and admins: the people and organisations of every office
    admin,           // admins alone: the whole store
    meeting_reader,  // whoever may read the meeting the path's {id} names
    meeting_changer, // whoever may change it: admins, and organisers whose organisation organises it
    // whoever followed a person's own link to answer the meeting {id} (the session it
    // opened): that person, for that meeting alone, account or none
    answer_link,
    // whoever followed a person's own link to the date poll of the meeting {id}
    poll_link,
};

[[nodiscard]] std::string_view to_string(Access access);
// What a person's own link must have been made for to open a route of this access;
// none for the routes of accounts and of anyone.
[[nodiscard]] std::optional<db::LinkPurpose> link_purpose(Access access);

// The account behind a request, with the county of its organisation.
struct Viewer {
    services::Account account;
    std::optional<CountyId> county;
};

// Whom a meeting concerns: the organisations of its organisers, and the counties it
// brings together or is held in.
struct MeetingAudience {
    std::set<OrganisationId> organisations;
    std::set<CountyId> counties;
};

[[nodiscard]] MeetingAudience audience_of(const Meeting& meeting, const Directory& records);

// Admins read every meeting; organisers and staff those their organisation organises
// and those that concern their county. The meeting list filters by the same rule.
[[nodiscard]] bool may_read(const Viewer& viewer, const MeetingAudience& audience);
// Admins change every meeting; organisers those their organisation organises (staff and
// organisers who only share the county read them).
[[nodiscard]] bool may_change(const Viewer& viewer, const MeetingAudience& audience);
[[nodiscard]] bool allows(Access access, const std::optional<Viewer>& viewer);
// Admins keep every person, organisation and venue; organisers those of their own
// county (a person by their organisation's). Counties (none given) are for admins.
[[nodiscard]] bool may_keep_records_of(const Viewer& viewer, const std::optional<CountyId>& county);

}  // namespace planner::web
