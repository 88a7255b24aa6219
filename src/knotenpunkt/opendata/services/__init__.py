"""The open data's operations: what a dataset holds (sources), its files (distributions),
the staff's choices (datasets), the DCAT-AP.de catalogue (catalogue)."""
