"""Surfaces apart: a Slack surface (a module of handlers/ with `register(app)`) imports no
other surface; what one runs of another is handed to it where the app is built (bot/app.py).

A surface reaching sideways into another hides the wiring (issue 13): changing one surface
breaks another that nobody thought of, and a reader cannot see what depends on what. This
parses every module under handlers/ and fails on any such import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Imports not yet moved apart, each with who moves it; the list may only shrink (the test
# below fails on an entry that no longer exists, so a fixed one is removed here).
NOT_YET_APART: dict[tuple[str, str], str] = {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def parsed(files: dict[Path, str]) -> dict[str, tuple[ast.Module, bool]]:
    """Each module's name -> (its syntax tree, whether it is a package's __init__)."""
    return {
        module_name(path): (ast.parse(source), path.name == "__init__.py")
        for path, source in files.items()
    }


def parsed_handlers() -> dict[str, tuple[ast.Module, bool]]:
    paths = sorted((ROOT / "handlers").rglob("*.py"))
    return parsed({path: path.read_text(encoding="utf-8") for path in paths})


def is_surface(tree: ast.Module) -> bool:
    """A module that registers listeners: it defines `register` at its top level."""
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "register"
        for node in tree.body
    )


def imported_modules(tree: ast.Module, importer: str, *, is_package: bool) -> set[str]:
    """Every module (and `from package import name` candidate) that `tree` imports."""
    package = importer if is_package else importer.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x / from .x import y
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def sideways_imports(modules: dict[str, tuple[ast.Module, bool]]) -> set[tuple[str, str]]:
    """(surface, other surface it imports) for every surface of `modules`."""
    surfaces = {name for name, (tree, _) in modules.items() if is_surface(tree)}

    def surface_of(name: str) -> str | None:
        # A module inside a surface package belongs to that surface.
        return next(
            (
                s
                for s in sorted(surfaces, key=len, reverse=True)
                if name == s or name.startswith(s + ".")
            ),
            None,
        )

    found = set()
    for name, (tree, is_package) in modules.items():
        own = surface_of(name)
        if own is None:
            continue
        for imported in imported_modules(tree, name, is_package=is_package):
            other = surface_of(imported)
            if other is not None and other != own:
                found.add((own, other))
    return found


def test_no_surface_imports_another() -> None:
    found = sideways_imports(parsed_handlers()) - set(NOT_YET_APART)
    assert found == set(), (
        "hand what a surface runs of another to it in bot/app.py (register_surfaces), or move "
        "what they share into a module without register(app):\n"
        + "\n".join(f"{a} imports {b}" for a, b in sorted(found))
    )


def test_the_list_of_imports_not_yet_apart_only_shrinks() -> None:
    stale = set(NOT_YET_APART) - sideways_imports(parsed_handlers())
    assert stale == set(), f"no longer imported, remove from NOT_YET_APART: {sorted(stale)}"


def test_the_app_registers_every_surface() -> None:
    """A surface nobody registers answers nothing: bot/app.py calls each one's register."""
    tree = ast.parse((ROOT / "bot" / "app.py").read_text(encoding="utf-8"))
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    registered = {
        aliases.get(node.func.value.id, node.func.value.id)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "register"
        and isinstance(node.func.value, ast.Name)
    }
    surfaces = {name for name, (tree, _) in parsed_handlers().items() if is_surface(tree)}
    assert surfaces - registered == set()


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                "handlers/a.py": "from handlers import b\ndef register(app): ...",
                "handlers/b.py": "def register(app): ...",
            },
            {("handlers.a", "handlers.b")},
        ),
        (
            {
                "handlers/a.py": "from handlers.b import run\ndef register(app): ...",
                "handlers/b.py": "def register(app): ...",
            },
            {("handlers.a", "handlers.b")},
        ),
        (
            {
                "handlers/a.py": "import handlers.b.x\ndef register(app): ...",
                "handlers/b/__init__.py": "def register(app): ...",
                "handlers/b/x.py": "",
            },
            {("handlers.a", "handlers.b")},
        ),
        (
            {
                "handlers/a/q.py": "from ..b import run",
                "handlers/a/__init__.py": "def register(app): ...",
                "handlers/b.py": "def register(app): ...",
            },
            {("handlers.a", "handlers.b")},
        ),
        (
            {
                "handlers/a/__init__.py": "from ..b import run\ndef register(app): ...",
                "handlers/b.py": "def register(app): ...",
            },
            {("handlers.a", "handlers.b")},
        ),
    ],
    ids=[
        "from-package",
        "from-module",
        "into-a-package",
        "relative-from-inside-a-package",
        "relative-from-a-package-index",
    ],
)
def test_the_scan_finds_each_way_of_importing_a_surface(
    files: dict[str, str], expected: set[tuple[str, str]]
) -> None:
    modules = parsed({ROOT / path: source for path, source in files.items()})
    assert sideways_imports(modules) == expected


@pytest.mark.parametrize(
    "files",
    [
        {
            "handlers/a.py": "from handlers import lookup\ndef register(app): ...",
            "handlers/lookup.py": "",
        },
        {
            "handlers/a.py": "from handlers.blocks import b\ndef register(app): ...",
            "handlers/b.py": "def register(app): ...",
        },
        {
            "handlers/a/__init__.py": "from handlers.a import view\ndef register(app): ...",
            "handlers/a/view.py": "",
        },
        {
            "handlers/__init__.py": "from handlers import a",
            "handlers/a.py": "def register(app): ...",
        },
    ],
    ids=["a-shared-module", "a-same-named-builder", "its-own-package", "the-package-index"],
)
def test_the_scan_lets_surfaces_use_what_is_shared(files: dict[str, str]) -> None:
    modules = parsed({ROOT / path: source for path, source in files.items()})
    assert sideways_imports(modules) == set()
