"""Official programme figures, each with its document, date and exact wording, and the plans'
indicators with their year and source. Nothing here is computed: live counts come from
ocop.selectors (the registry and the marketplace) and are shown apart from these.
"""
import datetime

from django.utils.translation import gettext_lazy as _

DIRECTIVE_32 = {
    "number": "32-CT/TU",
    "title": "Chỉ thị của Ban Thường vụ Tỉnh ủy Bắc Kạn về tiếp tục đẩy mạnh thực hiện Chương trình Mỗi xã một sản phẩm (OCOP)",
    "issuer": "Ban Thường vụ Tỉnh ủy Bắc Kạn",
    "date": datetime.date(2024, 5, 9),
    "replaces": "Chỉ thị 21-CT/TU ngày 08/04/2019",
    "wording": (
        "đến hết năm 2023: 218 sản phẩm 3 sao trở lên, trong đó 1 sản phẩm 5 sao trong tổng số 42 sản phẩm 5 sao "
        "cả nước; 13 sản phẩm có vùng nguyên liệu đạt chuẩn hữu cơ, VietGAP, GACP-WHO; 94,6 % chủ thể có doanh thu "
        "tăng từ 1,1 lần; 79/108 xã, phường, thị trấn có sản phẩm OCOP"
    ),
}

# (label, value, exact wording of the figure in the document, as of)
OFFICIAL_FIGURES = [
    (_("Sản phẩm OCOP 3 sao trở lên"), "218", "218 sản phẩm 3 sao trở lên", "đến hết năm 2023"),
    (_("Sản phẩm 5 sao"), "1", "1 sản phẩm 5 sao trong tổng số 42 sản phẩm 5 sao cả nước", "đến hết năm 2023"),
    (_("Sản phẩm có vùng nguyên liệu đạt chuẩn"), "13", "13 sản phẩm có vùng nguyên liệu đạt chuẩn hữu cơ, VietGAP, GACP-WHO", "đến hết năm 2023"),
    (_("Chủ thể có doanh thu tăng"), "94,6 %", "94,6 % chủ thể có doanh thu tăng từ 1,1 lần", "đến hết năm 2023"),
    (_("Xã, phường, thị trấn có sản phẩm OCOP"), "79/108", "79/108 xã, phường, thị trấn có sản phẩm OCOP", "đến hết năm 2023"),
]


def official_figures():
    return [
        {"label": label, "value": value, "wording": wording, "as_of": as_of, "document": DIRECTIVE_32}
        for label, value, wording, as_of in OFFICIAL_FIGURES
    ]


PLAN_75 = {
    "number": "75/KH-UBND",
    "title": "Kế hoạch thực hiện Chương trình OCOP tỉnh Bắc Kạn năm 2022",
    "issuer": "UBND tỉnh Bắc Kạn",
    "year": 2022,
    "date": None,  # the day is not in our sources
}

# (key, wording of the indicator, target) — `key` says how the registry measures it, or None.
PLAN_INDICATORS = [
    ("new_certified", "Có thêm ít nhất 20 sản phẩm được công nhận từ 3 sao trở lên", 20),
    ("traceable", "10 sản phẩm được hỗ trợ truy xuất nguồn gốc", 10),
    ("value_chain", "06 sản phẩm tham gia chuỗi giá trị", 6),
    ("upgraded", "10 sản phẩm được nâng hạng sao", 10),
]
