"""Strings of the Forecast page, in English and 简体中文."""

STRINGS: dict[str, dict[str, str]] = {
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
    "fc_progress_global": {
        "en": "Fitting the model across all series: fit {done} of {total}…",
        "zh": "正在拟合跨序列的全局模型：第 {done}/{total} 次…",
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
    "fc_note_band_widened": {
        "en": "In the backtests the 95% band held only {before} of the points, so both bands "
        "are widened {factor}×: the 95% quantile of the backtests' absolute errors over the "
        "band's median half-width (the widened band holds {after} of those points).",
        "zh": "回测中 95% 区间只覆盖了 {before} 的数据点，因此两个区间都放宽了 {factor} 倍："
        "即回测绝对误差的 95% 分位数除以区间半宽的中位数（放宽后的区间覆盖这些点的 {after}）。",
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
    "fc_stock_needs_units": {
        "en": "Stock cover needs a metric counted in units (units, quantity, 销量, 件数): a safety "
        "stock in {metric} would be an amount of money, not stock. Choose a units metric under "
        "Metric above, or map one on the Data page.",
        "zh": "库存覆盖需要以件数计的指标（units、quantity、销量、件数）：按 {metric} 计算的安全库存"
        "是金额而不是库存。请在上方“指标”中选择一个件数指标，或在“数据管理”页映射一个。",
    },
    "fc_stock_in_units": {
        "en": "Stock is counted in units, so the cover below is planned on the forecast of "
        "{units} (the chart above shows {metric}).",
        "zh": "库存以件数计，因此下方的库存覆盖基于 {units} 的预测（上方图表显示的是 {metric}）。",
    },
    "fc_family_arima": {"en": "ARIMA", "zh": "ARIMA"},
    "fc_family_ets": {"en": "Exponential smoothing (ETS)", "zh": "指数平滑（ETS）"},
    "fc_family_theta": {"en": "Theta method", "zh": "Theta 方法"},
    "fc_family_seasonal_naive": {"en": "Seasonal naive", "zh": "季节性朴素"},
    "fc_family_combination": {"en": "Combination", "zh": "组合"},
    "fc_family_global": {"en": "Global model across series", "zh": "跨序列全局模型"},
    "fc_choice_header": {"en": "Which model, and why", "zh": "选用哪个模型，为什么"},
    "fc_choice_won": {
        "en": "**{model}** ({label}) forecasts here: its backtest MASE {mase} is the lowest of "
        "the {count} candidates (next: {runner}, {runner_mase}).",
        "zh": "此处使用 **{model}**（{label}）：它的回测 MASE 为 {mase}，是 {count} 个候选中最低的"
        "（其次：{runner}，{runner_mase}）。",
    },
    "fc_choice_combination": {
        "en": "The forecast is the mean of {label}: averaged, their backtest MASE is {mase}, "
        "lower than any of them alone (best single: {runner}, {runner_mase}).",
        "zh": "预测取 {label} 的平均：平均后回测 MASE 为 {mase}，低于任何单个模型"
        "（最好的单个模型：{runner}，{runner_mase}）。",
    },
    "fc_choice_only": {
        "en": "No candidate could be backtested at this horizon: the ARIMA forecasts.",
        "zh": "在该预测期上没有候选模型能回测：使用 ARIMA 预测。",
    },
    "fc_mase_explained": {
        "en": "MASE: the mean absolute backtest error divided by that of the seasonal naive "
        "forecast (repeat last week or last year) on the history; below 1 beats it.",
        "zh": "MASE：回测平均绝对误差除以季节性朴素预测（重复上周或去年）在历史上的平均绝对误差；"
        "小于 1 即优于它。",
    },
    "fc_col_family": {"en": "Candidate", "zh": "候选模型"},
    "fc_col_fitted": {"en": "Fitted model", "zh": "拟合的模型"},
    "fc_col_backtest_mase": {"en": "Backtest MASE", "zh": "回测 MASE"},
    "fc_col_chosen": {"en": "Chosen", "zh": "选用"},
    "fc_calibration": {
        "en": "The bands are calibrated on the backtest errors ({points} points): on each "
        "cut-off, calibrated on the others only, the 80% band held {c80} of the points and the "
        "95% band {c95}; the 95% band is on average {width} of the metric wide.",
        "zh": "区间按回测误差校准（{points} 个数据点）：每个截止点只用其他截止点校准时，80% 区间覆盖了 "
        "{c80} 的数据点，95% 区间覆盖了 {c95}；95% 区间的平均宽度为指标的 {width}。",
    },
    "fc_regressors": {"en": "Known in advance", "zh": "预先已知的变量"},
    "fc_regressors_help": {
        "en": "Columns whose future values are known: prices (their effect is an elasticity), "
        "discounts, promotion and other flags. Rows dated after the last outcome (outcome left "
        "empty) give their values for the forecast periods.",
        "zh": "未来取值已知的列：价格（其效应为弹性）、折扣、促销及其他标记。日期在最后一个结果之后"
        "（结果留空）的行提供预测期的取值。",
    },
    "fc_kind_price": {"en": "price (log)", "zh": "价格（对数）"},
    "fc_kind_flag": {"en": "flag", "zh": "标记"},
    "fc_regressor_price": {"en": "price", "zh": "价格"},
    "fc_elasticity": {
        "en": "Price elasticity {value} (± {se}): a 1% higher price moves {metric} by {value}%.",
        "zh": "价格弹性 {value}（± {se}）：价格上涨 1%，{metric} 变化 {value}%。",
    },
    "fc_elasticity_not_used": {
        "en": "The price elasticity is the ARIMA's; the chosen model does not use the price.",
        "zh": "价格弹性来自 ARIMA 模型；所选模型未使用价格。",
    },
    "fc_legend_fitted_by": {"en": "Model fit ({family})", "zh": "模型拟合（{family}）"},
    "fc_order_header": {"en": "How much to order now", "zh": "现在该订多少货"},
    "fc_order_needs_units": {
        "en": "The order plan needs a metric counted in units (units, quantity, 销量, 件数): an "
        "order of {metric} would be an amount of money, not stock. Map a units column on the "
        "Data page.",
        "zh": "订货计划需要以件数计的指标（销量、件数、数量）：按 {metric} 计算的订货量是金额而不是库存。"
        "请在“数据管理”页映射一个件数列。",
    },
    "fc_order_in_units": {
        "en": "The order is planned on the forecast of {units}, a count of units.",
        "zh": "订货量基于 {units}（件数）的预测。",
    },
    "fc_order_review": {"en": "Review period (days)", "zh": "盘点周期（天）"},
    "fc_order_price": {"en": "Price per unit", "zh": "单价"},
    "fc_order_cost": {"en": "Unit cost", "zh": "单位成本"},
    "fc_order_salvage": {"en": "Salvage value per unit", "zh": "每件残值"},
    "fc_order_on_order": {"en": "Stock on order (not yet arrived)", "zh": "在途库存（尚未到货）"},
    "fc_order_needs_price": {
        "en": "Enter the price and the unit cost to see how much to order: the file has no "
        "price column.",
        "zh": "请输入单价和单位成本以计算订货量：文件中没有价格列。",
    },
    "fc_order_settings": {
        "en": "Lead time {lead} days, review period {review} days; price {price}, unit cost "
        "{cost}, salvage value {salvage}.",
        "zh": "补货提前期 {lead} 天，盘点周期 {review} 天；单价 {price}，单位成本 {cost}，残值 {salvage}。",
    },
    "fc_order_quantity": {"en": "Order now", "zh": "现在订货"},
    "fc_order_up_to": {"en": "Order up to", "zh": "目标库存"},
    "fc_order_stockout": {"en": "Stock-out probability", "zh": "断货概率"},
    "fc_order_leftover": {"en": "Expected leftover", "zh": "预计剩余"},
    "fc_order_sentence": {
        "en": "Order **{quantity}** units now. Over the next {days} days (lead time plus review "
        "period) demand is expected to be {mean}; bringing the stock ({stock} on hand and on "
        "order) up to {up_to} covers it {ratio} of the time. The chance of running out before "
        "the next delivery is {risk}; about {leftover} units are expected to be left over.",
        "zh": "现在订货 **{quantity}** 件。未来 {days} 天（补货提前期加盘点周期）的预计需求为 {mean}；"
        "把库存（现有加在途 {stock}）补到 {up_to}，有 {ratio} 的把握满足需求。下次到货前断货的概率为 "
        "{risk}；预计剩余约 {leftover} 件。",
    },
    "fc_order_sentence_none": {
        "en": "No order needed now: the stock ({stock} on hand and on order) is above the "
        "order-up-to level of {up_to} for the next {days} days (expected demand {mean}). The "
        "chance of running out is {risk}; about {leftover} units are expected to be left over.",
        "zh": "现在无需订货：库存（现有加在途 {stock}）已高于未来 {days} 天的目标库存 {up_to}"
        "（预计需求 {mean}）。断货概率为 {risk}；预计剩余约 {leftover} 件。",
    },
    "fc_order_method": {
        "en": "Critical ratio = (price − unit cost) / (price − salvage value) = {ratio}: the "
        "order-up-to level is that quantile of demand over the lead time plus the review "
        "period. Its spread ({sd}) is calibrated on the backtest's errors of demand summed over "
        "that many days ({windows} windows from {origins} cut-offs): {factor} times the daily "
        "bands summed as if independent ({independent}).",
        "zh": "临界比 =（单价 − 单位成本）/（单价 − 残值）= {ratio}：目标库存取补货提前期加盘点周期内需求的"
        "这一分位数。需求的标准差（{sd}）按回测中同样天数累计需求的误差校准（来自 {origins} 个截点的 "
        "{windows} 个窗口）：是各日区间按相互独立相加所得（{independent}）的 {factor} 倍。",
    },
    "fc_order_density": {"en": "Demand over the period", "zh": "期间需求"},
    "fc_order_up_to_line": {"en": "Order up to {value}", "zh": "目标库存 {value}"},
    "fc_order_stockout_area": {"en": "Stock-out ({risk})", "zh": "断货（{risk}）"},
    "fc_order_axis": {
        "en": "Units demanded over the next {days} days",
        "zh": "未来 {days} 天的需求件数",
    },
    "fc_order_many_sentence": {
        "en": "Order **{quantity}** units in all across {series} series, each up to the "
        "{ratio} quantile of its demand.",
        "zh": "共需订货 **{quantity}** 件，覆盖 {series} 个序列，每个序列补到其需求的 {ratio} 分位数。",
    },
    "fc_order_many_help": {
        "en": "Stock on hand comes from the stock cover table above; the lead time too.",
        "zh": "现有库存取自上方库存覆盖表，补货提前期也相同。",
    },
    "fc_download_order": {"en": "Download the order plan (CSV)", "zh": "下载订货计划（CSV）"},
    "fc_col_cover_demand": {"en": "Expected demand", "zh": "预计需求"},
    "fc_col_on_hand": {"en": "Stock on hand", "zh": "现有库存"},
    "fc_order_stock_line": {"en": "Stock held {value}", "zh": "现有库存 {value}"},
    "fc_gbm_header": {
        "en": "The gradient-boosting model across the series (GBM)",
        "zh": "跨序列的梯度提升模型（GBM）",
    },
    "fc_gbm_what": {
        "en": "One gradient-boosting model (LightGBM) "
        "learns from all {series} series at once, each scaled by its recent level and told apart "
        "by a series code. It forecasts every period of the horizon directly, from values at "
        "least {horizon} {unit} back, and was fitted {fits} times: once per backtest cut-off "
        "and once on the whole history. What it learns from:",
        "zh": "一个梯度提升模型（GBM）同时从全部 "
        "{series} 个序列中学习：每个序列按其近期水平缩放，并以序列编号区分。它直接预测预测期内的"
        "每一期，只用至少 {horizon} {unit}之前的数值；共拟合 {fits} 次：每个回测截点一次，"
        "全部历史一次。它使用的特征：",
    },
    "fc_gbm_lags": {
        "en": "Lags: the values {lags} {unit} back",
        "zh": "滞后值：{lags} {unit}之前的数值",
    },
    "fc_gbm_season": {
        "en": "The value {lag} {unit} back, at the same point of the season",
        "zh": "{lag} {unit}之前、处于季节中同一位置的数值",
    },
    "fc_gbm_means": {
        "en": "Rolling means over {windows} {unit}, ending {horizon} {unit} back",
        "zh": "截至 {horizon} {unit}之前的 {windows} {unit}滚动均值",
    },
    "fc_gbm_calendar": {"en": "Calendar: {fields}", "zh": "日历：{fields}"},
    "fc_gbm_cal_weekday": {"en": "day of the week", "zh": "星期几"},
    "fc_gbm_cal_week": {"en": "week of the year", "zh": "一年中的第几周"},
    "fc_gbm_cal_month": {"en": "month", "zh": "月份"},
    "fc_gbm_known": {
        "en": "Known in advance, for the forecast periods too: {names}",
        "zh": "预先已知、预测期也有的变量：{names}",
    },
    "fc_gbm_known_none": {
        "en": "No festival, price or promotion columns: only the series' past and the calendar",
        "zh": "没有节日、价格或促销列：只用序列的历史和日历",
    },
    "fc_gbm_won": {
        "en": "Why it forecasts this series: its backtest MASE {mase} is lower than that of "
        "the best model of this series alone ({best}, {best_mase}). Pooled, it learns the "
        "season and the effect of promotions and prices from the other series too.",
        "zh": "为什么此序列由它预测：它的回测 MASE 为 {mase}，低于仅用此序列的最佳模型"
        "（{best}，{best_mase}）。合并学习时，它也从其他序列中学到季节以及促销和价格的影响。",
    },
    "fc_gbm_member": {
        "en": "Why it is in the combination: its backtest MASE {mase} is among the best (the "
        "best model of this series alone: {best}, {best_mase}), and the mean of the two or "
        "three best backtests better than any of them alone.",
        "zh": "为什么它进入组合：它的回测 MASE 为 {mase}，位列最佳之中（仅用此序列的最佳模型："
        "{best}，{best_mase}），而最佳两三个模型的平均回测优于其中任何一个。",
    },
    "fc_gbm_lost": {
        "en": "Why it does not forecast this series: its backtest MASE {mase} is higher than "
        "{best_mase} for {best}, the model of this series alone. With {points} {unit} of its "
        "own history, this series' own level, season and response to price are fitted better "
        "by its own model than by one model shared across the series.",
        "zh": "为什么此序列不由它预测：它的回测 MASE 为 {mase}，高于仅用此序列的模型 {best} 的 "
        "{best_mase}。此序列自身有 {points} {unit}的历史，其水平、季节和对价格的反应由它自己的"
        "模型拟合得比跨序列共用的模型更好。",
    },
    "fc_gbm_presenter": {
        "en": "Forecast with one gradient-boosting model learned across {series} series: "
        "backtest MASE {mase}, against {best_mase} for the best model of this series alone.",
        "zh": "预测使用跨 {series} 个序列学习的梯度提升模型：回测 MASE 为 {mase}，"
        "仅用此序列的最佳模型为 {best_mase}。",
    },
    "fc_gbm_outdone": {
        "en": "Why it does not forecast this series: its backtest MASE {mase} beats the best "
        "model of this series alone ({best}, {best_mase}), but the combination chosen "
        "backtests better still.",
        "zh": "为什么此序列不由它预测：它的回测 MASE 为 {mase}，优于仅用此序列的最佳模型"
        "（{best}，{best_mase}），但选用的组合回测更好。",
    },
}
