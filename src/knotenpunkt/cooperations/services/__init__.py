"""The operations on cooperations, partner networks, agreements and trips, and the
figures they give the KPIs."""
