"""How sending an announcement scales: time per 1.000 recipients and peak
memory at each size, through anymail's test backend.

    DJANGO_SETTINGS_MODULE=songket_site.settings.test \\
        .venv/bin/python bench/announce.py [--sizes 10000,100000] [--tracemalloc]

Each size runs in a fresh process, so that its peak resident memory is its
own. Without DATABASE_URL each works in a throw-away SQLite file; with it,
in that database, which it fills with subscribers and outbox rows: point it
at a scratch database only. --tracemalloc also traces Python's allocations
(a truer peak, but it slows the run); --profile prints where time goes.
"""

import argparse
import cProfile
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 5_000


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "songket_site.settings.test")
    os.environ.setdefault("QUIET_TESTS", "1")
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="songket-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ensure_urls():
    """Mount the newsletter's URLs if the site does not (yet) do so."""
    import types

    from django.conf import settings
    from django.urls import NoReverseMatch, include, path, reverse

    try:
        reverse("newsletter:unsubscribe", args=["x"])
    except NoReverseMatch:
        module = types.ModuleType("bench_urls")
        site = __import__(settings.ROOT_URLCONF, fromlist=["urlpatterns"])
        module.urlpatterns = [
            path("newsletter/", include("promotions.urls")),
            *site.urlpatterns,
        ]
        sys.modules["bench_urls"] = module
        settings.ROOT_URLCONF = "bench_urls"


def make_shop():
    """A home page, a category and one product to announce."""
    from shop.models import ProductPage
    from tests import factories

    product = ProductPage.objects.first()
    if product is None:
        home = factories.make_home()
        category = factories.make_category(home, "Songket", "songket")
        product = factories.make_product(
            category, "Songket Lepus Bintang", [("BENCH-1", 1_750_000, 1000, 5)]
        )
    return product


def reset(size):
    """Exactly ``size`` subscribed mailboxes and an empty outbox."""
    from customers.models import OutboxMessage
    from promotions.models import Announcement, Subscriber

    OutboxMessage.objects.filter(kind="announcement").delete()
    Announcement.objects.all().delete()
    Subscriber.objects.all().delete()
    for start in range(0, size, CHUNK):
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"pembaca{n}@example.test",
                email_key=f"pembaca{n}@example.test",
                status="subscribed",
                language="en" if n % 5 == 0 else "id",
                source="form",
            )
            for n in range(start, min(size, start + CHUNK))
        )


def new_announcement(product):
    from promotions.models import Announcement, AnnouncementProduct

    announcement = Announcement.objects.create(
        subject="Baru: Songket Lepus Bintang", status="sending"
    )
    AnnouncementProduct.objects.create(announcement=announcement, product=product)
    return announcement


class Counter:
    """Counts recipients the test backend took, then lets the message go."""

    def __init__(self):
        self.recipients = 0

    def __call__(self, sender, message, **kwargs):
        from django.core import mail

        self.recipients += len(message.to)
        mail.outbox.clear()


def measure(size, product, profile=False, trace=False):
    """Send one announcement to ``size`` subscribers; returns the figures."""
    from anymail.signals import post_send
    from django.test import override_settings

    from promotions import announcements

    reset(size)
    announcement = new_announcement(product)
    counter = Counter()
    post_send.connect(counter, weak=False)
    profiler = cProfile.Profile() if profile else None
    backend = "anymail.backends.test.EmailBackend"
    with override_settings(EMAIL_BACKEND=backend, ANYMAIL={}):
        if trace:
            tracemalloc.start()
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        announcements.record_recipients(announcement)
        recorded = time.perf_counter()
        announcements.run(announcement.pk)
        seconds = time.perf_counter() - started
        if profiler:
            profiler.disable()
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        tracemalloc.stop()
    post_send.disconnect(counter)
    if profiler:
        pstats.Stats(profiler).sort_stats(
            os.environ.get("BENCH_SORT", "cumulative")
        ).print_stats(25)
    announcement.refresh_from_db()
    return {
        "size": size,
        "sent": announcement.sent_count,
        "mailed": counter.recipients,
        "seconds": seconds,
        "record_s": recorded - started,
        "per_1000": seconds / size * 1000,
        "peak_mb": peak / 2**20 if trace else None,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def report(rows):
    traced = rows[0]["peak_mb"] is not None
    print(
        f"{'recipients':>10} {'sent':>8} {'seconds':>8} {'record s':>8} "
        f"{'s/1.000':>8} "
        f"{'maxrss MB':>9}" + (f" {'traced MB':>9}" if traced else "")
    )
    for row in rows:
        line = (
            f"{row['size']:>10,} {row['sent']:>8,} {row['seconds']:>8.1f} "
            f"{row['record_s']:>8.1f} "
            f"{row['per_1000']:>8.3f} {row['maxrss_mb']:>9.0f}"
        )
        print(line + (f" {row['peak_mb']:>9.1f}" if traced else ""))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        ratios = [
            f"{last['size'] / first['size']:.0f}x the recipients",
            f"{last['seconds'] / first['seconds']:.1f}x the time",
            f"{last['per_1000'] / first['per_1000']:.2f}x the time per 1.000",
            f"{last['maxrss_mb'] / first['maxrss_mb']:.2f}x the resident memory",
        ]
        if traced:
            ratios.append(f"{last['peak_mb'] / first['peak_mb']:.2f}x the traced peak")
        print(", ".join(ratios))


def run_one(args):
    """Measure one size in this process and print its figures as JSON."""
    setup_django()
    ensure_urls()
    product = make_shop()
    row = measure(args.one, product, args.profile, args.tracemalloc)
    print(json.dumps(row))


def run_all(args):
    """Measure each size in a fresh process, then compare them."""
    rows = []
    for size in [int(size) for size in args.sizes.split(",")]:
        command = [sys.executable, __file__, "--one", str(size)]
        command += ["--tracemalloc"] * args.tracemalloc + ["--profile"] * args.profile
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        lines = done.stdout.strip().splitlines()
        print("\n".join(lines[:-1]), end="\n" if len(lines) > 1 else "")
        rows.append(json.loads(lines[-1]))
        print(f"{size:,} done in {rows[-1]['seconds']:.1f} s", flush=True)
    report(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.one:
        run_one(args)
    else:
        run_all(args)


if __name__ == "__main__":
    main()
