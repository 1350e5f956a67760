"""Sign-up and the customer's account pages."""

import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from promotions import points, welcome

from .forms import AddressForm, ProfileForm, SignUpForm
from .models import User

logger = logging.getLogger(__name__)


def signup(request):
    if request.user.is_authenticated:
        return redirect("customers:account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        user.language = request.LANGUAGE_CODE
        user.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        welcome.start(user)
        logger.info("Customer %s signed up", user.pk)
        messages.success(
            request,
            _("Welcome! Open the link we mailed to %(email)s to get your voucher.")
            % {"email": user.email},
        )
        return redirect("customers:account")
    return render(request, "customers/signup.html", {"form": form})


@login_required
def account(request):
    user = request.user
    profile = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and profile.is_valid():
        profile.save()
        messages.success(request, _("Your details are saved."))
        return redirect("customers:account")
    return render(
        request,
        "customers/account.html",
        {
            "orders": user.orders.all()[:50],
            "addresses": user.addresses.all(),
            "profile": profile,
            "points_balance": points.get_balance(user),
            "points_history": user.points.select_related("order")[:50],
            "vouchers": user.vouchers.filter(active=True).order_by("-created_at")[:10],
        },
    )


@login_required
def address_add(request):
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = form.save(commit=False)
        address.user = request.user
        address.save()
        messages.success(request, _("The address is saved."))
        return redirect("customers:account")
    return render(request, "customers/address_form.html", {"form": form})


@login_required
@require_POST
def address_delete(request, pk):
    address = get_object_or_404(request.user.addresses, pk=pk)
    address.delete()
    messages.success(request, _("The address is removed."))
    return redirect("customers:account")


def confirm_email(request, token):
    """The link in the confirmation mail: confirm, then send the voucher."""
    found = welcome.read_token(token)
    user = None
    if found is not None:
        user_id, email = found
        user = User.objects.filter(pk=user_id, email=email, is_active=True).first()
    if user is None:
        messages.error(
            request,
            _("This link has expired or is not valid. Sign in to get a new one."),
        )
        return redirect("customers:login")
    voucher = welcome.confirm(user)
    if voucher is not None:
        messages.success(
            request,
            _("Your address is confirmed. Your welcome voucher is on its way."),
        )
    else:
        messages.success(request, _("Your address is confirmed."))
    return redirect("/")
