"""The one interface the checkout uses: which methods exist and how each starts.

COD and VietQR transfer need no outside service; the card method exists only when the
three Stripe settings are set (`STRIPE_ENABLED`), and talks to Stripe only through
`marketplace.payments.stripe`.
"""
from django.conf import settings

from marketplace.payments.models import Method


def available_methods():
    methods = [Method.COD, Method.TRANSFER]
    if getattr(settings, "STRIPE_ENABLED", False):
        methods.append(Method.CARD)
    return methods


def method_choices():
    return [(method.value, method.label) for method in available_methods()]


def is_available(code):
    return code in {method.value for method in available_methods()}


def bank_account():
    return dict(settings.VIETQR_ACCOUNT)
