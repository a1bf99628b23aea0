#pragma once

// The smallest region a meeting file can describe, for the end-to-end tests that add
// one meeting of their own: a county, its district office, two of its people
// (`koester`, `ludwig`) and a venue (`rathaus-immenstaad`).

#include <string>

namespace planner::testing {

inline const std::string small_region = R"toml([[county]]
id = "bodenseekreis"
name = "Bodenseekreis"
seat = "Friedrichshafen"
state = "DE-BW"
geo = [47.6542, 9.4797]

[[organisation]]
id = "lra-bodenseekreis"
name = "Landratsamt Bodenseekreis"
county = "bodenseekreis"
kind = "district-office"

[[person]]
id = "koester"
name = "Andreas Köster"
email = "andreas.koester@example.org"
organisation = "lra-bodenseekreis"

[[person]]
id = "ludwig"
name = "Christine Ludwig"
email = "christine.ludwig@example.org"
organisation = "lra-bodenseekreis"

[[venue]]
id = "rathaus-immenstaad"
name = "Rathaus Immenstaad"
address = "Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee"
county = "bodenseekreis"
capacity = 60
geo = [47.6665, 9.3700]

)toml";

}  // namespace planner::testing
