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
