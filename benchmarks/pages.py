"""Shop pages as a phone and a desktop see them: first product card above the fold, weight of the
first load, axe-core violations, screenshots, and (with --lighthouse) Lighthouse 12.2.3 scores.

    make run                                    # or any server with the demo data
    cd benchmarks && npm ci                     # lighthouse 12.2.3 + axe-core (package-lock.json)
    .venv/bin/python benchmarks/pages.py --base-url http://127.0.0.1:8000 [--lighthouse]

The same helpers drive tests/e2e/test_shop_pages.py (which asserts the targets of issue 20).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "benchmarks" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SHOTS = ROOT / "test-results" / "pages"
# Pages where a product card must be fully visible without scrolling on a phone.
CARD_PAGES = ("home", "catalogue", "search", "storefront", "category")
BLOCKING_IMPACTS = {"serious", "critical"}


def discover(page, base):
    """One URL per public page type, found by following the site's own links."""
    urls = {
        "home": "/",
        "catalogue": "/catalogue/",
        "search": "/search/?q=mien",
        "storefront": "/shops/htx-tai-hoan/",
        "producers": "/shops/",
        "live": "/live/",
        "gift_baskets": "/gift-baskets/",
        "sales_points": "/sales-points/",
        "programme": "/ocop/",
        "basket": "/basket/",
        "home_en": "/en/",
    }
    page.goto(base + "/catalogue/")
    urls["product"] = page.locator(".product_pod h3 a").first.get_attribute("href")
    urls["category"] = page.locator(".site-menu__group a").first.get_attribute("href")
    page.goto(base + "/gift-baskets/")
    link = page.locator("a[href*='/gift-baskets/'][href$='/']").filter(has_not_text="Giỏ quà văn hóa")
    for index in range(link.count()):
        href = link.nth(index).get_attribute("href")
        if href.rstrip("/").split("/")[-1].isdigit():
            urls["gift_basket"] = href
            break
    page.goto(base + "/sales-points/")
    points = page.locator("a[href^='/sales-points/']")
    for index in range(points.count()):
        href = points.nth(index).get_attribute("href")
        if href.count("/") == 3 and not href.startswith(("/sales-points/register", "/sales-points/mine")):
            urls["sales_point"] = href
            break
    return urls


def first_card_box(page):
    """The first product card's box, and the header's height (px)."""
    return page.evaluate(
        """() => {
            const card = document.querySelector('.product_pod');
            const header = document.querySelector('.site-header');
            const box = card ? card.getBoundingClientRect() : null;
            return {card: box && {top: box.top, bottom: box.bottom, left: box.left, right: box.right},
                    header: header ? header.getBoundingClientRect().height : null,
                    viewport: {width: innerWidth, height: innerHeight}};
        }"""
    )


def card_fully_visible(box):
    card, viewport = box["card"], box["viewport"]
    return bool(card) and card["top"] >= 0 and card["left"] >= 0 and card["bottom"] <= viewport["height"] and card["right"] <= viewport["width"]


def weight(page):
    """Bytes transferred and requests made by the page's first load (navigation + resources)."""
    return page.evaluate(
        """() => {
            const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
            return {bytes: entries.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0), requests: entries.length};
        }"""
    )


def axe_violations(page):
    """Serious and critical axe-core violations (axe.min.js from npm, injected past the CSP)."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def settle(page):
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def lighthouse(url):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=performance,accessibility,best-practices,seo",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, timeout=240,
        )
        report = json.loads(out.read_text())
    return {key: round(category["score"] * 100) for key, category in report["categories"].items()}


def run(base, *, with_lighthouse=False, lighthouse_pages=("home", "catalogue", "product", "storefront", "live"), browser=None):
    """Measure every page type; `browser`: a Playwright Chromium already launched (the e2e session's)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            try:
                return run(base, with_lighthouse=with_lighthouse, lighthouse_pages=lighthouse_pages, browser=chromium)
            finally:
                chromium.close()
    SHOTS.mkdir(parents=True, exist_ok=True)
    results = {}
    context = browser.new_context(viewport=PHONE, bypass_csp=True, locale="vi-VN")
    urls = discover(context.new_page(), base)
    context.close()
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        for name, path in urls.items():
            context = browser.new_context(viewport=viewport, bypass_csp=True, locale="vi-VN")
            page = context.new_page()
            page.goto(base + path)
            settle(page)
            row = results.setdefault(name, {"url": path})
            if label == "phone":
                row["phone_box"] = first_card_box(page)
                row["phone_weight"] = weight(page)
            page.screenshot(path=str(SHOTS / f"{name}-{viewport['width']}x{viewport['height']}.png"))
            row[f"axe_{label}"] = axe_violations(page)
            context.close()
    if with_lighthouse:
        for name in lighthouse_pages:
            results[name]["lighthouse"] = lighthouse(base + results[name]["url"])
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--lighthouse", action="store_true")
    args = parser.parse_args()
    results = run(args.base_url.rstrip("/"), with_lighthouse=args.lighthouse)
    failed = False
    for name, row in results.items():
        box = row.get("phone_box", {})
        visible = card_fully_visible(box) if box.get("card") else None
        axe = len(row.get("axe_phone", [])) + len(row.get("axe_desktop", []))
        w = row.get("phone_weight", {})
        line = (f"{name:13} {row['url'][:42]:42} header {box.get('header') or 0:5.0f}px  card visible {str(visible):5}  "
                f"{w.get('bytes', 0) / 1024:6.0f} KB {w.get('requests', 0):3} req  axe serious/critical {axe}")
        if "lighthouse" in row:
            line += "  LH " + " ".join(f"{k}={v}" for k, v in row["lighthouse"].items())
        print(line)
        for violation in row.get("axe_phone", []) + row.get("axe_desktop", []):
            print(f"    axe {violation['impact']}: {violation['id']} — {violation['help']} {violation['targets']}")
        failed |= (name in CARD_PAGES and not visible) or axe > 0
    print(f"screenshots: {SHOTS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
