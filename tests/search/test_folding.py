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
