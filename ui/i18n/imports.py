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
}
