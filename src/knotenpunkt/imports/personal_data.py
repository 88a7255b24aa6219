"""What the import keeps about a person: which legacy systems hold a record of them.

Export (Art. 15) names those sources and record IDs; erasure (Art. 17) drops the rows as
imported but keeps the link, so that a later import of the same export recognises the
record and does not bring the person back.
"""

from knotenpunkt.core.registry import register_merge_relation, register_personal_data


def export_source_records(person) -> list[dict]:
    return [
        {
            "source": record.source.name,
            "kind": record.source.get_kind_display(),
            "record_id": record.record_id,
            "imported_data": record.raw_data,
            "first_imported": record.first_seen_at.isoformat(),
            "last_imported": record.last_seen_at.isoformat(),
        }
        for record in person.source_records.select_related("source")
    ]


def erase_source_records(person) -> None:
    person.source_records.update(raw_data={}, imported_values={})


register_personal_data(
    "imports", export_source_records, erase_source_records, models=("imports.SourceRecord",)
)
register_merge_relation("person", "imports.SourceRecord", "person")
register_merge_relation("organisation", "imports.SourceRecord", "organisation")
