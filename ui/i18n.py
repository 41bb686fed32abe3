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
    # --- Lift: campaign source, hand-defined window, robustness, placebo, checks (issue 3) ---
    "lft_source": {"en": "Campaigns from", "zh": "活动来源"},
    "lft_source_column": {"en": "the dataset's campaign column", "zh": "数据集中的活动列"},
    "lft_source_help": {
        "en": "Use an uploaded campaign table (name, start, end, target segments, channel, spend) "
        "instead of the campaign column; its spend is then the campaign's spend.",
        "zh": "使用已上传的活动表（名称、开始、结束、目标范围、渠道、花费）代替活动列；花费以活动表为准。",
    },
    "lft_mode": {"en": "Measure", "zh": "衡量对象"},
    "lft_mode_campaign": {"en": "A campaign", "zh": "某个活动"},
    "lft_mode_window": {"en": "A window I define", "zh": "自定义时间窗口"},
    "lft_start": {"en": "Window start", "zh": "窗口开始"},
    "lft_end": {"en": "Window end", "zh": "窗口结束"},
    "lft_segment": {"en": "{column} (empty = all)", "zh": "{column}（留空 = 全部）"},
    "lft_segment_all": {"en": "All", "zh": "全部"},
    "lft_window_caption": {"en": "Window {start} – {end}", "zh": "窗口 {start} – {end}"},
    "lft_measuring_window": {"en": "Measuring the window…", "zh": "正在衡量该窗口…"},
    "lft_try_window": {
        "en": "You can still measure a window you define: choose “A window I define” above.",
        "zh": "仍可衡量自定义窗口：请在上方选择“自定义时间窗口”。",
    },
    "lft_measuring_all": {
        "en": "Measured {done} of {total} campaigns…",
        "zh": "已衡量 {done}/{total} 个活动…",
    },
    "lft_checks_running": {
        "en": "Running the robustness and placebo checks ({done} of {total} fits)…",
        "zh": "正在进行稳健性与安慰剂检验（{done}/{total} 次拟合）…",
    },
    "lft_checks_failed": {
        "en": "The robustness and placebo checks could not run: {reason}",
        "zh": "无法进行稳健性与安慰剂检验：{reason}",
    },
    "lft_robustness": {"en": "Does the conclusion hold?", "zh": "结论是否稳健？"},
    "lft_col_spec": {"en": "Model", "zh": "模型设定"},
    "lft_col_effect": {"en": "Effect", "zh": "增量"},
    "lft_col_p": {"en": "p-value", "zh": "p 值"},
    "lft_col_conclusion": {"en": "Conclusion", "zh": "结论"},
    "lft_col_found": {"en": "Found an effect", "zh": "发现效应"},
    "lft_col_shift": {"en": "Shift in the window", "zh": "窗口内偏移"},
    "lft_col_moved": {"en": "Moved", "zh": "是否变动"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "lft_spec_primary": {"en": "As estimated", "zh": "当前估计"},
    "lft_spec_no_controls": {
        "en": "Without controls (weekday, trend, festivals)",
        "zh": "不用对照序列（星期、趋势、节日）",
    },
    "lft_spec_with_controls": {"en": "With the best control series", "zh": "加入最佳对照序列"},
    "lft_spec_order": {"en": "Other ARMA order", "zh": "其他 ARMA 阶数"},
    "lft_spec_level": {"en": "Level scale (not log)", "zh": "原始尺度（非对数）"},
    "lft_spec_log": {"en": "Log scale", "zh": "对数尺度"},
    "lft_conclusion_positive": {"en": "positive", "zh": "正向"},
    "lft_conclusion_negative": {"en": "negative", "zh": "负向"},
    "lft_conclusion_unclear": {"en": "unclear (interval includes 0)", "zh": "不明确（区间含 0）"},
    "lft_what_positive": {"en": "a positive effect", "zh": "存在正向效应"},
    "lft_what_negative": {"en": "a negative effect", "zh": "存在负向效应"},
    "lft_what_unclear": {"en": "no clear effect", "zh": "没有明确效应"},
    "lft_holds": {
        "en": "The conclusion ({what}) holds under all {n} model specifications below.",
        "zh": "结论（{what}）在下列全部 {n} 种模型设定下都成立。",
    },
    "lft_differs": {
        "en": "The conclusion ({what}) does not hold under every specification: it differs for "
        "{names}. Read the estimate with care.",
        "zh": "结论（{what}）并非在所有设定下都成立：在“{names}”下不同。请谨慎解读该估计。",
    },
    "lft_skipped": {"en": "Not run: {spec} — {reason}", "zh": "未运行：{spec} — {reason}"},
    "lft_skip_with_controls": {
        "en": "no untouched segment tracks this one well enough to serve as a control.",
        "zh": "没有未受影响的范围能足够好地跟踪该范围作为对照。",
    },
    "lft_skip_log": {
        "en": "the series has zeros or negatives, so it has no log scale.",
        "zh": "序列含 0 或负值，无法取对数。",
    },
    "lft_placebo_header": {"en": "Placebo check.", "zh": "安慰剂检验。"},
    "lft_placebo": {
        "en": "In {found} of {total} placebo windows (same length, before the campaign, when no "
        "campaign or promotion ran) the model found an effect where there was none; with 95% "
        "intervals about 1 in 20 is expected by chance.",
        "zh": "在 {total} 个安慰剂窗口（长度相同、位于活动之前、期间无活动和促销）中，模型在 {found} "
        "个窗口里“发现”了实际并不存在的效应；使用 95% 区间时，约 1/20 属于偶然。",
    },
    "lft_placebo_none": {
        "en": "No placebo check: there is not enough quiet history before the campaign for "
        "windows of this length.",
        "zh": "无法进行安慰剂检验：活动前没有足够的无活动历史来容纳同样长度的窗口。",
    },
    "lft_festivals": {
        "en": "Festivals in the baseline model: {names}.",
        "zh": "基线模型中的节日：{names}。",
    },
    "lft_festivals_controls": {
        "en": "Festivals: carried by the control series, which live through them too.",
        "zh": "节日：由对照序列承载（对照序列同样受节日影响）。",
    },
    "lft_festivals_none": {
        "en": "Festivals: none the fitted period can estimate.",
        "zh": "节日：拟合区间内没有可估计的节日。",
    },
    "lft_control_check": {
        "en": "Did the controls move during the window? (each against what its usual relation to "
        "the other series predicts)",
        "zh": "对照序列在窗口内是否发生变动？（与其平时和其他序列的关系相比）",
    },
    "lft_unit_days": {"en": "days", "zh": "天"},
    "lft_unit_weeks": {"en": "weeks", "zh": "周"},
    "lft_unit_months": {"en": "months", "zh": "个月"},
    "lft_unit_rows": {"en": "rows", "zh": "行"},
    "lft_fest_Chinese New Year": {"en": "Chinese New Year", "zh": "春节"},
    "lft_fest_618 run-up": {"en": "618 run-up", "zh": "618 预热"},
    "lft_fest_618": {"en": "618", "zh": "618"},
    "lft_fest_Double 11 run-up": {"en": "Double 11 run-up", "zh": "双十一预热"},
    "lft_fest_Double 11": {"en": "Double 11", "zh": "双十一"},
    "lft_fest_Black Friday–Cyber Monday": {
        "en": "Black Friday–Cyber Monday",
        "zh": "黑色星期五至网络星期一",
    },
    "lft_note_overlap": {
        "en": "Another campaign ran in this segment on {overlap} of the window's {periods} "
        "periods: the effect measured here includes it.",
        "zh": "窗口 {periods} 个周期中有 {overlap} 个周期该范围内还有其他活动：此处测得的效应包含了它。",
    },
    "lft_note_missing": {
        "en": "{missing} of the window's {periods} periods have no data; they are left out of "
        "the sums.",
        "zh": "窗口 {periods} 个周期中有 {missing} 个没有数据，未计入合计。",
    },
    "lft_note_short_pre": {
        "en": "Only {have} {unit} of data before the window: the baseline was fitted, but at "
        "least {recommended} are recommended, so read its interval with care.",
        "zh": "窗口前只有 {have} {unit}的数据：基线已拟合，但建议至少 {recommended} {unit}，请谨慎解读区间。",
    },
    "lft_note_festival_unknown": {
        "en": "{festival} falls on {inside} of the window's {periods} periods but the fitted "
        "period holds too little of it: the baseline cannot know its effect and no control "
        "series carries it, so the lift may include it.",
        "zh": "{festival}落在窗口 {periods} 个周期中的 {inside} 个，但拟合区间中该节日的数据太少："
        "基线无法得知其影响，也没有对照序列承载它，因此增量可能包含节日效应。",
    },
    "lft_note_festival_unknown_controls": {
        "en": "{festival} falls on {inside} of the window's {periods} periods but the fitted "
        "period holds too little of it: the baseline knows its effect only through the control "
        "series, so check that they live through it the same way.",
        "zh": "{festival}落在窗口 {periods} 个周期中的 {inside} 个，但拟合区间中该节日的数据太少："
        "基线只能通过对照序列了解其影响，请确认对照序列受该节日的影响相同。",
    },
    "lft_note_control_moved": {
        "en": "The control series {name} moved during the window ({shift:+.1%} against what its "
        "usual relation to the other series predicts, p = {p:.3f}): if the campaign reached it, "
        "or something else moved it, the baseline moved too and the effect is misstated; compare "
        "the estimate without controls under “Does the conclusion hold?”.",
        "zh": "对照序列 {name} 在窗口内发生了变动（与其平时和其他序列的关系相比 {shift:+.1%}，p = {p:.3f}）："
        "若活动波及了它或有其他因素影响，基线也随之变动，效应会被错估；请在“结论是否稳健？”中对比不用对照序列的估计。",
    },
    "lft_err_lift_pre_too_short": {
        "en": "Only {have} {unit} of data before the campaign: the baseline cannot be fitted on "
        "fewer than {needed} and needs at least {recommended} for a reliable estimate. Upload a "
        "longer history or pick a later campaign.",
        "zh": "活动前只有 {have} {unit}的数据：基线至少需要 {needed} {unit}才能拟合，可靠估计需要至少 "
        "{recommended} {unit}。请上传更长的历史数据或选择更晚的活动。",
    },
    "lft_err_lift_window_outside": {
        "en": "The window {start} to {end} is outside the data ({first} to {last}): choose dates "
        "inside it, after the first.",
        "zh": "窗口 {start} 至 {end} 超出了数据范围（{first} 至 {last}）：请选择数据范围内、首日之后的日期。",
    },
    "lft_err_lift_window_reversed": {
        "en": "The window ends before it starts: swap the start and end dates.",
        "zh": "窗口结束早于开始：请交换开始和结束日期。",
    },
    "lft_err_lift_unfittable": {
        "en": "The baseline model could not be fitted on this pre-period: try another metric, a "
        "larger segment or a longer history.",
        "zh": "无法在该活动前区间拟合基线模型：请尝试其他指标、更大的范围或更长的历史。",
    },
    "lft_err_lift_unstable": {
        "en": "The baseline model is unstable on this pre-period: try another metric or segment.",
        "zh": "基线模型在该活动前区间不稳定：请尝试其他指标或范围。",
    },
    "lft_err_campaign_table_columns": {
        "en": "This is not a campaign table: it has no {missing} column (a campaign table needs "
        "name, start and end columns).",
        "zh": "这不是活动表：缺少 {missing} 列（活动表需要名称、开始和结束列）。",
    },
    "lft_err_campaign_table_duplicate": {
        "en": "The campaign table names {name} twice: give each campaign its own name.",
        "zh": "活动表中 {name} 出现了两次：请为每个活动取不同的名字。",
    },
    "lft_err_campaign_table_dates": {
        "en": "Campaign {name} has no readable start or end date in the campaign table: write "
        "them as 2024-01-31.",
        "zh": "活动表中 {name} 的开始或结束日期无法识别：请写成 2024-01-31 的格式。",
    },
    "lft_err_campaign_table_reversed": {
        "en": "Campaign {name} ends before it starts in the campaign table: swap its dates.",
        "zh": "活动表中 {name} 的结束早于开始：请交换日期。",
    },
    "lft_err_campaign_table_segment": {
        "en": "Campaign {name} targets {dimension} {value}, which the sales data does not have: "
        "correct the campaign table's {column} column.",
        "zh": "活动 {name} 的目标 {dimension}“{value}”在销售数据中不存在：请修正活动表的 {column} 列。",
    },
    "lft_err_lift_unknown_campaign": {
        "en": "There is no campaign {name} in the campaign table; the campaigns are: {known}.",
        "zh": "活动表中没有活动 {name}；现有活动：{known}。",
    },
    "lft_chart_channels_table": {
        "en": "Campaign spend by channel (campaign table)",
        "zh": "各渠道活动花费（活动表）",
    },
    "lft_report_roi_table": {
        "en": "Its spend in the campaign table is {spend}: ROAS {roas} (95% interval "
        "{rlo}–{rhi}), ROI {roi}. Counting all revenue in the window instead would suggest a "
        "ROAS of {naive}.",
        "zh": "活动表中的花费为 {spend}：ROAS {roas}（95% 区间 {rlo}–{rhi}），ROI {roi}。"
        "若把活动期全部收入都算作回报，ROAS 会被高估为 {naive}。",
    },
    "lft_convention_table": {
        "en": "Spend is the campaign's spend in the campaign table.",
        "zh": "花费取自活动表中该活动的花费。",
    },
    "lft_err_campaign_table_unmatched": {
        "en": "The campaign table's column {column} names segments the sales data does not "
        "have (for example {value}): use the values of one of its dimension columns "
        "({dimensions}).",
        "zh": "活动表的 {column} 列中的范围在销售数据中不存在（例如“{value}”）：请使用销售数据某个维度列"
        "（{dimensions}）中的取值。",
    },
    "lft_col_weight": {"en": "Weight", "zh": "权重"},
    "lft_col_roi_ci": {"en": "ROI 95% interval", "zh": "ROI 95% 区间"},
    "lft_summary_header": {"en": "Summary", "zh": "汇总"},
    "lft_margin_help": {
        "en": "Gross margin for ROI. Until you change it, each campaign uses the data's margin "
        "column over its segment when there is one, else 40%.",
        "zh": "用于计算 ROI 的毛利率。修改之前，若数据中有毛利率列，每个活动使用其范围内的毛利率，否则使用 40%。",
    },
    "lft_col_measure": {"en": "Measure", "zh": "指标"},
    "lft_col_total": {"en": "Total over the window", "zh": "活动期合计"},
    "lft_col_average": {"en": "Average per period", "zh": "每期平均"},
    "lft_col_ci": {"en": "95% interval", "zh": "95% 区间"},
    "lft_row_actual": {"en": "Actual", "zh": "实际值"},
    "lft_row_baseline": {"en": "Baseline (without the campaign)", "zh": "基线（没有活动时）"},
    "lft_row_abs": {"en": "Absolute effect", "zh": "绝对效应"},
    "lft_row_rel": {"en": "Relative effect", "zh": "相对效应"},
    "lft_row_p": {"en": "p-value", "zh": "p 值"},
    "lft_row_positive": {
        "en": "Probability the effect is above zero",
        "zh": "效应大于零的概率",
    },
    "lft_err_series_no_column": {
        "en": "There is no {what} column {column}; the columns are: {known}.",
        "zh": "没有名为 {column} 的列；现有列：{known}。",
    },
    "lft_err_series_no_value": {
        "en": "{column} has no value {value}; it has: {known}.",
        "zh": "{column} 列中没有取值“{value}”；现有取值：{known}。",
    },
    "lft_err_series_no_date": {
        "en": "The data has no date column: choose one in the mapping.",
        "zh": "数据没有日期列：请在列映射中选择一个。",
    },
    "lft_err_series_no_rows": {
        "en": "No rows match that segment: check the filters.",
        "zh": "没有符合该范围的行：请检查筛选条件。",
    },
    "lft_err_lift_no_campaign": {
        "en": "There is no campaign {name} in the data; the campaigns are: {known}.",
        "zh": "数据中没有活动 {name}；现有活动：{known}。",
    },
    "lft_err_lift_bad_date": {
        "en": "{text} is not a date: write it as 2024-01-31.",
        "zh": "“{text}”不是日期：请写成 2024-01-31 的格式。",
    },
    "lft_err_lift_no_target": {
        "en": "Give a campaign name, or both a start and an end date.",
        "zh": "请给出活动名称，或同时给出开始和结束日期。",
    },
    "lft_err_lift_log_needs_positive": {
        "en": "The log scale needs positive values, and this series has zeros or negatives: use "
        "the level scale.",
        "zh": "对数尺度需要正值，而该序列含有零或负值：请使用原始尺度。",
    },
    "lft_err_lift_rows_only": {
        "en": "This file has no date column, so each row is one period: give the window as row "
        "numbers (no campaign name or segment filter).",
        "zh": "该文件没有日期列，每一行是一个周期：请用行号给出窗口（不能用活动名称或范围筛选）。",
    },
    "lft_err_lift_row_number": {
        "en": "This file has no date column: give the start and end as row numbers from 1 to "
        "{rows} (1 is the first row under the header), not {value}.",
        "zh": "该文件没有日期列：开始和结束请用 1 到 {rows} 之间的行号（1 为表头下第一行），而不是“{value}”。",
    },
    "page_forecast": {"en": "Forecast", "zh": "需求预测"},
    "fc_title": {"en": "Demand ahead, and the stock that covers it", "zh": "未来需求与所需库存"},
    "fc_not_possible": {
        "en": "Forecasts need a daily, weekly or monthly date column and a number metric: check "
        "the mapping on the Data page.",
        "zh": "预测需要按日、按周或按月的日期列和一个数值指标：请在“数据管理”页检查列映射。",
    },
    "fc_segment": {"en": "Segment", "zh": "细分"},
    "fc_segment_total": {"en": "All rows (total)", "zh": "全部（合计）"},
    "fc_segment_split": {
        "en": "All series by {dimension} ({count})",
        "zh": "按 {dimension} 分别预测（{count} 个序列）",
    },
    "fc_horizon": {"en": "Horizon", "zh": "预测期"},
    "fc_horizon_value": {"en": "{count} {unit}", "zh": "{count} {unit}"},
    "fc_units_D": {"en": "days", "zh": "天"},
    "fc_units_W": {"en": "weeks", "zh": "周"},
    "fc_units_M": {"en": "months", "zh": "个月"},
    "fc_use_festivals": {"en": "Holidays and festivals", "zh": "节假日与购物节"},
    "fc_use_festivals_help": {
        "en": "Chinese New Year, 618, Double 11 and Black Friday as regressors.",
        "zh": "将春节、618、双 11 和黑色星期五作为回归变量。",
    },
    "fc_use_promotions": {"en": "Promotions", "zh": "促销"},
    "fc_use_promotions_help": {
        "en": "Past promotions from the data (campaign, discount, promotion flag) are learnt "
        "from; planned ones below go into the forecast.",
        "zh": "从数据中的历史促销（活动、折扣、促销标记）学习其效果；下方计划的促销会计入预测。",
    },
    "fc_plan_header": {"en": "Planned promotions", "zh": "计划中的促销"},
    "fc_plan_help": {
        "en": "One row per promotion in the forecast period: it runs on every row of the "
        "segment. Its effect is learnt from past promotions.",
        "zh": "每行一个预测期内的促销，作用于所选细分的全部数据。其效果从历史促销中学习。",
    },
    "fc_plan_name": {"en": "Name", "zh": "名称"},
    "fc_plan_start": {"en": "Start", "zh": "开始"},
    "fc_plan_end": {"en": "End", "zh": "结束"},
    "fc_plan_discount": {"en": "Discount", "zh": "折扣"},
    "fc_link_ignored": {
        "en": "Part of the link could not be used and was ignored: {param} = “{value}”.",
        "zh": "链接中的部分内容无法使用，已忽略：{param} = “{value}”。",
    },
    "fc_link_too_many": {
        "en": "The link holds more than {limit} rows for {param}; the rest were ignored.",
        "zh": "链接中的 {param} 超过 {limit} 行，其余已忽略。",
    },
    "fc_progress": {
        "en": "Forecasting series {done} of {total}…",
        "zh": "正在预测第 {done}/{total} 个序列…",
    },
    "fc_legend_actual": {"en": "Actual", "zh": "实际"},
    "fc_legend_fitted": {"en": "Model fit", "zh": "模型拟合"},
    "fc_legend_forecast": {"en": "Forecast", "zh": "预测"},
    "fc_legend_band80": {"en": "80% interval", "zh": "80% 区间"},
    "fc_legend_band95": {"en": "95% interval", "zh": "95% 区间"},
    "fc_legend_naive": {"en": "Seasonal naive", "zh": "季节性朴素预测"},
    "fc_legend_model": {"en": "Model", "zh": "模型"},
    "fc_total_sentence": {
        "en": "Expected {metric} over the next {count} {unit} ({first} to {last}): **{total}**.",
        "zh": "未来 {count} {unit}（{first} 至 {last}）的预计 {metric}：**{total}**。",
    },
    "fc_note_too_short": {
        "en": "Only {points} periods of history, fewer than the {needed} a model needs: this is "
        "the seasonal naive forecast (each period repeats the same period of the last cycle).",
        "zh": "历史只有 {points} 个周期，少于模型所需的 {needed} 个：这里显示的是季节性朴素预测"
        "（每个周期重复上一周期的同期值）。",
    },
    "fc_note_model_failed": {
        "en": "No stable model fitted this series: this is the seasonal naive forecast.",
        "zh": "该序列无法拟合出稳定的模型：这里显示的是季节性朴素预测。",
    },
    "fc_note_log": {
        "en": "The seasonal swing grows with the level, so the model works on the logarithm; "
        "forecasts and intervals are transformed back (the line is the mean).",
        "zh": "季节波动随水平增大，因此模型对取对数后的数据建模；预测和区间已变换回原单位（曲线为均值）。",
    },
    "fc_note_gaps": {
        "en": "{count} periods inside the history have no data and are treated as missing.",
        "zh": "历史中有 {count} 个周期没有数据，按缺失处理。",
    },
    "fc_note_trimmed": {
        "en": "This series has no data after {date}: the forecast starts from there.",
        "zh": "该序列在 {date} 之后没有数据：预测从该日期之后开始。",
    },
    "fc_note_plan_ignored": {
        "en": "This series has no past promotions to learn from, so the planned promotions "
        "cannot be priced in and are left out.",
        "zh": "该序列没有可供学习的历史促销，无法估计计划促销的效果，因此未计入预测。",
    },
    "fc_note_festival_unseen": {
        "en": "{names} falls in the forecast period but not in the history: no effect is assumed.",
        "zh": "{names} 落在预测期内，但历史中没有出现：假定没有影响。",
    },
    "fc_note_no_backtest": {
        "en": "Too little history to backtest {horizon} periods ahead.",
        "zh": "历史太短，无法回测提前 {horizon} 个周期的预测。",
    },
    "fc_note_no_yearly": {
        "en": "Less than a year and a half of history: no yearly pattern is modelled.",
        "zh": "历史不足一年半：未对年度规律建模。",
    },
    "fc_download_forecast": {"en": "Download the forecast (CSV)", "zh": "下载预测（CSV）"},
    "fc_backtest_header": {"en": "How good is it? Backtest", "zh": "准确度如何？回测"},
    "fc_no_backtest": {
        "en": "Too little history for a backtest at this horizon.",
        "zh": "历史太短，无法在该预测期上回测。",
    },
    "fc_backtest_better": {
        "en": "Forecasting {points} {unit} the model had not seen (from {origins} cut-offs), "
        "its error is {ratio} of the seasonal naive forecast's: MAE {mae} against {nmae}, MAPE "
        "{mape} against {nmape}; MASE {mase}.",
        "zh": "在模型未见过的 {points} {unit}上（{origins} 个截止点）回测，模型误差为季节性朴素预测的 "
        "{ratio}：MAE {mae} 对 {nmae}，MAPE {mape} 对 {nmape}；MASE {mase}。",
    },
    "fc_backtest_worse": {
        "en": "The seasonal naive forecast (repeat the last cycle) was better than the model on "
        "{points} held-out {unit}: MAE {nmae} against the model's {mae} (MAPE {nmape} "
        "against {mape}). Use this forecast with care.",
        "zh": "在留出的 {points} {unit}上，季节性朴素预测（重复上一周期）比模型更准：MAE {nmae}，"
        "模型为 {mae}（MAPE {nmape} 对 {mape}）。请谨慎使用该预测。",
    },
    "fc_backtest_naive": {
        "en": "This forecast is the seasonal naive one (no model was fitted), so there is no "
        "model to compare it with. Forecasting {points} held-out {unit} it had MAE {nmae} "
        "(MAPE {nmape}).",
        "zh": "该预测就是季节性朴素预测（未拟合模型），没有模型可与之比较。在留出的 {points} {unit}上，"
        "其 MAE 为 {nmae}（MAPE {nmape}）。",
    },
    "fc_backtest_coverage": {
        "en": "The 95% interval held {c95} of the held-out points and the 80% interval {c80}.",
        "zh": "95% 区间覆盖了 {c95} 的留出数据点，80% 区间覆盖了 {c80}。",
    },
    "fc_backtest_chart": {
        "en": "Backtest: forecasts from each cut-off against what happened",
        "zh": "回测：各截止点的预测与实际",
    },
    "fc_download_backtest": {"en": "Download the backtest (CSV)", "zh": "下载回测（CSV）"},
    "fc_card_header": {"en": "Model card", "zh": "模型说明"},
    "fc_card_naive": {
        "en": "Seasonal naive forecast: each period repeats the value {season} {unit} earlier.",
        "zh": "季节性朴素预测：每个周期重复 {season} {unit}之前的值。",
    },
    "fc_card_model": {
        "en": "Model: {model} with {trend}, fitted on {n} {unit}; AIC {aic}.",
        "zh": "模型：{model}，{trend}，基于 {n} {unit}的数据拟合；AIC {aic}。",
    },
    "fc_trend_constant": {"en": "a constant level", "zh": "含常数水平"},
    "fc_trend_drift": {"en": "a drift (steady growth)", "zh": "含漂移项（稳定增长）"},
    "fc_trend_none": {"en": "no constant", "zh": "不含常数"},
    "fc_card_log": {
        "en": "The seasonal swing grows with the level (slope {slope} on a log–log scale), so "
        "the model works on the logarithm.",
        "zh": "季节波动随水平增大（对数坐标下斜率 {slope}），因此模型对取对数后的数据建模。",
    },
    "fc_card_no_log": {
        "en": "The seasonal swing does not grow with the level: the model works on the values "
        "as they are.",
        "zh": "季节波动不随水平增大：模型直接对原始数值建模。",
    },
    "fc_card_differencing": {
        "en": "Differencing: {d} ordinary and {D} seasonal (seasonal strength {strength}, "
        "differenced above 0.64; unit-root tests KPSS p = {kpss}, ADF p = {adf}).",
        "zh": "差分：普通差分 {d} 次，季节差分 {D} 次（季节强度 {strength}，高于 0.64 时做季节差分；"
        "单位根检验 KPSS p = {kpss}，ADF p = {adf}）。",
    },
    "fc_card_fourier": {
        "en": "Yearly pattern: {k} Fourier pair(s) with a period of {period} {unit}.",
        "zh": "年度规律：{k} 对傅里叶项，周期 {period} {unit}。",
    },
    "fc_card_dummies_D": {
        "en": "Fixed weekday effects are included (the weekly pattern is steady).",
        "zh": "包含固定的星期效应（每周规律稳定）。",
    },
    "fc_card_dummies_M": {
        "en": "Fixed month effects are included (the yearly pattern is steady).",
        "zh": "包含固定的月份效应（年度规律稳定）。",
    },
    "fc_card_lb_ok": {
        "en": "Residual check (Ljung–Box, {lags} lags): p = {p}, nothing predictable is left "
        "in the errors.",
        "zh": "残差检验（Ljung–Box，{lags} 阶）：p = {p}，误差中没有剩余的可预测规律。",
    },
    "fc_card_lb_bad": {
        "en": "Residual check (Ljung–Box, {lags} lags): p = {p}, some pattern is left in the "
        "errors, so the intervals may be too narrow.",
        "zh": "残差检验（Ljung–Box，{lags} 阶）：p = {p}，误差中仍有规律，区间可能偏窄。",
    },
    "fc_card_estimation": {
        "en": "{tried} candidate models were compared by AIC; coefficients by conditional least "
        "squares, likelihood, forecasts and intervals from statsmodels' SARIMAX.",
        "zh": "按 AIC 比较了 {tried} 个候选模型；系数用条件最小二乘估计，似然、预测和区间由 statsmodels "
        "的 SARIMAX 计算。",
    },
    "fc_coef_name": {"en": "Term", "zh": "项"},
    "fc_coef_kind": {"en": "Kind", "zh": "类型"},
    "fc_coef_estimate": {"en": "Estimate", "zh": "估计值"},
    "fc_coef_se": {"en": "Std. error", "zh": "标准误"},
    "fc_coef_effect": {"en": "Effect", "zh": "影响"},
    "fc_regressor_campaign": {"en": "Campaign running", "zh": "活动进行中"},
    "fc_regressor_discount": {"en": "Discount", "zh": "折扣"},
    "fc_regressor_promo_flag": {"en": "On promotion", "zh": "促销中"},
    "fc_kind_ar": {"en": "autoregressive", "zh": "自回归"},
    "fc_kind_ma": {"en": "moving average", "zh": "移动平均"},
    "fc_kind_seasonal_ar": {"en": "seasonal autoregressive", "zh": "季节自回归"},
    "fc_kind_seasonal_ma": {"en": "seasonal moving average", "zh": "季节移动平均"},
    "fc_kind_constant": {"en": "constant", "zh": "常数"},
    "fc_kind_fourier": {"en": "yearly pattern", "zh": "年度规律"},
    "fc_kind_festival": {"en": "festival", "zh": "节日"},
    "fc_kind_promotion": {"en": "promotion", "zh": "促销"},
    "fc_kind_season": {"en": "fixed season effect", "zh": "固定季节效应"},
    "fc_many_header": {"en": "Every series by {dimension}", "zh": "按 {dimension} 的全部序列"},
    "fc_many_summary": {
        "en": "The model beats the seasonal naive forecast for **{beats} of {total}** backtested "
        "series ({series} series in all); median MASE {mase}.",
        "zh": "在 {total} 个完成回测的序列中（共 {series} 个），模型有 **{beats} 个** 优于季节性朴素预测；"
        "MASE 中位数 {mase}。",
    },
    "fc_many_chart": {
        "en": "Backtest error per series (MASE, lower is better)",
        "zh": "各序列回测误差（MASE，越低越好）",
    },
    "fc_col_series": {"en": "Series", "zh": "序列"},
    "fc_col_model": {"en": "Model", "zh": "模型"},
    "fc_col_log": {"en": "Log", "zh": "取对数"},
    "fc_col_forecast_total": {"en": "Forecast total", "zh": "预测合计"},
    "fc_col_naive_mae": {"en": "Naive MAE", "zh": "朴素 MAE"},
    "fc_col_naive_mape": {"en": "Naive MAPE", "zh": "朴素 MAPE"},
    "fc_col_beats": {"en": "Beats naive", "zh": "优于朴素"},
    "fc_col_coverage": {"en": "95% coverage", "zh": "95% 覆盖率"},
    "fc_col_message": {"en": "Note", "zh": "说明"},
    "fc_download_many": {"en": "Download the accuracy table (CSV)", "zh": "下载准确度表（CSV）"},
    "fc_drill": {"en": "Show one series", "zh": "查看单个序列"},
    "fc_stock_header": {"en": "Stock cover", "zh": "库存覆盖"},
    "fc_lead_time": {"en": "Lead time (days)", "zh": "补货提前期（天）"},
    "fc_service_level": {"en": "Service level", "zh": "服务水平"},
    "fc_stock_settings": {
        "en": "Lead time {lead} days, service level {level}%.",
        "zh": "补货提前期 {lead} 天，服务水平 {level}%。",
    },
    "fc_current_stock": {"en": "Current stock (units of the metric)", "zh": "当前库存（指标单位）"},
    "fc_stock_many_help": {
        "en": "Enter the current stock of each series to see how many days it lasts.",
        "zh": "输入各序列的当前库存，查看可以维持多少天。",
    },
    "fc_yes": {"en": "⚠ yes", "zh": "⚠ 是"},
    "fc_no": {"en": "no", "zh": "否"},
    "fc_col_lead_demand": {"en": "Lead-time demand", "zh": "提前期需求"},
    "fc_col_safety": {"en": "Safety stock", "zh": "安全库存"},
    "fc_col_reorder_point": {"en": "Reorder point", "zh": "再订货点"},
    "fc_col_stock": {"en": "Current stock", "zh": "当前库存"},
    "fc_col_cover": {"en": "Days of cover", "zh": "可覆盖天数"},
    "fc_col_risk": {"en": "Stock-out risk", "zh": "断货风险"},
    "fc_col_reorder_now": {"en": "Reorder now", "zh": "需立即补货"},
    "fc_stock_risk_one": {
        "en": "Stock-out risk: the stock lasts {days} days, less than the {lead}-day lead time.",
        "zh": "断货风险：库存只能维持 {days} 天，短于 {lead} 天的补货提前期。",
    },
    "fc_stock_risk_many": {
        "en": "Stock-out risk (cover shorter than the lead time): {names}.",
        "zh": "有断货风险（覆盖天数短于补货提前期）：{names}。",
    },
    "fc_stock_method": {
        "en": "Safety stock = z ({z}) × the standard deviation of lead-time demand ({sd}, {source}); "
        "reorder point = lead-time demand + safety stock; days of cover follow the forecast "
        "until the stock runs out.",
        "zh": "安全库存 = z（{z}）× 提前期需求的标准差（{sd}，{source}）；再订货点 = 提前期需求 + 安全库存；"
        "可覆盖天数按预测逐日消耗库存计算。",
    },
    "fc_sd_backtest": {
        "en": "from the backtest errors × √lead time",
        "zh": "来自回测误差 × √提前期",
    },
    "fc_sd_model": {
        "en": "from the model's uncertainty of cumulative demand, larger than the backtest's",
        "zh": "来自模型对累计需求的不确定性，大于回测误差给出的值",
    },
    "fc_sd_none": {"en": "not available", "zh": "无法估计"},
    "fc_download_stock": {"en": "Download the stock table (CSV)", "zh": "下载库存表（CSV）"},
    "fc_err_plan_name": {
        "en": "Planned promotion row {row}: give the promotion a name.",
        "zh": "计划促销第 {row} 行：请填写促销名称。",
    },
    "fc_err_plan_dates": {
        "en": "Planned promotion row {row} ({name}): enter both a start and an end date.",
        "zh": "计划促销第 {row} 行（{name}）：请同时填写开始和结束日期。",
    },
    "fc_err_plan_order": {
        "en": "Planned promotion row {row} ({name}): the end date is before the start date.",
        "zh": "计划促销第 {row} 行（{name}）：结束日期早于开始日期。",
    },
    "fc_err_plan_discount": {
        "en": "Planned promotion row {row} ({name}): the discount must be between 0% and 90%.",
        "zh": "计划促销第 {row} 行（{name}）：折扣须在 0% 到 90% 之间。",
    },
    "fc_err_plan_outside": {
        "en": "Planned promotion row {row} ({name}) is outside the forecast period {first} to "
        "{last}: move it inside or lengthen the horizon.",
        "zh": "计划促销第 {row} 行（{name}）不在预测期 {first} 至 {last} 内：请调整日期或延长预测期。",
    },
    "fc_err_horizon": {
        "en": "The horizon must be between 1 and {most} periods.",
        "zh": "预测期须在 1 到 {most} 个周期之间。",
    },
    "fc_err_not_numeric": {
        "en": "{column} is not a number column: choose a metric such as revenue or units.",
        "zh": "{column} 不是数值列：请选择销售额、销量等指标。",
    },
    "fc_err_irregular_dates": {
        "en": "The dates are not daily, weekly or monthly: forecasts need a regular calendar.",
        "zh": "日期不是按日、按周或按月的：预测需要规则的日历。",
    },
    "fc_err_no_values": {
        "en": "This series has too few values to forecast: choose a larger segment.",
        "zh": "该序列数值太少，无法预测：请选择更大的细分。",
    },
    "fc_err_too_many_series": {
        "en": "That split gives {count} series; at most {most} are forecast at once.",
        "zh": "该拆分会得到 {count} 个序列；一次最多预测 {most} 个。",
    },
    "fc_err_lead_time_beyond": {
        "en": "The lead time ({lead_time} days) is longer than the forecast: lengthen the horizon "
        "or shorten the lead time.",
        "zh": "补货提前期（{lead_time} 天）超过了预测期：请延长预测期或缩短提前期。",
    },
    "fc_err_lead_time": {
        "en": "The lead time must be more than 0 days.",
        "zh": "补货提前期须大于 0 天。",
    },
    "fc_err_service_level": {
        "en": "The service level must be between 50% and 99.9%.",
        "zh": "服务水平须在 50% 到 99.9% 之间。",
    },
    "fc_err_stock_negative": {
        "en": "The current stock cannot be negative.",
        "zh": "当前库存不能为负数。",
    },
    # --- Drivers: regression models explained with SHAP (issue 4) ---
    "page_drivers": {"en": "Drivers", "zh": "驱动因素"},
    "drv_title": {"en": "What drives your sales", "zh": "销售的驱动因素"},
    "drv_intro": {
        "en": "Models of what moves the target, compared on held-out periods against a naive baseline; the best one is explained with SHAP.",
        "zh": "用模型分析是什么推动了目标指标，并在留出期上与朴素基线比较；最佳模型用 SHAP 解释。",
    },
    "drv_no_metrics": {
        "en": "This dataset has no metric to model: mark at least one number column as a metric on the Data page.",
        "zh": "该数据集没有可建模的指标：请在“数据管理”页至少把一个数值列设为“指标”。",
    },
    "drv_error": {
        "en": "The drivers cannot be modelled: {reason}",
        "zh": "无法建立驱动因素模型：{reason}",
    },
    "drv_target": {"en": "Target", "zh": "目标指标"},
    "drv_per": {"en": "Divided by", "zh": "除以"},
    "drv_per_none": {"en": "(nothing: the metric itself)", "zh": "（不除：指标本身）"},
    "drv_per_help": {
        "en": "Choose a second metric to model a ratio, e.g. orders per visit (conversion) or revenue per order.",
        "zh": "选择第二个指标以建模比率，例如每次访问的订单数（转化率）或每单收入。",
    },
    "drv_log": {"en": "Log scale (effects in %)", "zh": "对数尺度（效应以 % 表示）"},
    "drv_log_help": {
        "en": "Model the logarithm of the target: effects read as percentages, which suits sales that scale with each segment's size.",
        "zh": "对目标取对数建模：效应以百分比表示，适合随各细分规模成比例变化的销售。",
    },
    "drv_features": {"en": "Features", "zh": "特征"},
    "drv_features_help": {
        "en": "Suggested from the column roles; ⚠ marks a metric that is the target in another form.",
        "zh": "根据列的角色推荐；⚠ 表示该指标是目标的另一种形式。",
    },
    "drv_leak_ratio_part": {
        "en": "⚠ {feature} is part of the ratio {other}: left out by default.",
        "zh": "⚠ {feature} 是比率 {other} 的组成部分：默认排除。",
    },
    "drv_leak_same_quantity": {
        "en": "⚠ {feature} moves almost one for one with {other} (correlation {corr}): it is the target in another form, left out by default.",
        "zh": "⚠ {feature} 与 {other} 几乎同步变化（相关系数 {corr}）：它是目标的另一种形式，默认排除。",
    },
    "drv_models": {"en": "Models", "zh": "模型"},
    "drv_models_help": {
        "en": "The naive baseline is always fitted: a model has to beat it before it is explained.",
        "zh": "朴素基线总会参与比较：模型必须优于它才会被解释。",
    },
    "drv_choose_model": {
        "en": "Choose at least one model to compare with the naive baseline.",
        "zh": "请至少选择一个模型与朴素基线比较。",
    },
    "drv_model_baseline": {"en": "Naive baseline", "zh": "朴素基线"},
    "drv_model_ols": {"en": "Linear (OLS)", "zh": "线性回归（OLS）"},
    "drv_model_lasso": {"en": "Lasso", "zh": "Lasso 回归"},
    "drv_model_random_forest": {"en": "Random forest", "zh": "随机森林"},
    "drv_model_gradient_boosting": {"en": "Gradient boosting", "zh": "梯度提升"},
    "drv_baseline_last_week": {"en": "the same weekday a week earlier", "zh": "上周同一天"},
    "drv_baseline_segment_mean": {"en": "each segment's average", "zh": "各细分的平均值"},
    "drv_scale_log": {"en": "log scale", "zh": "对数尺度"},
    "drv_scale_level": {"en": "own scale", "zh": "原始尺度"},
    "drv_settings_text": {
        "en": "Target: {target} ({scale}); {features} features; models: {models}.",
        "zh": "目标：{target}（{scale}）；{features} 个特征；模型：{models}。",
    },
    "drv_fitting": {
        "en": "Fitting {model} on time-ordered folds ({done}/{total})…",
        "zh": "正在按时间顺序的折上拟合{model}（{done}/{total}）…",
    },
    "drv_explaining": {
        "en": "Explaining the best model with SHAP ({done}/{total})…",
        "zh": "正在用 SHAP 解释最佳模型（{done}/{total}）…",
    },
    "drv_leaderboard": {"en": "Which model predicts best", "zh": "哪个模型预测最好"},
    "drv_chart_errors": {
        "en": "Held-out error (MAE) by model: smaller is better",
        "zh": "各模型留出期误差（MAE）：越小越好",
    },
    "drv_col_model": {"en": "Model", "zh": "模型"},
    "drv_col_mae": {"en": "MAE", "zh": "MAE"},
    "drv_col_rmse": {"en": "RMSE", "zh": "RMSE"},
    "drv_col_r2": {"en": "R²", "zh": "R²"},
    "drv_col_mape": {"en": "MAPE", "zh": "MAPE"},
    "drv_col_chosen": {"en": "Chosen", "zh": "选中"},
    "drv_col_feature": {"en": "Feature", "zh": "特征"},
    "drv_col_coef": {"en": "Coefficient", "zh": "系数"},
    "drv_col_low": {"en": "95% low", "zh": "95% 下限"},
    "drv_col_high": {"en": "95% high", "zh": "95% 上限"},
    "drv_col_p": {"en": "p-value", "zh": "p 值"},
    "drv_findings": {"en": "Findings", "zh": "结论"},
    "drv_find_beats_baseline": {
        "en": "{model} predicts held-out periods best: its typical error (MAE) is {mae}, against {baseline_mae} for the naive baseline ({baseline}), {gain} smaller.",
        "zh": "{model}对留出期的预测最好：典型误差（MAE）为 {mae}，朴素基线（{baseline}）为 {baseline_mae}，低 {gain}。",
    },
    "drv_find_no_better_than_baseline": {
        "en": "No model beats the naive baseline ({baseline}) on held-out periods: the best, {model}, errs by {mae} (MAE) against the baseline's {baseline_mae}. These features do not explain {target} better than the baseline does, so there is nothing reliable to explain.",
        "zh": "在留出期上没有模型优于朴素基线（{baseline}）：最好的{model}误差（MAE）为 {mae}，基线为 {baseline_mae}。这些特征对 {target} 的解释并不比基线更好，因此没有可靠的结论可以解释。",
    },
    "drv_share": {"en": "{feature} ({share})", "zh": "{feature}（{share}）"},
    "drv_list_separator": {"en": ", ", "zh": "、"},
    "drv_find_top_drivers": {
        "en": "The largest drivers of the predictions (share of mean |SHAP|): {drivers}.",
        "zh": "对预测影响最大的因素（占平均 |SHAP| 的比例）：{drivers}。",
    },
    "drv_find_effect_points": {
        "en": "Each extra {step} points of {feature} changes {target} by about {effect}{per} (95% interval {low} to {high}).",
        "zh": "{feature} 每增加 {step} 个百分点，{target}{per}约变化 {effect}（95% 区间 {low} 至 {high}）。",
    },
    "drv_find_effect_amount": {
        "en": "Each extra {step} of {feature} changes {target} by about {effect}{per} (95% interval {low} to {high}).",
        "zh": "{feature} 每增加 {step}，{target}{per}约变化 {effect}（95% 区间 {low} 至 {high}）。",
    },
    "drv_find_effect_on": {
        "en": "With {feature} on, {target} changes by about {effect}{per} (95% interval {low} to {high}).",
        "zh": "{feature} 为“是”时，{target}{per}约变化 {effect}（95% 区间 {low} 至 {high}）。",
    },
    "drv_find_unclear": {
        "en": "The interval includes zero: this effect is not clear.",
        "zh": "区间包含 0：该效应并不明确。",
    },
    "drv_per_period_segment": {"en": " per {period} and segment", "zh": "（每{period}每个细分）"},
    "drv_per_period": {"en": " per {period}", "zh": "（每{period}）"},
    "drv_find_linear_note": {
        "en": "These effects come from the linear model (OLS, R² {r2}), whose coefficients have intervals; {model} predicts better, so read them as average effects.",
        "zh": "以上效应来自线性模型（OLS，R² {r2}），其系数带有置信区间；{model}的预测更好，因此请把它们理解为平均效应。",
    },
    "drv_find_rows_dropped": {
        "en": "{n} of {of} rows have no {target} or miss a chosen feature, and were left out.",
        "zh": "{of} 行中有 {n} 行缺少 {target} 或某个所选特征，已排除。",
    },
    "drv_find_sample": {
        "en": "SHAP values are computed on a random sample of {n} of {of} rows.",
        "zh": "SHAP 值基于 {of} 行中随机抽取的 {n} 行计算。",
    },
    "drv_find_leakage_excluded": {
        "en": "Left out because they are the target in another form: {features}. Add them under Features only if you mean to.",
        "zh": "以下特征是目标的另一种形式，已排除：{features}。如确有需要，可在“特征”中加回。",
    },
    "drv_find_leakage_included": {
        "en": "Warning: {features} are the target in another form; with them the models mostly restate the target.",
        "zh": "警告：{features} 是目标的另一种形式；包含它们时，模型基本只是在复述目标。",
    },
    "drv_shap_header": {
        "en": "Why the model predicts what it does (SHAP, {model})",
        "zh": "模型为何如此预测（SHAP，{model}）",
    },
    "drv_tab_importance": {"en": "Importance", "zh": "重要性"},
    "drv_tab_beeswarm": {"en": "Beeswarm", "zh": "蜂群图"},
    "drv_tab_dependence": {"en": "Dependence", "zh": "依赖图"},
    "drv_tab_waterfall": {"en": "One row", "zh": "单行分解"},
    "drv_chart_importance": {
        "en": "What moves the predictions most (mean |SHAP|)",
        "zh": "对预测影响最大的因素（平均 |SHAP|）",
    },
    "drv_chart_beeswarm": {
        "en": "Each row's SHAP values, coloured by the feature's value",
        "zh": "每行的 SHAP 值（颜色表示特征取值）",
    },
    "drv_chart_dependence": {
        "en": "How {feature} moves the prediction (colour: {partner})",
        "zh": "{feature} 如何影响预测（颜色：{partner}）",
    },
    "drv_chart_dependence_alone": {
        "en": "How {feature} moves the prediction",
        "zh": "{feature} 如何影响预测",
    },
    "drv_chart_waterfall": {
        "en": "Why the model predicts {prediction} for {row}",
        "zh": "为何模型对 {row} 的预测为 {prediction}",
    },
    "drv_axis_shap": {"en": "SHAP value ({scale})", "zh": "SHAP 值（{scale}）"},
    "drv_log_of": {"en": "log of {target}", "zh": "{target} 的对数"},
    "drv_log_note": {
        "en": "SHAP values are on the log scale: +0.10 is about +10%.",
        "zh": "SHAP 值为对数尺度：+0.10 约等于 +10%。",
    },
    "drv_low": {"en": "low", "zh": "低"},
    "drv_high": {"en": "high", "zh": "高"},
    "drv_base_value": {"en": "Average prediction", "zh": "平均预测"},
    "drv_other_features": {"en": "{count} other features", "zh": "其他 {count} 个特征"},
    "drv_prediction": {"en": "Prediction", "zh": "预测值"},
    "drv_dependence_feature": {"en": "Feature", "zh": "特征"},
    "drv_row_date": {"en": "Date", "zh": "日期"},
    "drv_row_segment": {"en": "Segment", "zh": "细分"},
    "drv_row_missing": {
        "en": "There is no row for {day} in {segment}; showing the row the model predicts highest.",
        "zh": "{segment} 在 {day} 没有数据；改为显示模型预测最高的一行。",
    },
    "drv_row_caption": {
        "en": "Predicted {target}: {predicted}; actual: {actual}. Each bar is one feature's push away from the average prediction.",
        "zh": "预测 {target}：{predicted}；实际：{actual}。每根条表示一个特征相对平均预测的推动。",
    },
    "drv_ols_header": {"en": "Linear model coefficients (OLS)", "zh": "线性模型系数（OLS）"},
    "drv_ols_cluster_week": {
        "en": "OLS on all rows ({scale}), R² {r2}. The 95% intervals allow for shocks shared by the rows of one week ({clusters} weeks). Reference levels: {references}.",
        "zh": "基于全部行的 OLS（{scale}），R² {r2}。95% 区间考虑了同一周各行共同的冲击（{clusters} 周）。参照水平：{references}。",
    },
    "drv_ols_cluster_date": {
        "en": "OLS on all rows ({scale}), R² {r2}. The 95% intervals allow for shocks shared by the rows of one date ({clusters} dates). Reference levels: {references}.",
        "zh": "基于全部行的 OLS（{scale}），R² {r2}。95% 区间考虑了同一日期各行共同的冲击（{clusters} 个日期）。参照水平：{references}。",
    },
    "drv_ols_hc1": {
        "en": "OLS on all rows ({scale}), R² {r2}. 95% intervals robust to unequal variance (too few periods to cluster). Reference levels: {references}.",
        "zh": "基于全部行的 OLS（{scale}），R² {r2}。95% 区间对异方差稳健（期数太少，无法聚类）。参照水平：{references}。",
    },
    "drv_err_drivers_unknown_target": {
        "en": "There is no number column {target} to model; the number columns are: {known}.",
        "zh": "没有可建模的数值列 {target}；数值列有：{known}（比率写作 分子/分母，例如 orders/visits）。",
    },
    "drv_err_drivers_not_numeric": {
        "en": "{column} is not a number column.",
        "zh": "{column} 不是数值列：请选择销售额、销量或订单数等指标。",
    },
    "drv_err_drivers_same_ratio_parts": {
        "en": "The ratio {target} divides a column by itself.",
        "zh": "比率 {target} 用同一列相除：请选择两个不同的列。",
    },
    "drv_err_drivers_no_date": {
        "en": "The data has no date column.",
        "zh": "数据没有日期列：请在“数据管理”页的映射中指定日期列。",
    },
    "drv_err_drivers_target_as_feature": {
        "en": "{feature} is the target; it cannot also be a feature.",
        "zh": "{feature} 是目标，不能同时作为特征。",
    },
    "drv_err_drivers_unknown_feature": {
        "en": "There is no feature {feature}; the features are: {known}.",
        "zh": "没有特征 {feature}（或它在这些行中没有变化）；可用特征：{known}。",
    },
    "drv_err_drivers_no_features": {
        "en": "There is no feature to model with: choose at least one.",
        "zh": "没有可用于建模的特征：请至少选择一个。",
    },
    "drv_err_drivers_too_few_rows": {
        "en": "Only {rows} rows have the target and every chosen feature; the models need at least {minimum}.",
        "zh": "只有 {rows} 行同时具有目标和全部所选特征；模型至少需要 {minimum} 行：请放宽筛选或选择缺失更少的特征。",
    },
    "drv_err_drivers_folds": {"en": "Use at least 2 folds.", "zh": "至少使用 2 折。"},
    "drv_err_drivers_log_nonpositive": {
        "en": "{rows} rows have {target} of zero or less, which has no logarithm.",
        "zh": "有 {rows} 行的 {target} 小于或等于 0，无法取对数：请关闭对数尺度。",
    },
    "drv_err_drivers_too_few_dates": {
        "en": "Only {dates} dates have data; time-ordered validation needs at least {minimum}.",
        "zh": "只有 {dates} 个日期有数据；按时间顺序的验证至少需要 {minimum} 个：请放宽筛选或上传更长的时间段。",
    },
    "drv_err_drivers_constant_features": {
        "en": "None of the chosen features varies in these rows.",
        "zh": "所选特征在这些行中都没有变化：请选择其他特征或放宽筛选。",
    },
    "drv_err_drivers_unknown_model": {
        "en": "There is no model {model}.",
        "zh": "没有模型 {model}。",
    },
    "page_planner": {"en": "ROI planner", "zh": "ROI 规划"},
    "plan_title": {"en": "Plan spend and promotions", "zh": "规划投放与促销"},
    "plan_not_possible": {
        "en": "The planner needs a date column, a numeric outcome and at least one spend column: set them on the Data page.",
        "zh": "规划需要日期列、数值型结果指标和至少一个花费列：请在“数据管理”页设置。",
    },
    "plan_outcome": {"en": "Outcome", "zh": "结果指标"},
    "plan_section": {"en": "View", "zh": "视图"},
    "plan_section_curves": {"en": "Response curves", "zh": "响应曲线"},
    "plan_section_budget": {"en": "Budget split", "zh": "预算分配"},
    "plan_section_whatif": {"en": "What-if", "zh": "假设分析"},
    "plan_section_discount": {"en": "Discount and price", "zh": "折扣与价格"},
    "plan_section_track": {"en": "Track record", "zh": "历史验证"},
    "plan_fitting": {
        "en": "Fitting response curves with bootstrap intervals: {done} of {total} batches",
        "zh": "正在拟合响应曲线并计算自助法区间：第 {done}/{total} 批",
    },
    "plan_fit_failed": {
        "en": "The planner has no curves for this data: {reason}",
        "zh": "无法为此数据拟合响应曲线：{reason}",
    },
    "plan_interval": {"en": "95%: {lo} … {hi}", "zh": "95% 区间：{lo} … {hi}"},
    "plan_legend_band": {"en": "95% band", "zh": "95% 区间"},
    "plan_legend_curve": {"en": "Predicted", "zh": "预测"},
    "plan_legend_current": {"en": "Today's spend", "zh": "当前花费"},
    "plan_curves_chart": {
        "en": "{outcome} added per {period} against spend per {period}",
        "zh": "每{period}花费带来的每{period}{outcome}增量",
    },
    "plan_marginal_chart": {
        "en": "Marginal ROI: what the next unit of spend returns (margin {margin})",
        "zh": "边际 ROI：再多投入一单位花费的回报（毛利率 {margin}）",
    },
    "plan_curves_conclusion": {
        "en": "The next unit of spend returns most on **{channel}**: {roas} per unit (marginal ROI {roi}); least on **{worst}**: {wroas} (marginal ROI {wroi}).",
        "zh": "下一单位花费在 **{channel}** 上回报最高：每单位 {roas}（边际 ROI {roi}）；在 **{worst}** 上最低：{wroas}（边际 ROI {wroi}）。",
    },
    "plan_curves_caption": {
        "en": "Each curve is the {outcome} a channel adds per {period} at a steady spend (carry-over settled), against no spend, at today's level; the diamond marks today's spend (last eight weeks). Fitted with carry-over (adstock) and diminishing returns (Hill), with weekday, season, festivals, price, discount and campaigns held in the model; bands are 95% bootstrap intervals.",
        "zh": "每条曲线表示某渠道在稳定投放（延续效应已稳定）时每{period}带来的{outcome}，相对于不投放，按当前水平计算；菱形为当前花费（最近八周）。模型包含延续效应（adstock）和边际递减（Hill），并控制星期、季节、节日、价格、折扣和活动；阴影为 95% 自助法区间。",
    },
    "plan_mode_dates": {
        "en": "Curves are learnt from how segments whose spend differed responded differently; date effects take out everything the segments share on a day.",
        "zh": "曲线来自花费不同的细分之间的响应差异；日期效应剔除了各细分在同一天共有的变化。",
    },
    "plan_mode_calendar": {
        "en": "Curves are fitted on the series over time with calendar terms (weekday, festivals, season).",
        "zh": "曲线基于时间序列拟合，并包含日历项（星期、节日、季节）。",
    },
    "plan_excluded_no_spend": {
        "en": "{channel} has no curve: it has no always-on spend in the data, so the planner leaves it out.",
        "zh": "{channel} 没有响应曲线：数据中没有它的常态投放花费，规划不包含该渠道。",
    },
    "plan_excluded_flat": {
        "en": "{channel} has no curve: its spend never varied enough to learn one (coefficient of variation {value}), so its effect cannot be told apart from the baseline. Vary its spend for a few weeks (or between regions) to learn it.",
        "zh": "{channel} 没有响应曲线：其花费几乎没有变化（变异系数 {value}），无法学到曲线，效果与基线无法区分。请在几周内（或在不同区域之间）调整其花费后再学习。",
    },
    "plan_excluded_rare": {
        "en": "{channel} has no curve: it spent in only {value} of periods, too few to learn one.",
        "zh": "{channel} 没有响应曲线：仅在 {value} 的周期内有花费，不足以学到曲线。",
    },
    "plan_budget_differs": {
        "en": "The budget ({budget}) differs from spending at today's rate ({current}); the predicted gain includes the difference.",
        "zh": "预算（{budget}）与按当前速度的花费（{current}）不同；预计增益包含这部分差额。",
    },
    "plan_col_channel": {"en": "Channel", "zh": "渠道"},
    "plan_col_decay": {"en": "Carry-over (decay)", "zh": "延续率"},
    "plan_col_decay_ci": {"en": "Decay 95%", "zh": "延续率 95% 区间"},
    "plan_col_half_sat": {"en": "Half-saturation", "zh": "半饱和花费"},
    "plan_col_half_sat_ci": {"en": "Half-saturation 95%", "zh": "半饱和 95% 区间"},
    "plan_col_shape": {"en": "Shape", "zh": "形状参数"},
    "plan_col_shape_ci": {"en": "Shape 95%", "zh": "形状 95% 区间"},
    "plan_col_roas": {"en": "ROAS (history)", "zh": "ROAS（历史）"},
    "plan_col_roas_ci": {"en": "ROAS 95%", "zh": "ROAS 95% 区间"},
    "plan_col_current": {"en": "Current spend", "zh": "当前花费"},
    "plan_col_marginal_roas": {"en": "Marginal ROAS", "zh": "边际 ROAS"},
    "plan_col_marginal_roi": {"en": "Marginal ROI", "zh": "边际 ROI"},
    "plan_col_marginal_roi_ci": {"en": "Marginal ROI 95%", "zh": "边际 ROI 95% 区间"},
    "plan_days": {"en": "Budget period", "zh": "预算周期"},
    "plan_days_value": {"en": "{days} days", "zh": "{days} 天"},
    "plan_budget": {"en": "Budget for the period", "zh": "周期预算"},
    "plan_budget_help": {
        "en": "Current spend = each channel's always-on spend at today's rate (last eight weeks) over the same {days} days: {current} in all.",
        "zh": "当前花费 = 各渠道按当前速度（最近八周）在相同 {days} 天内的常规投放：合计 {current}。",
    },
    "plan_limits": {"en": "Limits per channel (optional)", "zh": "各渠道上下限（可选）"},
    "plan_col_min": {"en": "Minimum", "zh": "最低"},
    "plan_col_max": {"en": "Maximum", "zh": "最高"},
    "plan_kpi_gain": {"en": "Predicted gain in gross profit", "zh": "预计毛利增加"},
    "plan_kpi_profit_now": {"en": "Gross profit from media now", "zh": "当前投放毛利"},
    "plan_kpi_profit_new": {"en": "Gross profit from media, proposed", "zh": "建议方案投放毛利"},
    "plan_legend_now": {"en": "Current", "zh": "当前"},
    "plan_legend_proposed": {"en": "Proposed", "zh": "建议"},
    "plan_mroi_short": {"en": "mROI", "zh": "边际ROI"},
    "plan_budget_chart": {
        "en": "Current and proposed spend over {days} days",
        "zh": "{days} 天内的当前与建议花费",
    },
    "plan_budget_conclusion": {
        "en": "Shift the mix towards **{up}** and away from **{down}**: predicted gross profit {gain} ({lo} to {hi}) against spending at today's rate, over {days} days at a {margin} margin.",
        "zh": "把预算结构从 **{down}** 转向 **{up}**：与按当前速度投放相比，{days} 天内预计毛利 {gain}（{lo} 至 {hi}），毛利率 {margin}。",
    },
    "plan_budget_no_change": {
        "en": "The current mix of channels is already close to the best one.",
        "zh": "当前渠道结构已接近最优。",
    },
    "plan_profit_convention": {
        "en": "Gross profit from media = margin × incremental {outcome} − spend; marginal ROI = margin × extra {outcome} per extra unit of spend − 1 (margin {margin}). The split maximises predicted gross profit; intervals come from the bootstrap draws of the curves.",
        "zh": "投放毛利 = 毛利率 × 增量{outcome} − 花费；边际 ROI = 毛利率 × 每多一单位花费带来的{outcome} − 1（毛利率 {margin}）。建议方案使预计毛利最大；区间来自曲线的自助法抽样。",
    },
    "plan_col_proposed": {"en": "Proposed spend", "zh": "建议花费"},
    "plan_col_revenue_now": {"en": "Incremental now", "zh": "当前增量"},
    "plan_col_revenue_proposed": {"en": "Incremental proposed", "zh": "建议增量"},
    "plan_col_roi_now": {"en": "Marginal ROI now", "zh": "当前边际 ROI"},
    "plan_col_roi_proposed": {"en": "Marginal ROI proposed", "zh": "建议边际 ROI"},
    "plan_wi_channel": {"en": "Channel", "zh": "渠道"},
    "plan_wi_spend": {"en": "Spend over the window", "zh": "活动期总花费"},
    "plan_wi_more": {"en": "Spend on more channels (optional)", "zh": "同时投放其他渠道（可选）"},
    "plan_wi_more_spend": {
        "en": "{channel}: spend over the window",
        "zh": "{channel}：活动期总花费",
    },
    "plan_wi_discount": {"en": "Discount (%)", "zh": "折扣（%）"},
    "plan_wi_segment": {"en": "Segment", "zh": "细分"},
    "plan_segment_all": {"en": "All segments", "zh": "全部细分"},
    "plan_wi_start": {"en": "Start", "zh": "开始日期"},
    "plan_wi_end": {"en": "End", "zh": "结束日期"},
    "plan_wi_no_spend": {
        "en": "Enter a spend or a discount to see a prediction.",
        "zh": "请输入花费或折扣以查看预测。",
    },
    "plan_kpi_incremental": {"en": "Incremental {outcome}", "zh": "增量{outcome}"},
    "plan_kpi_units": {"en": "Incremental units", "zh": "增量销量"},
    "plan_kpi_roas": {"en": "ROAS", "zh": "ROAS"},
    "plan_kpi_roi": {"en": "ROI", "zh": "ROI"},
    "plan_whatif_summary": {
        "en": "Predicted incremental {outcome}: {inc} (95% interval {lo} to {hi}), of which {media} from the spend and {disc} from the discount; the discount gives away {cost} at list price.",
        "zh": "预计增量{outcome}：{inc}（95% 区间 {lo} 至 {hi}），其中花费带来 {media}，折扣带来 {disc}；折扣按原价让利 {cost}。",
    },
    "plan_whatif_chart": {
        "en": "Incremental {outcome} per {period}: the window, then carry-over",
        "zh": "每{period}增量{outcome}：活动期及之后的延续效应",
    },
    "plan_legend_effect": {"en": "Predicted effect", "zh": "预测效应"},
    "plan_legend_window": {"en": "Window", "zh": "活动期"},
    "plan_whatif_convention": {
        "en": "ROAS = incremental revenue / spend; ROI = (margin × incremental revenue − (1 − margin) × discount cost − spend) / spend, margin {margin}, as for measured campaigns. The spend comes on top of today's always-on spend; the discount's effect comes from the discount elasticity.",
        "zh": "ROAS = 增量收入 / 花费；ROI =（毛利率 × 增量收入 − (1 − 毛利率) × 折扣成本 − 花费）/ 花费，毛利率 {margin}，与已测量活动的口径一致。花费叠加在当前常规投放之上；折扣效应来自折扣弹性。",
    },
    "plan_wi_note_baseline": {
        "en": "The baseline is the recent level of the outcome (last eight weeks): festivals or seasons inside the window are not added to it.",
        "zh": "基线为结果指标的近期水平（最近八周）：未计入活动期内的节日或季节影响。",
    },
    "plan_comparable_header": {
        "en": "Past campaigns like it (measured lift)",
        "zh": "类似的历史活动（实测增量）",
    },
    "plan_no_comparable": {
        "en": "No past campaign on this channel with a similar spend (within 3×) and length (within 2×).",
        "zh": "该渠道没有花费（3 倍以内）和时长（2 倍以内）相近的历史活动。",
    },
    "plan_col_campaign": {"en": "Campaign", "zh": "活动"},
    "plan_col_spend": {"en": "Spend", "zh": "花费"},
    "plan_col_periods": {"en": "Periods", "zh": "期数"},
    "plan_col_discount": {"en": "Discount", "zh": "折扣"},
    "plan_col_measured_roas": {"en": "Measured ROAS", "zh": "实测 ROAS"},
    "plan_col_measured_roi": {"en": "Measured ROI", "zh": "实测 ROI"},
    "plan_kpi_price_el": {"en": "Price elasticity of units", "zh": "销量的价格弹性"},
    "plan_kpi_discount_el": {"en": "Discount elasticity of units", "zh": "销量的折扣弹性"},
    "plan_kpi_best": {"en": "Discount that maximises gross profit", "zh": "毛利最大化的折扣"},
    "plan_no_discount_el": {
        "en": "The discount never changed outside campaigns: no discount elasticity.",
        "zh": "活动以外折扣从未变化：无法估计折扣弹性。",
    },
    "plan_legend_profit": {"en": "Gross profit vs. list price", "zh": "毛利（相对原价）"},
    "plan_legend_best": {"en": "Best discount", "zh": "最佳折扣"},
    "plan_legend_margin": {"en": "Margin", "zh": "毛利率"},
    "plan_discount_chart": {
        "en": "Gross profit against discount depth, relative to selling at list price (margin {margin})",
        "zh": "毛利随折扣深度的变化（相对原价销售，毛利率 {margin}）",
    },
    "plan_price_text": {
        "en": "A 1% higher list price changes units by {price}%.",
        "zh": "原价提高 1%，销量变化 {price}%。",
    },
    "plan_discount_text": {
        "en": "10% off sells {ten}× the units. At a {margin} margin the most profitable discount is **{best}** (95% interval {lo} to {hi}), earning {ratio} of the gross profit at list price.",
        "zh": "打九折销量为原来的 {ten} 倍。毛利率为 {margin} 时，毛利最高的折扣为 **{best}**（95% 区间 {lo} 至 {hi}），毛利为原价销售的 {ratio}。",
    },
    "plan_discount_convention": {
        "en": "Elasticities from log units on log list price and log(1 − discount), with date, segment (level, trend, season) and campaign effects held fixed, so the discount elasticity is learnt from markdowns outside campaigns; 95% intervals are cluster-robust over four-week blocks. Gross profit per unit = list price × (margin − discount).",
        "zh": "弹性来自对数销量对对数原价和 log(1 − 折扣) 的回归，控制日期、细分（水平、趋势、季节）和活动效应，因此折扣弹性来自活动以外的降价；95% 区间对四周分块做聚类稳健估计。每件毛利 = 原价 × (毛利率 − 折扣)。",
    },
    "plan_col_profit_ratio": {"en": "Gross profit vs. list price", "zh": "毛利（相对原价）"},
    "plan_col_profit_lo": {"en": "95% low", "zh": "95% 下限"},
    "plan_col_profit_hi": {"en": "95% high", "zh": "95% 上限"},
    "plan_track_help": {
        "en": "Each past campaign is re-predicted with curves and elasticities fitted only on the data before it started, and set against the ROI its lift measured: how far to trust the planner.",
        "zh": "每个历史活动都仅用其开始前的数据拟合曲线和弹性后重新预测，并与增量测量得到的 ROI 对比：据此判断规划结果的可信程度。",
    },
    "plan_track_run": {"en": "Re-predict past campaigns", "zh": "重新预测历史活动"},
    "plan_track_running": {
        "en": "Re-predicting past campaigns: {done} of {total}",
        "zh": "正在重新预测历史活动：第 {done}/{total} 个",
    },
    "plan_track_chart": {
        "en": "Predicted ROI (before the start) against measured ROI",
        "zh": "预测 ROI（活动开始前）与实测 ROI 对比",
    },
    "plan_legend_campaigns": {"en": "Campaigns", "zh": "活动"},
    "plan_legend_diagonal": {"en": "Prediction = measurement", "zh": "预测 = 实测"},
    "plan_axis_measured": {"en": "Measured ROI (lift)", "zh": "实测 ROI（增量测量）"},
    "plan_axis_predicted": {"en": "Predicted ROI", "zh": "预测 ROI"},
    "plan_track_summary": {
        "en": "Median gap between predicted and measured ROI: {error} percentage points; the measured ROI fell inside the predicted 95% interval for {covered} of {total} campaigns.",
        "zh": "预测与实测 ROI 的中位差距：{error} 个百分点；{total} 个活动中有 {covered} 个的实测 ROI 落在预测 95% 区间内。",
    },
    "plan_track_caveat": {
        "en": "The planner predicts from spend and discount only: what made a campaign different (creative, placement, audience) is not in the data, so its measured ROI can differ.",
        "zh": "规划仅根据花费和折扣预测：活动的创意、位置、受众等差异不在数据中，因此实测 ROI 可能不同。",
    },
    "plan_track_none": {
        "en": "There are no past campaigns to check.",
        "zh": "没有可供验证的历史活动。",
    },
    "plan_col_window": {"en": "Window", "zh": "活动期"},
    "plan_col_predicted_roi": {"en": "Predicted ROI", "zh": "预测 ROI"},
    "plan_col_predicted_roi_ci": {"en": "Predicted ROI 95%", "zh": "预测 ROI 95% 区间"},
    "plan_col_note": {"en": "Note", "zh": "备注"},
    "plan_download_channels": {"en": "Download channel table (CSV)", "zh": "下载渠道表（CSV）"},
    "plan_download_curves": {"en": "Download curve points (CSV)", "zh": "下载曲线数据（CSV）"},
    "plan_axis_spend": {"en": "Spend per {period}", "zh": "每{period}花费"},
}

