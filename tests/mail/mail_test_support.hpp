#pragma once

#include "smtp_sink.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

// A small MIME reader of the tests' own, independent of the library's: it checks
// composed mails from the outside, as a receiving client would.
namespace planner::mail::testing {

struct ParsedPart {
    std::map<std::string, std::string> headers;  // lower-case name: unfolded value
    std::string body;                            // as transmitted
};

struct ParsedMail {
    std::map<std::string, std::string> headers;
    std::vector<std::string> header_lines;  // folded, as transmitted
    std::vector<ParsedPart> parts;
};

ParsedMail parse_mail(const std::string& mail);
std::string decode_quoted_printable(std::string_view text);
using planner::testing::decode_base64;  // the SMTP sink's, which reads AUTH PLAIN with it
// RFC 2047 encoded-words ("=?UTF-8?B?...?=" only, which is what compose writes)
// decoded; the blanks between adjacent words dropped as the RFC says.
std::string decode_header(std::string_view value);

}  // namespace planner::mail::testing
