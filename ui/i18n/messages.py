"""简体中文 for the sentences analytics writes in English: failures (by code) and file
issues (by code). English always comes from analytics itself."""

FAILURES_ZH: dict[str, str] = {
    "margin_range": "毛利率须为大于 0、不超过 1 的小数（0.4 表示 40%），而不是 {margin}。",
    "holdout_range": "留出期必须在 1 到 {most} 个周期之间。",
    "holdout_too_long": "留出 {holdout} 个周期后剩下的历史太短：该序列有 {have} 个周期，至少需要 {needed} 个；请缩短留出期。",
    "not_dimension": "“{column}”不是该数据集的维度；现有维度：{dimensions}。",
    "cannot_read": "无法读取 {path}：请检查文件是否存在。",
    "empty_file": "文件是空的：请重新导出包含表头行的表格。",
    "binary": "这不是文本表格（看起来是二进制文件）：请上传 CSV、TSV 或 XLSX 导出文件。",
    "unknown_encoding": "无法识别文件的文本编码：请另存为 UTF-8（Excel 中的“CSV UTF-8”）后重新上传。",
    "no_such_encoding": "未知的文本编码“{encoding}”：请选择其他编码。",
    "wrong_encoding": "文件不是有效的 {encoding} 编码（第 {byte} 字节）：请选择其他编码，或另存为 UTF-8。",
    "encoding_needs_confirmation": "文件不是 UTF-8、GB18030 或 UTF-16，可按 {encoding} 编码读取。"
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
    "lift_pre_too_short": "活动前只有 {have} {unit}的数据：基线至少需要 {needed} {unit}才能拟合，可靠估计需要至少 "
    "{recommended} {unit}。请上传更长的历史数据或选择更晚的活动。",
    "lift_window_outside": "窗口 {start} 至 {end} 超出了数据范围（{first} 至 {last}）：请选择数据范围内、首日之后的日期。",
    "lift_window_reversed": "窗口结束早于开始：请交换开始和结束日期。",
    "lift_unfittable": "无法在该活动前区间拟合基线模型：请尝试其他指标、更大的范围或更长的历史。",
    "lift_unstable": "基线模型在该活动前区间不稳定：请尝试其他指标或范围。",
    "campaign_table_columns": "这不是活动表：缺少 {missing} 列（活动表需要名称、开始和结束列）。",
    "campaign_table_duplicate": "活动表中 {name} 出现了两次：请为每个活动取不同的名字。",
    "campaign_table_dates": "活动表中 {name} 的开始或结束日期无法识别：请写成 2024-01-31 的格式。",
    "campaign_table_reversed": "活动表中 {name} 的结束早于开始：请交换日期。",
    "campaign_table_segment": "活动 {name} 的目标 {dimension}“{value}”在销售数据中不存在：请修正活动表的 {column} 列。",
    "lift_unknown_campaign": "活动表中没有活动 {name}；现有活动：{known}。",
    "campaign_table_unmatched": "活动表的 {column} 列中的范围在销售数据中不存在（例如“{value}”）：请使用销售数据某个维度列"
    "（{dimensions}）中的取值。",
    "series_no_column": "没有名为 {column} 的列；现有列：{known}。",
    "series_no_value": "{column} 列中没有取值“{value}”；现有取值：{known}。",
    "series_no_date": "数据没有日期列：请在列映射中选择一个。",
    "series_no_rows": "没有符合该范围的行：请检查筛选条件。",
    "lift_no_campaign": "数据中没有活动 {name}；现有活动：{known}。",
    "lift_bad_date": "“{text}”不是日期：请写成 2024-01-31 的格式。",
    "lift_no_target": "请给出活动名称，或同时给出开始和结束日期。",
    "lift_log_needs_positive": "对数尺度需要正值，而该序列含有零或负值：请使用原始尺度。",
    "lift_rows_only": "该文件没有日期列，每一行是一个周期：请用行号给出窗口（不能用活动名称或范围筛选）。",
    "lift_row_number": "该文件没有日期列：开始和结束请用 1 到 {rows} 之间的行号（1 为表头下第一行），而不是“{value}”。",
    "plan_name": "计划促销第 {row} 行：请填写促销名称。",
    "plan_dates": "计划促销第 {row} 行（{name}）：请同时填写开始和结束日期。",
    "plan_order": "计划促销第 {row} 行（{name}）：结束日期早于开始日期。",
    "plan_discount": "计划促销第 {row} 行（{name}）：折扣须在 0% 到 90% 之间。",
    "plan_outside": "计划促销第 {row} 行（{name}）不在预测期 {first} 至 {last} 内：请调整日期或延长预测期。",
    "horizon": "预测期须在 1 到 {most} 个周期之间。",
    "not_numeric": "{column} 不是数值列：请选择销售额、销量等指标。",
    "irregular_dates": "日期不是按日、按周或按月的：预测需要规则的日历。",
    "no_values": "该序列数值太少，无法预测：请选择更大的细分。",
    "too_many_series": "该拆分会得到 {count} 个序列；一次最多预测 {most} 个。",
    "lead_time_beyond": "补货提前期（{lead_time} 天）超过了预测期：请延长预测期或缩短提前期。",
    "lead_time": "补货提前期须大于 0 天。",
    "service_level": "服务水平须在 50% 到 99.9% 之间。",
    "stock_negative": "当前库存不能为负数。",
    "drivers_unknown_target": "没有可建模的数值列 {target}；数值列有：{known}（比率写作 分子/分母，例如 orders/visits）。",
    "drivers_not_numeric": "{column} 不是数值列：请选择销售额、销量或订单数等指标。",
    "drivers_same_ratio_parts": "比率 {target} 用同一列相除：请选择两个不同的列。",
    "drivers_target_as_feature": "{feature} 是目标，不能同时作为特征。",
    "drivers_unknown_feature": "没有特征 {feature}（或它在这些行中没有变化）；可用特征：{known}。",
    "drivers_no_features": "没有可用于建模的特征：请至少选择一个。",
    "drivers_too_few_rows": "只有 {rows} 行同时具有目标和全部所选特征；模型至少需要 {minimum} 行：请放宽筛选或选择缺失更少的特征。",
    "drivers_folds": "至少使用 2 折。",
    "drivers_log_nonpositive": "有 {rows} 行的 {target} 小于或等于 0，无法取对数：请关闭对数尺度。",
    "drivers_too_few_dates": "只有 {dates} 个日期有数据；按时间顺序的验证至少需要 {minimum} 个：请放宽筛选或上传更长的时间段。",
    "drivers_constant_features": "所选特征在这些行中都没有变化：请选择其他特征或放宽筛选。",
    "drivers_unknown_model": "没有模型 {model}。",
    # --- decoding ---
    "damaged_gb18030": "第 {line} 行不是有效的 GBK/GB18030 编码，与文件其他部分不同（该处有字符被截断或损坏）："
    "请修正或删除该行，或把整个文件另存为 UTF-8 后重新上传。",
    # the fenced read: limits on reading a file, and only regular files on the command line
    "read_memory_limit": "读取该文件所需的内存超过了允许的 {limit}：请导出较少的行或列（例如把一个工作表导出为 CSV，或缩短时间段）后重试。",
    "read_time_limit": "读取该文件的时间超过了允许的 {seconds} 秒：请导出较少的行或列（例如把一个工作表导出为 CSV，或缩短时间段）后重试。",
    "read_crashed": "无法读取该文件（读取程序意外停止）：请用生成它的程序重新保存，或将表格导出为 CSV 后重试。",
    "read_limit_setting": "请将 {name} 设为不小于 {minimum} 的数字（当前为“{value}”），或删除该设置以使用默认值。",
    "not_regular_file": "{path} 不是普通文件（而是文件夹、命名管道、设备或套接字）：请给出保存在磁盘上的 CSV、TSV 或 Excel 文件的路径。",
    # file formats: workbooks checked before reading, documents that are no table
    "too_many_parts": "工作簿由 {parts} 个部件组成，远多于电子表格的部件数（最多读取 {limit} 个；文件已损坏或不是由电子表格程序生成）："
    "请在 Excel 中重新保存，或将工作表导出为 CSV。",
    "part_too_large": "工作簿的部件 {part} 解压后超过 {limit} MB，超出 LiftBoard 从一个工作表读取的上限：请将工作表导出为 CSV 后上传。",
    "too_many_strings": "工作簿的共享文本表有 {count} 项，超过 LiftBoard 从一个工作表读取的 {limit} 个单元格（文件已损坏或不是由电子表格程序生成）："
    "请在 Excel 中重新保存，或将工作表导出为 CSV。",
    "cell_beyond_grid": "工作簿中有工作表的单元格延伸到 {cell}，超出了 Excel 的最后一个单元格 XFD1048576（文件已损坏或不是由电子表格程序生成）："
    "请在 Excel 中重新保存，或将表格导出为 CSV。",
    "ods_spreadsheet": "这是 OpenDocument 电子表格（.ods），LiftBoard 无法读取：请另存为 .xlsx（在 LibreOffice 或 Excel 中“另存为”），或将表格导出为 CSV。",
    "pdf_document": "这是 PDF 文档，不是表格：请从生成该 PDF 的程序中把表格导出为 CSV 或 Excel 后上传。",
    "rtf_document": "这是 RTF 富文本文档，不是表格：请把表格另存为 CSV 或 .xlsx 后上传。",
    "image_file": "这是图片（{kind}），不是表格：请上传包含这些数字的 CSV 或 Excel 文件。",
    "web_page": "这是网页（HTML），不是工作簿或表格文件：请在 Excel 中打开并另存为 .xlsx，或将表格导出为 CSV。",
    "xml_spreadsheet": "这是 Excel 2003 XML 电子表格，不是 .xlsx 工作簿：请在 Excel 中打开并另存为 .xlsx，或将表格导出为 CSV。",
    # --- recommendations ---
    "rec_no_lines": "没有可用的订单明细：每一行都是退货、取消的订单或缺少关键列。",
    "rec_unknown_column": "文件中没有“{column}”列；请选择文件中的列。",
    "rec_same_column": "订单、商品、客户和日期请各选不同的列。",
    "rec_no_order": "请选择订单列。",
    "rec_too_many_itemsets": "超过 {limit:,} 个商品组合达到这个最低支持度；请调高最低支持度。",
    "rec_bad_support": "最低支持度须大于 0 且不超过 1（占订单的比例），而不是 {value}。",
    "rec_bad_confidence": "最低置信度须在 0 到 1 之间，而不是 {value}。",
    "rec_no_dates": "日期列中没有日期。",
    "rec_cutoff_outside": "截止日期 {cutoff} 使一侧没有订单；请选择 {first} 到 {last} 之间的日期。",
    "rec_needs_customer_date": "评估推荐需要客户列和日期列，请选择。",
    "rec_no_users_to_evaluate": "截止日期之后没有客户买过新商品；请选择更早的截止日期。",
    "rec_bad_k": "推荐个数至少为 1，而不是 {value}。",
    "rec_bad_cutoff": "截止日期“{value}”不是日期；请写成 YYYY-MM-DD。",
    # --- customers ---
    "cust_no_rows": "没有一行同时有客户、日期和“{amount}”中的金额：请选择包含它们的列。",
    "cust_not_dates": "“{column}”列不是日期：请选择下单日期列。",
    "cust_not_amounts": "“{column}”列不是金额：请选择订单金额列。",
    "cust_calibration_empty": "{end} 当天或之前没有购买：请选择更晚的校准期截止日。",
    "cust_bad_date": "校准期截止日“{date}”不是日期：请写成 YYYY-MM-DD。",
    "cust_no_holdout": "校准期截止日 {end} 之后没有购买：请选择更早的日期。",
    "cust_fit_failed": "{model} 模型无法拟合这些购买记录：请检查金额和日期是否正确，或使用更长的记录。",
    "cust_too_few_repeaters": "计算客户终身价值至少需要 {min_customers} 位客户，其中 {min_repeaters} 位在另一天再次购买；"
    "这份记录有 {customers} 位客户，{repeaters} 位回购。",
    "cust_too_few_spenders": "估计每次购买金额至少需要 {min_repeaters} 位回购金额为正的客户；这份记录只有 {repeaters} 位。",
    "cust_bad_horizon": "终身价值的时间范围须在 1 到 520 周之间。",
    "cust_bad_discount_rate": "年折现率须不小于 0%、小于 100%。",
    "cust_no_features": "除目标列外没有特征列：请添加客户属性。",
    "cust_target_not_binary": "目标列“{column}”必须只包含 0 和 1（1 = 有响应或已购买）：请选择这样的列。",
    "cust_too_many_levels": "“{column}”列有 {levels} 个不同取值，特征最多只能有 {most} 个：请不要选它。",
    "cust_log_too_short": "预测下一周期的购买者需要至少 4 周的订单记录。",
    "cust_bad_threshold": "阈值必须在 0 和 1 之间（不含 0 和 1）。",
    "cust_bad_folds": "折数请选 2 到 20 之间。",
    "cust_too_few_outcomes": "“{target}”有 {positives} 个正例、{negatives} 个负例：用交叉验证评估模型，每类至少需要 {needed} 个。",
}

