#include "html.hpp"

#include <gtest/gtest.h>

namespace planner::web::html {
namespace {

TEST(Html, TextIsEscapedInContentAndAttributes)
{
    const std::string hostile = R"(<script>alert("x")</script> & 'quoted')";
    const Html content = element("p", {{"title", hostile}}, hostile);
    EXPECT_EQ(content.str(),
              "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;\">"
              "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</p>");
}

TEST(Html, LiteralMarkupAndChildrenNest)
{
    const Html list = Element("ul")(element("li", "a"))(element("li", text("b & c")));
    EXPECT_EQ(list.str(), "<ul><li>a</li><li>b &amp; c</li></ul>");
    EXPECT_EQ(Html::literal("<!DOCTYPE html>").str(), "<!DOCTYPE html>");
}

TEST(Html, BooleanAttributesAppearOnlyWhenPresent)
{
    EXPECT_EQ(Element("option", {{"value", "a"}, flag("selected", true)}).empty_element().str(),
              "<option value=\"a\" selected>");
    EXPECT_EQ(Element("option", {{"value", "a"}, flag("selected", false)}).empty_element().str(), "<option value=\"a\">");
}

TEST(Html, UrlSegmentsAndQueryAreEncoded)
{
    Url url("/meetings", {"a b/../c?d", "attendance.pdf"});
    url.query("next", "/x?y=1&z").query("lang", "ä");
    EXPECT_EQ(url.str(), "/meetings/a%20b%2F..%2Fc%3Fd/attendance.pdf?next=%2Fx%3Fy%3D1%26z&lang=%C3%A4");
    EXPECT_EQ(link(Url("/meetings", {"javascript:alert(1)"}), "x").str(),
              "<a href=\"/meetings/javascript%3Aalert%281%29\">x</a>");
    EXPECT_EQ(Url("/meetings", {"/evil.example"}).str(), "/meetings/%2Fevil.example");
}

}  // namespace
}  // namespace planner::web::html
