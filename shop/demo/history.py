"""A year of demo customers and orders, so that reports and the dashboard
have something to show.

Orders are priced by ``shop.pricing`` with the sales and vouchers of the
moment they were placed, but written in bulk: placing a thousand orders
one by one through checkout would take stock from the live catalogue and
send mail. Generated orders carry a checkout token starting with
``demo-``; when one exists, the history is not made again.
"""

import logging
import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from promotions.coverage import load_coverage
from promotions.identity import email_key
from promotions.models import PointsEntry, PromotionSettings, Sale, Voucher, VoucherUse
from promotions.sales import ActiveSale
from promotions.vouchers import VoucherNotApplicable
from shop.cart import CartLine
from shop.checkout import order_line
from shop.models import (
    Order,
    OrderEvent,
    OrderLine,
    OrderState,
    ProductIndexPage,
    ProductVariant,
    ShippingRate,
)
from shop.models.orders import OPEN_STATES
from shop.pricing import quote

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "demo-"  # noqa: S105 (a marker, not a secret)
CUSTOMERS = 200
ORDERS = 1000
DAYS = 365
JAKARTA = ZoneInfo(settings.TIME_ZONE)
S = OrderState

FIRST_NAMES = (
    "Siti Ahmad Dewi Rizky Putri Muhammad Nur Indah Agus Sri Budi Fitri Andi "
    "Ayu Hendra Rina Fajar Wulan Dedi Lestari Yusuf Ratna Arief Maya Bambang "
    "Kartika Iwan Sari Reza Intan Hasan Mega Teguh Nabila Joko Annisa Rudi "
    "Citra Eko Yuliana Faisal Diah Rahmat Novi Taufik Aminah Irfan Safitri"
).split()
LAST_NAMES = (
    "Saputra Wijaya Pratama Hidayat Lestari Kurniawan Siregar Nasution Harahap "
    "Sembiring Gunawan Santoso Rahmawati Setiawan Susanti Syahputra Kusuma "
    "Firmansyah Maharani Hakim Anggraini Ramadhan Permata Utami Wibowo Halim "
    "Marpaung Purnama Suryadi Fauzi"
).split()
STREETS = (
    "Jl. Sudirman",
    "Jl. Merdeka",
    "Jl. Kol. Atmo",
    "Jl. Demang Lebar Daun",
    "Jl. Veteran",
    "Jl. Diponegoro",
    "Jl. Ahmad Yani",
    "Jl. Gatot Subroto",
    "Jl. Pahlawan",
    "Jl. Kapten Rivai",
)
# Orders placed in the evening outnumber those at dawn; weight per hour.
HOUR_WEIGHTS = [
    1,
    1,
    1,
    1,
    1,
    2,
    3,
    4,
    5,
    6,
    6,
    6,
    7,
    7,
    6,
    6,
    6,
    7,
    8,
    10,
    12,
    12,
    9,
    4,
]

# State, share of all orders, and age in days (youngest, oldest).
STATE_PLAN = [
    (S.AWAITING_PAYMENT, 0.012, (0.02, 0.9)),
    (S.PAYMENT_SUBMITTED, 0.008, (0.1, 2.5)),
    (S.PAID, 0.012, (0.2, 4)),
    (S.SHIPPED, 0.02, (1, 10)),
    (S.CANCELLED, 0.06, (1.5, DAYS)),
    (S.EXPIRED, 0.09, (1.5, DAYS)),
]
COMPLETED_AGE = (10, DAYS)
# The steps an order in each state went through, after being placed.
PATHS = {
    S.AWAITING_PAYMENT: [],
    S.PAYMENT_SUBMITTED: [S.PAYMENT_SUBMITTED],
    S.PAID: [S.PAYMENT_SUBMITTED, S.PAID],
    S.SHIPPED: [S.PAYMENT_SUBMITTED, S.PAID, S.SHIPPED],
    S.COMPLETED: [S.PAYMENT_SUBMITTED, S.PAID, S.SHIPPED, S.COMPLETED],
    S.CANCELLED: [S.CANCELLED],
    S.EXPIRED: [S.EXPIRED],
}
# Hours after placing at which each step is taken.
STEP_HOURS = {
    S.PAYMENT_SUBMITTED: (0.3, 10),
    S.PAID: (1, 12),
    S.SHIPPED: (6, 30),
    S.COMPLETED: (48, 120),
    S.CANCELLED: (0.5, 20),
    S.EXPIRED: (24, 24),
}

