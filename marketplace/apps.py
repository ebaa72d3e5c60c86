from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "marketplace"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from marketplace import html_sanitizer, security

        # Per-account login throttling (issue 17 §2): counts failures whatever the address.
        user_login_failed.connect(security.account_failure_record, dispatch_uid="account_failure_record")
        # Staff-written category/offer descriptions that Oscar prints with |safe are whitelisted.
        html_sanitizer.connect_sanitisers()
