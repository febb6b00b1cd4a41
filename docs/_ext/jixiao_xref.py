"""Sphinx extension: resolve jixiao's own names that Python's rules leave unresolved.

The API is documented where each object is defined (``jixiao.quantities.Ratio``),
while docstrings and annotations name objects the way a user does: through the
package's re-exports (``jixiao.Ratio``, ``~jixiao.Score``), by a short name in
the module that imports them (``Ratio`` in :mod:`jixiao.primitives`), or as a
string annotation of a name imported only for type checking (``Indicator`` in
:mod:`jixiao.score`); and a type variable of a signature (``F``), which has
no page of its own, is shown as plain text; an attribute without an entry of
its own (a slotted attrs field, an enum member) links to its class. This
resolves such references to the documented object,
by asking Python what the name is bound to, never by guessing; a name that
still resolves to nothing stays a nitpick warning.

Only references that start with ``jixiao`` or that are made from inside a
jixiao module are touched; standard-library and third-party names are left to
``nitpick_ignore_regex`` in ``conf.py``.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, TypeVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode


def _lookup(dotted: str) -> Any:
    """The object a dotted name is bound to, or None."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        try:
            for part in parts[i:]:
                obj = getattr(obj, part)
        except AttributeError:
            return None
        return obj
    return None


def _canonical(obj: Any) -> str | None:
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if isinstance(obj, type(sys)):
        return obj.__name__
    if module and qualname and module.startswith("jixiao"):
        return f"{module}.{qualname}"
    return None


def _documented(env: BuildEnvironment) -> dict[str, Any]:
    return env.get_domain("py").objects  # type: ignore[attr-defined, no-any-return]


def _candidates(target: str, modname: str | None, clsname: str | None) -> list[str]:
    """Dotted names the reference may mean, most specific first."""
    names: list[str] = []
    if target.startswith("jixiao"):
        names.append(target)
    if modname and modname.startswith("jixiao"):
        if clsname:
            names.append(f"{modname}.{clsname}.{target}")
        names.append(f"{modname}.{target}")
    return names


def resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    modname = node.get("py:module")
    clsname = node.get("py:class")
    objects = _documented(env)
    for name in _candidates(target, modname, clsname):
        if isinstance(_lookup(name), TypeVar):
            # A type variable (``F`` in ``Callable[[F], F]``) stands for any
            # type; it is not an object with a page of its own. Shown as text.
            return contnode
        canonical = name if name in objects else _canonical(_lookup(name))
        if canonical and canonical in objects and canonical != target:
            entry = objects[canonical]
            return make_refnode(
                app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, canonical
            )
    # An attribute with no entry of its own (a slotted attrs field, an enum
    # member, a cached property): link to its class, when the class is
    # documented and really has that attribute.
    for name in _candidates(target, modname, clsname):
        parent, _, attr = name.rpartition(".")
        owner = _lookup(parent) if parent else None
        if not isinstance(owner, type) or not hasattr(owner, attr):
            continue
        canonical = parent if parent in objects else _canonical(owner)
        if canonical is None or canonical not in objects:
            continue
        full = f"{canonical}.{attr}"
        chosen = full if full in objects else canonical
        entry = objects[chosen]
        return make_refnode(
            app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, chosen
        )
    # A string annotation of a name imported only under TYPE_CHECKING: its
    # module cannot tell; accept it when exactly one documented jixiao object
    # (class or type alias) bears that name.
    if modname and modname.startswith("jixiao") and "." not in target:
        matches = [
            name
            for name, entry in objects.items()
            if name.startswith("jixiao.")
            and name.rsplit(".", 1)[-1] == target
            and entry.objtype in {"class", "exception", "data", "type"}
        ]
        if len(matches) == 1:
            entry = objects[matches[0]]
            return make_refnode(
                app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, matches[0]
            )
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("missing-reference", resolve)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
