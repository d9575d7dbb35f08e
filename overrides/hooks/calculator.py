"""Calculator build hook (the calculator helper fills this in)."""
