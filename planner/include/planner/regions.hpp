#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace planner {

// A region whose days off the planner can be given (`planner holidays import`): an
// ISO 3166-2 subdivision, as the states of counties are written.
struct Region {
    std::string_view code;     // "DE-BW", "CH-TG", "AT-8"
    std::string_view name;     // in its own language: "Baden-Württemberg", "Thurgau"
    std::string_view country;  // "Deutschland", "Schweiz", ...
};

// The regions accepted: every German state, and the first-level subdivisions of the
// neighbours that cross-border meetings meet: the Swiss cantons, the Austrian Länder,
// the municipalities of Liechtenstein, the French regions (and Alsace and Moselle,
// which keep holidays of their own), the provinces of the Netherlands and Belgium
// (and Belgium's regions), the cantons of Luxembourg, and the regions of Denmark,
// Poland and the Czech Republic. Sorted by country as listed, then by code.
[[nodiscard]] std::span<const Region> known_regions();

// The region of that code, compared without regard to case; null when unknown.
[[nodiscard]] const Region* known_region(std::string_view code);

}  // namespace planner