VOUCHERS = [
    {
        "code": "SONGKET10",
        "name": "Songket 10%",
        "kind": "percent",
        "value": 10,
        "max_discount": 500_000,
        "min_subtotal": 1_000_000,
    },
    {
        "code": "HEMAT50RB",
        "name": "Hemat Rp 50.000",
        "kind": "fixed",
        "value": 50_000,
        "min_subtotal": 500_000,
    },
    {
        "code": "GRATISONGKIR",
        "name": "Gratis ongkir",
        "kind": "free_shipping",
        "min_subtotal": 750_000,
    },
    {
        "code": "LEBARAN15",
        "name": "Lebaran 15%",
        "kind": "percent",
        "value": 15,
        "max_discount": 750_000,
        "days": (130, 100),
    },
]
SALES = [
    {
        "name": "Pekan Songket",
        "kind": "percent",
        "value": 15,
        "days": (200, 190),
        "category": "songket",
    },
    {"name": "Harbolnas", "kind": "percent", "value": 12, "days": (60, 57)},
]


@dataclass
class Plan:
    """One order to be made: who, when, what, and how it ended."""

    number: int
    state: str
    placed: datetime
    customer: dict
    items: list
    rate: ShippingRate
    voucher: Voucher = None
    steps: list = field(default_factory=list)


@dataclass
class Made:
    """What a run made, to report and to test."""

    customers: int = 0
    orders: int = 0
    lines: int = 0
    seconds: float = 0.0


def demo_orders():
    return Order.objects.filter(checkout_token__startswith=TOKEN_PREFIX)


@transaction.atomic
def load_history(*, customers=CUSTOMERS, orders=ORDERS, seed=2412, now=None):
    """Make demo customers and a year of orders, once; returns what it made."""
    started = timezone.now()
    if demo_orders().exists():
        return Made()
    variants = list(
        ProductVariant.objects.filter(page__live=True).select_related("page")
    )
    rates = list(ShippingRate.objects.filter(active=True))
    if not variants or not rates:
        logger.warning("No live variants or shipping rates; no demo history")
        return Made()
    rng = random.Random(seed)  # noqa: S311 (made-up data, not secrets)
    now = now or timezone.now()
    people = make_people(rng, customers, orders)
    plans = plan_orders(rng, people, orders, variants, rates, now)
    users = save_customers(rng, people, plans, now)
    made = save_orders(rng, plans, users, now)
    made.customers = len(users)
    made.seconds = (timezone.now() - started).total_seconds()
    logger.info("Demo history: %s orders in %.1f s", made.orders, made.seconds)
    return made


# Customers


def person(rng, email):
    """A name, an email and a phone number."""
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    phone = "+628" + "".join(rng.choice("0123456789") for _ in range(10))
    return {"full_name": name, "email": email, "phone": phone}


