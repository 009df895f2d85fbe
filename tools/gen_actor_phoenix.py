#!/usr/bin/env python3
"""Convert the Phoenix (PETRARCH2) actor and agent dictionaries into dyad's actor format,
written to data/actors/phoenix/ (people.tsv, offices.tsv, organizations.tsv, agents.tsv).

Why a script and not a Rust module: the conversion runs once, offline, when the source
dictionaries change (like tools/gen_actor_countries.py); what ships is the reviewed TSV that
dyad compiles in and loads with its ordinary, validated reader. The script reads only the
public dictionaries and the English treebank of ../shared (for the common-word rule below).

Sources (openeventdata/petrarch2, MIT): Phoenix.Countries.actors.txt,
Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, Phoenix.agents.txt.

Reading (TABARI/PETRARCH format): an entry starts with a phrase at the start of a line; `+`
lines add synonyms; `[CODE]` on the entry's line or on indented lines below give codes, which
may be dated: `[CODE >YYMMDD]` (from), `[CODE <YYMMDD]` (until), `[CODE YYMMDD-YYMMDD]`; dates
are YYMMDD (YY < 30 is 20YY) or YYYYMMDD. `#` starts a comment; `<!-- … -->` is a comment block.

Classification:
- person: an entry with at least one dated code, or marked as a ruler (`# CountryInfo.txt`,
  `IGOrulers`). Its dated codes become offices.tsv terms; its undated code (if any) is the code
  used when no term covers the document date (people.tsv's country column); without one, the
  country of its first term.
- organisation: an undated entry whose code is longer than a bare country code (GBRGOV,
  IGOUNO, NGOHRI, MNCUSA, IMGMUSALQ, PSEREBHMS). The kind follows the code: IGO → igo, NGO →
  ngo, MNC or a …BUS code → business (the code is kept: a later sense filter needs it), REB,
  IMG, INS, UAF → group, PTY → party, MED → media, otherwise gov.
- skipped: undated entries coded with a bare country, and entries whose own phrase is a
  country's name (country synonyms, misspellings, regions and cities: dyad has its own
  countries and keeps cities as places, never coded).
- agents: one-line `PHRASE [~CODE]` entries (the agent follows its country) whose code is one
  CAMEO agent code of the list AGENT_CODES; `!MACRO!` lines are expanded; `[CODE~]` (prefix)
  entries are skipped.

Normalisation: `_`-joined upper-case words become words in title case ("TONY_BLAIR_" → "Tony
Blair"); connectors stay lowercase ("of", "the", "and", "for", "de", "al"…); "Mc"/"O'" names
keep their inner capital; after a hyphen both "Ki-Moon" and "Ki-moon" are written; a
parenthesised acronym becomes an alias of its own ("ISLAMIC_ARMY_OF_ADEN_(IAA)_" → "Islamic Army
of Aden" + "IAA"). In organisation names a word of two or three letters that is not an English
word, and any word without a vowel, is an acronym and stays upper case ("UN", "PKK"); a
one-word organisation name is written in title case and, if six letters or fewer, also in upper
case ("Nato", "NATO"). `+` synonyms become aliases of the entry.

Dropped (each rule counted in the summary printed to stderr):
- malformed codes: not 3–15 upper-case letters/digits in groups of three, several codes
  (`A/B`), no actor (`---`), or a first group that is no CAMEO country (countries.tsv) nor an
  international prefix (IGO, NGO, MNC, IMG, UIS …); malformed dates drop that term only.
- forms shorter than four characters (except upper-case acronyms of organisations), forms with
  characters other than letters, digits, spaces, `.`, `'`, `-`, `&`.
- single-word forms that are ordinary English words: the word occurs in lower case in the
  English Web Treebank (../shared/reference/treebanks/en_ewt), e.g. "Labor", "Justice", or
  that name sports teams more often than the group (TEAM_NAMES: "Tigers");
  single-word person forms of any kind (a lone surname, title or given name names many people).
- forms that name two different actors (two people, or a person and an organisation with
  another code): ambiguous, dropped from both.
- agent words that are one ordinary word of a list of words too vague to stand for a body of a
  country alone (AGENT_STOP), or already in dyad's own agents.tsv.
Duplicates are merged: one person per name (their terms joined; a term repeated or contained in
another with the same code is dropped), one row per organisation code and name.

usage: tools/gen_actor_phoenix.py [DICT_DIR] [OUT_DIR]
  defaults: ../shared/reference/event-coding/petrarch2/dictionaries data/actors/phoenix
"""
import collections
import datetime
import gzip
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared", "reference")
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/reference"

