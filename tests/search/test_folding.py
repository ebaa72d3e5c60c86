import pytest

from search.folding import fold, tokens


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Miến dong Tài Hoan", "mien dong tai hoan"),
        ("Bánh trôi chợ Đồn", "banh troi cho don"),
        ("ĐẶC SẢN Đá Đỏ", "dac san da do"),
        ("Trà Shan tuyết  – Bạch Thông!", "tra shan tuyet bach thong"),
        ("mật ong", "mat ong"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_strips_vietnamese_diacritics_and_d_stroke(text, expected):
    assert fold(text) == expected


def test_decomposed_input_folds_like_precomposed():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Miến dong")) == "mien dong"
    assert tokens("Mật ong Bắc Kạn") == ["mat", "ong", "bac", "kan"]


def test_one_folding_for_places_transfers_and_slugs():
    from marketplace.checkout.vietnam import fold as checkout_fold
    from marketplace.payments.vietqr import ascii_message
    from ocop.places import fold as place_key
    from search.folding import slug, strip_accents

    assert checkout_fold is fold
    assert place_key("Xã Hòa Mục") == place_key("Hoà Mục") == "hoa muc"
    assert place_key("Huyện Chợ Đồn") == "cho don"
    assert strip_accents("Chè Đà Nẵng") == "Che Da Nang"
    assert ascii_message("OCOP 100012 Chè Đà Nẵng") == "OCOP 100012 Che Da Nang"
    assert slug("Điểm bán Đồn Đền") == "diem-ban-don-den"
