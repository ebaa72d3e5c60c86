"""Every demo product gets a description built from the data file's facts; the invented part says so."""
from catalogue.demo import demo_description
from ocop.reference_data import confirmed, ocop_facts


def test_every_demo_product_has_a_description_from_its_facts_with_the_invented_part_labelled():
    products = [item for item in ocop_facts()["products"] if confirmed(item.get("producer"))]
    assert products
    for item in products:
        html = demo_description(item)
        assert item["name_vi"] in html and confirmed(item["producer"]) in html
        assert "Dữ liệu mẫu" in html  # the usage note is the team's, labelled


def test_a_description_names_the_place_and_the_protected_name_when_the_data_has_them():
    item = {"name_vi": "Miến dong Tài Hoan", "producer": "HTX Tài Hoan", "commune": "Côn Minh", "district": "Na Rì",
            "stars": 5, "group": "thuc-pham"}
    html = demo_description(item)
    assert "OCOP 5 sao của HTX Tài Hoan, xã Côn Minh, huyện Na Rì" in html
    assert "«Miến dong Bắc Kạn» là chỉ dẫn địa lý" in html
