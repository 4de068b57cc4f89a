"""``geomcheck landscape``: the figure set renders (small sizes) and bad arguments fail clearly."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("sklearn")

from geomcheck.cli import main  # noqa: E402

EXPECTED = ["saddle_probability.png", "curvature_histograms.png", "averaging.png"] + [
    f"digits_{s}_{k}.png" for s in ("trained", "untrained") for k in ("surfaces", "curvature", "trace", "density")]


def _png_size(path: Path) -> tuple[int, int]:
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def _non_trivial(path: Path) -> bool:
    """More than a blank canvas: many distinct colours in the decoded image."""
    import matplotlib.image

    img = matplotlib.image.imread(path)
    flat = img.reshape(-1, img.shape[-1])[::7]
    return len({tuple(px) for px in (flat * 255).astype(int).tolist()}) > 50


def test_landscape_writes_every_figure(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["landscape", "--out", str(out), "--quick"]) == 0
    for name in EXPECTED:
        path = out / name
        assert path.is_file(), name
        w, h = _png_size(path)
        assert w >= 600 and h >= 400 and path.stat().st_size > 20_000, name
        assert _non_trivial(path), name
    summary = json.loads((out / "summary.json").read_text())
    assert set(summary["digits"]) == {"trained", "untrained"}
    rows = summary["saddle_probability"]
    assert rows[0]["m"] == 0 and abs(rows[0]["value"] - rows[0]["gaussian_limit"]) < 5 * rows[0]["stderr"] + 0.02
    assert "wrote 11 figures" in capsys.readouterr().out


def test_landscape_bad_arguments(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["landscape", "--out", str(blocker / "sub")]) == 2
    assert "cannot write to --out" in capsys.readouterr().err
    if os.geteuid() != 0:                      # root can write anywhere
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        assert main(["landscape", "--out", str(ro)]) == 2
        assert "cannot write" in capsys.readouterr().err
    assert main(["landscape", "--out", str(tmp_path / "x"), "--device", "nonsense"]) == 2
    assert "not a torch device" in capsys.readouterr().err
    assert main(["landscape", "--out", str(tmp_path / "y"), "--thorough", "--quick"]) == 2
    with pytest.raises(SystemExit):
        main(["landscape"])                    # --out is required
