"""Events: fairs and festivals with dates and place, upcoming ones on the home page, iCal download."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import PartnerFactory
from tests.factories.cms import event_index, event_page

pytestmark = pytest.mark.django_db


def test_event_page_shows_dates_place_map_and_producers(client):
    producer = PartnerFactory(name="HTX Tài Hoan")
    start = timezone.make_aware(datetime.datetime(2030, 2, 10, 8, 0))
    event = event_page(
        title="Lễ hội Lồng Tồng Ba Bể",
        kind="festival",
        start=start,
        days=2,
        place="Bó Lù, xã Nam Mẫu",
        latitude="22.417000",
        longitude="105.617000",
        producers=[producer],
    )
    html = client.get(event.url).content.decode()
    assert "Lễ hội Lồng Tồng Ba Bể" in html
    assert "08:00 10/02/2030" in html and "12/02/2030" in html
    assert "Bó Lù, xã Nam Mẫu" in html
    assert "openstreetmap.org/?mlat=22.417000&amp;mlon=105.617000" in html
    assert "HTX Tài Hoan" in html


def test_index_lists_upcoming_then_past(client):
    event_page(title="Hội chợ đã qua", start=timezone.now() - datetime.timedelta(days=30))
    event_page(title="Hội chợ sắp tới", start=timezone.now() + datetime.timedelta(days=5))
    html = client.get("/events/").content.decode()
    assert html.index("Hội chợ sắp tới") < html.index("Đã diễn ra") < html.index("Hội chợ đã qua")


def test_home_page_lists_only_upcoming_events(client):
    event_page(title="Triển lãm đã kết thúc", start=timezone.now() - datetime.timedelta(days=30))
    event_page(title="Phiên chợ OCOP cuối tuần", start=timezone.now() + datetime.timedelta(days=3))
    html = client.get("/").content.decode()
    assert "Phiên chợ OCOP cuối tuần" in html
    assert "Triển lãm đã kết thúc" not in html


def test_ical_download_of_one_event(client):
    start = timezone.make_aware(datetime.datetime(2030, 2, 10, 8, 0))  # Asia/Ho_Chi_Minh, UTC+7
    event = event_page(title="Lễ hội Lồng Tồng, Ba Bể; năm 2030", start=start, days=1, place="Bó Lù")
    response = client.get(event.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "DTSTART:20300210T010000Z\r\n" in text
    assert "DTEND:20300211T010000Z\r\n" in text
    assert "SUMMARY:Lễ hội Lồng Tồng\\, Ba Bể\\; năm 2030\r\n" in text
    assert text.rstrip().endswith("END:VCALENDAR")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_ical_of_all_upcoming_events(client):
    event_page(title="Đã qua", start=timezone.now() - datetime.timedelta(days=10))
    event_page(title="Sắp tới một", start=timezone.now() + datetime.timedelta(days=1))
    event_page(title="Sắp tới hai", start=timezone.now() + datetime.timedelta(days=2))
    text = client.get("/events/ical/").content.decode()
    assert text.count("BEGIN:VEVENT") == 2
    assert "Đã qua" not in text


def test_end_before_start_is_refused():
    start = timezone.now() + datetime.timedelta(days=10)
    with pytest.raises(ValidationError) as error:
        event_page(title="Sai ngày", start=start, days=-1)
    assert "Thời gian kết thúc phải sau thời gian bắt đầu." in str(error.value)
    assert event_index() is not None
