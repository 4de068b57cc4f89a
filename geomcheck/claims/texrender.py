"""LaTeX for the claims report: quotes typeset where the source is LaTeX, plain-text reasons with
their ASCII mathematics (``beta^2``, ``lambda_1``, ``J^{-1}``, ``<=``) set in math mode.

Everything here must keep the document compiling whatever a claim module writes, so each
function either produces LaTeX from a small, checked vocabulary or falls back to verbatim /
escaped text:

* :func:`quote_latex` typesets a quote only when its source is LaTeX (:data:`QUOTE_FORMAT`:
  000, 002 and 003 quote LaTeX; 001 and 004 are text extracted from a rendering or a PDF and are
  shown verbatim), every macro it uses is known (:data:`KNOWN_MACROS` or the source's own
  macro preamble), its braces, ``\\left``/``\\right`` and environments balance, and no text
  segment carries a math-only character; otherwise the quote is shown verbatim.
* :func:`text_with_math` escapes a plain-text reason and sets the recognised ASCII
  mathematics in ``$...$`` built from ASCII only (Unicode symbols stay in text, where the
  document's fallback font has them).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["QUOTE_FORMAT", "KNOWN_MACROS", "tex_escape", "quote_latex", "text_with_math", "source_macros",
           "verbatim_block"]

#: how each source's quotes are written: "latex" (typeset) or "text" (verbatim); unknown: text
QUOTE_FORMAT: dict[str, str] = {"000": "latex", "001": "text", "002": "latex", "003": "latex", "004": "text"}

_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def tex_escape(text: str) -> str:
    """Escape plain text for LaTeX (Unicode passes through: the document uses LuaLaTeX)."""
    return re.sub(r"[\\&%$#_{}~^]", lambda m: _TEX_SPECIAL[m.group()], text)


def verbatim_block(text: str, *, size: str = r"\small") -> str:
    """``text`` in a line-breaking Verbatim environment (safe for any content)."""
    body = text.replace("\\end{Verbatim}", "\\end {Verbatim}")
    return "\n".join([rf"\begin{{Verbatim}}[breaklines=true,breakanywhere=true,fontsize={size}]", body,
                      r"\end{Verbatim}"])


#: LaTeX / amsmath / cancel commands a typeset quote may use (the report loads these packages)
KNOWN_MACROS: frozenset[str] = frozenset("""
alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi
rho varrho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma
Upsilon Phi Psi Omega ell nabla partial infty
mathbf mathcal mathbb mathrm mathit boldsymbol text textbf emph textit operatorname
frac dfrac tfrac sqrt sum prod int lim min max sup inf det log ln exp sin cos tan arg dim ker
left right big Big bigg Bigg langle rangle lvert rvert lVert rVert vert Vert
top perp cdot cdots ldots dots times circ otimes oplus pm mp
leq geq le ge neq approx sim simeq equiv propto in notin subset subseteq supset supseteq
to mapsto rightarrow leftarrow Rightarrow Leftarrow iff implies hookrightarrow
quad qquad tilde hat bar overline underline underset overset underbrace overbrace cancel
begin end forall exists setminus cup cap emptyset mid
""".split())
#: one-character control symbols: \| \{ \} \, \; \! \  and the display delimiters \[ \]
_SYMBOL_MACROS = set("|{},;!: []()")


@lru_cache(maxsize=None)
def source_macros(source_id: str) -> tuple[str, frozenset[str]]:
    """The macro definitions a source document declares (its MathJax preamble), as LaTeX that
    redefines them without error (``\\DeclareRobustCommand``), and their names.

    000 and 003 open with ``$$ \\newcommand{\\R}{\\mathbb{R}} ... $$``; the other sources have none.
    """
    from .registry import all_claims, source_text

    files = {c.source.id: c.source.file for c in all_claims().values()}
    if source_id not in files:
        return "", frozenset()
    head = source_text(files[source_id])[:20000]
    defs, names = [], set()
    for m in re.finditer(r"\\(?:re)?newcommand\{\\([A-Za-z]+)\}(\[\d\])?", head):
        body, end = _braced_or_token(head, m.end())
        if body is None:
            continue
        defs.append(rf"\DeclareRobustCommand{{\{m.group(1)}}}{m.group(2) or ''}{{{body}}}")
        names.add(m.group(1))
    for m in re.finditer(r"\\DeclareMathOperator\*?\{\\([A-Za-z]+)\}\{([^{}]*)\}", head):
        defs.append(rf"\DeclareRobustCommand{{\{m.group(1)}}}{{\operatorname*{{{m.group(2)}}}}}")
        names.add(m.group(1))
    return "".join(defs), frozenset(names)


def _braced_or_token(s: str, i: int) -> tuple[str | None, int]:
    """The argument starting at ``s[i]`` (after spaces): a balanced ``{...}`` group or one token."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return None, i
    if s[i] != "{":
        return s[i], i + 1
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{" and s[j - 1] != "\\":
            depth += 1
        elif s[j] == "}" and s[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1
    return None, len(s)


# ---------------------------------------------------------------------------------------------
# quotes


_MATH_SPLIT = re.compile(r"(\$\$.*?\$\$|\\\[.*?\\\]|\$.*?\$|\\\(.*?\\\))", re.S)


def _balanced(math: str) -> bool:
    depth = 0
    i = 0
    while i < len(math):
        ch = math[i]
        if ch == "\\":
            i += 2
            continue
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return False
        i += 1
    if depth:
        return False
    if len(re.findall(r"\\left(?![a-zA-Z])", math)) != len(re.findall(r"\\right(?![a-zA-Z])", math)):
        return False
    return re.findall(r"\\begin\{(\w+\*?)\}", math) == re.findall(r"\\end\{(\w+\*?)\}", math)


def _macros_known(tex: str, extra: frozenset[str]) -> bool:
    for m in re.finditer(r"\\([A-Za-z]+|.)", tex, re.S):
        name = m.group(1)
        if len(name) == 1 and not name.isalpha():
            if name not in _SYMBOL_MACROS and name != "\\":
                return False
        elif name not in KNOWN_MACROS and name not in extra:
            return False
    return True


#: commands allowed outside math in a typeset quote (anything else there means a formula lost its
#: delimiters, e.g. ``\\mathcal{D}`` in running text: shown verbatim instead)
_TEXT_MACROS = frozenset({"emph", "textbf", "textit", "texttt", "textrm", "dots", "ldots"})


def _text_macros_only(text: str) -> bool:
    for m in re.finditer(r"\\([A-Za-z]+|.)", text, re.S):
        name = m.group(1)
        if name.isalpha() and name not in _TEXT_MACROS:
            return False
        if not name.isalpha() and name not in set(",;!{} "):
            return False
    return True


def _display(math: str) -> str:
    body = math.strip()
    if ("&" in body or "\\\\" in body) and "\\begin{" not in body:
        body = r"\begin{aligned}" + body + r"\end{aligned}"
    return r"\[" + body + r"\]"


def _looks_like_bare_math(quote: str) -> bool:
    return bool(re.search(r"&|\\\\|[_^]|\\(frac|partial|mathbf|cancel|Gamma|text)\b", quote))


def _typeset(quote: str, extra: frozenset[str]) -> str | None:
    if not _macros_known(quote, extra) or "\\\\" in _MATH_SPLIT.sub("", quote) and "$" in quote:
        return None
    if "$" not in quote and "\\[" not in quote and "\\(" not in quote:
        if not _looks_like_bare_math(quote):  # prose: LaTeX text as written, or escaped
            safe = _balanced(quote) and _text_macros_only(quote) and not re.search(r"[_^&%#$]", quote)
            return quote if safe else tex_escape(quote)
        return _display(quote) if _balanced(quote) and "%" not in quote and "#" not in quote else None
    out = []
    for k, part in enumerate(_MATH_SPLIT.split(quote)):
        if k % 2 == 0:  # text between formulas: LaTeX text mode
            if re.search(r"[_^&%#$]", part) or not _balanced(part) or not _text_macros_only(part):
                return None
            out.append(part)
            continue
        if part.startswith("$$"):
            inner, display = part[2:-2], True
        elif part.startswith(("\\[", "\\(")):
            inner, display = part[2:-2], part.startswith("\\[")
        else:
            inner, display = part[1:-1], False
        if not inner.strip() or not _balanced(inner) or "%" in inner or "#" in inner or "$" in inner:
            return None
        if not display and ("&" in inner or "\\\\" in inner) and "\\begin{" not in inner:
            return None
        out.append(_display(inner) if display else "$" + inner + "$")
    return "".join(out)


def quote_latex(quote: str, source_id: str) -> tuple[str, bool]:
    """LaTeX for a quote ``(tex, typeset)``: typeset (inside a group that defines the source's
    own macros) when the source is LaTeX and the quote passes the checks of the module
    docstring, else a verbatim block (``typeset`` False)."""
    if QUOTE_FORMAT.get(source_id) == "latex":
        defs, names = source_macros(source_id)
        body = _typeset(quote, names)
        if body is not None:
            return "\\begingroup" + defs + "\n" + body + "\n\\endgroup", True
    return verbatim_block(quote), False


# ---------------------------------------------------------------------------------------------
# reasons: plain text with ASCII mathematics

_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
    "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "phi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
}
_NAMED = {"eps": r"\varepsilon", "ell": r"\ell", "nabla": r"\nabla", "varepsilon": r"\varepsilon",
          "varphi": r"\varphi", "inf": r"\infty"}
_OPERATORS = {"min": r"\min", "max": r"\max", "det": r"\det", "tr": r"\operatorname{tr}", "log": r"\log",
              "exp": r"\exp", "sin": r"\sin", "cos": r"\cos"}
_SCRIPT_WORDS = {"min", "max", "opt", "crit", "true", "est", "tot", "reg"}


#: Greek letters written in Unicode in a reason, as math macros (math mode takes ASCII only here)
_UNICODE_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "varepsilon", "ζ": "zeta",
                  "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
                  "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "varphi", "ϕ": "phi",
                  "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta",
                  "Λ": "Lambda", "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega"}


