"""The matchmaking pages, by sub-domain: `needs` (posting, the need page, interest,
contacts), `board` (the staff board and "for me"), `profiles`, `alerts`."""
