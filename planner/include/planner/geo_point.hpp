#pragma once

namespace planner {

// A WGS84 position in decimal degrees. Construction rejects latitudes outside
// [-90, 90] and longitudes outside [-180, 180], so every GeoPoint is valid.
class GeoPoint {
public:
    GeoPoint(double latitude, double longitude);

    [[nodiscard]] double latitude() const noexcept { return latitude_; }
    [[nodiscard]] double longitude() const noexcept { return longitude_; }

    friend bool operator==(const GeoPoint&, const GeoPoint&) = default;

private:
    double latitude_;
    double longitude_;
};

}  // namespace planner
