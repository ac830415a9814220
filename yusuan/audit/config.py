"""Audit settings from a config file: ``[tool.yusuan]`` in pyproject.toml, or ``yusuan.toml``.

The file is looked for from the current directory upwards (the nearest wins), like ruff:

    [tool.yusuan]               # in yusuan.toml the same keys stand at the top level
    select = ["Y1", "Y2"]       # codes or prefixes
    ignore = ["Y108"]
    [tool.yusuan.severity]
    Y101 = "warning"

Command-line options win over the file: ``--select``/``--ignore`` replace the file's lists.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yusuan.audit import SEVERITIES, Severity

CONFIG_NAMES = ("yusuan.toml", "pyproject.toml")


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and the reason (Chinese)."""


@dataclass
class AuditConfig:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    path: str | None = None  # the file it came from

    def merged(self, select: list[str] | None, ignore: list[str] | None) -> AuditConfig:
        """The settings with the command line's ``--select``/``--ignore`` taking precedence."""
        return AuditConfig(
            select=select if select else self.select,
            ignore=ignore if ignore else list(self.ignore),
            severity=dict(self.severity),
            path=self.path,
        )


def _codes(value: Any, key: str, path: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} 应为规则代码列表，如 [\"Y1\", \"Y201\"] ({key} must be a list of codes)")
    return [v.strip().upper() for v in value if v.strip()]


def _from_table(table: dict[str, Any], path: str) -> AuditConfig:
    cfg = AuditConfig(path=path)
    known = {"select", "ignore", "severity"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{path}: 未知的配置项 {', '.join(unknown)} (unknown keys; known: select, ignore, severity)")
    if "select" in table:
        cfg.select = _codes(table["select"], "select", path)
    if "ignore" in table:
        cfg.ignore = _codes(table["ignore"], "ignore", path)
    sev = table.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{path}: severity 应为表，如 Y101 = \"warning\" (severity must be a table)")
    for code, level in sev.items():
        if level not in SEVERITIES:
            raise ConfigError(
                f"{path}: {code} 的级别 {level!r} 无效，应为 error / warning / info (invalid severity)")
        cfg.severity[code.upper()] = level
    return cfg


def load_config_file(path: str | os.PathLike[str]) -> AuditConfig | None:
    """The settings in one file; None when it is a pyproject.toml without ``[tool.yusuan]``."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: 无法读取配置文件：{exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: 配置文件不是有效的 TOML：{exc}") from exc
    if p.name == "pyproject.toml":
        table = data.get("tool", {}).get("yusuan")
        if table is None:
            return None
    else:
        table = data.get("tool", {}).get("yusuan", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{p}: [tool.yusuan] 应为表 (must be a table)")
    return _from_table(table, str(p))


def find_config(start: str | os.PathLike[str] | None = None) -> AuditConfig:
    """The nearest config from ``start`` (default: the current directory) upwards; empty if none."""
    here = Path(start or os.getcwd()).resolve()
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
            f = d / name
            if f.is_file():
                cfg = load_config_file(f)
                if cfg is not None:
                    return cfg
    return AuditConfig()
