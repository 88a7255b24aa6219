"""Knotenpunkt: the platform on which a regional business cluster runs its network."""
