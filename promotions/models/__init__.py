from .newsletter import (
    Announcement,
    AnnouncementProduct,
    MailEvent,
    Subscriber,
)
from .offers import (
    Coverage,
    PointsEntry,
    PromotionSettings,
    Sale,
    Voucher,
    VoucherUse,
    WelcomeClaim,
    normalise_code,
)

__all__ = [
    "Announcement",
    "AnnouncementProduct",
    "MailEvent",
    "Subscriber",
    "Coverage",
    "PointsEntry",
    "PromotionSettings",
    "Sale",
    "Voucher",
    "VoucherUse",
    "WelcomeClaim",
    "normalise_code",
]
