"""Strings of the Drivers page, in English and 简体中文."""

STRINGS: dict[str, dict[str, str]] = {
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
    "drv_leak_funnel_stage": {
        "en": "⚠ {feature} is another stage of the same sales funnel as {other} (visits, orders, units, revenue): the same levers move both, so it restates the target rather than driving it; left out by default.",
        "zh": "⚠ {feature} 与 {other} 属于同一销售漏斗的不同环节（访问、订单、件数、收入）：两者由相同的因素推动，它只是在复述目标而非驱动目标，默认排除。",
    },
    "drv_model_baseline_training_mean": {
        "en": "Naive baseline (mean of the training folds)",
        "zh": "朴素基线（训练折的平均值）",
    },
    "drv_baseline_training_mean": {"en": "the mean of the training folds", "zh": "训练折的平均值"},
    "drv_fitting_shuffled": {
        "en": "Fitting {model} on shuffled folds ({done}/{total})…",
        "zh": "正在随机打乱的折上拟合{model}（{done}/{total}）…",
    },
    "drv_validation_shuffled": {
        "en": "This table has no dates, so its rows are used as they are: each model is scored on {folds} shuffled folds (rows dealt to the folds at random with the fixed seed {seed}, so every run gives the same folds), against a naive baseline that predicts the mean of the training folds.",
        "zh": "该表没有日期，因此按原样使用各行：每个模型在 {folds} 个随机打乱的折上评分（各行按固定随机种子 {seed} 分配到各折，每次运行的折都相同），并与预测训练折平均值的朴素基线比较。",
    },
    "drv_find_beats_baseline_rows": {
        "en": "{model} predicts held-out rows best: its typical error (MAE) is {mae}, against {baseline_mae} for the naive baseline ({baseline}), {gain} smaller.",
        "zh": "{model}对留出行的预测最好：典型误差（MAE）为 {mae}，朴素基线（{baseline}）为 {baseline_mae}，低 {gain}。",
    },
    "drv_find_no_better_than_baseline_rows": {
        "en": "No model beats the naive baseline ({baseline}) on held-out rows: the best, {model}, errs by {mae} (MAE) against the baseline's {baseline_mae}. These features do not explain {target} better than the baseline does, so there is nothing reliable to explain.",
        "zh": "在留出行上没有模型优于朴素基线（{baseline}）：最好的{model}误差（MAE）为 {mae}，基线为 {baseline_mae}。这些特征对 {target} 的解释并不比基线更好，因此没有可靠的结论可以解释。",
    },
    "drv_ols_hc1_rows": {
        "en": "OLS on all rows ({scale}), R² {r2}. 95% intervals robust to unequal variance (the rows have no dates, so there are no periods to cluster by). Reference levels: {references}.",
        "zh": "基于全部行的 OLS（{scale}），R² {r2}。95% 区间对异方差稳健（各行没有日期，无法按期聚类）。参照水平：{references}。",
    },
    "drv_row_number": {"en": "Row (its number in the table)", "zh": "行（表中的行号）"},
    "drv_row_number_missing": {
        "en": "Row {number} is not among the modelled rows (filtered out, or missing the target or a feature); showing the row the model predicts highest.",
        "zh": "第 {number} 行不在建模的行中（已被筛选掉，或缺少目标或某个特征）；改为显示模型预测最高的一行。",
    },
    "drv_row_numbered": {"en": "row {number}", "zh": "第 {number} 行"},
    "drv_intro_rows": {
        "en": "Models of what moves the target from row to row (this table has no dates), compared on held-out rows against a naive baseline; the best one is explained with SHAP.",
        "zh": "用模型分析各行之间是什么推动了目标指标（该表没有日期），并在留出行上与朴素基线比较；最佳模型用 SHAP 解释。",
    },
    "drv_no_model_means": {
        "en": "What this means: with these features and this much history, knowing the features does not predict {target} on unseen periods better than a plain average does. Any effect read from these models would be noise. What to try:",
        "zh": "这意味着：在现有特征和历史长度下，知道这些特征并不能比简单平均更好地预测未见期的 {target}，从这些模型读出的任何效应都可能只是噪声。可以尝试：",
    },
    "drv_try_history": {
        "en": "More history: the models learned from {n} rows; a longer period (upload it on the Data page) gives them more to learn from.",
        "zh": "更长的历史：模型只从 {n} 行中学习；在“数据管理”页上传更长的时间段，可让模型学到更多。",
    },
    "drv_try_features": {
        "en": "Other features: add or swap them under **{control}** above (spend per channel, discount, festivals, price).",
        "zh": "换用其他特征：在上方 **{control}** 中增加或替换（分渠道花费、折扣、节日、价格）。",
    },
    "drv_try_log": {
        "en": "A log target: switch on **{control}** above; effects that scale sales by a percentage fit better on the log.",
        "zh": "对数目标：打开上方的 **{control}**；按百分比放大销售的效应在对数尺度上拟合更好。",
    },
    "drv_try_log_off": {
        "en": "The target on its own scale: switch off **{control}** above; additive effects fit better without the log.",
        "zh": "原尺度目标：关闭上方的 **{control}**；相加的效应不取对数拟合更好。",
    },
    "drv_try_level": {
        "en": "Another level: model a rate with **{control}** above (e.g. revenue per visit), or upload the data aggregated another way (weekly, per region) on the Data page.",
        "zh": "换一个层级：用上方的 **{control}** 建模比率（如每次访问的收入），或在“数据管理”页上传按其他方式汇总的数据（按周、按地区）。",
    },
    "drv_try_presenter": {
        "en": "The controls are hidden in presenter mode: leave it to try these.",
        "zh": "演示模式下控件已隐藏：退出演示模式即可尝试。",
    },
    "drv_try_data_page": {"en": "Open the Data page", "zh": "打开“数据管理”页"},
    "drv_more_findings": {
        "en": "More findings ({count}): the other levers and what the numbers rest on",
        "zh": "更多结论（{count} 条）：其他杠杆及数字的依据",
    },
    # Derived features as shown (ui/drivers/labels.py); English keeps the analytics names.
    "drv_feature_weekday": {"en": "weekday", "zh": "星期"},
    "drv_feature_month": {"en": "month", "zh": "月份"},
    "drv_feature_trend": {"en": "trend", "zh": "趋势"},
    "drv_feature_active": {"en": "{campaign}_active", "zh": "{campaign}（活动进行中）"},
    "drv_feature_lag": {"en": "{column}_lag1", "zh": "{column}（上一期）"},
    "drv_level_other": {"en": "other", "zh": "其他"},
    "drv_level_none": {"en": "(none)", "zh": "（无）"},
    "drv_weekday_Mon": {"en": "Mon", "zh": "周一"},
    "drv_weekday_Tue": {"en": "Tue", "zh": "周二"},
    "drv_weekday_Wed": {"en": "Wed", "zh": "周三"},
    "drv_weekday_Thu": {"en": "Thu", "zh": "周四"},
    "drv_weekday_Fri": {"en": "Fri", "zh": "周五"},
    "drv_weekday_Sat": {"en": "Sat", "zh": "周六"},
    "drv_weekday_Sun": {"en": "Sun", "zh": "周日"},
    "drv_month_Jan": {"en": "Jan", "zh": "1月"},
    "drv_month_Feb": {"en": "Feb", "zh": "2月"},
    "drv_month_Mar": {"en": "Mar", "zh": "3月"},
    "drv_month_Apr": {"en": "Apr", "zh": "4月"},
    "drv_month_May": {"en": "May", "zh": "5月"},
    "drv_month_Jun": {"en": "Jun", "zh": "6月"},
    "drv_month_Jul": {"en": "Jul", "zh": "7月"},
    "drv_month_Aug": {"en": "Aug", "zh": "8月"},
    "drv_month_Sep": {"en": "Sep", "zh": "9月"},
    "drv_month_Oct": {"en": "Oct", "zh": "10月"},
    "drv_month_Nov": {"en": "Nov", "zh": "11月"},
    "drv_month_Dec": {"en": "Dec", "zh": "12月"},
}
