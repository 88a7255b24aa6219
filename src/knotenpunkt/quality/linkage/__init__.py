"""Probabilistic record linkage of people and organisations (Splink on DuckDB).

Public API, stable for callers such as the review queue:

```python
from knotenpunkt.quality.linkage import (
    LinkedPair, link_people, link_organisations, transitive_pairs,
)

pairs = link_people(records)                 # threshold: default 0.7
# records: mappings with record_id, source, organisation, first_name, last_name, email,
# phone, street, postcode, city, website; a missing key counts as empty.
pairs = link_organisations(records)          # threshold: default 0.9
# records: mappings with record_id, name, street, postcode, city, website, email,
# phone, vat_id, register_number.
closed = transitive_pairs(pairs)   # if a=b and b=c, a=c is listed too
```

`LinkedPair(a, b, score, agreements)`: `a` < `b` are record ids (strings; ids of
digits only are ordered by value, so database keys keep "9" < "10"), `score`
the match probability (0..1), `agreements` the compared fields that agreed
("first_name", "last_name", "email", "phone", "organisation", "address" for people;
"name", "vat_id", "register_number", "website", "phone", "address" for
organisations), empty for a pair that only follows by transitivity.

Both functions accept `threads=` (DuckDB threads; default all cores). Record ids must
be unique within one call (ValueError otherwise). Nothing here touches the application
database: the records are copied into an in-memory DuckDB database that lives for one
call. How the model works (blocking, comparisons, training, threshold) is described in
docs/duplicates.md.
"""

from knotenpunkt.quality.linkage.organisations import link_organisations
from knotenpunkt.quality.linkage.pairs import LinkedPair, transitive_pairs
from knotenpunkt.quality.linkage.people import link_people

__all__ = ["LinkedPair", "link_organisations", "link_people", "transitive_pairs"]
