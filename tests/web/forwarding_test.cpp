#include "forwarding.hpp"

#include <error_message.hpp>

#include <gtest/gtest.h>

namespace planner::web {
namespace {

using planner::testing::error_message;

TEST(NormalizedAddressTest, WritesAddressesInTheirUsualText)
{
    EXPECT_EQ(normalized_address("10.0.0.1"), "10.0.0.1");
    EXPECT_EQ(normalized_address("::ffff:10.0.0.1"), "10.0.0.1");
    EXPECT_EQ(normalized_address("2001:DB8:0:0::1"), "2001:db8::1");
    EXPECT_EQ(normalized_address("::1"), "::1");
    EXPECT_EQ(normalized_address("localhost"), std::nullopt);
    EXPECT_EQ(normalized_address("10.0.0.1:80"), std::nullopt);
    EXPECT_EQ(normalized_address(""), std::nullopt);
}

TEST(ProxyTrustTest, BelievesNoHeaderFromAnUntrustedPeer)
{
    const ProxyTrust trust({"127.0.0.1"});
    const auto origin = trust.origin("10.1.2.3", {{"x-forwarded-for", "203.0.113.9"}, {"x-forwarded-proto", "https"}});
    EXPECT_EQ(origin.address, "10.1.2.3");
    EXPECT_FALSE(origin.secure);
}

TEST(ProxyTrustTest, TrustsNothingWhenNoProxyIsNamed)
{
    const ProxyTrust trust({});
    const auto origin = trust.origin("127.0.0.1", {{"x-forwarded-for", "203.0.113.9"}, {"x-forwarded-proto", "https"}});
    EXPECT_EQ(origin.address, "127.0.0.1");
    EXPECT_FALSE(origin.secure);
}

TEST(ProxyTrustTest, TakesTheClientAndSchemeFromATrustedProxy)
{
    const ProxyTrust trust({"127.0.0.1"});
    const auto origin = trust.origin("127.0.0.1", {{"x-forwarded-for", "203.0.113.9"}, {"x-forwarded-proto", "HTTPS"}});
    EXPECT_EQ(origin.address, "203.0.113.9");
    EXPECT_TRUE(origin.secure);
    EXPECT_FALSE(trust.origin("127.0.0.1", {{"x-forwarded-proto", "http"}}).secure);
}

TEST(ProxyTrustTest, IgnoresWhatTheClientWroteLeftOfItsOwnAddress)
{
    // The client sent "X-Forwarded-For: 1.1.1.1" itself; nginx appended its peer.
    const ProxyTrust trust({"127.0.0.1"});
    EXPECT_EQ(trust.origin("127.0.0.1", {{"x-forwarded-for", "1.1.1.1, 203.0.113.9"}}).address, "203.0.113.9");
}

TEST(ProxyTrustTest, WalksPastEveryTrustedProxyFromTheRight)
{
    const ProxyTrust trust({"127.0.0.1", "10.0.0.2"});
    EXPECT_EQ(trust.origin("::ffff:127.0.0.1", {{"x-forwarded-for", "6.6.6.6, 203.0.113.9,10.0.0.2"}}).address,
              "203.0.113.9");
    // Several header lines are one list.
    EXPECT_EQ(trust.origin("127.0.0.1", {{"x-forwarded-for", "203.0.113.9"}, {"x-forwarded-for", "10.0.0.2"}}).address,
              "203.0.113.9");
    // Only proxies: the one farthest out.
    EXPECT_EQ(trust.origin("127.0.0.1", {{"x-forwarded-for", "10.0.0.2"}}).address, "10.0.0.2");
}

TEST(ProxyTrustTest, StopsAtAnEntryThatIsNotAnAddress)
{
    const ProxyTrust trust({"127.0.0.1", "10.0.0.2"});
    EXPECT_EQ(trust.origin("127.0.0.1", {{"x-forwarded-for", "203.0.113.9, unknown"}}).address, "127.0.0.1");
    EXPECT_EQ(trust.origin("127.0.0.1", {{"x-forwarded-for", "unknown, 10.0.0.2"}}).address, "10.0.0.2");
}

TEST(ProxyTrustTest, NamesAProxyThatIsNotAnAddress)
{
    EXPECT_EQ(error_message([] { ProxyTrust({"127.0.0.1", "proxy.example.org"}); }),
              "trusted proxy 'proxy.example.org' is not an IP address; expected e.g. 127.0.0.1 or ::1");
}

}  // namespace
}  // namespace planner::web
