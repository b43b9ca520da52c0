"""Two-factor authentication before the admin: staff who signed in with only a password must
enter a code (or, when codes are required, set up an app) before any other admin page."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from govreport.signin import devices


class TwoFactorMiddleware:
    """Send half-signed-in staff to their missing step; elsewhere treat them as readers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")):
            step = devices.missing_step(request.user)
            if step and request.path not in _open_during(step):
                return redirect_to_login(request.get_full_path(), reverse(f"signin:{step}"))
        else:
            # Lazily, so that public pages which never look at the user never touch the session.
            user = request.user
            request.user = SimpleLazyObject(
                lambda: AnonymousUser() if devices.missing_step(user) else user
            )
        return self.get_response(request)


def _open_during(step):
    """Return the admin addresses open to someone who has yet to take the step."""
    return {reverse(f"signin:{step}"), reverse("admin:login"), reverse("admin:logout")}
