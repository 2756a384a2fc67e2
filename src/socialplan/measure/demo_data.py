"""A small, made-up analytics data set for the demo workspaces, written as the platforms' own exports.

``demo_exports`` returns the files a marketer of one demo business (an English bakery or a Hebrew
yoga studio; see ``socialplan/web/demo/*.profile.yaml``) would download for that business's
workspace: a Meta Business Suite post export of its Facebook page, a table of its posts on a
second channel tagged with their E (the bakery's Pinterest pins, the studio's Instagram posts)
with its column mapping, a GA4 traffic-acquisition report of its website, and
listening-tool mention tables (its brand mentions, some replying to or sharing its page's posts,
and its competitor's mentions). They go through the normal import path, so the import history
shows them like any upload.

Every name, number and text is invented. The output depends only on the brand, ``today`` and
``seed``: the same day gives the same bytes, and the last day with data is the day before
``today``, so the dashboards' default period is always filled. Each brand draws from its own
random stream, so one brand's files do not depend on which other brands exist.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass
from typing import Final

from socialplan.measure.importers import ColumnMapping

DEMO_DAYS: Final = 182  # 26 weeks: six 28-day periods of equity history fit in it
DEMO_SEED: Final = 20261126


@dataclass(frozen=True)
class TaggedPosts:
    """A second channel's posts, as a table the marketer copied out of its analytics and tagged
    with the E each post serves (the platforms' own exports have no such column), imported
    with a column mapping."""

    account: str
    mapping: ColumnMapping  # its ``columns`` and ``metrics`` name the table's header, in order
    weekday: int  # Monday = 0
    hour: int
    id_prefix: str
    link: str  # with ``{id}``
    posts: tuple[tuple[str, str, str], ...]  # title, format, E


@dataclass(frozen=True)
class DemoBrand:
    """One demo business as its exports name it: the plan's business name and competitor."""

    slug: str  # names its export files
    name: str
    competitor: str
    page_id: str
    post_weekdays: tuple[int, ...]  # Monday = 0
    post_hour: int
    posts: tuple[str, ...]
    praise: tuple[str, ...]
    complaints: tuple[str, ...]
    questions: tuple[str, ...]
    competitor_mentions: tuple[str, ...]
    link: str
    site: str  # the GA4 property's domain
    # channel group, source / medium, daily sessions at the start, engaged share, key events per session
    ga4_sources: tuple[tuple[str, str, int, float, float], ...]
    tagged: TaggedPosts


def _tagged_mapping(platform: str, labels: tuple[str, ...], metrics: dict[str, str]) -> ColumnMapping:
    fields = ("post_id", "published_at", "text", "url", "format", "strategy")
    return ColumnMapping(
        table="posts", platform=platform, columns=dict(zip(fields, labels, strict=True)), metrics=metrics
    )


PIN_MAPPING: Final = _tagged_mapping(
    "pinterest",
    ("Pin ID", "Created", "Title", "Pin link", "Format", "E"),
    {"Impressions": "impressions", "Saves": "saves", "Outbound clicks": "clicks", "Pin clicks": "engagements"},
)
PINS: Final = TaggedPosts(
    account="crumbandco",
    mapping=PIN_MAPPING,
    weekday=5,  # Saturdays
    hour=10,
    id_prefix="88",
    link="https://pinterest.example/pin/{id}",
    posts=(
        ("Celebration cake ideas for a first birthday", "carousel", "education"),
        ("Sourdough scoring patterns, step by step", "short_video", "education"),
        ("A weekend breakfast table for the whole family", "image", "education"),
        ("Wedding cake flavours that keep well", "image", "education"),
        ("How to slice a tall layer cake neatly", "short_video", "education"),
    ),
)
INSTAGRAM_MAPPING: Final = _tagged_mapping(
    "instagram",
    ("Post ID", "Publish time", "Caption", "Permalink", "Post type", "E"),
    {"Impressions": "impressions", "Saves": "saves", "Link clicks": "clicks", "Interactions": "engagements"},
)

BAKERY = DemoBrand(
    slug="crumb-and-co",
    name="Crumb & Co. Bakery",
    competitor="The Corner Loaf",
    page_id="104857600",
    post_weekdays=(1, 4),
    post_hour=7,
    link="https://crumbandco.example/{path}?utm_source=facebook&utm_medium=social&utm_campaign={campaign}",
    site="crumbandco.example",
    ga4_sources=(
        ("Organic Social", "l.facebook.com / referral", 16, 0.55, 0.02),
        ("Organic Social", "pinterest.com / referral", 7, 0.5, 0.015),
        ("Organic Social", "instagram.com / referral", 5, 0.45, 0.01),
        ("Organic Search", "google / organic", 48, 0.62, 0.025),
        ("Direct", "(direct) / (none)", 30, 0.58, 0.03),
        ("Referral", "localguide.example / referral", 4, 0.5, 0.01),
    ),
    tagged=PINS,
    posts=(
        "How we feed our sourdough starter, in three steps you can try in your own kitchen.",
        "Why our croissants take three days: the folding, the resting and the patience.",
        "Booking a birthday cake? Order at least five days ahead and tell us about allergies.",
        "Behind the counter at 5am: shaping two hundred loaves before the shop opens.",
        "Five ways to keep bread fresh for longer, without a freezer full of crusts.",
        "This weekend's family table: cinnamon buns, seeded rye and a lemon drizzle cake.",
        "Which flour makes which bread? A short guide from our head baker.",
        "Celebration cakes explained: sponge, filling and icing, and how long each keeps.",
        "Kids' baking morning on Saturday: small hands, big aprons, real dough.",
        "What 'slow fermented' means and why it makes bread easier to digest.",
    ),
    praise=(
        "The sourdough here is the best bread in the neighbourhood, still warm at eight.",
        "Ordered a birthday cake from Crumb & Co. for my daughter, it looked amazing and tasted even better.",
        "Saturday morning pastries with the kids are our favourite family treat, love it.",
        "Lovely friendly staff, they remembered our usual order.",
        "The cinnamon buns are delicious and worth the walk across town.",
        "Crumb & Co. made our wedding cake and every guest asked where it came from. Thank you!",
        "Great sourdough, great coffee, happy kids. Crumb & Co. never disappoints.",
        "Beautiful birthday cake decorating, and it was ready on time.",
    ),
    complaints=(
        "Waited twenty minutes in the Saturday queue, far too slow.",
        "The birthday cake from Crumb & Co. arrived late and the icing had melted. Disappointed.",
        "Sold out of sourdough by ten again, so annoying.",
        "Prices went up again and a loaf is now far too expensive. Disappointing.",
        "The weekend queue is terrible and there are no seats left for families.",
    ),
    questions=(
        "Does Crumb & Co. open on bank holidays?",
        "Is there parking near the Crumb & Co. shop on the high street?",
        "Crumb & Co. now posts the weekend menu on Fridays.",
    ),
    competitor_mentions=(
        "The Corner Loaf has nice baguettes but the staff seemed rushed.",
        "Picked up croissants at The Corner Loaf, decent but a bit dry.",
        "The new coffee corner at The Corner Loaf is great for working in the morning.",
        "The Corner Loaf cancelled my cake order the day before, not impressed.",
    ),
)

STUDIO = DemoBrand(
    slug="studio-neshima",
    name="סטודיו נשימה",
    competitor="מכון הכושר העירוני",
    page_id="209715200",
    post_weekdays=(6, 2, 4),
    post_hour=16,
    link="https://neshima.example/{path}?utm_source=facebook&utm_medium=social&utm_campaign={campaign}",
    site="neshima.example",
    ga4_sources=(
        ("Organic Social", "l.facebook.com / referral", 11, 0.6, 0.03),
        ("Organic Social", "instagram.com / referral", 9, 0.5, 0.02),
        ("Organic Search", "google / organic", 22, 0.6, 0.03),
        ("Direct", "(direct) / (none)", 12, 0.55, 0.04),
        ("Referral", "shchuna.example / referral", 3, 0.5, 0.02),
    ),
    tagged=TaggedPosts(
        account="studio.neshima",
        mapping=INSTAGRAM_MAPPING,
        weekday=1,  # Tuesdays
        hour=18,
        id_prefix="17",
        link="https://instagram.example/p/{id}",
        posts=(
            ("שלוש נשימות להרגעה לפני פגישה חשובה", "short_video", "education"),
            ("אתגר שבעה ימים של מתיחות בוקר: מי מצטרפת?", "carousel", "engagement"),
            ("מאחורי הקלעים: ככה מתכוננים לשיעור הערב", "short_video", "entertainment"),
            ("סיפור של מתאמנת: מכאבי גב לשלושה שיעורים בשבוע", "image", "empowerment"),
            ("איזו תנוחה הכי קשה לכם? ספרו לנו בתגובות", "image", "engagement"),
        ),
    ),
    posts=(
        "שלושה תרגילי נשימה לפני השינה, שאפשר לעשות במיטה בחמש דקות.",
        "איך בוחרים מזרן יוגה? עובי, אחיזה ומה חשוב למי שמתחיל.",
        "מה ההבדל בין יוגה לפילאטיס, ואיזה שיעור מתאים לכם?",
        "טיפ לגב: שתי מתיחות קצרות להפסקה בעבודה מול המחשב.",
        "מערכת השעות לחודש הבא: שיעורי בוקר חדשים בימי שני ורביעי.",
        "שיעור ניסיון ראשון? כך מתכוננים, ומה להביא איתכם.",
        "למה נשימה איטית מרגיעה: הסבר קצר של המורה שלנו.",
        "תנוחת הכלב מטה צעד אחר צעד, עם התאמות למי שהגב רגיש.",
        "פילאטיס על מזרן בבית: רצף של עשר דקות למתחילים.",
    ),
    praise=(
        "שיעור הבוקר פשוט מעולה, יצאתי רגועה לכל היום.",
        "המורה סבלנית ומסבירה כל תנועה, ממליצה בחום על סטודיו נשימה!",
        "אחרי חודש של פילאטיס הגב שלי הרבה יותר טוב. תודה!",
        "אווירה חמה ונעימה בסטודיו, מרגישים שם בבית.",
        "שיעור הערב ביום שלישי הוא הדבר הכי טוב בשבוע שלי.",
        "הצטרפתי בזכות חברה, ועכשיו אני מביאה עוד שתיים. מומלץ מאוד!",
    ),
    complaints=(
        "קשה למצוא חניה ליד הסטודיו בערב, מתסכל.",
        "המנוי יקר מדי ולא שווה את המחיר, מאכזב.",
        "שיעור הבוקר בוטל שוב בלי הודעה מראש, מאכזב.",
        "הכיתה הייתה צפופה מדי בשיעור הערב, לא היה מקום למזרן.",
    ),
    questions=(
        "מישהו יודע אם יש בסטודיו נשימה שיעור ניסיון?",
        "סטודיו נשימה פרסמו את מערכת השעות לחודש הבא.",
    ),
    competitor_mentions=(
        "מכון הכושר העירוני פתוח עד מאוחר, וזה נוח.",
        "במכון הכושר העירוני רועש ומלוכלך ואין יחס אישי, מאכזב.",
        "השיעורים במכון הכושר העירוני צפופים מדי, ממש מתסכל.",
        "המאמנים במכון הכושר העירוני נחמדים והמכשירים חדשים.",
    ),
)

BRANDS: Final = (BAKERY, STUDIO)

# A listening tool's export names the subject of each row but cannot tell a competitor: the user
# marks the competitor file as such when mapping it.
COMPETITOR_MAPPING: Final = ColumnMapping(table="mentions", is_competitor=True)

MENTION_HEADER: Final = ("ID", "Date", "Author", "Text", "Platform", "Reach", "Brand", "In reply to", "Shared from")
AUTHORS: Final = (
    "maya_k", "tom.baker", "jen_on_the_hill", "avi_r", "noa.levi", "sam_p", "rachel_g", "dov_m",
    "lior.a", "kate_w", "yael_s", "ben_h", "shira.t", "mike_o", "tamar_b", "amir.z",
)  # fmt: skip
PLATFORMS: Final = ("facebook", "instagram", "x", "web")


@dataclass(frozen=True)
class DemoExport:
    """One file to import: its name and bytes, and the mapping and account a user would give it."""

    name: str
    data: bytes
    mapping: ColumnMapping | None = None
    account: str = ""


@dataclass(frozen=True)
class _Post:
    post_id: str
    published: dt.datetime


def demo_exports(*, brand: DemoBrand, today: dt.date, seed: int = DEMO_SEED, days: int = DEMO_DAYS) -> list[DemoExport]:
    """The export files of one demo business's workspace, covering the ``days`` days before ``today``."""
    if days < 28:
        raise ValueError(f"days={days}: the demo needs at least one 28-day period")
    # A string seed is hashed with SHA-512, not Python's salted hash: the same bytes on every run.
    rng = random.Random(f"{seed}:{brand.slug}")
    first = today - dt.timedelta(days=days)
    last = today - dt.timedelta(days=1)
    span = f"{first:%Y%m%d}-{last:%Y%m%d}"
    data, posts = _meta_posts(brand, rng, first, last)
    files = [DemoExport(f"{brand.slug}-facebook-posts-{span}.csv", data)]
    tagged = brand.tagged
    files.append(
        DemoExport(
            f"{brand.slug}-{tagged.mapping.platform}-posts-{last:%Y%m%d}.csv",
            _tagged(tagged, rng, first, last),
            tagged.mapping,
            tagged.account,
        )
    )
    files.append(DemoExport(f"{brand.slug}-ga4-traffic-acquisition-{span}.csv", _ga4(brand, rng, first, last)))
    files.append(DemoExport(f"{brand.slug}-brand-mentions-{span}.csv", _mentions(brand, rng, first, last, posts)))
    files.append(
        DemoExport(
            f"{brand.slug}-competitor-mentions-{span}.csv",
            _competitor_mentions(brand, rng, first, last),
            COMPETITOR_MAPPING,
        )
    )
    return files


def _csv(rows: list[list[object]] | list[tuple[object, ...]], *, bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _growth(day: dt.date, first: dt.date, last: dt.date) -> float:
    """A page that slowly gains an audience: 1.0 on the first day, about 1.5 on the last."""
    span = max((last - first).days, 1)
    return 1.0 + 0.5 * (day - first).days / span


META_HEADER: Final = (
    "Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time", "Caption type",
    "Permalink", "Is crosspost", "Is share", "Post type", "Languages", "Custom labels", "Funded content status",
    "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares", "Reactions", "Comments", "Shares",
    "Total clicks", "Link clicks", "Other Clicks", "Seconds viewed",
)  # fmt: skip


def _meta_posts(brand: DemoBrand, rng: random.Random, first: dt.date, last: dt.date) -> tuple[bytes, list[_Post]]:
    """A Meta Business Suite post export (lifetime values) of the brand's Facebook page."""
    rows: list[list[object]] = [list(META_HEADER)]
    made: list[_Post] = []
    number = 0
    for day in _days(first, last):
        if day.weekday() not in brand.post_weekdays:
            continue
        number += 1
        post_id = f"{brand.page_id}_{1000 + number}"
        published = dt.datetime.combine(day, dt.time(brand.post_hour, rng.choice((0, 15, 30, 45))))
        text = brand.posts[(number - 1) % len(brand.posts)]
        kind = ("Photos", "Reels", "Links")[number % 3]
        if kind == "Links":
            text = f"{text} {brand.link.format(path='blog', campaign=f'tips-{published:%m}')}"
        grow = _growth(day, first, last) * (1.6 if kind == "Reels" else 1.0)
        # Yesterday's posts have had less time to be seen: their lifetime values are still growing.
        age = 0.6 if day == last else 1.0
        views = round(rng.uniform(700, 1500) * grow * age)
        reach = round(views * rng.uniform(0.62, 0.8))
        reactions = round(views * rng.uniform(0.025, 0.05))
        comments = rng.randint(0, 4) + (1 if kind == "Reels" else 0)
        shares = rng.randint(0, 5) + (2 if kind == "Reels" else 0)
        link_clicks = round(views * rng.uniform(0.01, 0.025)) if kind == "Links" else 0
        other_clicks = round(views * rng.uniform(0.005, 0.015))
        rows.append([
            post_id, brand.page_id, brand.name, "", text, rng.randint(15, 45) if kind == "Reels" else "",
            f"{published:%m/%d/%Y %H:%M}", "", f"https://www.facebook.com/{brand.page_id}/posts/{1000 + number}",
            "No", "No", kind, "", "", "", "", "Lifetime", views, reach, reactions + comments + shares, reactions,
            comments, shares, link_clicks + other_clicks, link_clicks or "", other_clicks,
            round(views * rng.uniform(2, 5)) if kind == "Reels" else "",
        ])  # fmt: skip
        made.append(_Post(post_id, published))
    return _csv(rows, bom=True), made


def _tagged(tagged: TaggedPosts, rng: random.Random, first: dt.date, last: dt.date) -> bytes:
    """The tagged posts, as a table copied out of the channel's analytics (semicolon-separated)."""
    rows: list[list[object]] = [[*tagged.mapping.columns.values(), *tagged.mapping.metrics]]
    number = 0
    for day in _days(first, last):
        if day.weekday() != tagged.weekday:
            continue
        number += 1
        title, kind, strategy = tagged.posts[(number - 1) % len(tagged.posts)]
        post_id = f"{tagged.id_prefix}{number:04d}"
        grow = _growth(day, first, last)
        impressions = round(rng.uniform(900, 2600) * grow)
        saves = round(impressions * rng.uniform(0.02, 0.05))
        clicks = round(impressions * rng.uniform(0.004, 0.012))
        other = round(impressions * rng.uniform(0.01, 0.03))
        rows.append([
            post_id, f"{day:%Y-%m-%d} {tagged.hour:02d}:{rng.randint(0, 59):02d}", title,
            tagged.link.format(id=post_id), kind, strategy, impressions, saves, clicks, other + saves + clicks,
        ])  # fmt: skip
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _ga4(brand: DemoBrand, rng: random.Random, first: dt.date, last: dt.date) -> bytes:
    """A GA4 traffic-acquisition report of the brand's website by day and session source / medium,
    as the UI downloads it."""
    lines = [
        "# ----------------------------------------",
        "# Traffic acquisition: Session source / medium",
        f"# Account: {brand.name}",
        f"# Property: {brand.site} - GA4",
        "# ----------------------------------------",
        "#",
        "# All Users",
        f"# Start date: {first:%Y%m%d}",
        f"# End date: {last:%Y%m%d}",
    ]
    rows: list[list[object]] = [["Date", "Session default channel group", "Session source / medium", "Sessions",
                                 "Engaged sessions", "Total users", "Key events", "Total revenue"]]  # fmt: skip
    total = 0
    for day in _days(first, last):
        weekend = 1.35 if day.weekday() in (4, 5) else 1.0
        for group, source, base, engaged_share, rate in brand.ga4_sources:
            social = group == "Organic Social"
            grow = _growth(day, first, last) if social else 1.0 + 0.1 * (day - first).days / max((last - first).days, 1)
            sessions = max(0, round(base * grow * weekend * rng.uniform(0.7, 1.3)))
            engaged = round(sessions * engaged_share * rng.uniform(0.85, 1.1))
            events = sum(rng.random() < rate for _ in range(sessions))
            revenue = round(sum(rng.uniform(18, 65) for _ in range(events)), 2)
            rows.append([f"{day:%Y%m%d}", group, source, sessions, min(engaged, sessions), round(sessions * 0.9),
                         events, f"{revenue:.2f}"])  # fmt: skip
            total += sessions
    body = _csv(rows).decode("utf-8")
    return ("\n".join(lines) + "\n" + body + "\n# Totals\nDate,Sessions\n," + str(total) + "\n").encode("utf-8")


def _mentions(brand: DemoBrand, rng: random.Random, first: dt.date, last: dt.date, own: list[_Post]) -> bytes:
    """Mentions of the brand from a listening tool; some answer or pass on its page's posts."""
    rows: list[tuple[object, ...]] = [MENTION_HEADER]
    number = 0
    recent: list[str] = []  # this brand's earlier Facebook mentions, for chains of replies
    for day in _days(first, last):
        count = rng.choices((0, 1, 2, 3), weights=(2, 4, 3, 2 if day.weekday() in (4, 5, 6) else 1))[0]
        # Complaints grow rarer as the business answers them: the opinion trend improves.
        complaint = 0.4 - 0.2 * (day - first).days / max((last - first).days, 1)
        for _ in range(count):
            number += 1
            mention_id = f"{brand.slug}-mn-{number:05d}"
            when = dt.datetime.combine(day, dt.time(rng.randint(7, 22), rng.randint(0, 59)))
            roll = rng.random()
            pool = (
                brand.complaints if roll < complaint else brand.questions if roll < complaint + 0.08 else brand.praise
            )
            text = rng.choice(pool)
            platform = rng.choices(PLATFORMS, weights=(5, 3, 1, 1))[0]
            reply_to = share_of = ""
            published = [p for p in own if p.published <= when]
            if platform == "facebook" and published:
                roll = rng.random()
                if roll < 0.45:
                    reply_to = rng.choice(published[-3:]).post_id
                elif roll < 0.6 and recent:
                    reply_to = rng.choice(recent[-4:])
                elif roll < 0.8:
                    share_of = published[-1].post_id
                recent.append(mention_id)
            reach = round(rng.lognormvariate(5.5, 1.0))
            rows.append((mention_id, f"{when:%Y-%m-%d %H:%M}", rng.choice(AUTHORS), text, platform, reach,
                         brand.name, reply_to, share_of))  # fmt: skip
    return _csv(rows)


def _competitor_mentions(brand: DemoBrand, rng: random.Random, first: dt.date, last: dt.date) -> bytes:
    """Mentions of the brand's named competitor, exported from the same listening tool."""
    rows: list[tuple[object, ...]] = [MENTION_HEADER]
    number = 0
    for day in _days(first, last):
        if rng.random() > 0.35:
            continue
        number += 1
        when = dt.datetime.combine(day, dt.time(rng.randint(7, 22), rng.randint(0, 59)))
        platform = rng.choices(PLATFORMS, weights=(4, 3, 2, 1))[0]
        rows.append((f"{brand.slug}-cm-{number:05d}", f"{when:%Y-%m-%d %H:%M}", rng.choice(AUTHORS),
                     rng.choice(brand.competitor_mentions), platform, round(rng.lognormvariate(5.5, 1.0)),
                     brand.competitor, "", ""))  # fmt: skip
    return _csv(rows)
