"""ASGI entry point: HTTP through Django, websockets through Channels (served by daphne)."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs apps loaded)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from livestream.media.serve import LiveMediaApp  # noqa: E402
from livestream.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        # /media/live/…: our HLS with CDN-friendly cache headers, ahead of Django.
        "http": LiveMediaApp(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
