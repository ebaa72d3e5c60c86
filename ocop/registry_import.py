"""Reading the officers' spreadsheet (CSV or XLSX) for the OCOP registry: one row per product.

Columns (Vietnamese headers, accents optional; order free): ma, ten_san_pham, chu_the, loai_hinh,
xa, huyen, nhom, phan_nhom, so_sao, diem, so_quyet_dinh, ngay_quyet_dinh (dd/mm/yyyy),
vung_nguyen_lieu, tieu_chuan (codes, comma-separated), nguon.
"""
import csv
import datetime
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ocop import places
from ocop.models import ProducerKind
from ocop.rules import group_choices
from search.folding import fold

MAX_ROWS = 20000
COLUMNS = (
    "ma", "ten_san_pham", "chu_the", "loai_hinh", "xa", "huyen", "nhom", "phan_nhom", "so_sao", "diem",
    "so_quyet_dinh", "ngay_quyet_dinh", "vung_nguyen_lieu", "tieu_chuan", "nguon",
)
KIND_PREFIXES = [
    ("hop tac xa", ProducerKind.COOPERATIVE),
    ("htx", ProducerKind.COOPERATIVE),
    ("to hop tac", ProducerKind.COOPERATIVE_GROUP),
    ("cong ty", ProducerKind.COMPANY),
    ("doanh nghiep", ProducerKind.COMPANY),
    ("ho kinh doanh", ProducerKind.HOUSEHOLD),
]


def _header(name):
    return fold(name).replace(" ", "_")


def read_rows(uploaded):
    """[(line number, {column: text})]; line numbers as the officer sees them (header = line 1)."""
    name = (getattr(uploaded, "name", "") or "").lower()
    data = uploaded.read()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        table = _xlsx_rows(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Tệp CSV phải mã hóa UTF-8.")) from None
        table = list(csv.reader(io.StringIO(text)))
    if not table:
        raise ValidationError(_("Tệp trống."))
    headers = [_header(cell or "") for cell in table[0]]
    if "ten_san_pham" not in headers:
        raise ValidationError(_("Dòng 1 phải là tiêu đề cột, có cột ten_san_pham."))
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError(_("Tối đa %(n)s dòng mỗi lần nhập.") % {"n": MAX_ROWS})
    rows = []
    for index, cells in enumerate(table[1:], start=2):
        values = {headers[i]: ("" if cell is None else str(cell)).strip() for i, cell in enumerate(cells) if i < len(headers)}
        if any(values.values()):
            rows.append((index, values))
    return rows


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ValidationError(_("Không đọc được tệp XLSX.")) from None
    sheet = book.worksheets[0]
    rows = []
    for cells in sheet.iter_rows(values_only=True):
        rows.append([cell.strftime("%d/%m/%Y") if isinstance(cell, (datetime.date, datetime.datetime)) else cell for cell in cells])
    return rows


def producer_kind(name):
    key = fold(name)
    for prefix, kind in KIND_PREFIXES:
        if key.startswith(prefix):
            return kind
    return ProducerKind.UNKNOWN


def _kind(text, producer):
    if not text:
        return producer_kind(producer)
    key = fold(text)
    for value, label in ProducerKind.choices:
        if key in (fold(value), fold(str(label))):
            return value
    kind = producer_kind(text)
    if kind == ProducerKind.UNKNOWN:
        raise ValidationError({"loai_hinh": _("Loại hình không hợp lệ: %(v)s") % {"v": text}})
    return kind


def _group(text):
    key = fold(text)
    for code, label in group_choices():
        if key in (code, fold(code), fold(label)):
            return code
    raise ValidationError({"nhom": _("Nhóm sản phẩm không hợp lệ: %(v)s") % {"v": text}})


def _date(text):
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError({"ngay_quyet_dinh": _("Ngày không hợp lệ (dd/mm/yyyy): %(v)s") % {"v": text}})


def clean_row(row):
    """The keyword arguments of services.registry_entry_save (+ 'certificate'), or ValidationError."""
    from catalogue.models import QualityStandard

    errors = {}
    name = row.get("ten_san_pham", "")
    if not name:
        errors["ten_san_pham"] = [_("Thiếu tên sản phẩm.")]
    producer = row.get("chu_the", "")
    data = {"code": row.get("ma", ""), "name": name, "producer_name": producer, "subgroup": row.get("phan_nhom", ""),
            "raw_material_area": row.get("vung_nguyen_lieu", ""), "source": row.get("nguon", "")}
    for key, parse, target in (("loai_hinh", lambda v: _kind(v, producer), "producer_kind"), ("nhom", _group, "group")):
        try:
            data[target] = parse(row.get(key, ""))
        except ValidationError as error:
            errors.update(error.message_dict)
    district_text, commune_text = row.get("huyen", ""), row.get("xa", "")
    district = places.district_name(district_text) if district_text else ""
    if district_text and not district:
        errors["huyen"] = [_("Không có huyện/thành phố này trong 8 đơn vị của Bắc Kạn cũ: %(v)s") % {"v": district_text}]
    data["district"] = district
    if commune_text:
        code = places.find_code(district, commune_text)
        if code is None:
            errors["xa"] = [_("Không có xã/phường/thị trấn này (Bắc Kạn, trước 07/2025): %(v)s") % {"v": commune_text}]
        data["commune_code"] = code
    standards = [s.strip().lower() for s in row.get("tieu_chuan", "").split(",") if s.strip()]
    known = {fold(value): value for value in QualityStandard.values} | {fold(label): value for value, label in QualityStandard.choices}
    wrong = [s for s in standards if fold(s) not in known]
    if wrong:
        errors["tieu_chuan"] = [_("Tiêu chuẩn không hợp lệ: %(v)s") % {"v": ", ".join(wrong)}]
    data["standards"] = [known[fold(s)] for s in standards if fold(s) in known]
    stars_text = row.get("so_sao", "")
    stars = None
    if stars_text:
        try:
            stars = int(stars_text.replace("★", "").strip())
        except ValueError:
            errors["so_sao"] = [_("Số sao phải là số 3, 4 hoặc 5.")]
        else:
            if stars not in (3, 4, 5):
                errors["so_sao"] = [_("Chỉ sản phẩm 3 sao trở lên được chứng nhận OCOP (Quyết định 148/QĐ-TTg).")]
    number, date_text = row.get("so_quyet_dinh", ""), row.get("ngay_quyet_dinh", "")
    if bool(number) != bool(date_text):
        errors["so_quyet_dinh"] = [_("Số quyết định và ngày quyết định phải đi cùng nhau.")]
    elif number:
        if stars is None and "so_sao" not in errors:
            errors["so_sao"] = [_("Quyết định cần số sao.")]
        try:
            decided = _date(date_text)
        except ValidationError as error:
            errors.update(error.message_dict)
        else:
            score = None
            if row.get("diem"):
                try:
                    score = Decimal(row["diem"].replace(",", "."))
                except InvalidOperation:
                    errors["diem"] = [_("Điểm không hợp lệ.")]
            if stars:
                data["certificate"] = {"stars": stars, "decision_number": number, "decision_date": decided, "score": score}
    if stars and "certificate" not in data:
        data["listed_stars"] = stars
    if errors:
        raise ValidationError(errors)
    return data
