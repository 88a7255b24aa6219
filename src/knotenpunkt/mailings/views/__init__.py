"""The mailings pages, by sub-domain: `subscriptions` (subscribing, confirming,
preferences, unsubscribing), `mailings` (composing and sending, for staff), `segments`
(target groups) and `archive` (the public archive and engagement counting)."""
