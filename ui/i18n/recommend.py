"""Strings of the Recommendations page, in English and 简体中文."""

STRINGS: dict[str, dict[str, str]] = {
    "page_recommend": {"en": "Recommendations", "zh": "商品推荐"},
    "rec_title": {
        "en": "What sells together, and what each customer should be offered next",
        "zh": "哪些商品一起卖，每位客户下一步该推荐什么",
    },
    "rec_wrong_kind": {
        "en": "Recommendations need an order-line log: one row per product bought, with an item "
        "(product, SKU) column and an order or customer column. This dataset has no such "
        "columns: upload an order export on the Data page, or set the roles there.",
        "zh": "商品推荐需要订单明细：每行是一件购买的商品，包含商品（SKU）列，以及订单列或客户列。"
        "该数据集没有这些列：请在“数据管理”页上传订单导出文件，或在那里设置列角色。",
    },
    "needs_recommend": {
        "en": "recommendations need a log of orders with their items",
        "zh": "商品推荐需要包含商品的订单记录",
    },
    "next_recommend": {
        "en": "Open Recommendations to see what sells together and what to offer each customer.",
        "zh": "打开“商品推荐”查看哪些商品一起卖、每位客户该推荐什么。",
    },
    "rec_columns": {"en": "Columns", "zh": "列"},
    "rec_col_order": {"en": "Order", "zh": "订单"},
    "rec_col_item": {"en": "Item", "zh": "商品"},
    "rec_col_customer": {"en": "Customer", "zh": "客户"},
    "rec_col_date": {"en": "Date", "zh": "日期"},
    "rec_col_quantity": {"en": "Quantity (returns are negative)", "zh": "数量（退货为负数）"},
    "rec_none": {"en": "(none)", "zh": "（无）"},
    "rec_tab_basket": {"en": "Bought together", "zh": "一起购买"},
    "rec_tab_next": {"en": "Next items per customer", "zh": "客户的下一件商品"},
    # --- bought together ---
    "rec_min_support": {"en": "Minimum support (% of orders)", "zh": "最低支持度（占订单 %）"},
    "rec_min_support_help": {
        "en": "A combination counts when it is in at least this share of all orders.",
        "zh": "商品组合至少出现在这个比例的订单中才计入。",
    },
    "rec_min_confidence": {"en": "Minimum confidence (%)", "zh": "最低置信度（%）"},
    "rec_min_confidence_help": {
        "en": "Of the orders holding the first items, the share that also hold the others.",
        "zh": "包含前项商品的订单中，同时包含后项商品的比例。",
    },
    "rec_needs_order": {
        "en": "Choose the order column to see what sells together.",
        "zh": "请选择订单列，以查看哪些商品一起卖。",
    },
    "rec_kpi_orders": {"en": "Orders", "zh": "订单数"},
    "rec_kpi_items": {"en": "Items", "zh": "商品数"},
    "rec_kpi_rules": {"en": "Rules", "zh": "规则数"},
    "rec_left_out": {"en": "Left out: {parts}.", "zh": "已排除：{parts}。"},
    "rec_left_out_returns": {
        "en": "{count} returns (negative quantity)",
        "zh": "{count} 行退货（数量为负）",
    },
    "rec_left_out_cancelled": {
        "en": "{count} lines of cancelled invoices (numbers starting with C)",
        "zh": "{count} 行已取消的订单（编号以 C 开头）",
    },
    "rec_left_out_no_customer": {
        "en": "{count} lines without a customer",
        "zh": "{count} 行没有客户",
    },
    "rec_left_out_no_item": {"en": "{count} lines without an item", "zh": "{count} 行没有商品"},
    "rec_left_out_no_date": {"en": "{count} lines without a date", "zh": "{count} 行没有日期"},
    "rec_list_separator": {"en": ", ", "zh": "，"},
    "rec_no_rules": {
        "en": "No combination passes these thresholds: lower the minimum support or confidence.",
        "zh": "没有商品组合达到这些阈值：请降低最低支持度或置信度。",
    },
    "rec_bundles": {"en": "Bundle suggestions", "zh": "组合销售建议"},
    "rec_bundle_line": {
        "en": "**{first} + {second}**: together in {orders} orders, {lift:.1f}× as often as by "
        "chance.",
        "zh": "**{first} + {second}**：共同出现在 {orders} 个订单中，是随机情况下的 {lift:.1f} 倍。",
    },
    "rec_rules_header": {"en": "Rules, strongest lift first", "zh": "关联规则（按提升度从高到低）"},
    "rec_rule_if": {"en": "Customers who buy", "zh": "购买了"},
    "rec_rule_then": {"en": "also buy", "zh": "也会购买"},
    "rec_support": {"en": "Support", "zh": "支持度"},
    "rec_confidence": {"en": "Confidence", "zh": "置信度"},
    "rec_lift": {"en": "Lift", "zh": "提升度"},
    "rec_orders": {"en": "Orders", "zh": "订单数"},
    "rec_rules_caption": {
        "en": "Support: share of orders holding all the items. Confidence: of the orders with "
        "the first items, the share with the others. Lift: how many times as often they meet as "
        "if bought independently (above 1: bought together).",
        "zh": "支持度：包含全部商品的订单占比。置信度：包含前项商品的订单中同时包含后项的比例。"
        "提升度：同时购买的频率是独立购买时的多少倍（大于 1 表示常被一起购买）。",
    },
    "rec_heatmap_title": {"en": "Lift of the strongest pairs", "zh": "最强商品对的提升度"},
    # --- next items ---
    "rec_needs_customer_date": {
        "en": "Choose the customer and date columns to recommend next items per customer.",
        "zh": "请选择客户列和日期列，以便为每位客户推荐下一件商品。",
    },
    "rec_cutoff": {"en": "Cut-off date", "zh": "截止日期"},
    "rec_cutoff_help": {
        "en": "Train on orders before this date, test on orders from it.",
        "zh": "用此日期之前的订单训练，用此日期及之后的订单检验。",
    },
    "rec_k": {"en": "K (items recommended)", "zh": "K（推荐个数）"},
    "rec_progress": {
        "en": "Training and evaluating the recommenders ({done} of {total})…",
        "zh": "正在训练并评估推荐方法（{done}/{total}）…",
    },
    "rec_progress_next": {
        "en": "Recommending for every customer…",
        "zh": "正在为每位客户生成推荐…",
    },
    "rec_eval_header": {
        "en": "Which method predicts next purchases",
        "zh": "哪种方法最能预测下一次购买",
    },
    "rec_protocol": {
        "en": "Trained on orders before {cutoff}, tested on orders from it. Evaluated: the "
        "{users} customers present in both periods who bought at least one item after the "
        "cut-off that they had not bought before; those items are the right answers. Only items "
        "a customer had not bought before the cut-off are recommended. Recall@{k}: the share of "
        "a customer's new items among the {k} recommended; precision@{k}: the share of the {k} "
        "that were bought; both averaged over customers. Popularity recommends the {k} items "
        "bought by the most customers before the cut-off.",
        "zh": "用 {cutoff} 之前的订单训练，用此日期及之后的订单检验。评估对象：两个时期都有购买、"
        "且截止日期后至少买了一件此前没买过的商品的 {users} 位客户；这些新商品即正确答案。"
        "只推荐客户在截止日期前没买过的商品。召回率@{k}：客户的新商品中被 {k} 个推荐命中的比例；"
        "精确率@{k}：{k} 个推荐中被购买的比例；两者均按客户平均。热门推荐即截止日期前购买客户最多的 "
        "{k} 件商品。",
    },
    "rec_method": {"en": "Method", "zh": "方法"},
    "rec_recall": {"en": "Recall@{k}", "zh": "召回率@{k}"},
    "rec_precision": {"en": "Precision@{k}", "zh": "精确率@{k}"},
    "rec_used": {"en": "Used", "zh": "采用"},
    "rec_method_popularity": {"en": "Popularity", "zh": "热门推荐"},
    "rec_method_item_item": {"en": "Item-item (cosine)", "zh": "商品协同过滤（余弦）"},
    "rec_method_als": {"en": "Matrix factorisation (ALS)", "zh": "矩阵分解（ALS）"},
    "rec_verdict_better": {
        "en": "**{method}** finds {ratio:.1f}× as many of the items customers went on to buy as "
        "popularity (recall@{k} {recall:.0%} against {baseline:.0%}); it makes the "
        "recommendations below.",
        "zh": "**{method}** 命中客户后来购买商品的数量是热门推荐的 {ratio:.1f} 倍"
        "（召回率@{k} {recall:.0%}，热门推荐 {baseline:.0%}）；下方推荐由它生成。",
    },
    "rec_verdict_popularity": {
        "en": "No personalised method beats popularity on these orders (recall@{k} {recall:.0%}): "
        "the recommendations below are the most popular items each customer has not bought.",
        "zh": "在这些订单上，没有个性化方法胜过热门推荐（召回率@{k} {recall:.0%}）：下方推荐为每位"
        "客户尚未购买的最热门商品。",
    },
    "rec_per_customer": {"en": "Recommendations per customer", "zh": "每位客户的推荐"},
    "rec_customer": {"en": "Customer", "zh": "客户"},
    "rec_top_n": {"en": "Items per customer", "zh": "每位客户的推荐数"},
    "rec_rank": {"en": "Rank", "zh": "排名"},
    "rec_item": {"en": "Item", "zh": "商品"},
    "rec_score": {"en": "Score", "zh": "得分"},
    "rec_reason": {"en": "Why", "zh": "推荐理由"},
    "rec_because_two": {"en": "bought {first} and {second}", "zh": "买过 {first} 和 {second}"},
    "rec_because_one": {"en": "bought {first}", "zh": "买过 {first}"},
    "rec_because_popular": {
        "en": "popular with other customers",
        "zh": "受其他客户欢迎",
    },
    "rec_download": {
        "en": "Download every customer's recommendations (CSV)",
        "zh": "下载所有客户的推荐（CSV）",
    },
    # --- offers per segment ---
    "rec_col_amount": {"en": "Line amount", "zh": "行金额"},
    "rec_col_price": {"en": "Unit price", "zh": "单价"},
    "rec_tab_offers": {"en": "Offers per segment", "zh": "各客群主推商品"},
    "rec_offers_needs_customer_date": {
        "en": "Choose the customer and date columns to group customers into segments.",
        "zh": "请选择客户列和日期列，以便把客户分成客群。",
    },
    "rec_offers_intro": {
        "en": "The {customers} customers grouped into the RFM segments of the Customers page "
        "(recency and number of purchases scored 1-5 by quintile) as of {as_of}, from the kept "
        "order lines; revenue from the line amount, or quantity × unit price, or 1 per line.",
        "zh": "按客户分析页的 RFM 客群（最近购买和购买次数按五分位打 1-5 分）对 {customers} 位客户分组，"
        "截至 {as_of}，只用保留的订单明细；收入取行金额，或数量 × 单价，都没有时每行按 1 计。",
    },
    "rec_min_buyers": {"en": "Minimum buyers in the segment", "zh": "客群内最少购买客户数"},
    "rec_min_buyers_help": {
        "en": "An item is featured for a segment only if at least this many of its customers "
        "bought it, so that one or two purchases of a rare item do not win.",
        "zh": "只有客群内至少这么多位客户买过的商品才会被主推，以免冷门商品的一两次购买胜出。",
    },
    "rec_offer_items": {"en": "Items per segment", "zh": "每个客群的商品数"},
    "rec_offer_segment": {
        "en": "**{segment}** ({customers} customers, {revenue} of revenue): ",
        "zh": "**{segment}**（{customers} 位客户，占收入 {revenue}）：",
    },
    "rec_offer_feature": {"en": "feature {items}.", "zh": "主推 {items}。"},
    "rec_offer_item": {
        "en": "**{item}** (bought by {share} of them, lift {lift})",
        "zh": "**{item}**（{share} 的客户买过，提升度 {lift}）",
    },
    "rec_offer_nothing": {
        "en": "no item bought by at least {min_buyers} of them is more popular with them than "
        "with all customers; feature the best sellers.",
        "zh": "没有商品在至少 {min_buyers} 位客户购买的同时比在全体客户中更受欢迎；主推畅销商品即可。",
    },
    "rec_offers_none": {
        "en": "No segment has an item bought by at least {min_buyers} of its customers that it "
        "favours over all customers: lower the minimum buyers.",
        "zh": "没有客群有至少 {min_buyers} 位客户买过、且比全体客户更偏好的商品：请降低最少购买客户数。",
    },
    "rec_offers_lift_caption": {
        "en": "Lift: the item's share of the segment's purchases (each customer counted once per "
        "item) over its share of all customers' purchases; above 1 the segment favours it, so a "
        "segment that simply buys more does not make every item look special. Only items bought "
        "by at least {min_buyers} of the segment's customers are listed. Beyond chance: the lift "
        "is too large to be luck, at a {rate} false discovery rate over every segment's items.",
        "zh": "提升度：该商品在客群购买中的占比（每位客户每件商品只计一次）除以它在全体客户购买中的占比；"
        "大于 1 表示该客群更偏好它，这样买得多的客群不会让每件商品都显得特别。"
        "只列出客群内至少 {min_buyers} 位客户买过的商品。排除偶然：在所有客群的商品中按 {rate} 错误发现率检验，"
        "提升度大到不能归于运气。",
    },
    "rec_offer_col_segment": {"en": "Segment", "zh": "客群"},
    "rec_offer_col_buyers": {"en": "Buyers in segment", "zh": "客群内购买客户数"},
    "rec_offer_col_share": {"en": "Share of segment", "zh": "占客群客户"},
    "rec_offer_col_overall": {"en": "Share of all customers", "zh": "占全体客户"},
    "rec_offer_chance": {
        "en": "With so few buyers these could be chance.",
        "zh": "购买客户较少，这些可能出于偶然。",
    },
    "rec_offers_all_chance": {
        "en": "No segment's favourite stands clear of chance (at a {rate} false discovery rate): "
        "the segments buy much alike, so take these lists as hints and feature the best sellers "
        "until more orders come in.",
        "zh": "没有哪个客群的偏好商品能排除偶然（错误发现率 {rate}）：各客群的购买相差不大，"
        "这些清单只作参考，在订单更多之前主推畅销商品即可。",
    },
    "rec_offer_col_chance": {"en": "Beyond chance", "zh": "排除偶然"},
}
