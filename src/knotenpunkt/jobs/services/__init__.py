"""The jobs app's operations: postings (drafting, review, renewal, expiry), the public
board (listing, filters, search), the schema.org markup and the weekly digest."""
