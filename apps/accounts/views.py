"""Plain account pages for visitors: sign up, confirm the email, sign in and out."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import services
from apps.accounts.forms import PasswordResetForm, SignInForm, SignUpForm


def _add_service_errors(form, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


# Where a visitor who signed up from, say, an event page goes once verified.
NEXT_AFTER_VERIFY = "accounts:next-after-verify"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def sign_up(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_sign_up(**form.cleaned_data)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            if (target := _next_url(request)) != "/":
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
        request, "Thank you: your email address is confirmed. Sign in below."
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
    return redirect("/")


@require_http_methods(["GET", "POST"])
def password_reset(request):
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
            messages.success(request, "Your password is changed. Sign in below.")
            return redirect("accounts:sign-in")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/password_reset.html", {"form": form}, status=status
    )
