//! The gazetteer: GeoNames countries, US states and cities of 15,000 people or more, looked
//! up by a hash of a name's lowercased text.

use crate::PlacesError;
use dyad_core::{Geo, PlaceKind};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::OnceLock;

static SHIPPED: &[u8] = include_bytes!("../../../data/geo/places.tsv.gz");

/// One GeoNames entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Country, region or city.
    pub kind: PlaceKind,
    /// GeoNames id.
    pub geonames_id: u64,
    /// GeoNames' name.
    pub name: String,
    /// ISO 3166-1 alpha-3 code of its country.
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population.
    pub population: u64,
}

impl Place {
    /// The place as event records give it.
    pub fn geo(&self) -> Geo {
        Geo {
            name: self.name.clone(),
            country: self.country.clone(),
            lat: self.lat,
            lon: self.lon,
            geonames_id: self.geonames_id,
        }
    }
}

/// The places, and for each name hash the places it names (main name or alternate).
pub struct Gazetteer {
    places: Vec<Place>,
    /// Name hash → (place index, whether it is the place's main name).
    names: HashMap<u64, Vec<(u32, bool)>>,
    /// ISO-3 → the country's place index.
    countries: HashMap<String, u32>,
}

/// FNV-1a over the lowercased characters of `name`.
pub(crate) fn name_hash(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in name.chars().flat_map(char::to_lowercase) {
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Gazetteer {
    /// The shipped gazetteer, parsed on first use.
    pub fn shipped() -> Result<&'static Gazetteer, PlacesError> {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        if let Some(g) = G.get() {
            return Ok(g);
        }
        let mut text = String::new();
        flate2::read::GzDecoder::new(SHIPPED).read_to_string(&mut text)?;
        let parsed = Gazetteer::parse(&text)?;
        Ok(G.get_or_init(|| parsed))
    }

    /// Parse the gazetteer's TSV (see `tools/gen_geonames.py`); `#` lines are comments.
    pub fn parse(text: &str) -> Result<Gazetteer, PlacesError> {
        let mut g = Gazetteer { places: Vec::new(), names: HashMap::new(), countries: HashMap::new() };
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |reason: &str| PlacesError::Line { line: n + 1, reason: reason.to_string() };
            let f: Vec<&str> = line.split('\t').collect();
            let [kind, id, name, alternates, country, lat, lon, population] = f[..] else {
                return Err(bad("expected 8 tab-separated fields"));
            };
            let kind = match kind {
                "C" => PlaceKind::Country,
                "R" => PlaceKind::Region,
                "P" => PlaceKind::City,
                _ => return Err(bad("kind is not C, R or P")),
            };
            let idx = g.places.len() as u32;
            let num = |s: &str, what: &str| s.parse::<f64>().map_err(|_| bad(what));
            g.places.push(Place {
                kind,
                geonames_id: id.parse().map_err(|_| bad("geonameid is not a number"))?,
                name: name.to_string(),
                country: country.to_string(),
                lat: num(lat, "latitude is not a number")?,
                lon: num(lon, "longitude is not a number")?,
                population: population.parse().map_err(|_| bad("population is not a number"))?,
            });
            if country.len() != 3 {
                return Err(bad("country is not an ISO-3 code"));
            }
            if kind == PlaceKind::Country {
                g.countries.insert(country.to_string(), idx);
            }
            g.names.entry(name_hash(name)).or_default().push((idx, true));
            for alt in alternates.split('|').filter(|a| a.chars().count() > 3) {
                g.names.entry(name_hash(alt)).or_default().push((idx, false));
            }
        }
        Ok(g)
    }

    /// How many places there are.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The country with this ISO-3 code.
    pub fn country(&self, iso3: &str) -> Option<&Place> {
        self.countries.get(iso3).map(|&i| &self.places[i as usize])
    }

    /// The place `name` most likely denotes in a document whose actors belong to `countries`:
    /// main names over alternates, then a place in one of those countries, then a country over
    /// a region or city, then the most populous.
    pub fn resolve(&self, name: &str, countries: &HashSet<&str>) -> Option<&Place> {
        let entries = self.names.get(&name_hash(name))?;
        let matching = entries.iter().filter(|(i, main)| {
            let p = &self.places[*i as usize];
            // A hash collision, or an alternate spelt differently: check the text.
            !*main || p.name.to_lowercase() == name.to_lowercase()
        });
        matching
            .max_by_key(|(i, main)| {
                let p = &self.places[*i as usize];
                (*main, countries.contains(p.country.as_str()), p.kind == PlaceKind::Country, p.population)
            })
            .map(|(i, _)| &self.places[*i as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_line_parses_and_the_big_names_are_there() {
        let g = Gazetteer::shipped().unwrap();
        assert!(g.len() > 30_000, "{}", g.len());
        let none = HashSet::new();
        let moscow = g.resolve("Moscow", &none).unwrap();
        assert_eq!((moscow.country.as_str(), moscow.kind), ("RUS", PlaceKind::City));
        assert!((moscow.lat - 55.75).abs() < 0.1 && (moscow.lon - 37.62).abs() < 0.1, "{moscow:?}");
        assert_eq!(g.resolve("MOSCOW", &none).unwrap().geonames_id, moscow.geonames_id);
        assert_eq!(g.country("PRK").unwrap().name, "North Korea");
    }

    /// Georgia the country unless the document is about the United States; Paris in France
    /// unless about the United States (Paris, Texas).
    #[test]
    fn ambiguous_names_follow_the_documents_countries() {
        let g = Gazetteer::shipped().unwrap();
        let none = HashSet::new();
        let usa: HashSet<&str> = ["USA"].into();
        let georgia = g.resolve("Georgia", &none).unwrap();
        assert_eq!((georgia.country.as_str(), georgia.kind), ("GEO", PlaceKind::Country));
        let state = g.resolve("Georgia", &usa).unwrap();
        assert_eq!((state.country.as_str(), state.kind), ("USA", PlaceKind::Region));
        assert_eq!(g.resolve("Paris", &none).unwrap().country, "FRA");
        let texas = g.resolve("Paris", &usa).unwrap();
        assert_eq!(texas.country, "USA");
        assert!(texas.population < 100_000);
    }
}
