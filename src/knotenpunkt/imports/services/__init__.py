"""Operations of the import: `runs` (upload, columns, dry run, start, problem rows),
`execution` (the background import), `matching` (which existing record a row means)."""
