"""Seed data for the cycle: the default review chain and a Food-group scoring sheet.

What is confirmed from public sources (ocop/data/ocop_backan.json, Decision 148/QĐ-TTg
as reported): the three parts and their maxima (A 40, B 25, C 35), the bands, and that some
criteria are mandatory. The criteria LINES below are PLAUSIBLE PLACEHOLDERS modelled on the
structure of the Decision 148 Annex (production organisation, product development, community
strength; marketing and promotion; quality, food safety, market reach) — their wording,
points and which ones are mandatory must be replaced by the official text of the Annex for
the Food group. Staff edit them as data (Django admin), as a new sheet version.
"""
from decimal import Decimal

FOOD_SHEET_TITLE = "Phiếu đánh giá, phân hạng sản phẩm – nhóm Thực phẩm"
FOOD_SHEET_NOTE = (
    "Xác nhận từ nguồn công khai: 3 phần A (40 điểm), B (25 điểm), C (35 điểm) theo Quyết định "
    "148/QĐ-TTg; có tiêu chí bắt buộc. Các dòng tiêu chí dưới đây là TẠM THỜI (placeholder), "
    "cần thay bằng nội dung chính thức của Phụ lục Quyết định 148/QĐ-TTg cho nhóm Thực phẩm."
)

# (part, code, text, max points, mandatory)
FOOD_CRITERIA = [
    ("A", "A1", "Nguồn nguyên liệu (địa phương, ổn định, có vùng nguyên liệu)", 5, False),
    ("A", "A2", "Gia tăng giá trị (mức độ chế biến tại địa phương)", 4, False),
    ("A", "A3", "Công suất và quy trình sản xuất", 4, False),
    ("A", "A4", "Liên kết sản xuất với hộ, tổ hợp tác, hợp tác xã", 5, False),
    ("A", "A5", "Bảo vệ môi trường trong sản xuất", 4, True),
    ("A", "A6", "Sử dụng lao động địa phương", 4, False),
    ("A", "A7", "Đổi mới, sáng tạo trong phát triển sản phẩm", 4, False),
    ("A", "A8", "Loại hình tổ chức và vai trò người đứng đầu", 5, False),
    ("A", "A9", "Quản trị, kế toán, kế hoạch kinh doanh", 5, False),
    ("B", "B1", "Bao bì, nhãn hàng hóa đúng quy định", 5, True),
    ("B", "B2", "Truy xuất nguồn gốc (tem, mã QR)", 4, False),
    ("B", "B3", "Câu chuyện sản phẩm", 4, False),
    ("B", "B4", "Kênh phân phối, thị trường tiêu thụ", 6, False),
    ("B", "B5", "Hoạt động xúc tiến, quảng bá", 6, False),
    ("C", "C1", "Chất lượng cảm quan", 8, False),
    ("C", "C2", "Thành phần, dinh dưỡng, tính độc đáo", 6, False),
    ("C", "C3", "Công bố tiêu chuẩn chất lượng sản phẩm", 5, True),
    ("C", "C4", "An toàn thực phẩm (giấy chứng nhận, kết quả kiểm nghiệm)", 6, True),
    ("C", "C5", "Hệ thống quản lý chất lượng (HACCP, ISO…)", 5, False),
    ("C", "C6", "Khả năng xuất khẩu, mở rộng thị trường", 5, False),
]

DEFAULT_STEPS = [
    # Since 07/2025 there is no district level: the commune forwards straight to the province.
    (1, "UBND xã/phường thẩm định và chuyển hồ sơ lên tỉnh", "review_commune"),
]


def seed(ReviewStep, ScoringSheet, Criterion):
    if not ReviewStep.objects.exists():
        for position, name, role in DEFAULT_STEPS:
            ReviewStep.objects.create(position=position, name=name, role=role)
    if not ScoringSheet.objects.filter(group="thuc-pham").exists():
        sheet = ScoringSheet.objects.create(
            group="thuc-pham", version=1, title=FOOD_SHEET_TITLE, source_note=FOOD_SHEET_NOTE, is_active=True
        )
        for position, (part, code, text, points, mandatory) in enumerate(FOOD_CRITERIA):
            Criterion.objects.create(
                sheet=sheet,
                part=part,
                code=code,
                text=text,
                max_points=Decimal(points),
                is_mandatory=mandatory,
                mandatory_min_points=Decimal("1"),
                source="placeholder",
                position=position,
            )
