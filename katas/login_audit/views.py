"""Given: the site's sign-in and sign-out views, under /login-audit/.

They call Django's authenticate(), login() and logout(), which send the signals
your receivers listen to. The project's settings install no session or
authentication middleware, so these two views bring their own.
"""

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.http import require_POST

with_session = decorator_from_middleware(SessionMiddleware)
with_user = decorator_from_middleware(AuthenticationMiddleware)


@require_POST
@with_session
@with_user
def sign_in(request):
    """POST username and password: 200 and logged in, or 401."""
    user = authenticate(
        request,
        username=request.POST.get("username", ""),
        password=request.POST.get("password", ""),
    )
    if user is None:
        return HttpResponse("Invalid username or password.", status=401)
    login(request, user)
    return HttpResponse(f"Welcome, {user.get_username()}!")


@require_POST
@with_session
@with_user
def sign_out(request):
    """POST: log out whoever is logged in (or nobody)."""
    logout(request)
    return HttpResponse("Signed out.")
