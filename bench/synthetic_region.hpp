#pragma once

#include <planner/conflict.hpp>
#include <planner/db/meeting_file.hpp>
#include <planner/directory.hpp>
#include <planner/id.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace planner::bench {

// What a synthetic region looks like: a year (2013) of meetings in German-like
// counties, each meeting with one organiser and `participants` people from the
// county of its venue.
struct RegionShape {
    std::size_t meetings = 10'000;
    unsigned participants = 10;
    std::uint64_t seed = 2013;
    // Conflicts planted per kind. Unset: about one conflict per 1000 meetings in all,
    // at least 5 of each kind. Zero gives a region without a single conflict.
    std::optional<std::size_t> plants_per_kind;
};

// One conflict put into the region on purpose: the checker must report exactly one
// conflict of this kind naming exactly these meetings (in this order: by start, then
// by id, as the checker names them).
struct PlantedConflict {
    ConflictKind kind;
    std::vector<MeetingId> meetings;

    friend bool operator==(const PlantedConflict&, const PlantedConflict&) = default;
};

using KindCounts = std::map<ConflictKind, std::size_t>;

struct SyntheticRegion {
    Directory directory;
    KindCounts expected;  // the planted conflicts by kind; kinds without any are absent
    std::vector<PlantedConflict> planted;
};

// Builds a region in which every conflict is a planted one: apart from the plants,
// nobody has two meetings on one day, no venue has two meetings in one slot, every
// venue is accessible and big enough, and every meeting lies on a working day of the
// venue's state within office hours. The same shape always gives the same region.
// Throws std::invalid_argument when `meetings` is too small for the plants.
[[nodiscard]] SyntheticRegion make_region(const RegionShape& shape);

// The directory's records as a meeting file, ready for planner::db::Store::import.
[[nodiscard]] db::MeetingFile meeting_file_of(const Directory& directory);

// Conflicts by kind, comparable with SyntheticRegion::expected.
[[nodiscard]] KindCounts count_by_kind(const std::vector<Conflict>& conflicts);

// "person-double-booked 5, venue-double-booked 5": for messages; "none" when empty.
[[nodiscard]] std::string describe(const KindCounts& counts);

// Empty when the conflicts are exactly the planted ones (kind and meetings, as a
// multiset); otherwise says what is missing and what is extra, a few of each.
[[nodiscard]] std::string compare_with_plants(const std::vector<Conflict>& conflicts,
                                              const std::vector<PlantedConflict>& planted);

}  // namespace planner::bench
