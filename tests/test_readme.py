"""The README's set-up commands are the ones CI runs, and its example runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"## Set-up\n.*?```bash\n(.*?)```", text, re.S)
    assert block, "README has no Set-up bash block"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_has_two_setup_commands_and_ci_runs_the_test_one():
    cmds = _readme_commands()
    assert len(cmds) == 2
    assert "geomcheck" in cmds[0] and "pytest" in cmds[1]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert cmds[1] in ci, "the README's test command must appear verbatim in .ci/run"


def test_readme_python_example_runs():
    text = (ROOT / "README.md").read_text()
    code = re.search(r"## Example\n.*?```python\n(.*?)```", text, re.S).group(1)
    exec(compile(code, "README-example", "exec"), {})
