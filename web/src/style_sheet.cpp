// The one style sheet, served from the binary: no inline style, so the
// Content-Security-Policy can forbid it. Colours meet WCAG 2.1 AA contrast (4.5:1 for
// text) and focus is always visible.

#include "pages.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace planner::web::pages {

namespace {

constexpr std::string_view css = R"css(
:root { --ink: #1b1b1b; --paper: #ffffff; --accent: #0b4f8a; --line: #6b6b6b; --soft: #f2f4f7; --alert: #a4000f; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 "DejaVu Sans", system-ui, sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, main:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem; }
.skip:focus { left: .5rem; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .5rem 1rem; background: var(--soft);
         border-bottom: 1px solid var(--line); }
header .service { font-weight: bold; margin: 0; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
.logout { display: flex; gap: .5rem; align-items: center; margin-left: auto; }
main { padding: 1rem; max-width: 72rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
.field { display: flex; flex-direction: column; min-width: 0; max-width: 100%; }
input, select, button { font: inherit; padding: .3rem .5rem; border: 1px solid var(--line); border-radius: 3px; }
input, select, textarea { max-width: 100%; }
button { background: var(--accent); color: #ffffff; border-color: var(--accent); cursor: pointer; }
.problem { color: var(--alert); font-weight: bold; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
.door-list { list-style: none; padding: 0; margin: 0 0 1.5rem; }
.door-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .75rem;
            padding: .75rem 0; border-bottom: 1px solid var(--line); }
.door-row .who { display: flex; flex-direction: column; }
.presence { display: flex; gap: .5rem; }
.presence button { min-width: 8.5rem; min-height: 3rem; font-size: 1.1rem; }
.presence .choice { background: var(--paper); color: var(--accent); }
.presence .current { background: var(--accent); color: #ffffff; font-weight: bold; }
.chart { width: 100%; max-width: 44rem; height: auto; font-size: 13px; }
.chart text { fill: var(--ink); }
.bar-invited { fill: #9aa5b1; }
.bar-accepted { fill: #4a7fb0; }
.bar-attended { fill: #0b4f8a; }
.figures td { text-align: right; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.hint { margin: .2rem 0 0; font-size: .9rem; }
.problem-summary { border: 2px solid var(--alert); padding: .5rem 1rem; margin-bottom: 1rem; }
fieldset { border: 1px solid var(--line); margin: 1rem 0; }
.choice { display: flex; gap: .4rem; align-items: center; }
details { margin: .25rem 0; }
summary { cursor: pointer; padding: .25rem 0; }
.buttons { display: flex; gap: 1rem; margin: 1rem 0; }
.preview { border-left: 4px solid var(--accent); padding-left: 1rem; }
textarea { font: inherit; width: 100%; max-width: 44rem; }
ul.plain { margin: 0; padding-left: 1rem; }
.tally { font-size: 1.2rem; font-weight: bold; }
.table-scroll { overflow-x: auto; }
.key-changes { margin: .25rem 0 0; padding-left: 1rem; }
.key-changes code { overflow-wrap: anywhere; }
code.secret { overflow-wrap: anywhere; }
)css";

}  // namespace

namespace {

std::string_view content_type_of(const std::filesystem::path& file)
{
    const auto extension = file.extension().string();
    if (extension == ".css") {
        return "text/css; charset=utf-8";
    }
    if (extension == ".png") {
        return "image/png";
    }
    if (extension == ".svg") {
        return "image/svg+xml";
    }
    if (extension == ".pdf") {
        return "application/pdf";
    }
    if (extension == ".html") {
        return "text/html; charset=utf-8";
    }
    return "text/plain; charset=utf-8";
}

Response not_found()
{
    Response response;
    response.status = 404;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "not found";
    return response;
}

}  // namespace

Response static_file(Context& context)
{
    const auto& name = context.path["name"];
    Response response;
    if (name == "planner.css") {
        response.headers.emplace_back("Cache-Control", "public, max-age=3600");
        response.content_type = "text/css; charset=utf-8";
        response.body = std::string(css);
        return response;
    }
    // A plain file name in the site's folder: never a path out of it, nor a hidden file.
    if (!context.settings.static_folder || name.empty() || name.front() == '.' ||
        name.find_first_of("/\\") != std::string::npos) {
        return not_found();
    }
    const auto file = *context.settings.static_folder / name;
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        return not_found();
    }
    std::ifstream in(file, std::ios::binary);
    response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    response.content_type = content_type_of(file);
    response.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return response;
}

}  // namespace planner::web::pages
