"""eduvoc's HTTP layer: parses requests, calls `registry`, renders answers. No domain logic here."""