def make_people(rng, customers, orders):
    """Registered customers (about three in four buy) and one-off guests."""
    registered = [
        {**person(rng, f"pelanggan{n:03d}@contoh.id"), "user": True}
        for n in range(1, customers + 1)
    ]
    guests = [
        {**person(rng, f"tamu{n:04d}@contoh.id"), "user": False}
        for n in range(1, orders // 3 + 1)
    ]
    return {"registered": registered, "guests": guests}


def pick_buyers(rng, people, count):
    """Whom each of ``count`` orders is for: every buyer at least once, a few
    loyal customers often, and guests mostly once."""
    buyers = people["registered"][: len(people["registered"]) * 3 // 4]
    guests = people["guests"]
    chosen = list(buyers) + list(guests)
    weights = [rng.lognormvariate(0, 1) for _ in buyers] + [0.05] * len(guests)
    chosen += rng.choices(buyers + guests, weights, k=max(0, count - len(chosen)))
    rng.shuffle(chosen)
    return chosen[:count]


def save_customers(rng, people, plans, now):
    """Create the registered customers that are missing; email to user."""
    User = get_user_model()
    first_order = {}
    for plan in plans:
        email = plan.customer["email"]
        first_order[email] = min(first_order.get(email, plan.placed), plan.placed)
    existing = set(User.objects.values_list("email", flat=True))
    new = [
        User(
            email=p["email"],
            full_name=p["full_name"],
            phone=p["phone"],
            password=make_password(None),
            date_joined=joined_at(rng, first_order.get(p["email"]), now),
        )
        for p in people["registered"]
        if p["email"] not in existing
    ]
    User.objects.bulk_create(new)
    emails = [p["email"] for p in people["registered"]]
    return {u.email: u for u in User.objects.filter(email__in=emails)}


def joined_at(rng, first_order, now):
    """Some days before the first order, or any time in the year for those
    who never ordered."""
    if first_order is None:
        return now - timedelta(days=rng.uniform(1, DAYS))
    return first_order - timedelta(days=rng.uniform(0, 20), hours=rng.uniform(0, 5))


# Planning


def plan_states(rng, count):
    """A state per order, in the shares of STATE_PLAN, at least one each."""
    states = []
    for state, share, _ages in STATE_PLAN:
        states += [state] * max(1, round(count * share))
    states += [S.COMPLETED] * max(1, count - len(states))
    rng.shuffle(states)
    return states[:count]


def placed_at(rng, state, now):
    """When an order in ``state`` was placed: recent for open orders, and
    more often lately than a year ago for the rest."""
    ages = {s: a for s, _share, a in STATE_PLAN}.get(state, COMPLETED_AGE)
    youngest, oldest = ages
    age = youngest + (oldest - youngest) * rng.random() ** 1.4
    day = timezone.localtime(now - timedelta(days=age), JAKARTA).date()
    hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
    moment = datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=JAKARTA)
    moment += timedelta(seconds=rng.randrange(60))
    if moment > now - timedelta(days=youngest):
        moment = now - timedelta(days=youngest, minutes=rng.randrange(1, 60))
    return moment


def pick_items(rng, variants):
    """One to three variants, cheaper cloth more often, mostly one of each."""
    count = rng.choices([1, 2, 3], [70, 22, 8])[0]
    weights = [1 / (v.price / 250_000) ** 0.7 for v in variants]
    chosen = {}
    for variant in rng.choices(variants, weights, k=count):
        chosen[variant] = (
            chosen.get(variant, 0) + rng.choices([1, 2, 3], [85, 12, 3])[0]
        )
    return [CartLine(variant, qty) for variant, qty in chosen.items()]


def plan_orders(rng, people, count, variants, rates, now):
    """Every order to be made, oldest first."""
    states = plan_states(rng, count)
    buyers = pick_buyers(rng, people, count)
    plans = [
        Plan(
            number=n,
            state=state,
            placed=placed_at(rng, state, now),
            customer=buyer,
            items=pick_items(rng, variants),
            rate=rng.choice(rates),
            steps=PATHS[state],
        )
        for n, (state, buyer) in enumerate(zip(states, buyers, strict=True))
    ]
    return sorted(plans, key=lambda plan: plan.placed)


# Promotions


def load_vouchers(now):
    """The demo's vouchers, made the first time."""
    found = []
    for data in VOUCHERS:
        data = dict(data)
        days = data.pop("days", None)
        if days:
            data["starts_at"] = now - timedelta(days=days[0])
            data["ends_at"] = now - timedelta(days=days[1])
        voucher, _ = Voucher.objects.get_or_create(code=data["code"], defaults=data)
        found.append((voucher, load_coverage(voucher)))
    return found


def load_sales(now):
    """The demo's past sales, made the first time; every sale with its
    coverage, to price orders at the moment they were placed."""
    for data in SALES:
        data = dict(data)
        first, last = data.pop("days")
        category = data.pop("category", None)
        sale, created = Sale.objects.get_or_create(
            name=data["name"],
            defaults={
                **data,
                "starts_at": now - timedelta(days=first),
                "ends_at": now - timedelta(days=last),
            },
        )
        if created and category:
            sale.categories.set(ProductIndexPage.objects.filter(slug=category))
    return [ActiveSale(sale, load_coverage(sale)) for sale in Sale.objects.all()]


def sales_at(sales, moment):
    return [s for s in sales if s.sale.starts_at <= moment < s.sale.ends_at]


def voucher_open(voucher, moment):
    starts, ends = voucher.starts_at, voucher.ends_at
    return (starts is None or starts <= moment) and (ends is None or moment < ends)


def price(rng, plan, vouchers, sales, used):
    """Quote the order at its moment, with a voucher about one time in five."""
    running = sales_at(sales, plan.placed)
    if rng.random() < 0.2:
        offers = [v for v, _c in vouchers if voucher_open(v, plan.placed)]
        voucher = rng.choice(offers) if offers else None
        key = (voucher, plan.customer["email"])
        if voucher is not None and key not in used:
            try:
                priced = quote(plan.items, plan.rate, sales=running, voucher=voucher)
            except VoucherNotApplicable:
                pass
            else:
                used.add(key)
                return priced
    return quote(plan.items, plan.rate, sales=running)


# Orders


def unique_codes(rng, plans):
    """A code per order; open orders' codes differ from every open order's."""
    taken = set(
        Order.objects.filter(state__in=OPEN_STATES).values_list(
            "unique_code", flat=True
        )
    )
    free = [code for code in range(1, 1000) if code not in taken]
    rng.shuffle(free)
    codes = []
    for plan in plans:
        codes.append(free.pop() if plan.state in OPEN_STATES else rng.randint(1, 999))
    return codes


def build_order(rng, plan, priced, code, user):
    """An unsaved order with the amounts of ``priced``."""
    customer, rate = plan.customer, plan.rate
    total = priced.total_before_code + code
    shipped = plan.state in (S.SHIPPED, S.COMPLETED)
    return Order(
        number=f"TMP-D{plan.number:06d}",
        checkout_token=f"{TOKEN_PREFIX}{plan.number:05d}-{rng.getrandbits(48):012x}",
        user=user,
        state=plan.state,
        language=rng.choices(["id", "en"], [9, 1])[0],
        full_name=customer["full_name"],
        email=customer["email"],
        email_key=email_key(customer["email"]),
        phone=customer["phone"],
        street=f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}",
        postcode=str(rng.randint(10110, 99999)),
        city=rate.city,
        province=rate.province,
        courier=rate.courier,
        service=rate.service,
        shipping_days=rate.days,
        price_per_kg=rate.price_per_kg,
        weight_grams=priced.weight_grams,
        shipping_kg=priced.shipping_kg,
        subtotal=priced.subtotal,
        voucher_code=priced.voucher.code if priced.voucher else "",
        discount=priced.discount,
        shipping_cost=priced.shipping,
        shipping_discount=priced.shipping_discount,
        unique_code=code,
        total=total,
        payment_deadline=plan.placed + timedelta(hours=24),
        tracking_number=f"JP{rng.randrange(10**11):011d}" if shipped else "",
        shipped_with=f"{rate.courier} {rate.service}" if shipped else "",
    )


