"""Splink comparison levels as plain dicts, with SQL written `l.column = r.column`
like the blocking rules."""

import re


def sides(sql: str) -> str:
    """Comparison SQL names the two sides `first_key_l`/`first_key_r`; written here as
    `l.first_key`/`r.first_key` so it reads like the blocking rules."""
    return re.sub(r"\b([lr])\.(\w+)", r"\2_\1", sql)


def level(sql, m, u, label, **extra):
    return {
        "sql_condition": sides(sql),
        "m_probability": m,
        "u_probability": u,
        "label_for_charts": label,
        **extra,
    }


def null_level(sql):
    return {"sql_condition": sides(sql), "is_null_level": True, "label_for_charts": "missing"}


def else_level(m, u, **extra):
    return level("ELSE", m, u, "different", **extra)
