"""The grid's records: a table's locations, written out when first read."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from jixiao.io.grid import Cell, Location, Locations

_PATHS = st.sampled_from(["title", "funds.weight", "rows.0.name", "rows.0.note", "rows.1.note"])
_LOCATIONS = st.builds(
    Location,
    st.sampled_from(["report.txt", "book.xlsx", "page.html"]),
    st.integers(1, 300),
    st.integers(0, 12),
    st.sampled_from(["", "Sheet1", "p3", "t2"]),
    st.booleans(),
)
_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("put"), _PATHS, _LOCATIONS, st.integers(0, 12), st.booleans()),
        st.tuples(st.just("cell"), _PATHS, _LOCATIONS, st.integers(0, 12), st.booleans()),
        st.tuples(st.just("alias"), _PATHS, _PATHS, st.booleans()),
        st.tuples(st.just("read"), _PATHS),
    ),
    max_size=20,
)


@given(_STEPS)
def test_locations_are_the_texts_written_at_once(steps: list[tuple[object, ...]]) -> None:
    # The model: a dict of location texts, each written out when recorded.
    where, model = Locations(), dict[str, str]()
    for step in steps:
        match step:
            case ("put", str(path), Location() as line, int(column), bool(first)):
                where.put(path, line, column, first=first)
                if not (first and path in model):
                    model[path] = line.text_at(column)
            case ("cell", str(path), Location() as line, int(column), bool(first)):
                cell = Cell("x", 0, 0, 1, line, column)
                where.put_cell(path, cell, first=first)
                if not (first and path in model):
                    model[path] = str(cell.location)
            case ("alias", str(path), str(of), bool(first)):
                where.alias(path, of, first=first)
                if of in model and not (first and path in model):
                    model[path] = model[of]
            case ("read", str(path)):
                assert where.get(path) == model.get(path)
        assert list(where) == list(model)
        assert len(where) == len(model)
    assert dict(where) == model
    assert where == model
    assert dict(pickle.loads(pickle.dumps(where))) == model


def test_locations_update_takes_the_others_places() -> None:
    one, other = Locations(), Locations()
    one.put("title", Location("report.txt", 1), 0)
    one.put("total.points", Location("report.txt", 30), 9)
    other.put("total.points", Location("report.txt", 31), 8)
    one.update(other)
    assert dict(one) == {"title": "report.txt:1", "total.points": "report.txt:31:8"}
    assert "total.points" in one
    assert "rows.0.name" not in one
    assert repr(one) == repr({"title": "report.txt:1", "total.points": "report.txt:31:8"}).join(
        ("Locations(", ")")
    )
