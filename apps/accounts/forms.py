"""Forms of the plain account pages (no JavaScript needed)."""

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# One answer whatever was wrong (unknown address, wrong password, unconfirmed
# address): the answer must not tell who has an account.
SIGN_IN_REFUSED = _(
    "The email address or the password is not right, or the address is not "
    "confirmed yet (follow the link we emailed you)."
)


class SignUpForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)


class SignInForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=128,
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        user = authenticate(
            self.request, email=data["email"], password=data["password"]
        )
        if user is None:
            raise forms.ValidationError(SIGN_IN_REFUSED)
        self.user = user
        return data


class PasswordResetForm(forms.Form):
    new_password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        help_text=_("The site and our emails to you are in this language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The languages as configured now, each named in itself ("Deutsch").
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"])
            for code, _name in settings.LANGUAGES
        ]
