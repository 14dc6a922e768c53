"""Every receiver of the CMS is connected in cms/signal_handlers.py, each for an
explicit sender."""

import weakref

from cms.signal_handlers import SIGNALS


def _receivers(signal):
    for (_receiver_key, sender_key), ref, *_rest in signal.receivers:
        receiver = ref() if isinstance(ref, weakref.ReferenceType) else ref
        yield receiver, sender_key


def test_every_cms_receiver_has_an_explicit_sender():
    cms_receivers = [
        (name, receiver.__module__, receiver.__name__, sender_key)
        for name, signal in SIGNALS.items()
        for receiver, sender_key in _receivers(signal)
        if receiver is not None and receiver.__module__.startswith("cms")
    ]

    assert cms_receivers  # the test sees them
    # Django keys a receiver connected for any sender by id(None).
    assert [r for r in cms_receivers if r[3] == id(None)] == []
    assert {module for _name, module, _receiver, _sender in cms_receivers} <= {
        "cms.signal_handlers",
        "cms.api.publishing",
    }
