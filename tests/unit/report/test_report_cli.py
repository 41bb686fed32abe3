"""`python -m analytics report`: the path it wrote on stdout, or one line and exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest
from report_sample import ROOT, SAMPLE, UPLOAD_CAMPAIGN, chinese_upload

from analytics.cli.report import dataset_name
from analytics.samples import SAMPLES


def _report(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "analytics", "report", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=900)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--out", "{tmp}/report.docx"], "end it in .pptx, .pdf or .html"),
        (["--out", "{tmp}/missing/report.pdf"], "does not exist"),
        (["--out", "{tmp}/report.pdf", "--campaign", "Nope"], "No campaign named 'Nope'"),
        (["--out", "{tmp}/report.pdf", "--margin", "2"], "gross margin"),
        (["--out", "{tmp}/report.pdf", "--format", "docx"], "invalid choice"),
        (["--out", "{tmp}/report.pdf", "--lang", "fr"], "invalid choice"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(args: list[str], says: str, tmp_path) -> None:
    done = _report(str(SAMPLE), *[a.format(tmp=tmp_path) for a in args])
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and says in lines[0], done.stderr
    assert done.stdout == ""


def test_a_missing_file_is_one_line_and_exit_2(tmp_path) -> None:
    done = _report(str(tmp_path / "nothing.csv"), "--out", str(tmp_path / "r.html"))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


def test_the_title_names_a_sample_by_its_installed_name_and_a_file_by_its_own(tmp_path) -> None:
    installed = next(name for file_name, name in SAMPLES if file_name == SAMPLE.name)
    assert dataset_name(str(SAMPLE)) == installed
    copy = tmp_path / SAMPLE.name  # the user's own copy is a file like any other
    copy.write_bytes(SAMPLE.read_bytes())
    assert dataset_name(str(copy)) == SAMPLE.name
    assert dataset_name(str(tmp_path / "exports" / "东区销售.xlsx")) == "东区销售.xlsx"


def test_the_report_is_written_where_asked_and_its_path_printed(tmp_path) -> None:
    """The format from the extension, in Chinese, one campaign's page."""
    out = tmp_path / "季度报告.html"
    done = _report(str(SAMPLE), "--out", str(out), "--lang", "zh", "--campaign", "Member Week")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert "<h1>活动报告：示例 · 按地区和品类的日销售</h1>" in html  # the sample's name in 简体中文
    assert SAMPLE.name not in html
    assert "<h2>活动：Member Week</h2>" in html and "活动：618 Mega Sale" not in html
    assert html.count("data:image/png;base64,") >= 6


def test_an_uploaded_gbk_export_with_chinese_headers_gives_an_english_pdf(tmp_path) -> None:
    """Another file's shape: Chinese headers, GBK, a campaign named with markup characters."""
    source = tmp_path / "东区销售.csv"
    source.write_bytes(chinese_upload())
    out = tmp_path / "report.pdf"
    done = _report(str(source), "--out", str(out), "--campaign", UPLOAD_CAMPAIGN)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True, check=True)
    flat = " ".join(text.stdout.split())
    assert "东区销售.csv" in flat and str(tmp_path) not in flat
    assert f"Campaign: {UPLOAD_CAMPAIGN}" in flat
    assert "Portfolio: key figures" in flat and "销售额" in flat
    fonts = subprocess.run(["pdffonts", out], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts  # the Chinese names drawn from the CJK font, not empty boxes
