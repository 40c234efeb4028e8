"""Django signals katas: one Django app per kata, read in course order from catalogue.toml."""
