"""Pieces the promotion views share: a form page and extra view URLs."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from shop.admin.orders import JAKARTA


def in_jakarta(field):
    """A column accessor showing a moment as Jakarta date and time."""

    def accessor(obj):
        moment = getattr(obj, field)
        if moment is None:
            return "–"
        local = timezone.localtime(moment, JAKARTA)
        return local.strftime("%d-%m-%Y %H:%M") + " WIB"

    return accessor


def header_button(label, url_name, icon):
    return HeaderButton(label, url=reverse(url_name), icon_name=icon)


class FormPageView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """An admin page with one form, allowed to those who may add the model."""

    model = None
    permission_required = "add"
    template_name = "promotions/admin/form.html"
    index_url_name = None
    inspect_url_name = None
    index_label = None
    submit_label = None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = self.submit_label or _("Save")
        return context

    def refuse(self, form, message):
        messages.error(self.request, message)
        form.add_error(None, message)
        return self.form_invalid(form)


class PromotionModelViewSet(ModelViewSet):
    """A model viewset with extra form pages named by ``get_extra_views``."""

    def get_extra_views(self):
        return []

    def get_urlpatterns(self):
        extra = [
            path(route, self.extra_view(view_class), name=name)
            for route, view_class, name in self.get_extra_views()
        ]
        return super().get_urlpatterns() + extra

    def extra_view(self, view_class):
        return view_class.as_view(
            model=self.model,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
            index_label=self.menu_label,
        )
