#!/usr/bin/env python3
"""Generate data/actors/countries.tsv.

Country names and CAMEO codes come from the public CAMEO table
shared/reference/event-coding/cameo/countrynames.txt (openeventdata/text_to_CAMEO, MIT).
Adjectives/demonyms, capitals, seats of power, short forms and native-script names are facts
added here by hand (general reference knowledge: capitals and official names as listed by the
UN and national governments). Rows are sorted by code so diffs stay small.

usage: tools/gen_actor_countries.py ../shared/reference/event-coding/cameo/countrynames.txt > data/actors/countries.tsv
"""
import sys

# code: (adjectives/demonyms, capitals, extra names/short forms, seats of power, native names)
EXTRA = {
    "AFG": ("Afghan;Afghans", "Kabul", "", "", "افغانستان"),
    "ALB": ("Albanian;Albanians", "Tirana", "", "", ""),
    "DZA": ("Algerian;Algerians", "Algiers", "", "", "الجزائر"),
    "AND": ("Andorran", "Andorra la Vella", "", "", ""),
    "AGO": ("Angolan;Angolans", "Luanda", "", "", ""),
    "ATG": ("Antiguan", "St. John's", "", "", ""),
    "ARG": ("Argentine;Argentinian;Argentines;Argentinians", "Buenos Aires", "", "Casa Rosada", ""),
    "ARM": ("Armenian;Armenians", "Yerevan", "", "", ""),
    "AUS": ("Australian;Australians", "Canberra", "Commonwealth of Australia", "", ""),
    "AUT": ("Austrian;Austrians", "Vienna", "", "", ""),
    "AZE": ("Azerbaijani;Azerbaijanis;Azeri", "Baku", "", "", ""),
    "BHS": ("Bahamian", "Nassau", "The Bahamas", "", ""),
    "BHR": ("Bahraini;Bahrainis", "Manama", "", "", "البحرين"),
    "BGD": ("Bangladeshi;Bangladeshis", "Dhaka", "", "", ""),
    "BRB": ("Barbadian", "Bridgetown", "", "", ""),
    "BLR": ("Belarusian;Belarusians", "Minsk", "", "", "Беларусь"),
    # "Brussels" standing for a government is the EU's seat (data/actors/organizations.tsv),
    # not Belgium's: "a complaint against Brussels", "closer relations with Brussels".
    "BEL": ("Belgian;Belgians", "", "", "", ""),
    "BLZ": ("Belizean", "Belmopan", "", "", ""),
    "BEN": ("Beninese", "Porto-Novo", "", "", ""),
    "BTN": ("Bhutanese", "Thimphu", "", "", ""),
    "BOL": ("Bolivian;Bolivians", "La Paz;Sucre", "", "", ""),
    "BIH": ("Bosnian;Bosnians", "Sarajevo", "Bosnia", "", ""),
    "BWA": ("Botswanan;Motswana", "Gaborone", "", "", ""),
    "BRA": ("Brazilian;Brazilians", "Brasilia;Brasília", "", "Planalto", ""),
    "BRN": ("Bruneian", "Bandar Seri Begawan", "", "", ""),
    "BGR": ("Bulgarian;Bulgarians", "Sofia", "", "", ""),
    "BFA": ("Burkinabe", "Ouagadougou", "", "", ""),
    "BDI": ("Burundian;Burundians", "Gitega", "", "", ""),
    "KHM": ("Cambodian;Cambodians", "Phnom Penh", "", "", ""),
    "CMR": ("Cameroonian;Cameroonians", "Yaounde;Yaoundé", "", "", ""),
    "CAN": ("Canadian;Canadians", "Ottawa", "", "Parliament Hill", ""),
    "CPV": ("Cape Verdean", "Praia", "Cabo Verde", "", ""),
    "CAF": ("Central African", "Bangui", "", "", ""),
    "TCD": ("Chadian;Chadians", "N'Djamena", "", "", ""),
    "CHL": ("Chilean;Chileans", "Santiago", "", "", ""),
    "CHN": ("Chinese", "Beijing;Peking", "People's Republic of China;PRC;Mainland China", "Zhongnanhai", "中国;中华人民共和国"),
    "COL": ("Colombian;Colombians", "Bogota;Bogotá", "", "", ""),
    "COM": ("Comoran", "Moroni", "", "", ""),
    "COG": ("Congolese", "Brazzaville", "Republic of the Congo;Congo-Brazzaville", "", ""),
    "COD": ("", "Kinshasa", "DR Congo;DRC;Congo-Kinshasa", "", ""),
    "CRI": ("Costa Rican", "San Jose", "", "", ""),
    "CIV": ("Ivorian;Ivorians", "Yamoussoukro", "Ivory Coast;Côte d'Ivoire", "", ""),
    "HRV": ("Croatian;Croatians;Croat;Croats", "Zagreb", "", "", ""),
    "CUB": ("Cuban;Cubans", "Havana", "", "", ""),
    "CYP": ("Cypriot;Cypriots", "Nicosia", "", "", ""),
    "CZE": ("Czech;Czechs", "Prague", "Czechia", "", ""),
    "DNK": ("Danish;Dane;Danes", "Copenhagen", "", "", ""),
    "DJI": ("Djiboutian", "", "", "", ""),
    "DOM": ("Dominican;Dominicans", "Santo Domingo", "", "", ""),
    "ECU": ("Ecuadorian;Ecuadorians", "Quito", "", "", ""),
    "EGY": ("Egyptian;Egyptians", "Cairo", "Arab Republic of Egypt", "", "مصر"),
    "SLV": ("Salvadoran;Salvadorans", "San Salvador", "", "", ""),
    "GNQ": ("Equatoguinean", "Malabo", "", "", ""),
    "ERI": ("Eritrean;Eritreans", "Asmara", "", "", ""),
    "EST": ("Estonian;Estonians", "Tallinn", "", "", ""),
    "ETH": ("Ethiopian;Ethiopians", "Addis Ababa", "", "", ""),
    "FJI": ("Fijian;Fijians", "Suva", "", "", ""),
    "FIN": ("Finnish;Finn;Finns", "Helsinki", "", "", ""),
    "FRA": ("French;Frenchman", "Paris", "French Republic", "Elysee;Élysée;Elysee Palace;Élysée Palace", ""),
    "GAB": ("Gabonese", "Libreville", "", "", ""),
    "GMB": ("Gambian;Gambians", "Banjul", "The Gambia", "", ""),
    "GEO": ("Georgian;Georgians", "Tbilisi", "", "", ""),
    "DEU": ("German;Germans", "Berlin", "Federal Republic of Germany", "Chancellery", ""),
    "GHA": ("Ghanaian;Ghanaians", "Accra", "", "", ""),
    "GBR": ("British;Briton;Britons;English;Scottish;Welsh", "London", "Britain;Great Britain;UK;U.K.;England;Scotland;Wales;Northern Ireland", "Downing Street;Whitehall", ""),
    "GRC": ("Greek;Greeks", "Athens", "", "", ""),
    "GRD": ("Grenadian", "", "", "", ""),
    "GTM": ("Guatemalan;Guatemalans", "Guatemala City", "", "", ""),
    "GIN": ("Guinean;Guineans", "Conakry", "", "", ""),
    "GNB": ("Bissau-Guinean", "Bissau", "", "", ""),
    "GUY": ("Guyanese", "Georgetown", "", "", ""),
    "HTI": ("Haitian;Haitians", "Port-au-Prince", "", "", ""),
    "VAT": ("", "", "Vatican;Vatican City", "", ""),
    "HND": ("Honduran;Hondurans", "Tegucigalpa", "", "", ""),
    "HKG": ("", "", "", "", "香港"),
    "HUN": ("Hungarian;Hungarians", "Budapest", "", "", ""),
    "ISL": ("Icelandic;Icelanders", "Reykjavik", "", "", ""),
    "IND": ("Indian;Indians", "New Delhi", "Republic of India", "", "भारत"),
    "IDN": ("Indonesian;Indonesians", "Jakarta", "", "", ""),
    "IRN": ("Iranian;Iranians;Persian", "Tehran;Teheran", "Islamic Republic of Iran;Persia", "", "ایران"),
    "IRQ": ("Iraqi;Iraqis", "Baghdad", "Republic of Iraq", "", "العراق"),
    "IRL": ("Irish", "Dublin", "Republic of Ireland", "", ""),
    "ISR": ("Israeli;Israelis", "Jerusalem", "State of Israel", "Knesset", "ישראל;إسرائيل"),
    "ITA": ("Italian;Italians", "Rome", "", "Palazzo Chigi", ""),
    "JAM": ("Jamaican;Jamaicans", "Kingston", "", "", ""),
    "JPN": ("Japanese", "Tokyo", "", "", "日本"),
    "JOR": ("Jordanian;Jordanians", "Amman", "", "", "الأردن"),
    "KAZ": ("Kazakh;Kazakhstani;Kazakhs", "Astana", "", "", "Казахстан"),
    "KEN": ("Kenyan;Kenyans", "Nairobi", "", "", ""),
    "KIR": ("", "Tarawa", "", "", ""),
    "KSV": ("Kosovar;Kosovars", "Pristina", "", "", ""),
    "KGZ": ("Kyrgyz", "Bishkek", "Kyrgyz Republic", "", ""),
    "KWT": ("Kuwaiti;Kuwaitis", "Kuwait City", "", "", "الكويت"),
    "LAO": ("Lao;Laotian", "Vientiane", "", "", ""),
    "LVA": ("Latvian;Latvians", "Riga", "", "", ""),
    "LBN": ("Lebanese", "Beirut", "", "", "لبنان"),
    "LSO": ("", "Maseru", "", "", ""),
    "LBR": ("Liberian;Liberians", "Monrovia", "", "", ""),
    "LBY": ("Libyan;Libyans", "Tripoli", "", "", "ليبيا"),
    "LIE": ("", "Vaduz", "", "", ""),
    "LTU": ("Lithuanian;Lithuanians", "Vilnius", "", "", ""),
    "LUX": ("Luxembourgish", "", "", "", ""),
    "MKD": ("Macedonian;Macedonians", "Skopje", "North Macedonia", "", ""),
    "MDG": ("Malagasy", "Antananarivo", "", "", ""),
    "MWI": ("Malawian;Malawians", "Lilongwe", "", "", ""),
    "MYS": ("Malaysian;Malaysians", "Kuala Lumpur;Putrajaya", "", "", ""),
    "MDV": ("Maldivian;Maldivians", "", "", "", ""),
    "MLI": ("Malian;Malians", "Bamako", "", "", ""),
    "MLT": ("Maltese", "Valletta", "", "", ""),
    "MRT": ("Mauritanian;Mauritanians", "Nouakchott", "", "", ""),
    "MUS": ("Mauritian;Mauritians", "Port Louis", "", "", ""),
    "MEX": ("Mexican;Mexicans", "Mexico City", "", "Los Pinos", ""),
    "MDA": ("Moldovan;Moldovans", "Chisinau", "", "", ""),
    "MNG": ("Mongolian;Mongolians", "Ulaanbaatar;Ulan Bator", "", "", ""),
    "MNE": ("Montenegrin;Montenegrins", "Podgorica", "", "", ""),
    "MAR": ("Moroccan;Moroccans", "Rabat", "", "", "المغرب"),
    "MOZ": ("Mozambican;Mozambicans", "Maputo", "", "", ""),
    "MMR": ("Burmese", "Naypyidaw;Naypyitaw", "Burma", "", ""),
    "NAM": ("Namibian;Namibians", "Windhoek", "", "", ""),
    "NPL": ("Nepali;Nepalese", "Kathmandu", "", "", ""),
    "NLD": ("Dutch", "Amsterdam;The Hague", "Holland", "", ""),
    "NZL": ("New Zealander;New Zealanders", "Wellington", "", "", ""),
    "NIC": ("Nicaraguan;Nicaraguans", "Managua", "", "", ""),
    "NER": ("Nigerien;Nigeriens", "Niamey", "", "", ""),
    "NGA": ("Nigerian;Nigerians", "Abuja", "", "", ""),
    "PRK": ("North Korean;North Koreans", "Pyongyang", "Democratic People's Republic of Korea;DPRK;D.P.R.K.;N. Korea", "", "조선민주주의인민공화국;북한;조선"),
    "NOR": ("Norwegian;Norwegians", "Oslo", "", "", ""),
    "OMN": ("Omani;Omanis", "Muscat", "", "", "عمان"),
    "PAK": ("Pakistani;Pakistanis", "Islamabad", "", "", "پاکستان"),
    "PLW": ("Palauan", "", "", "", ""),
    "PSE": ("Palestinian;Palestinians", "Ramallah", "Palestinian Territories;West Bank;State of Palestine", "", "فلسطين"),
    "PSEGZA": ("Gazan;Gazans", "", "Gaza Strip", "", "غزة"),
    "PAN": ("Panamanian;Panamanians", "Panama City", "", "", ""),
    "PNG": ("Papua New Guinean", "Port Moresby", "", "", ""),
    "PRY": ("Paraguayan;Paraguayans", "Asuncion;Asunción", "", "", ""),
    "PER": ("Peruvian;Peruvians", "Lima", "", "", ""),
    "PHL": ("Filipino;Filipinos;Philippine", "Manila", "", "Malacanang;Malacañang", ""),
    "POL": ("Polish;Pole;Poles", "Warsaw", "", "", ""),
    "PRT": ("Portuguese", "Lisbon", "", "", ""),
    "QAT": ("Qatari;Qataris", "Doha", "", "", "قطر"),
    "ROU": ("Romanian;Romanians", "Bucharest", "", "", ""),
    "RUS": ("Russian;Russians", "Moscow", "Russian Federation", "Kremlin", "Россия;Российская Федерация"),
    "RWA": ("Rwandan;Rwandans", "Kigali", "", "", ""),
    "SAU": ("Saudi;Saudis;Saudi Arabian", "Riyadh", "Kingdom of Saudi Arabia;KSA", "", "السعودية"),
    "SEN": ("Senegalese", "Dakar", "", "", ""),
    "SRB": ("Serbian;Serbs;Serb", "Belgrade", "", "", ""),
    "SYC": ("Seychellois", "", "", "", ""),
    "SLE": ("Sierra Leonean", "Freetown", "", "", ""),
    "SGP": ("Singaporean;Singaporeans", "", "", "", ""),
    "SVK": ("Slovak;Slovaks", "Bratislava", "", "", ""),
    "SVN": ("Slovenian;Slovenians;Slovene", "Ljubljana", "", "", ""),
    "SLB": ("Solomon Islander", "Honiara", "", "", ""),
    "SOM": ("Somali;Somalis", "Mogadishu", "", "", "الصومال"),
    "ZAF": ("South African;South Africans", "Pretoria;Cape Town", "", "", ""),
    "KOR": ("South Korean;South Koreans", "Seoul", "Republic of Korea;ROK;R.O.K.;S. Korea;Korea", "Blue House;Cheong Wa Dae;Yongsan", "대한민국;한국;남한"),
    "SSD": ("South Sudanese", "Juba", "", "", ""),
    "ESP": ("Spanish;Spaniard;Spaniards", "Madrid", "", "Moncloa", ""),
    "LKA": ("Sri Lankan;Sri Lankans", "Colombo", "", "", ""),
    "SDN": ("Sudanese", "Khartoum", "", "", "السودان"),
    "SUR": ("Surinamese", "Paramaribo", "", "", ""),
    "SWZ": ("Swazi", "Mbabane", "Eswatini", "", ""),
    "SWE": ("Swedish;Swede;Swedes", "Stockholm", "", "", ""),
    "CHE": ("Swiss", "Bern", "", "", ""),
    "SYR": ("Syrian;Syrians", "Damascus", "Syrian Arab Republic", "", "سوريا;سورية"),
    "TWN": ("Taiwanese", "Taipei", "Republic of China", "", "臺灣;台湾"),
    "TJK": ("Tajik;Tajikistani", "Dushanbe", "", "", ""),
    "TZA": ("Tanzanian;Tanzanians", "Dodoma", "", "", ""),
    "THA": ("Thai", "Bangkok", "", "", ""),
    "TMP": ("Timorese", "Dili", "East Timor", "", ""),
    "TGO": ("Togolese", "Lome;Lomé", "", "", ""),
    "TON": ("Tongan", "Nuku'alofa", "", "", ""),
    "TTO": ("Trinidadian", "Port of Spain", "", "", ""),
    "TUN": ("Tunisian;Tunisians", "Tunis", "", "", "تونس"),
    "TUR": ("Turkish;Turks", "Ankara", "Turkiye;Türkiye", "", ""),
    "TKM": ("Turkmen", "Ashgabat", "", "", ""),
    "TUV": ("Tuvaluan", "Funafuti", "", "", ""),
    "UGA": ("Ugandan;Ugandans", "Kampala", "", "", ""),
    "UKR": ("Ukrainian;Ukrainians", "Kyiv;Kiev", "", "Bankova", "Україна;Украина"),
    "ARE": ("Emirati;Emiratis", "Abu Dhabi", "UAE;U.A.E.;Emirates", "", "الإمارات"),
    "URY": ("Uruguayan;Uruguayans", "Montevideo", "", "", ""),
    "USA": ("American;Americans", "Washington;Washington, D.C.", "U.S.;US;USA;U.S.A.;America;United States of America", "White House;Pentagon;Capitol Hill", "미국;美国;Соединённые Штаты;США;الولايات المتحدة"),
    "UZB": ("Uzbek;Uzbeks", "Tashkent", "", "", ""),
    "VUT": ("Ni-Vanuatu", "Port Vila", "", "", ""),
    "VEN": ("Venezuelan;Venezuelans", "Caracas", "", "Miraflores", ""),
    "VNM": ("Vietnamese", "Hanoi", "Viet Nam", "", ""),
    "YEM": ("Yemeni;Yemenis", "Sanaa;Sana'a", "", "", "اليمن"),
    "ZMB": ("Zambian;Zambians", "Lusaka", "", "", ""),
    "ZWE": ("Zimbabwean;Zimbabweans", "Harare", "", "", ""),
    "CUW": ("", "Willemstad", "", "", ""),
    "MAC": ("Macanese", "", "Macau", "", "澳門"),
    "FSM": ("Micronesian", "Palikir", "", "", ""),
    "NRU": ("Nauruan", "", "", "", ""),
    "WSM": ("Samoan;Samoans", "Apia", "", "", ""),
    "SMR": ("Sammarinese", "", "", "", ""),
    "STP": ("", "Sao Tome", "", "", ""),
    "LCA": ("Saint Lucian", "Castries", "St. Lucia", "", ""),
    "KNA": ("", "Basseterre", "St. Kitts and Nevis", "", ""),
    "VCT": ("", "Kingstown", "St. Vincent and the Grenadines", "", ""),
    "DMA": ("", "Roseau", "", "", ""),
    "MHL": ("Marshallese", "Majuro", "", "", ""),
    "MCO": ("Monegasque", "", "", "", ""),
    "ESH": ("Sahrawi", "", "", "", ""),
}

