"""Project tables in the finance bureau's Excel template (项目支出绩效自评表).

:func:`write_xlsx` writes one sheet per table in the template's layout;
:func:`read_xlsx` reads every sheet that holds a table back, locating each
block by its labels (so inserted rows and shifted columns still read) and
reporting every cell it cannot place. openpyxl is an optional extra
(``pip install 'jixiao[xlsx]'``), imported only when a workbook is handled.

The layout (``recompute=True``; without it the column 复核得分 is absent and
偏差原因 moves to I):

.. code-block:: text

        A             B               C          D          E          F            G          H       I                 J
     1  项目支出绩效自评表 (merged A:last)
     2  项目编码:     [code B:C]                 项目名称:  [name E:F]             绩效自评年度: [year H:last]
     3  实施单位:     [unit B:D]                            一级预算单位: [budget unit F:last]
     4  资金使用情况 (merged)
     5  (A:B)                         年初预算数 全年预算数 全年执行数   分值       执行率(%)  得分    复核得分 recomputed
     6  项目资金(元)  年度资金总额    [amount]   [amount]   [amount]   [weight]     [rate]     [points] (recomputed)
     7  (A6:A9)       其中:当年财政拨款 [amount] [amount]   [amount]   —            —          —
     8                上年结转资金    …
     9                其他资金        …
    10  项目目标完成情况 (merged)
    11  年度总体目标  预期目标 (B:E)                                   * 实际完成情况 (F:last)
    12  (A11:A12)     [expected B:E]                                   [achieved F:last]
    13  年度绩效指标  一级指标        二级指标   三级指标   年度指标值 * 实际完成值 * 分值     * 得分  复核得分 recomputed 偏差原因分析及改进措施 [等次 tier]
    14… (A13:A…)      [产出指标(50分)] [数量指标] [name]    [target]   [actual]     [weight]   [points] (recomputed) [note] [tier]
     …  总分 (merged A:F)                                                           [weight]   [points] (total)  —
        (blank)
        复核 audit     the audit's findings: severity, row, field, printed, expected, message
        (blank)
        元数据 metadata: 来源 source, 模板 template, 收回 withdrawn, 备注 remark,
                        一级指标 level 1, 结构 structure (only those the table needs)

``[…]`` cells are input cells (light blue): a printed plain number as a
number, in a format that shows it as printed ("7.00" → 7 in "0.00"), any
other text as text (number format "@"), the year as a whole number; the
总分 cells and the 年度资金总额 amounts are ``=SUM`` of the cells above them
when that sum shows what the table prints (``jixiao.io._xlsx_write``);
level-1 and level-2 labels are merged over their rows. The title is
centred; the sheet prints landscape, one page wide. ``(…)`` cells are computed by jixiao (light yellow) and
ignored when read, as are the 复核 audit block and the column 复核得分.

Reading (documented choices):

* A sheet holds a table when it has the label 项目编码 or the title. A sheet
  without one is not an error: each of its cells is reported
  :class:`~jixiao.io.Unplaced` ("no project table on this sheet"). A table
  sheet missing a required label (项目编码, 项目名称, 绩效自评年度, the funds
  header, 年度资金总额, 预期目标 / 实际完成情况, the indicator header, 总分)
  or with a year that is not a whole number raises :class:`ReadError`.
* Every non-empty cell not placed is reported (at most 1,000 per sheet, then
  one line counting the rest). A formula without a stored value is
  recomputed when it is a SUM of same-sheet cells that are empty or hold
  numbers (the reader notes it; the batch audit reports a
  ``formula-recomputed`` finding), else read as unreadable "#####" with a
  note saying why; nothing else is ever computed
  (``jixiao.io._xlsx_formula``).
* Numbers are shown as Excel shows them: the cell's simple number format
  ("0.00", "#,##0.00", "0.00%") fixes the decimals, otherwise the shortest
  exact form; dates become ISO text.
* Every indicator row between the header and 总分 is kept, blank ones too.
* Refused with :class:`ReadError` before openpyxl opens the file: a file over
  20 MB, an empty file, anything that is not a zip, a damaged zip, more than
  10,000 members or 200 MB unpacked (zip bombs), more than 200,000 cells or
  200,000 merged cells.
* ``source`` is the 来源 stored in the sheet, else "file, sheet name".

Round trip: ``read_xlsx`` gives back every field of every table
``write_xlsx`` wrote (``source`` included when the table had one).

The work is done in private modules: ``_xlsx_guard`` (checks before
openpyxl opens a file), ``_xlsx_layout`` (labels and pure helpers shared by
both directions), ``_xlsx_write`` and ``_xlsx_read``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jixiao._safe_write import replacing
from jixiao.errors import InputError, ReadError
from jixiao.io._xlsx_write import sheet_names, write_sheet
from jixiao.io.recognise import recognise
from jixiao.io.result import ReadResult
from jixiao.io.sources import read_grid
from jixiao.project.model import ProjectTable

__all__ = ["read_xlsx", "write_xlsx"]


def _openpyxl(source: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise ReadError(
            "reading or writing .xlsx needs openpyxl: install jixiao[xlsx]",
            zh="读写 .xlsx 需要 openpyxl：pip install 'jixiao[xlsx]'",
            source=source,
        ) from None
    return openpyxl


def write_xlsx(tables: Sequence[ProjectTable], path: str | Path, *, recompute: bool = True) -> None:
    """Write *tables* to an .xlsx workbook, one sheet per table, in the template's layout.

    Every cell the model keeps is written as printed: a plain number as a
    number shown as printed ("7.00" is 7 in the format "0.00"), any other
    text as text; a text such as "=SUM(A1)", "+1" or "@x" is a text cell,
    and reads back as written. The only formulas are jixiao's own sums (总分,
    年度资金总额), written when the sum shows the printed value; the workbook
    is recalculated when opened.

    Args:
        tables: the tables, one sheet each (named after the project, unique).
        path: the workbook to write (replaced whole if it is a regular file:
            a temporary file beside it takes its place; a symbolic link or
            anything but a regular file there is refused).
        recompute: add the column "复核得分 recomputed" (each row's points by
            :func:`~jixiao.project.evaluation.score_table`, and the total) and
            a "复核 audit" block with the audit's findings. The printed cells
            are unchanged either way; the reader ignores both.

    Raises:
        ReadError: openpyxl is not installed (``pip install 'jixiao[xlsx]'``).
        InputError: no tables, or a text longer than a cell holds (32,767 characters).
        WriteError: a link or non-regular file is in the way, or the system
            refuses to write.
    """
    openpyxl = _openpyxl(str(path))
    if not tables:
        raise InputError("no tables to write", zh="没有要写入的表", source=str(path))
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for table, name in zip(tables, sheet_names(tables), strict=True):
        write_sheet(workbook.create_sheet(name), table, recompute)
    with replacing(Path(path)) as stream:
        workbook.save(stream)


def read_xlsx(path: str | Path) -> ReadResult:
    """Read every project table in an .xlsx workbook, whatever its layout.

    Each sheet becomes part of a grid of located cells (what Excel displays,
    merged cells known; :mod:`jixiao.io.sources`) and the tables are read from
    it by the one layout recogniser (:mod:`jixiao.io.recognise`). A formula
    without a stored value is recomputed only when it is a plain SUM of
    same-sheet cells (and noted); any other shows ``#####`` and is noted.

    Returns:
        The tables in sheet order and every line that could not be placed,
        located as ``"book.xlsx:Sheet1!B7"``.

    Raises:
        ReadError: the file is missing, too large, not an .xlsx workbook,
            damaged or a zip bomb; also when openpyxl is not installed. The
            message names the file.
    """
    return recognise(read_grid(path))
