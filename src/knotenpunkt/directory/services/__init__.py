"""The directory's operations, one module per concern (organisations, people, search...)."""
