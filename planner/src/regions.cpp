#include <planner/regions.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace planner {
namespace {

constexpr std::string_view de = "Deutschland";
constexpr std::string_view ch = "Schweiz";
constexpr std::string_view at = "Österreich";
constexpr std::string_view li = "Liechtenstein";
constexpr std::string_view fr = "France";
constexpr std::string_view nl = "Nederland";
constexpr std::string_view be = "België / Belgique";
constexpr std::string_view lu = "Lëtzebuerg";
constexpr std::string_view dk = "Danmark";
constexpr std::string_view pl = "Polska";
constexpr std::string_view cz = "Česko";

// ISO 3166-2 as published by ISO (Poland's numeric codes since 2018, France's
// regions since 2016 with the Collectivité européenne d'Alsace since 2021).
constexpr std::array regions{
    Region{"DE-BB", "Brandenburg", de},
    Region{"DE-BE", "Berlin", de},
    Region{"DE-BW", "Baden-Württemberg", de},
    Region{"DE-BY", "Bayern", de},
    Region{"DE-HB", "Bremen", de},
    Region{"DE-HE", "Hessen", de},
    Region{"DE-HH", "Hamburg", de},
    Region{"DE-MV", "Mecklenburg-Vorpommern", de},
    Region{"DE-NI", "Niedersachsen", de},
    Region{"DE-NW", "Nordrhein-Westfalen", de},
    Region{"DE-RP", "Rheinland-Pfalz", de},
    Region{"DE-SH", "Schleswig-Holstein", de},
    Region{"DE-SL", "Saarland", de},
    Region{"DE-SN", "Sachsen", de},
    Region{"DE-ST", "Sachsen-Anhalt", de},
    Region{"DE-TH", "Thüringen", de},
    Region{"CH-AG", "Aargau", ch},
    Region{"CH-AI", "Appenzell Innerrhoden", ch},
    Region{"CH-AR", "Appenzell Ausserrhoden", ch},
    Region{"CH-BE", "Bern", ch},
    Region{"CH-BL", "Basel-Landschaft", ch},
    Region{"CH-BS", "Basel-Stadt", ch},
    Region{"CH-FR", "Fribourg", ch},
    Region{"CH-GE", "Genève", ch},
    Region{"CH-GL", "Glarus", ch},
    Region{"CH-GR", "Graubünden", ch},
    Region{"CH-JU", "Jura", ch},
    Region{"CH-LU", "Luzern", ch},
    Region{"CH-NE", "Neuchâtel", ch},
    Region{"CH-NW", "Nidwalden", ch},
    Region{"CH-OW", "Obwalden", ch},
    Region{"CH-SG", "St. Gallen", ch},
    Region{"CH-SH", "Schaffhausen", ch},
    Region{"CH-SO", "Solothurn", ch},
    Region{"CH-SZ", "Schwyz", ch},
    Region{"CH-TG", "Thurgau", ch},
    Region{"CH-TI", "Ticino", ch},
    Region{"CH-UR", "Uri", ch},
    Region{"CH-VD", "Vaud", ch},
    Region{"CH-VS", "Valais", ch},
    Region{"CH-ZG", "Zug", ch},
    Region{"CH-ZH", "Zürich", ch},
    Region{"AT-1", "Burgenland", at},
    Region{"AT-2", "Kärnten", at},
    Region{"AT-3", "Niederösterreich", at},
    Region{"AT-4", "Oberösterreich", at},
    Region{"AT-5", "Salzburg", at},
    Region{"AT-6", "Steiermark", at},
    Region{"AT-7", "Tirol", at},
    Region{"AT-8", "Vorarlberg", at},
    Region{"AT-9", "Wien", at},
    Region{"LI-01", "Balzers", li},
    Region{"LI-02", "Eschen", li},
    Region{"LI-03", "Gamprin", li},
    Region{"LI-04", "Mauren", li},
    Region{"LI-05", "Planken", li},
    Region{"LI-06", "Ruggell", li},
    Region{"LI-07", "Schaan", li},
    Region{"LI-08", "Schellenberg", li},
    Region{"LI-09", "Triesen", li},
    Region{"LI-10", "Triesenberg", li},
    Region{"LI-11", "Vaduz", li},
    Region{"FR-20R", "Corse", fr},
    Region{"FR-57", "Moselle", fr},
    Region{"FR-67", "Bas-Rhin", fr},
    Region{"FR-68", "Haut-Rhin", fr},
    Region{"FR-6AE", "Alsace", fr},
    Region{"FR-ARA", "Auvergne-Rhône-Alpes", fr},
    Region{"FR-BFC", "Bourgogne-Franche-Comté", fr},
    Region{"FR-BRE", "Bretagne", fr},
    Region{"FR-CVL", "Centre-Val de Loire", fr},
    Region{"FR-GES", "Grand Est", fr},
    Region{"FR-HDF", "Hauts-de-France", fr},
    Region{"FR-IDF", "Île-de-France", fr},
    Region{"FR-NAQ", "Nouvelle-Aquitaine", fr},
    Region{"FR-NOR", "Normandie", fr},
    Region{"FR-OCC", "Occitanie", fr},
    Region{"FR-PAC", "Provence-Alpes-Côte d'Azur", fr},
    Region{"FR-PDL", "Pays de la Loire", fr},
    Region{"NL-DR", "Drenthe", nl},
    Region{"NL-FL", "Flevoland", nl},
    Region{"NL-FR", "Fryslân", nl},
    Region{"NL-GE", "Gelderland", nl},
    Region{"NL-GR", "Groningen", nl},
    Region{"NL-LI", "Limburg", nl},
    Region{"NL-NB", "Noord-Brabant", nl},
    Region{"NL-NH", "Noord-Holland", nl},
    Region{"NL-OV", "Overijssel", nl},
    Region{"NL-UT", "Utrecht", nl},
    Region{"NL-ZE", "Zeeland", nl},
    Region{"NL-ZH", "Zuid-Holland", nl},
    Region{"BE-BRU", "Brussels / Bruxelles", be},
    Region{"BE-VAN", "Antwerpen", be},
    Region{"BE-VBR", "Vlaams-Brabant", be},
    Region{"BE-VLG", "Vlaanderen", be},
    Region{"BE-VLI", "Limburg", be},
    Region{"BE-VOV", "Oost-Vlaanderen", be},
    Region{"BE-VWV", "West-Vlaanderen", be},
    Region{"BE-WAL", "Wallonie", be},
    Region{"BE-WBR", "Brabant wallon", be},
    Region{"BE-WHT", "Hainaut", be},
    Region{"BE-WLG", "Liège", be},
    Region{"BE-WLX", "Luxembourg", be},
    Region{"BE-WNA", "Namur", be},
    Region{"LU-CA", "Capellen", lu},
    Region{"LU-CL", "Clervaux", lu},
    Region{"LU-DI", "Diekirch", lu},
    Region{"LU-EC", "Echternach", lu},
    Region{"LU-ES", "Esch-sur-Alzette", lu},
    Region{"LU-GR", "Grevenmacher", lu},
    Region{"LU-LU", "Luxembourg", lu},
    Region{"LU-ME", "Mersch", lu},
    Region{"LU-RD", "Redange", lu},
    Region{"LU-RM", "Remich", lu},
    Region{"LU-VD", "Vianden", lu},
    Region{"LU-WI", "Wiltz", lu},
    Region{"DK-81", "Nordjylland", dk},
    Region{"DK-82", "Midtjylland", dk},
    Region{"DK-83", "Syddanmark", dk},
    Region{"DK-84", "Hovedstaden", dk},
    Region{"DK-85", "Sjælland", dk},
    Region{"PL-02", "Dolnośląskie", pl},
    Region{"PL-04", "Kujawsko-pomorskie", pl},
    Region{"PL-06", "Lubelskie", pl},
    Region{"PL-08", "Lubuskie", pl},
    Region{"PL-10", "Łódzkie", pl},
    Region{"PL-12", "Małopolskie", pl},
    Region{"PL-14", "Mazowieckie", pl},
    Region{"PL-16", "Opolskie", pl},
    Region{"PL-18", "Podkarpackie", pl},
    Region{"PL-20", "Podlaskie", pl},
    Region{"PL-22", "Pomorskie", pl},
    Region{"PL-24", "Śląskie", pl},
    Region{"PL-26", "Świętokrzyskie", pl},
    Region{"PL-28", "Warmińsko-mazurskie", pl},
    Region{"PL-30", "Wielkopolskie", pl},
    Region{"PL-32", "Zachodniopomorskie", pl},
    Region{"CZ-10", "Praha", cz},
    Region{"CZ-20", "Středočeský kraj", cz},
    Region{"CZ-31", "Jihočeský kraj", cz},
    Region{"CZ-32", "Plzeňský kraj", cz},
    Region{"CZ-41", "Karlovarský kraj", cz},
    Region{"CZ-42", "Ústecký kraj", cz},
    Region{"CZ-51", "Liberecký kraj", cz},
    Region{"CZ-52", "Královéhradecký kraj", cz},
    Region{"CZ-53", "Pardubický kraj", cz},
    Region{"CZ-63", "Kraj Vysočina", cz},
    Region{"CZ-64", "Jihomoravský kraj", cz},
    Region{"CZ-71", "Olomoucký kraj", cz},
    Region{"CZ-72", "Zlínský kraj", cz},
    Region{"CZ-80", "Moravskoslezský kraj", cz},
};

bool same_code(std::string_view a, std::string_view b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::toupper(x) == std::toupper(y);
    });
}

}  // namespace

std::span<const Region> known_regions()
{
    return regions;
}

const Region* known_region(std::string_view code)
{
    const auto found =
        std::find_if(regions.begin(), regions.end(), [&](const Region& region) { return same_code(region.code, code); });
    return found == regions.end() ? nullptr : &*found;
}

}  // namespace planner
