"""The project table file form: round trips, exact errors, hostile files."""

from __future__ import annotations

import json
import time
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import InputError, JixiaoError, ReadError, UnknownKeyError
from jixiao.project import dumps_table, load_table, save_table, table_from_dict, table_to_dict
from jixiao.project import file as table_file
from jixiao.project.model import (
    Funds,
    FundsRow,
    Goal,
    Level1,
    Level2,
    ProjectInfo,
    ProjectTable,
    Row,
    Total,
)
from jixiao.quantities import Unit

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "projects").glob("*.toml"))

cells = st.one_of(
    st.sampled_from(
        ["", "7.00", "7", "#####", "—", "无", "≥90%", "100%", "全年突破21万", "不适用"]
    ),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
)
rows = st.builds(
    Row,
    name=cells,
    target=cells,
    actual=cells,
    weight=cells,
    points=cells,
    note=cells,
    tier=st.one_of(st.none(), st.sampled_from(["achieved", "partly", "not"])),
)
funds_rows = st.builds(FundsRow, cells, cells, cells)
tables = st.builds(
    ProjectTable,
    project=st.builds(
        ProjectInfo,
        code=cells,
        name=cells,
        year=st.integers(2000, 2100),
        implementing_unit=cells,
        budget_unit=cells,
    ),
    funds=st.builds(
        Funds,
        total=funds_rows,
        unit=st.sampled_from(list(Unit)),
        current_appropriation=funds_rows,
        carry_over=funds_rows,
        other=funds_rows,
        weight=cells,
        rate=cells,
        points=cells,
        rate_percent=st.booleans(),
        rate_on_initial_budget=st.booleans(),
    ),
    level1=st.lists(
        st.builds(
            Level1,
            name=cells,
            weight=cells,
            level2=st.lists(
                st.builds(
                    Level2,
                    name=cells,
                    indicators=st.lists(rows, max_size=3).map(tuple),
                    weight=cells,
                ),
                max_size=3,
            ).map(tuple),
        ),
        max_size=3,
    ).map(tuple),
    total=st.builds(Total, cells, cells, cells),
    goal=st.builds(Goal, cells, cells),
    template=st.one_of(st.none(), st.just("national-2020")),
    withdrawn=st.one_of(st.none(), st.just("资金已收回，未实施")),
    source=st.one_of(st.none(), cells.filter(bool)),
    remarks=st.lists(cells, max_size=2).map(tuple),
)


@given(tables, st.sampled_from(["toml", "json"]))
def test_any_table_round_trips_through_text(table: ProjectTable, form: str) -> None:
    from jixiao._toml import read_json_text, read_toml_text

    text = dumps_table(table, form)
    data = read_toml_text(text, "t") if form == "toml" else read_json_text(text, "t")
    assert table_from_dict(data) == table


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_seed_tables_round_trip_through_files(path: Path, tmp_path: Path) -> None:
    table = load_table(path)
    for suffix in (".toml", ".json"):
        out = tmp_path / f"t{suffix}"
        save_table(table, out)
        assert load_table(out) == table


def _data() -> dict[str, Any]:
    """A real table with three rows in its first level-2 group."""
    (path,) = (p for p in EXAMPLES if p.name.startswith("luohu-2023-04"))
    return table_to_dict(load_table(path))


def test_unknown_key_names_the_row_path() -> None:
    data = _data()
    data["level1"][0]["level2"][0]["indicators"][1]["weihgt"] = "7"
    with pytest.raises(UnknownKeyError) as caught:
        table_from_dict(data, "t.toml")
    text = str(caught.value)
    assert "level1[1].level2[1].indicators[2]" in text
    assert "weihgt" in text
    assert "t.toml" in text


