"""Slack surfaces: each module registers its listeners with `register(app)`; bot/app.py
registers them all and hands each what it runs of another (a surface imports no other).
The clock's renderers are listed in bot/wiring.py."""
