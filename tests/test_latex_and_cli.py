"""The derivation report (LaTeX, PDF when TeX is installed) and `geomcheck derive`."""

import shutil

import pytest

from geomcheck.cli import main

from pdf_pages import dark_fraction
from geomcheck.symbolic.jets import JetRing
from geomcheck.symbolic import graph_jets as gj
from geomcheck.symbolic.latex import compile_pdf, derivation_document, jet_latex, write_derivations
from geomcheck.symbolic.proofs import prove_graph_identities


def test_jet_latex_uses_reader_notation():
    A = JetRing(2, max_order=2)
    assert jet_latex(A, gj.scalar_cf(A)) == r"2 \beta^{2} \left(f_{11} f_{22} - f_{12}^{2}\right)"
    assert jet_latex(A, gj.christoffel_cf(A)[0][0][1]) == r"\beta f_{12} f_{1}"
    assert r"\beta^{\frac{3}{2}}" in jet_latex(A, gj.shape_operator_cf(A)[0][0])
    assert jet_latex(A, A.zero) == "0"


def test_document_has_every_part():
    doc = derivation_document([prove_graph_identities(n) for n in (2, 3)])
    for part in ("Conventions", "abstract index notation", "Exact proofs for fixed", "every $n$",
                 "rendered for $n=2$", "Reparametrization", r"\end{document}"):
        assert part in doc
    assert "FAILED" not in doc


def test_cli_derive_writes_tex(tmp_path, capsys):
    assert main(["derive", "--max-n", "4", "--out", str(tmp_path), "--no-pdf"]) == 0
    assert (tmp_path / "derivations.tex").read_text().startswith(r"\documentclass")
    out = capsys.readouterr().out
    assert "all" in out and "hold exactly" in out


def test_cli_rejects_bad_range(tmp_path):
    assert main(["derive", "--min-n", "5", "--max-n", "3", "--out", str(tmp_path)]) == 2


def test_compile_without_tex_warns(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    tex = write_derivations([prove_graph_identities(2)], tmp_path)
    pdf, msg = compile_pdf(tex)
    assert pdf is None and "latexmk not found" in msg


@pytest.mark.skipif(shutil.which("latexmk") is None or shutil.which("pdftoppm") is None,
                    reason="needs latexmk and pdftoppm (installed by .ci/run)")
def test_pdf_compiles_and_first_page_is_not_blank(tmp_path):
    tex = write_derivations([prove_graph_identities(n) for n in range(2, 5)], tmp_path)
    pdf, msg = compile_pdf(tex)
    assert pdf is not None, msg
    assert dark_fraction(pdf, tmp_path, dpi=40) > 0.002


def test_derive_refuses_a_max_n_beyond_the_proof_memory_limit(tmp_path, capsys) -> None:
    """``--max-n 13`` would need ~2.8 GiB: refused before any proof runs (exit 2, stderr)."""
    from geomcheck.cli import main

    assert main(["derive", "--max-n", "13", "--out", str(tmp_path), "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert "GiB" in err and "every-n argument" in err
    assert not any(tmp_path.iterdir())
