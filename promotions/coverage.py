"""Which products a voucher or a sale covers."""

from dataclasses import dataclass, field


@dataclass
class CoverageSet:
    """Product ids and category paths loaded once, checked many times."""

    product_ids: set = field(default_factory=set)
    category_paths: tuple = ()

    @property
    def everything(self):
        return not self.product_ids and not self.category_paths

    def covers(self, product):
        if self.everything or product.pk in self.product_ids:
            return True
        return any(product.path.startswith(path) for path in self.category_paths)


def load_coverage(promotion):
    """Read a voucher's or sale's chosen products and categories."""
    return CoverageSet(
        product_ids=set(promotion.products.values_list("pk", flat=True)),
        category_paths=tuple(promotion.categories.values_list("path", flat=True)),
    )
