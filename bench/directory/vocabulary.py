"""Searches nobody has made before: the directory benchmark's uncached scenario.

The cached scenarios rotate 20 search terms and 112 filter sets, so after the first pass
every request is served by the listing cache. This module derives, from the generated
data and a seed, a list of directory URLs in which every one is a different search: a
term (or two) from a vocabulary of several thousand, combined with a random set of the
filters the form offers (cluster, actor type, topic, region, size class) and sometimes a
later page. No two URLs share a listing cache key, so each request renders afresh.

The vocabulary comes from what users of this directory would type:

    names         words of organisation names (surnames, place words, trades, legal forms)
    topics        topic labels in both languages and their synonyms (phrases included)
    places        towns and regions
    descriptions  words of the descriptions (four letters or more)
    misses        made-up words and misspellings that match no organisation

Usage (the settings come from the environment, like every `knotenpunkt` command):

    DATABASE_URL=... .venv/bin/python bench/directory/vocabulary.py [--seed N] [--count N]

prints one JSON object: the vocabulary's size per source and the URLs.
"""

import argparse
import json
import os
import random
import re
from urllib.parse import urlencode

SEED = 20261206
VOCABULARY_SIZE = {
    "names": 900,
    "topics": 900,
    "places": 200,
    "descriptions": 600,
    "misses": 150,
}
# How often each filter is set (a search with one filter on average, as people use it).
FILTER_SHARE = {
    "cluster": 0.15,
    "actor_type": 0.2,
    "topic": 0.1,
    "region": 0.2,
    "size_class": 0.15,
}
PAGE_SHARE = 0.15
TWO_TERMS_SHARE = 0.1
NO_TERM_SHARE = 0.05
WORD = re.compile(r"[^\W\d_][\w-]*[^\W_]")
SYLLABLES = ["bra", "qui", "zor", "vel", "tam", "oxi", "fen", "lur", "pix", "dro", "kav", "sul"]


def _words(text: str, min_length: int = 2) -> set[str]:
    return {w for w in WORD.findall(text.replace("**", " ")) if len(w) >= min_length}


def collect_sources() -> tuple[dict[str, list[str]], set[str]]:
    """The candidate terms per source, sorted, and every word the search documents hold."""
    from knotenpunkt.directory.models import Organisation, Region, Topic

    names, descriptions, places, documents = set(), set(), set(), set()
    rows = Organisation.objects.values_list("name", "description", "city", "search_document")
    for name, description, city, document in rows.iterator(chunk_size=2000):
        names |= _words(name)
        descriptions |= _words(description, min_length=4)
        places.add(city)
        documents.update(document.split())
    places |= set(Region.objects.values_list("name", flat=True))
    topics = set()
    for topic in Topic.objects.all():
        topics |= {topic.label_de, topic.label_en, *topic.synonym_list}
    sources = {
        "names": names,
        "topics": {t for t in topics if t and len(t) <= 60},
        "places": {p for p in places if p},
        "descriptions": descriptions,
    }
    return {source: sorted(terms) for source, terms in sources.items()}, documents


def _fold(text: str) -> str:
    return text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))


def misses(rng: random.Random, real_words: list[str], documents: set[str], count: int):
    """Made-up words and misspellings (a letter dropped or doubled) found in no document."""
    out: set[str] = set()
    while len(out) < count:
        if len(out) % 2:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        else:
            word = rng.choice(real_words)
            if len(word) < 6 or "-" in word:
                continue
            i = rng.randrange(1, len(word) - 1)
            word = word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]
        # As the SQLite fallback matches: a word start, plural endings trimmed.
        needle = _fold(word)[: max(4, len(word) - 2)]
        if not any(d.startswith(needle) for d in documents):
            out.add(word)
    return sorted(out)


def build_vocabulary(sources, documents, seed: int) -> dict[str, list[str]]:
    """Up to VOCABULARY_SIZE terms per source, drawn with the seed; no term twice."""
    rng = random.Random(seed)
    seen: set[str] = set()
    vocabulary = {}
    for source in ("places", "topics", "names", "descriptions"):
        fresh = [t for t in sources[source] if t.casefold() not in seen]
        chosen = sorted(rng.sample(fresh, k=min(len(fresh), VOCABULARY_SIZE[source])))
        seen |= {t.casefold() for t in chosen}
        vocabulary[source] = chosen
    vocabulary["misses"] = misses(
        rng, sources["descriptions"] + sources["names"], documents, VOCABULARY_SIZE["misses"]
    )
    return vocabulary


def filter_options() -> dict[str, list[str]]:
    """The values the directory's filter form offers (clusters: those with members)."""
    from knotenpunkt.directory.models import Cluster, Organisation, Region, Topic

    return {
        "cluster": sorted(
            Cluster.objects.filter(memberships__isnull=False)
            .distinct()
            .values_list("slug", flat=True)
        ),
        "actor_type": [value for value, _ in Organisation.ActorType.choices],
        "topic": sorted(Topic.objects.values_list("slug", flat=True)),
        "region": sorted(Region.objects.values_list("ags", flat=True)),
        "size_class": [value for value, _ in Organisation.SizeClass.choices],
    }


def unique_searches(vocabulary, options, seed: int, count: int) -> list[str]:
    """`count` directory URLs, no two with the same normalised parameters.

    Terms are drawn from the shuffled vocabulary without replacement (each term once
    before any is used again), so a run of n requests uses min(n, vocabulary) terms.
    """
    rng = random.Random(seed + 1)
    terms = [t for source in sorted(vocabulary) for t in vocabulary[source]]
    rng.shuffle(terms)
    paths, keys, i = [], set(), 0
    while len(paths) < count:
        params = {}
        roll = rng.random()
        if roll >= NO_TERM_SHARE:
            words = [terms[i % len(terms)]]
            i += 1
            if roll < NO_TERM_SHARE + TWO_TERMS_SHARE:
                words.append(terms[i % len(terms)])
                i += 1
            params["q"] = " ".join(words)
        for name, share in FILTER_SHARE.items():
            if rng.random() < share:
                params[name] = rng.choice(options[name])
        if rng.random() < PAGE_SHARE:
            params["page"] = str(rng.randint(2, 5))
        # The listing cache's normalisation: whitespace collapsed, parameters by name.
        key = tuple(sorted((k, " ".join(v.split())) for k, v in params.items()))
        if not params or key in keys:
            continue
        keys.add(key)
        paths.append("/directory/?" + urlencode(params))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--count", type=int, default=1200)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    import django

    django.setup()
    sources, documents = collect_sources()
    vocabulary = build_vocabulary(sources, documents, args.seed)
    paths = unique_searches(vocabulary, filter_options(), args.seed, args.count)
    print(
        json.dumps(
            {
                "seed": args.seed,
                "vocabulary": {source: len(terms) for source, terms in vocabulary.items()},
                "vocabulary_size": sum(len(terms) for terms in vocabulary.values()),
                "examples": {
                    source: terms[:: max(1, len(terms) // 5)][:5]
                    for source, terms in vocabulary.items()
                },
                "paths": paths,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
