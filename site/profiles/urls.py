from django.urls import path

from profiles import views

urlpatterns = [
    path("", views.cabinet, name="account_cabinet"),
]
