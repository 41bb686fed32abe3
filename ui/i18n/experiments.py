"""Strings of the Experiments page (A/B tests and geo tests), in English and 简体中文."""

STRINGS: dict[str, dict[str, str]] = {
    "needs_experiments": {
        "en": "experiments need units with an arm, or a dated panel of locations",
        "zh": "实验分析需要带分组的实验单元，或按日期排列的各地数据",
    },
    "next_experiments": {
        "en": "Open Experiments to compare its arms.",
        "zh": "打开“实验分析”比较各分组。",
    },
    "page_experiments": {"en": "Experiments", "zh": "实验分析"},
    "exp_title": {
        "en": "Experiments: A/B tests and geo tests",
        "zh": "实验分析：A/B 实验与地域实验",
    },
    "exp_tab_ab": {"en": "A/B test", "zh": "A/B 实验"},
    "exp_tab_geo": {"en": "Geo test", "zh": "地域实验"},
    "exp_dataset": {"en": "Data", "zh": "数据"},
    "exp_ab_needs": {
        "en": "The A/B tab needs an export with one row per unit (user, order, visit), a variant column (e.g. control/treatment) and outcome columns. None of your datasets has a column with the variant role: upload one on the Data page, or set a column's role to variant there.",
        "zh": "A/B 实验需要每行一个单位（用户、订单、访问）的导出文件，包含组别列（例如对照组/实验组）和结果列。现有数据集都没有“组别”角色的列：请在“数据管理”页上传，或在那里把某列的角色设为组别。",
    },
    "exp_geo_needs": {
        "en": "The geo tab needs a dated panel: a date column, a location column (city, store, region) with the role dimension and at least 5 locations, and a numeric metric. None of your datasets has all three: upload one on the Data page.",
        "zh": "地域实验需要按日期的面板数据：日期列、角色为维度且至少有 5 个地区的地区列（城市、门店、区域），以及一个数值指标。现有数据集都不具备这三者：请在“数据管理”页上传。",
    },
    "exp_ab_intro": {
        "en": "Each variant against the control: proportions by the pooled z-test, means by Welch's t (with a trimmed-mean or bootstrap check for heavy tails), ratios by the delta method. All intervals are 95%.",
        "zh": "每个组别与对照组比较：比例用合并 z 检验，均值用 Welch t 检验（并以截尾均值或自助法检查厚尾），比率用 delta 方法。所有区间均为 95%。",
    },
    "exp_variant": {"en": "Variant column", "zh": "组别列"},
    "exp_control": {"en": "Control", "zh": "对照组"},
    "exp_outcomes": {"en": "Outcomes", "zh": "结果指标"},
    "exp_covariate": {"en": "CUPED covariate (before the test)", "zh": "CUPED 协变量（实验前）"},
    "exp_covariate_help": {
        "en": "A value measured before assignment (e.g. last month's spend). Removing what it predicts narrows the intervals without bias.",
        "zh": "分组之前测得的值（例如上月消费）。去掉它能预测的部分，可以在不引入偏差的情况下缩窄区间。",
    },
    "exp_none": {"en": "None", "zh": "无"},
    "exp_ratio": {"en": "Ratio metric: divide", "zh": "比率指标：分子"},
    "exp_ratio_by": {"en": "by", "zh": "分母"},
    "exp_split": {
        "en": "Planned split (variants in order: {names})",
        "zh": "计划分流（按组别顺序：{names}）",
    },
    "exp_split_help": {
        "en": "Shares separated by commas, e.g. 50,50. Equal shares unless you planned otherwise.",
        "zh": "用逗号分隔的比例，例如 50,50。除非另有计划，否则为等分。",
    },
    "exp_no_outcome": {"en": "Choose at least one outcome.", "zh": "请至少选择一个结果指标。"},
    "exp_error": {"en": "No result for these choices: {reason}", "zh": "无法得到结果：{reason}"},
    "exp_srm_header": {"en": "Sample-ratio check", "zh": "样本比例检查"},
    "exp_srm_ok": {
        "en": "✅ Units per variant {observed} match the planned split {planned} (chi-square {p}).",
        "zh": "✅ 各组单位数 {observed} 与计划分流 {planned} 相符（卡方检验 {p}）。",
    },
    "exp_srm_warning": {
        "en": "⚠️ Units per variant {observed} depart from the planned split {planned} (chi-square {p}): check the assignment and tracking before trusting the results below.",
        "zh": "⚠️ 各组单位数 {observed} 偏离计划分流 {planned}（卡方检验 {p}）：请先检查分组和埋点，再相信下面的结果。",
    },
    "exp_srm_stop": {
        "en": "🛑 Stop: units per variant {observed} are far from the planned split {planned} (chi-square {p}). The assignment or the tracking is broken; the results below cannot be trusted until that is fixed.",
        "zh": "🛑 停止：各组单位数 {observed} 严重偏离计划分流 {planned}（卡方检验 {p}）。分组或埋点有问题；修复之前，下面的结果不可信。",
    },
    "exp_type_proportion": {"en": "rate (0/1)", "zh": "比例（0/1）"},
    "exp_type_mean": {"en": "mean per unit", "zh": "每单位均值"},
    "exp_type_ratio": {
        "en": "ratio {metric} / {denominator}",
        "zh": "比率 {metric} / {denominator}",
    },
    "exp_col_variant": {"en": "Variant", "zh": "组别"},
    "exp_col_units": {"en": "Units", "zh": "单位数"},
    "exp_col_mean": {"en": "Mean", "zh": "均值"},
    "exp_col_mean_ci": {"en": "95% interval", "zh": "95% 区间"},
    "exp_col_diff": {"en": "Difference", "zh": "差值"},
    "exp_col_diff_ci": {"en": "Difference 95%", "zh": "差值 95% 区间"},
    "exp_col_rel": {"en": "Relative", "zh": "相对差"},
    "exp_col_rel_ci": {"en": "Relative 95%", "zh": "相对差 95% 区间"},
    "exp_col_p": {"en": "p", "zh": "p 值"},
    "exp_col_p_holm": {"en": "p (Holm)", "zh": "p（Holm 校正）"},
    "exp_col_method": {"en": "Test", "zh": "检验"},
    "exp_pp": {"en": "{value} pp", "zh": "{value} 个百分点"},
    "exp_holm_note": {
        "en": "Holm's correction over all {count} comparisons ({metrics} outcomes × variants): a result counts when its Holm-adjusted p is below 0.05.",
        "zh": "已对全部 {count} 个比较（{metrics} 个指标 × 组别）做 Holm 校正：校正后 p 低于 0.05 才算显著。",
    },
    "exp_robust_note": {
        "en": "Heavy-tail check for {variant} ({method}): difference {diff} (95% {low} to {high}), {p}.",
        "zh": "{variant} 的厚尾检查（{method}）：差值 {diff}（95% 区间 {low} 至 {high}），{p}。",
    },
    "exp_cuped_note": {
        "en": "CUPED with {covariate} removed {reduction} of the variance (θ = {theta}); the means shown are adjusted.",
        "zh": "以 {covariate} 做 CUPED，方差减少了 {reduction}（θ = {theta}）；显示的均值已调整。",
    },
    "exp_dropped_note": {
        "en": "{count} rows without a value were left out.",
        "zh": "有 {count} 行缺少数值，已排除。",
    },
    "exp_means_chart": {
        "en": "{metric} per variant with 95% intervals",
        "zh": "各组别的 {metric} 及 95% 区间",
    },
    "exp_rel_chart": {
        "en": "Difference from {control}, relative, with 95% intervals",
        "zh": "相对 {control} 的差异（相对值）及 95% 区间",
    },
    "exp_decision_header": {"en": "Decision", "zh": "结论"},
    "exp_verdict_better": {
        "en": "**{variant}** raises {metric} by {rel} against {control} (95% interval {low} to {high}; Holm-adjusted {p}). The interval excludes zero: the data support rolling it out, by an amount anywhere in that interval.",
        "zh": "**{variant}** 相比 {control} 使 {metric} 提高 {rel}（95% 区间 {low} 至 {high}；Holm 校正后 {p}）。区间不含零：数据支持推广，增幅可能是区间内的任何值。",
    },
    "exp_verdict_worse": {
        "en": "**{variant}** lowers {metric} by {rel} against {control} (95% interval {low} to {high}; Holm-adjusted {p}). The interval excludes zero: keep {control}.",
        "zh": "**{variant}** 相比 {control} 使 {metric} 下降 {rel}（95% 区间 {low} 至 {high}；Holm 校正后 {p}）。区间不含零：应保留 {control}。",
    },
    "exp_verdict_inconclusive": {
        "en": "**{variant}** against {control} on {metric}: {rel} (95% interval {low} to {high}; Holm-adjusted {p}). The interval includes zero: the test cannot tell it apart from no effect. An effect as large as the interval's ends cannot be ruled out.",
        "zh": "**{variant}** 与 {control} 在 {metric} 上的差异：{rel}（95% 区间 {low} 至 {high}；Holm 校正后 {p}）。区间包含零：无法与“没有效果”区分；也不能排除与区间端点一样大的效果。",
    },
    "exp_verdict_srm_failed": {
        "en": "No decision: the sample-ratio check failed, so the comparison of **{variant}** with {control} cannot be trusted.",
        "zh": "无法下结论：样本比例检查未通过，**{variant}** 与 {control} 的比较不可信。",
    },
    "exp_money_header": {"en": "Money", "zh": "金额"},
    "exp_revenue_metric": {"en": "Revenue per unit", "zh": "每单位收入"},
    "exp_rollout_units": {
        "en": "Roll-out: units (e.g. a month of all traffic)",
        "zh": "推广规模：单位数（例如一个月的全部流量）",
    },
    "exp_cost_per_unit": {
        "en": "Cost of the change per unit (discount, spend)",
        "zh": "每单位的改动成本（折扣、投放）",
    },
    "exp_money_none": {
        "en": "Money needs a revenue per unit among the outcomes (a mean such as revenue per user).",
        "zh": "计算金额需要在结果指标中选择每单位收入（如人均收入这样的均值）。",
    },
    "exp_col_per_1000": {"en": "Per 1,000 units", "zh": "每 1,000 单位"},
    "exp_col_rollout": {"en": "Roll-out ({units} units)", "zh": "推广（{units} 单位）"},
    "exp_row_revenue": {"en": "Incremental revenue", "zh": "增量收入"},
    "exp_row_revenue_ci": {"en": "Incremental revenue, 95%", "zh": "增量收入 95% 区间"},
    "exp_row_profit": {"en": "Incremental profit", "zh": "增量利润"},
    "exp_row_profit_ci": {"en": "Incremental profit, 95%", "zh": "增量利润 95% 区间"},
    "exp_money_caption": {
        "en": "How it is computed: incremental revenue = (revenue per unit of {variant} − of {control}) × units; incremental profit = margin {margin} × incremental revenue − cost of the change × units, the definition campaigns use. Intervals carry the 95% interval of the difference.",
        "zh": "计算方法：增量收入 =（{variant} 每单位收入 − {control} 每单位收入）× 单位数；增量利润 = 毛利率 {margin} × 增量收入 − 每单位改动成本 × 单位数，与活动分析的定义相同。区间沿用差值的 95% 区间。",
    },
    "exp_money_variant": {"en": "Variant to roll out", "zh": "要推广的组别"},
    "exp_seq_header": {"en": "Daily monitoring", "zh": "逐日监测"},
    "exp_seq_caption": {
        "en": "An always-valid confidence sequence ({method}) on {metric}: it holds at every daily look at once, so stopping the day it excludes zero keeps false positives at 5%.",
        "zh": "{metric} 的始终有效置信序列（{method}）：每天查看都同时成立，因此在它不含零的那天停止实验，误报率仍保持在 5%。",
    },
    "exp_seq_first": {
        "en": "{variant}: the sequence first excluded zero on {date} ({units} units).",
        "zh": "{variant}：置信序列于 {date} 首次不含零（{units} 个单位）。",
    },
    "exp_seq_never": {
        "en": "{variant}: the sequence has not excluded zero yet.",
        "zh": "{variant}：置信序列尚未排除零。",
    },
    "exp_seq_chart": {
        "en": "Difference from {control} in {metric}, as the days went by",
        "zh": "{metric} 相对 {control} 的差值随天数变化",
    },
    "exp_seq_failed": {"en": "No daily monitoring: {reason}", "zh": "无法逐日监测：{reason}"},
    "exp_legend_sequence": {"en": "Confidence sequence (95%)", "zh": "置信序列（95%）"},
    "exp_legend_diff": {"en": "Difference", "zh": "差值"},
    "exp_plan_header": {"en": "Plan a test", "zh": "规划实验"},
    "exp_plan_baseline": {"en": "Baseline rate", "zh": "基线比率"},
    "exp_plan_mde": {
        "en": "Smallest lift worth detecting (relative)",
        "zh": "值得检测的最小提升（相对值）",
    },
    "exp_plan_power": {"en": "Power", "zh": "检验功效"},
    "exp_plan_alpha": {"en": "Significance level α (two-sided)", "zh": "显著性水平 α（双侧）"},
    "exp_plan_traffic": {"en": "Units per day", "zh": "每日单位数"},
    "exp_plan_split": {"en": "Split (control first)", "zh": "分流（对照组在前）"},
    "exp_plan_size": {
        "en": "Units in the control (for the smallest detectable lift)",
        "zh": "对照组单位数（用于计算最小可检测提升）",
    },
    "exp_plan_result": {
        "en": "To detect a {mde} lift on a {baseline} baseline with {power} power: **{units} units per variant**, {total} in all, about **{days} days** at {traffic} units a day.",
        "zh": "要以 {power} 的功效检测在 {baseline} 基线上 {mde} 的提升：**每组 {units} 个单位**，共 {total} 个，按每天 {traffic} 个单位约需 **{days} 天**。",
    },
    "exp_plan_mde_result": {
        "en": "With {units} units in the control (and the split above), the smallest lift detected with {power} power is {mde}.",
        "zh": "对照组 {units} 个单位（按上面的分流）时，能以 {power} 的功效检测到的最小提升为 {mde}。",
    },
    "exp_plan_caption": {
        "en": "Two-sided normal test on Cohen's h (rates), as statsmodels' NormalIndPower; with more than two variants each is compared with the control at the α given.",
        "zh": "基于 Cohen's h（比率）的双侧正态检验，与 statsmodels 的 NormalIndPower 一致；多于两组时，每组以给定 α 与对照组比较。",
    },
    "exp_plan_failed": {"en": "No plan: {reason}", "zh": "无法规划：{reason}"},
    # --- geo ---
    "exp_geo_intro": {
        "en": "The treated locations against a synthetic control: a weighted mix of untreated locations (weights ≥ 0 summing to one) that tracked them before the test. The 95% intervals and p come from placebo tests on untreated locations and earlier windows.",
        "zh": "实验地区与合成控制比较：合成控制是未实验地区的加权组合（权重非负且和为一），在实验前与实验地区走势一致。95% 区间和 p 值来自对未实验地区和更早窗口的安慰剂检验。",
    },
    "exp_location": {"en": "Location column", "zh": "地区列"},
    "exp_metric": {"en": "Metric", "zh": "指标"},
    "exp_treated": {"en": "Treated locations", "zh": "实验地区"},
    "exp_window": {"en": "Test window", "zh": "实验窗口"},
    "exp_geo_choose": {
        "en": "Choose the treated locations and the test window.",
        "zh": "请选择实验地区和实验窗口。",
    },
    "exp_geo_running": {
        "en": "Synthetic control and placebo tests: {done} of {total}",
        "zh": "合成控制与安慰剂检验：{done}/{total}",
    },
    "exp_geo_effect": {"en": "Effect", "zh": "效果"},
    "exp_geo_relative": {"en": "Relative effect", "zh": "相对效果"},
    "exp_geo_actual": {"en": "Actual", "zh": "实际值"},
    "exp_geo_counterfactual": {"en": "Synthetic control", "zh": "合成控制"},
    "exp_geo_interval": {"en": "95%: {low} to {high}", "zh": "95% 区间：{low} 至 {high}"},
    "exp_geo_conclusion_lift": {
        "en": "In {treated}, {metric} from {start} to {end} was {effect} ({rel}) above its synthetic control (95% interval {low} to {high}; {p} from {placebos} placebo tests). The interval excludes zero.",
        "zh": "{start} 至 {end}，{treated} 的 {metric} 比合成控制高 {effect}（{rel}）（95% 区间 {low} 至 {high}；基于 {placebos} 次安慰剂检验 {p}）。区间不含零。",
    },
    "exp_geo_conclusion_drop": {
        "en": "In {treated}, {metric} from {start} to {end} was {effect} ({rel}) against its synthetic control (95% interval {low} to {high}; {p} from {placebos} placebo tests). The interval excludes zero: the campaign lowered it.",
        "zh": "{start} 至 {end}，{treated} 的 {metric} 相对合成控制为 {effect}（{rel}）（95% 区间 {low} 至 {high}；基于 {placebos} 次安慰剂检验 {p}）。区间不含零：活动使其下降。",
    },
    "exp_geo_conclusion_none": {
        "en": "In {treated}, {metric} from {start} to {end} was {effect} ({rel}) against its synthetic control (95% interval {low} to {high}; {p} from {placebos} placebo tests). The interval includes zero: the test cannot tell the campaign apart from no effect.",
        "zh": "{start} 至 {end}，{treated} 的 {metric} 相对合成控制为 {effect}（{rel}）（95% 区间 {low} 至 {high}；基于 {placebos} 次安慰剂检验 {p}）。区间包含零：无法与“没有效果”区分。",
    },
    "exp_geo_chart": {
        "en": "{metric} in the treated locations and their synthetic control",
        "zh": "实验地区的 {metric} 与合成控制",
    },
    "exp_geo_panel_series": {"en": "Actual and synthetic control", "zh": "实际值与合成控制"},
    "exp_geo_panel_daily": {"en": "Effect per period", "zh": "每期效果"},
    "exp_geo_panel_cumulative": {"en": "Cumulative effect", "zh": "累计效果"},
    "exp_geo_band": {"en": "95% interval", "zh": "95% 区间"},
    "exp_geo_weights": {"en": "Weights of the synthetic control", "zh": "合成控制的权重"},
    "exp_col_location": {"en": "Location", "zh": "地区"},
    "exp_col_weight": {"en": "Weight", "zh": "权重"},
    "exp_geo_fit": {
        "en": "Pre-period fit: RMSE {rmse} per period, R² {r2}.",
        "zh": "实验前拟合：每期 RMSE {rmse}，R² {r2}。",
    },
    "exp_geo_augmented": {
        "en": "The convex fit was poor (R² below 0.9), so it was augmented with a ridge correction (as augsynth and GeoLift do); some weights can then be negative.",
        "zh": "凸组合拟合较差（R² 低于 0.9），因此加入了岭回归修正（与 augsynth、GeoLift 相同）；部分权重可能为负。",
    },
    "exp_geo_placebos": {
        "en": "{space} placebo tests on untreated locations and {time} on earlier windows of the same length.",
        "zh": "在未实验地区做了 {space} 次安慰剂检验，在相同长度的更早窗口做了 {time} 次。",
    },
    "exp_geo_failed": {"en": "No geo result: {reason}", "zh": "无法得到地域实验结果：{reason}"},
    "exp_design_header": {"en": "Design a test on these markets", "zh": "为这些地区设计实验"},
    "exp_design_days": {"en": "Test lengths to compare (days)", "zh": "要比较的实验时长（天）"},
    "exp_design_running": {
        "en": "Placebo tests on history: {done} of {total}",
        "zh": "基于历史的安慰剂检验：{done}/{total}",
    },
    "exp_col_days": {"en": "Days", "zh": "天数"},
    "exp_col_mde": {"en": "Smallest detectable lift", "zh": "最小可检测提升"},
    "exp_col_placebos": {"en": "Placebo tests", "zh": "安慰剂检验数"},
    "exp_design_caption": {
        "en": "From the history before the chosen window, as if the test ran over its last days: placebo tests (untreated markets in that window, these markets in earlier windows) show the errors the synthetic control makes when nothing happened; the lift shown is detected with {power} power at α {alpha}. Longer is not always better: slow drifts between markets grow with the window.",
        "zh": "基于所选窗口之前的历史，假设实验在其最后若干天进行：安慰剂检验（该窗口中的未实验地区、更早窗口中的这些地区）显示没有任何干预时合成控制的误差；表中的提升能以 {power} 的功效在 α = {alpha} 下被检测到。时间越长不一定越好：地区之间的缓慢漂移会随窗口变长而增大。",
    },
    "exp_design_failed": {"en": "No design: {reason}", "zh": "无法设计：{reason}"},
    "exp_counts_note": {
        "en": "One row per variant: each outcome is read as the number of units, out of the units column, that converted (compared as rates; means need one row per unit).",
        "zh": "每行一个组别：每个结果指标按“单位数列中有多少单位发生转化”读取（按比例比较；均值需要每行一个单位）。",
    },
    "exp_units": {"en": "Units column", "zh": "单位数列"},
    "exp_segments_header": {"en": "Segments", "zh": "细分"},
    "exp_segment": {"en": "Split the outcomes by", "zh": "按此列拆分结果指标"},
    "exp_segment_note": {
        "en": "Holm's correction over all {count} comparisons (each outcome in each segment, each variant against the control): with many segments, some differ by chance, so read a segment only by its Holm-adjusted p.",
        "zh": "已对全部 {count} 个比较（每个结果指标在每个细分中、每个组别对比对照组）做 Holm 校正：细分越多，越可能出现偶然差异，因此只按校正后的 p 值解读细分。",
    },
    "exp_segment_skipped": {
        "en": "Too few units to compare in: {names}.",
        "zh": "以下细分单位太少，无法比较：{names}。",
    },
    "exp_plan_mean_result": {
        "en": "The same {mde} lift on {metric} (control mean {mean}, spread {spread} per unit) needs **{units} units per variant**, about **{days} days**: means per unit vary more than rates.",
        "zh": "在 {metric} 上检测同样 {mde} 的提升（对照组均值 {mean}，每单位标准差 {spread}）需要**每组 {units} 个单位**，约 **{days} 天**：每单位均值的波动比比率大。",
    },
    "exp_search_header": {
        "en": "Find markets and a length for a next test",
        "zh": "为下一次实验挑选地区和时长",
    },
    "exp_search_sizes": {"en": "Markets per test group", "zh": "每个实验组的地区数"},
    "exp_search_choose": {
        "en": "Choose how many markets a test group holds and the test lengths to compare.",
        "zh": "请选择实验组包含的地区数和要比较的实验时长。",
    },
    "exp_search_running": {
        "en": "Placebo tests of candidate markets: {done} of {total}",
        "zh": "候选地区的安慰剂检验：{done} / {total}",
    },
    "exp_search_best": {
        "en": "The markets that would detect the smallest lift, for each test length:",
        "zh": "每种实验时长下，能检测到最小提升的地区组合：",
    },
    "exp_search_all": {"en": "The {count} best designs", "zh": "最佳的 {count} 个方案"},
    "exp_search_caption": {
        "en": "{searched} market sets screened: each market with its most correlated neighbours, the sets a synthetic control reproduces best on history kept, then each tried as if tested over the last days of the history (placebo tests in other markets and earlier windows). Smallest lift detected with {power} power at α {alpha}. Share: the markets' part of the metric, what the test puts at stake. Fit: R² of their synthetic control before the test.",
        "zh": "共筛选 {searched} 个地区组合：每个地区与其相关性最高的相邻地区组合，保留合成控制在历史数据上复现最好的组合，再假设在历史最后几天进行实验逐一检验（在其他地区和更早时间窗口做安慰剂检验）。最小可检测提升按 {power} 的检验功效、α = {alpha} 计算。占比：这些地区在该指标中的份额，即实验涉及的规模。拟合：实验前合成控制的 R²。",
    },
    "exp_col_markets": {"en": "Markets", "zh": "地区"},
    "exp_col_share": {"en": "Share of the metric", "zh": "指标占比"},
    "exp_col_fit": {"en": "Fit (R²)", "zh": "拟合度（R²）"},
    "exp_spread": {"en": "Spread per unit of {metric}", "zh": "{metric} 的每单位离散程度"},
    "exp_spread_help": {
        "en": "A total such as revenue is compared as a mean per unit, which needs how much units vary: a column with each variant's standard deviation, variance or sum of squares per unit.",
        "zh": "收入等总额按每单位均值比较，需要知道各单位之间的波动：请选择每个组别每单位的标准差、方差或平方和所在的列。",
    },
    "exp_spread_kind": {"en": "The column holds", "zh": "该列是"},
    "exp_spread_std": {"en": "standard deviation", "zh": "标准差"},
    "exp_spread_variance": {"en": "variance", "zh": "方差"},
    "exp_spread_sum_of_squares": {"en": "sum of squares", "zh": "平方和"},
    "exp_spread_needed": {
        "en": "An outcome above is a total, not a count of units: to compare it as a mean per unit, choose the column of its spread (standard deviation, variance or sum of squares per unit), or leave the outcome out.",
        "zh": "上面有结果指标是总额而非单位数：要按每单位均值比较，请选择其离散程度所在的列（每单位的标准差、方差或平方和），或去掉该指标。",
    },
    "exp_col_outcome": {"en": "Outcome", "zh": "结果指标"},
    "exp_ab_active_not_experiment": {
        "en": "The active dataset, {active}, is not an A/B experiment (no variant column): this tab shows {shown}.",
        "zh": "当前数据集 {active} 不是 A/B 实验（没有组别列）：本页签显示的是 {shown}。",
    },
    # Test names as shown (ui/experiments/methods.py), by analytics' English name.
    "exp_method_proportion": {"en": "pooled two-proportion z-test", "zh": "合并两比例 z 检验"},
    "exp_method_mean": {"en": "Welch t-test", "zh": "Welch t 检验"},
    "exp_method_ratio": {"en": "delta-method z-test", "zh": "Delta 方法 z 检验"},
    "exp_method_yuen": {
        "en": "Yuen trimmed-mean t (20%)",
        "zh": "Yuen 截尾均值 t 检验（截尾 20%）",
    },
    "exp_method_bootstrap": {
        "en": "bootstrap of the difference of means (300 draws)",
        "zh": "均值差的自助法（300 次抽样）",
    },
    "exp_method_sequence": {
        "en": "asymptotic confidence sequence, normal mixture (Waudby-Smith et al. 2023; Howard et al. 2021)",
        "zh": "渐近置信序列，正态混合（Waudby-Smith 等，2023；Howard 等，2021）",
    },
    "exp_method_cuped": {
        "en": "{method} on CUPED-adjusted values",
        "zh": "{method}（基于 CUPED 调整后的值）",
    },
}
