"""Demo portal pages: the home page and the policy pages the footer links to."""
from cms.bootstrap import ensure_home_page

POLICY_PAGES = [
    (
        "khieu-nai-doi-tra",
        "Khiếu nại, đổi trả và hoàn tiền",
        "<p>Người mua có thể gửi khiếu nại trong vòng 7 ngày kể từ khi nhận hàng, kèm lý do và ảnh chụp. "
        "Nhà sản xuất trả lời trong 3 ngày làm việc; nếu hai bên không thống nhất, Ban quản lý sàn quyết định. "
        "Tiền hoàn được trả qua phương thức đã thanh toán (đơn COD và chuyển khoản được hoàn bằng chuyển khoản ngân hàng).</p>",
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


def load_pages(*, log):
    from cms.models import ContentPage

    home = ensure_home_page()
    section = ContentPage.objects.filter(slug="chinh-sach").first()
    if section is None:
        section = home.add_child(instance=ContentPage(title="Chính sách", slug="chinh-sach"))
    for slug, title, body in POLICY_PAGES:
        if not ContentPage.objects.filter(slug=slug).exists():
            section.add_child(instance=ContentPage(title=title, slug=slug, body=body))
    log("  portal: home page and policy pages ready")
