"""The layering rules of docs/DESIGN.md, checked on the source (no import is executed).

Data flows one way — files → frames → analysis → views — and so do imports: a module
may import its own layer or a lower one, never a higher one; only the UI imports
Streamlit; no module reaches into another module's private (``_underscore``) names; and
no two modules import each other, directly or round a circle. Lazy imports inside
functions count as imports: they still tie the modules together.

A new package must be given its layer in ``LAYERS`` before its first commit passes.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dashboard"

#: Lowest first. A module belongs to the layer of the longest prefix that names it.
LAYERS: tuple[tuple[str, ...], ...] = (
    # The string table imports nothing: charts and analysis labels name things too.
    ("dashboard.paths", "dashboard.frames", "dashboard.datafiles", "dashboard.i18n"),
    ("dashboard.arabic",),
    ("dashboard.dates",),
    ("dashboard.readers",),
    ("dashboard.actors",),
    ("dashboard.quotes",),
    # The package itself re-exports load_corpus (lazily): it sits with the pipeline.
    ("dashboard", "dashboard.ingest", "dashboard.corpus", "dashboard.cache", "dashboard.store"),
    ("dashboard.analysis", "dashboard.query"),
    ("dashboard.charts",),
    ("dashboard.ui", "dashboard.views", "dashboard.app"),
    ("dashboard.cli", "dashboard.__main__"),
)
STREAMLIT_LAYERS = {"dashboard.ui", "dashboard.views", "dashboard.app"}


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported module (as resolved: a module, or a name inside one)
    names: tuple[str, ...]  # names taken with ``from target import ...``
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, (), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = name.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield Import(name, target, tuple(a.name for a in node.names), node.lineno)


def layer_of(module: str) -> int | None:
    best, best_len = None, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    return best


def internal_target(target: str, known: dict[str, Path]) -> str | None:
    """The project module an import names (``dashboard.x.y`` may be a module or a name
    inside ``dashboard.x``); None for third-party imports."""
    if target != "dashboard" and not target.startswith("dashboard."):
        return None
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def all_imports() -> list[Import]:
    known = modules()
    return [imp for name, path in known.items() for imp in imports_of(name, path)]


def module_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports (``from pkg import mod`` counts as mod)."""
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for imp in all_imports():
        target = internal_target(imp.target, known)
        if target is None:
            continue
        for n in imp.names or ("",):
            sub = f"{imp.target}.{n}" if n else imp.target
            graph[imp.source].add(sub if sub in known else target)
        graph[imp.source].discard(imp.source)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


# --------------------------------------------------------------------------- the rules


def upward_imports() -> list[str]:
    known = modules()
    found = []
    for imp in all_imports():
        target = internal_target(imp.target, known)
        if target is None:
            continue
        src, dst = layer_of(imp.source), layer_of(target)
        if src is not None and dst is not None and dst > src:
            found.append(f"{imp.source}:{imp.line} imports {target} (a higher layer)")
    return found


def private_imports() -> list[str]:
    known = modules()
    found = []
    for imp in all_imports():
        target = internal_target(imp.target, known)
        if target is None or target == imp.source:
            continue
        private = [n for n in imp.names if n.startswith("_") and not n.startswith("__")]
        if private:
            found.append(f"{imp.source}:{imp.line} takes {private} from {target}")
    return found


def streamlit_imports() -> list[str]:
    return [
        f"{imp.source}:{imp.line}"
        for imp in all_imports()
        if imp.target.split(".")[0] == "streamlit"
        and not any(imp.source == p or imp.source.startswith(p + ".") for p in STREAMLIT_LAYERS)
    ]


def test_every_module_has_a_layer():
    missing = [m for m in modules() if layer_of(m) is None]
    assert not missing, f"give these modules a layer in LAYERS: {missing}"


def test_no_module_imports_a_higher_layer():
    assert not upward_imports(), "\n".join(upward_imports())


def test_only_the_ui_imports_streamlit():
    assert not streamlit_imports(), f"streamlit imported below the UI: {streamlit_imports()}"


def test_no_module_imports_another_modules_private_names():
    assert not private_imports(), "\n".join(private_imports())


def test_no_import_cycles():
    found = cycles(module_graph())
    assert not found, "import cycles: " + "; ".join(" ↔ ".join(c) for c in found)


def test_the_checker_sees_upward_private_circular_and_streamlit_imports(tmp_path, monkeypatch):
    """The rules above would pass vacuously if the parser missed imports: prove it finds them."""
    pkg = tmp_path / "dashboard"
    for sub in ("arabic", "ui"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "arabic" / "a.py").write_text(
        "import streamlit\n\ndef f():\n    from dashboard.ui.b import _hidden\n    return _hidden\n"
    )
    (pkg / "ui" / "b.py").write_text("from ..arabic import a\n_hidden = 1\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", pkg)
    assert upward_imports() == ["dashboard.arabic.a:4 imports dashboard.ui.b (a higher layer)"]
    assert private_imports() == ["dashboard.arabic.a:4 takes ['_hidden'] from dashboard.ui.b"]
    assert streamlit_imports() == ["dashboard.arabic.a:1"]
    assert cycles(module_graph()) == [["dashboard.arabic.a", "dashboard.ui.b"]]
