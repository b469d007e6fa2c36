"""A deterministic, realistic demo database.

The same ``seed`` gives the same customers, orders, interactions and
complaints, dated relative to ``now``.  The book has the skew real ones have:
spend per customer is log-normal (a few big customers, many small; the top
20 % bring most of the revenue), about a fifth are prospects who never bought,
and some buyers went dormant a year or more ago.  Names and companies are
mostly Chinese, some English.  Everything is written with ``executemany`` in
one transaction (a 100k-customer / 1M-interaction book takes tens of seconds).
"""

from __future__ import annotations

import math
import os
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from crm_desktop.db.bulk import insert_many, set_meta
from crm_desktop.db.database import Database
from crm_desktop.db.sync import stable_id
from crm_desktop.db.types import ts_text
from crm_desktop.domain.hlc import Stamp
from crm_desktop.services.text import pinyin_keys, search_texts

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞斌建国志文辉宇晨浩然欣怡子涵梓轩雨桐思远嘉琪婷雪梅海燕春兰晓东立新德福佳慧俊峰振宇家豪"
EN_FIRST = ["Anna", "David", "Emily", "James", "Linda", "Michael", "Sarah", "Tom", "Grace", "Kevin", "Lucy", "Peter",
            "Helen", "Jack", "Sophie", "Daniel", "Olivia", "Ryan", "Chloe", "Eric", "Amy", "Ben", "Carol", "Dennis",
            "Fiona", "George", "Hannah", "Ian", "Julia", "Karen", "Leo", "Mia", "Nathan", "Oscar", "Paula", "Quinn",
            "Rachel", "Sam", "Tina", "Victor", "Wendy", "Yvonne", "Zoe", "Adrian", "Bella", "Colin", "Diana", "Edward"]
EN_LAST = ["Smith", "Brown", "Wilson", "Taylor", "Lee", "Wong", "Chan", "Martin", "Clark", "Young", "King", "Scott",
           "Green", "Baker", "Hill", "Liu", "Ng", "Tan", "Lim", "Ho", "Adams", "Bell", "Carter", "Davis", "Evans",
           "Fischer", "Garcia", "Hughes", "Ito", "Jones", "Kim", "Lopez", "Miller", "Nguyen", "Owen", "Park",
           "Reed", "Schmidt", "Turner", "Walker", "Yamada", "Zhou", "Cheung", "Leung", "Yeung", "Kwok", "Lau", "Fung"]
CITIES = ["北京", "上海", "深圳", "杭州", "广州", "成都", "苏州", "南京", "武汉", "西安", "重庆", "天津", "宁波", "青岛", "厦门"]
FIRM_WORDS = ["华信", "恒达", "中科", "鼎盛", "宏图", "瑞丰", "金桥", "新元", "博远", "东方", "永安", "天成", "嘉禾", "海纳",
              "联创", "锦程", "星辰", "长城", "远航", "众诚"]
INDUSTRIES = [("科技", "软件与信息服务"), ("贸易", "批发零售"), ("制造", "机械制造"), ("物流", "交通物流"),
              ("餐饮", "餐饮酒店"), ("医疗器械", "医疗健康"), ("建材", "建筑建材"), ("电子", "电子元器件"),
              ("食品", "食品饮料"), ("教育", "教育培训")]
SUFFIXES = ["有限公司", "股份有限公司", "贸易有限公司", "集团有限公司"]
EN_COMPANIES = ["Pacific Trading Co., Ltd.", "Bluewave Tech Ltd.", "Golden Bridge Imports", "Northstar Logistics",
                "Evergreen Foods Inc.", "Summit Machinery Ltd.", "Harbor Medical Supplies", "Brightpath Education"]
