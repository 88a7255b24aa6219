"""Views: see the module name."""
