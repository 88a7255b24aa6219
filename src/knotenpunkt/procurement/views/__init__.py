"""The procurement pages, by sub-domain: `catalogue`, `buyers`, `requests`, `orders` (their
templates live in templates/procurement/<sub-domain>/)."""
