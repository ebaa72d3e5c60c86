"""What "no executable markup survived" means for a rendered page, and the hostile inputs the
fuzz tests draw from.

`unsafe_markup(html)` parses a page with the standard library's HTMLParser (the way a browser
tokenises tags: entities in attribute values are decoded first) and lists every
- <script> element that is not the site's own (an external file under /static/, a nonce'd
  inline init, or a non-executable JSON data block),
- attribute whose name starts with "on" (event handlers),
- URL attribute (href, src, action, formaction, xlink:href, data) whose value, with control
  characters and whitespace removed and lower-cased, starts with "javascript:", "vbscript:" or
  "data:text/html",
- <iframe>, <object>, <embed>, <base> or <meta http-equiv=refresh> element.
"""
import re
from html.parser import HTMLParser

from hypothesis import strategies as st

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")


def _scheme_of(value):
    return _INVISIBLE.sub("", value or "").lower()


class _Scanner(HTMLParser):
    def __init__(self, allowed_frames=()):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.allowed_frames = tuple(allowed_frames)

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        values = {name: (value or "") for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and _scheme_of(value).startswith(DANGEROUS_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = values.get("src", "")
            own_file = src.startswith("/static/") or src.startswith("https://js.stripe.com/")
            data_block = values.get("type", "").lower() in DATA_SCRIPT_TYPES and not src
            if not (own_file or "nonce" in values or data_block):
                self.problems.append(f"<script {values!r}>")
        if tag in FORBIDDEN_ELEMENTS and not values.get("src", "").startswith(self.allowed_frames or ("\0",)):
            self.problems.append(f"<{tag} {values!r}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"<meta {values!r}>")


def unsafe_markup(html, allowed_frames=()):
    """The executable markup found in a rendered page (empty list when it is clean)."""
    scanner = _Scanner(allowed_frames)
    scanner.feed(html)
    scanner.close()
    return scanner.problems


# Payloads that try to smuggle markup or script through a text or rich-text field.
ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" ONERROR="alert(document.cookie)">',
    '<a href="javascript:alert(1)">bấm vào đây</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<a href="java&#x09;script:alert(1)">tab</a>',
    '<a href=" &#14; javascript:alert(1)">ctrl</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    '<div style="x" onmouseover="alert(1)">hover</div>',
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    '<object data="javascript:alert(1)"></object>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    "<!--<img src=--><img src=x onerror=alert(1)//>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<details open ontoggle=alert(1)>",
    "{{ 7|add:7 }} {% now 'Y' %}",
]

VIETNAMESE = [
    "Miến dong Tài Hoan", "Chè Shan tuyết Bằng Phúc", "Bánh trôi chợ Đồn", "mật ong bạc hà",
    "Hồng không hạt Quảng Khê", "Tày", "Nùng", "đàn tính", "Ba Bể", "ĐẶC SẢN", "giá 120.000 ₫",
]

hostile_text = st.one_of(
    st.sampled_from(ATTACKS),
    st.sampled_from(VIETNAMESE),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.builds(lambda a, b, c: f"{a} {b} {c}", st.sampled_from(VIETNAMESE), st.sampled_from(ATTACKS), st.text(max_size=10)),
    st.just("\x00"),
    st.just("a\x00<script>alert(1)</script>"),
    st.just("x" * 5000),
)
# Numbers where forms expect quantities, sizes, years and prices.
hostile_number = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1e9", "NaN", "inf", "-0", "1.5", "1,000", "١٢", "0x10", "", " ", "9" * 400]),
    hostile_text,
)
