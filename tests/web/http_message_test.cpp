#include "http_message.hpp"

#include <gtest/gtest.h>

namespace planner::web {
namespace {

using Pairs = NameValues;

TEST(PercentDecodedTest, DecodesEscapesInEitherCase)
{
    EXPECT_EQ(percent_decoded("K%C3%B6ster%2fA%2Fb", false), "Köster/A/b");
    EXPECT_EQ(percent_decoded("plain-text_1.2~", false), "plain-text_1.2~");
    EXPECT_EQ(percent_decoded("", false), "");
}

TEST(PercentDecodedTest, PlusIsASpaceOnlyInQueriesAndForms)
{
    EXPECT_EQ(percent_decoded("a+b%2B", true), "a b+");
    EXPECT_EQ(percent_decoded("a+b%2B", false), "a+b+");
}

TEST(PercentDecodedTest, RefusesBrokenEscapes)
{
    EXPECT_EQ(percent_decoded("%", false), std::nullopt);
    EXPECT_EQ(percent_decoded("ab%4", false), std::nullopt);
    EXPECT_EQ(percent_decoded("%zz", false), std::nullopt);
    EXPECT_EQ(percent_decoded("%4g", true), std::nullopt);
}

TEST(PercentDecodedTest, KeepsANulForTheCallerToRefuse)
{
    EXPECT_EQ(percent_decoded("a%00b", false), std::string("a\0b", 3));
}

TEST(DecodedPairsTest, ReadsNamesAndValuesInOrder)
{
    EXPECT_EQ(decoded_pairs("from=2012-10-01&q=Bodensee+Kreis&empty=&flag&q=%C3%BC"),
              (Pairs{{"from", "2012-10-01"}, {"q", "Bodensee Kreis"}, {"empty", ""}, {"flag", ""}, {"q", "ü"}}));
}

TEST(DecodedPairsTest, LeavesOutEmptyPiecesAndPairsThatDoNotDecode)
{
    EXPECT_EQ(decoded_pairs("&&a=1&b=%zz&%q=2&c=3&"), (Pairs{{"a", "1"}, {"c", "3"}}));
    EXPECT_EQ(decoded_pairs(""), Pairs{});
}

Request with_headers(NameValues headers)
{
    Request request;
    request.headers = std::move(headers);
    return request;
}

TEST(RequestTest, FindsTheFirstHeaderOfAName)
{
    const auto request = with_headers({{"accept", "text/html"}, {"x-a", "1"}, {"x-a", "2"}});
    EXPECT_EQ(request.header("x-a"), "1");
    EXPECT_EQ(request.header("accept"), "text/html");
    EXPECT_EQ(request.header("cookie"), std::nullopt);
}

TEST(RequestTest, FindsTheFirstQueryValueOfAName)
{
    Request request;
    request.query = {{"page", "2"}, {"page", "3"}};
    EXPECT_EQ(request.query_value("page"), "2");
    EXPECT_EQ(request.query_value("from"), std::nullopt);
}

TEST(RequestTest, ReadsACookieByItsWholeName)
{
    const auto request = with_headers({{"cookie", "xsession=wrong; __Host-session=abc ; lang=\"de\""}});
    EXPECT_EQ(request.cookie("__Host-session"), "abc");
    EXPECT_EQ(request.cookie("lang"), "de");
    EXPECT_EQ(request.cookie("session"), std::nullopt);
    EXPECT_EQ(request.cookie("xsession"), "wrong");
}

TEST(RequestTest, ReadsCookiesFromEveryCookieLine)
{
    const auto request = with_headers({{"cookie", "a=1"}, {"cookie", "b=2"}});
    EXPECT_EQ(request.cookie("b"), "2");
}

TEST(RequestTest, ReadsAFormOnlyWhenTheBodyIsOne)
{
    auto request = with_headers({{"content-type", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"}});
    request.body = "login=kb&password=a%26b+c";
    EXPECT_EQ(request.form(), (Pairs{{"login", "kb"}, {"password", "a&b c"}}));

    request.headers = {{"content-type", "application/json"}};
    EXPECT_EQ(request.form(), Pairs{});
    request.headers.clear();
    EXPECT_EQ(request.form(), Pairs{});
}

TEST(TextResponseTest, IsPlainTextInUtf8)
{
    const auto response = text_response(503, "busy");
    EXPECT_EQ(response.status, 503U);
    EXPECT_EQ(response.content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(response.body, "busy");
    EXPECT_TRUE(response.headers.empty());
}

}  // namespace
}  // namespace planner::web

namespace planner::web {
namespace {

constexpr std::string_view upload_type = "multipart/form-data; boundary=----WebKitFormBoundaryAbC123";

TEST(MultipartPartsTest, ReadsFieldsAndAFileAsABrowserSendsThem)
{
    const std::string body =
        "------WebKitFormBoundaryAbC123\r\n"
        "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
        "token\r\n"
        "------WebKitFormBoundaryAbC123\r\n"
        "Content-Disposition: form-data; name=\"file\"; filename=\"treffen.toml\"\r\n"
        "Content-Type: application/toml\r\n\r\n"
        "[[county]]\r\nid = \"a\"\n--not-the-boundary\r\n\r\n"
        "------WebKitFormBoundaryAbC123--\r\n";
    const auto parts = multipart_parts(upload_type, body);
    ASSERT_TRUE(parts.has_value());
    ASSERT_EQ(parts->size(), 2u);
    EXPECT_EQ((*parts)[0].name, "csrf");
    EXPECT_EQ((*parts)[0].value, "token");
    EXPECT_EQ((*parts)[0].filename, "");
    EXPECT_EQ((*parts)[1].name, "file");
    EXPECT_EQ((*parts)[1].filename, "treffen.toml");
    // The content as it came, with its own line breaks and a line that only looks like a delimiter.
    EXPECT_EQ((*parts)[1].value, "[[county]]\r\nid = \"a\"\n--not-the-boundary\r\n");

    Request request;
    request.headers.emplace_back("content-type", std::string(upload_type));
    request.body = body;
    EXPECT_EQ(request.form_value("csrf"), "token");
    ASSERT_TRUE(request.form_part("file").has_value());
    EXPECT_EQ(request.form_part("file")->filename, "treffen.toml");
    EXPECT_FALSE(request.form_part("other").has_value());
}

TEST(MultipartPartsTest, AcceptsAQuotedBoundaryAPreambleAndAnEmptyForm)
{
    const auto parts = multipart_parts("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"",
                                       "preamble\r\n--a b\r\ncontent-disposition: form-data; name=x\r\n\r\n1\r\n--a b--");
    ASSERT_TRUE(parts.has_value());
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ((*parts)[0].name, "x");
    EXPECT_EQ((*parts)[0].value, "1");
    // Old browsers send the whole path, its backslashes as they are.
    const auto windows = multipart_parts(
        "multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\fakepath\\a.toml\"\r\n\r\n1\r\n--b--");
    ASSERT_TRUE(windows.has_value());
    EXPECT_EQ((*windows)[0].filename, "C:\\fakepath\\a.toml");
    const auto empty = multipart_parts("multipart/form-data; boundary=b", "--b--\r\n");
    ASSERT_TRUE(empty.has_value());
    EXPECT_TRUE(empty->empty());
}

TEST(MultipartPartsTest, RefusesWhatIsNotWellFormed)
{
    const auto refused = [](std::string_view type, std::string_view body) { return !multipart_parts(type, body); };
    EXPECT_TRUE(refused("application/x-www-form-urlencoded", "a=1"));
    EXPECT_TRUE(refused("multipart/form-data", "--b--"));                        // no boundary
    EXPECT_TRUE(refused("multipart/form-data; boundary=", "----"));              // an empty one
    EXPECT_TRUE(refused("multipart/form-data; boundary=\"b", "--b--"));         // quote not closed
    EXPECT_TRUE(refused("multipart/form-data; boundary=" + std::string(71, 'b'), "--"));
    EXPECT_TRUE(refused("multipart/form-data; boundary=b", "no delimiter at all"));
    // A part that never ends, one without a name, one that is not form-data.
    EXPECT_TRUE(refused("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1"));
    EXPECT_TRUE(refused("multipart/form-data; boundary=b", "--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--"));
    EXPECT_TRUE(refused("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: attachment; name=x\r\n\r\n1\r\n--b--"));
    EXPECT_TRUE(refused("multipart/form-data; boundary=b", "--b\r\nContent-Disposition form-data\r\n\r\n1\r\n--b--"));

    // What a request does with such a body: no fields, so no CSRF token either.
    Request request;
    request.headers.emplace_back("content-type", "multipart/form-data; boundary=b");
    request.body = "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken";
    EXPECT_TRUE(request.form().empty());
}

}  // namespace
}  // namespace planner::web
