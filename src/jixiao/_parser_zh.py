"""The TOML and JSON parsers' messages in Chinese (private), for the
Chinese line of a :class:`~jixiao.errors.ReadError` about a file that does
not parse: what is wrong (as the parser says it, in Chinese where jixiao
knows its words), then where (line and column).

>>> import tomllib
>>> try:
...     tomllib.loads("name = [")
... except tomllib.TOMLDecodeError as error:
...     print(toml_zh(error))
无效的值（文档末尾）
"""

from __future__ import annotations

import json
import re
import tomllib

__all__ = ["json_zh", "toml_zh"]

_PARSER_ZH = {
    "Invalid value": "无效的值",
    "Invalid statement": "无效的语句",
    "Unclosed array": "数组未闭合",
    "Unclosed inline table": "内联表未闭合",
    "Unterminated string": "字符串未结束",
    "Expected '=' after a key in a key/value pair": "键之后应为 '='",
    "Expected newline or end of document after a statement": "语句之后应换行或结束",
    "Expected ']' at the end of a table declaration": "表的声明应以 ']' 结束",
    "Expected ']]' at the end of an array declaration": "数组的声明应以 ']]' 结束",
    "Invalid initial character for a key part": "键的首字符无效",
    "Cannot overwrite a value": "不能覆盖已有的值",
    "Invalid date or datetime": "无效的日期或时间",
    "Expecting value": "此处应为一个值",
    "Expecting property name enclosed in double quotes": "此处应为双引号中的键名",
    "Expecting ',' delimiter": "此处应为分隔符 ','",
    "Expecting ':' delimiter": "此处应为分隔符 ':'",
    "Extra data": "多余的数据",
    "Unterminated string starting at": "字符串未结束",
    "Invalid control character at": "无效的控制字符",
}
"""The TOML and JSON parsers' messages in Chinese (a message not listed stays the parser's)."""
_PARSER_FORMS_ZH = (
    (re.compile(r"Cannot declare (.+) twice"), r"\1 声明了两次"),
    (re.compile(r"(?:Found invalid|Illegal) character (.+)"), r"无效的字符 \1"),
    (re.compile(r"Duplicate inline table key (.+)"), r"内联表的键 \1 重复"),
    (re.compile(r"Cannot (?:mutate immutable|redefine) namespace (.+)"), r"不能再定义 \1"),
)
_AT = re.compile(r"(.*) \(at (?:line (\d+), column (\d+)|end of document)\)", re.DOTALL)


def _parser_zh(message: str) -> str:
    if message in _PARSER_ZH:
        return _PARSER_ZH[message]
    for pattern, chinese in _PARSER_FORMS_ZH:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return message


def toml_zh(error: tomllib.TOMLDecodeError) -> str:
    """tomllib's message in Chinese: what, then where (line and column)."""
    found = _AT.fullmatch(str(error))
    if found is None:
        return str(error)
    where = f"第 {found[2]} 行第 {found[3]} 列" if found[2] else "文档末尾"
    return f"{_parser_zh(found[1])}（{where}）"


def json_zh(error: json.JSONDecodeError | RecursionError) -> str:
    """json's message in Chinese: what, then where (line and column)."""
    if isinstance(error, RecursionError):
        return "嵌套过深"
    return f"{_parser_zh(error.msg)}（第 {error.lineno} 行第 {error.colno} 列）"
