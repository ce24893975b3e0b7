"""The README stays true: quickstart is exactly the two make targets; every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from govreports.defaults import ENVIRONMENT

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_quickstart_is_make_demo_and_make_test() -> None:
    section = README.split("## Quickstart", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    assert block.group(1).split("\n")[:-1] == ["make demo", "make test"]


def test_every_environment_variable_is_in_the_configuration_table() -> None:
    table = README.split("## Configuration", 1)[1]
    for name, default, _ in ENVIRONMENT:
        row = next((line for line in table.splitlines() if line.startswith(f"| `{name}` |")), None)
        assert row is not None, f"{name} missing from README configuration table"
        if default and len(default) < 20:
            assert f"`{default}`" in row, f"README default of {name} differs from defaults.py ({default})"