def build_lines(order, priced):
    return [order_line(order, line) for line in priced.lines]


def step_times(rng, plan, now):
    """When each step of the order's path was taken, never after ``now``."""
    moments, moment = [], plan.placed
    for step in plan.steps:
        low, high = STEP_HOURS[step]
        moment = min(now, moment + timedelta(hours=rng.uniform(low, high)))
        moments.append((step, moment))
    return moments


def build_events(rng, order, plan, actor, now):
    """The order's history: placed, then each step of its path."""
    events = [
        OrderEvent(order=order, to_state=S.AWAITING_PAYMENT, created_at=plan.placed)
    ]
    before = S.AWAITING_PAYMENT
    for step, moment in step_times(rng, plan, now):
        by_staff = step not in (S.PAYMENT_SUBMITTED, S.EXPIRED)
        events.append(
            OrderEvent(
                order=order,
                from_state=before,
                to_state=step,
                actor=actor if by_staff else None,
                note="payment deadline passed" if step == S.EXPIRED else "",
                created_at=moment,
            )
        )
        before = step
    return events


def save_orders(rng, plans, users, now):
    """Price and write every planned order with its lines and history."""
    vouchers = load_vouchers(now)
    sales = load_sales(now)
    actor = get_user_model().objects.filter(email="manager@songket.test").first()
    used = set()
    codes = unique_codes(rng, plans)
    orders, lines, events, uses = [], [], [], []
    for plan, code in zip(plans, codes, strict=True):
        priced = price(rng, plan, vouchers, sales, used)
        user = users.get(plan.customer["email"]) if plan.customer["user"] else None
        order = build_order(rng, plan, priced, code, user)
        orders.append(order)
        lines += build_lines(order, priced)
        events += build_events(rng, order, plan, actor, now)
        if priced.voucher is not None:
            uses.append(build_use(order, priced, plan.placed, events[-1]))
    write_orders(orders, plans, now)
    write_rows(OrderLine, lines)
    write_dated(OrderEvent, events)
    write_dated(VoucherUse, uses)
    write_dated(PointsEntry, build_points(orders, events, now))
    return Made(orders=len(orders), lines=len(lines))


