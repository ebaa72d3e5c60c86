"""The only package that imports `stripe` (DESIGN §4)."""