ACTOR_FILES = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt"]
AGENT_FILE = "Phoenix.agents.txt"

# First code groups that are not countries but CAMEO's international actor prefixes.
INTL_PREFIXES = {"IGO", "NGO", "MNC", "IMG", "UIS", "INS", "REB", "NGM", "IRC", "SET", "UAF",
                 "AFR", "ASA", "EUR", "MEA", "NMR", "SAM", "CAS", "CAU", "SAS", "SEA", "WAF",
                 "EAF", "BLK", "CRB", "LAM", "PGS", "WST", "DEV", "BAL", "BLK", "SCN", "WSB",
                 "CFR", "CEU"}

# Agent codes a Phoenix role word may carry (CAMEO's agent table).
AGENT_CODES = {"GOV", "MIL", "COP", "SPY", "REB", "OPP", "PTY", "LEG", "JUD", "REF", "HRI",
               "ELI", "UAF", "RAD", "NGO", "IGO"}
# Not taken: the codes of everyday life (BUS, MED, EDU, HLH, CVL, AGR, LAB, ENV, REL, CRM). A
# bare role word takes its country from the context ("the doctors" after "Britain"), and in
# business, sport and culture news these words name firms, clubs and people, not state actors.

# Codes whose single role words are taken ("extremists", "combatants"); other single role words
# ("advocate", "delegate", "retired") are left to dyad's own agents.tsv, and only phrases of
# two or more words are taken for them ("appeals court", "border patrol").
SINGLE_WORD_CODES = {"MIL", "REB", "UAF", "RAD", "COP"}

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_FORM_RE = re.compile(rf"^(?:(?:{MONTHS}) \d+|\d+ (?:{MONTHS}))$", re.IGNORECASE)

# Acronyms kept upper case inside people's forms ("UN Secretary-General Ban Ki-moon").
PERSON_ACRONYMS = {"UN", "U.N.", "US", "U.S.", "EU", "UK", "USA", "NATO", "OPEC", "IMF", "OAS",
                   "AU", "ANC", "PLO", "OSCE", "IAEA", "WTO", "WHO", "UNHCR", "UNICEF"}

# One-word names of armed groups that sport news uses far more often for clubs ("the Tigers
# stormed 22-6 ahead": Leicester, Hull, Detroit). The treebank rule misses them (no "tiger").
TEAM_NAMES = {"tigers"}

