"""The claims PDF renders the mathematics (issue 13, part 5): LaTeX quotes typeset, extracted-PDF
quotes verbatim, ASCII mathematics of reasons in math mode, a summary page with page links —
and nothing a claim module writes can stop the document from compiling."""

import re
import shutil
import subprocess

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from geomcheck.claims import Verdict, all_claims
from geomcheck.claims.model import ClaimResult, Outcome
from geomcheck.claims.report import _PREAMBLE, latex_document
from geomcheck.claims.texrender import QUOTE_FORMAT, quote_latex, source_macros, text_with_math

HAVE_TEX = bool(shutil.which("lualatex"))


@pytest.mark.parametrize("text, expected", [
    ("beta^2 H", r"$\beta^{2}$ H"),
    ("lambda_1 > 0", r"$\lambda_{1}$ > 0"),
    ("J^{-1} and B^T H B", r"$J^{-1}$ and $B^{\top}$ H B"),
    ("x_min at rate ratio^(2k)", r"$x_{\mathrm{min}}$ at rate $\mathrm{ratio}^{2k}$"),
    ("kappa_+ >= 0, a != b", r"$\kappa_{+}$ $\ge$ 0, a $\ne$ b"),
    ("(tr H)^2 - tr(H^2)", r"(tr H)${}^{2}$ - tr($H^{2}$)"),
    ("100% of #1 & {x} ~ y_", r"100\% of \#1 \& \{x\} $\sim$ y\_"),
    ("a_{b_} and a~b", r"a\_\{b\_\} and a\textasciitilde{}b"),
    ("N^-1 sum_{i!=j} H_ij^2, 0.1^2 = 10^-2", r"$N^{-1}$ $\mathrm{sum}_{i\ne j}$ $H_{ij}^{2}$, $0.1^{2}$ = $10^{-2}$"),
    ("g^{-1}h and e^{-2 lambda_i t}", r"$g^{-1}$h and $e^{-2\lambda _it}$"),
    ("φ^{-1} and the beta function", r"$\varphi^{-1}$ and the $\beta$ function"),
])
def test_reasons_get_math_mode(text, expected):
    assert text_with_math(text) == expected


def _math_segments(tex: str) -> list[str]:
    return re.findall(r"(?<!\\)\$(.*?)(?<!\\)\$", tex)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)
       | st.lists(st.sampled_from(["beta", "^", "_", "{", "}", "(", ")", "-1", "x", "2", " ", "$", "\\", "kappa",
                                   "<=", "~", "|", "T", "min", "φ", "%", "&"]), max_size=20).map("".join))
@example("a_{b}^(c)_d^{}")
@example("x^{ }")
def test_any_text_gives_balanced_ascii_math(text):
    tex = text_with_math(text)
    assert len(re.findall(r"(?<!\\)\$", tex)) % 2 == 0
    for seg in _math_segments(tex):
        assert seg.isascii()
        depth = 0
        for ch in re.sub(r"\\.", "", seg):
            depth += (ch == "{") - (ch == "}")
            assert depth >= 0
        assert depth == 0
    outside = re.sub(r"(?<!\\)\$.*?(?<!\\)\$", "", tex)
    assert not re.search(r"(?<!\\)[_^&%#]", re.sub(r"\\text\w+\{\}", "", outside))


def test_quote_formats():
    claims = all_claims()
    eq3 = claims["002-eq3-riemann"]
    tex, typeset = quote_latex(eq3.quote, "002")
    assert typeset and r"\[" in tex and "Verbatim" not in tex
    pdf_text = next(c for c in claims.values() if c.source.id == "004")
    tex, typeset = quote_latex(pdf_text.quote, "004")
    assert not typeset and r"\begin{Verbatim}" in tex
    assert QUOTE_FORMAT["001"] == "text"
    # what cannot be typeset safely is shown verbatim
    assert quote_latex(r"see $\foo{x}$", "002")[1] is False                  # unknown macro
    assert quote_latex(r"a dataset, \mathcal{D} , and $x$", "002")[1] is False  # math macro in text
    assert quote_latex(r"$\frac{1}{2$", "002")[1] is False                    # unbalanced
    tex, typeset = quote_latex(r"S &= \frac{a}{b} \\ T &= 0", "002")          # bare aligned lines
    assert typeset and r"\begin{aligned}" in tex


def test_source_macros_come_from_the_source_preamble():
    defs, names = source_macros("000")
    assert {"R", "inner", "L", "tr"} <= names
    assert r"\DeclareRobustCommand{\inner}[1]{\langle #1 \rangle}" in defs
    assert source_macros("004") == ("", frozenset())


