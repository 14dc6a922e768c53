"""The Wagtail admin for events, bookings and webhook deliveries (staff and editors).

Event saves go through the services, so that the admin keeps every rule the API
keeps (waitlist promotion, cancellation emails, cache invalidation). Bookings and
deliveries are read-only here: they change through the booking services only."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    ObjectList,
    Panel,
    TitleFieldPanel,
)
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.slug import SlugInput
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from apps.events import services
from apps.events.models import Booking, Event, WebhookDelivery
from config.languages import is_multilingual

EVENT_FIELDS = [*services.EDITABLE_EVENT_FIELDS, "status"]
TRANSLATION_FIELDS = ("language", "title", "summary", "description")


class EventForm(WagtailAdminModelForm):
    def clean_status(self):
        new = self.cleaned_data["status"]
        old = self.initial.get("status", Event.Status.DRAFT)
        if old == Event.Status.CANCELLED and new != old:
            raise ValidationError(_("A cancelled event stays cancelled."))
        if old == Event.Status.PUBLISHED and new == Event.Status.DRAFT:
            raise ValidationError(
                _("A published event cannot go back to draft; cancel it instead.")
            )
        return new


def _editable(form) -> dict:
    return {
        name: value
        for name, value in form.cleaned_data.items()
        if name in services.EDITABLE_EVENT_FIELDS
    }


def _save_translations(event: Event, form) -> None:
    formset = form.formsets.get("translations")
    if formset is None:
        return  # a one-language site: the form has no translations
    translations = [
        {name: child.cleaned_data[name] for name in TRANSLATION_FIELDS}
        for child in formset.forms
        if child.cleaned_data and not child.cleaned_data.get("DELETE")
    ]
    services.event_translations_set(event=event, translations=translations)


def _apply_status(event: Event, status: str) -> Event:
    if status == Event.Status.PUBLISHED and event.status == Event.Status.DRAFT:
        return services.event_publish(event=event)
    if status == Event.Status.CANCELLED and event.status != Event.Status.CANCELLED:
        return services.event_cancel(event=event)
    return event


class FormFollowsLanguages:
    """Build the event form per request (Wagtail builds it once, when the admin's
    URLs load): whether it has the translations formset follows the site's languages
    as configured now (TranslationsPanel)."""

    def get_form_class(self):
        return self.panel.get_form_class()


class EventCreateView(FormFollowsLanguages, generic.CreateView):
    @transaction.atomic
    def save_instance(self):
        fields = _editable(self.form)
        event = services.event_create(**fields)
        _save_translations(event, self.form)
        event = _apply_status(event, self.form.cleaned_data["status"])
        log(event, "wagtail.create", user=self.request.user)
        return event


class EventEditView(FormFollowsLanguages, generic.EditView):
    @transaction.atomic
    def save_instance(self):
        event = Event.objects.get(pk=self.object.pk)
        if event.status != Event.Status.CANCELLED:
            event = services.event_update(event=event, **_editable(self.form))
        # A cancelled event's page still shows: its words may still be mended.
        _save_translations(event, self.form)
        event = _apply_status(event, self.form.cleaned_data["status"])
        log(event, "wagtail.edit", user=self.request.user)
        return event


class NewEventTitlePanel(TitleFieldPanel):
    """The title, filling the slug as it is typed, only while the event is new: a
    saved event's address may already be shared."""

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return not (self.instance and self.instance.pk)


class TranslationsPanel(InlinePanel):
    """The event's translations, on a multilingual site only: with one language the
    form has no formset for them and the panel is absent."""

    class AbsentPanel(Panel.BoundPanel):
        def is_shown(self):
            return False

    def get_form_options(self):
        return super().get_form_options() if is_multilingual() else {}

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if is_multilingual():
            return super().get_bound_panel(instance, request, form, prefix)
        return self.AbsentPanel(
            panel=self, instance=instance, request=request, form=form, prefix=prefix
        )


class EventViewSet(ModelViewSet):
    model = Event
    edit_handler = ObjectList(
        [
            NewEventTitlePanel("title"),
            FieldPanel("slug", widget=SlugInput),
            *(
                FieldPanel(name)
                for name in EVENT_FIELDS
                if name not in {"title", "slug"}
            ),
            TranslationsPanel(
                "translations",
                heading=gettext_lazy("Translations"),
                label=gettext_lazy("Translation"),
                help_text=gettext_lazy(
                    "The title, summary and description in the site's other "
                    "languages; dates, places and bookings are the event's own."
                ),
            ),
        ],
        base_form_class=EventForm,
    )
    icon = "date"
    menu_label = gettext_lazy("Events")
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["title", "starts_at", "status", "capacity", "confirmed_seats"]
    list_filter = ["status", "starts_at"]
    search_fields = ["title", "summary", "venue"]
    list_export = ["title", "slug", "starts_at", "ends_at", "status", "capacity"]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Lets staff with the view permission look, and nobody write."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Booking, ReadOnlyPolicy(Booking))
register_permission_policy(WebhookDelivery, ReadOnlyPolicy(WebhookDelivery))


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "tick-inverse"
    menu_label = gettext_lazy("Bookings")
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []
    list_display = ["reference", "event", "user", "seats", "status", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["reference", "user__email", "event__title"]
    list_export = ["reference", "event", "user", "seats", "status", "created_at"]
    # Bookings are business records, not content: an event's "usage" listing them all
    # helps no editor, and indexing would queue a reference-index job (two inserts) in
    # every booking's transaction.
    add_to_reference_index = False

    def get_queryset(self, request):
        return Booking.objects.select_related("event", "user")


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "link-external"
    menu_label = gettext_lazy("CRM webhook log")
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []
    list_display = ["topic", "status", "attempts", "last_status_code", "created_at"]
    list_filter = ["status", "topic"]
    search_fields = ["topic", "last_error"]
    add_to_reference_index = False  # a delivery log, not content (as bookings)


class EventsAdminGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Events")
    menu_icon = "date"
    menu_order = 250
    items = [
        # Named after their models: /admin/event/, /admin/booking/, ...
        EventViewSet(),
        BookingViewSet(),
        WebhookDeliveryViewSet(),
    ]


@hooks.register("register_admin_viewset")
def register_events_admin():
    return EventsAdminGroup()
