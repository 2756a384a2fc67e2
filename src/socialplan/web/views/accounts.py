from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from socialplan.web import demo, throttle
from socialplan.web.forms import SignupForm


class ThrottledLoginView(LoginView):
    """Django's login, refusing further attempts after repeated failures (HTTP 429)."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        keys = throttle.login_keys(request, request.POST.get("username", ""))
        if throttle.login_blocked(keys):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Too many failed sign-in attempts. Please wait a few minutes and try again."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        self._throttle_keys = keys
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        throttle.login_succeeded(self._throttle_keys)
        return super().form_valid(form)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        throttle.login_failed(self._throttle_keys)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["demo_login"] = demo.demo_credentials()
        return context


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.SOCIALPLAN_SIGNUP:
        raise Http404("sign-up is switched off")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("home")
    return render(request, "web/signup.html", {"form": form}, status=400 if form.errors else 200)
