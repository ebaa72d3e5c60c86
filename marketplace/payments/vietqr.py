"""VietQR (NAPAS 247) payload, following the EMVCo merchant-presented QR specification.

Each field is ID (2 digits) + length (2 digits) + value; the merchant account field (38)
carries the NAPAS GUID, the beneficiary bank BIN and account, and the service code for a
transfer to an account; the payload ends with field 63, a CRC-16/CCITT-FALSE checksum
over everything before it including "6304".
"""
import io

import segno

NAPAS_GUID = "A000000727"
SERVICE_TRANSFER_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"


def _field(tag, value):
    value = str(value)
    if len(value) > 99:
        raise ValueError(f"field {tag} longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def ascii_message(text):
    """Bank apps carry plain ASCII in the transfer message: drop accents and odd characters."""
    from search.folding import strip_accents

    folded = strip_accents(text)
    return "".join(char for char in folded if char.isalnum() or char == " ")[:50].strip()


def build_payload(*, bank_bin, account_number, amount=None, message=""):
    if not (bank_bin.isdigit() and len(bank_bin) == 6):
        raise ValueError("bank BIN must be 6 digits")
    if not account_number.isalnum():
        raise ValueError("account number must be alphanumeric")
    beneficiary = _field("00", bank_bin) + _field("01", account_number)
    merchant = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_TRANSFER_TO_ACCOUNT)
    parts = [
        _field("00", "01"),
        _field("01", "12" if amount else "11"),  # 12: dynamic (one payment), 11: static
        _field("38", merchant),
        _field("53", CURRENCY_VND),
    ]
    if amount:
        amount = int(amount)
        if amount <= 0:
            raise ValueError("amount must be positive whole đồng")
        parts.append(_field("54", str(amount)))
    parts.append(_field("58", COUNTRY_VN))
    message = ascii_message(message)
    if message:
        parts.append(_field("62", _field("08", message)))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt(body.encode('ascii')):04X}"


def parse_payload(payload):
    """Split a payload into {tag: value} (top level), checking its CRC; for tests and support."""
    if crc16_ccitt(payload[:-4].encode("ascii")) != int(payload[-4:], 16):
        raise ValueError("CRC mismatch")
    fields, index = {}, 0
    while index < len(payload):
        tag, length = payload[index : index + 2], int(payload[index + 2 : index + 4])
        fields[tag] = payload[index + 4 : index + 4 + length]
        index += 4 + length
    return fields


def qr_svg(payload, *, scale=4):
    """The QR code as an inline SVG string (no external request, no JavaScript)."""
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="svg", scale=scale, xmldecl=False, svgns=True, border=2)
    return buffer.getvalue().decode("utf-8")
