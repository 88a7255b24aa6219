"""Forms of the jobs app, one module per sub-domain (postings, board, digest)."""