def build_use(order, priced, placed, last_event):
    """The voucher use of an order, given back if the order ended unpaid."""
    returned = last_event.to_state in (S.CANCELLED, S.EXPIRED)
    return VoucherUse(
        voucher=priced.voucher,
        order=order,
        user=order.user,
        email_key=email_key(order.email),
        discount=priced.discount,
        shipping_discount=priced.shipping_discount,
        created_at=placed,
        returned_at=last_event.created_at if returned else None,
    )


def build_points(orders, events, now):
    """Points earned by registered customers' completed orders."""
    terms = PromotionSettings.current()
    done = {
        e.order.checkout_token: e.created_at
        for e in events
        if e.to_state == S.COMPLETED
    }
    entries = []
    for order in orders:
        if order.user is None or order.checkout_token not in done:
            continue
        points = (order.subtotal - order.discount) // max(1, terms.rupiah_per_point)
        when = done[order.checkout_token]
        entries.append(
            PointsEntry(
                user=order.user,
                kind=PointsEntry.Kind.EARN,
                points=points,
                order=order,
                expires_at=when + relativedelta(months=terms.points_valid_months),
                expired=False,
                created_at=when,
            )
        )
    return [entry for entry in entries if entry.points > 0]


def write_orders(orders, plans, now):
    """Insert the orders, then give them their numbers and moments, which
    ``auto_now_add`` would otherwise set to now."""
    Order.objects.bulk_create(orders, batch_size=500)
    for order, plan in zip(orders, plans, strict=True):
        local = timezone.localtime(plan.placed, JAKARTA)
        order.number = f"SK-{local:%y%m}-{order.pk:04d}"
        order.created_at = plan.placed
        order.updated_at = now
    set_columns(Order, orders, ["number", "created_at", "updated_at"])


def write_rows(model, rows):
    model.objects.bulk_create(rows, batch_size=500)


def write_dated(model, rows):
    """Insert rows and set back the ``created_at`` that insertion overwrote."""
    moments = [row.created_at for row in rows]
    write_rows(model, rows)
    for row, moment in zip(rows, moments, strict=True):
        row.created_at = moment
    set_columns(model, rows, ["created_at"])


def set_columns(model, rows, names):
    """Write ``names`` of saved rows with one prepared statement.

    ``bulk_update`` builds a CASE expression per row and takes seconds for a
    few thousand rows; this takes a fraction of one.
    """
    quote_name = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    assignments = ", ".join(f"{quote_name(f.column)} = %s" for f in fields)
    table, key = quote_name(model._meta.db_table), quote_name(model._meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields]
        + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