def _atom(name: str) -> str:
    """An identifier in math mode: Greek names as macros, one letter italic, words upright."""
    if name in _UNICODE_GREEK:
        return "\\" + _UNICODE_GREEK[name]
    if name in _GREEK:
        return "\\" + name
    if name in _NAMED:
        return _NAMED[name]
    if name in _OPERATORS:
        return _OPERATORS[name]
    if len(name) == 1 or re.fullmatch(r"\d+(\.\d+)?|[A-Za-z]\d+", name):
        return name
    return r"\mathrm{" + name + "}"


def _script(content: str) -> str | None:
    """The argument of ``^`` or ``_`` (without its braces / parentheses) in math mode, or None
    when it cannot be set safely (a dangling ``_`` or ``^``)."""
    if content in ("T",):
        return r"\top"
    if content in _SCRIPT_WORDS:
        return r"\mathrm{" + content + "}"
    if content in _GREEK or content in _NAMED:
        return _atom(content)
    out = []
    for tok in re.findall(r"[A-Za-z]+|\d+|!=|<=|>=|[-+*/,.=()<>_^]", content):
        if tok.isalpha() and (tok in _GREEK or tok in _NAMED or tok in _OPERATORS):
            out.append(_atom(tok) + " ")
        else:
            out.append({"*": r"\ast ", "!=": r"\ne ", "<=": r"\le ", ">=": r"\ge "}.get(tok, tok))
    body = "".join(out).strip()
    if re.search(r"(^|[_^])\s*[_^]|[_^]\s*$", body):
        return None
    return body


