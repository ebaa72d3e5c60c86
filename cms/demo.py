"""Demo portal content: home, policy pages, programme pages, documents, news and events.

Facts (numbers, dates, decisions, names) come only from ocop/data/ocop_backan.json;
everything invented (article wording, event dates, the directive's summary) is labelled
"dữ liệu mẫu" on the page. Idempotent: each page is keyed on its slug, each document on its number.
"""
import datetime
import json

from django.core.files.base import ContentFile
from django.utils import timezone
from oscar.core.loading import get_model

from cms.bootstrap import ensure_home_page
from cms.services import news_moderation_ensure
from ocop.figures import DIRECTIVE_32
from ocop.reference_data import ocop_facts

DEMO_NOTE = "Tin mẫu (dữ liệu demo): số liệu lấy từ nguồn công khai, lời văn do ban biên tập mẫu soạn."

POLICY_PAGES = [
    (
        "quy-che-hoat-dong",
        "Quy chế hoạt động sàn giao dịch thương mại điện tử Chợ OCOP Bắc Kạn",
        "<p><strong>Dữ liệu mẫu:</strong> bản quy chế mẫu của trang trình diễn; đơn vị vận hành thật ban hành và đăng ký "
        "với Bộ Công Thương theo Nghị định 52/2013/NĐ-CP (sửa đổi bởi Nghị định 85/2021/NĐ-CP).</p>"
        "<h2>1. Đơn vị vận hành</h2><p>Tên, địa chỉ, điện thoại, email và tình trạng đăng ký sàn giao dịch TMĐT với "
        "Bộ Công Thương được ghi ở chân mỗi trang.</p>"
        "<h2>2. Người bán trên sàn</h2><p>Người bán là chủ thể OCOP (doanh nghiệp, hợp tác xã, tổ hợp tác, hộ kinh doanh) "
        "có đăng ký kinh doanh. Người bán cung cấp tên, địa chỉ, mã số đăng ký kinh doanh, số điện thoại liên hệ; "
        "thông tin nhận diện này được hiển thị trên gian hàng. Người bán chịu trách nhiệm về chất lượng, nguồn gốc, "
        "giá và thông tin hàng hóa, không quảng cáo thực phẩm hay sản phẩm từ dược liệu như thuốc chữa bệnh.</p>"
        "<h2>3. Quy định đăng bán</h2><p>Chỉ sản phẩm OCOP còn chứng nhận từ 3 sao trở lên (Quyết định 148/QĐ-TTg) được bán. "
        "Khi chứng nhận hết hạn (36 tháng) hoặc bị thu hồi, sản phẩm tự động ngừng bán. Mô tả sản phẩm có cụm từ "
        "quảng cáo công dụng chữa bệnh phải chờ cán bộ duyệt.</p>"
        "<h2>4. Giao dịch, thanh toán, giao nhận</h2><p>Xem trang Giao hàng và thanh toán.</p>"
        "<h2>5. Giải quyết khiếu nại, tranh chấp</h2><p>Người mua khiếu nại với người bán qua sàn; sàn hỗ trợ giải quyết "
        "khi hai bên không thống nhất. Cách giải quyết của sàn không phải là cuối cùng: người mua giữ quyền hòa giải, "
        "khiếu nại đến cơ quan nhà nước có thẩm quyền và khởi kiện tại Tòa án (Luật Bảo vệ quyền lợi người tiêu dùng 2023).</p>"
        "<h2>6. Bảo vệ dữ liệu cá nhân</h2><p>Xem trang Bảo vệ thông tin cá nhân. Dữ liệu mở của sàn (API /api/v1/) "
        "không có dữ liệu cá nhân.</p>",
    ),
    (
        "khieu-nai-doi-tra",
        "Khiếu nại, đổi trả và hoàn tiền",
        "<p>Theo Nghị định 52/2013/NĐ-CP và 85/2021/NĐ-CP, người mua được khiếu nại, đổi trả hàng mua trên sàn. "
        "Người mua gửi yêu cầu kèm lý do và ảnh chụp, nhà sản xuất trả lời, Ban quản lý sàn giải quyết khi hai bên "
        "không thống nhất, và tiền được hoàn qua phương thức đã thanh toán. Các mốc thời gian và điều kiện cụ thể "
        "do hệ thống áp dụng được in ngay bên dưới.</p>"
        "<p>Cách giải quyết của sàn không phải là cuối cùng: theo Luật Bảo vệ quyền lợi người tiêu dùng năm 2023, "
        "người mua vẫn có quyền thương lượng, yêu cầu hòa giải, khiếu nại đến cơ quan nhà nước có thẩm quyền "
        "(cơ quan quản lý về bảo vệ quyền lợi người tiêu dùng) hoặc khởi kiện tại Tòa án.</p>",
    ),
    (
        "giao-hang-thanh-toan",
        "Giao hàng và thanh toán",
        "<p>Mỗi nhà sản xuất đóng gói và gửi phần hàng của mình; phí vận chuyển tính theo từng kiện và hiển thị trước khi thanh toán. "
        "Thanh toán khi nhận hàng (COD), chuyển khoản VietQR hoặc thẻ. Sản phẩm du lịch được bán dưới dạng phiếu sử dụng theo ngày, không cần giao hàng.</p>",
    ),
    (
        "bao-mat",
        "Bảo vệ thông tin cá nhân",
        "<p>Chúng tôi chỉ thu thập thông tin cần để giao hàng và liên hệ (họ tên, số điện thoại, địa chỉ, email), "
        "không chia sẻ cho bên thứ ba ngoài nhà sản xuất và đơn vị vận chuyển của đơn hàng. Dữ liệu thẻ do Stripe xử lý, không đi qua máy chủ của chúng tôi.</p>",
    ),
]


