"""Draw the home-screen icons of the sales-point stock page (web app manifest) with Pillow.

Run from the project root: `.venv/bin/python scripts/make_stock_icons.py`; the PNGs are committed
under static/sales_points/icons/. Same drawing as static/img/favicon.svg (mountains and sun on
green) plus a stock box; the maskable variant keeps everything inside the 80 % safe zone.
"""
from pathlib import Path

from PIL import Image, ImageDraw

GREEN, GOLD, WHITE = (27, 110, 58, 255), (242, 193, 78, 255), (255, 255, 255, 255)
OUT = Path(__file__).resolve().parents[1] / "static" / "sales_points" / "icons"


def draw(size, *, maskable):
    image = Image.new("RGBA", (size, size), GREEN if maskable else (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    if not maskable:
        d.ellipse((0, 0, size - 1, size - 1), fill=GREEN)
    inset = size * (0.2 if maskable else 0.12)
    span = size - 2 * inset

    def p(x, y):
        return (inset + x * span, inset + y * span)

    d.polygon([p(0.05, 0.62), p(0.33, 0.2), p(0.52, 0.45), p(0.65, 0.32), p(0.95, 0.62)], fill=GOLD)
    d.ellipse((*p(0.7, 0.02), *p(0.86, 0.18)), fill=GOLD)
    # A crate of goods: the stock.
    d.rectangle((*p(0.22, 0.66), *p(0.78, 0.98)), fill=WHITE)
    d.line((*p(0.22, 0.78), *p(0.78, 0.78)), fill=GREEN, width=max(2, size // 48))
    d.line((*p(0.5, 0.66), *p(0.5, 0.98)), fill=GREEN, width=max(2, size // 48))
    return image


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, maskable=False).save(OUT / f"stock-{size}.png", optimize=True)
    draw(512, maskable=True).save(OUT / "stock-maskable-512.png", optimize=True)
    print("\n".join(str(path) for path in sorted(OUT.glob("*.png"))))