# an identifier (or a number) with one or more scripts: beta^2, lambda_1, J^{-1}, N^-1, x_min,
# ratio^(2k), kappa_+, 0.1^2, e^{-2 lambda_i t}
_GREEK_CHARS = "".join(_UNICODE_GREEK)
_SCRIPTS = (r"((?:[_^](?:\{[A-Za-z0-9+\-*/,.=!<> _^]{1,24}\}|\([A-Za-z0-9+\-*/,.]{1,12}\)"
            r"|-?[A-Za-z0-9]{1,6}|[+\-*](?!\w)))+)")
#: a match ends after a closing brace / parenthesis, or where no letter or brace follows
_END = r"(?:(?<=[})])|(?![\w{]))"
_SCRIPTED = re.compile(
    r"(?<![\w\\.])([A-Za-z][A-Za-z0-9]*|\d+(?:\.\d+)?|[" + _GREEK_CHARS + r"])" + _SCRIPTS + _END
)
_SCRIPT_PART = re.compile(r"([_^])(\{[^{}]*\}|\([^()]*\)|-?[A-Za-z0-9]+|[+\-*])")
_RELATIONS = {"<=": r"\le", ">=": r"\ge", "!=": r"\ne", "->": r"\to", "+-": r"\pm", "~=": r"\approx"}
_TOKEN = re.compile(
    _SCRIPTED.pattern
    + r"|(?<![\w\\])(" + "|".join(sorted(_GREEK | {"eps", "nabla"}, key=len, reverse=True)) + r")(?![\w'])"
    + r"|(?<=\s)(<=|>=|!=|->|\+-|~=)(?=\s)"
    + r"|(?<=\s)(~)(?=\s?[\dA-Za-z])"
    # a script after a closing bracket or a norm bar: (tr H)^2, (c_j/c_k)^(2k), ||H||_F^2
    + r"|(?<=[)\]|])" + _SCRIPTS + _END
)


def _scripted_math(base: str, scripts: str) -> str | None:
    out = _atom(base) if base else "{}"
    for kind, arg in _SCRIPT_PART.findall(scripts):
        if arg.startswith(("{", "(")):
            arg = arg[1:-1]
        body = _script(arg)
        if body is None:
            return None
        out += kind + "{" + body + "}"
    return out


def text_with_math(text: str) -> str:
    """LaTeX for a plain-text line: escaped, with ``beta^2``, ``lambda_1``, ``J^{-1}``,
    ``x_min``, lone Greek names and the relations ``<= >= != -> +- ~=`` set as math.

    The math produced is ASCII built from :func:`_atom` / :func:`_script`, so it always
    compiles; anything else is escaped text.
    """
    out, pos = [], 0
    for m in _TOKEN.finditer(text):
        out.append(tex_escape(text[pos:m.start()]))
        if m.group(1):
            math = _scripted_math(m.group(1), m.group(2))
            out.append(tex_escape(m.group(0)) if math is None else "$" + math + "$")
        elif m.group(3):
            out.append("$" + _atom(m.group(3)) + "$")
        elif m.group(4):
            out.append("$" + _RELATIONS[m.group(4)] + "$")
        elif m.group(5):
            out.append(r"$\sim$")
        else:
            math = _scripted_math("", m.group(6))
            out.append(tex_escape(m.group(0)) if math is None else "$" + math + "$")
        pos = m.end()
    out.append(tex_escape(text[pos:]))
    return "".join(out)
