"""Strings of the Overview and Campaign lift pages, in English and 简体中文."""

STRINGS: dict[str, dict[str, str]] = {
    "lift_title": {"en": "What the campaign really added", "zh": "活动真正带来的增量"},
    "conclusion_best": {
        "en": "Best return: {name}, {roas} of extra revenue per 1 spent (95% interval {lo} to {hi}), ROI {roi}.",
        "zh": "回报最好的是 {name}：每投入 1 元带来 {roas} 元增量收入（95% 区间 {lo} 至 {hi}），ROI {roi}。",
    },
    "conclusion_not_paid": {"en": "{names} did not pay back.", "zh": "{names} 未能回本。"},
    "conclusion_share": {
        "en": "{paid} of {total} campaigns paid back at a {margin} gross margin.",
        "zh": "按 {margin} 毛利率计算，{total} 个活动中有 {paid} 个回本。",
    },
    "panel_actual": {"en": "Actual vs baseline", "zh": "实际值与基线"},
    "panel_point": {"en": "Effect per period", "zh": "每期增量"},
    "panel_cumulative": {"en": "Cumulative effect", "zh": "累计增量"},
    "legend_actual": {"en": "Actual", "zh": "实际"},
    "legend_baseline": {"en": "Baseline (without the campaign)", "zh": "基线（无活动时）"},
    "legend_band": {"en": "95% interval", "zh": "95% 区间"},
    "lift_report": {
        "en": "During {start} to {end}, {metric} in {segment} was {actual}. Without the campaign it "
        "would have been about {baseline} (95% interval {blo} to {bhi}). The campaign added {effect} "
        "({rel}; 95% interval {lo} to {hi}).",
        "zh": "{start} 至 {end} 期间，{segment} 的{metric}为 {actual}。若无该活动，预计约为 {baseline}（95% 区间 {blo} 至 {bhi}）。"
        "活动带来增量 {effect}（{rel}；95% 区间 {lo} 至 {hi}）。",
    },
    "lift_report_roi": {
        "en": "Spend above the usual level was {spend}: ROAS {roas} (95% interval {rlo} to {rhi}), "
        "ROI {roi}. Counting all revenue in the window instead would suggest a ROAS of {naive}.",
        "zh": "高于常规水平的花费为 {spend}：ROAS {roas}（95% 区间 {rlo} 至 {rhi}），ROI {roi}。若把活动期全部收入都算作回报，ROAS 会被高估为 {naive}。",
    },
    "diag_pre": {
        "en": "Baseline fitted on {start} to {end}; error on that period (MAPE): {mape}. Error model: ARMA{order}.",
        "zh": "基线拟合区间 {start} 至 {end}；该区间误差（MAPE）：{mape}。误差模型：ARMA{order}。",
    },
    "diag_controls": {"en": "Control series used (weight):", "zh": "使用的对照序列（权重）："},
    "diag_no_controls": {
        "en": "No control series tracked this segment well enough; the baseline uses its own history and weekday pattern.",
        "zh": "没有对照序列能足够好地跟踪该范围；基线使用其自身历史和星期规律。",
    },
    "lift_error": {
        "en": "This campaign cannot be measured: {reason}",
        "zh": "无法衡量该活动：{reason}",
    },
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
    "lft_window_caption": {"en": "Window {start} to {end}", "zh": "窗口 {start} 至 {end}"},
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
        "usual relation to the other series predicts, p {p}): if the campaign reached it, "
        "or something else moved it, the baseline moved too and the effect is misstated; compare "
        "the estimate without controls under “Does the conclusion hold?”.",
        "zh": "对照序列 {name} 在窗口内发生了变动（与其平时和其他序列的关系相比 {shift:+.1%}，p {p}）："
        "若活动波及了它或有其他因素影响，基线也随之变动，效应会被错估；请在“结论是否稳健？”中对比不用对照序列的估计。",
    },
    "lft_chart_channels_table": {
        "en": "Campaign spend by channel (campaign table)",
        "zh": "各渠道活动花费（活动表）",
    },
    "lft_report_roi_table": {
        "en": "Its spend in the campaign table is {spend}: ROAS {roas} (95% interval "
        "{rlo} to {rhi}), ROI {roi}. Counting all revenue in the window instead would suggest a "
        "ROAS of {naive}.",
        "zh": "活动表中的花费为 {spend}：ROAS {roas}（95% 区间 {rlo} 至 {rhi}），ROI {roi}。"
        "若把活动期全部收入都算作回报，ROAS 会被高估为 {naive}。",
    },
    "lft_convention_table": {
        "en": "Spend is the campaign's spend in the campaign table.",
        "zh": "花费取自活动表中该活动的花费。",
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
    "lft_bridge_header": {"en": "From revenue to profit", "zh": "从收入到利润"},
    "lft_bridge_how": {"en": "How is this computed?", "zh": "这些数字是怎么算的？"},
    "lft_bridge_revenue": {
        "en": "**Incremental revenue** = actual {metric} − baseline = {actual} − {baseline} = **{value}**.",
        "zh": "**增量收入** = 实际{metric} − 基线 = {actual} − {baseline} = **{value}**。",
    },
    "lft_bridge_gross": {
        "en": "**Incremental gross profit** = incremental revenue + discount cost − (1 − margin) × (incremental revenue + discount given) = {revenue} + {cost} − {unit_cost} × ({revenue} + {given}) = **{value}**: what the extra sales earned after the cost of their goods (a unit costs {unit_cost} of its list price; the extra sales at list price are the incremental revenue plus all the discount given, {given}). The incremental revenue already lost the discount cost on sales that would have happened anyway: it is added back here and charged on its own line below.",
        "zh": "**增量毛利** = 增量收入 + 折扣成本 − (1 − 毛利率) × (增量收入 + 让利总额) = {revenue} + {cost} − {unit_cost} × ({revenue} + {given}) = **{value}**：额外销量扣除商品成本后的所得（单位成本为原价的 {unit_cost}；额外销量按原价计 = 增量收入 + 全部让利 {given}）。增量收入中已扣除了本来就会发生的销售的折扣成本：此处加回，并在下一行单独扣除。",
    },
    "lft_bridge_discount": {
        "en": "**Discount cost** = average discount × baseline = {rate} × {baseline} = **{value}**: the discount given away on sales that would have happened anyway.",
        "zh": "**折扣成本** = 平均折扣 × 基线 = {rate} × {baseline} = **{value}**：让给本来就会发生的销售的折扣。",
    },
    "lft_bridge_profit": {
        "en": "**Incremental profit** = incremental gross profit − discount cost − spend = {gross} − {cost} − {spend} = **{value}**.",
        "zh": "**增量利润** = 增量毛利 − 折扣成本 − 花费 = {gross} − {cost} − {spend} = **{value}**。",
    },
    "lft_bridge_ratios": {
        "en": "**ROI** = incremental profit / spend = {profit} / {spend} = **{roi}**; **ROAS** = incremental revenue / spend = {revenue} / {spend} = **{roas}**.",
        "zh": "**ROI** = 增量利润 / 花费 = {profit} / {spend} = **{roi}**；**ROAS** = 增量收入 / 花费 = {revenue} / {spend} = **{roas}**。",
    },
    "lft_bridge_no_spend": {
        "en": "No spend above the usual level was found for this window, so there is no ROI: the bridge stops before the spend.",
        "zh": "该窗口没有高于常规水平的花费，因此没有 ROI：利润桥止于花费之前。",
    },
    "lft_wf_title": {
        "en": "From incremental {metric} to incremental profit (margin {margin})",
        "zh": "从增量{metric}到增量利润（毛利率 {margin}）",
    },
    "lft_wf_revenue": {"en": "Incremental revenue", "zh": "增量收入"},
    "lft_wf_goods": {"en": "Cost of the extra goods", "zh": "额外商品的成本"},
    "lft_wf_moved": {
        "en": "Discount on sales that would have happened anyway, added back",
        "zh": "加回：本来就会发生的销售的折扣",
    },
    "lft_wf_gross": {"en": "Incremental gross profit", "zh": "增量毛利"},
    "lft_wf_discount": {
        "en": "Discount on sales that would have happened anyway",
        "zh": "本来就会发生的销售的折扣",
    },
    "lft_wf_spend": {"en": "Spend", "zh": "花费"},
    "lft_wf_profit": {"en": "Incremental profit", "zh": "增量利润"},
    "lft_col_gross": {"en": "Incremental gross profit", "zh": "增量毛利"},
    "lft_col_discount_cost": {"en": "Discount cost", "zh": "折扣成本"},
    "lft_col_profit": {"en": "Incremental profit", "zh": "增量利润"},
    "lft_col_excludes_zero": {"en": "Interval excludes 0", "zh": "区间不含 0"},
    "lft_row_share_positive": {
        "en": "Share of the model's simulated outcomes above zero",
        "zh": "模型模拟结果中大于零的比例",
    },
    "lft_row_p_two_sided": {"en": "p-value (two-sided)", "zh": "p 值（双侧）"},
    "lft_effect_excludes_zero": {
        "en": "The 95% interval excludes zero: the data separate this effect from chance (two-sided p {p}).",
        "zh": "95% 区间不包含 0：数据能把该效应与随机波动区分开（双侧 p {p}）。",
    },
    "lft_effect_includes_zero": {
        "en": "The 95% interval includes zero: the data cannot tell this campaign's effect from chance (two-sided p {p}).",
        "zh": "95% 区间包含 0：数据无法把该活动的效果与随机波动区分开（双侧 p {p}）。",
    },
    "lft_report_profit": {
        "en": "After the margin ({margin}), the discount on sales that would have happened anyway ({cost}) and the spend, the campaign added **{profit}** to profit (95% interval {lo} to {hi}): it {verdict}.",
        "zh": "扣除商品成本（毛利率 {margin}）、本来就会发生的销售的折扣（{cost}）和花费后，活动带来增量利润 **{profit}**（95% 区间 {lo} 至 {hi}）：{verdict}。",
    },
    "lft_verdict_paid": {"en": "paid back", "zh": "已回本"},
    "lft_verdict_not_paid": {"en": "did not pay back", "zh": "未能回本"},
    "lft_overview_bridge": {
        "en": "All campaigns with spend: incremental gross profit {gross} − discount cost {cost} − spend {spend} = incremental profit **{profit}**; ROI = {profit} / {spend} = **{roi}**.",
        "zh": "所有有花费的活动合计：增量毛利 {gross} − 折扣成本 {cost} − 花费 {spend} = 增量利润 **{profit}**；ROI = {profit} / {spend} = **{roi}**。",
    },
    "lft_bridge_steps": {
        "en": "For each campaign: incremental revenue = actual − baseline; incremental gross profit = margin × (incremental revenue + discount given) − (discount given − discount cost); discount cost = average discount × baseline (the discount given away on sales that would have happened anyway); incremental profit = incremental gross profit − discount cost − spend; ROI = incremental profit / spend; ROAS = incremental revenue / spend. Each campaign's own numbers are on the Lift page.",
        "zh": "每个活动：增量收入 = 实际值 − 基线；增量毛利 = 毛利率 × (增量收入 + 让利总额) − (让利总额 − 折扣成本)；折扣成本 = 平均折扣 × 基线（让给本来就会发生的销售的折扣）；增量利润 = 增量毛利 − 折扣成本 − 花费；ROI = 增量利润 / 花费；ROAS = 增量收入 / 花费。各活动的具体数字见活动增量页。",
    },
    "lft_spec_trend_stationary": {
        "en": "Trend-stationary form only (returns to its trend)",
        "zh": "仅趋势平稳形式（回归到趋势线）",
    },
    "lft_spec_local_level": {
        "en": "Local-level form only (differenced; the level wanders)",
        "zh": "仅局部水平形式（差分；水平随机游走）",
    },
    "diag_forms": {
        "en": "Baseline forms, weighted by how well each forecast the end of the pre-period: "
        "trend-stationary {trend}, local level {level}.",
        "zh": "基线形式按其对前期末段的预测效果加权：趋势平稳 {trend}，局部水平 {level}。",
    },
    "lft_window_reversed": {
        "en": "The window ends ({end}) before it starts ({start}), so nothing was measured: swap the dates, or pick an end after the start.",
        "zh": "窗口的结束日期（{end}）早于开始日期（{start}），因此未做测算：请交换两个日期，或选择晚于开始日期的结束日期。",
    },
    "lft_swap_dates": {"en": "Swap the dates", "zh": "交换日期"},
    "lft_link_date_moved": {
        "en": "The link asked for {asked}, which is not a date within the data ({first} to {last}): {used} is used instead. Change the window dates if that is not what you meant.",
        "zh": "链接中的日期 {asked} 不在数据范围内（{first} 至 {last}）或无法识别：已改用 {used}。如果这不是您想要的，请修改窗口日期。",
    },
    "lft_link_campaign_unknown": {
        "en": "The link asked for the campaign “{asked}”, which this dataset does not have: showing “{opened}” instead. Pick the campaign you meant below.",
        "zh": "链接中的活动“{asked}”在该数据集中不存在：现显示“{opened}”。请在下方选择您想看的活动。",
    },
    "lft_col_paid_back": {"en": "Paid back", "zh": "是否回本"},
    "lft_table_details": {
        "en": "Details: segment, spend, the profit bridge's steps, naive ROAS",
        "zh": "详情：细分、花费、利润桥各步骤、朴素 ROAS",
    },
    "lft_table_unmeasured": {
        "en": "{n} campaign(s) could not be measured: the details below say why and what to change.",
        "zh": "有 {n} 个活动无法测算：下方详情说明了原因和修改方法。",
    },
    "lft_holds_tried": {
        "en": "The conclusion ({what}) holds under all {n} model specifications tried.",
        "zh": "结论（{what}）在尝试的全部 {n} 种模型设定下都成立。",
    },
    "kpi_interval_caption": {
        "en": "95% interval: {lo} to {hi}",
        "zh": "95% 区间：{lo} 至 {hi}",
    },
}
