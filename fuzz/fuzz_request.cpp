// The parts of an HTTP request the planner reads itself (Beast parses the message):
// percent-decoding of paths, queries and forms, cookies, path patterns, and the escaping
// every page's text goes through. None may crash; escaped text and built URLs must
// hold nothing that could end an attribute or start a tag.

#include "html.hpp"
#include "http_message.hpp"
#include "route.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool holds)
{
    if (!holds) {
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace planner::web;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    static_cast<void>(percent_decoded(text, true));
    static_cast<void>(percent_decoded(text, false));
    for (const auto& [name, value] : decoded_pairs(text)) {
        static_cast<void>(name.size() + value.size());
    }

    Request request;
    request.headers.emplace_back("cookie", std::string(text));
    request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    request.body = std::string(text);
    static_cast<void>(request.cookie("planner-session"));
    static_cast<void>(request.form());

    for (const auto* pattern : {"/meetings/{id}", "/meetings/{id}/attendance.pdf", "/static/{name}", "/"}) {
        if (const auto parameters = match_pattern(pattern, text)) {
            for (const auto& [name, value] : parameters->all()) {
                require(!value.empty() && value.find('/') == std::string::npos);
            }
        }
    }

    const auto escaped = html::escaped(text);
    require(escaped.find_first_of("<>\"'") == std::string::npos);
    const auto url = html::Url("/meetings", {text}).str();
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        require(byte > 0x20 && byte < 0x7f && c != '"' && c != '\'' && c != '<' && c != '>' && c != '\\');
    }
    return 0;
}