# Role words too vague to stand for a country's body on their own ("the boss", "the team"):
# in sport and business news they name clubs and firms, not states.
AGENT_STOP = {"retired", "boss", "bosses", "team", "teams", "player", "players", "member", "members",
              "leader", "leaders", "head", "heads", "chief", "chiefs", "man", "men", "woman",
              "women", "person", "persons", "people", "group", "groups", "party", "parties",
              "side", "sides", "club", "clubs", "manager", "managers", "coach", "coaches",
              "captain", "captains", "star", "stars", "fan", "fans", "owner", "owners",
              "director", "directors", "staff", "worker", "workers", "employee", "employees",
              "official", "officials", "squad", "squads", "crew", "crews", "unit", "units",
              "force", "forces", "body", "bodies", "council", "councils", "board", "boards",
              "agency", "agencies", "office", "offices", "company", "companies", "firm", "firms",
              "industry", "industries", "market", "markets", "bank", "banks", "chairman",
              "chairmen", "president", "presidents", "champion", "champions", "winner",
              "winners", "friend", "friends", "youth", "youths", "boy", "boys", "girl", "girls",
              "child", "children", "kid", "kids", "family", "families", "user", "users",
              "customer", "customers", "consumer", "consumers", "investor", "investors",
              "artist", "artists", "actor", "actors", "singer", "singers", "fighter",
              "fighters", "attacker", "attackers", "defender", "defenders", "striker",
              "strikers", "keeper", "keepers", "guard", "guards", "veteran", "veterans",
              "rival", "rivals", "opponent", "opponents", "host", "hosts", "guest", "guests",
              "visitor", "visitors", "organization", "organizations", "organisation",
              "organisations", "association", "associations", "union", "unions", "league",
              "leagues", "federation", "federations", "committee", "committees", "commission",
              "commissions", "institute", "institutes", "center", "centers", "centre",
              "centres", "school", "schools", "movement", "movements", "network", "networks",
              "service", "services", "department", "departments", "authority", "authorities"}

CONNECTORS = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "della", "di",
              "du", "da", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le",
              "des", "y", "e", "und", "fur", "a"}
# Connectors that are written lowercase inside a name but capitalised at its start.
VOWELS = set("AEIOUY")
FORM_RE = re.compile(r"^[A-Za-z0-9 .'&-]+$")
CODE_RE = re.compile(r"^[A-Z0-9]{3,15}$")


def common_words():
    """Lower-case words of the English Web Treebank (not proper nouns): ordinary English."""
    words = set()
    tb = os.path.join(SHARED, "treebanks", "en_ewt")
    for name in ("train.conllu.gz", "dev.conllu.gz", "test.conllu.gz"):
        with gzip.open(os.path.join(tb, name), "rt", encoding="utf-8") as f:
            for line in f:
                if not line or line[0] in "#\n":
                    continue
                cols = line.split("\t")
                if len(cols) > 3 and cols[3] != "PROPN" and cols[1].islower():
                    words.add(cols[1])
    return words


def tsv_column(path, col=0):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            out.append(line.rstrip("\n").split("\t")[col])
    return out


def parse_date(s):
    """YYMMDD or YYYYMMDD → date, or None if malformed."""
    if not s.isdigit():
        return None
    if len(s) == 6:
        yy = int(s[:2])
        y, rest = (2000 + yy if yy < 30 else 1900 + yy), s[2:]
    elif len(s) == 8:
        y, rest = int(s[:4]), s[4:]
    else:
        return None
    try:
        return datetime.date(y, int(rest[:2]), int(rest[2:4]))
    except ValueError:
        return None


def parse_code(body, stats):
    """'[CODE restriction]' contents → (code, from, to, dated) or None if malformed."""
    parts = body.split()
    if not parts:
        return None
    code, restr = parts[0].lstrip("~").rstrip("~"), parts[1:]
    frm = to = None
    if len(restr) > 1:
        stats["malformed restriction"] += 1
        return None
    if restr:
        r = restr[0]
        if r.startswith(">"):
            frm = parse_date(r[1:])
            ok = frm is not None
        elif r.startswith("<"):
            to = parse_date(r[1:])
            ok = to is not None
        elif "-" in r:
            a, b = r.split("-", 1)
            frm, to = parse_date(a), parse_date(b)
            ok = frm is not None and to is not None and frm <= to
        else:
            ok = False
        if not ok:
            stats["term dropped: malformed date"] += 1
            return None
    return (code, frm, to, bool(restr))


def strip_comment(line):
    i = line.find("#")
    return (line[:i], line[i:]) if i >= 0 else (line, "")


