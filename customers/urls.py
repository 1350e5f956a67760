from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import EmailAuthenticationForm

app_name = "customers"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="customers/login.html",
            authentication_form=EmailAuthenticationForm,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="customers/password_reset.html",
            email_template_name="email/password_reset.txt",
            html_email_template_name="email/password_reset.html",
            subject_template_name="email/password_reset_subject.txt",
            success_url=reverse_lazy("customers:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="customers/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="customers/password_reset_confirm.html",
            success_url=reverse_lazy("customers:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="customers/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("", views.account, name="account"),
    path("addresses/new/", views.address_add, name="address_add"),
    path("addresses/<int:pk>/delete/", views.address_delete, name="address_delete"),
    path("subscription/", views.subscription, name="subscription"),
    path("data/", views.data_download, name="data_download"),
    path("close/", views.close_account, name="close_account"),
]
