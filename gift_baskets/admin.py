from django.contrib import admin

from gift_baskets.models import GiftBasket, GiftBasketComponent, PackagingOption, SupplyLine


class ComponentInline(admin.TabularInline):
    model = GiftBasketComponent
    raw_id_fields = ["product"]
    extra = 1


@admin.register(GiftBasket)
class GiftBasketAdmin(admin.ModelAdmin):
    list_display = ["product", "theme", "is_builder"]
    list_filter = ["theme", "is_builder"]
    raw_id_fields = ["product"]
    inlines = [ComponentInline]


@admin.register(PackagingOption)
class PackagingOptionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "fee"]


@admin.register(SupplyLine)
class SupplyLineAdmin(admin.ModelAdmin):
    list_display = ["order_line", "partner", "product", "quantity"]
    list_filter = ["partner"]
    readonly_fields = ["order_line", "partner", "product", "stockrecord", "quantity"]

    def has_add_permission(self, request):
        return False
