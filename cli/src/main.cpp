#include <planner/cli/run.hpp>

#include <iostream>

int main(int argc, char** argv)
{
    return planner::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
