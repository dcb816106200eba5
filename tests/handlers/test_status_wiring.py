"""The status card's wiring: the status surface reaches into no other surface, and the
surfaces that show the card (digest, Home) build it from the facts, not via the status
handler (docs/architecture.md: "One card from facts")."""

from __future__ import annotations

import ast
from pathlib import Path

HANDLERS = Path(__file__).resolve().parents[2] / "handlers"


def surfaces() -> set[str]:
    """Modules of `handlers` that register listeners (`def register(app)`)."""
    found = set()
    for path in [*HANDLERS.glob("*.py"), *HANDLERS.glob("*/__init__.py")]:
        if "\ndef register(" in path.read_text():
            module = path.parent if path.name == "__init__.py" else path.with_suffix("")
            found.add("handlers." + module.relative_to(HANDLERS).as_posix().replace("/", "."))
    found.discard("handlers.__init__")
    found.discard("handlers")
    return found


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_status_surface_imports_no_other_surface() -> None:
    others = surfaces() - {"handlers.status"}
    assert "handlers.approvals" in others and "handlers.roadmap" in others  # the check sees them
    assert imported(HANDLERS / "status.py") & others == set()


def test_digest_and_home_build_the_card_without_the_status_handler() -> None:
    for path in (HANDLERS / "digest.py", HANDLERS / "home" / "__init__.py"):
        names = imported(path)
        assert "handlers.status" not in names, path
        assert "storage.status" in names, path  # the facts
        assert "handlers.blocks.status.build_status_card" in names, path  # the builder
