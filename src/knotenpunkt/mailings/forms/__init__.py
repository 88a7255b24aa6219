"""The mailings forms, by sub-domain: `subscriptions`, `mailings` and `segments`."""