# Former states CAMEO still codes (no current CAMEO table row).
FORMER = [
    ("USR", "Soviet Union", "USSR;U.S.S.R.", "Soviet;Soviets", "", "", "СССР;Советский Союз"),
]

# Names in the CAMEO table that are ambiguous as plain words, or duplicate another row.
SKIP_NAMES = {"NULL", "Jersey", "Mayotte", "Saint Barthelemy", "Moldova, Republic of", "Serbia and Montenegro",
              "the former Yugoslav Republic of Macedonia", "Madagaskar", "Cook Island", "Occupied Palestinian Territory",
              "Faeroe Islands", "Guinea Bissau", "Wallis and Futuna Islands", "Brunei Darussalam", "Republic of South Africa",
              "United Republic Of Tanzania", "Russian Federation", "Timor Leste", "Democratic Republic of Congo",
              "Cocos (Keeling) Islands", "Saint Martin (French part)", "U.S. Virgin Islands"}


def main(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            continue
        name, code = parts[0].strip(), parts[1].strip()
        if name in SKIP_NAMES or code == "---":
            continue
        if code in rows:
            rows[code]["names"].append(name)
        else:
            rows[code] = {"name": name, "names": []}
    # The table's Democratic Republic of the Congo and Congo share no code; keep both.
    out = []
    for code, r in rows.items():
        adj, caps, extra, seats, native = EXTRA.get(code, ("", "", "", "", ""))
        aliases = r["names"] + [e for e in extra.split(";") if e]
        name = r["name"]
        if code == "USA":
            name = "United States"
        out.append((code, name, ";".join(dict.fromkeys(a for a in aliases if a != name)), adj, caps, seats, native))
    for row in FORMER:
        out.append(row)
    print("# CAMEO countries and territories: code, name, other names, adjectives and demonyms,")
    print("# capitals (metonyms for the government), seats of power, names in native script.")
    print("# Generated by tools/gen_actor_countries.py from the CAMEO countrynames.txt table (MIT);")
    print("# edit the script, not this file.")
    for row in sorted(out):
        print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv[1])
