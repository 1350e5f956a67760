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
    "Coverage",
    "PointsEntry",
    "PromotionSettings",
    "Sale",
    "Voucher",
    "VoucherUse",
    "WelcomeClaim",
    "normalise_code",
]
