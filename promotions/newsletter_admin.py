"""Announcements and subscribers in the Wagtail admin, for Marketing:
write a draft, preview it, mail a test, send it and watch it go out."""

from django import forms
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import announcements
from .models import Announcement, Subscriber

DETAIL_TEMPLATE = "promotions/announcements/detail.html"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]


def with_progress(queryset):
    """Annotate the mailboxes that got and clicked each announcement."""

    def mailboxes(event):
        return Count("events__email_key", filter=Q(events__event=event), distinct=True)

    return queryset.annotate(
        delivered=mailboxes("delivered"), clicked=mailboxes("clicked")
    )


def progress(announcement):
    return f"{announcement.sent_count} / {announcement.queued_count}"


class AnnouncementIndexView(IndexView):
    """Every announcement with its status and how far its sending got."""

    def get_base_queryset(self):
        return with_progress(super().get_base_queryset())


class AnnouncementCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class DraftEditView(EditView):
    """Only a draft can be edited; a sent mail is history."""

    def dispatch(self, request, *args, **kwargs):
        announcement = self.get_object()
        if not announcement.is_draft:
            messages.warning(request, _("Only a draft can be edited."))
            return redirect(self.inspect_url_name, announcement.pk)
        return super().dispatch(request, *args, **kwargs)


class SendTestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Send a test to"))
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGES)


class AnnouncementDetailView(InspectView):
    """Status, progress, preview and the test and send buttons."""

    template_name = DETAIL_TEMPLATE
    fields = ["subject"]
    url_names = {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        announcement = self.object
        context.update(
            announcement=announcement,
            progress=announcements.get_progress(announcement),
            test_form=SendTestForm(initial={"language": "id"}),
            urls={
                name: reverse(url_name, args=[announcement.pk])
                for name, url_name in self.url_names.items()
            },
            can_change=self.user_has_permission("change"),
        )
        return context


class AnnouncementObjectView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseObjectMixin, View
):
    """A page about one announcement; the viewset fills in the names."""

    permission_required = "change"
    inspect_url_name = None
    index_url_name = None

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Announcements")},
            {
                "url": reverse(self.inspect_url_name, args=[self.object.pk]),
                "label": str(self.object),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def back(self):
        return redirect(self.inspect_url_name, self.object.pk)


class PreviewView(AnnouncementObjectView):
    """The mail's HTML as a recipient sees it, for an iframe."""

    permission_required = "view"

    def get(self, request, *args, **kwargs):
        language = request.GET.get("language", "id")
        language = language if language in dict(LANGUAGES) else "id"
        html = announcements.render_preview(self.object, language)
        return HttpResponse(html)


class SendTestView(AnnouncementObjectView):
    """Mail the announcement to one address; no subscriber is touched."""

    def post(self, request, *args, **kwargs):
        form = SendTestForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter an email address for the test."))
            return self.back()
        data = form.cleaned_data
        announcements.send_test(self.object, data["email"], data["language"])
        messages.success(request, _("A test is on its way to %s.") % data["email"])
        return self.back()


class SendView(AnnouncementObjectView, FormView):
    """Ask once more, with the number of recipients; then send."""

    template_name = "promotions/announcements/confirm_send.html"
    form_class = forms.Form
    page_title = gettext_lazy("Send announcement")

    def get(self, request, *args, **kwargs):
        if not self.object.is_draft:
            messages.warning(request, _("This announcement was sent already."))
            return self.back()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            announcement=self.object,
            recipients=announcements.count_recipients(self.object),
        )
        return context

    def form_valid(self, form):
        if announcements.start_sending(self.object):
            messages.success(request=self.request, message=_("Sending has started."))
        else:
            messages.warning(self.request, _("This announcement was sent already."))
        return self.back()


class AnnouncementViewSet(ModelViewSet):
    """Announcements: drafts, preview, test, send and progress."""

    model = Announcement
    icon = "mail"
    menu_label = gettext_lazy("Announcements")
    inspect_view_enabled = True
    index_view_class = AnnouncementIndexView
    add_view_class = AnnouncementCreateView
    edit_view_class = DraftEditView
    inspect_view_class = AnnouncementDetailView
    list_filter = ["status", "audience"]
    search_fields = ["subject"]
    list_display = [
        "subject",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("progress", label=gettext_lazy("Sent / queued"), accessor=progress),
        Column("failed_count", label=gettext_lazy("Failed")),
        Column("delivered", label=gettext_lazy("Delivered")),
        Column("clicked", label=gettext_lazy("Clicked")),
        DateColumn("sent_at", label=gettext_lazy("Sent")),
    ]
    extra_views = {"preview": PreviewView, "send_test": SendTestView, "send": SendView}

    def get_inspect_view_kwargs(self, **kwargs):
        names = {name: self.get_url_name(name) for name in self.extra_views}
        names["edit"] = self.get_url_name("edit")
        return super().get_inspect_view_kwargs(url_names=names, **kwargs)

    @cached_property
    def object_view_kwargs(self):
        return {
            "model": self.model,
            "inspect_url_name": self.get_url_name("inspect"),
            "index_url_name": self.get_url_name("index"),
            "header_icon": self.icon,
        }

    def get_urlpatterns(self):
        extra = [
            path(
                f"{name.replace('_', '-')}/<int:pk>/",
                self.construct_view(view_class, **self.object_view_kwargs),
                name=name,
            )
            for name, view_class in self.extra_views.items()
        ]
        return super().get_urlpatterns() + extra

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        if view_class is PreviewView:
            return xframe_options_sameorigin(view)
        return view


class SubscriberViewSet(ModelViewSet):
    """Who receives announcements; staff may lift a suppression here."""

    model = Subscriber
    icon = "user"
    menu_label = gettext_lazy("Subscribers")
    form_fields = ["status", "language"]
    list_display = [
        "email",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        "language",
        Column("source", label=gettext_lazy("Source"), accessor="get_source_display"),
        DateColumn("consented_at", label=gettext_lazy("Consent given")),
    ]
    list_filter = ["status", "language", "source"]
    search_fields = ["email"]
    inspect_view_enabled = True
    copy_view_enabled = False


class NewsletterViewSetGroup(ViewSetGroup):
    """Announcements and their subscribers, under one menu."""

    menu_label = gettext_lazy("Newsletter")
    menu_icon = "mail"
    menu_order = 166
    items = [
        AnnouncementViewSet("announcements"),
        SubscriberViewSet("subscribers"),
    ]
