"""The site's own words in each edition's language: labels, headings and phrases that are not data.

Data carries its Japanese in twin fields (`title_ja` beside `title`; see macros/models.py), and
Dataset.localized() puts them in place; the words here are everything else a reader sees: table
headings, verdict and status names, chart labels, the phrases around dates and counts.

Each edition has the same keys (a test checks it). Strings with {placeholders} are filled by
Words.__call__; counts use Words.count, which knows that English has plurals and Japanese not.
"""

from __future__ import annotations

from typing import get_args

from . import models

LANGUAGES = ("en", "ja")

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        # The same names as the pages that tell each thread, so that one thing has one name everywhere.
        "thread": {"visit": "The talks", "abe-trump": "The Abe connection", "security": "Security", "trade": "Trade",
                   "politics": "Politics at home", "aftermath": "What happened next"},
        "verdict": {"false": "False", "misleading": "Misleading", "partly-accurate": "Partly accurate",
                    "accurate": "Accurate", "unproven": "Unproven"},
        "verdict_meaning": {"false": "The claim is wrong on the facts.",
                            "misleading": "Parts are true, but the claim leaves a wrong impression.",
                            "partly-accurate": "Right in part, wrong or unsupported in part.",
                            "unproven": "No source available to us shows it to be true or false.",
                            "accurate": "The sources support the claim."},
        "status": {"in-force": "In force", "signed": "Signed", "pledged": "Pledged", "disputed": "Disputed",
                   "not-agreed": "Not agreed", "ended": "Ended", "enacted": "Enacted", "draft": "Draft"},
        "basis": {"defence-budget": "Defence ministry budget only",
                  "security-related": "Security-related spending (the 2% target's basis)",
                  "nato-standard": "NATO-standard estimate",
                  "sipri": "SIPRI military expenditure (calendar year)"},
        "side": {"government": "Government", "partner": "Partner outside the cabinet", "opposition": "Opposition"},
        "country": {"japan": "Japan", "united-states": "United States", "other": "Other"},
        "origin": {"preview-copies": "Claims in reworded copies of the pre-summit story",
                   "elsewhere": "Claims that circulated elsewhere"},
        "kind": {"correction": "Correction", "update": "Update"},
        "place": {"defence_budget": "Defence budget table", "defence_share": "Share-of-GDP table", "seats": "Seats table",
                  "trade_terms": "Trade terms table", "agreements": "Signed documents table", "claims": "Fact check",
                  "people": "Who's who", "key_facts": "Key facts", "key_numbers": "Key numbers",
                  "standings": "Where things stand", "watch": "What to watch", "glossary": "Glossary",
                  "places": "Places table"},
    },
    "ja": {
        "thread": {"visit": "日米首脳会談", "abe-trump": "安倍元首相とのつながり", "security": "安全保障", "trade": "通商",
                   "politics": "国内政治", "aftermath": "その後の動き"},
        "verdict": {"false": "誤り", "misleading": "誤解を招く", "partly-accurate": "一部正確",
                    "accurate": "正確", "unproven": "根拠不明"},
        "verdict_meaning": {"false": "事実に反する。",
                            "misleading": "一部は事実だが、全体として誤った印象を与える。",
                            "partly-accurate": "一部は正しいが、一部は誤りか根拠がない。",
                            "unproven": "真偽を示す資料が見当たらない。",
                            "accurate": "出典が主張を裏付けている。"},
        "status": {"in-force": "発効済み", "signed": "署名済み", "pledged": "表明のみ", "disputed": "見解に相違",
                   "not-agreed": "合意なし", "ended": "終了", "enacted": "成立", "draft": "政府案"},
        "basis": {"defence-budget": "防衛省予算のみ",
                  "security-related": "安全保障関連経費（GDP比2%目標の基準）",
                  "nato-standard": "NATO基準の推計",
                  "sipri": "SIPRIの軍事支出（暦年）"},
        "side": {"government": "与党", "partner": "閣外協力", "opposition": "野党"},
        "country": {"japan": "日本", "united-states": "米国", "other": "その他"},
        "origin": {"preview-copies": "会談前の記事の写しに含まれていた主張",
                   "elsewhere": "それ以外で広まった主張"},
        "kind": {"correction": "訂正", "update": "更新"},
        "place": {"defence_budget": "防衛予算の表", "defence_share": "GDP比の表", "seats": "議席の表",
                  "trade_terms": "貿易合意の表", "agreements": "署名文書の表", "claims": "ファクトチェック",
                  "people": "人物一覧", "key_facts": "要点", "key_numbers": "主な数字",
                  "standings": "現状", "watch": "今後の注目点", "glossary": "用語集",
                  "places": "場所の表"},
    },
}