def read_actor_file(path, stats):
    """Entries: dict(names=[raw phrases], codes=[(code, from, to, dated)], ruler=bool)."""
    entries = []
    cur = None
    in_block = False
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if in_block:
                if "-->" in line:
                    in_block = False
                    line = line.split("-->", 1)[1]
                else:
                    continue
            if "<!--" in line:
                head, tail = line.split("<!--", 1)
                if "-->" not in tail:
                    in_block = True
                line = head + (tail.split("-->", 1)[1] if "-->" in tail else "")
            body, comment = strip_comment(line)
            if not body.strip():
                continue
            codes = re.findall(r"\[([^\]]*)\]", body)
            text = re.sub(r"\[[^\]]*\]", " ", body).strip()
            if body[0] in " \t" and not text.startswith("+"):
                if cur is not None:
                    cur["codes"].extend(codes)
                continue
            if text.startswith("+"):
                if cur is not None:
                    cur["names"].extend(p for p in text[1:].split("+") if p.strip())
                    cur["codes"].extend(codes)
                continue
            cur = {"names": [p for p in text.split("+") if p.strip()], "codes": list(codes),
                   "ruler": "CountryInfo" in comment or "rulers" in comment}
            entries.append(cur)
    for e in entries:
        parsed = []
        for c in e["codes"]:
            p = parse_code(c, stats)
            if p is not None:
                parsed.append(p)
        e["codes"] = parsed
    return entries


def valid_code(code, countries):
    if not CODE_RE.match(code) or len(code) % 3 != 0:
        return False
    return code[:3] in countries or code[:3] in INTL_PREFIXES


def cap_word(w, acronyms, common):
    """One upper-case word of a phrase in the case news writes it."""
    low = w.lower()
    if w in PERSON_ACRONYMS:
        return w
    if acronyms:
        letters = [c for c in w if c.isalpha()]
        if letters and not (VOWELS & set(letters)) and len(letters) >= 2:
            return w
        if 2 <= len(w) <= 3 and w.isalpha() and low not in common and low not in CONNECTORS:
            return w
    if "." in w and len(w.replace(".", "")) <= 3:  # initials: "U.N.", "K."
        return w
    if low.startswith("mc") and len(w) > 3:
        return "Mc" + w[2].upper() + low[3:]
    if low.startswith("o'") and len(w) > 2:
        return "O'" + w[2].upper() + low[3:]
    return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))


def phrase_forms(raw, acronyms, common):
    """A raw TABARI phrase → the surface forms it stands for (list, first is the name)."""
    p = raw.strip().strip("_").replace("_", " ")
    p = re.sub(r"\s+", " ", p).strip()
    out = []
    m = re.search(r"\(([A-Za-z.]+)\)", p)
    if m:
        out_acr = m.group(1).upper() if len(m.group(1).replace(".", "")) <= 6 else None
        p = (p[:m.start()] + p[m.end():]).strip()
        p = re.sub(r"\s+", " ", p)
    else:
        out_acr = None
    if not p:
        return []
    words = p.split(" ")
    cased = []
    for i, w in enumerate(words):
        low = w.lower()
        if i > 0 and low in CONNECTORS:
            cased.append(low)
        else:
            cased.append(cap_word(w, acronyms, common))
    name = " ".join(cased)
    out.append(name)
    # Korean and Chinese given names: "Ki-moon" as well as "Ki-Moon".
    if "-" in name and not acronyms:
        alt = re.sub(r"-([A-Z])([a-z])", lambda m: "-" + m.group(1).lower() + m.group(2), name)
        if alt != name:
            out.append(alt)
    if acronyms and len(words) == 1 and len(words[0]) <= 6 and words[0].isalpha():
        if words[0] not in out:
            out.append(words[0])
    if out_acr:
        out.append(out_acr)
    return out


def org_kind(code):
    head = code[:3]
    agents = [code[i:i + 3] for i in range(3, len(code), 3)]
    if head == "IGO":
        return "igo"
    if head == "NGO":
        return "ngo"
    if head == "MNC" or "BUS" in agents:
        return "business"
    if head in ("IMG", "INS", "REB", "UAF") or set(agents) & {"REB", "INS", "UAF", "IMG"}:
        return "group"
    if "PTY" in agents:
        return "party"
    if "MED" in agents:
        return "media"
    if agents and agents[0] in ("NGO", "HRI", "EDU", "REL", "LAB", "HLH", "ENV", "CVL"):
        return "ngo"
    return "gov"


