"""Views of the shop: cart, checkout, the order page and search."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Min
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from promotions.models import PromotionSettings, normalise_code
from promotions.points import NotEnoughPoints, get_balance
from promotions.sales import get_active_sales
from promotions.vouchers import VoucherNotApplicable, check_voucher, find_voucher

from . import orders
from .access import can_view_order, make_order_key
from .cart import CartError, SessionCart
from .checkout import CheckoutError, Customer, new_checkout_token, place_order
from .forms import CheckoutForm, PaymentConfirmationForm
from .models import Motif, Order, PaymentConfirmation, ProductPage, ShopSettings
from .models.catalogue import mark_sale_prices, with_card_images
from .pricing import PointsTerms, quote
from .stock import OutOfStock

logger = logging.getLogger(__name__)


VOUCHER_KEY = "voucher"


def quote_with_voucher(request, lines, rate=None, code=None, points=None):
    """Price the cart with the customer's voucher, or say why it can't be."""
    code = request.session.get(VOUCHER_KEY, "") if code is None else code
    sales = get_active_sales()
    if not code:
        return quote(lines, rate, sales=sales, points=points), None
    user = request.user if request.user.is_authenticated else None
    try:
        voucher = find_voucher(code)
        email = user.email if user else request.POST.get("email", "")
        check_voucher(voucher, user=user, email=email)
        return quote(lines, rate, sales=sales, voucher=voucher, points=points), None
    except VoucherNotApplicable as error:
        return quote(lines, rate, sales=sales, points=points), error.message


def cart_view(request):
    cart = SessionCart(request)
    priced, voucher_error = quote_with_voucher(request, cart.lines())
    context = {
        "quote": priced,
        "cart": cart,
        "voucher_code": request.session.get(VOUCHER_KEY, ""),
        "voucher_error": voucher_error,
    }
    return render(request, "shop/cart.html", context)


@require_POST
def cart_voucher(request):
    """Enter or remove the cart's voucher code."""
    code = normalise_code(request.POST.get("code", ""))[:40]
    if request.POST.get("remove") or not code:
        request.session.pop(VOUCHER_KEY, None)
        return redirect("shop:cart")
    _priced, error = quote_with_voucher(
        request, SessionCart(request).lines(), code=code
    )
    if error:
        # A code that does not apply is not kept: nor does it replace one
        # that does.
        messages.error(request, error)
    else:
        request.session[VOUCHER_KEY] = code
        messages.success(request, _("The code %(code)s is applied.") % {"code": code})
    return redirect("shop:cart")


@require_POST
def cart_add(request):
    cart = SessionCart(request)
    try:
        variant = cart.add(request.POST.get("variant"), request.POST.get("quantity", 1))
    except CartError as error:
        messages.error(request, str(error))
        return redirect(_back(request))
    messages.success(request, _("%(name)s is in your cart.") % {"name": variant})
    return redirect(_back(request))


@require_POST
def cart_update(request):
    cart = SessionCart(request)
    try:
        cart.set(request.POST.get("variant"), request.POST.get("quantity"))
    except CartError as error:
        messages.error(request, str(error))
    return redirect("shop:cart")


@require_POST
def cart_remove(request):
    SessionCart(request).remove(request.POST.get("variant"))
    return redirect("shop:cart")


def _back(request):
    target = request.POST.get("next") or ""
    if target.startswith("/") and not target.startswith("//"):
        return target
    return "shop:cart"


def _customer_initial(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    initial = {"full_name": user.full_name, "email": user.email, "phone": user.phone}
    address = user.addresses.first()
    if address:
        initial.update(
            full_name=address.recipient,
            phone=address.phone,
            street=address.street,
            postcode=address.postcode,
        )
    return initial


def checkout(request):
    cart = SessionCart(request)
    lines = cart.lines()
    if not lines:
        messages.error(request, _("Your cart is empty."))
        return redirect("shop:cart")
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        form = CheckoutForm(request.POST, user=user)
        if form.is_valid() and not _token_is_ours(request, form):
            form.add_error(
                None,
                _("This checkout page is out of date. Check your order and place it."),
            )
        elif form.is_valid() and "preview" not in request.POST:
            order = _place(request, cart, form)
            if order is not None:
                return redirect(_order_url(request, order))
    else:
        initial = {
            **_customer_initial(request),
            "token": _issue_token(request),
            "voucher_code": _usable_voucher_code(request, lines),
        }
        form = CheckoutForm(initial=initial, user=user)
    return render(
        request, "shop/checkout.html", _checkout_context(request, form, lines)
    )


def _usable_voucher_code(request, lines):
    """The cart's code if it still applies; else it is dropped, with why."""
    code = request.session.get(VOUCHER_KEY, "")
    if not code:
        return ""
    _priced, error = quote_with_voucher(request, lines, code=code)
    if error:
        request.session.pop(VOUCHER_KEY, None)
        messages.warning(
            request,
            _("The code %(code)s was taken off: %(reason)s")
            % {"code": code, "reason": error},
        )
        return ""
    return code


TOKENS_KEY = "checkout_tokens"


def _issue_token(request):
    """A new checkout token, remembered by this session only."""
    token = new_checkout_token()
    request.session[TOKENS_KEY] = [*request.session.get(TOKENS_KEY, [])[-4:], token]
    return token


def _token_is_ours(request, form):
    """A token this session was given, so a repeated submit finds its order
    and nobody else's."""
    token = form.cleaned_data["token"]
    if token in request.session.get(TOKENS_KEY, []):
        return True
    form.data = form.data.copy()
    form.data["token"] = _issue_token(request)
    return False


def _checkout_context(request, form, lines):
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}
    code = data.get("voucher_code", form["voucher_code"].value() or "")
    terms = None
    if data.get("points"):
        settings = PromotionSettings.for_request(request)
        terms = PointsTerms(
            data["points"], settings.point_value, settings.max_points_share
        )
    priced, voucher_error = quote_with_voucher(
        request, lines, data.get("shipping_rate"), code=code, points=terms
    )
    if voucher_error and form.is_bound and "voucher_code" not in form.errors:
        form.add_error("voucher_code", voucher_error)
    context = {"form": form, "quote": priced}
    if request.user.is_authenticated:
        context["addresses"] = request.user.addresses.all()
        context["points_balance"] = get_balance(request.user)
    return context