ISSUES_ZH: dict[str, str] = {
    "ragged_rows": "{count} 行的字段数与表头不一致（第 {rows} 行）：已跳过；请在文件中修正后重新上传。",
    "empty_header": "第 {index} 列没有列名，暂称为“{column}”：请在文件中为其命名。",
    "empty_column": "第 {index} 列既无列名也无数据，已忽略。",
    "title_rows": "第 {rows} 行（“{title}”）是表格上方的标题，已跳过：列名取自第 {header_row} 行。",
    "duplicate_header": "第 {index} 列的列名重复，已重命名为“{column}”：请为每列取不同的名字。",
    "no_rows": "文件只有表头，没有数据行：请重新导出包含数据的文件。",
    "single_row": "文件只有一行数据：分析需要按天或按周的多行数据，请导出完整时间段。",
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
    # Values: two-digit years, numbers too large to hold, invisible and look-alike column names.
    "two_digit_year": "“{column}”中有 {count} 个日期的年份只写了两位（第 {rows} 行，例如“{example}”读作 {read_as}）："
    "世纪按 Excel 的规则确定（{rule}）；如有误，请把年份写成四位。",
    "number_too_large": "“{column}”中有 {count} 个值过大，无法精确保存（第 {rows} 行，例如“{example}”）："
    "从 9,007,199,254,740,992（2^53）起数字会丢失位数，相加还会溢出；请修正；如果该列是编码或编号，"
    "请将其角色设为“维度”或“忽略”。修正前按缺失处理。",
    "invisible_header_characters": "第 {index} 列的列名含有不可见字符（{characters}），已删除，读作“{name}”："
    "请在文件中删除这些字符。",
    "lookalike_header": "第 {index} 列的列名“{name}”与“{original}”看起来相同（全角字母或其他形近字符），"
    "已重命名为“{column}”：请为每列取不同的名字。",
    # --- decoding ---
    "damaged_bom": "文件开头的字节 {bytes} 是损坏的字节顺序标记（BOM），已忽略，其余内容按 UTF-8 读取："
    "请检查第一列的列名，并将文件重新另存为 UTF-8 以去掉这些字节。",
    "latin_read_as_chinese": "这个 GB18030（GBK）文件第 {lines} 行的“{shown}”按 UTF-8 应为“{utf8}”"
    "（从 UTF-8 文件粘贴而来）：请重新输入，或把整个文件另存为 UTF-8 后重新上传。",
    # --- header ---
    "header_is_data": "第 {row} 行是数值而不是列名（{values}）：已作为数据读取，各列暂称为 {first} 至 {last}；"
    "请在文件中该行上方加一行列名。",
}
