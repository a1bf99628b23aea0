#include "html.hpp"

#include <planner/shown_text.hpp>

namespace planner::web::html {

std::string escaped(std::string_view plain)
{
    return html_escaped(plain);
}

Html text(std::string_view plain)
{
    return Html(escaped(plain));
}

std::string percent_encoded(std::string_view text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                                (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' ||
                                byte == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

Url::Url(LiteralPath base, std::initializer_list<std::string_view> segments) : text_(base.str())
{
    for (const auto segment : segments) {
        text_ += '/';
        text_ += percent_encoded(segment);
    }
}

Url& Url::query(std::string_view name, std::string_view value)
{
    text_ += has_query_ ? '&' : '?';
    has_query_ = true;
    text_ += percent_encoded(name);
    text_ += '=';
    text_ += percent_encoded(value);
    return *this;
}

Url& Url::fragment(Name id)
{
    text_ += '#';
    text_ += id.str();
    return *this;
}

Element::Element(Name tag, std::initializer_list<Attribute> attributes) : tag_(tag), attributes_(attributes) {}

Element::Element(Name tag, std::vector<Attribute> attributes) : tag_(tag), attributes_(std::move(attributes)) {}

Element& Element::operator()(const Html& child)
{
    children_ += child.str();
    return *this;
}

Element& Element::operator()(std::string_view child_text)
{
    children_ += escaped(child_text);
    return *this;
}

std::string Element::start_tag() const
{
    std::string out = "<";
    out += tag_.str();
    for (const auto& attribute : attributes_) {
        if (!attribute.present) {
            continue;
        }
        out += ' ';
        out += attribute.name.str();
        if (!attribute.value.empty()) {
            out += "=\"";
            out += escaped(attribute.value);
            out += '"';
        }
    }
    out += '>';
    return out;
}

Html Element::empty_element() const
{
    return Html(start_tag());
}

Element::operator Html() const
{
    return Html(start_tag() + children_ + "</" + std::string(tag_.str()) + ">");
}

Html element(Name tag, std::initializer_list<Attribute> attributes, const Html& children)
{
    return Element(tag, attributes)(children);
}

Html element(Name tag, std::initializer_list<Attribute> attributes, std::string_view child_text)
{
    return Element(tag, attributes)(child_text);
}

Html element(Name tag, const Html& children)
{
    return Element(tag)(children);
}

Html element(Name tag, std::string_view child_text)
{
    return Element(tag)(child_text);
}

Html link(const Url& href, const Html& children)
{
    return Element("a", {{"href", href.str()}})(children);
}

Html link(const Url& href, std::string_view child_text)
{
    return Element("a", {{"href", href.str()}})(child_text);
}

Html join(const std::vector<Html>& parts)
{
    Html out;
    for (const auto& part : parts) {
        out += part;
    }
    return out;
}

}  // namespace planner::web::html
