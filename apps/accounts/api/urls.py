from django.urls import path

from apps.accounts.api import views

urlpatterns = [
    path("session/", views.SessionView.as_view(), name="session"),
    path("sign-up/", views.SignUpView.as_view(), name="sign-up"),
    path("verify-email/", views.VerifyEmailView.as_view(), name="verify-email"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("tokens/", views.TokenListCreateView.as_view(), name="token-list"),
    path(
        "tokens/<str:token_key>/", views.TokenDetailView.as_view(), name="token-detail"
    ),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/export/", views.ExportView.as_view(), name="me-export"),
    path("me/delete/", views.DeleteAccountView.as_view(), name="me-delete"),
    path(
        "password/change/", views.PasswordChangeView.as_view(), name="password-change"
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/confirm/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
]
