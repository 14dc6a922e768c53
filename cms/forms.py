"""The form builder behind FormPage, with a honeypot field bots fill in."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT_FIELD = "hp_website"
SPAM_MESSAGE = _(
    "Your message could not be sent because it looks automated. "
    "If you are a person, leave the hidden 'Leave this empty' field blank "
    "and try again."
)


class HoneypotForm(BaseForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.pop(HONEYPOT_FIELD, ""):
            raise ValidationError(SPAM_MESSAGE, code="spam")
        return cleaned


class HoneypotFormBuilder(FormBuilder):
    def get_form_class(self):
        honeypot = forms.CharField(
            required=False,
            label=_("Leave this empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return type(
            "WagtailForm",
            (HoneypotForm,),
            {**self.formfields, HONEYPOT_FIELD: honeypot},
        )