OWNERS = ["王磊", "李娜", "陈静", "Alex Chen"]
TAGS = ["VIP", "老客户", "经销商", "展会线索", "重点跟进", "价格敏感", "Key account"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187", "188", "189"]
CHANNELS = ["phone"] * 45 + ["wechat"] * 25 + ["email"] * 12 + ["visit"] * 8 + ["meeting"] * 5 + ["sms"] * 4 + ["fax"]
OUTCOMES = ["reached"] * 50 + ["no_answer"] * 20 + ["call_back"] * 12 + ["not_interested"] * 6 + ["order_promised"] * 8 + ["ordered"] * 4
SUMMARIES = ["询问新品价格", "确认交货时间", "介绍年度促销方案", "回访上次订单满意度", "客户要求寄送样品", "讨论合同续签",
             "了解采购计划", "客户反馈使用问题", "邀请参加产品发布会", "节日问候", "Followed up on the quote",
             "Discussed next quarter's volume", "Sent the new catalogue"]
NEXT_STEPS = ["发送报价单", "寄样品", "安排上门拜访", "确认合同条款", "提醒付款", "下周再联系", "Send the revised quote",
              "Book a demo visit"]
NEEDS = ["希望缩短交货周期", "关注价格和账期", "需要定制包装", "重视售后响应速度", "计划扩大采购规模", "", "", ""]
COMPLAINT_TEXT = ["货物破损", "发货延迟一周", "发票金额错误", "客服态度差", "产品质量不稳定", "Wrong item delivered"]
CATEGORIES = ["quality", "delivery", "billing", "service", "other"]
SEVERITIES = ["low"] * 4 + ["medium"] * 3 + ["high"] * 2 + ["critical"]
ROLES = ["user", "influencer", "decider", "approver", "buyer", "gatekeeper"]
LEAD_SOURCES = ["trade_fair", "association", "referral", "customer_referral", "staff", "visit", "web", "other"]


def _id(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _mobile(rng: random.Random) -> str:
    return "+86" + rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def generate_demo(db: Database, *, customers: int = 2000, seed: int = 1, now: datetime,
                  interactions_per_customer: float = 10.0, language: str = "zh_CN",
                  progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Fill the (new, empty) database *db* with a demo book; returns row counts."""
    rng = random.Random(seed)
    now = now.astimezone(timezone.utc)
    site = f"demo{seed:012d}"[:16]
    stamp = Stamp(int(now.timestamp() * 1000), 0, site).encode()
    start = now - timedelta(days=730)
    span_s = 730 * 86400
    counts = {"customer": 0, "contact": 0, "sales_order": 0, "interaction": 0, "complaint": 0, "customer_tag": 0}

    cust_rows, contact_rows, order_rows, inter_rows, compl_rows, event_rows, link_rows, search_rows = ([] for _ in range(8))
    tag_rows = [(stable_id("tag", t), stamp, stamp, t, "") for t in TAGS]
    now_txt = ts_text(now)

    start_epoch = start.timestamp()
    fromts = datetime.fromtimestamp  # naive UTC via utcfromtimestamp-free path below

    def ts(seconds_from_start: float) -> str:
        return fromts(start_epoch + seconds_from_start, timezone.utc).replace(tzinfo=None).isoformat(" ", "microseconds")

    total_steps = customers
    for i in range(customers):
        cid = _id(rng)
        english = rng.random() < 0.08
        if english:
            name = f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"
        else:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        r = rng.random()
        kind = "person" if r < 0.45 else "business" if r < 0.85 else "intermediary" if r < 0.95 else "public"
        if english:
            company = rng.choice(EN_COMPANIES)
            industry = rng.choice(INDUSTRIES)[1]
        else:
            word, industry = rng.choice(INDUSTRIES)
            company = rng.choice(CITIES) + rng.choice(FIRM_WORDS) + word + rng.choice(SUFFIXES)
        if kind == "person" and rng.random() < 0.5:
            company = ""
        phone = _mobile(rng)
        email = ""
        if rng.random() < 0.6:
            local = (pinyin_keys(name)[0] or name.replace(" ", ".").lower()) + str(rng.randrange(100))
            email = f"{local}@{rng.choice(['qq.com', '163.com', 'example.cn', 'gmail.com', 'outlook.com'])}"
        owner = OWNERS[min(int(rng.paretovariate(1.2)) - 1, len(OWNERS) - 1)]
        birthday = (date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 40))).isoformat() if rng.random() < 0.35 else None
        do_not_contact = rng.random() < 0.03
        created = rng.uniform(0, span_s * 0.9)
        full, initials = pinyin_keys(name)
        notes = rng.choice(["", "", "", "老板比较忙，上午联系", "只接受微信沟通", "Prefers e-mail", "春节前备货"])
        needs = rng.choice(NEEDS)
        channel = rng.choice(["phone", "wechat", "email", "visit", None])
        address = rng.choice(["", "", "朝阳区建国路88号", "浦东新区世纪大道100号", "南山区科技园"])
        cust_rows.append((
            cid, stamp, stamp, kind, name, full or name.casefold(), initials, company, phone, email,
            address, industry if company else "",
            rng.choice([None, "micro", "small", "medium", "large"]) if kind != "person" else None,
            rng.choice(LEAD_SOURCES), channel, birthday, None, int(rng.random() < 0.6 and not do_not_contact),
            int(do_not_contact), owner, rng.choice([None, "awareness", "exploration", "expansion", "commitment"]),
            needs, notes, f"C{100000 + i}" if rng.random() < 0.3 else "", ts(created), ts(created),
        ))
        contact_list: list[tuple[str, str, str]] = []
        if kind != "person":
            for _ in range(rng.choice((1, 1, 2, 3, 4))):
                cname = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
                cphone = _mobile(rng)
                contact_rows.append((_id(rng), stamp, stamp, cid, cname, rng.choice(ROLES),
                                     rng.choice(["经理", "采购主管", "总经理", "工程师", "财务"]), cphone, "", None, ""))
                contact_list.append((cname, cphone, ""))
        for t in rng.sample(TAGS, k=rng.choice((0, 0, 0, 1, 1, 2))):
            tid = stable_id("tag", t)
            link_rows.append((stable_id("customer_tag", cid, tid), stamp, stamp, cid, tid))
        key, doc = search_texts(name, company, phone, email, [industry if company else "", address, notes, needs],
                                contact_list)
        search_rows.append((cid, key, doc))

        # orders: prospects never buy; value per customer is log-normal (Pareto-like skew)
        if rng.random() > 0.2:
            rate_per_year = min(rng.lognormvariate(1.0, 0.9), 40.0)
            avg_minor = int(rng.lognormvariate(math.log(80000), 1.1))  # fen: median ¥800
            lifetime_end = span_s if rng.random() > 0.25 else rng.uniform(created, span_s)  # some went quiet
            t = created + rng.expovariate(rate_per_year / (365 * 86400))
            while t < lifetime_end:
                amount = max(100, int(avg_minor * rng.lognormvariate(0, 0.4)) // 100 * 100)
                order_rows.append((_id(rng), stamp, stamp, cid, ts(t), amount, "CNY",
                                   rng.choice(["办公耗材", "设备配件", "年度服务", "原材料", "Spare parts", "定制产品"]), ""))
                t += rng.expovariate(rate_per_year / (365 * 86400))

        n_inter = int(rng.expovariate(1.0 / interactions_per_customer)) if interactions_per_customer else 0
        for _ in range(n_inter):
            at = rng.uniform(created, span_s)
            open_next = rng.random() < 0.3
            due = None
            if open_next:
                due_dt = start + timedelta(seconds=at) + timedelta(days=rng.choice((1, 2, 3, 7, 14)))
                due = ts_text(due_dt)
            done = 0 if (open_next and due and due > ts_text(now - timedelta(days=21))) else 1
            inter_rows.append((_id(rng), stamp, stamp, cid, None, owner, rng.choice(CHANNELS),
                               rng.choice(("out", "out", "in")), ts(at), rng.choice(SUMMARIES), rng.choice(OUTCOMES),
                               rng.choice(NEXT_STEPS) if open_next else "", due, done, None))
        if rng.random() < 0.04:
            opened = rng.uniform(max(created, span_s - 200 * 86400), span_s)
            sev = rng.choice(SEVERITIES)
            # most complaints get handled: only recent ones are still open
            age_days = (span_s - opened) / 86400
            if age_days > 21 or rng.random() < 0.5:
                status = rng.choice(["resolved", "closed", "closed", "closed"])
            else:
                status = rng.choice(["new", "acknowledged", "in_progress", "in_progress"])
            comp_id = _id(rng)
            hours = {"critical": (4, 24), "high": (8, 72), "medium": (24, 168), "low": (48, 336)}[sev]
            first = opened + rng.uniform(0.2, 2.0) * hours[0] * 3600 if status != "new" else None
            resolved = opened + rng.uniform(0.3, 2.0) * hours[1] * 3600 if status in ("resolved", "closed") else None
            if resolved and resolved > span_s:
                resolved = span_s - 3600
            if first and first > span_s:
                first = span_s - 7200
            compl_rows.append((comp_id, stamp, stamp, cid, ts(opened), rng.choice(("phone", "wechat", "email")),
                               rng.choice(CATEGORIES), sev, status, owner, rng.choice(COMPLAINT_TEXT),
                               ts(opened + hours[0] * 3600), ts(opened + hours[1] * 3600),
                               ts(first) if first else None, ts(resolved) if resolved else None,
                               ts(resolved) if status == "closed" and resolved else None,
                               "已补发并致歉" if resolved else "", rng.choice((3, 4, 5, 5, 2)) if status == "closed" else None))
            event_rows.append((_id(rng), stamp, stamp, comp_id, ts(opened), owner, None, "new", ""))
        if progress and (i % 2000 == 0 or i == total_steps - 1):
            progress(i + 1, total_steps)

    with db.raw_connection() as conn:
        conn.execute("PRAGMA cache_size=-400000")  # 400 MB while bulk-loading: random ids make B-tree inserts cache-hungry
        insert_many(conn, "tag", ("id", "created_stamp", "stamp", "name", "color"), tag_rows)
        insert_many(conn, "customer", (
            "id", "created_stamp", "stamp", "kind", "name", "name_pinyin", "name_initials", "company", "phone",
            "email", "address", "industry", "size", "lead_source", "preferred_channel", "birthday", "anniversary",
            "consent_marketing", "do_not_contact", "owner", "relationship_stage", "needs", "notes", "external_id",
            "created_at", "updated_at"), cust_rows)
        insert_many(conn, "contact", ("id", "created_stamp", "stamp", "customer_id", "name", "role", "title", "phone",
                                      "email", "birthday", "notes"), contact_rows)
        insert_many(conn, "customer_tag", ("id", "created_stamp", "stamp", "customer_id", "tag_id"), link_rows)
        insert_many(conn, "sales_order", ("id", "created_stamp", "stamp", "customer_id", "ordered_at", "amount_minor",
                                          "currency", "description", "external_ref"), order_rows)
        insert_many(conn, "interaction", ("id", "created_stamp", "stamp", "customer_id", "contact_id", "owner",
                                          "channel", "direction", "occurred_at", "summary", "outcome", "next_step",
                                          "next_due_at", "next_done", "complaint_id"), inter_rows)
        insert_many(conn, "complaint", ("id", "created_stamp", "stamp", "customer_id", "opened_at", "channel",
                                        "category", "severity", "status", "owner", "description", "response_due_at",
                                        "resolve_due_at", "first_response_at", "resolved_at", "closed_at",
                                        "resolution", "satisfaction"), compl_rows)
        insert_many(conn, "complaint_event", ("id", "created_stamp", "stamp", "complaint_id", "at", "actor",
                                              "from_status", "to_status", "note"), event_rows)
        insert_many(conn, "customer_search", ("customer_id", "key", "doc"), search_rows)
        set_meta(conn, "demo", "1")  # only a book marked so may be replaced by the next demo
        set_meta(conn, "demo_seed", str(seed))
        set_meta(conn, "demo_created_at", now_txt)
        set_meta(conn, "last_stamp", stamp)
        conn.execute("PRAGMA cache_size=-2000")
    db.clock.observe(stamp)
    counts.update(customer=len(cust_rows), contact=len(contact_rows), sales_order=len(order_rows),
                  interaction=len(inter_rows), complaint=len(compl_rows), customer_tag=len(link_rows))
    return counts


DEMO_BYTES_PER_CUSTOMER = 7_000
"""Disk a demo book takes per customer with its orders, contacts and history (measured: 6.7 KB)."""


def create_demo_book(path: str | os.PathLike, *, customers: int = 2000, seed: int = 1, now: datetime,
                     language: str = "zh_CN", progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Write a new demo book to *path*; returns its row counts.

    The book is made in a new file beside *path* and moved into place only
    when complete, so an interrupted demo never leaves half a book (nor
    destroys the demo it was replacing).  The caller decides whether *path*
    may be replaced (only a demo book may) and holds its lock.
    """
    import shutil

    from crm_desktop.db.database import open_database
    from crm_desktop.db.errors import DiskFullError

    path = Path(path)
    temp = path.with_name(f".{path.name}.new")
    _remove_book_files(temp)
    path.parent.mkdir(parents=True, exist_ok=True)
    needed = customers * DEMO_BYTES_PER_CUSTOMER + 1024 * 1024
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise DiskFullError(path, free_bytes=free, needed_bytes=needed)
    db = open_database(temp, create=True)
    try:
        counts = generate_demo(db, customers=customers, seed=seed, now=now, language=language, progress=progress)
    except BaseException:
        db.close()
        _remove_book_files(temp)
        raise
    db.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(temp, path)
    _remove_book_files(temp)
    return counts


def _remove_book_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
