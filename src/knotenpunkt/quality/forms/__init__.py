"""The quality forms, by sub-domain: `duplicates` and `merge`."""