ISSUE_TEMPLATES_ZH: dict[str, str] = {
    "ragged_rows": "{count} 行的字段数与表头不一致（第 {rows} 行）：已跳过；请在文件中修正后重新上传。",
    "empty_header": "第 {index} 列没有列名，暂称为“{column}”：请在文件中为其命名。",
    "empty_column": "第 {index} 列既无列名也无数据，已忽略。",
    "title_rows": "第 {rows} 行（“{title}”）是表格上方的标题，已跳过：列名取自第 {header_row} 行。",
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
    "empty_first_line": "文件第一行没有列名：请把列名放在第 1 行。",
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
    "compressed_file": "这是压缩文件（{kind}），不是表格：请解压后上传其中的 CSV 或 Excel 文件。",
    "nul_bytes": "文件第 {line} 行含有 NUL 字节（导出文件已损坏或不是纯文本）：请删除该字节，或重新导出表格。",
    "mixed_encoding": "第 {line} 行的编码与文件其他部分（UTF-8）不同（可能是从 GBK 等编码的文件粘贴而来）：请把整个文件另存为 UTF-8 后重新上传。",
    "line_too_long": "文件第 {line} 行超过 {limit} MB（某个单元格包含整篇文档，或缺少换行符）：请缩短或删除该行后重新上传。",
    "unclosed_quote": '第 {line} 行开始的引号（"）没有闭合，文件其余部分会被读成一个单元格：请补上或删除该引号后重新上传。',
    "all_rows_ragged": "没有任何一行与表头一样有 {expected} 个字段（第 {row} 行有 {actual} 个）：请检查分隔符以及包含分隔符的文本两侧的引号。",
    "sheet_extent": "工作簿中有工作表的单元格一直延伸到 {cell}（{rows} 行 × {columns} 列），远大于表格本身：请在 Excel 中删除表格以外的单元格后重新保存，或将表格导出为 CSV。",
    "dataset_has_errors": "数据集的检查报告中有 {count} 个错误，无法保存：请修正文件或列映射后再保存。",
    "plan_no_varied_spend": "没有任何花费列的变化足以学到响应曲线（{channels}）：请上传花费随时间变化的数据。",
    "plan_window_order": "时间窗口的结束日期早于开始日期：请交换开始和结束日期。",
    "plan_budget_positive": "预算必须是正数。",
    "plan_min_over_budget": "各渠道最低花费合计 {total}，超过预算：请调低。",
    "plan_min_above_max": "{channel} 的最低花费高于其最高花费：请调低。",
    "plan_max_under_budget": "各渠道最高花费合计 {total}，低于预算：请调高或降低预算。",
    "plan_no_units": "数据中没有销量列，因此无法规划折扣。",
    "plan_no_price_change": "数据中没有随时间变化的价格或折扣列：请在“数据管理”页标记它们以估计弹性。",
    "plan_no_discount_change": "数据中没有在活动之外变化过的折扣，因此没有可用于规划的折扣弹性。",
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
    fields = {
        **issue.params,
        "count": issue.count,
        "column": issue.column or "",
        "rows": rows,
        "index": issue.params.get("index", ""),
        "missing": missing,
        "order": order,
    }
    return template.format(**fields)


def error_text(error: UserInputError) -> str:
    """A user error's sentence in the current language, escaped for Markdown display."""
    template = ERROR_TEMPLATES_ZH.get(error.code or "")
    if language() == "zh" and template is not None:
        return md(template.format(**error.params))
    return md(str(error))
