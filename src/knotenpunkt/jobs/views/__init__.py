"""Pages of the jobs app, one module per sub-domain (board, postings, digest)."""
