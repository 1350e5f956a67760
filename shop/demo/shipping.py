"""Shipping rates from Palembang, per kilogram, for the demo shop."""

import logging

from shop.models import ShippingRate

logger = logging.getLogger(__name__)

# City, province, JNE REG per kg (Rp), REG days (min, max).
CITIES = [
    ("Palembang", "Sumatera Selatan", 8_000, (1, 2)),
    ("Prabumulih", "Sumatera Selatan", 11_000, (1, 2)),
    ("Lubuklinggau", "Sumatera Selatan", 14_000, (2, 3)),
    ("Jambi", "Jambi", 14_000, (2, 3)),
    ("Bengkulu", "Bengkulu", 15_000, (2, 3)),
    ("Bandar Lampung", "Lampung", 13_000, (1, 2)),
    ("Pangkal Pinang", "Kepulauan Bangka Belitung", 15_000, (2, 3)),
    ("Padang", "Sumatera Barat", 17_000, (2, 4)),
    ("Pekanbaru", "Riau", 17_000, (2, 4)),
    ("Medan", "Sumatera Utara", 18_000, (2, 4)),
    ("Batam", "Kepulauan Riau", 19_000, (2, 4)),
    ("Jakarta Pusat", "DKI Jakarta", 13_000, (2, 3)),
    ("Jakarta Selatan", "DKI Jakarta", 13_000, (2, 3)),
    ("Tangerang", "Banten", 14_000, (2, 3)),
    ("Bekasi", "Jawa Barat", 14_000, (2, 3)),
    ("Bogor", "Jawa Barat", 15_000, (2, 3)),
    ("Bandung", "Jawa Barat", 16_000, (2, 3)),
    ("Semarang", "Jawa Tengah", 19_000, (2, 4)),
    ("Surakarta (Solo)", "Jawa Tengah", 20_000, (2, 4)),
    ("Yogyakarta", "DI Yogyakarta", 19_000, (2, 4)),
    ("Surabaya", "Jawa Timur", 21_000, (2, 4)),
    ("Malang", "Jawa Timur", 23_000, (3, 4)),
    ("Denpasar", "Bali", 27_000, (3, 5)),
    ("Mataram", "Nusa Tenggara Barat", 32_000, (3, 5)),
    ("Kupang", "Nusa Tenggara Timur", 45_000, (4, 6)),
    ("Pontianak", "Kalimantan Barat", 29_000, (3, 5)),
    ("Banjarmasin", "Kalimantan Selatan", 31_000, (3, 5)),
    ("Balikpapan", "Kalimantan Timur", 34_000, (3, 5)),
    ("Makassar", "Sulawesi Selatan", 36_000, (3, 5)),
    ("Manado", "Sulawesi Utara", 48_000, (4, 6)),
    ("Ambon", "Maluku", 55_000, (4, 7)),
    ("Jayapura", "Papua", 78_000, (5, 8)),
]


def round_thousand(amount):
    """Couriers quote whole thousands of rupiah."""
    return (amount + 500) // 1000 * 1000


def services(reg_price, reg_days):
    """JNE REG and YES and J&T EZ for one city, from its JNE REG rate."""
    low, high = reg_days
    return [
        ("JNE", "REG", reg_price, low, high),
        ("JNE", "YES", round_thousand(reg_price * 18 // 10), 1, 1 + (low > 2)),
        ("J&T", "EZ", round_thousand(reg_price * 95 // 100), low, high + 1),
    ]


def load_rates():
    """Create or update every demo rate; returns the number of cities."""
    for city, province, reg_price, reg_days in CITIES:
        for courier, service, price, low, high in services(reg_price, reg_days):
            ShippingRate.objects.update_or_create(
                city=city,
                courier=courier,
                service=service,
                defaults={
                    "province": province,
                    "price_per_kg": price,
                    "days_min": low,
                    "days_max": high,
                    "active": True,
                },
            )
    logger.info("Demo shipping rates for %s cities", len(CITIES))
    return len(CITIES)