def _place(request, cart, form):
    data = form.cleaned_data
    customer = Customer(
        full_name=data["full_name"],
        email=data["email"].lower(),
        phone=data["phone"],
        street=data["street"],
        city=data["shipping_rate"].city,
        postcode=data["postcode"],
        note=data["note"],
    )
    # Only what the customer sees: products unpublished since are left out.
    items = {line.variant.pk: line.quantity for line in cart.lines()}
    try:
        order = place_order(
            items=items,
            customer=customer,
            rate_id=data["shipping_rate"].pk,
            token=data["token"],
            user=request.user if request.user.is_authenticated else None,
            language=get_language() or "id",
            payment_hours=ShopSettings.for_request(request).payment_hours,
            voucher_code=data.get("voucher_code", ""),
            points=data.get("points") or 0,
        )
    except OutOfStock as error:
        form.add_error(None, error.message)
        return None
    except VoucherNotApplicable as error:
        form.add_error("voucher_code", error.message)
        return None
    except NotEnoughPoints as error:
        form.add_error("points", error.message)
        return None
    except CheckoutError as error:
        form.add_error(None, str(error))
        return None
    cart.clear()
    request.session.pop(VOUCHER_KEY, None)
    request.session[f"order-key-{order.number}"] = make_order_key(order)
    return order


def _order_url(request, order):
    return order.get_absolute_url() + f"?key={make_order_key(order)}"


def order_detail(request, number):
    order = get_object_or_404(Order, number=number)
    if not can_view_order(request, order):
        raise Http404
    request.session[f"order-key-{order.number}"] = make_order_key(order)
    form = None
    if order.state == Order._meta.get_field("state").default:
        form = PaymentConfirmationForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                orders.submit_payment(order, **form.cleaned_data)
            except orders.TransitionNotAllowed as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Thank you. We will check your transfer and let you know."),
                )
            return redirect(_order_url(request, order))
    shop = ShopSettings.for_request(request)
    return render(
        request,
        "shop/order.html",
        {
            "order": order,
            "lines": order.lines.all(),
            "form": form,
            "banks": shop.bank_accounts.all(),
            "events": order.events.all(),
        },
    )


def receipt(request, number, pk):
    """The receipt photo, for staff and the order's owner only."""
    order = get_object_or_404(Order, number=number)
    if not can_view_order(request, order):
        raise PermissionDenied
    confirmation = get_object_or_404(PaymentConfirmation, order=order, pk=pk)
    response = FileResponse(confirmation.receipt.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


SEARCH_PRODUCTS = 48


def search(request):
    """Products as cards with their prices, then stories and other pages."""
    query = (request.GET.get("q") or "").strip()[:100]
    products, pages = [], []
    if query:
        products = search_products(query)
        pages = (
            Page.objects.live()
            .public()
            .not_type(ProductPage)
            .specific()
            .search(query)[:24]
        )
    context = {"search_query": query, "products": products, "results": pages}
    return render(request, "shop/search.html", context)


def search_products(query):
    """The best matching products, with what a card shows loaded at once."""
    found = ProductPage.objects.live().public().search(query)[:SEARCH_PRODUCTS]
    order = [page.pk for page in found]
    cards = with_card_images(
        ProductPage.objects.filter(pk__in=order).annotate(
            min_price=Min("variants__price")
        )
    )
    by_pk = {product.pk: product for product in cards}
    products = [by_pk[pk] for pk in order if pk in by_pk]
    mark_sale_prices(products, get_active_sales())
    return products


def motif_detail(request, slug):
    """Every cloth that carries a motif, and the stories about it."""
    motif = get_object_or_404(Motif, slug=slug)
    products = (
        ProductPage.objects.live()
        .public()
        .filter(motif=motif)
        .annotate(min_price=Min("variants__price"))
        .order_by("title")
    )
    products = with_card_images(products)
    page = Paginator(products, 24).get_page(request.GET.get("page"))
    mark_sale_prices(page.object_list, get_active_sales())
    stories = motif.stories.live().public()
    return render(
        request,
        "shop/motif.html",
        {"motif": motif, "products": page, "stories": stories},
    )