def main():
    dict_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        SHARED, "event-coding", "petrarch2", "dictionaries")
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "data", "actors", "phoenix")
    stats = collections.Counter()
    common = common_words()
    actors_dir = os.path.join(REPO, "data", "actors")
    countries = set(tsv_column(os.path.join(actors_dir, "countries.tsv")))
    country_names = set()
    for line in open(os.path.join(actors_dir, "countries.tsv"), encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            for col in line.rstrip("\n").split("\t")[1:]:
                country_names.update(w.strip().lower() for w in col.split(";") if w.strip())
    first_names = set(tsv_column(os.path.join(actors_dir, "first_names.tsv")))
    own_agent_words = set()
    for line in open(os.path.join(actors_dir, "agents.tsv"), encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            own_agent_words.update(w.strip() for w in line.rstrip("\n").split("\t")[2].split(";"))

    people = {}  # name -> dict(forms=list, default=code or None, terms=list)
    orgs = {}  # (code, name) -> forms list
    for fname in ACTOR_FILES:
        for e in read_actor_file(os.path.join(dict_dir, fname), stats):
            codes = []
            for (code, frm, to, dated) in e["codes"]:
                if valid_code(code, countries):
                    codes.append((code, frm, to, dated))
                else:
                    stats["code dropped: malformed"] += 1
            if not codes:
                stats["entry dropped: no valid code"] += 1
                continue
            dated = [c for c in codes if c[3]]
            undated = [c[0] for c in codes if not c[3]]
            is_person = bool(dated) or e["ruler"]
            if not is_person and len(undated[0]) == 3:
                stats["entry skipped: country synonym"] += 1
                continue
            forms = []
            for raw in e["names"]:
                for f in phrase_forms(raw, not is_person, common):
                    if f not in forms:
                        forms.append(f)
            if not forms:
                continue
            if forms[0].lower() in country_names:
                # A country's own entry (with dated codes for regimes): its synonyms are
                # misspellings, regions and cities, which dyad keeps as places.
                stats["entry skipped: country synonym"] += 1
                continue
            if is_person:
                name = forms[0]
                p = people.setdefault(name, {"forms": [], "default": None, "terms": []})
                for f in forms:
                    if f not in p["forms"]:
                        p["forms"].append(f)
                if p["default"] is None and undated:
                    p["default"] = undated[0]
                for (code, frm, to, _) in dated:
                    p["terms"].append((code, frm, to))
            else:
                key = (undated[0], forms[0])
                o = orgs.setdefault(key, [])
                for f in forms:
                    if f not in o:
                        o.append(f)

    people = merge_people(people, stats)

    def harmful(form, is_person):
        if not FORM_RE.match(form):
            return "odd characters"
        words = form.split(" ")
        acronym = form.isupper() and not is_person
        if len(form) < 4 and not acronym:
            return "too short"
        if len(form) < 2:
            return "too short"
        if len(words) == 1:
            w = words[0].rstrip(".")
            if w.lower() in common:
                return "single common word"
            if w.lower() in TEAM_NAMES:
                return "a sports team's name"
            if is_person:
                # A lone surname, title or given name ("Strathclyde", "Kennedy") names many
                # people; Phoenix's people are found by their full names.
                return "single-word person form"
        if form.lower() in country_names:
            return "country name"
        if DATE_FORM_RE.match(form):
            # "May 15", "21 June": groups named after a date would turn every such date into
            # an actor.
            return "a date"
        if all(w.lower() in CONNECTORS for w in words):
            return "connectors only"
        return None

    # Which actor each form names: drop forms that name two. An organisation listed with dated
    # codes in one file and with one of those codes in another ("SUDAN_PEOPLE'S_LIBERATION_ARMY"
    # [SDNREB 1983-2011][SSDMIL >2011] and [SDNREB]) is one actor: the dated entry keeps it.
    owners = collections.defaultdict(set)
    dated_codes = collections.defaultdict(set)
    for name, p in people.items():
        for f in p["forms"]:
            owners[f].add(("P", name))
            dated_codes[f].update(t[0] for t in p["terms"])
    for (code, name), fs in orgs.items():
        for f in fs:
            if code in dated_codes.get(f, ()):
                stats["org form left to its dated entry"] += 1
                continue
            owners[f].add(("O", code))
    ambiguous = {f for f, o in owners.items() if len(o) > 1}

    emitted = set()

    def keep(forms, is_person):
        out = []
        for f in forms:
            why = "ambiguous" if f in ambiguous else (
                "duplicate" if f in emitted else harmful(f, is_person))
            if why:
                stats["form dropped: " + why] += 1
            else:
                out.append(f)
                emitted.add(f)
        return out

    os.makedirs(out_dir, exist_ok=True)
    header = ("# Converted from the Phoenix dictionaries of PETRARCH2 (openeventdata/petrarch2, MIT;\n"
              "# see README.md and LICENSE) by tools/gen_actor_phoenix.py. Do not edit by hand: change\n"
              "# the converter's rules and run it again.\n")
    people_rows, office_rows = [], []
    for name in sorted(people):
        p = people[name]
        forms = keep(p["forms"], True)
        if not forms:
            stats["person dropped: no form left"] += 1
            continue
        terms = merge_terms(p["terms"], stats)
        default = p["default"] or (terms[0][0][:3] if terms else None)
        if default is None:
            continue
        # The first kept form is the person's name in people.tsv.
        people_rows.append("\t".join([forms[0], default, ";".join(forms[1:])]).rstrip("\t"))
        for (code, frm, to) in terms:
            office_rows.append("\t".join([forms[0], code, "phoenix",
                                          frm.isoformat() if frm else "",
                                          to.isoformat() if to else ""]).rstrip("\t"))
    org_rows = []
    for (code, name) in sorted(orgs):
        forms = keep(orgs[(code, name)], False)
        if not forms:
            stats["organisation dropped: no form left"] += 1
            continue
        org_rows.append("\t".join([code, org_kind(code), forms[0], ";".join(forms[1:])]).rstrip("\t"))

    agent_rows = convert_agents(os.path.join(dict_dir, AGENT_FILE), own_agent_words, common, stats)

    def write(name, cols, rows):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write(header + "# " + cols + "\n")
            for r in rows:
                f.write(r + "\n")

    write("people.tsv", "name, code when no term covers the date, aliases", people_rows)
    write("offices.tsv", "person, code, role, from, to", office_rows)
    write("organizations.tsv", "code, kind, name, aliases", org_rows)
    write("agents.tsv", "agent code, kind, words", agent_rows)
    stats["people"] = len(people_rows)
    stats["offices"] = len(office_rows)
    stats["organisations"] = len(org_rows)
    stats["agent rows"] = len(agent_rows)
    for k in sorted(stats):
        print(f"{k}\t{stats[k]}", file=sys.stderr)


def merge_people(people, stats):
    """One person per set of entries that share a form (the same person listed in two files
    or under two names): forms and terms joined, the first entry's name and default kept."""
    parent = {n: n for n in people}

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    by_form = {}
    for name in people:
        for f in people[name]["forms"]:
            if f in by_form:
                a, b = find(by_form[f]), find(name)
                if a != b:
                    parent[b] = a
            else:
                by_form[f] = name
    merged = {}
    for name in people:  # insertion order: file order
        root = find(name)
        p = people[name]
        if root not in merged:
            merged[root] = {"forms": [], "default": None, "terms": []}
        else:
            stats["person merged"] += 1
        m = merged[root]
        m["forms"].extend(f for f in p["forms"] if f not in m["forms"])
        m["default"] = m["default"] or p["default"]
        m["terms"].extend(p["terms"])
    return merged


def merge_terms(terms, stats):
    """Terms in file order without repeats or terms inside another of the same code."""
    out = []
    for t in terms:
        code, frm, to = t
        inside = False
        for (c2, f2, t2) in out:
            if c2 == code and (f2 is None or (frm is not None and f2 <= frm)) and \
                    (t2 is None or (to is not None and to <= t2)):
                inside = True
        if inside:
            stats["term dropped: repeated"] += 1
            continue
        out.append(t)
    return out


def convert_agents(path, own_words, common, stats):
    macros = {}
    by_code = collections.defaultdict(list)
    seen = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            body, _ = strip_comment(raw.rstrip("\r\n"))
            body = body.strip()
            if not body:
                continue
            m = re.match(r"^!(\w+)!\s*=\s*(.*)$", body)
            if m:
                macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]\s*$", body)
            if not m:
                stats["agent dropped: malformed line"] += 1
                continue
            phrase, plurals, code = m.group(1).strip(), m.group(2), m.group(3).strip()
            if not code.startswith("~") or code.endswith("~"):
                stats["agent dropped: prefix or unplaced code"] += 1
                continue
            code = code[1:]
            if not CODE_RE.match(code) or len(code) % 3 or code[:3] not in AGENT_CODES:
                stats["agent dropped: malformed or unlisted code"] += 1
                continue
            code = code[:3]  # dyad composes one agent code with the country
            phrases = expand_macros(phrase, macros)
            if plurals and plurals != "{}":
                phrases += [p.strip() for p in plurals.strip("{}").split() if p.strip()]
            elif not plurals:
                phrases += [regular_plural(p) for p in list(phrases)
                            if not p.rstrip("_").endswith(("S", "MEN", "PEOPLE"))]
            for ph in phrases:
                w = ph.strip("_").replace("_", " ").lower()
                w = re.sub(r"\s+", " ", w).strip()
                if not w or not re.match(r"^[a-z][a-z .'-]*$", w):
                    stats["agent word dropped: odd characters"] += 1
                    continue
                if w in own_words or w in seen:
                    stats["agent word dropped: already listed"] += 1
                    continue
                if w in AGENT_STOP or len(w) < 4:
                    stats["agent word dropped: too vague"] += 1
                    continue
                if w.split(" ")[-1] not in own_words:
                    # Only specialisations of dyad's own role words ("riot police", "appeals
                    # court"): each agent word is looked up at every lower-case word of a text.
                    stats["agent word dropped: head is not one of dyad's role words"] += 1
                    continue
                if " " not in w and code not in SINGLE_WORD_CODES:
                    stats["agent word dropped: single word of a peaceful code"] += 1
                    continue
                if " " not in w and w not in common:
                    # A single word no English text uses is a misspelling or a stem, not a role.
                    stats["agent word dropped: not an English word"] += 1
                    continue
                seen.add(w)
                by_code[code].append(w)
    rows = []
    for code in sorted(by_code):
        rows.append(f"{code}\tgroup\t{';'.join(by_code[code])}")
    return rows


def expand_macros(phrase, macros):
    out = [phrase]
    while any("!" in p for p in out):
        nxt = []
        for p in out:
            m = re.search(r"!(\w+)!", p)
            if not m:
                nxt.append(p)
                continue
            for v in macros.get(m.group(1), []):
                nxt.append(p[:m.start()] + v + p[m.end():])
        out = nxt
    return out


def regular_plural(p):
    w = p.rstrip("_")
    if w.endswith(("S", "X", "CH", "SH")):
        return w + "ES"
    if w.endswith("Y") and len(w) > 1 and w[-2] not in "AEIOU":
        return w[:-1] + "IES"
    return w + "S"


if __name__ == "__main__":
    main()
