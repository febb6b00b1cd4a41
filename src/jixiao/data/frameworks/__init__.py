"""Department indicator frameworks, one TOML file per jurisdiction and year."""
