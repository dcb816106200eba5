"""The wiring and the faces: entry points, app factory, HTTP server, console, clock."""
