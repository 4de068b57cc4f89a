"""Where `geomcheck verify` writes, and what it does with bad destinations (issue 14, finding 5;
issue 13, parts 3 and bad input): every destination is checked before the run (exit 2, a message
on stderr), files are replaced atomically, subsets never overwrite the full report, and a PDF
that no longer matches its .tex is not left beside it."""

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from geomcheck.cli import main
from geomcheck.claims import all_claims, runner
from geomcheck.claims.output_files import (
    DEFAULT_OUT,
    FULL_STEM,
    OutputError,
    atomic_write_text,
    check_output_dir,
    check_output_file,
    report_stem,
)

FAST_ID = next(c.id for c in all_claims().values() if not c.slow)
LINUX = sys.platform.startswith("linux") and Path("/sys/kernel").is_dir()


@pytest.fixture
def no_run(monkeypatch):
    """Fail the test if a check is started: bad destinations must be refused before the run."""
    def refuse(*a, **k):
        raise AssertionError("the checks ran although the destination was bad")

    monkeypatch.setattr(runner, "run_claims", refuse)
    monkeypatch.setattr("geomcheck.claims.runner.run_claims", refuse)


def _verify(*args):
    return main(["verify", "--claim", FAST_ID, "--no-pdf", *args])


def test_out_pointing_at_a_file_is_refused_before_the_run(tmp_path, capsys, no_run):
    f = tmp_path / "report.txt"
    f.write_text("keep me")
    assert _verify("--out", str(f)) == 2
    out, err = capsys.readouterr()
    assert "is a file, not a directory" in err and str(f) in err and out == ""
    assert f.read_text() == "keep me"


def test_out_below_a_file_is_refused(tmp_path, capsys, no_run):
    f = tmp_path / "report.txt"
    f.write_text("x")
    assert _verify("--out", str(f / "sub")) == 2
    assert "a part of the path is a file" in capsys.readouterr().err


def test_json_pointing_at_a_directory_is_refused(tmp_path, capsys, no_run):
    assert _verify("--out", str(tmp_path), "--json", str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert "--json" in err and "is a directory" in err


@pytest.mark.skipif(not LINUX, reason="uses sysfs, where no process (root included) may create files")
def test_read_only_out_and_json_are_refused_even_for_root(tmp_path, capsys, no_run):
    assert _verify("--out", "/sys/kernel/geomcheck-report") == 2
    assert "--out" in capsys.readouterr().err
    assert _verify("--out", str(tmp_path), "--json", "/sys/kernel/verdicts.json") == 2
    assert "--json's directory '/sys/kernel' is not writable" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_out_directory_is_refused(tmp_path, capsys, no_run):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        assert _verify("--out", str(ro)) == 2
        assert "is not writable" in capsys.readouterr().err
    finally:
        ro.chmod(0o755)


def test_unwritable_destination_found_by_probing(tmp_path, monkeypatch):
    """The probe (create a file, remove it) is the test: a directory whose probe fails is refused."""
    import tempfile

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(OutputError, match="not writable .Permission denied"):
        check_output_dir(tmp_path)
    with pytest.raises(OutputError, match="--json's directory"):
        check_output_file(tmp_path / "v.json")


def test_missing_directories_are_created(tmp_path):
    assert check_output_dir(tmp_path / "a" / "b").is_dir()
    assert check_output_file(tmp_path / "c" / "v.json").parent.is_dir()


def test_atomic_write_keeps_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "verdicts.json"
    target.write_text("good old report")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "half of a new report")
    assert target.read_text() == "good old report"
    assert [p.name for p in tmp_path.iterdir()] == ["verdicts.json"]  # no temporary file left


def test_ctrl_c_during_the_run_leaves_the_reports_and_exits_130(tmp_path, capsys, monkeypatch):
    tex = tmp_path / f"{FULL_STEM}-{FAST_ID}.tex"
    tex.write_text("previous report")
    js = tmp_path / "v.json"
    js.write_text("previous json")

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "run_claims", interrupted)
    assert _verify("--out", str(tmp_path), "--json", str(js)) == 130
    assert "interrupted" in capsys.readouterr().err
    assert tex.read_text() == "previous report" and js.read_text() == "previous json"


