"""Project self-evaluation table templates, one TOML file per jurisdiction and year."""
