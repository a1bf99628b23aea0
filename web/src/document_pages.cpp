// A meeting's documents: the attendance list to print and sign, as PDF, HTML or CSV, and
// the meeting file of the meeting or (for admins) of the whole store.

#include "layout.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/services/attendance.hpp>
#include <planner/services/meeting_file_import.hpp>
#include <planner/services/printed_letters.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>

namespace planner::web::pages {

namespace {

struct DocumentKind {
    services::ListFormat format;
    std::string_view content_type;
    std::string_view extension;
    bool attachment;
};

Response attendance(Context& context, const DocumentKind& kind)
{
    if (context.meeting->meeting.recurrence) {
        throw BadRequest(fmt::format("'{}' is a series: its meetings have a list each, e.g. {}@YYYY-MM-DD",
                                     context.meeting->meeting.id.str(), context.meeting->meeting.id.str()));
    }
    services::AttendanceListRequest request;
    request.meeting = context.meeting->meeting.id.str();
    request.format = kind.format;
    request.layout.language = context.language;
    request.layout.grouping = print::Grouping::county;
    auto document = services::attendance_list(context.store, request);
    Response response;
    response.content_type = std::string(kind.content_type);
    response.body = std::move(document.content);
    // The id is a file name already (id.hpp allows nothing else).
    const auto file_name = fmt::format("{}-{}.{}", context.language == Language::de ? "teilnehmerliste" : "attendance",
                                       request.meeting, kind.extension);
    response.headers.emplace_back("Content-Disposition",
                                  fmt::format("{}; filename=\"{}\"", kind.attachment ? "attachment" : "inline", file_name));
    if (kind.format == services::ListFormat::html) {
        // The list is a document of its own, with its print styles inline and no script.
        response.headers.emplace_back("Content-Security-Policy",
                                      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                                      "base-uri 'none'; form-action 'none'");
    }
    return response;
}

}  // namespace

namespace {

Response meeting_file(std::string content, const std::string& file_name)
{
    Response response;
    response.content_type = "application/toml; charset=utf-8";
    response.body = std::move(content);
    response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file_name));
    return response;
}

}  // namespace

Response meeting_toml(Context& context)
{
    const auto& id = context.meeting->meeting.id;
    // The id is a file name already (id.hpp allows nothing else).
    return meeting_file(services::export_meeting_file(context.store, {id}), id.str() + ".toml");
}

Response letters_pdf(Context& context)
{
    const auto& meeting = context.meeting->meeting;
    if (meeting.recurrence) {
        throw BadRequest(fmt::format("'{}' is a series: its meetings have letters each, e.g. {}@YYYY-MM-DD",
                                     meeting.id.str(), meeting.id.str()));
    }
    const auto local_today = time_zone(default_time_zone).to_local(context.now).date();
    services::PrintedLetters letters;
    try {
        letters = services::printed_letters(context.store, {meeting.id.str(), context.language, local_today});
    } catch (const NotFound&) {
        throw;
    } catch (const Error& error) {
        // Nobody without e-mail, or an organiser without an address: said on the page.
        throw BadRequest(error.what());
    }
    Response response;
    response.content_type = "application/pdf";
    response.body = std::move(letters.pdf);
    response.headers.emplace_back(
        "Content-Disposition",
        fmt::format("attachment; filename=\"{}-{}.pdf\"", context.language == Language::de ? "briefe" : "letters",
                    meeting.id.str()));
    return response;
}

Response store_toml(Context& context)
{
    return meeting_file(services::export_meeting_file(context.store), "planner.toml");
}

Response attendance_pdf(Context& context)
{
    return attendance(context, {services::ListFormat::pdf, "application/pdf", "pdf", true});
}

Response attendance_html(Context& context)
{
    return attendance(context, {services::ListFormat::html, "text/html; charset=utf-8", "html", false});
}

Response attendance_csv(Context& context)
{
    return attendance(context, {services::ListFormat::csv, "text/csv; charset=utf-8", "csv", true});
}

}  // namespace planner::web::pages
