"""Every user-visible string, in English and 简体中文. ``t(key, **params)`` in the current language."""

from __future__ import annotations

import streamlit as st

from analytics.errors import UserInputError
from analytics.issues import Issue
from ui.safe import md

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"

STRINGS: dict[str, dict[str, str]] = {
    "tagline": {"en": "What your promotions really added", "zh": "促销真正带来了什么"},
    "nav_data": {"en": "Data", "zh": "数据"},
    "nav_analyze": {"en": "Analyze", "zh": "分析"},
    "nav_plan": {"en": "Plan", "zh": "规划"},
    "page_home": {"en": "Home", "zh": "首页"},
    "page_data": {"en": "Data", "zh": "数据管理"},
    "dataset": {"en": "Dataset", "zh": "数据集"},
    "language": {"en": "Language", "zh": "语言"},
    "presenter": {"en": "Presenter mode", "zh": "演示模式"},
    "presenter_help": {
        "en": "Large type, no editing controls: for sharing your screen in a meeting.",
        "zh": "大字号、隐藏编辑控件：适合会议中共享屏幕。",
    },
    "presenter_on": {
        "en": "Presenter mode is on: editing controls are hidden. Open the sidebar to turn it off.",
        "zh": "演示模式已开启，编辑控件已隐藏。打开侧边栏可关闭。",
    },
    "no_datasets": {
        "en": "No dataset yet. Upload a CSV or Excel export on the Data page.",
        "zh": "还没有数据集。请在“数据管理”页上传 CSV 或 Excel 文件。",
    },
    "go_to_data": {"en": "Go to the Data page", "zh": "前往数据管理"},
    "home_title": {"en": "Your workspace at a glance", "zh": "工作区概览"},
    "home_intro": {
        "en": "LiftBoard measures what each campaign really added over what would have happened "
        "anyway, what it returned per unit of spend, what drives sales and what demand comes next.",
        "zh": "LiftBoard 衡量每个活动相对“本来会发生的情况”真正带来的增量、每单位花费的回报、"
        "影响销售的因素，以及未来的需求。",
    },
    "kpi_rows": {"en": "Rows", "zh": "行数"},
    "kpi_period": {"en": "Period", "zh": "时间范围"},
    "kpi_outcome": {"en": "Total {metric}", "zh": "{metric} 合计"},
    "kpi_spend": {"en": "Total spend", "zh": "总花费"},
    "chart_over_time": {"en": "{metric} per {period}", "zh": "每{period}{metric}"},
    "period_D": {"en": "day", "zh": "日"},
    "period_W": {"en": "week", "zh": "周"},
    "period_M": {"en": "month", "zh": "月"},
    "period_none": {"en": "date", "zh": "日期"},
    "frequency_D": {"en": "daily", "zh": "按日"},
    "frequency_W": {"en": "weekly", "zh": "按周"},
    "frequency_M": {"en": "monthly", "zh": "按月"},
    "frequency_none": {"en": "irregular", "zh": "不规则"},
    "metric_label": {"en": "Metric", "zh": "指标"},
    "home_next": {
        "en": "Next: check or upload data on the Data page. Analysis pages appear in the "
        "navigation as they become available.",
        "zh": "下一步：在“数据管理”页检查或上传数据。分析页面上线后会出现在导航中。",
    },
    "dataset_missing": {
        "en": "The dataset in this link is no longer in the workspace; showing the latest one.",
        "zh": "链接中的数据集已不在工作区中，已显示最新的数据集。",
    },
    "data_title": {"en": "Data", "zh": "数据管理"},
    "upload_header": {"en": "Upload files", "zh": "上传文件"},
    "upload_label": {
        "en": "CSV, TSV or Excel exports (several at once is fine)",
        "zh": "CSV、TSV 或 Excel 导出文件（可一次上传多个）",
    },
    "upload_help": {
        "en": "Up to {limit} MB per file. English or Chinese headers; UTF-8, GBK/GB18030 or "
        "UTF-16; comma, semicolon, tab or pipe: detected for you.",
        "zh": "每个文件最大 {limit} MB。支持中英文表头；UTF-8、GBK/GB18030、UTF-16；"
        "逗号、分号、制表符或竖线分隔，均自动识别。",
    },
    "reading_file": {"en": "Reading {name}…", "zh": "正在读取 {name}…"},
    "file_summary": {
        "en": "{rows} rows · {columns} columns · encoding {encoding} · {delimiter}",
        "zh": "{rows} 行 · {columns} 列 · 编码 {encoding} · {delimiter}",
    },
    "delimiter_,": {"en": "comma-separated", "zh": "逗号分隔"},
    "delimiter_;": {"en": "semicolon-separated", "zh": "分号分隔"},
    "delimiter_\t": {"en": "tab-separated", "zh": "制表符分隔"},
    "delimiter_|": {"en": "pipe-separated", "zh": "竖线分隔"},
    "delimiter_none": {"en": "workbook", "zh": "Excel 工作簿"},
    "encoding_confirm": {
        "en": "This file is not UTF-8, GB18030 or UTF-16. It reads as {encoding} (Western "
        "European); check the preview below. If the text looks wrong, choose another encoding "
        "or save the file as UTF-8.",
        "zh": "该文件不是 UTF-8、GB18030 或 UTF-16 编码，可按 {encoding}（西欧）读取；请检查下方预览。"
        "如显示乱码，请选择其他编码，或将文件另存为 UTF-8。",
    },
    "encoding_choice": {"en": "Encoding", "zh": "编码"},
    "encoding_accept": {"en": "Use this encoding", "zh": "使用该编码"},
    "sheet_choice": {"en": "Sheet", "zh": "工作表"},
    "preview": {"en": "Preview (first {n} rows)", "zh": "预览（前 {n} 行）"},
    "mapping_header": {"en": "What each column means", "zh": "各列含义"},
    "mapping_help": {
        "en": "LiftBoard guessed the roles from the names and values. Correct any that are wrong; "
        "the mapping is saved with the dataset.",
        "zh": "LiftBoard 已根据列名和数值推断各列角色。如有错误请修改；映射会随数据集保存。",
    },
    "col_column": {"en": "Column", "zh": "列"},
    "col_role": {"en": "Role", "zh": "角色"},
    "col_kind": {"en": "Values", "zh": "数值类型"},
    "col_examples": {"en": "Examples", "zh": "示例"},
    "col_missing": {"en": "Empty cells", "zh": "空单元格"},
    "col_notes": {"en": "How it was read", "zh": "读取方式"},
    "outcome_label": {"en": "Main outcome metric", "zh": "主要结果指标"},
    "date_order_label": {"en": "Dates like 03/04", "zh": "类似 03/04 的日期"},
    "date_order_auto": {"en": "Decide from the values", "zh": "根据数据判断"},
    "date_order_dmy": {"en": "Day first (3 April)", "zh": "日在前（4 月 3 日）"},
    "date_order_mdy": {"en": "Month first (4 March)", "zh": "月在前（3 月 4 日）"},
    "dataset_name": {"en": "Dataset name", "zh": "数据集名称"},
    "save_target": {"en": "Save as", "zh": "保存方式"},
    "save_new": {"en": "A new dataset", "zh": "新数据集"},
    "save_replace": {"en": "New version of “{name}”", "zh": "替换“{name}”的新版本"},
    "validation_header": {"en": "Checks", "zh": "数据检查"},
    "validation_ok": {"en": "No problems found.", "zh": "未发现问题。"},
    "validation_counts": {
        "en": "{errors} error(s) to fix before saving, {warnings} warning(s).",
        "zh": "{errors} 个错误需在保存前修正，{warnings} 个警告。",
    },
    "col_severity": {"en": "Severity", "zh": "级别"},
    "col_rows": {"en": "Rows", "zh": "行号"},
    "col_message": {"en": "What to change", "zh": "如何修正"},
    "severity_error": {"en": "error", "zh": "错误"},
    "severity_warning": {"en": "warning", "zh": "警告"},
    "save_button": {"en": "Save to workspace", "zh": "保存到工作区"},
    "save_blocked": {
        "en": "Fix the errors above (in the file or in the mapping) to save.",
        "zh": "请先修正上方错误（在文件中或映射中）再保存。",
    },
    "saving": {"en": "Saving…", "zh": "正在保存…"},
    "saved": {"en": "Saved “{name}” ({rows} rows).", "zh": "已保存“{name}”（{rows} 行）。"},
    "manager_header": {"en": "Datasets in the workspace", "zh": "工作区中的数据集"},
    "col_name": {"en": "Name", "zh": "名称"},
    "col_file": {"en": "File", "zh": "文件"},
    "col_dates": {"en": "Dates", "zh": "日期范围"},
    "col_frequency": {"en": "Frequency", "zh": "频率"},
    "col_uploaded": {"en": "Uploaded (UTC)", "zh": "上传时间（UTC）"},
    "col_version": {"en": "Version", "zh": "版本"},
    "manage_choice": {"en": "Manage", "zh": "管理"},
    "rename_label": {"en": "New name", "zh": "新名称"},
    "rename_button": {"en": "Rename", "zh": "重命名"},
    "renamed": {"en": "Renamed.", "zh": "已重命名。"},
    "open_button": {"en": "Open", "zh": "打开"},
    "delete_button": {"en": "Delete…", "zh": "删除…"},
    "delete_confirm": {
        "en": "Delete “{name}” and its {rows} rows? This cannot be undone.",
        "zh": "删除“{name}”及其 {rows} 行数据？此操作无法撤销。",
    },
    "delete_yes": {"en": "Yes, delete", "zh": "确认删除"},
    "delete_no": {"en": "Cancel", "zh": "取消"},
    "deleted": {"en": "Deleted “{name}”.", "zh": "已删除“{name}”。"},
    "download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "kind_date": {"en": "dates", "zh": "日期"},
    "kind_number": {"en": "numbers", "zh": "数字"},
    "kind_text": {"en": "text", "zh": "文本"},
    "kind_empty": {"en": "empty", "zh": "空"},
    "role_date": {"en": "date", "zh": "日期"},
    "role_dimension": {
        "en": "dimension (store, region, product…)",
        "zh": "维度（门店、地区、商品…）",
    },
    "role_metric": {
        "en": "metric (revenue, units, visits…)",
        "zh": "指标（销售额、销量、访问量…）",
    },
    "role_spend": {"en": "spend", "zh": "花费"},
    "role_campaign": {"en": "campaign", "zh": "活动"},
    "role_promo_flag": {"en": "promotion flag", "zh": "促销标记"},
    "role_discount": {"en": "discount", "zh": "折扣"},
    "role_price": {"en": "price", "zh": "价格"},
    "role_margin": {"en": "gross margin", "zh": "毛利率"},
    "role_cost": {"en": "cost of goods", "zh": "商品成本"},
    "role_ignore": {"en": "ignore", "zh": "忽略"},
    "page_overview": {"en": "Overview", "zh": "总览"},
    "page_lift": {"en": "Campaign lift", "zh": "活动增量"},
    "overview_title": {"en": "Campaign overview", "zh": "活动总览"},
    "lift_title": {"en": "What the campaign really added", "zh": "活动真正带来的增量"},
    "no_campaigns": {
        "en": "This dataset has no campaign column with campaign names, so there is nothing to "
        "measure yet. Map a campaign column on the Data page, or pick the sample dataset.",
        "zh": "该数据集没有包含活动名称的“活动”列，暂无可衡量的活动。请在“数据管理”页映射活动列，或选择示例数据集。",
    },
    "no_outcome": {
        "en": "This dataset has no outcome metric: choose one on the Data page.",
        "zh": "该数据集没有结果指标：请在“数据管理”页选择。",
    },
    "measuring": {
        "en": "Measuring {name} ({done} of {total})…",
        "zh": "正在衡量 {name}（{done}/{total}）…",
    },
    "kpi_campaign_spend": {"en": "Campaign spend", "zh": "活动花费"},
    "kpi_incremental": {"en": "Incremental {metric}", "zh": "增量 {metric}"},
    "kpi_roi": {"en": "ROI (95% interval)", "zh": "ROI（95% 区间）"},
    "kpi_paid_back": {"en": "Campaigns that paid back", "zh": "回本的活动"},
    "chart_roi": {
        "en": "ROI by campaign (bars: estimate; whiskers: 95% interval)",
        "zh": "各活动 ROI（柱：估计值；须线：95% 区间）",
    },
    "chart_windows": {
        "en": "{metric} per {period}, campaign windows shaded",
        "zh": "每{period}{metric}（阴影为活动期）",
    },
    "chart_channels": {"en": "Spend by channel", "zh": "各渠道花费"},
    "conclusions": {"en": "What this says", "zh": "结论"},
    "conclusion_best": {
        "en": "Best return: {name}, {roas} of extra revenue per 1 spent (95% interval {lo}–{hi}), ROI {roi}.",
        "zh": "回报最好的是 {name}：每投入 1 元带来 {roas} 元增量收入（95% 区间 {lo}–{hi}），ROI {roi}。",
    },
    "conclusion_not_paid": {"en": "{names} did not pay back.", "zh": "{names} 未能回本。"},
    "conclusion_share": {
        "en": "{paid} of {total} campaigns paid back at a {margin} gross margin.",
        "zh": "按 {margin} 毛利率计算，{total} 个活动中有 {paid} 个回本。",
    },
    "roi_convention": {
        "en": "Incremental revenue = actual − baseline over the window. ROAS = incremental revenue / "
        "spend. ROI = (margin × incremental revenue − (1 − margin) × discount cost − spend) / spend, "
        "margin {margin} ({source}). Spend counts only what was spent above the usual level before "
        "the campaign. Naive ROAS = all revenue in the window / spend.",
        "zh": "增量收入 = 活动期实际值 − 基线。ROAS = 增量收入 / 花费。ROI = (毛利率 × 增量收入 − (1 − 毛利率) × 折扣成本 − 花费) / 花费，"
        "毛利率 {margin}（{source}）。花费只计入高于活动前常规水平的部分。朴素 ROAS = 活动期全部收入 / 花费。",
    },
    "margin_setting": {"en": "Gross margin", "zh": "毛利率"},
    "margin_source_setting": {"en": "setting", "zh": "设置"},
    "margin_source_data": {"en": "from the data", "zh": "来自数据"},
    "margin_source_default": {
        "en": "default; change it in the sidebar",
        "zh": "默认值，可在侧边栏修改",
    },
    "campaign_label": {"en": "Campaign", "zh": "活动"},
    "table_campaigns": {"en": "All campaigns", "zh": "全部活动"},
    "col_window": {"en": "Window", "zh": "活动期"},
    "col_segment": {"en": "Segment", "zh": "范围"},
    "col_spend": {"en": "Spend", "zh": "花费"},
    "col_lift": {"en": "Lift", "zh": "增量"},
    "col_lift_ci": {"en": "Lift 95% interval", "zh": "增量 95% 区间"},
    "col_rel": {"en": "Lift %", "zh": "增量 %"},
    "col_prob": {"en": "Probability real", "zh": "真实概率"},
    "col_roas": {"en": "ROAS", "zh": "ROAS"},
    "col_roi": {"en": "ROI", "zh": "ROI"},
    "col_naive_roas": {"en": "Naive ROAS", "zh": "朴素 ROAS"},
    "panel_actual": {"en": "Actual vs baseline", "zh": "实际值与基线"},
    "panel_point": {"en": "Effect per period", "zh": "每期增量"},
    "panel_cumulative": {"en": "Cumulative effect", "zh": "累计增量"},
    "legend_actual": {"en": "Actual", "zh": "实际"},
    "legend_baseline": {"en": "Baseline (without the campaign)", "zh": "基线（无活动时）"},
    "legend_band": {"en": "95% interval", "zh": "95% 区间"},
    "report_header": {"en": "Report", "zh": "报告"},
    "lift_report": {
        "en": "During {start} to {end}, {metric} in {segment} was {actual}. Without the campaign it "
        "would have been about {baseline} (95% interval {blo}–{bhi}). The campaign added {effect} "
        "({rel}; 95% interval {lo} to {hi}). The probability that this effect is real is {prob}.",
        "zh": "{start} 至 {end} 期间，{segment} 的{metric}为 {actual}。若无该活动，预计约为 {baseline}（95% 区间 {blo}–{bhi}）。"
        "活动带来增量 {effect}（{rel}；95% 区间 {lo} 至 {hi}）。该效应真实存在的概率为 {prob}。",
    },
    "lift_report_roi": {
        "en": "Spend above the usual level was {spend}: ROAS {roas} (95% interval {rlo}–{rhi}), "
        "ROI {roi}. Counting all revenue in the window instead would suggest a ROAS of {naive}.",
        "zh": "高于常规水平的花费为 {spend}：ROAS {roas}（95% 区间 {rlo}–{rhi}），ROI {roi}。若把活动期全部收入都算作回报，ROAS 会被高估为 {naive}。",
    },
    "lift_not_clear": {
        "en": "The interval includes zero: the data cannot tell this campaign's effect from chance.",
        "zh": "区间包含 0：数据无法把该活动的效果与随机波动区分开。",
    },
    "all_segments": {"en": "all rows", "zh": "全部数据"},
    "diagnostics": {"en": "Diagnostics", "zh": "诊断"},
    "diag_pre": {
        "en": "Baseline fitted on {start} to {end}; error on that period (MAPE): {mape}. Error model: ARMA{order}.",
        "zh": "基线拟合区间 {start} 至 {end}；该区间误差（MAPE）：{mape}。误差模型：ARMA{order}。",
    },
    "diag_controls": {"en": "Control series used (weight):", "zh": "使用的对照序列（权重）："},
    "diag_no_controls": {
        "en": "No control series tracked this segment well enough; the baseline uses its own history and weekday pattern.",
        "zh": "没有对照序列能足够好地跟踪该范围；基线使用其自身历史和星期规律。",
    },
    "download_table": {"en": "Download table (CSV)", "zh": "下载表格（CSV）"},
    "lift_error": {
        "en": "This campaign cannot be measured: {reason}",
        "zh": "无法衡量该活动：{reason}",
    },
}

