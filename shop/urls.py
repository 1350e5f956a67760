from django.urls import path

from . import views

app_name = "shop"

urlpatterns = [
    path("cart/", views.cart_view, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("cart/remove/", views.cart_remove, name="cart_remove"),
    path("cart/voucher/", views.cart_voucher, name="cart_voucher"),
    path("checkout/", views.checkout, name="checkout"),
    path("orders/<str:number>/", views.order_detail, name="order"),
    path("orders/<str:number>/receipt/<int:pk>/", views.receipt, name="receipt"),
    path("search/", views.search, name="search"),
    path("motif/<slug:slug>/", views.motif_detail, name="motif"),
]