def test_subset_names_never_collide_with_the_full_report():
    ids = list(all_claims())
    assert report_stem(ids, ids) == FULL_STEM
    src002 = [i for i in ids if i.startswith("002-")]
    assert report_stem(src002, ids, ["002"]) == f"{FULL_STEM}-002"
    assert report_stem([ids[0]], ids) == f"{FULL_STEM}-{ids[0]}"
    a, b = report_stem(ids[:3], ids), report_stem(ids[1:4], ids)
    assert a != b and a.startswith(f"{FULL_STEM}-subset-") and a != FULL_STEM
    assert report_stem(list(reversed(ids[:3])), ids) == a  # the order of --claim does not matter


def test_subset_run_does_not_touch_the_full_report(tmp_path):
    full = tmp_path / f"{FULL_STEM}.tex"
    full.write_text("the full report")
    assert _verify("--out", str(tmp_path)) == 0
    assert full.read_text() == "the full report"
    assert (tmp_path / f"{FULL_STEM}-{FAST_ID}.tex").exists()


def test_stale_pdf_is_removed_and_an_up_to_date_one_kept(tmp_path, capsys):
    stem = f"{FULL_STEM}-{FAST_ID}"
    (tmp_path / f"{stem}.tex").write_text("an older report")
    pdf = tmp_path / f"{stem}.pdf"
    pdf.write_bytes(b"%PDF- built from the older report")
    assert _verify("--out", str(tmp_path)) == 0
    assert not pdf.exists()
    assert f"removed {pdf}" in capsys.readouterr().err
    pdf.write_bytes(b"%PDF- built from this very .tex")
    assert _verify("--out", str(tmp_path)) == 0  # same claim, same .tex: the PDF is current
    assert pdf.exists() and "kept" in capsys.readouterr().err


def test_default_out_is_under_the_current_directory_and_stated_in_help(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["verify", "--claim", FAST_ID, "--no-pdf"]) == 0
    assert (tmp_path / DEFAULT_OUT / f"{FULL_STEM}-{FAST_ID}.tex").exists()
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    assert DEFAULT_OUT in capsys.readouterr().out


def test_default_out_is_ignored_by_git():
    root = Path(__file__).resolve().parents[1]
    assert f"/{DEFAULT_OUT}/" in (root / ".gitignore").read_text().splitlines()


def test_results_survive_a_destination_that_breaks_during_the_run(tmp_path, capsys, monkeypatch):
    """--json was writable when checked, but is not when the run ends: the results go to a fresh
    temporary folder, the message says where, exit 1."""
    from geomcheck.claims import report

    real = report.write_json
    target = tmp_path / "v.json"

    def flaky(results, path):
        if path == target:
            raise PermissionError(13, "Permission denied")
        return real(results, path)

    monkeypatch.setattr(report, "write_json", flaky)
    assert _verify("--out", str(tmp_path), "--json", str(target)) == 1
    err = capsys.readouterr().err
    rescued = Path(re.search(r"the results are in (\S+)", err).group(1))
    assert rescued.exists() and rescued.name == "v.json"
    assert FAST_ID in rescued.read_text()
    shutil.rmtree(rescued.parent)


def test_ctrl_c_during_the_pdf_build_leaves_no_stale_pdf_and_no_build_folder(tmp_path, monkeypatch):
    from geomcheck.claims import report

    tex = tmp_path / "r.tex"
    tex.write_text("new report")
    old_pdf = tmp_path / "r.pdf"
    old_pdf.write_bytes(b"%PDF- of the previous report")

    def interrupted(path, **kw):
        assert path.parent != tmp_path  # built in a scratch folder
        raise KeyboardInterrupt

    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(report, "run_latexmk", interrupted)
    with pytest.raises(KeyboardInterrupt):
        report.publish_pdf(tex, build=True, tex_changed=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.tex"]


@pytest.mark.skipif(shutil.which("git") is None or not (Path(__file__).resolve().parents[1] / ".git").exists(),
                    reason="needs git and a git checkout")
def test_verify_in_a_fresh_clone_leaves_git_status_clean(tmp_path):
    """The README's first command runs `geomcheck verify` in the clone: its default output must
    not dirty the checkout (here with one claim; the committed HEAD is what is cloned)."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    env = {**os.environ, "PYTHONPATH": str(clone)}
    proc = subprocess.run([sys.executable, "-m", "geomcheck.cli", "verify", "--claim", FAST_ID, "--no-pdf"],
                          cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert (clone / DEFAULT_OUT).is_dir()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True)
    assert status.stdout == ""