WORDS: dict[str, dict[str, str | tuple[str, str]]] = {
    "en": {
        # Dates and the page frame
        "updated_on": "Updated {date}",
        "covers_to": "covers events to {date}",
        "list_separator": "; ",
        "sentence_end": ".",
        "via": "{publisher} via {outlet}",
        "sources": "Sources",
        "sources_colon": "Sources: ",
        "data_label": "Data:",
        "edit_data": "edit the data",
        # Timeline
        "key_moment": "Key moment",
        "permalink_event": "Permanent link to this event",
        "show_events_of": "Show events of",
        "all_threads": "All threads ({n})",
        "key_only": "Key moments only ({n})",
        "newest_first": "Newest first",
        "events_shown": "{shown} of {total} events shown",
        "years_on_page": "Years on this page",
        "jump_to": "Jump to:",
        "n_events": ("{n} event", "{n} events"),
        "n_key_moments": ("{n} key moment", "{n} key moments"),
        "events_in_all": "{n} events in all.",
        "shortlist_note": "The key moments and the latest events: {shown} of {total}.",
        "whole_timeline_link": "The whole timeline",
        "whole_timeline_has_all": "has every one.",
        "latest_key_note": "The latest {shown} of {total} key moments; the parts below have them all.",
        "until": "until {date}",
        # Brief, numbers, watch
        "where_things_stand": "Where things stand",
        "as_of": "as of",
        "at_the_visit": "At the visit (Oct 2025):",
        "latest": "Latest",
        "key_numbers": "Key numbers",
        "common_mistakes": "Common mistakes:",
        # Who makes it (About page)
        "who_published_by": "Publisher: ",
        "who_responsible": ". The editors answer for every page and every record on the site. Each change is a reviewed pull request, and each substantive change is logged below and in the feed.",
        "who_form": "Report an error with the Correction form",
        "who_form_note": " in the project's repository (a free GitHub account is needed).",
        "who_email": "Or write to the editors at ",
        "contact_subject": "Correction",
        "in_the_timeline": "In the timeline",
        "latest_of": " (the latest {shown} of {total})",
        # Corrections log
        "no_corrections": "No corrections have been needed so far.",
        "follow_feed": "Follow updates and corrections with the",
        "atom_feed": "Atom feed",
        # References and citations
        "back_to_citation": "Back to citation {n}",
        "back_to_citation_use": "Back to citation {n}, use {use}",
        # Sources
        "sources_summary": "{total} sources from {publishers} publishers; {copies} of them are read on another outlet's site, which each entry names (\"via\").",
        "primary_document": "Primary document",
        "analysis": "Analysis",
        "replaced_by": "Replaced by:",
        "cited_by": "Cited by:",
        "what_cites_it": "What cites it",
        "event_of": "event of {date}",
        "section_link": "Link to this section",
        "copyright": "Text and data CC BY 4.0 · Code MIT",
        "source_language": "",
        # Charts
        "chart_key": "Key",
        "chart_table_link_before": "The numbers, with each one's sources, are in ",
        "chart_table_link": "the table below",
        "chart_table_link_after": ".",
        # Charts
        "chart_budget_title": "Japan's initial defence budget, ¥ trillion, by fiscal year",
        "chart_budget_value": "¥{n}tn",
        "chart_draft_suffix": " draft",
        "chart_no_figure": "no reliable figure",
        "chart_budget_description": "Bar chart of Japan's initial defence budget for each fiscal year from {first} to {last}, rising from ¥{low} trillion to ¥{high} trillion{draft}. The bars are drawn to scale from zero.",
        "chart_a_draft": " (a draft)",
        "chart_enacted": "Enacted budget",
        "chart_draft": "Draft budget",
        "chart_budget_note": "Scale: ¥ trillion, from zero. Fiscal years run from April to March.",
        "chart_no_data": "No data.",
        "chart_share_title": "Defence and security spending, % of GDP, by basis",
        "chart_goal_suffix": " goal",
        "chart_share_description": "Dot chart of {n} estimates of Japan's defence or security spending as a share of GDP, from {first} to {last}, one row each, in date order. The horizontal axis is a true percentage scale from 0 to {top}%, with a dashed line at 2%. Each dot's shape shows its basis, because estimates on different bases are not one series.",
        "chart_share_note": "Scale: % of GDP, from zero; the dashed line marks 2%. Rows are estimates in date order, not a time axis.",
        "chart_seats_title": "House of Representatives: seats by party",
        "chart_seats_governing": "Government and partners: {governing} of {total}; majority {majority}",
        "chart_majority": "majority {majority}",
        "chart_others": "Others",
        "chart_seats_sentence": "{label}: the governing side held {governing} of {total} seats, and a majority is {majority}. By party: {parts}.",
        "chart_party_seats": "{party} {seats}",
        "chart_others_vacancies": "Others and vacancies",
        "chart_seats_note": "Each bar is drawn to scale: the full bar is the whole house of {total} seats.",
        # Claims
        "rating_scale": "The rating scale",
        "checked": "{n} checked",
        "withdrawn": "Withdrawn",
        "withdrawn_on": "Withdrawn on {date}: {reason}",
        "claims_checked": "Claims checked",
        # Data dictionary
        "csv_note": ("In the CSV files, lists (such as source ids) are joined with a semicolon and a space, and a text cell "
                     "that begins with =, +, - or @ starts with an apostrophe ('), so that spreadsheets show it as text "
                     "instead of running it as a formula. The JSON files hold every value exactly as it is."),
        "n_records": ("{n} record", "{n} records"),
        "file": "File:",
        "download": "Download:",
        "fields_of": "Fields of {name}",
        "field": "Field",
        "type": "Type",
        "required": "Required",
        "meaning": "Meaning",
        "yes": "yes",
        "no": "no",
        # Tables
        "budget_caption": "Japan's initial defence budget by fiscal year (¥ trillion)",
        "budget_headers": "Fiscal year|¥ trillion|Status|Change|Note",
        "fiscal_year": "FY{year}",
        "share_caption": "Defence and security spending as a share of GDP, by basis",
        "share_headers": "Year|Share of GDP|Basis|Note",
        "target_suffix": " (target)",
        "seats_caption": "Seats in the House of Representatives",
        "party": "Party",
        "majority_needed": "Majority needed",
        "majority_of": "{majority} of {total}",
        "government_and_partners": "Government and partners",
        "trade_caption": "Terms of the US–Japan trade deal and what followed",
        "trade_headers": "Topic|Term|Detail|Status|Date",
        "agreements_caption": "Documents signed during the visit",
        "agreements_headers": "Document|Date|Place|Signed by|What it does|How binding",
        "claims_caption": "Claims in circulating copies of the pre-summit story",
        "claims_headers": "Claim|Verdict|What is correct|Made by",
        "places_caption": "Where it happened",
        "places_headers": "Place|What happened|Latitude, longitude",
        "map_title": "Where the visit's events happened",
        "map_description": "Map of Japan and the Korean Peninsula, marking {places}. {off}",
        "map_off": "Off the map: {places}.",
        "map_note": "Coastlines: Natural Earth (public domain).",
        "map_table_link_before": "What happened at each place, with its sources, is in ",
        "people_caption": "People in the story",
        "people_headers": "Name|Country|Role",
        # Generated pages
        "timeline_part_title": "Timeline: {label}",
        "timeline_part_description": "{n} events of the Takaichi–Trump story from {first} to {last}, each with its sources.",
        "sources_part_title": "Sources: {label}",
        "sources_part_description": "{n} of the sources this site cites ({label}), each with what cites it.",
        "whole_timeline": "The whole timeline",
        "all_publishers": "All publishers",
        "earlier": "Earlier:",
        "later": "Later:",
        "part_n": "{label}, part {n}",
        "months_range": "{first} to {last} {year}",
        "publishers_range": "publishers {first} to {last}",
        "label_to": "{first} to {last}",
    },
    "ja": {
        "updated_on": "{date}更新",
        "covers_to": "{date}までの動きを掲載",
        "list_separator": "、",
        "sentence_end": "。",
        "via": "{publisher}（{outlet}経由）",
        "sources": "出典",
        "sources_colon": "出典：",
        "data_label": "データ：",
        "edit_data": "データを編集",
        "key_moment": "重要",
        "permalink_event": "この出来事への固定リンク",
        "show_events_of": "表示する出来事",
        "all_threads": "すべて（{n}件）",
        "key_only": "重要な出来事のみ（{n}件）",
        "newest_first": "新しい順",
        "events_shown": "{total}件中{shown}件を表示",
        "years_on_page": "このページの年",
        "jump_to": "移動：",
        "n_events": "{n}件",
        "n_key_moments": "重要{n}件",
        "events_in_all": "全{n}件。",
        "shortlist_note": "重要な出来事と最新の出来事（全{total}件中{shown}件）。",
        "whole_timeline_link": "年表の全体",
        "whole_timeline_has_all": "にすべて掲載している。",
        "latest_key_note": "重要な出来事{total}件のうち最新の{shown}件。下の各期間のページにすべて掲載している。",
        "until": "{date}まで",
        "where_things_stand": "現状",
        "as_of": "時点",
        "at_the_visit": "来日時（2025年10月）：",
        "latest": "最新",
        "key_numbers": "主な数字",
        "common_mistakes": "よくある誤り：",
        # Who makes it (About page)
        "who_published_by": "発行：",
        "who_responsible": "。編集部はサイトのすべてのページと記録に責任を負う。変更はすべてレビューを経たプルリクエストで行い、実質的な変更は下の履歴とフィードに記録する。",
        "who_form": "誤りの指摘は「Correction」フォームから",
        "who_form_note": "受け付ける（プロジェクトのリポジトリにあり、GitHubの無料アカウントが必要）。",
        "who_email": "編集部へのメール：",
        "contact_subject": "訂正の依頼",
        "in_the_timeline": "年表では",
        "latest_of": "（全{total}件中、最新の{shown}件）",
        "no_corrections": "これまでに訂正はない。",
        "follow_feed": "更新と訂正は",
        "atom_feed": "Atomフィードで配信している",
        "back_to_citation": "引用{n}に戻る",
        "back_to_citation_use": "引用{n}（{use}か所目）に戻る",
        "sources_summary": "{publishers}の発行元による出典{total}件。うち{copies}件は他の媒体のサイトに転載されたもので、各項目にその媒体名（「経由」）を記した。",
        "primary_document": "一次資料",
        "analysis": "分析",
        "replaced_by": "差し替え先：",
        "cited_by": "引用箇所：",
        "what_cites_it": "引用箇所",
        "event_of": "{date}の出来事",
        "section_link": "この見出しへのリンク",
        "copyright": "文章とデータ：CC BY 4.0・コード：MIT",
        "source_language": "",
        "chart_key": "凡例",
        "chart_table_link_before": "数値と出典は",
        "chart_table_link": "下の表",
        "chart_table_link_after": "にある。",
        "chart_budget_title": "日本の防衛予算（当初予算、兆円、年度別）",
        "chart_budget_value": "{n}兆円",
        "chart_draft_suffix": "（案）",
        "chart_no_figure": "信頼できる数値なし",
        "chart_budget_description": "日本の防衛予算（当初予算）を{first}から{last}まで年度ごとに示した棒グラフ。{low}兆円から{high}兆円{draft}に増えている。棒はゼロを起点に実際の比率で描いている。",
        "chart_a_draft": "（政府案）",
        "chart_enacted": "成立した予算",
        "chart_draft": "政府案",
        "chart_budget_note": "目盛りは兆円、ゼロが起点。年度は4月から翌年3月まで。",
        "chart_no_data": "データなし。",
        "chart_share_title": "防衛費・安全保障関連経費のGDP比（基準別）",
        "chart_goal_suffix": "（目標）",
        "chart_share_description": "日本の防衛費または安全保障関連経費のGDP比について、{first}から{last}までの推計{n}件を1行ずつ日付順に示したドットチャート。横軸は0から{top}%までの実際の比率で、2%の位置に破線を引いた。基準が異なる推計は一つの系列ではないため、点の形で基準を区別している。",
        "chart_share_note": "目盛りはGDP比（%）、ゼロが起点。破線は2%。行は日付順の推計で、時間軸ではない。",
        "chart_seats_title": "衆議院の党派別議席",
        "chart_seats_governing": "与党と閣外協力：{total}議席中{governing}、過半数は{majority}",
        "chart_majority": "過半数{majority}",
        "chart_others": "その他",
        "chart_seats_sentence": "{label}：与党側は{total}議席中{governing}議席で、過半数は{majority}議席。党派別では{parts}。",
        "chart_party_seats": "{party}{seats}",
        "chart_others_vacancies": "その他・欠員",
        "chart_seats_note": "棒は実際の比率で描いている。棒全体が衆議院の定数{total}議席にあたる。",
        "rating_scale": "判定の基準",
        "checked": "{n}件を検証",
        "withdrawn": "取り下げ",
        "withdrawn_on": "{date}に取り下げ：{reason}",
        "claims_checked": "検証した主張",
        "csv_note": ("CSVファイルでは、リスト（出典IDなど）をセミコロンと空白で区切っている。=、+、-、@ で始まる文字列のセルは、"
                     "表計算ソフトが数式として実行せず文字列として表示するよう、先頭にアポストロフィ（'）を付けている。"
                     "JSONファイルはすべての値をそのまま収めている。"),
        "n_records": "{n}件",
        "file": "ファイル：",
        "download": "ダウンロード：",
        "fields_of": "{name}の項目",
        "field": "項目",
        "type": "型",
        "required": "必須",
        "meaning": "意味",
        "yes": "はい",
        "no": "いいえ",
        "budget_caption": "日本の防衛予算（当初予算、年度別、兆円）",
        "budget_headers": "年度|兆円|状況|増減|注記",
        "fiscal_year": "{year}年度",
        "share_caption": "GDPに占める防衛費・安全保障関連経費の割合（基準別）",
        "share_headers": "年|GDP比|基準|注記",
        "target_suffix": "（目標）",
        "seats_caption": "衆議院の党派別議席",
        "party": "党派",
        "majority_needed": "過半数",
        "majority_of": "{total}議席中{majority}",
        "government_and_partners": "与党と閣外協力の合計",
        "trade_caption": "日米貿易合意の内容とその後",
        "trade_headers": "分野|内容|詳細|状況|日付",
        "agreements_caption": "来日中に署名された文書",
        "agreements_headers": "文書|日付|場所|署名者|内容|拘束力",
        "claims_caption": "会談前の記事の写しに含まれていた主張",
        "claims_headers": "主張|判定|正しい事実|主張した者",
        "places_caption": "出来事の場所",
        "places_headers": "場所|出来事|緯度・経度",
        "map_title": "訪問中の出来事の場所",
        "map_description": "日本と朝鮮半島の地図。{places}を示している。{off}",
        "map_off": "地図の範囲外：{places}。",
        "map_note": "海岸線：Natural Earth（パブリックドメイン）。",
        "map_table_link_before": "各地での出来事と出典は",
        "people_caption": "登場人物",
        "people_headers": "名前|国|役職",
        "timeline_part_title": "年表：{label}",
        "timeline_part_description": "高市首相とトランプ大統領をめぐる{first}から{last}までの出来事{n}件。それぞれに出典を付けた。",
        "sources_part_title": "出典：{label}",
        "sources_part_description": "このサイトが引用する出典のうち{n}件（{label}）と、それぞれの引用箇所。",
        "whole_timeline": "年表の全体",
        "all_publishers": "発行元の一覧",
        "earlier": "前の期間：",
        "later": "次の期間：",
        "part_n": "{label}（その{n}）",
        "months_range": "{year}年{first}〜{last}",
        "publishers_range": "発行元 {first}〜{last}",
        "label_to": "{first}〜{last}",
    },
}

