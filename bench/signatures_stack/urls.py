"""The site's URLs plus the bench-only reference view. Never included by the site itself."""

from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as site_urlpatterns


@csrf_exempt
@require_POST
def insert_one(request):
    """Reference (a): the whole stack (gunicorn, middleware, Django) doing one INSERT that
    commits on its own (autocommit), and nothing else."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_reference (note) VALUES (%s)", [request.POST.get("note", "")]
        )
    return HttpResponse("ok", content_type="text/plain")


def ping(request):
    return HttpResponse("ok", content_type="text/plain")


def ping_person(request):
    """Reference (b) of the page benchmark: the bare view, but for a signed-in person, what
    every page of theirs pays before it draws anything: their session and account loaded, a
    CSRF token for their forms (the header's sign-out form has one)."""
    return HttpResponse(
        f"ok {request.user.is_authenticated} {len(get_token(request))}", content_type="text/plain"
    )


urlpatterns = [
    path("bench/insert/", insert_one),
    path("bench/ping/", ping),
    path("bench/ping-person/", ping_person),
    *site_urlpatterns,
]
