from django.contrib import admin

from ocop.models import ApiKey, HealthClaimPhrase, RegistryEntry


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Staff issue keys for the open data API (a higher rate limit); the key shows after saving."""

    list_display = ("name", "is_active", "created_at")
    readonly_fields = ("key", "created_at")


@admin.register(HealthClaimPhrase)
class HealthClaimPhraseAdmin(admin.ModelAdmin):
    list_display = ("phrase", "is_active", "note")
    list_filter = ("is_active",)
    search_fields = ("phrase",)


@admin.register(RegistryEntry)
class RegistryEntryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "producer_name", "group", "district")
    search_fields = ("code", "name", "producer_name")
    raw_id_fields = ("product",)