def _result(cid: str, verdict: Verdict, **kw) -> ClaimResult:
    c = all_claims()[cid]
    extra = {"correction": "$x$"} if verdict in (Verdict.TYPO, Verdict.FALSE) else {}
    return ClaimResult(cid, c.source.id, c.location, c.quote, Outcome(verdict, kw.get("reason", "beta^2 > 0"), **extra), 0.0)


def test_summary_page_counts_and_links():
    ids = [c.id for c in all_claims().values()]
    results = [_result(ids[0], Verdict.FALSE), _result(ids[1], Verdict.TRUE), _result(ids[-1], Verdict.TYPO)]
    doc = latex_document(results, {})
    front = doc.split(r"\tableofcontents")[0]
    assert r"\textbf{all} & \textbf{1} & \textbf{0} & \textbf{1} & \textbf{1}" in front
    for r in (results[0], results[2]):
        assert rf"\hyperref[claim:{r.claim_id}]" in front and rf"\pageref{{claim:{r.claim_id}}}" in front
    assert rf"\hyperref[claim:{ids[1]}]" not in front
    assert all(rf"\label{{claim:{r.claim_id}}}" in doc for r in results)
    assert r"$\beta^{2}$ > 0" in doc


def test_verdict_is_printed_once_with_its_rule():
    """"Verdict: TYPO (rule: index). <reason>", not "Verdict: TYPO. [TYPO: index] <reason>"."""
    from geomcheck.claims.report import rule_and_reason

    ids = [c.id for c in all_claims().values()]
    typo = ClaimResult(ids[0], "000", "here", "q", Outcome(Verdict.TYPO, "an index slipped", correction="$x$", rule="index"), 0.0)
    plain = _result(ids[1], Verdict.AMBIGUOUS, reason="no clause cited")
    assert rule_and_reason(typo.outcome) == ("index", "an index slipped")
    assert rule_and_reason(plain.outcome) == (None, "no clause cited")
    for typeset in (True, False):
        doc = latex_document([typo, plain], {}, typeset=typeset)
        assert r"\textbf{Verdict: TYPO (rule: index).} an index slipped" in doc
        assert r"\textbf{Verdict: AMBIGUOUS.} no clause cited" in doc
        assert "[TYPO" not in doc


@pytest.mark.skipif(not HAVE_TEX, reason="needs lualatex (installed by .ci/run)")
def test_every_registered_quote_and_the_preamble_compile(tmp_path):
    """One document with every quote as the report renders it (typeset or verbatim)."""
    body = []
    for c in all_claims().values():
        tex, _ = quote_latex(c.quote, c.source.id)
        body.append(r"\noindent\texttt{" + c.id + "}\n" + tex + "\n")
    doc = _PREAMBLE + "\n".join(body) + "\n" + text_with_math("beta^2, lambda_1, J^{-1}, x_min, (tr H)^2") + \
        "\n\\end{document}\n"
    (tmp_path / "q.tex").write_text(doc, encoding="utf-8")
    proc = subprocess.run(["lualatex", "-interaction=nonstopmode", "-halt-on-error", "q.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
    log = (tmp_path / "q.log").read_text(errors="replace")
    assert "Missing character" not in log


def test_a_document_tex_rejects_is_rebuilt_verbatim(tmp_path, monkeypatch, capsys):
    """Should TeX reject the typeset report, verify rebuilds it with every quote verbatim and
    warns, instead of losing the PDF."""
    from geomcheck.claims import report
    from geomcheck.cli import main

    cid = next(c.id for c in all_claims().values() if not c.slow and c.source.id == "000"
               and quote_latex(c.quote, "000")[1])
    builds = []

    def latexmk(path, **kw):
        builds.append(path.read_text(encoding="utf-8"))
        if len(builds) == 1:
            return None, "latexmk failed (exit 12):\n! Undefined control sequence."
        pdf = path.with_suffix(".pdf")
        pdf.write_bytes(b"%PDF-1.5 stand-in")
        return pdf, f"compiled {pdf}"

    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(report, "run_latexmk", latexmk)
    assert main(["verify", "--claim", cid, "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "Undefined control sequence" in err and "every quote verbatim" in err
    assert len(builds) == 2 and "(verbatim)" not in builds[0] and "(verbatim)" in builds[1]
    assert (tmp_path / f"geomcheck-proofs-{cid}.pdf").read_bytes() == b"%PDF-1.5 stand-in"
    assert "(verbatim)" in (tmp_path / f"geomcheck-proofs-{cid}.tex").read_text(encoding="utf-8")


def test_prose_quotes_keep_their_text_macros():
    assert quote_latex(r"the \emph{trace} of ``the'' Hessian", "002") == (
        "\\begingroup\n" + r"the \emph{trace} of ``the'' Hessian" + "\n\\endgroup", True)
    assert quote_latex(r"costs 5% more", "002")[0].count(r"5\%") == 1
