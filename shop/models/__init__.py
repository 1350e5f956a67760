from .cart import Cart, CartItem
from .catalogue import (
    Material,
    Motif,
    ProductImage,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
    Technique,
)
from .orders import Order, OrderEvent, OrderLine, OrderState, PaymentConfirmation
from .settings import BankAccount, ShopSettings
from .shipping import ShippingRate
from .stock import StockLevel, StockMovement

__all__ = [
    "BankAccount",
    "Cart",
    "CartItem",
    "Material",
    "Motif",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderState",
    "PaymentConfirmation",
    "ProductImage",
    "ProductIndexPage",
    "ProductPage",
    "ProductVariant",
    "ShippingRate",
    "ShopSettings",
    "StockLevel",
    "StockMovement",
    "Technique",
]
