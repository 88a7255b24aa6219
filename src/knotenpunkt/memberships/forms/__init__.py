"""Forms: see the module name."""
