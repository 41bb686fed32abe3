"""Strings of the shared chrome, Overview and Data pages, in English and 简体中文."""

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
    "upload_read_limits": {
        "en": "Each file is read in a separate process with at most {memory} of memory and "
        "{seconds} s; a file that needs more is stopped with a message saying what to export "
        "instead.",
        "zh": "每个文件在单独的进程中读取，最多使用 {memory} 内存和 {seconds} 秒；"
        "超出限制的文件会被停止，并提示应改为导出什么。",
    },
    "file_summary": {
        "en": "{rows} rows · {columns} columns · encoding {encoding} · {delimiter}",
        "zh": "{rows} 行 · {columns} 列 · 编码 {encoding} · {delimiter}",
    },
    "delimiter_,": {"en": "comma-separated", "zh": "逗号分隔"},
    "delimiter_;": {"en": "semicolon-separated", "zh": "分号分隔"},
    "delimiter_\t": {"en": "tab-separated", "zh": "制表符分隔"},
    "delimiter_|": {"en": "pipe-separated", "zh": "竖线分隔"},
    "delimiter_none": {"en": "workbook", "zh": "Excel 工作簿"},
    "delimiter_whitespace": {"en": "whitespace-separated", "zh": "空格分隔"},
    "encoding_confirm": {
        "en": "This file is not UTF-8, GB18030 or UTF-16. It reads as {encoding} ({language}); "
        "check the preview below. If the text looks wrong, choose another encoding "
        "or save the file as UTF-8.",
        "zh": "该文件不是 UTF-8、GB18030 或 UTF-16 编码，可按 {encoding}（{language}）读取；请检查下方预览。"
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
    "role_flag": {"en": "flag (holiday, yes/no event)", "zh": "标记（节假日等是/否事件）"},
    "role_calendar": {
        "en": "calendar (quarter, month, week no.: from the date)",
        "zh": "日历（季度、月、周次：由日期推出）",
    },
    "role_id": {"en": "identifier (row, ticket, user)", "zh": "标识（行号、单号、用户）"},
    "role_customer": {"en": "customer", "zh": "客户"},
    "role_order": {"en": "order / transaction", "zh": "订单 / 交易"},
    "role_item": {"en": "item / product", "zh": "商品"},
    "role_variant": {"en": "experiment arm (variant)", "zh": "实验分组"},
    "page_overview": {"en": "Overview", "zh": "总览"},
    "page_lift": {"en": "Campaign lift", "zh": "活动增量"},
    "overview_title": {"en": "Campaign overview", "zh": "活动总览"},
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
    "roi_convention": {
        "en": "Incremental revenue = actual − baseline over the window. ROAS = incremental revenue / "
        "spend. ROI = incremental profit / spend, where incremental profit = incremental gross profit "
        "− the discount on sales that would have happened anyway − spend, margin {margin} ({source}). "
        "Spend counts only what was spent above the usual level before the campaign. Naive ROAS = all "
        "revenue in the window / spend.",
        "zh": "增量收入 = 活动期实际值 − 基线。ROAS = 增量收入 / 花费。ROI = 增量利润 / 花费，增量利润 = 增量毛利 − 本来就会发生的销售的折扣 − 花费，"
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
    "col_roas": {"en": "ROAS", "zh": "ROAS"},
    "col_roi": {"en": "ROI", "zh": "ROI"},
    "col_naive_roas": {"en": "Naive ROAS", "zh": "朴素 ROAS"},
    "report_header": {"en": "Report", "zh": "报告"},
    "all_segments": {"en": "all rows", "zh": "全部数据"},
    "diagnostics": {"en": "Diagnostics", "zh": "诊断"},
    "download_table": {"en": "Download table (CSV)", "zh": "下载表格（CSV）"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "page_forecast": {"en": "Forecast", "zh": "需求预测"},
    "page_drivers": {"en": "Drivers", "zh": "驱动因素"},
    "page_planner": {"en": "ROI planner", "zh": "ROI 规划"},
    # --- decoding: what each encoding on offer is for (ui.data.upload.ENCODING_CHOICES) ---
    "encoding_lang_cp1252": {"en": "Western European", "zh": "西欧"},
    "encoding_lang_gb18030": {"en": "Simplified Chinese, GBK", "zh": "简体中文 GBK"},
    "encoding_lang_utf-16": {"en": "Unicode text", "zh": "Unicode 文本"},
    "encoding_lang_latin-1": {"en": "Western European, ISO 8859-1", "zh": "西欧 ISO 8859-1"},
    "encoding_lang_cp932": {"en": "Japanese, Shift-JIS", "zh": "日文 Shift-JIS"},
    "encoding_lang_euc_jp": {"en": "Japanese, EUC-JP", "zh": "日文 EUC-JP"},
    "encoding_lang_cp949": {"en": "Korean, EUC-KR", "zh": "韩文 EUC-KR"},
    "encoding_lang_cp950": {"en": "Traditional Chinese, Big5", "zh": "繁体中文 Big5"},
    # --- dataset kinds (analytics.ingest.roles.KINDS) and the pages that fit them (ui.kinds) ---
    "col_dataset_kind": {"en": "Kind", "zh": "类型"},
    "frequency_no_dates": {"en": "no dates", "zh": "无日期"},
    "dataset_kind_panel": {
        "en": "a time series panel: one row per date, or per date and segment",
        "zh": "时间序列面板：每个日期一行，或每个日期和分组一行",
    },
    "dataset_kind_entities": {
        "en": "a table of entities without dates (stores, customers, products)",
        "zh": "不含日期的实体表（门店、客户、商品）",
    },
    "dataset_kind_events": {
        "en": "a log of orders/transactions: customers, orders or items with dates",
        "zh": "订单/交易记录：带日期的客户、订单或商品",
    },
    "dataset_kind_experiment": {
        "en": "an experiment: units with an arm (variant) and their outcomes",
        "zh": "实验：带实验分组的单元及其结果",
    },
    "dataset_kind_short_panel": {"en": "time series", "zh": "时间序列"},
    "dataset_kind_short_entities": {"en": "table without dates", "zh": "无日期的表"},
    "dataset_kind_short_events": {"en": "order log", "zh": "订单记录"},
    "dataset_kind_short_experiment": {"en": "experiment", "zh": "实验"},
    "kind_summary": {
        "en": "This file is {kind}. Pages that work on it: {pages}.",
        "zh": "该文件是{kind}。适用页面：{pages}。",
    },
    "dataset_kind_is_panel": {"en": "This dataset is a time series", "zh": "该数据集是时间序列"},
    "dataset_kind_is_entities": {
        "en": "This dataset is a table of stores/customers without dates",
        "zh": "该数据集是不含日期的门店/客户表",
    },
    "dataset_kind_is_events": {
        "en": "This dataset is a log of orders or transactions",
        "zh": "该数据集是订单或交易记录",
    },
    "dataset_kind_is_experiment": {
        "en": "This dataset is an experiment (units with an arm)",
        "zh": "该数据集是实验数据（带实验分组的单元）",
    },
    "kind_gate": {"en": "{kind}: {needs}. {next}", "zh": "{kind}：{needs}。{next}"},
    "kind_gate_other_datasets": {
        "en": "Or open {page} with a saved dataset it works on:",
        "zh": "或用适用的已保存数据集打开“{page}”：",
    },
    "needs_overview": {
        "en": "the campaign overview needs one row per date",
        "zh": "活动总览需要按日期排列的数据",
    },
    "needs_lift": {
        "en": "campaign lift needs one row per date",
        "zh": "活动增量需要按日期排列的数据",
    },
    "needs_forecast": {
        "en": "a forecast needs a history of dates",
        "zh": "预测需要按日期排列的历史数据",
    },
    "needs_planner": {
        "en": "the ROI planner needs spend and sales by date",
        "zh": "ROI 规划需要按日期的花费和销售数据",
    },
    "next_overview": {
        "en": "Open the Overview to see its metric over time.",
        "zh": "打开“总览”查看其指标随时间的变化。",
    },
    "next_lift": {
        "en": "Open Campaign lift to measure a campaign.",
        "zh": "打开“活动增量”衡量活动效果。",
    },
    "next_drivers": {
        "en": "Open Drivers to see what drives its metrics.",
        "zh": "打开“驱动因素”查看影响其指标的因素。",
    },
    "next_forecast": {
        "en": "Open Forecast to see demand ahead.",
        "zh": "打开“需求预测”查看未来需求。",
    },
    "next_planner": {
        "en": "Open the ROI planner to split a budget.",
        "zh": "打开“ROI 规划”分配预算。",
    },
    # --- why the mapping form proposes each role (analytics.ingest.inference reason codes) ---
    "col_reason": {"en": "Why", "zh": "依据"},
    "reason_name": {"en": "the name says so", "zh": "列名如此表明"},
    "reason_values_empty": {"en": "the column is empty", "zh": "该列为空"},
    "reason_values_dates": {"en": "the values are dates", "zh": "值为日期"},
    "reason_name_values_disagree": {
        "en": "holds dates, but the name reads as {named}: check it",
        "zh": "内容为日期，但列名像是{named}：请检查",
    },
    "reason_values_numbers": {"en": "numbers that vary", "zh": "取值不一的数字"},
    "reason_name_not_dates": {
        "en": "a calendar name (year, quarter, week…) whose values are not dates",
        "zh": "日历类列名（年、季度、周…），但值不是日期",
    },
    "reason_values_two": {
        "en": "only two values (0/1, yes/no)",
        "zh": "只有两个值（0/1、是/否）",
    },
    "reason_values_sequence": {
        "en": "numbers 1, 2, 3… one per row: a row number",
        "zh": "每行一个的 1、2、3…：行号",
    },
    "reason_values_unique": {
        "en": "a different value on every row ({count} values)",
        "zh": "几乎每行的值都不同（{count} 个值）",
    },
    "reason_values_few": {
        "en": "few different values ({count}): segments",
        "zh": "取值较少（{count} 个）：分组",
    },
    "reason_values_many_text": {
        "en": "free text with {count} different values",
        "zh": "自由文本，{count} 个不同值",
    },
    "reason_later_date": {
        "en": "a second date column: the rows are dated by '{date}'",
        "zh": "第二个日期列：各行日期以“{date}”为准",
    },
    "reason_values_date_part": {
        "en": "restates the {part} of '{date}'",
        "zh": "重复了“{date}”的{part}",
    },
    "reason_values_per_date": {
        "en": "a code repeated once per date of '{date}'",
        "zh": "在“{date}”的每个日期各出现一次的代码",
    },
    "reason_name_unique": {
        "en": "named like a {named}, but a different value on every row: the rows' identifier",
        "zh": "列名像{named}，但每行的值都不同：是行的标识",
    },
    "reason_values_arms": {
        "en": "a few labels with a control arm ('{control}')",
        "zh": "少数几个标签，含对照组（“{control}”）",
    },
    "reason_event_log_item": {
        "en": "the product column of an order log",
        "zh": "订单记录中的商品列",
    },
    "date_part_year": {"en": "year", "zh": "年份"},
    "date_part_quarter": {"en": "quarter", "zh": "季度"},
    "date_part_year_quarter": {"en": "year and quarter", "zh": "年份和季度"},
    "date_part_month": {"en": "month", "zh": "月份"},
    "date_part_year_month": {"en": "year and month", "zh": "年份和月份"},
    "date_part_week": {"en": "week number", "zh": "周次"},
    "date_part_year_week": {"en": "year and week number", "zh": "年份和周次"},
    "date_part_weekday": {"en": "weekday", "zh": "星期几"},
    "date_part_day": {"en": "day of the month", "zh": "日（月内第几天）"},
    "dataset_link_unknown": {
        "en": "The link asked for the dataset “{asked}”, which is not in this workspace (it may have been deleted): showing “{opened}” instead. Pick another dataset in the sidebar.",
        "zh": "链接中的数据集“{asked}”不在此工作区中（可能已被删除）：现显示“{opened}”。请在侧边栏中选择其他数据集。",
    },
    "col_display_name": {"en": "Shown as", "zh": "显示名称"},
    "display_name_help": {
        "en": "The name charts and tables use for this column; clear it to use the proposal.",
        "zh": "图表和表格中此列使用的名称；清空则使用建议名称。",
    },
    "currency_label": {"en": "Currency of amounts", "zh": "金额币种"},
    "currency_help": {
        "en": "Written before amounts of money on every page (revenue, spend, profit). None shows plain numbers with thousands separators.",
        "zh": "显示在各页面的金额（收入、花费、利润）之前。选择“无”则显示带千位分隔符的数字。",
    },
    "currency_none": {"en": "None (plain numbers)", "zh": "无（仅数字）"},
    "presentation_header": {
        "en": "Column names and currency",
        "zh": "列显示名称与币种",
    },
    "presentation_save": {"en": "Save names and currency", "zh": "保存名称与币种"},
    "presentation_saved": {
        "en": "Saved: charts and tables now use these names and currency; no result needs recomputing.",
        "zh": "已保存：图表和表格现使用这些名称和币种，无需重新计算任何结果。",
    },
    "margin_not_used": {
        "en": "Until you correct it, ROI uses the data's margin column where there is one, else 40%.",
        "zh": "在您更正之前，ROI 使用数据中的毛利率列（如有），否则使用 40%。",
    },
    "upload_type_refused": {
        "en": "“{name}” was not read: LiftBoard opens tables saved as {accepted}, not {suffix}. Export the table as CSV or Excel from the program that made it, and upload that.",
        "zh": "“{name}”未读取：LiftBoard 只能打开 {accepted} 格式的表格，不能打开 {suffix}。请在生成它的程序中将表格导出为 CSV 或 Excel 后再上传。",
    },
    "upload_no_suffix": {"en": "a file without an extension", "zh": "无扩展名的文件"},
    "gl_model_order": {
        "en": "**ARMA(p, d, q)**, the model order: how many past values (p) and past surprises (q) the model weighs, after differencing the series d times (d = 1 models the changes rather than the level).",
        "zh": "**ARMA(p, d, q)** 即模型阶数：模型参考多少个过去的值（p）和过去的意外波动（q），以及序列做了几次差分（d；d = 1 表示对变化量而非水平值建模）。",
    },
    "gl_mase": {
        "en": "**MASE** (mean absolute scaled error): the forecast's average error divided by that of repeating the last season's value; below 1 beats that simple rule.",
        "zh": "**MASE**（平均绝对标度误差）：预测的平均误差除以“重复上一季同期值”这一简单方法的误差；低于 1 即优于该简单方法。",
    },
    "gl_mroi": {
        "en": "**Marginal ROI (mROI)**: the gross profit the next unit of spend brings, minus that unit; below 0 the next unit loses money even when the average ROI is positive.",
        "zh": "**边际 ROI（mROI）**：再多花一单位预算带来的毛利减去这一单位花费；低于 0 表示多花的这一单位会亏钱，即使平均 ROI 为正。",
    },
    "gl_carry_over": {
        "en": "**Carry-over (decay)**: the share of a period's advertising that still works in the next period (0.6: 60% carries into the next period, 36% into the one after).",
        "zh": "**延续率（衰减）**：一期广告在下一期仍起作用的比例（0.6 表示 60% 延续到下一期，36% 延续到再下一期）。",
    },
    "gl_saturation": {
        "en": "**Saturation**: each extra unit of spend adds less than the one before, as a channel runs out of people it can still reach.",
        "zh": "**饱和**：渠道能触达的人群逐渐用尽，每多花一单位带来的增量都比前一单位少。",
    },
    "gl_half_saturation": {
        "en": "**Half-saturation**: the spend (carry-over included) at which a channel gives half of the largest effect it can give.",
        "zh": "**半饱和花费**：渠道达到其最大可能效果一半时的花费（含延续部分）。",
    },
    "gl_shape": {
        "en": "**Shape**: how the curve bends; above 1 it starts slowly (S-shaped), at 1 or below it rises fastest from the first unit of spend.",
        "zh": "**形状参数**：曲线的弯曲方式；大于 1 时起步缓慢（S 形），小于等于 1 时从第一单位花费起增长最快。",
    },
    "bg_queued": {
        "en": "Preparing this page's analysis in the background…",
        "zh": "正在后台准备本页的分析…",
    },
    "bg_running": {
        "en": "Preparing this page's analysis in the background: step {done} of {total}",
        "zh": "正在后台准备本页的分析：第 {done} 步，共 {total} 步",
    },
    # A sample's name as shown, by its file (ui.workspace.dataset_name); stored names never change.
    "sample_geo_test_sample": {"en": "Sample · geo test by city", "zh": "示例 · 城市地理实验"},
    "sample_ab_test_sample": {"en": "Sample · A/B test export", "zh": "示例 · A/B 实验导出"},
    "sample_customer_campaign": {
        "en": "Sample · customers and a campaign's response",
        "zh": "示例 · 客户及其对活动的响应",
    },
    "sample_customer_orders": {"en": "Sample · customer orders", "zh": "示例 · 客户订单"},
    "sample_order_lines": {"en": "Sample · order lines", "zh": "示例 · 订单明细"},
    "sample_campaigns": {"en": "Sample · campaign calendar", "zh": "示例 · 活动日历"},
    "sample_sales_daily": {
        "en": "Sample · daily sales by region and category",
        "zh": "示例 · 按地区和品类的日销售",
    },
    # What reading a column assumed (ui.i18n.note_text), beside the column on the Data page.
    "note_percent": {
        "en": "values written with % were read as fractions (15% → 0.15)",
        "zh": "带 % 的值按小数读取（15% → 0.15）",
    },
    "note_decimal_comma": {"en": "decimal comma (1.234,56)", "zh": "逗号为小数点（1.234,56）"},
    "note_thousands_comma": {
        "en": "values such as 1,234 were read with ',' as thousands separator",
        "zh": "形如 1,234 的值按逗号为千位分隔符读取",
    },
    "note_decimal_dot": {
        "en": "values such as 1.234 were read with '.' as decimal point",
        "zh": "形如 1.234 的值按句点为小数点读取",
    },
    "note_times_dropped": {
        "en": "times of day were dropped; rows are dated by their day",
        "zh": "已去掉一天中的时间；各行按日期计",
    },
    "note_day_first": {"en": "day first (d/m/y)", "zh": "日在前（日/月/年）"},
    "note_month_first": {"en": "month first (m/d/y)", "zh": "月在前（月/日/年）"},
    "note_two_digit_years": {
        "en": "two-digit years read by Excel's rule ({rule})",
        "zh": "两位数年份按 Excel 的规则读取（{rule}）",
    },
    "margin_source_default_presenter": {
        "en": "the default; outside presenter mode it is changed under Gross margin in the sidebar",
        "zh": "默认值；退出演示模式后可在侧边栏的“毛利率”中修改",
    },
    "margin_source_default_report": {
        "en": "the default; set another under Gross margin in the app's sidebar, or with --margin on the command line",
        "zh": "默认值；可在应用侧边栏的“毛利率”中，或在命令行用 --margin 设置其他值",
    },
}
