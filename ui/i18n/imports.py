"""Strings of the Data page's "Add a newer export": preview, confirm, import history, undo."""

STRINGS: dict[str, dict[str, str]] = {
    "append_header": {"en": "Add a newer export", "zh": "追加更新的导出文件"},
    "append_help": {
        "en": "Upload a newer export with the same columns: rows merge on {columns}. A row whose key is already stored takes the file's values; a key repeated in the file keeps its last row. You see what changes before anything is stored.",
        "zh": "上传列相同的更新导出文件：按 {columns} 合并行。已存储的键取文件中的值；文件中重复的键保留最后一行。存储前会先显示将发生的变化。",
    },
    "append_label": {"en": "Newer export of this dataset", "zh": "该数据集更新的导出文件"},
    "append_added": {"en": "Rows added", "zh": "新增行"},
    "append_changed": {"en": "Rows changed", "zh": "变更行"},
    "append_unchanged": {"en": "Rows unchanged", "zh": "未变行"},
    "append_duplicates": {"en": "Repeats in the file", "zh": "文件内重复"},
    "append_duplicates_note": {
        "en": "{n} rows of the file repeat the key of a later row: the last row of each key is kept.",
        "zh": "文件中有 {n} 行与后面某行的键相同：每个键保留最后一行。",
    },
    "append_added_examples": {"en": "Examples of rows added", "zh": "新增行示例"},
    "append_changed_examples": {"en": "Examples of rows changed", "zh": "变更行示例"},
    "append_before": {"en": "{column} (before)", "zh": "{column}（之前）"},
    "append_nothing_new": {
        "en": "The file holds nothing new: confirming records the import without a new version.",
        "zh": "文件中没有新内容：确认后只记录这次导入，不产生新版本。",
    },
    "append_confirm": {"en": "Append to the dataset", "zh": "追加到数据集"},
    "append_already": {
        "en": "{name} is already imported into this dataset: nothing to add.",
        "zh": "{name} 已导入过该数据集：没有可追加的内容。",
    },
    "append_done": {
        "en": "Appended {name}: {added} rows added, {changed} changed. Every page now uses the new version.",
        "zh": "已追加 {name}：新增 {added} 行，变更 {changed} 行。各页面现在使用新版本。",
    },
    "append_undone": {
        "en": "Undid the import of {name}: the dataset is back to its previous version.",
        "zh": "已撤销 {name} 的导入：数据集已恢复到之前的版本。",
    },
    "append_history": {"en": "Imports", "zh": "导入记录"},
    "append_no_history": {"en": "No newer export added yet.", "zh": "尚未追加过更新的导出文件。"},
    "append_col_time": {"en": "Imported", "zh": "导入时间"},
    "append_col_user": {"en": "By", "zh": "操作人"},
    "append_col_status": {"en": "Status", "zh": "状态"},
    "append_status_kept": {"en": "In the data", "zh": "已生效"},
    "append_status_undone": {"en": "Undone", "zh": "已撤销"},
    "append_user_local": {"en": "this computer", "zh": "本机"},
    "append_undo": {"en": "Undo the latest import ({name})", "zh": "撤销最近一次导入（{name}）"},
    "audit_header": {
        "en": "Audit log: who changed the workspace",
        "zh": "操作记录：谁修改了工作区",
    },
    "audit_caption": {
        "en": "Every save, append, refresh, undo, rename, delete and mapping change, newest "
        "first. Entries cannot be edited or removed.",
        "zh": "每次保存、追加、定时刷新、撤销、重命名、删除和列设置的修改，最新的在前。记录无法修改或删除。",
    },
    "audit_empty": {"en": "Nothing recorded yet.", "zh": "尚无记录。"},
    "audit_col_time": {"en": "Time (UTC)", "zh": "时间（UTC）"},
    "audit_col_role": {"en": "Role", "zh": "角色"},
    "audit_col_action": {"en": "Action", "zh": "操作"},
    "audit_col_team": {"en": "Team", "zh": "团队"},
    "audit_col_batch": {"en": "Import batch", "zh": "导入批次"},
    "audit_role_admin": {"en": "Administrator", "zh": "管理员"},
    "audit_team_local": {"en": "Local", "zh": "本地"},
    "audit_action_save": {"en": "Saved", "zh": "保存"},
    "audit_action_replace": {"en": "Replaced", "zh": "替换"},
    "audit_action_rename": {"en": "Renamed", "zh": "重命名"},
    "audit_action_delete": {"en": "Deleted", "zh": "删除"},
    "audit_action_presentation": {"en": "Column names or currency set", "zh": "设置列名或货币"},
    "audit_action_append": {"en": "Appended", "zh": "追加"},
    "audit_action_undo": {"en": "Import undone", "zh": "撤销导入"},
    "audit_action_refresh": {"en": "Scheduled refresh", "zh": "定时刷新"},
    "audit_action_create_key": {"en": "Id key created", "zh": "生成标识密钥"},
    "alerts_checking": {"en": "Checking the latest import…", "zh": "正在检查最近一次导入…"},
    "alert_outcome_outside_band": {
        "en": "Latest import: {metric} on {date} was {actual}, outside the 95% forecast band "
        "({band}) made from the periods before it ({periods} of {checked} new periods outside). "
        "Check the export, or what happened that week.",
        "zh": "最近一次导入：{metric}在 {date} 为 {actual}，超出由此前各期预测的 95% 区间（{band}）"
        "（{checked} 个新周期中有 {periods} 个超出）。请核对导出文件，或当期发生了什么。",
    },
    "alert_stock_below_lead_time": {
        "en": "Latest import: {column} of {stock} on {date} lasts about {days} days at the "
        "forecast demand, less than the {lead}-day lead time. Reorder now.",
        "zh": "最近一次导入：{date} 的{column}为 {stock}，按预测需求约可维持 {days} 天，"
        "少于 {lead} 天的补货周期。请立即补货。",
    },
    "alert_spend_above_plan": {
        "en": "Latest import: spend from {start} to {end} was {actual}, {over} above the "
        "{planned} planned for those dates.",
        "zh": "最近一次导入：{start} 至 {end} 的花费为 {actual}，比这些日期计划的 {planned} "
        "高出 {over}。",
    },
}
