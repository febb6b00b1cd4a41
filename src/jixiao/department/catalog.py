"""The frameworks jixiao ships, a user's framework file, and the version of a
family that applies to a year.

>>> framework("shenzhen-luohu-2023").validity.first
2023
>>> framework_for("shenzhen-luohu", 2023).id
'shenzhen-luohu-2023'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jixiao._toml import package_ids, read_data_file, read_package_toml
from jixiao.department._framework_file import framework_from_dict
from jixiao.department.framework import Framework
from jixiao.errors import FrameworkError, UnknownKeyError

__all__ = ["available_frameworks", "family", "framework", "framework_for", "load_framework"]

_PACKAGE_DATA = "jixiao.data.frameworks"


@cache
def available_frameworks() -> tuple[str, ...]:
    """The ids of the frameworks shipped with jixiao (read once: shipped data)."""
    return package_ids(_PACKAGE_DATA)


@cache
def framework(id: str) -> Framework:
    """A shipped framework by its id, e.g. ``framework("shenzhen-luohu-2023")``.

    Raises:
        UnknownKeyError: no shipped framework has that id (the message lists them).
    """
    return framework_from_dict(read_package_toml(_PACKAGE_DATA, id, "framework"), f"{id}.toml")


def load_framework(path: str | Path) -> Framework:
    """Read a user's framework file (TOML or JSON, same form as the shipped ones)."""
    return framework_from_dict(read_data_file(path), str(path))


def family(name: str) -> tuple[Framework, ...]:
    """The shipped versions of the family *name*, oldest first."""
    versions = [framework(id) for id in available_frameworks()]
    return tuple(sorted((f for f in versions if f.family == name), key=lambda f: f.validity.first))


def framework_for(name: str, year: int) -> Framework:
    """The shipped framework *name* (an id), or the version of the family
    *name* that applies to *year*.

    A framework named by its id is returned whatever the year: evaluating it
    checks the year against its period.

    Raises:
        UnknownKeyError: neither a framework nor a family of that name.
        FrameworkError: no version of the family applies to *year*, or several do.
    """
    if name in available_frameworks():
        return framework(name)
    versions = family(name)
    if not versions:
        families = sorted({framework(i).family for i in available_frameworks()})
        raise UnknownKeyError(
            "no framework or family of this name; frameworks: "
            f"{', '.join(available_frameworks())}; families: {', '.join(families)}",
            zh=f"没有此名称的指标体系框架或框架系列；框架：{', '.join(available_frameworks())}；系列：{', '.join(families)}",
            value=name,
        )
    applying = [f for f in versions if f.validity.contains(year)]
    if len(applying) != 1:
        periods = ", ".join(f"{f.id} ({f.validity})" for f in versions)
        what, what_zh = (
            ("no version", "没有") if not applying else ("more than one version", "有多个")
        )
        raise FrameworkError(
            f"{what} of the family {name!r} applies to {year}; versions: {periods}",
            zh=f"框架系列 {name!r} {what_zh}版本适用于 {year} 年；各版本：{periods}",
            field="framework",
            value=name,
        )
    return applying[0]
