"""Small helpers for building fast regexes: the set of characters a pattern can start with.

`first_char_guard(patterns)` returns a lookahead such as "(?=[人地国…])" listing every character any of
the patterns can begin with, so a search over a long alternation of aliases tests one character class at
most positions. When a pattern can start with an open-ended class (\\d, ., a negated or wide set) or its
structure is not understood, the guard is the empty string: slower, never wrong.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older interpreters
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_WIDE_RANGE = 256


class _Unknown(Exception):
    """The pattern may start with too many characters to list."""


def _first(items: list[tuple[object, object]]) -> tuple[set[str], bool]:
    """First characters of a parsed sequence and whether the sequence can match the empty string."""
    chars: set[str] = set()
    for op, av in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero-width: look at what follows
        if op is _c.LITERAL:
            return chars | {chr(av)}, False  # type: ignore[arg-type]
        if op is _c.IN:
            return chars | _class_chars(av), False  # type: ignore[arg-type]
        if op is _c.SUBPATTERN:
            inner, empty = _first(list(av[-1]))  # type: ignore[index]
        elif op is _c.BRANCH:
            inner, empty = set(), False
            for branch in av[1]:  # type: ignore[index]
                branch_chars, branch_empty = _first(list(branch))
                inner |= branch_chars
                empty = empty or branch_empty
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, _, body = av  # type: ignore[misc]
            inner, empty = _first(list(body))
            empty = empty or low == 0
        else:
            raise _Unknown(op)
        chars |= inner
        if not empty:
            return chars, False
    return chars, True


def _class_chars(items: list[tuple[object, object]]) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))  # type: ignore[arg-type]
        elif op is _c.RANGE and av[1] - av[0] <= _WIDE_RANGE:  # type: ignore[index,operator]
            chars.update(chr(code) for code in range(av[0], av[1] + 1))  # type: ignore[index,operator]
        else:
            raise _Unknown(op)
    return chars


def first_chars(pattern: str) -> frozenset[str] | None:
    """Every character a match of `pattern` can start with, or None when that set is open."""
    try:
        chars, empty = _first(list(_p.parse(pattern)))
    except _Unknown:
        return None
    return None if empty else frozenset(chars)


def first_char_guard(patterns: list[str]) -> str:
    """A lookahead listing every first character the patterns can match, or "" if that set is open."""
    chars: set[str] = set()
    for pattern in patterns:
        first = first_chars(pattern)
        if first is None:
            return ""
        chars |= first
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(chars)) + "])"