# The navigation's labels for editions other than English, by page (mkdocs.yml's nav gives the English).
# One name for each page: the same as its thread's label where it has one, and its page title.
NAV: dict[str, dict[str, str]] = {
    "ja": {"index.md": "ホーム", "talks.md": "日米首脳会談", "abe.md": "安倍元首相とのつながり", "security.md": "安全保障",
           "trade.md": "通商", "politics.md": "国内政治", "timeline.md": "年表", "aftermath.md": "その後の動き",
           "fact-check.md": "ファクトチェック", "people.md": "人物一覧", "glossary.md": "用語集", "sources.md": "出典",
           "data.md": "データとダウンロード", "about.md": "このサイトについて"},
}

# The theme's words (overrides/*.html), passed to the templates through the build's config.
# Sentences around a date come in two pieces, before and after it, since the date is markup.
THEME: dict[str, dict[str, str]] = {
    "en": {
        "updated_pre": "Updated ", "updated_post": "", "covers_pre": " · covers events to ", "covers_post": "",
        "switch": "日本語", "switch_label": "この記事の日本語版", "switch_lang": "ja",
        "cite_heading": "Cite this page", "cite_styles": "apa chicago", "cite_ja": "",
        "content_as_of_pre": "Content as of ", "page_updated_pre": "Page updated ", "last_reviewed_pre": "Last reviewed ",
        "date_post": ".", "spotted": "Spotted an error? See ", "how_to_report": "how to report a correction",
        "and_the": " and the ", "corrections_log": "corrections log", "end": ".",
        "not_found_title": "Page not found",
        "not_found_text": "There is no page at this address. It may have moved, or the link may have a typo.",
        "not_found_timeline_pre": "Every event in the story is on the ", "not_found_timeline": "timeline",
        "not_found_timeline_post": ", with a permanent link for each.",
        "not_found_search_pre": "To find a name or a term, ", "not_found_search": "search the site",
        "not_found_search_post": " (or press /).", "not_found_home_pre": "Or start from the ",
        "not_found_home": "home page", "not_found_home_post": ".",
        "feed_title": "updates and corrections",
    },
    "ja": {
        "updated_pre": "", "updated_post": "更新", "covers_pre": "・", "covers_post": "までの動きを掲載",
        "switch": "English", "switch_label": "Read this page in English", "switch_lang": "en",
        "cite_heading": "このページの引用", "cite_styles": "", "cite_ja": "引用例",
        "content_as_of_pre": "内容の時点：", "page_updated_pre": "ページ更新：", "last_reviewed_pre": "最終確認：",
        "date_post": "。", "spotted": "誤りにお気づきの場合は", "how_to_report": "訂正の依頼方法",
        "and_the": "と", "corrections_log": "訂正の記録", "end": "を参照。",
        "not_found_title": "ページが見つからない",
        "not_found_text": "このアドレスにページはない。移動したか、リンクに誤りがある可能性がある。",
        "not_found_timeline_pre": "出来事はすべて", "not_found_timeline": "年表",
        "not_found_timeline_post": "にあり、それぞれに固定リンクがある。",
        "not_found_search_pre": "人名や用語は", "not_found_search": "サイト内検索",
        "not_found_search_post": "で探せる（/ キーでも開く）。", "not_found_home_pre": "または",
        "not_found_home": "トップページ", "not_found_home_post": "から。",
        "feed_title": "更新と訂正",
    },
}
assert all(set(THEME[lang]) == set(THEME["en"]) for lang in LANGUAGES)