def _child(parent, model, slug, **fields):
    """The page with this slug under `parent`, created (and published) if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _latest_count():
    counts = ocop_facts()["province"]["ocop_counts"]
    return counts[-1]


def load_policy_pages(home):
    from cms.models import ContentPage

    section = _child(home, ContentPage, "chinh-sach", title="Chính sách")
    for slug, title, body in POLICY_PAGES:
        if not ContentPage.objects.filter(slug=slug).exists():
            _child(section, ContentPage, slug, title=title, body=body)


def load_documents():
    """Decisions and directives as Wagtail documents; the files are summaries, not the legal texts."""
    from wagtail.documents import get_document_model

    Document = get_document_model()
    facts = ocop_facts()
    documents = [
        {
            "number": "736/QĐ-UBND",
            "title": "Quy chế điểm giới thiệu và bán sản phẩm OCOP tỉnh Bắc Kạn",
            "kind": "decision",
            "issued_on": datetime.date(2021, 5, 26),
            "issuer": "UBND tỉnh Bắc Kạn",
            "summary": "Quy chế gồm 3 chương, 10 điều. Điểm bán có ít nhất 30 loại sản phẩm OCOP 3 sao trở lên của Bắc Kạn, "
            "mỗi sản phẩm có tem OCOP và tem truy xuất nguồn gốc; sản phẩm OCOP và đặc sản địa phương chiếm trên 60 %; "
            "Sở Công Thương quản lý và công bố danh sách điểm bán.",
            "is_demo": False,
        },
        {
            "number": "148/QĐ-TTg",
            "title": "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình OCOP",
            "kind": "decision",
            "issued_on": datetime.date(2023, 2, 24),
            "issuer": "Thủ tướng Chính phủ",
            "summary": "Sáu nhóm sản phẩm; thang điểm 100 gồm phần A (%(A)s điểm), B (%(B)s điểm), C (%(C)s điểm); "
            "3 sao từ 50 điểm, 4 sao từ 70 điểm, 5 sao từ 90 điểm. Phụ lục II sửa đổi bởi Quyết định 1489/QĐ-TTg."
            % {key.split("_", 1)[0]: value for key, value in facts["star_scale"]["parts_148"].items()},
            "is_demo": False,
        },
        {
            "number": DIRECTIVE_32["number"],
            "title": DIRECTIVE_32["title"],
            "kind": "directive",
            "issued_on": DIRECTIVE_32["date"],
            "issuer": DIRECTIVE_32["issuer"],
            "summary": f"Thay thế {DIRECTIVE_32['replaces']}. Kết quả nêu trong chỉ thị: {DIRECTIVE_32['wording']}.",
            "is_demo": False,
        },
    ]
    for data in documents:
        if Document.objects.filter(number=data["number"]).exists():
            continue
        document = Document(**data)
        text = f"{data['number']} — {data['title']}\n{data['issuer']}\n\n{data['summary']}\n\n(Bản tóm tắt trên sàn, không phải toàn văn.)\n"
        document.file.save(f"{data['number'].replace('/', '-')}.txt", ContentFile(text.encode("utf-8")), save=False)
        document.save()


def load_programme(home):
    from cms.models import DocumentIndexPage, ProgrammePage

    facts = ocop_facts()
    latest = _latest_count()
    groups = ", ".join(group["name_vi"] for group in facts["product_groups"]["groups"])
    intro_body = [
        {
            "type": "paragraph",
            "value": (
                "<p>Chương trình Mỗi xã một sản phẩm (OCOP) đánh giá, phân hạng sản phẩm của các chủ thể địa phương "
                "(doanh nghiệp, hợp tác xã, tổ hợp tác, hộ kinh doanh) theo thang điểm 100. Sản phẩm đạt từ 3 sao trở lên "
                "được chứng nhận, có hiệu lực 36 tháng; chỉ những sản phẩm này được bán trên sàn.</p>"
                f"<p>Sáu nhóm sản phẩm theo Quyết định 148/QĐ-TTg: {groups}.</p>"
                f"<p>Theo Chỉ thị {DIRECTIVE_32['number']} ngày {DIRECTIVE_32['date']:%d/%m/%Y} của {DIRECTIVE_32['issuer']}, "
                f"{latest['as_stated']} Bắc Kạn có {latest['products']} sản phẩm OCOP 3 sao trở lên, trong đó "
                f"{latest['five_star']} sản phẩm 5 sao (trong tổng số {latest['five_star_national_total']} sản phẩm 5 sao cả nước).</p>"
            ),
        },
        {"type": "programme_figures", "value": {"heading": "Sản phẩm OCOP trên sàn"}},
    ]
    programme = _child(
        home,
        ProgrammePage,
        "chuong-trinh-ocop",
        title="Chương trình OCOP",
        intro="Giới thiệu Chương trình Mỗi xã một sản phẩm của Bắc Kạn (nay thuộc tỉnh Thái Nguyên).",
        body=json.dumps(intro_body),
    )
    _child(
        programme,
        ProgrammePage,
        "tieu-chi-xep-hang-sao",
        title="Bộ tiêu chí và hạng sao",
        intro="Sản phẩm được chấm theo ba phần A, B, C; tổng điểm quyết định hạng sao.",
        body=json.dumps([{"type": "star_criteria", "value": {}}]),
    )
    _child(
        programme,
        ProgrammePage,
        "tham-gia-nha-san-xuat",
        title="Tham gia với tư cách nhà sản xuất",
        intro="Chủ thể OCOP mở gian hàng để bán sản phẩm đã được chứng nhận.",
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": "<p>Doanh nghiệp, hợp tác xã, tổ hợp tác và hộ kinh doanh có sản phẩm OCOP còn hiệu lực "
                    "gửi hồ sơ đăng ký gian hàng; Ban quản lý sàn đối chiếu giấy chứng nhận trước khi mở bán.</p>",
                },
                {"type": "form_link", "value": {"target": "shops:apply", "label": "Đăng ký gian hàng", "text": ""}},
            ]
        ),
    )
    rules = facts["sales_point_rules_736"]["confirmed"]
    _child(
        programme,
        ProgrammePage,
        "dang-ky-diem-ban",
        title="Đăng ký điểm giới thiệu và bán sản phẩm OCOP",
        intro="Theo Quyết định 736/QĐ-UBND ngày 26/05/2021 của UBND tỉnh Bắc Kạn.",
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": f"<ul><li>Ít nhất {rules['min_ocop_product_kinds']} loại sản phẩm OCOP từ {rules['min_stars']} sao "
                    "của Bắc Kạn, mỗi sản phẩm có tem OCOP và tem truy xuất nguồn gốc;</li>"
                    "<li>sản phẩm OCOP và đặc sản địa phương chiếm trên 60 % số mặt hàng;</li>"
                    "<li>Sở Công Thương quản lý và công bố danh sách điểm bán được công nhận.</li></ul>",
                },
                {"type": "form_link", "value": {"target": "sales_points:register", "label": "Đăng ký điểm bán", "text": ""}},
                {"type": "form_link", "value": {"target": "sales_points:index", "label": "Xem các điểm bán", "text": ""}},
            ]
        ),
    )
    _child(
        programme,
        DocumentIndexPage,
        "van-ban",
        title="Văn bản chương trình",
        intro="Quyết định, chỉ thị và kế hoạch về Chương trình OCOP. Tệp đính kèm là bản tóm tắt, không phải toàn văn.",
    )
    return programme


def load_news(home):
    from cms.models import NewsCategory, NewsIndexPage, NewsPage

    Product = get_model("catalogue", "Product")
    Partner = get_model("partner", "Partner")
    index = _child(home, NewsIndexPage, "news", title="Tin tức OCOP", intro="Tin tức Chương trình OCOP Bắc Kạn (tin mẫu).")
    news_moderation_ensure(news_index=index)
    programme, products_cat, _ = (
        NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in (
            ("chuong-trinh", "Chương trình OCOP"),
            ("san-pham-tieu-bieu", "Sản phẩm tiêu biểu"),
            ("hoi-cho-su-kien", "Hội chợ, sự kiện"),
        )
    )
    facts = ocop_facts()
    latest = _latest_count()
    sales = facts["sales_point_rules_736"]["confirmed"]
    mien = Product.objects.filter(title="Miến dong Tài Hoan").first()
    tai_hoan = Partner.objects.filter(name="HTX Tài Hoan").first()
    articles = [
        {
            "slug": "mien-dong-tai-hoan-giu-hang-5-sao",
            "title": "Miến dong Tài Hoan tiếp tục đạt hạng 5 sao OCOP",
            "date": datetime.date(2024, 6, 25),
            "intro": "Sản phẩm OCOP 5 sao duy nhất của Bắc Kạn được đánh giá lại và giữ hạng 5 sao. " + DEMO_NOTE,
            "categories": [products_cat],
            "tags": ["miến dong", "5 sao", "Na Rì"],
            "products": [mien] if mien else [],
            "partners": [tai_hoan] if tai_hoan else [],
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>Miến dong Tài Hoan của HTX Tài Hoan (xã Côn Minh, huyện Na Rì cũ) được Bộ công nhận 5 sao "
                    "theo Quyết định 2890/QĐ-BNN-VPĐP ngày 30/06/2021 với 91,14 điểm, và được đánh giá lại đạt 5 sao ngày 25/06/2024. "
                    "Miến dong Bắc Kạn là sản phẩm có chỉ dẫn địa lý.</p>",
                }
            ]
            + ([{"type": "product", "value": {"product": mien.pk, "caption": "Miến dong Tài Hoan trên sàn"}}] if mien else []),
        },
        {
            "slug": "bac-kan-co-218-san-pham-ocop",
            "title": f"Bắc Kạn có {latest['products']} sản phẩm OCOP {latest['as_stated']}",
            "date": datetime.date(2024, 5, 20),
            "intro": f"{latest['as_stated'].capitalize()}: {latest['products']} sản phẩm 3 sao trở lên, trong đó {latest['five_star']} sản phẩm 5 sao "
            f"(Chỉ thị {DIRECTIVE_32['number']} ngày {DIRECTIVE_32['date']:%d/%m/%Y}). Ngày đăng là dữ liệu mẫu. " + DEMO_NOTE,
            "categories": [programme],
            "tags": ["số liệu", "OCOP"],
            "products": [],
            "partners": [],
            "body": [
                {
                    "type": "paragraph",
                    "value": f"<p>Tháng 11/2023 tỉnh có 184 sản phẩm OCOP của 110 chủ thể (73 hợp tác xã, 5 doanh nghiệp, "
                    f"22 hộ kinh doanh, 10 tổ hợp tác). {latest['as_stated'].capitalize()}, con số là {latest['products']} sản phẩm 3 sao trở lên "
                    f"(Chỉ thị {DIRECTIVE_32['number']} của {DIRECTIVE_32['issuer']}, {DIRECTIVE_32['date']:%d/%m/%Y}). "
                    f"Năm 2023, {facts['province']['communes_with_ocop_products_2023']}/{facts['province']['communes_2020_2025']} "
                    "xã, phường, thị trấn có sản phẩm OCOP.</p>",
                },
                {"type": "quote", "value": "Từ 07/2025, Bắc Kạn thuộc tỉnh Thái Nguyên."},
            ],
        },
        {
            "slug": "quy-che-diem-ban-san-pham-ocop",
            "title": "Điểm giới thiệu và bán sản phẩm OCOP cần những gì?",
            "date": datetime.date(2024, 3, 15),
            "intro": "Tiêu chí điểm bán theo Quyết định 736/QĐ-UBND ngày 26/05/2021. Ngày đăng là dữ liệu mẫu. " + DEMO_NOTE,
            "categories": [programme],
            "tags": ["điểm bán", "736/QĐ-UBND"],
            "products": [],
            "partners": [],
            "body": [
                {
                    "type": "paragraph",
                    "value": f"<p>Mỗi điểm bán có ít nhất {sales['min_ocop_product_kinds']} loại sản phẩm OCOP từ "
                    f"{sales['min_stars']} sao của Bắc Kạn, có tem OCOP và tem truy xuất nguồn gốc; sản phẩm OCOP và đặc sản "
                    f"địa phương chiếm trên 60 % số mặt hàng. Năm 2023 tỉnh có {sales['points_in_province_2023']} điểm bán.</p>",
                }
            ],
        },
        {
            "slug": "chi-thi-32-ct-tu-ve-ocop",
            "title": "Ban Thường vụ Tỉnh ủy Bắc Kạn ban hành Chỉ thị 32-CT/TU về Chương trình OCOP",
            "date": DIRECTIVE_32["date"],
            "intro": f"Ngày {DIRECTIVE_32['date']:%d/%m/%Y}, {DIRECTIVE_32['issuer']} ban hành Chỉ thị {DIRECTIVE_32['number']}, "
            f"thay thế {DIRECTIVE_32['replaces']}. " + DEMO_NOTE,
            "categories": [programme],
            "tags": ["chỉ thị", "OCOP"],
            "products": [],
            "partners": [],
            "body": [
                {
                    "type": "paragraph",
                    "value": f"<p>Chỉ thị nêu kết quả: {DIRECTIVE_32['wording']}.</p>",
                }
            ],
        },
    ]
    for data in articles:
        if NewsPage.objects.filter(slug=data["slug"]).exists():
            continue
        page = NewsPage(
            slug=data["slug"],
            title=data["title"],
            date=data["date"],
            author="Ban biên tập (dữ liệu mẫu)",
            intro=data["intro"],
            body=json.dumps(data["body"]),
        )
        page.categories.set(data["categories"])
        page.products.set(data["products"])
        page.partners.set(data["partners"])
        page.tags.add(*data["tags"])
        index.add_child(instance=page)
        page.save_revision().publish()
    return index


def load_events(home):
    from cms.models import EventIndexPage, EventPage

    Partner = get_model("partner", "Partner")
    index = _child(home, EventIndexPage, "events", title="Sự kiện OCOP", intro="Hội chợ, triển lãm, lễ hội có sản phẩm OCOP.")
    local = timezone.get_current_timezone()
    today = timezone.localdate()
    fair_day = today + datetime.timedelta(days=30)
    events = [
        {
            "slug": "hoi-cho-ocop-bac-kan-mau",
            "title": "Hội chợ sản phẩm OCOP Bắc Kạn (sự kiện mẫu)",
            "kind": "fair",
            "start": datetime.datetime.combine(fair_day, datetime.time(8, 0), tzinfo=local),
            "end": datetime.datetime.combine(fair_day + datetime.timedelta(days=4), datetime.time(21, 0), tzinfo=local),
            "place": "Trung tâm phường Đức Xuân (dữ liệu mẫu)",
            "address": "Phường Đức Xuân, TP Bắc Kạn cũ, tỉnh Thái Nguyên",
            "intro": "Dữ liệu mẫu: ngày và địa điểm do ban biên tập mẫu đặt ra.",
            "producers": list(Partner.objects.order_by("name")[:6]),
        },
        {
            "slug": "le-hoi-long-tong-ba-be",
            "title": "Lễ hội Lồng Tồng Ba Bể",
            "kind": "festival",
            # 9–11 tháng Giêng Đinh Mùi (Tết 06/02/2027); labelled demo on the page
            "start": datetime.datetime(2027, 2, 14, 7, 0, tzinfo=local),
            "end": datetime.datetime(2027, 2, 16, 18, 0, tzinfo=local),
            "place": "Bó Lù, xã Nam Mẫu, Ba Bể",
            "address": "Xã Nam Mẫu, Ba Bể, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên",
            "intro": "Lễ hội xuống đồng ngày 9–11 tháng Giêng (chính hội mùng 10), di sản văn hóa phi vật thể quốc gia từ 2014. "
            "Ngày dương lịch là dữ liệu mẫu, cần đối chiếu thông báo của địa phương.",
            "producers": [],
        },
    ]
    for data in events:
        if EventPage.objects.filter(slug=data["slug"]).exists():
            continue
        producers = data.pop("producers")
        page = EventPage(**data)
        page.producers.set(producers)
        index.add_child(instance=page)
        page.save_revision().publish()
    return index


def load_pages(*, log):
    home = ensure_home_page()
    load_policy_pages(home)
    load_documents()
    load_programme(home)
    load_news(home)
    load_events(home)
    log("  portal: home, policy pages, programme pages, documents, demo news and events ready")
