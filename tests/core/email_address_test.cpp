#include <planner/email_address.hpp>

#include <planner/error.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using planner::EmailAddress;

std::string email_error(const std::string& text)
{
    try {
        const EmailAddress address(text);
    } catch (const planner::Error& error) {
        return error.what();
    }
    ADD_FAILURE() << "expected '" << text << "' to be rejected";
    return {};
}

std::string rejection(const std::string& text)
{
    return "'" + text + "' is not an e-mail address, expected a bare address like name@example.org";
}

TEST(EmailAddress, KeepsTheAddressAsWritten)
{
    EXPECT_EQ(EmailAddress("ulrich.koester@bodenseekreis.de").str(), "ulrich.koester@bodenseekreis.de");
    EXPECT_EQ(EmailAddress("A@B.ORG").str(), "A@B.ORG");
}

TEST(EmailAddress, AcceptsCommonAddresses)
{
    EXPECT_NO_THROW(EmailAddress("a@b.org"));
    EXPECT_NO_THROW(EmailAddress("first.last+tag@sub.example.de"));
    EXPECT_NO_THROW(EmailAddress("o'brien@example.ie"));
    EXPECT_NO_THROW(EmailAddress("x_y-z@my-domain.example"));
    EXPECT_NO_THROW(EmailAddress("kontaktstelle@lrasig.de"));
}

TEST(EmailAddress, RejectsNameWithAngleBrackets)
{
    EXPECT_EQ(email_error("Name <a@b.org>"), rejection("Name <a@b.org>"));
    EXPECT_EQ(email_error("<a@b.org>"), rejection("<a@b.org>"));
}

TEST(EmailAddress, RejectsMissingOrRepeatedAt)
{
    EXPECT_EQ(email_error("ab.org"), rejection("ab.org"));
    EXPECT_EQ(email_error("a@@b.org"), rejection("a@@b.org"));
    EXPECT_EQ(email_error("a@b@c.org"), rejection("a@b@c.org"));
}

TEST(EmailAddress, RejectsEmptyParts)
{
    EXPECT_EQ(email_error(""), rejection(""));
    EXPECT_EQ(email_error("@b.org"), rejection("@b.org"));
    EXPECT_EQ(email_error("a@"), rejection("a@"));
}

TEST(EmailAddress, RejectsSpacesAndControlCharacters)
{
    EXPECT_EQ(email_error("a b@c.org"), rejection("a b@c.org"));
    EXPECT_EQ(email_error("a@b .org"), rejection("a@b .org"));
    EXPECT_EQ(email_error(" a@b.org"), rejection(" a@b.org"));
    EXPECT_EQ(email_error("a@b.org "), rejection("a@b.org "));
    EXPECT_EQ(email_error("a\t@b.org"), rejection("a\t@b.org"));
}

TEST(EmailAddress, RejectsQuotesAndUriPrefixes)
{
    EXPECT_EQ(email_error("\"a\"@b.org"), rejection("\"a\"@b.org"));
    EXPECT_EQ(email_error("mailto:a@b.org"), rejection("mailto:a@b.org"));
    EXPECT_EQ(email_error("a;b@c.org"), rejection("a;b@c.org"));
}

TEST(EmailAddress, RequiresADottedDomain)
{
    EXPECT_EQ(email_error("a@borg"), rejection("a@borg"));
    EXPECT_EQ(email_error("a@b.org."), rejection("a@b.org."));
    EXPECT_EQ(email_error("a@.b.org"), rejection("a@.b.org"));
    EXPECT_EQ(email_error("a@b..org"), rejection("a@b..org"));
    EXPECT_EQ(email_error("a@b_c.org"), rejection("a@b_c.org"));
}

TEST(EmailAddress, Equality)
{
    EXPECT_EQ(EmailAddress("a@b.org"), EmailAddress("a@b.org"));
    EXPECT_NE(EmailAddress("a@b.org"), EmailAddress("a@c.org"));
}

TEST(SameAddress, IgnoresCaseAsClientsChangeIt)
{
    EXPECT_TRUE(planner::same_address("Frank.Veser@LRASIG.de", "frank.veser@lrasig.de"));
    EXPECT_FALSE(planner::same_address("frank.veser@lrasig.de", "frank.vese@lrasig.de"));
    EXPECT_FALSE(planner::same_address("frank.veser@lrasig.de", "frank.veser@lrasig.de "));
}

}  // namespace
