"""`geomcheck verify`: selection, exit codes, JSON, LaTeX/PDF, output names."""

import json
import shutil

import pytest

from geomcheck.cli import main
from geomcheck.claims import all_claims

from pdf_pages import dark_fraction

FAST_ID = next(c.id for c in all_claims().values() if not c.slow)


def test_unknown_source_exits_2_and_lists_valid_on_stderr(capsys, tmp_path):
    assert main(["verify", "--source", "999", "--out", str(tmp_path), "--no-pdf"]) == 2
    out, err = capsys.readouterr()
    assert "unknown source '999'" in err and "002" in err and out == ""


def test_unknown_claim_suggests_the_nearest_ids_not_all_of_them(capsys, tmp_path):
    typo = FAST_ID[:-1] + ("x" if FAST_ID[-1] != "x" else "y")
    assert main(["verify", "--claim", typo, "--out", str(tmp_path), "--no-pdf"]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "did you mean" in err and FAST_ID in err
    # a handful of suggestions, not the 357 ids
    assert sum(cid in err for cid in all_claims()) <= 5


def test_source_given_without_leading_zeros(tmp_path, capsys):
    from geomcheck.claims.registry import normalize_source, select_claims

    assert normalize_source("2") == normalize_source("02") == "002"
    assert [c.id for c in select_claims(["2"])] == [c.id for c in select_claims(["002"])]
    assert main(["list", "--source", "2", "--ids-only"]) == 0
    ids = capsys.readouterr().out.split()
    assert ids and all(i.startswith("002-") for i in ids)


def test_json_output_has_the_contract_fields(tmp_path):
    path = tmp_path / "out.json"
    assert main(["verify", "--claim", FAST_ID, "--json", str(path), "--out", str(tmp_path), "--no-pdf"]) == 0
    data = json.loads(path.read_text())
    assert len(data) == 1
    for key in ("id", "source", "location", "quote", "verdict", "reason", "correction", "evidence"):
        assert key in data[0]
    assert data[0]["id"] == FAST_ID and data[0]["verdict"]
    # a one-claim run writes its own report, never the full one
    assert (tmp_path / f"geomcheck-proofs-{FAST_ID}.tex").exists()
    assert not (tmp_path / "geomcheck-proofs.tex").exists()


def test_missing_tex_warns_on_stderr_and_exits_0(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["verify", "--claim", FAST_ID, "--out", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "no TeX installation" in err and "no TeX installation" not in out
    assert (tmp_path / f"geomcheck-proofs-{FAST_ID}.tex").exists()


def test_jobs_two_gives_the_same_verdicts(tmp_path):
    ids = [c.id for c in all_claims().values() if not c.slow][:3]
    args = sum((["--claim", i] for i in ids), [])
    p1, p2 = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["verify", *args, "--json", str(p1), "--out", str(tmp_path), "--no-pdf"]) == 0
    assert main(["verify", *args, "--jobs", "2", "--json", str(p2), "--out", str(tmp_path), "--no-pdf"]) == 0
    v1 = [(d["id"], d["verdict"]) for d in json.loads(p1.read_text())]
    v2 = [(d["id"], d["verdict"]) for d in json.loads(p2.read_text())]
    assert v1 == v2


def test_check_error_exits_1(tmp_path, monkeypatch, capsys):
    from geomcheck.claims import registry

    claim = all_claims()[FAST_ID]

    def boom(ctx):
        raise RuntimeError("deliberate")

    monkeypatch.setitem(registry.all_claims(), FAST_ID, claim.__class__(**{**claim.__dict__, "check": boom}))
    assert main(["verify", "--claim", FAST_ID, "--out", str(tmp_path), "--no-pdf"]) == 1
    assert "raised an error" in capsys.readouterr().err


def test_summary_prints_counts_only(tmp_path, capsys):
    ids = [c.id for c in all_claims().values() if not c.slow][:2]
    args = sum((["--claim", i] for i in ids), [])
    assert main(["verify", *args, "--summary", "--out", str(tmp_path), "--no-pdf"]) == 0
    out = capsys.readouterr().out
    assert "summary" in out and "total" in out
    assert not any(i in out for i in ids)  # no per-claim rows


def test_version(capsys):
    import geomcheck

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"geomcheck {geomcheck.__version__}"


@pytest.mark.skipif(not (shutil.which("latexmk") and shutil.which("lualatex") and shutil.which("pdftoppm")),
                    reason="needs latexmk, lualatex and pdftoppm (installed by .ci/run)")
def test_claims_pdf_compiles_and_is_not_blank(tmp_path):
    assert main(["verify", "--source", "002", "--out", str(tmp_path)]) == 0
    pdf = tmp_path / "geomcheck-proofs-002.pdf"
    assert pdf.exists() and not (tmp_path / "geomcheck-proofs.pdf").exists()
    # the build happens in a scratch folder that is removed afterwards
    assert sorted(p.name for p in tmp_path.iterdir()) == ["geomcheck-proofs-002.pdf", "geomcheck-proofs-002.tex"]
    assert dark_fraction(pdf, tmp_path, dpi=50) > 0.002


@pytest.mark.slow  # two full LuaLaTeX builds (about 30 s each on 2 shared cores)
@pytest.mark.skipif(not (shutil.which("latexmk") and shutil.which("lualatex")),
                    reason="needs latexmk and lualatex (installed by .ci/run)")
def test_same_tex_gives_a_byte_identical_pdf_in_any_folder(tmp_path):
    """The committed proofs/ PDF must come out the same in any checkout: the build runs in a
    scratch folder with a random name, so nothing in the PDF may depend on the path."""
    from geomcheck.claims.report import compile_claims_pdf

    a, b = tmp_path / "a", tmp_path / "b" / "deeper"
    assert main(["verify", "--claim", FAST_ID, "--out", str(a)]) == 0
    b.mkdir(parents=True)
    tex = next(a.glob("*.tex"))
    shutil.copy(tex, b / tex.name)
    pdf, msg = compile_claims_pdf(b / tex.name)
    assert pdf is not None, msg
    assert pdf.read_bytes() == tex.with_suffix(".pdf").read_bytes()


def test_empty_intersection_of_source_and_claim_exits_2(tmp_path, capsys):
    other = "003" if not FAST_ID.startswith("003-") else "002"
    assert main(["verify", "--source", other, "--claim", FAST_ID, "--out", str(tmp_path), "--no-pdf"]) == 2
    assert "no claim matches" in capsys.readouterr().err
