"""Sign-up and the customer's account pages."""

import json
import logging

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from promotions import points, subscribers, welcome

from . import privacy
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
        if form.cleaned_data.get("subscribe"):
            # Granted when the address is confirmed by the welcome link.
            subscribers.note_signup_wish(user, request.path)
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
            "vouchers": get_open_vouchers(user)[:10],
            "subscription": SubscriptionForm(
                initial={"subscribed": subscribers.is_subscribed(user)}
            ),
        },
    )


class SubscriptionForm(forms.Form):
    """The account page's box to opt in to announcements."""

    subscribed = forms.BooleanField(
        label=gettext_lazy("Mail me about new cloths, sales and stories"),
        required=False,
    )


@login_required
@require_POST
def subscription(request):
    """Opt in to the shop's announcements, or out of them."""
    form = SubscriptionForm(request.POST)
    form.is_valid()
    user = request.user
    if not form.cleaned_data.get("subscribed"):
        subscribers.unsubscribe(user.email)
        messages.success(request, _("You will get no more announcements."))
        return redirect("customers:account")
    page = reverse("customers:account")
    status = subscribers.subscribe_customer(user, "account", page).status
    if status == "subscribed":
        messages.success(request, _("You will get our announcements."))
    elif status == "pending":
        messages.success(
            request, _("We mailed you a link: open it to start the announcements.")
        )
    else:
        messages.error(
            request,
            _("Mail to your address could not be delivered; please contact us."),
        )
    return redirect("customers:account")


@login_required
def data_download(request):
    """Everything the shop keeps about the customer, as a JSON file."""
    data = privacy.export_data(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"songket-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    logger.info("Customer %s downloaded their data", request.user.pk)
    return response


class CloseAccountForm(forms.Form):
    """The password that confirms closing one's own account."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("This is not your password."), code="wrong_password"
            )
        return password


@login_required
def close_account(request):
    """Ask for the password, then remove the customer's personal data."""
    form = CloseAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            privacy.close_account(request.user)
            logout(request)
            messages.success(request, _("Your account is closed. Goodbye."))
            return redirect("/")
        logger.warning("Customer %s: account not closed", request.user.pk)
    return render(request, "customers/close_account.html", {"form": form})


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
    subscribers.grant_signup_wish(user)
    if voucher is not None:
        messages.success(
            request,
            _("Your address is confirmed. Your welcome voucher is on its way."),
        )
    else:
        messages.success(request, _("Your address is confirmed."))
    return redirect("/")


def get_open_vouchers(user):
    """The customer's personal vouchers that can still be used."""
    from django.db.models import Count, F, Q
    from django.utils import timezone

    return (
        user.vouchers.filter(active=True)
        .filter(Q(ends_at=None) | Q(ends_at__gt=timezone.now()))
        .annotate(used=Count("uses", filter=Q(uses__returned_at=None)))
        .filter(Q(max_uses=None) | Q(used__lt=F("max_uses")))
        .order_by("-created_at")
    )