for _lang in LANGUAGES:
    assert set(LABELS[_lang]["thread"]) == set(get_args(models.Thread))
    assert set(LABELS[_lang]["verdict"]) == set(get_args(models.Verdict))
assert all(set(WORDS[lang]) == set(WORDS["en"]) for lang in LANGUAGES), "every edition has the same words"
assert all(set(LABELS[lang]) == set(LABELS["en"]) and all(set(LABELS[lang][k]) == set(LABELS["en"][k]) for k in LABELS["en"])
           for lang in LANGUAGES), "every edition has the same labels"


class Words:
    """One edition's words: w.key for a plain string, w("key", name=value) to fill one in,
    w.count("n_events", 3) for a number of things, w.labels("verdict")["false"] for a label."""

    def __init__(self, lang: str):
        self.lang = lang
        self._words = WORDS[lang]
        self._labels = LABELS[lang]

    def __getattr__(self, key: str) -> str:
        try:
            value = self._words[key]
        except KeyError:
            raise AttributeError(key) from None
        return value if isinstance(value, str) else value[1]

    def __call__(self, key: str, **values) -> str:
        return getattr(self, key).format(**values)

    def count(self, key: str, n: int) -> str:
        value = self._words[key]
        if isinstance(value, tuple):
            value = value[0] if n == 1 else value[1]
        return value.format(n=n)

    def labels(self, kind: str) -> dict[str, str]:
        return self._labels[kind]

    def date(self, value: str, short: bool = False) -> str:
        from . import dates

        return dates.in_words(value, short=short, lang=self.lang)


_CACHE: dict[str, Words] = {}


def words(lang: str = "en") -> Words:
    if lang not in _CACHE:
        _CACHE[lang] = Words(lang)
    return _CACHE[lang]
