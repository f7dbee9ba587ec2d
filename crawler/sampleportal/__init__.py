"""The bundled sample portal: a seeded generator and a local HTTP server imitating real portals."""
