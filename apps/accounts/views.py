"""Plain account pages for visitors: sign up, confirm the email, sign in and out, the
account and its language, and the attempt limit on Wagtail's page passwords."""

import math

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import views as wagtail_views

from apps.accounts import services
from apps.accounts.api.throttling import PASSWORD_RESET
from apps.accounts.attempts import lockout_response
from apps.accounts.forms import (
    LanguageForm,
    PasswordResetForm,
    SignInForm,
    SignUpForm,
)
from apps.api.throttling import throttle_wait
from config.languages import home_url, is_multilingual, remember_language


def _add_service_errors(form, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


# Where a visitor who signed up from, say, an event page goes once verified.
NEXT_AFTER_VERIFY = "accounts:next-after-verify"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or home_url()
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return home_url()


def _too_many(request, wait: float):
    seconds = max(1, math.ceil(wait))
    response = render(
        request,
        "429.html",
        {
            "detail": _("Too many requests. Try again in %(seconds)s seconds.")
            % {"seconds": seconds}
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


@require_http_methods(["GET", "POST"])
def sign_up(request):
    # Each sign-up sends an email: limited as the API's sign-up is.
    if (
        request.method == "POST"
        and (wait := throttle_wait(request, PASSWORD_RESET)) is not None
    ):
        return _too_many(request, wait)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_sign_up(**form.cleaned_data, language=get_language())
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            if (target := _next_url(request)) != home_url():
                request.session[NEXT_AFTER_VERIFY] = target
            return render(
                request,
                "accounts/check_email.html",
                {"email": form.cleaned_data["email"]},
            )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/sign_up.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


def verify(request):
    try:
        services.user_verify_email(token=request.GET.get("token", ""))
    except ValidationError:
        return render(request, "accounts/verify_failed.html", status=400)
    messages.success(
        request, _("Thank you: your email address is confirmed. Sign in below.")
    )
    sign_in = reverse("accounts:sign-in")
    if target := request.session.pop(NEXT_AFTER_VERIFY, None):
        return redirect(f"{sign_in}?{urlencode({'next': target})}")
    return redirect(sign_in)


@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = SignInForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        return redirect(_next_url(request))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


@require_POST
def sign_out(request):
    logout(request)
    return redirect(home_url())


@require_http_methods(["GET", "POST"])
def password_reset(request):
    # Guessing reset tokens: limited per address as the API's confirmation is.
    if (
        request.method == "POST"
        and (wait := throttle_wait(request, PASSWORD_RESET[:1])) is not None
    ):
        return _too_many(request, wait)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_confirm(
                uid=request.GET.get("uid", ""),
                token=request.GET.get("token", ""),
                new_password=form.cleaned_data["new_password"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("Your password is changed. Sign in below."))
            return redirect("accounts:sign-in")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/password_reset.html", {"form": form}, status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
def account(request):
    """The signed-in visitor's account, where they choose their language: the site
    then shows this page in it, and emails are written in it."""
    if not request.user.is_authenticated:
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:sign-in')}?{query}")
    form = LanguageForm(
        request.POST if request.method == "POST" else None,
        initial={"language": request.user.email_language},
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        try:
            services.user_update_profile(user=request.user, language=language)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            # Said, and the page's address, in the language just chosen.
            with translation.override(language):
                messages.success(request, _("Your language is saved."))
                response = redirect("accounts:account")
            remember_language(request, response, language)
            return response
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/account.html",
        {"form": form, "choose_language": is_multilingual()},
        status=status,
    )


def page_password(request, page_view_restriction_id: int, page_id: int):
    """Wagtail's page-password form, counted by the sign-in attempt limiter.

    Mounted at Wagtail's own address; the password is checked by Wagtail's view.
    Each wrong password is a failed sign-in on the account "page-restriction-<id>",
    so a guesser is limited per address and per (restriction, address)."""
    credentials = {"username": f"page-restriction-{page_view_restriction_id}"}
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(
            request, page_view_restriction_id, page_id
        )
    if not AxesProxyHandler.is_allowed(request, credentials):
        return lockout_response(request, credentials=credentials)
    response = wagtail_views.authenticate_with_password(
        request, page_view_restriction_id, page_id
    )
    if response.status_code != 302:  # Wagtail redirects once the password is right
        user_login_failed.send(__name__, credentials=credentials, request=request)
    return response
