"""The procurement forms, by sub-domain: `catalogue`, `buyers`, `requests`, `orders`."""
