"""Strings of the meeting report (PowerPoint, PDF, HTML) and its sidebar action."""

STRINGS: dict[str, dict[str, str]] = {
    "rep_action": {"en": "Report", "zh": "报告"},
    "rep_action_help": {
        "en": "A report of this dataset for a meeting: portfolio, campaigns, drivers, forecast and budget.",
        "zh": "为会议生成本数据集的报告：活动组合、各活动、驱动因素、预测与预算。",
    },
    "rep_format": {"en": "Format", "zh": "格式"},
    "rep_language": {"en": "Report language", "zh": "报告语言"},
    "rep_build": {"en": "Build report", "zh": "生成报告"},
    "rep_download": {"en": "Download {name}", "zh": "下载 {name}"},
    "rep_no_dataset": {"en": "Open a dataset first.", "zh": "请先打开一个数据集。"},
    "rep_progress": {
        "en": "Computing the report: step {done} of {total} (campaigns, drivers, forecast, budget)…",
        "zh": "正在计算报告：第 {done} 步，共 {total} 步（活动、驱动因素、预测、预算）…",
    },
    "rep_progress_render": {
        "en": "Drawing the charts and writing the file…",
        "zh": "正在绘图并写入文件…",
    },
    "rep_failed": {"en": "The report could not be built: {reason}", "zh": "无法生成报告：{reason}"},
    "rep_title": {"en": "Campaign report: {dataset}", "zh": "活动报告：{dataset}"},
    "rep_subtitle": {
        "en": "{metric} · {start} to {end}",
        "zh": "{metric} · {start} 至 {end}",
    },
    "rep_generated": {
        "en": "Generated {when} (UTC) by LiftBoard",
        "zh": "由 LiftBoard 生成于 {when}（UTC）",
    },
    "rep_sec_portfolio": {"en": "Portfolio: key figures", "zh": "活动组合：关键数字"},
    "rep_sec_roi": {"en": "Portfolio: ROI by campaign", "zh": "活动组合：各活动 ROI"},
    "rep_sec_bridge": {"en": "Portfolio: the profit bridge", "zh": "活动组合：利润桥"},
    "rep_sec_campaign": {"en": "Campaign: {name}", "zh": "活动：{name}"},
    "rep_sec_drivers": {"en": "Drivers", "zh": "驱动因素"},
    "rep_sec_forecast": {"en": "Forecast", "zh": "预测"},
    "rep_sec_backtest": {"en": "Forecast: backtest", "zh": "预测：回测"},
    "rep_sec_budget": {"en": "Planner: recommended budget split", "zh": "规划：建议的预算分配"},
    "rep_sec_methods": {"en": "Method notes", "zh": "方法说明"},
    "rep_no_campaigns": {
        "en": "No campaign in this dataset could be measured, so there is no portfolio.",
        "zh": "本数据集中没有可测算的活动，因此没有活动组合。",
    },
    "rep_no_campaigns_found": {
        "en": "This dataset names no campaigns (no campaign column), so there is no portfolio: map a campaign column on the Data page to measure them.",
        "zh": "本数据集中没有活动（没有活动列），因此没有活动组合：请在“数据”页指定活动列后再测算。",
    },
    "rep_unmeasured": {"en": "Not measured: {name}: {reason}", "zh": "未测算：{name}：{reason}"},
    "rep_section_missing": {
        "en": "Not available for this dataset: {reason}",
        "zh": "本数据集无法提供：{reason}",
    },
    "rep_kpi_line": {"en": "{label}: {value}", "zh": "{label}：{value}"},
    "rep_take_roi": {
        "en": "{paid} of {total} campaigns paid back; best ROI: {best} ({roi})",
        "zh": "{total} 个活动中 {paid} 个回本；ROI 最高：{best}（{roi}）",
    },
    "rep_take_bridge": {
        "en": "After margin, discounts and spend the campaigns added {profit} to profit",
        "zh": "扣除成本、折扣和花费后，活动共带来利润 {profit}",
    },
    "rep_take_lift": {
        "en": "{name} added {effect} {metric} ({rel}) over what it would have sold",
        "zh": "{name} 比没有活动时多带来 {metric} {effect}（{rel}）",
    },
    "rep_take_drivers": {
        "en": "{feature} moves {metric} the most ({model}, held-out R² {r2})",
        "zh": "对 {metric} 影响最大的是 {feature}（{model}，留出 R² {r2}）",
    },
    "rep_take_no_driver": {
        "en": "No model predicts {metric} better than its average: no driver stands out",
        "zh": "没有模型比平均值更能预测 {metric}：没有突出的驱动因素",
    },
    "rep_take_forecast": {
        "en": "About {total} {metric} expected over the next {count} {unit}",
        "zh": "未来 {count} {unit}预计 {metric} 约 {total}",
    },
    "rep_take_backtest": {
        "en": "On past data the model's error is {ratio} of the seasonal naive forecast's",
        "zh": "在历史数据上，模型误差是季节性朴素预测的 {ratio}",
    },
    "rep_take_budget": {
        "en": "Shift budget towards {up}: {gain} more profit predicted over {days} days",
        "zh": "把预算转向 {up}：{days} 天内预计多带来利润 {gain}",
    },
    "rep_take_budget_same": {
        "en": "The current channel mix is already close to the most profitable one",
        "zh": "当前渠道结构已接近利润最高的结构",
    },
    "rep_robustness_line": {
        "en": "Robustness: {robust} {placebo}",
        "zh": "稳健性：{robust}{placebo}",
    },
    "rep_backtest_line": {
        "en": "Backtest on {points} {unit} from {origins} cut-offs: MAE {mae} against {nmae} for the seasonal naive forecast; 95% band held {c95} of points.",
        "zh": "从 {origins} 个截断点回测 {points} {unit}：MAE {mae}，季节性朴素预测为 {nmae}；95% 区间覆盖了 {c95} 的点。",
    },
    "rep_budget_line": {
        "en": "{channel}: {now} now, {proposed} proposed (marginal ROI {mroi_now} → {mroi_new})",
        "zh": "{channel}：当前 {now}，建议 {proposed}（边际 ROI {mroi_now} → {mroi_new}）",
    },
    "rep_method_lift": {
        "en": "Lift: each campaign's baseline is a SARIMAX counterfactual fitted on the weeks before it (trend, weekly season, festivals, control segments chosen on a holdout); intervals from simulated paths.",
        "zh": "增量：每个活动的基线是用活动前数据拟合的 SARIMAX 反事实（趋势、周季节性、节日、在留出期上选择的对照分组）；区间来自模拟路径。",
    },
    "rep_method_profit": {
        "en": "Profit bridge: incremental revenue → incremental gross profit at a {margin} margin ({source}) → minus the discount on sales that would have happened anyway → minus spend = incremental profit; ROI = incremental profit / spend.",
        "zh": "利润桥：增量收入 → 按毛利率 {margin}（{source}）计算的增量毛利 → 减去本来就会发生的销售的折扣 → 减去花费 = 增量利润；ROI = 增量利润 / 花费。",
    },
    "rep_method_checks": {
        "en": "Robustness: the estimate refitted without controls, as a local level, with another ARMA order and without logs; placebo: the same model on windows without a campaign.",
        "zh": "稳健性：去掉对照、改用局部水平模型、换 ARMA 阶数、不取对数后重新估计；安慰剂：同一模型用于没有活动的时间窗。",
    },
    "rep_method_drivers": {
        "en": "Drivers: models scored on time-ordered held-out folds against a baseline; SHAP values of the best model; OLS coefficients with 95% intervals for the findings.",
        "zh": "驱动因素：按时间顺序的留出折评估各模型并与基准比较；最佳模型的 SHAP 值；结论使用带 95% 区间的 OLS 系数。",
    },
    "rep_method_forecast": {
        "en": "Forecast: an automatic seasonal ARIMA with festivals and promotions, compared with the seasonal naive forecast on rolling-origin backtests; 80% and 95% bands.",
        "zh": "预测：带节日和促销的自动季节性 ARIMA，用滚动起点回测与季节性朴素预测比较；80% 和 95% 区间。",
    },
    "rep_method_planner": {
        "en": "Planner: response curves with carry-over and saturation per channel ({draws} bootstrap refits); the budget (today's spend rate over {days} days) split to maximise incremental profit.",
        "zh": "规划：每个渠道带滞后和饱和效应的响应曲线（{draws} 次自助法重估）；预算（按当前投放速度的 {days} 天）按增量利润最大化分配。",
    },
}
