// A form with a file, as multipart/form-data (the meeting-file upload): the input's first
// line is the Content-Type's parameters, the rest the body. Reading it may refuse the
// body but must not crash, and every value it returns is a piece of the body.

#include "http_message.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace planner::web;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto line_end = input.find('\n');
    const auto parameters = input.substr(0, line_end);
    const auto body = line_end == std::string_view::npos ? std::string_view{} : input.substr(line_end + 1);
    const auto type = "multipart/form-data; " + std::string(parameters);

    if (const auto parts = multipart_parts(type, body)) {
        for (const auto& part : *parts) {
            if (body.find(part.value) == std::string_view::npos) {
                std::abort();
            }
        }
    }
    Request request;
    request.headers.emplace_back("content-type", type);
    request.body = std::string(body);
    static_cast<void>(request.form());
    static_cast<void>(request.form_part("file"));
    return 0;
}
