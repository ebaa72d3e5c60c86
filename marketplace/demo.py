"""Demo data: each app contributes an idempotent step; `load_demo` runs them in order."""
from importlib import import_module

# Later apps append "module:function" here; each step takes `log` (a callable).
DEMO_STEPS = [
    "marketplace.demo_steps:load_country_and_admin",
    "catalogue.demo:load_catalogue",
    "cms.demo:load_pages",
    "catalogue.demo:load_traceability",
    "ocop.registry_seed:load_registry",
    "shops.demo:load_producers",
    "sales_points.demo:load_sales_points",
    "ocop.evaluation.demo:load_cycle",
    "livestream.demo:load_live",
    "search.demo:load_search_index",
    "marketplace.checkout.demo:load_checkout_demo",
    "gift_baskets.demo:load_gift_baskets",
]


def run_all(log):
    for step in DEMO_STEPS:
        module_name, func_name = step.split(":")
        log(f"→ {step}")
        getattr(import_module(module_name), func_name)(log=log)
