"""Sign-up and the customer's account pages."""

import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import AddressForm, ProfileForm, SignUpForm

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
        logger.info("Customer %s signed up", user.pk)
        messages.success(request, _("Welcome! Your account is ready."))
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
