#include "health_routes.hpp"

#include <run_planner.hpp>

#include <gtest/gtest.h>

#include <fstream>

namespace planner::web {
namespace {

using planner::testing::TemporaryDirectory;

Response ask(const std::string& pattern, db::Store& store)
{
    for (const auto& route : health_routes()) {
        if (route.pattern == pattern) {
            EXPECT_EQ(route.method, Method::get);
            EXPECT_EQ(route.work, Work::read);
            return route.handler(Request{}, PathParameters{}, store);
        }
    }
    ADD_FAILURE() << "no route " << pattern;
    return {};
}

TEST(HealthRoutesTest, HealthzSaysOk)
{
    auto store = db::Store::in_memory();
    const auto response = ask("/healthz", store);
    EXPECT_EQ(response.status, 200U);
    EXPECT_EQ(response.content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(response.body, "ok");
}

TEST(HealthRoutesTest, ReadyzSaysReadyWhenTheStoreAnswers)
{
    auto store = db::Store::in_memory();
    const auto response = ask("/readyz", store);
    EXPECT_EQ(response.status, 200U);
    EXPECT_EQ(response.body, "ready");
}

TEST(HealthRoutesTest, ReadyzIs503WhenTheStoreDoesNotAnswer)
{
    TemporaryDirectory directory;
    const auto file = directory / "planner.db";
    { db::Store create(file, db::OpenMode::create_if_missing); }
    db::Store store(file, db::OpenMode::must_exist);
    // The file is overwritten under the open connection by something that is no store.
    const auto size = std::filesystem::file_size(file);
    {
        std::fstream damage(file, std::ios::binary | std::ios::in | std::ios::out);
        damage << std::string(size, 'x');
    }
    const auto response = ask("/readyz", store);
    EXPECT_EQ(response.status, 503U);
    EXPECT_EQ(response.body, "not ready: the store does not answer");
}

}  // namespace
}  // namespace planner::web
