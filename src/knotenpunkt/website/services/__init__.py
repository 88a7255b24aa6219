"""The website's operations: cluster sites and their editors (sites), portraits and
consent (portraits)."""
