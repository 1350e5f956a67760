"""Views of the shop: cart, checkout, the order page and search."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import orders
from .access import can_view_order, make_order_key
from .cart import CartError, SessionCart
from .checkout import CheckoutError, Customer, new_checkout_token, place_order
from .forms import CheckoutForm, PaymentConfirmationForm
from .models import Order, PaymentConfirmation, ShopSettings
from .pricing import quote
from .stock import OutOfStock

logger = logging.getLogger(__name__)


def cart_view(request):
    cart = SessionCart(request)
    lines = cart.lines()
    return render(request, "shop/cart.html", {"quote": quote(lines), "cart": cart})


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
    if request.method == "POST":
        form = CheckoutForm(request.POST)
        if form.is_valid():
            order = _place(request, cart, form)
            if order is not None:
                return redirect(_order_url(request, order))
    else:
        initial = {**_customer_initial(request), "token": new_checkout_token()}
        form = CheckoutForm(initial=initial)
    rate = form.cleaned_data.get("shipping_rate") if form.is_bound else None
    context = {"form": form, "quote": quote(lines, rate), "cart": cart}
    if request.user.is_authenticated:
        context["addresses"] = request.user.addresses.all()
    return render(request, "shop/checkout.html", context)


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
    try:
        order = place_order(
            items=dict(cart.items),
            customer=customer,
            rate_id=data["shipping_rate"].pk,
            token=data["token"],
            user=request.user if request.user.is_authenticated else None,
            language=get_language() or "id",
            payment_hours=ShopSettings.for_request(request).payment_hours,
        )
    except OutOfStock as error:
        form.add_error(None, error.message)
        return None
    except CheckoutError as error:
        form.add_error(None, str(error))
        return None
    cart.clear()
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


def search(request):
    query = (request.GET.get("q") or "").strip()[:100]
    results = []
    if query:
        results = Page.objects.live().public().specific().search(query)
    paginator = Paginator(results, 24)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "shop/search.html", {"query": query, "results": page})
