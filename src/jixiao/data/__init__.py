"""Rule sets shipped with jixiao, as data files."""
