"""Full plans of realistic size, in English and in Hebrew, built in code for the document tests.

``sample_plan(lang, channels=…, goals=…)`` scales up to the benchmark's 20 channels and 12 goals
by cycling through the pools below (ids stay unique).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from socialplan.i18n import Lang
from socialplan.plan.model import Plan

_CHANNELS: list[tuple[str, str, str, list[str], list[str]]] = [
    # catalogue id or own id, own name ("": the catalogue's, "*": the plan's own tool), category, formats, Es
    ("instagram", "", "multimedia", ["carousel", "short_video"], ["entertainment", "engagement"]),
    ("facebook", "", "networking", ["image", "text"], ["engagement", "education"]),
    ("linkedin", "", "networking", ["article", "text"], ["education"]),
    ("tiktok", "", "multimedia", ["short_video"], ["entertainment"]),
    ("youtube", "", "multimedia", ["long_video"], ["education", "entertainment"]),
    ("email_newsletter", "", "networking", ["newsletter"], ["education"]),
    ("blog", "", "networking", ["article"], ["education", "empowerment"]),
    ("whatsapp_channels", "", "networking", ["text", "image"], ["engagement"]),
    ("pinterest", "", "collaboration", ["image"], ["education"]),
    ("threads", "", "networking", ["text", "thread"], ["engagement"]),
    ("telegram", "", "networking", ["text"], ["engagement"]),
    ("reddit", "", "collaboration", ["text"], ["engagement", "empowerment"]),
    ("discord", "", "entertainment", ["text", "live"], ["empowerment", "engagement"]),
    ("podcast", "", "multimedia", ["audio"], ["education"]),
    ("twitch", "", "entertainment", ["live"], ["entertainment"]),
    ("snapchat", "", "multimedia", ["short_video"], ["entertainment"]),
    ("x", "", "networking", ["text", "thread"], ["engagement"]),
    ("google_business_profile", "", "networking", ["image", "text"], ["education"]),
    ("recipe-club", "*", "collaboration", ["article"], ["empowerment"]),
    ("roblox", "", "entertainment", ["live"], ["entertainment", "empowerment"]),
]

_WORDS: dict[Lang, dict[str, Any]] = {
    "en": {
        "business": "Harbour Street Bakery",
        "own_tool": "Home Bakers' Recipe Club",
        "industry": "Food and bakeries",
        "description": "A family bakery with two shops and a small online store for cakes to order.",
        "objectives": [
            ("Sell more celebration cakes through the online store", "marketing"),
            ("Become the bakery people name first in the neighbourhood", "brand_building"),
            ("Hear customers' ideas for new seasonal breads", "crowdsourcing"),
            ("Cut flour costs by buying in bulk", None),
        ],
        "goals": [
            "Grow online cake orders from social media",
            "Make the bakery known in the neighbourhood",
            "Collect ideas for the winter bread range",
            "Build a community of home bakers",
            "Raise newsletter sign-ups",
            "Turn shop visitors into online followers",
            "Earn local press mentions",
            "Improve reviews on maps and review sites",
            "Recruit bakers through the team's own posts",
            "Launch the kids' baking workshops",
            "Keep the brand's tone warm and consistent",
            "Answer every customer message within a day",
        ],
        "why_channel": "Our customers already follow local food pages here, and oven videos do well.",
        "why_e": "It ties the bakery's craft to moments people want to share.",
        "audiences": [
            (
                "Parents planning birthdays",
                "Parents of young children who order cakes two or three times a year.",
            ),
            ("Neighbourhood regulars", "People who live or work within a kilometre of the shops."),
            ("Home bakers", "Hobby bakers who like recipes, tips and behind-the-scenes stories."),
        ],
        "traits": {
            "community_driven": "Home bakers share their own bakes and we repost the best each week.",
            "conversation": "We answer comments and ask a question in every second post.",
            "viral": "Short oven videos and a yearly decorating challenge are easy to pass on.",
            "personal_spaces": "We message only people who wrote to us first.",
            "authenticity": "Phones, natural light and the real team, no studio shoots.",
        },
        "tactics": [
            "Weekly 'bake of the week' vote in stories",
            "Behind-the-scenes videos filmed at 5 a.m. in the bakery",
            "Monthly live Q&A with the head baker",
        ],
        "competitors": ["Crumb & Co.", "The Corner Patisserie", "Supermarket bakery aisle"],
        "people": [
            ("Dana Levi", ["Owner"], "owner", 6, ["Instagram", "Canva", "WhatsApp Business"]),
            (
                "Yossi Cohen",
                ["Social media manager"],
                "community",
                25,
                [
                    "Meta Business Suite",
                    "CapCut",
                    "TikTok",
                    "Later",
                    "Notion",
                    "Google Analytics",
                    "Mailchimp",
                ],
            ),
            ("Noa Friedman", ["Designer"], "design", 8, ["Figma", "Canva", "Lightroom"]),
            ("Avi Mizrahi", ["Baker", "Video"], "video", 5, ["CapCut", "YouTube Studio"]),
        ],
        "tools": [("Canva Pro", 55), ("Later", 80), ("Mailchimp", 120)],
        "values": ["Online cake orders", "Workshop tickets", "Newsletter-driven shop visits"],
        "risks": [
            (
                "A complaint about a late cake goes viral",
                "Answer within the hour in public, then move to a private message.",
            ),
            (
                "The social media manager leaves",
                "Keep the content calendar and logins documented in a shared folder.",
            ),
            (
                "Allergen information is wrong in a post",
                "The head baker checks every recipe post before it goes out.",
            ),
        ],
        "metric_names": [
            "Reach",
            "Share of voice",
            "Shares per post",
            "Mentions by customers",
            "Sign-ups from social",
            "Orders from social",
            "Sentiment of comments",
            "Ideas collected",
        ],
    },
    "he": {
        "business": "מאפיית רחוב הנמל",
        "own_tool": "מועדון המתכונים של האופים הביתיים",
        "industry": "מזון ומאפיות",
        "description": "מאפייה משפחתית עם שתי חנויות וחנות מקוונת קטנה לעוגות בהזמנה.",
        "objectives": [
            ("למכור יותר עוגות חגיגיות בחנות המקוונת", "marketing"),
            ("להיות המאפייה שאנשים בשכונה מזכירים ראשונה", "brand_building"),
            ("לשמוע רעיונות של לקוחות ללחמים עונתיים חדשים", "crowdsourcing"),
            ("להוזיל את עלות הקמח בקנייה מרוכזת", None),
        ],
        "goals": [
            "להגדיל את הזמנות העוגות המקוונות מהמדיה החברתית",
            "להפוך את המאפייה למוכרת בשכונה",
            "לאסוף רעיונות לסדרת הלחמים של החורף",
            "לבנות קהילה של אופים ביתיים",
            "להגדיל את ההרשמה לניוזלטר",
            "להפוך מבקרים בחנות לעוקבים ברשת",
            "לזכות באזכורים בעיתונות המקומית",
            "לשפר את הביקורות במפות ובאתרי ביקורות",
            "לגייס אופים דרך הפוסטים של הצוות",
            "להשיק סדנאות אפייה לילדים",
            "לשמור על טון חם ועקבי של המותג",
            "לענות לכל הודעה של לקוח תוך יום",
        ],
        "why_channel": "הלקוחות שלנו כבר עוקבים כאן אחרי דפי אוכל מקומיים, וסרטונים קצרים מהתנור מצליחים.",
        "why_e": "היא מחברת את מלאכת האפייה לרגעים שאנשים רוצים לשתף.",
        "audiences": [
            ("הורים שמתכננים ימי הולדת", "הורים לילדים צעירים שמזמינים עוגות פעמיים או שלוש בשנה."),
            ("קבועים מהשכונה", "אנשים שגרים או עובדים במרחק של עד קילומטר מהחנויות."),
            ("אופים ביתיים", "חובבי אפייה שאוהבים מתכונים, טיפים וסיפורים מאחורי הקלעים."),
        ],
        "traits": {
            "community_driven": "אופים ביתיים משתפים את מה שאפו, ואנחנו משתפים מחדש את הטובים בכל שבוע.",
            "conversation": "אנחנו עונים לתגובות ושואלים שאלה בכל פוסט שני.",
            "viral": "סרטוני תנור קצרים ותחרות קישוט שנתית קלים להעברה הלאה.",
            "personal_spaces": "אנחנו שולחים הודעות רק למי שכתב לנו קודם.",
            "authenticity": "טלפונים, אור טבעי והצוות האמיתי, בלי צילומי סטודיו.",
        },
        "tactics": [
            "הצבעה שבועית על 'מאפה השבוע' בסטוריז",
            "סרטונים מאחורי הקלעים שמצולמים ב-5 בבוקר במאפייה",
            "שידור חי חודשי של שאלות ותשובות עם האופה הראשי",
        ],
        "competitors": ["קראמב ושות'", "הקונדיטוריה בפינה", "מחלקת המאפים בסופרמרקט"],
        "people": [
            ("דנה לוי", ["בעלים"], "owner", 6, ["Instagram", "Canva", "WhatsApp Business"]),
            (
                "יוסי כהן",
                ["מנהל מדיה חברתית"],
                "community",
                25,
                [
                    "Meta Business Suite",
                    "CapCut",
                    "TikTok",
                    "Later",
                    "Notion",
                    "Google Analytics",
                    "Mailchimp",
                ],
            ),
            ("נועה פרידמן", ["מעצבת"], "design", 8, ["Figma", "Canva", "Lightroom"]),
            ("אבי מזרחי", ["אופה", "וידאו"], "video", 5, ["CapCut", "YouTube Studio"]),
        ],
        "tools": [("Canva Pro", 55), ("Later", 80), ("Mailchimp", 120)],
        "values": ["הזמנות עוגות מקוונות", "כרטיסים לסדנאות", "ביקורים בחנות בעקבות הניוזלטר"],
        "risks": [
            ("תלונה על עוגה שאיחרה הופכת ויראלית", "לענות בפומבי תוך שעה, ואז לעבור להודעה פרטית."),
            ("מנהל המדיה החברתית עוזב", "לתעד את לוח התוכן ואת פרטי הגישה בתיקייה משותפת."),
            ("מידע על אלרגנים בפוסט שגוי", "האופה הראשי בודק כל פוסט מתכון לפני הפרסום."),
        ],
        "metric_names": [
            "חשיפה",
            "נתח שיחה",
            "שיתופים לפוסט",
            "אזכורים של לקוחות",
            "הרשמות מהמדיה החברתית",
            "הזמנות מהמדיה החברתית",
            "סנטימנט התגובות",
            "רעיונות שנאספו",
        ],
    },
}

_METRIC_TYPES = [
    "pr_media",
    "pr_media",
    "word_of_mouth",
    "word_of_mouth",
    "web_analytics",
    "web_analytics",
    "opinion_research",
    "opinion_research",
]
_PURPOSES = [
    "marketing",
    "brand_building",
    "crowdsourcing",
    "market_engagement",
    "marketing",
    "brand_building",
    "public_relations",
    "public_relations",
    "organisational_culture",
    "innovation",
    "brand_building",
    "market_engagement",
]


def sample_plan(lang: Lang, *, channels: int = 10, goals: int = 6) -> Plan:
    words = _WORDS[lang]
    metric_ids = [f"m{i + 1}" for i in range(len(_METRIC_TYPES))]
    goal_ids = [f"g{i + 1}" for i in range(goals)]
    channel_specs = [_CHANNELS[i % len(_CHANNELS)] for i in range(channels)]
    channel_ids = [spec[0] if i < len(_CHANNELS) else f"{spec[0]}-{i}" for i, spec in enumerate(channel_specs)]
    raw: dict[str, Any] = {
        "language": lang,
        "business": {
            "name": words["business"],
            "industry": words["industry"],
            "description": words["description"],
            "employees": 14,
            "languages": ["he", "en"],
            "regions": ["IL"],
            "website": "https://example.org/bakery",
        },
        "objectives": [
            {"id": f"o{i + 1}", "text": text, "purpose": purpose, "reason": ""}
            for i, (text, purpose) in enumerate(words["objectives"])
        ],
        "goals": [
            {
                "id": goal_id,
                "title": words["goals"][i % len(words["goals"])],
                "objective": f"o{(i % 3) + 1}",
                "purpose": _PURPOSES[i % len(_PURPOSES)],
                "target": {
                    "metric": metric_ids[(i * 3) % len(metric_ids)],
                    "value": 1200 + 150 * i,
                    "baseline": 400 + 10 * i,
                    "deadline": (dt.date(2027, 1, 31) + dt.timedelta(days=30 * i)).isoformat(),
                },
                "metrics": [metric_ids[(i * 3) % len(metric_ids)], metric_ids[(i * 3 + 2) % len(metric_ids)]],
                "proposed": i % 5 == 4,
                "why": "",
            }
            for i, goal_id in enumerate(goal_ids)
        ],
        "landscape": {
            "audiences": [
                {
                    "id": f"a{i + 1}",
                    "name": name,
                    "description": description,
                    "platforms": ["instagram", "facebook", "whatsapp_channels"][: i + 1],
                }
                for i, (name, description) in enumerate(words["audiences"])
            ],
            "languages": ["he", "en"],
            "regions": ["IL"],
            "competitors": words["competitors"],
            "traits": words["traits"],
            "tactics": [
                {
                    "id": f"t{i + 1}",
                    "text": text,
                    "channel": channel_ids[i % len(channel_ids)],
                    "production": "authentic",
                }
                for i, text in enumerate(words["tactics"])
            ],
        },
        "strategies": [
            {"id": sid, "serves": goal_ids[j::4] or goal_ids[:1], "why": words["why_e"], "share": share}
            for j, (sid, share) in enumerate(
                [("education", 0.3), ("entertainment", 0.35), ("engagement", 0.25), ("empowerment", 0.1)]
            )
        ],
        "channels": [
            {
                "id": channel_id,
                "name": words["own_tool"] if spec[1] == "*" else spec[1],
                "category": spec[2],
                "formats": spec[3],
                "strategies": spec[4],
                "audiences": ["a1", "a2"],
                "cadence": {"posts": [3, 1, 2, 4][i % 4], "per": ["week", "day", "week", "month"][i % 4]},
                "weekly_hours": [4, 6, 2.5, 3, 1.5][i % 5],
                "owner": words["people"][1 + i % 3][0],
                "why": words["why_channel"],
            }
            for i, (spec, channel_id) in enumerate(zip(channel_specs, channel_ids, strict=True))
        ],
        "metrics": [
            {
                "id": metric_id,
                "name": words["metric_names"][i],
                "measurement_type": _METRIC_TYPES[i],
                "formula": [
                    "people reached",
                    "our mentions / all mentions × 100",
                    "shares / posts",
                    "count of mentions",
                    "sign-ups tagged utm_source=social",
                    "orders tagged utm_source=social",
                    "positive − negative comments / all",
                    "ideas logged",
                ][i],
                "goals": [g for j, g in enumerate(goal_ids) if (j * 3) % 8 == i or (j * 3 + 2) % 8 == i],
                "baseline": 100 * (i + 1),
                "target": 250 * (i + 1),
            }
            for i, metric_id in enumerate(metric_ids)
        ],
        "equity": {
            "relationship_strength": {"indicators": [{"metric": "m3", "weight": 2, "target": 40}, {"metric": "m4"}]},
            "familiarity": {"indicators": [{"metric": "m1"}, {"metric": "m2", "target": 15}]},
            "efficiency": {"indicators": [{"metric": "m3"}]},
            "value_creation": {"indicators": [{"metric": "m6", "weight": 3}, {"metric": "m8"}]},
            "index_target": 65,
        },
        "resources": {
            "people": [
                {
                    "name": name,
                    "titles": titles,
                    "role": role,
                    "weekly_hours": hours,
                    "skills": skills,
                    "hourly_rate": 90,
                }
                for name, titles, role, hours, skills in words["people"]
            ],
            "owner": words["people"][1][0],
            "monthly_budget": 6500,
            "currency": "ILS",
            "hourly_rate": 90,
            "tools": [{"name": name, "monthly_cost": cost} for name, cost in words["tools"]],
            "content_sources": ["own", "user_generated", "curated"],
        },
        "return": {
            "investment": {
                "monthly_hours": 190,
                "monthly_labour_cost": 17100,
                "monthly_tools_cost": 255,
                "monthly_ads_cost": 1500,
            },
            "expected_value": [
                {"description": text, "metric": metric_ids[5 - i], "monthly_value": [14000, 3200, 4100][i]}
                for i, text in enumerate(words["values"])
            ],
            "horizon_months": 12,
            "risks": [
                {
                    "id": f"r{i + 1}",
                    "description": text,
                    "likelihood": ["medium", "low", "low"][i],
                    "impact": ["high", "medium", "high"][i],
                    "mitigation": mitigation,
                }
                for i, (text, mitigation) in enumerate(words["risks"])
            ],
        },
    }
    return Plan.model_validate(raw)
