#include <planner/geo_point.hpp>

#include <planner/error.hpp>

#include <gtest/gtest.h>

#include "error_message.hpp"

#include <limits>
#include <string>

namespace {

using planner::GeoPoint;

using planner::testing::error_message;

std::string geo_error(double latitude, double longitude)
{
    return error_message([&] { const GeoPoint point(latitude, longitude); });
}

TEST(GeoPoint, KeepsLatitudeAndLongitude)
{
    const GeoPoint immenstaad(47.6667, 9.3667);
    EXPECT_DOUBLE_EQ(immenstaad.latitude(), 47.6667);
    EXPECT_DOUBLE_EQ(immenstaad.longitude(), 9.3667);
}

TEST(GeoPoint, TheLimitsAreValid)
{
    EXPECT_NO_THROW(GeoPoint(90.0, 180.0));
    EXPECT_NO_THROW(GeoPoint(-90.0, -180.0));
    EXPECT_NO_THROW(GeoPoint(0.0, 0.0));
    EXPECT_NO_THROW(GeoPoint(-33.8688, 151.2093));
}

TEST(GeoPoint, LatitudeOutOfRange)
{
    EXPECT_EQ(geo_error(90.5, 9.0), "latitude 90.5 is out of range, expected -90 to 90");
    EXPECT_EQ(geo_error(-90.5, 9.0), "latitude -90.5 is out of range, expected -90 to 90");
}

TEST(GeoPoint, LongitudeOutOfRange)
{
    EXPECT_EQ(geo_error(47.5, 180.5), "longitude 180.5 is out of range, expected -180 to 180");
    EXPECT_EQ(geo_error(47.5, -180.5), "longitude -180.5 is out of range, expected -180 to 180");
}

TEST(GeoPoint, LatitudeIsCheckedFirst)
{
    EXPECT_EQ(geo_error(100.5, 200.5), "latitude 100.5 is out of range, expected -90 to 90");
}

TEST(GeoPoint, NotANumberAndInfinityAreRejected)
{
    EXPECT_EQ(geo_error(std::numeric_limits<double>::quiet_NaN(), 9.0),
              "latitude nan is out of range, expected -90 to 90");
    EXPECT_EQ(geo_error(47.5, std::numeric_limits<double>::infinity()),
              "longitude inf is out of range, expected -180 to 180");
    EXPECT_EQ(geo_error(47.5, std::numeric_limits<double>::quiet_NaN()),
              "longitude nan is out of range, expected -180 to 180");
}

TEST(GeoPoint, Equality)
{
    EXPECT_EQ(GeoPoint(47.6667, 9.3667), GeoPoint(47.6667, 9.3667));
    EXPECT_NE(GeoPoint(47.6667, 9.3667), GeoPoint(9.3667, 47.6667));
}

}  // namespace
