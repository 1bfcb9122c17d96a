from django.urls import path

from config.sharedpages import shared_page
from search import views

app_name = "search"

urlpatterns = [
    path("", shared_page(views.results), name="results"),
    path("autocomplete/", views.autocomplete, name="autocomplete"),
]
