"""Issue 20: catalogue content in English on /en/ (django-modeltranslation).

An English text is shown when it exists; otherwise the Vietnamese one, marked `lang="vi"` and
labelled "(in Vietnamese)"; Vietnamese pages never carry the label. Vietnamese stays the
canonical text: slugs, search rows and the open-data API read it whatever the language.
"""
import pytest
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories import UserFactory, category, product_on_sale
from tests.factories.gift_baskets import CultureThemeFactory
from tests.factories.shops import ProducerProfileFactory
from tests.shops.test_back_office_isolation import product_form_post_data

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
NOTE = '<span class="untranslated-note" lang="en">(in Vietnamese)</span>'
DESCRIPTION_VI = "<p>Miến làm từ tinh bột dong riềng Côn Minh.</p>"
DESCRIPTION_EN = "<p>Noodles made from Côn Minh arrowroot starch.</p>"


def catalogue_staff():
    return UserFactory(username="quan-tri", is_staff=True, is_superuser=True)


def english_url(obj):
    with translation.override("en"):
        return obj.get_absolute_url()


def noodles(**kwargs):
    return product_on_sale(title="Miến dong Tài Hoan", description=DESCRIPTION_VI, **kwargs)


def test_english_product_page_shows_the_english_description(client):
    product = noodles()
    product.description_en = DESCRIPTION_EN
    product.save()
    html = client.get(english_url(product)).content.decode()
    assert '<div class="product-description">' + DESCRIPTION_EN in html
    assert DESCRIPTION_VI not in html
    # The title has no English: it is the Vietnamese name, marked and labelled.
    assert '<h1 class="product-title"><span lang="vi">Miến dong Tài Hoan</span> ' + NOTE + "</h1>" in html


def test_english_product_page_falls_back_to_vietnamese_and_says_so(client):
    product = noodles()
    html = client.get(english_url(product)).content.decode()
    assert '<div class="product-description" lang="vi">' + DESCRIPTION_VI + "</div> " + NOTE in html


def test_a_product_with_an_english_title_shows_it_without_a_note(client):
    product = noodles()
    product.title_en = "Tài Hoan arrowroot noodles"
    product.save()
    html = client.get(english_url(product)).content.decode()
    assert '<h1 class="product-title"><span>Tài Hoan arrowroot noodles</span></h1>' in html
    # The listing card (cached per language and product version) follows.
    listing = client.get("/en/catalogue/").content.decode()
    assert ">Tài Hoan arrowroot noodles</a></h3>" in listing


