#include <planner/organisation.hpp>

#include <gtest/gtest.h>

namespace {

using planner::OrganisationKind;

TEST(OrganisationKind, NamesAreTheMeetingFileWords)
{
    EXPECT_EQ(planner::to_string(OrganisationKind::district_office), "district-office");
    EXPECT_EQ(planner::to_string(OrganisationKind::contact_point), "contact-point");
    EXPECT_EQ(planner::to_string(OrganisationKind::self_help_group), "self-help-group");
    EXPECT_EQ(planner::to_string(OrganisationKind::civic_initiative), "civic-initiative");
    EXPECT_EQ(planner::to_string(OrganisationKind::council), "council");
    EXPECT_EQ(planner::to_string(OrganisationKind::other), "other");
}

TEST(OrganisationKind, NamesRoundTrip)
{
    for (const auto kind : {OrganisationKind::district_office, OrganisationKind::contact_point,
                            OrganisationKind::self_help_group, OrganisationKind::civic_initiative,
                            OrganisationKind::council, OrganisationKind::other}) {
        EXPECT_EQ(planner::organisation_kind_from_string(planner::to_string(kind)), kind)
            << planner::to_string(kind);
    }
}

TEST(OrganisationKind, UnknownNamesGiveNothing)
{
    EXPECT_EQ(planner::organisation_kind_from_string(""), std::nullopt);
    EXPECT_EQ(planner::organisation_kind_from_string("district_office"), std::nullopt);
    EXPECT_EQ(planner::organisation_kind_from_string("District-Office"), std::nullopt);
    EXPECT_EQ(planner::organisation_kind_from_string("landratsamt"), std::nullopt);
    EXPECT_EQ(planner::organisation_kind_from_string("council "), std::nullopt);
}

TEST(Organisation, DefaultsToOtherWithoutPosition)
{
    planner::Organisation organisation;
    organisation.id = planner::OrganisationId{"shg"};
    EXPECT_EQ(organisation.kind, OrganisationKind::other);
    EXPECT_FALSE(organisation.geo.has_value());
}

}  // namespace
