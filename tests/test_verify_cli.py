"""`geomcheck verify`: selection, exit codes, JSON, LaTeX/PDF."""

import json
import shutil

import pytest

from geomcheck.cli import main
from geomcheck.claims import all_claims

from pdf_pages import dark_fraction

FAST_ID = next(c.id for c in all_claims().values() if not c.slow)


def test_unknown_source_exits_2_and_lists_valid(capsys, tmp_path):
    assert main(["verify", "--source", "999", "--out", str(tmp_path), "--no-pdf"]) == 2
    out = capsys.readouterr().out
    assert "unknown source 999" in out and "002" in out


def test_unknown_claim_exits_2_and_lists_valid(capsys, tmp_path):
    assert main(["verify", "--claim", "nope", "--out", str(tmp_path), "--no-pdf"]) == 2
    assert FAST_ID in capsys.readouterr().out.replace("\n", "")


def test_json_output_has_the_contract_fields(tmp_path):
    path = tmp_path / "out.json"
    assert main(["verify", "--claim", FAST_ID, "--json", str(path), "--out", str(tmp_path), "--no-pdf"]) == 0
    data = json.loads(path.read_text())
    assert len(data) == 1
    for key in ("id", "source", "location", "quote", "verdict", "reason", "correction", "evidence"):
        assert key in data[0]
    assert data[0]["id"] == FAST_ID and data[0]["verdict"]
    assert (tmp_path / "geomcheck-proofs.tex").exists()


def test_missing_tex_warns_and_exits_0(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["verify", "--claim", FAST_ID, "--out", str(tmp_path)]) == 0
    assert "no TeX installation" in capsys.readouterr().out
    assert (tmp_path / "geomcheck-proofs.tex").exists()


def test_jobs_two_gives_the_same_verdicts(tmp_path):
    ids = [c.id for c in all_claims().values() if not c.slow][:3]
    args = sum((["--claim", i] for i in ids), [])
    p1, p2 = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["verify", *args, "--json", str(p1), "--out", str(tmp_path), "--no-pdf"]) == 0
    assert main(["verify", *args, "--jobs", "2", "--json", str(p2), "--out", str(tmp_path), "--no-pdf"]) == 0
    v1 = [(d["id"], d["verdict"]) for d in json.loads(p1.read_text())]
    v2 = [(d["id"], d["verdict"]) for d in json.loads(p2.read_text())]
    assert v1 == v2


def test_check_error_exits_1(tmp_path, monkeypatch):
    from geomcheck.claims import registry

    claim = all_claims()[FAST_ID]

    def boom(ctx):
        raise RuntimeError("deliberate")

    monkeypatch.setitem(registry.all_claims(), FAST_ID, claim.__class__(**{**claim.__dict__, "check": boom}))
    assert main(["verify", "--claim", FAST_ID, "--out", str(tmp_path), "--no-pdf"]) == 1


@pytest.mark.skipif(not (shutil.which("latexmk") and shutil.which("lualatex") and shutil.which("pdftoppm")),
                    reason="needs latexmk, lualatex and pdftoppm (installed by .ci/run)")
def test_claims_pdf_compiles_and_is_not_blank(tmp_path):
    assert main(["verify", "--source", "002", "--out", str(tmp_path)]) == 0
    pdf = tmp_path / "geomcheck-proofs.pdf"
    assert pdf.exists()
    assert dark_fraction(pdf, tmp_path, dpi=50) > 0.002