def test_a_number_where_printed_text_is_expected_is_refused() -> None:
    data = _data()
    data["level1"][0]["level2"][0]["indicators"][0]["points"] = 7
    with pytest.raises(InputError, match=r"indicators\[1\]\.points.*as printed"):
        table_from_dict(data)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("funds"), "funds"),
        (lambda d: d["project"].update(year="2023"), "project.year"),
        (lambda d: d.update(schema="jixiao.project/9"), "schema"),
        (lambda d: d["funds"].update(unit="美元"), "funds.unit"),
        (lambda d: d["level1"][0]["level2"][0]["indicators"][0].update(tier="maybe"), "tier"),
        (lambda d: d.update(remarks="one"), "remarks"),
        (lambda d: d["funds"].update(rate_percent="yes"), "funds.rate_percent"),
        (lambda d: d["funds"].update(rate_on_initial_budget=1), "funds.rate_on_initial_budget"),
        (lambda d: d["level1"][0]["level2"][0].update(weight=20), "level1[1].level2[1].weight"),
    ],
)
def test_bad_tables_name_the_field(change: Any, field: str) -> None:
    data = _data()
    change(data)
    with pytest.raises(InputError) as caught:
        table_from_dict(data)
    assert field in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "schema"),
        (b"\x00\x01\x02\xff\xfe", "UTF-8"),
        (b"[project\n", "TOML"),
        (b"x = [" * 5000, "TOML"),
    ],
)
def test_hostile_toml_files_give_one_clear_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(JixiaoError) as caught:
        load_table(path)
    assert "bad.toml" in str(caught.value)
    assert message in str(caught.value)


def test_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with pytest.raises(ReadError, match=r"deep\.json"):
        load_table(path)


def test_json_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([1, 2]), "utf-8")
    with pytest.raises(ReadError, match="object"):
        load_table(path)


def test_huge_file_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    with pytest.raises(ReadError, match="too large"):
        load_table(path)


def test_huge_cell_is_kept(tmp_path: Path) -> None:
    table = load_table(EXAMPLES[0])
    data = table_to_dict(table)
    data["goal"]["expected"] = "很长" * 200_000
    assert table_from_dict(data).goal.expected == "很长" * 200_000


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        load_table(tmp_path / "nope.toml")
    with pytest.raises(ReadError, match="folder"):
        load_table(tmp_path)


def test_unknown_form_is_refused(tmp_path: Path) -> None:
    table = load_table(EXAMPLES[0])
    with pytest.raises(InputError, match="form"):
        dumps_table(table, "yaml")


def test_a_table_of_twenty_thousand_rows_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100,000-row file once took 30 s and 2.3 GB. A list longer than the
    bound is refused by its length, before any of its rows is read, so the
    refusal costs about what parsing the file costs (and ``MAX_FILE_BYTES``
    bounds that). Timed against the parse on the same machine, not against the
    clock: CI's machine under coverage is five times slower than a quiet one."""
    rows = "".join(
        f'[[level1.level2.indicators]]\nname = "r{n}"\nweight = "0"\n' for n in range(20_000)
    )
    (example,) = (p for p in EXAMPLES if p.name.startswith("luohu-2023-01"))
    text = example.read_text("utf-8") + "\n" + rows  # rows of its last level-2 group
    path = tmp_path / "huge.toml"
    path.write_text(text, "utf-8")
    start = time.perf_counter()
    tomllib.loads(text, parse_float=Decimal)
    parse = time.perf_counter() - start
    rows_read: list[str] = []
    read_row = table_file._row

    def counted(data: object, where: str) -> Row:
        rows_read.append(where)
        return read_row(data, where)

    monkeypatch.setattr(table_file, "_row", counted)
    start = time.perf_counter()
    with pytest.raises(InputError, match="more than 1,000 entries") as raised:
        load_table(path)
    refused = time.perf_counter() - start
    field = "level1[3].level2[2].indicators"
    assert raised.value.field == field
    assert rows_read, "the rows before the refused list are read"
    assert not [where for where in rows_read if where.startswith(field)]
    assert refused < 2 * parse + 1, (refused, parse)
