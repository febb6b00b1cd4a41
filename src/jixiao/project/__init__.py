"""Project self-evaluation (项目支出绩效自评): the table, its templates, scoring and audit.

>>> from jixiao.project import audit, load_table
>>> table = load_table("examples/projects/luohu-2023-04-行政服务大厅运行.toml")
>>> result = audit(table)
>>> result.ok, result.evaluation.total
(True, Decimal('98.16'))
"""

from jixiao._arguments import export_checked
from jixiao.project.audit import Audit, audit
from jixiao.project.evaluation import Method, ProjectEvaluation, RowResult, score_row, score_table
from jixiao.project.file import dumps_table, load_table, save_table, table_from_dict, table_to_dict
from jixiao.project.findings import Finding, Severity
from jixiao.project.model import (
    Funds,
    FundsRow,
    Goal,
    Level1,
    Level1Kind,
    Level2,
    Level2Kind,
    ProjectInfo,
    ProjectTable,
    Row,
    Total,
    number_problem,
    printed_number,
    printed_points,
)
from jixiao.project.rules import (
    LOWER_IS_BETTER,
    aggregate_completion,
    execution,
    higher_is_better,
    lower_is_better,
    lower_is_better_linear,
    not_applicable,
    qualitative,
)
from jixiao.project.template import (
    QualitativeTier,
    Template,
    TemplateGroup,
    available_templates,
    default_template,
    load_template,
    match_template,
    template,
)

__all__ = [
    "LOWER_IS_BETTER",
    "Audit",
    "Finding",
    "Funds",
    "FundsRow",
    "Goal",
    "Level1",
    "Level1Kind",
    "Level2",
    "Level2Kind",
    "Method",
    "ProjectEvaluation",
    "ProjectInfo",
    "ProjectTable",
    "QualitativeTier",
    "Row",
    "RowResult",
    "Severity",
    "Template",
    "TemplateGroup",
    "Total",
    "aggregate_completion",
    "audit",
    "available_templates",
    "default_template",
    "dumps_table",
    "execution",
    "higher_is_better",
    "load_table",
    "load_template",
    "lower_is_better",
    "lower_is_better_linear",
    "match_template",
    "not_applicable",
    "number_problem",
    "printed_number",
    "printed_points",
    "qualitative",
    "save_table",
    "score_row",
    "score_table",
    "table_from_dict",
    "table_to_dict",
    "template",
]

export_checked(globals(), __all__)