def test_vietnamese_pages_never_carry_the_note(client):
    product = noodles()
    theme = CultureThemeFactory(name="Tết của người Tày")
    theme.products.add(product)
    profile = ProducerProfileFactory(story="<p>Chuyện của hợp tác xã.</p>")
    for url in (product.get_absolute_url(), "/catalogue/", f"/gift-baskets/?theme={theme.code}", profile.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "untranslated-note" not in response.content.decode(), url
        assert 'lang="vi">' not in response.content.decode().split("<body", 1)[1], url


def test_category_name_in_english_on_the_english_catalogue(client):
    food, drinks = category("Thực phẩm"), category("Đồ uống")
    food.name_en = "Food"
    food.save()
    noodles(categories=[food])
    catalogue = client.get("/en/catalogue/").content.decode()
    assert f'<a href="{english_url(food)}">Food</a>' in catalogue
    page = client.get(english_url(food)).content.decode()
    assert "<h1><span>Food</span></h1>" in page
    page = client.get(english_url(drinks)).content.decode()
    assert '<h1><span lang="vi">Đồ uống</span> ' + NOTE + "</h1>" in page


def test_theme_story_and_producer_story_fall_back_with_the_note(client):
    theme = CultureThemeFactory(name="Hồ Ba Bể", story="Hồ nước ngọt trên núi đá vôi.")
    theme.name_en = "Ba Bể Lake"
    theme.save()
    profile = ProducerProfileFactory(story="<p>Chuyện của hợp tác xã.</p>")
    html = client.get(f"/en/gift-baskets/?theme={theme.code}").content.decode()
    assert "<h2><span>Ba Bể Lake</span></h2>" in html
    assert '<p lang="vi">Hồ nước ngọt trên núi đá vôi.</p> ' + NOTE in html
    html = client.get(english_url(profile)).content.decode()
    assert '<div class="storefront-story" lang="vi"><p>Chuyện của hợp tác xã.</p></div> ' + NOTE in html
    profile.story_en = "<p>The story of the cooperative.</p>"
    profile.save()
    html = client.get(english_url(profile)).content.decode()
    assert '<div class="storefront-story"><p>The story of the cooperative.</p></div>' in html
    assert "Chuyện của hợp tác xã" not in html


def test_slug_and_search_stay_vietnamese_when_saved_from_an_english_page(client):
    product = noodles()
    with translation.override("en"):
        product.title_vi, product.title_en = "Miến dong Côn Minh", "Côn Minh arrowroot noodles"
        product.slug = ""
        product.save()
    product.refresh_from_db()
    assert product.slug == "mien-dong-con-minh"
    assert Product.objects.filter(pk=product.pk).values_list("title", flat=True).get() == "Miến dong Côn Minh"
    assert product.search_entry.title_folded.strip() == "mien dong con minh"
    for url in ("/search/", "/en/search/"):
        found = [p.pk for p in client.get(url, {"q": "mien dong con minh"}).context["products"]]
        assert found == [product.pk], url
    with translation.override("en"):
        assert product.title == "Côn Minh arrowroot noodles"


def test_open_data_api_is_vietnamese_whatever_the_accept_language(client):
    product = noodles()
    product.title_en = "Tài Hoan arrowroot noodles"
    product.save()
    rows = client.get("/api/v1/products/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert [row["title"] for row in rows] == ["Miến dong Tài Hoan"]
    assert "/en/" not in rows[0]["url"]


def test_staff_edit_both_languages_in_the_dashboard_product_form(client):
    product = noodles()
    client.force_login(catalogue_staff())
    url = f"/en/dashboard/catalogue/products/{product.pk}/"
    response = client.get(url)
    form = response.context["form"]
    assert {"title_vi", "title_en", "description_vi", "description_en"} <= set(form.fields)
    assert "title" not in form.fields and "description" not in form.fields
    post = product_form_post_data(response)
    post["title_en"] = "Tài Hoan arrowroot noodles"
    post["description_en"] = DESCRIPTION_EN
    response = client.post(url, post)
    assert response.status_code == 302, response.context and response.context["form"].errors
    product.refresh_from_db()
    assert (product.title_vi, product.title_en) == ("Miến dong Tài Hoan", "Tài Hoan arrowroot noodles")
    assert product.description_vi == DESCRIPTION_VI and product.description_en == DESCRIPTION_EN
    assert product.slug == "mien-dong-tai-hoan"
    # Vietnamese is the canonical title: it may not be left empty.
    post["title_vi"] = ""
    response = client.post(url, post)
    assert response.status_code == 200 and "title_vi" in response.context["form"].errors


def test_staff_edit_both_languages_in_the_dashboard_category_form(client):
    food = category("Thực phẩm")
    client.force_login(catalogue_staff())
    url = f"/dashboard/catalogue/categories/{food.pk}/update/"
    response = client.get(url)
    form = response.context["form"]
    assert {"name_vi", "name_en", "description_vi", "description_en"} <= set(form.fields)
    data = {"name_vi": "Thực phẩm", "name_en": "Food", "slug": food.slug, "description_vi": "",
            "description_en": "<p>Food</p><script>alert(1)</script>", "is_public": "on",
            "treebeard_position": "first-child", "treebeard_ref_node": ""}
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    food.refresh_from_db()
    assert (food.name_vi, food.name_en, food.slug) == ("Thực phẩm", "Food", "thuc-pham")
    # Staff-written HTML is whitelisted in every language column (issue 17 §4).
    assert "<script" not in food.description_en and "<p>Food</p>" in food.description_en


def test_demo_descriptions_in_english_keep_the_proper_names():
    from catalogue.demo import demo_description

    item = {"name_vi": "Miến dong Tài Hoan", "producer": "HTX Tài Hoan", "commune": "Côn Minh", "district": "Na Rì",
            "stars": 5, "group": "thuc-pham"}
    html = demo_description(item, language="en")
    assert "Miến dong Tài Hoan is a 5-star OCOP product of HTX Tài Hoan, Côn Minh commune, Na Rì district" in html
    assert "«Miến dong Bắc Kạn» is a protected geographical indication" in html
    assert "Sample data" in html and "Dữ liệu mẫu" not in html


def test_producer_edits_the_vietnamese_story_from_an_english_page_and_may_add_english(client):
    from tests.factories.shops import producer_user

    profile = ProducerProfileFactory(story="<p>Chuyện cũ.</p>")
    client.force_login(producer_user(profile.partner))
    url = f"/en/dashboard/producer/{profile.slug}/profile/"
    form = client.get(url).context["form"]
    assert form.initial["story"] == "Chuyện cũ." and form.initial["story_en"] == ""
    data = {"legal_kind": "cooperative", "commune_code": "2173", "story": "Chuyện mới.", "story_en": "The new story."}
    assert client.post(url, data).status_code == 302
    profile.refresh_from_db()
    assert (profile.story_vi, profile.story_en) == ("<p>Chuyện mới.</p>", "<p>The new story.</p>")


@pytest.mark.parametrize("path, field", [
    ("/django-admin/catalogue/product/{product}/change/", "title"),
    ("/django-admin/catalogue/category/{category}/change/", "name"),
    ("/django-admin/shops/producerprofile/{profile}/change/", "story"),
    ("/cms/snippets/gift_baskets/culturetheme/edit/{theme}/", "story"),
])
def test_admin_forms_edit_each_language_column(client, path, field):
    product = noodles()
    profile, theme = ProducerProfileFactory(), CultureThemeFactory()
    client.force_login(catalogue_staff())
    url = path.format(product=product.pk, category=product.categories.first().pk, profile=profile.pk, theme=theme.pk)
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'name="{field}_vi"' in html and f'name="{field}_en"' in html
    assert f'name="{field}"' not in html


def test_dashboard_product_search_matches_the_vietnamese_title_on_english_pages(client):
    product = noodles()
    product.title_en = "Tài Hoan arrowroot noodles"
    product.save()
    client.force_login(catalogue_staff())
    for url in ("/dashboard/catalogue/", "/en/dashboard/catalogue/"):
        found = [row.record for row in client.get(url, {"title": "Miến dong"}).context["products"].rows]
        assert found == [product], url


def test_demo_fills_english_for_groups_themes_and_product_descriptions(client):
    from catalogue.demo import load_catalogue
    from gift_baskets.demo import load_gift_baskets

    for _ in range(2):  # idempotent, like every load_demo step
        load_catalogue(log=lambda line: None)
        load_gift_baskets(log=lambda line: None)
    Category = get_model("catalogue", "Category")
    groups = Category.objects.filter(depth=1)
    assert groups.count() == 6 and not groups.filter(name_en__isnull=True).exists()
    assert groups.get(slug="thuc-pham").name_en == "Food" and not groups.get(slug="thuc-pham").description
    noodles = Product.objects.get(title_vi="Miến dong Tài Hoan")
    assert noodles.description_en.startswith("<p>Miến dong Tài Hoan is a 5-star OCOP product of HTX Tài Hoan")
    assert noodles.description_vi.startswith("<p>Miến dong Tài Hoan là sản phẩm OCOP 5 sao")
    html = client.get(english_url(noodles)).content.decode()
    assert '<div class="product-description"><p>Miến dong Tài Hoan is a 5-star' in html
    assert '<span lang="vi">Miến dong Tài Hoan</span> ' + NOTE in html  # the title stays Vietnamese, and says so
    html = client.get("/en/gift-baskets/", {"theme": "tet-tay"}).content.decode()
    assert "<h2><span>Tết of the Tày people</span></h2>" in html
    assert "<p>The Tết of the Tày people has long bánh chưng" in html