ISSUE_TEMPLATES_ZH: dict[str, str] = {
    "ragged_rows": "{count} 行的字段数与表头不一致（第 {rows} 行）：已跳过；请在文件中修正后重新上传。",
    "empty_header": "第 {index} 列没有列名，暂称为“{column}”：请在文件中为其命名。",
    "empty_column": "第 {index} 列既无列名也无数据，已忽略。",
    "duplicate_header": "第 {index} 列的列名重复，已重命名为“{column}”：请为每列取不同的名字。",
    "no_rows": "文件只有表头，没有数据行：请重新导出包含数据的文件。",
    "single_row": "文件只有一行数据：分析需要按天或按周的多行数据，请导出完整时间段。",
    "no_date": "没有日期列：请添加日期列（每行一个日期），或在映射中指定日期列。",
    "no_metric": "没有数值指标列（如销售额、销量或花费）：请至少将一个数值列设为“指标”。",
    "unparseable_number": "“{column}”中有 {count} 个值不是数字（第 {rows} 行）："
    "请修正，或为该列选择其他角色；修正前按缺失处理。",
    "unparseable_date": "“{column}”中有 {count} 个值不是日期（第 {rows} 行）："
    "请修正，否则这些行不参与按时间的分析。",
    "mixed_date_order": "“{column}”混用了日在前和月在前两种写法（第 {rows} 行）："
    "请统一写法，最好使用 2024-01-31。",
    "ambiguous_date_order": "“{column}”中的日期既可按日在前也可按月在前解读，目前按{order}读取；"
    "如有误，请在映射中选择另一种顺序。",
    "missing_values": "“{column}”有 {count} 行为空（第 {rows} 行）：请补全（没有发生填 0），"
    "否则使用该列时这些行会被排除。",
    "negative_spend": "“{column}”有 {count} 行花费为负（第 {rows} 行）：花费不能小于 0，"
    "请修正（退款请放在单独的列）。",
    "duplicate_rows": "{count} 行与前面某行的日期和维度完全相同（第 {rows} 行）：分析时会相加；"
    "如是重复数据请删除，或把能区分它们的列设为维度。",
    "calendar_gaps": "日历中缺少 {count} 个周期（{missing}）：没有销售的周期请补 0 行，或导出完整时间段。",
}
_ORDER_ZH = {"dmy": "日在前", "mdy": "月在前"}
ERROR_TEMPLATES_ZH: dict[str, str] = {
    "cannot_read": "无法读取 {path}：请检查文件是否存在。",
    "empty_file": "文件是空的：请重新导出包含表头行的表格。",
    "binary": "这不是文本表格（看起来是二进制文件）：请上传 CSV、TSV 或 XLSX 导出文件。",
    "unknown_encoding": "无法识别文件的文本编码：请另存为 UTF-8（Excel 中的“CSV UTF-8”）后重新上传。",
    "no_such_encoding": "未知的文本编码“{encoding}”：请选择其他编码。",
    "wrong_encoding": "文件不是有效的 {encoding} 编码（第 {byte} 字节）：请选择其他编码，或另存为 UTF-8。",
    "encoding_needs_confirmation": "文件不是 UTF-8、GB18030 或 UTF-16，可按 {encoding}（西欧）读取。"
    "请查看预览并确认编码，或另存为 UTF-8 后重新上传。",
    "empty_first_line": "文件第一行是空的：请把列名放在第 1 行。",
    "too_many_columns": "文件有 {columns} 列，LiftBoard 最多读取 {limit} 列：请删除不用的列后重新上传。",
    "not_a_table": "无法按分隔符读取为表格：请检查每行是否完整、引号是否闭合。",
    "no_sheets": "工作簿中没有工作表：请导出包含表格的工作表。",
    "no_such_sheet": "工作簿中没有工作表“{sheet}”；现有工作表：{sheets}。",
    "workbook_unopenable": "无法打开工作簿（可能已损坏或受密码保护）：请在 Excel 中重新保存，或将工作表导出为 CSV。",
    "empty_sheet": "工作表“{sheet}”是空的：请选择包含表格的工作表。",
    "sheet_too_large": "工作表太大，无法在此读取：请导出为 CSV 后上传。",
    "damaged_workbook": "文件看起来是损坏的 Excel 工作簿：请在 Excel 中重新保存。",
    "zip_not_workbook": "这是 ZIP 压缩包，不是 Excel 工作簿：请直接上传 .xlsx 或 .csv 文件。",
    "zip_bomb": "工作簿解压后的数据远大于文件本身（ZIP 炸弹或文件损坏）：请改为导出 CSV。",
    "workspace_locked": "无法打开工作区 {path}：请关闭使用它的其他 LiftBoard 进程，或将 LIFTBOARD_HOME 设为其他文件夹。",
    "dataset_gone": "该数据集不在工作区中（可能已被删除）：请在“数据管理”页选择其他数据集。",
    "empty_name": "请为数据集起一个名字（任意文字）。",
}


def language() -> str:
    """The language widget's value; before it is drawn in a run, the one in the URL."""
    lang = st.session_state.get("lang") or st.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **params: object) -> str:
    """The string for ``key`` in the current language, formatted with ``params``."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(language()) or entry["en"]
    return text.format(**params) if params else text


def issue_text(issue: Issue) -> str:
    """An issue's sentence in the current language (English comes from analytics itself)."""
    template = ISSUE_TEMPLATES_ZH.get(issue.code)
    if language() != "zh" or template is None:
        return issue.message
    rows = "、".join(str(r) for r in issue.rows) + ("等" if issue.count > len(issue.rows) else "")
    missing = "、".join(issue.params.get("missing", [])[:5])
    order = _ORDER_ZH.get(str(issue.params.get("order")), "")
    return template.format(
        count=issue.count,
        column=issue.column or "",
        rows=rows,
        index=issue.params.get("index", ""),
        missing=missing,
        order=order,
    )


def error_text(error: UserInputError) -> str:
    """A user error's sentence in the current language, escaped for Markdown display."""
    template = ERROR_TEMPLATES_ZH.get(error.code or "")
    if language() == "zh" and template is not None:
        return md(template.format(**error.params))
    return md(str(error))
