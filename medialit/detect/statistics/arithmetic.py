"""Arithmetic a reader can redo: shares, ranges and exact sums among nearby figures."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .numbers import _Group, _numeric

# ---------------------------------------------------------------------------------------------
# Arithmetic
# ---------------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    if abs(value) >= 1e6 and (value / 1e5).is_integer():
        return f"{value / 1e6:g} million"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _pct(value: float) -> str:
    digits = 2 if abs(value) < 10 else 1
    return f"{value:.{digits}f}%"


def _verdict(actual: float, stated: float, label: str, approx: bool) -> str:
    decimals = len(label.split(".")[1].rstrip("% percnt")) if "." in label else 0
    scale = 10**decimals
    rounded = math.floor(actual * scale + 0.5) / scale
    cut = math.floor(actual * scale) / scale
    if abs(rounded - stated) < 1e-9:
        if abs(actual - stated) < 0.05 / scale:
            return f", so “{label}” holds"
        return f", so “{label}” holds (rounded {'down' if actual > stated else 'up'})"
    if abs(cut - stated) < 1e-9:
        return f"; the stated {label} is cut off rather than rounded (it would round to {rounded:g}%)"
    if approx and abs(actual - stated) <= 1.5:
        return f", so “{label}” roughly holds"
    return f", so “{label}” does not hold: the two numbers give {_pct(actual)}"


def _check(group: _Group) -> str | None:
    """The arithmetic that can be done inside one statistic."""
    numbers = [a for a in group.atoms if _numeric(a) and not a.pct]
    stated = next((a for a in group.atoms if a.pct and a.value is not None), None)
    if ("of" in group.links or "in" in group.links) and len(numbers) >= 2:
        x, y = numbers[0].value, numbers[1].value
        assert x is not None and y is not None
        if y == 0:
            return None
        share = 100 * x / y
        text = f"{_fmt(x)} ÷ {_fmt(y)} = {_pct(share)}"
        if x > y:
            return (
                text
                + f": the first number is bigger than the whole ({_fmt(y)}), so check what each one counts."
            )
        if stated is not None:
            label = stated.label.strip() or f"{_fmt(stated.value or 0)}%"
            return text + _verdict(share, stated.value or 0, label, stated.approx) + "."
        rest = y - x
        return text + f"; the other {_fmt(rest)} ({_pct(100 - share)}) are the rest of the {_fmt(y)}."
    if "range" in group.links:
        a, b = group.atoms[0].value, group.atoms[1].value
        if a is None or b is None:
            return None
        unit = " percentage points" if group.atoms[0].pct else ""
        approx = " (both ends are approximate)" if group.atoms[0].approx or group.atoms[1].approx else ""
        if group.opener == "between":
            return (
                f"The range runs from {_fmt(a)} to {_fmt(b)}: a spread of {_fmt(abs(b - a))}{unit}, "
                f"with {_fmt((a + b) / 2)} in the middle."
            )
        change = f"{_fmt(b)} − {_fmt(a)} = {_fmt(b - a)}{unit}"
        if a > 0 and not unit:
            ratio = b / a
            words = ""
            if ratio >= 4:
                words = f", so it grew about {ratio:.0f}-fold"
            elif ratio >= 3:
                words = ", so it more than tripled"
            elif ratio >= 2:
                words = ", so it more than doubled"
            elif ratio < 1:
                words = f", a fall of {_pct(100 * (1 - ratio))}"
            else:
                words = f", a rise of {_pct(100 * (ratio - 1))}"
            return f"{change}; {_fmt(b)} ÷ {_fmt(a)} ≈ {ratio:.1f}{words}{approx}."
        return change + approx + "."
    return None


@dataclass
class _Sums:
    """Exact sums among the whole numbers of a paragraph and the one before: '328 + 813 + 10,613 = 11,754'."""

    numbers: list[tuple[int, int, float]]  # (paragraph, position, value)
    by_paragraph: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    found: dict[int, list[tuple[list[int], int, list[float], float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p, pos, v in self.numbers:
            if v >= 10 and v.is_integer():
                self.by_paragraph.setdefault(p, []).append((pos, v))

    def equations(self, paragraph: int) -> list[tuple[list[int], int, list[float], float]]:
        """(positions of the parts, position of the total, part values, total), for up to 8 numbers."""
        if paragraph in self.found:
            return self.found[paragraph]
        window = self.by_paragraph.get(paragraph - 1, []) + self.by_paragraph.get(paragraph, [])
        equations: list[tuple[list[int], int, list[float], float]] = []
        if 3 <= len(window) <= 8:  # more numbers than this and exact sums turn up by chance
            where: dict[float, int] = {}
            for pos, v in window:
                where.setdefault(v, pos)
            n = len(window)
            for i in range(n):
                for j in range(i + 1, n):
                    for k in [None, *range(j + 1, n)]:
                        parts = [window[i], window[j]] + ([window[k]] if k is not None else [])
                        total = sum(v for _, v in parts)
                        if total >= 100 and total in where and where[total] not in [p for p, _ in parts]:
                            equations.append(
                                ([p for p, _ in parts], where[total], [v for _, v in parts], total)
                            )
        self.found[paragraph] = equations
        return equations
