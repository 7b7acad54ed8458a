"""Statement of account as PDF (reportlab, with an embedded CJK font) and as .xlsx."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from odoo.addons.dealer_base.tools import xlsx_workbook, xlsx_write, xlsx_write_row

# reportlab's built-in Adobe CID font for simplified Chinese: no font file needed.
CJK_FONT = "STSong-Light"


def _register_font():
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _labels(env):
    return {
        "title": env._("Statement of Account"),
        "dealer": env._("Dealer"),
        "code": env._("Dealer Code"),
        "period": env._("Period"),
        "opening": env._("Opening Balance"),
        "invoiced": env._("Invoices"),
        "credited": env._("Credit Notes"),
        "rebated": env._("Rebates"),
        "paid": env._("Payments"),
        "closing": env._("Closing Balance"),
        "date": env._("Date"),
        "document": env._("Document"),
        "reference": env._("Reference"),
        "type": env._("Type"),
        "debit": env._("Debit"),
        "credit": env._("Credit"),
        "balance": env._("Balance"),
        "none": env._("No documents in this period."),
        "page": env._("Page"),
    }


def _kinds(env):
    return {
        "invoice": env._("Invoice"),
        "credit_note": env._("Credit Note"),
        "rebate": env._("Rebate"),
        "payment": env._("Payment"),
    }


def _amount(value):
    # round() first: an amount that rounds to zero prints 0.00, never -0.00.
    return f"{round(value, 2) or 0.0:,.2f}"


def _columns(left, right):
    """(x, label key, alignment) of the statement's table columns."""
    return [
        (left, "date", "l"),
        (left + 24 * mm, "document", "l"),
        (left + 62 * mm, "reference", "l"),
        (left + 96 * mm, "type", "l"),
        (left + 138 * mm, "debit", "r"),
        (left + 160 * mm, "credit", "r"),
        (right, "balance", "r"),
    ]


def _draw_row(pdf, columns, y, values, bold=False):
    pdf.setFont(CJK_FONT, 10 if bold else 9)
    for (x, _key, align), value in zip(columns, values, strict=True):
        if align == "r":
            pdf.drawRightString(x, y, value)
        else:
            pdf.drawString(x, y, value[:22])


def _draw_summary(pdf, data, labels, left, y):
    pdf.setFont(CJK_FONT, 10)
    for key in ("opening", "invoiced", "credited", "rebated", "paid", "closing"):
        pdf.drawString(left, y, labels[key])
        pdf.drawRightString(left + 80 * mm, y, _amount(data[key]))
        y -= 5.5 * mm
    return y


def statement_pdf(env, data):
    """The statement as PDF bytes."""
    _register_font()
    labels = _labels(env)
    kinds = _kinds(env)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    pdf.setTitle(f"{labels['title']} {data['dealer'].dealer_code or ''}")
    width, height = A4
    left, right = 15 * mm, width - 15 * mm
    page = [1]

    def footer():
        pdf.setFont(CJK_FONT, 8)
        pdf.drawRightString(right, 10 * mm, f"{labels['page']} {page[0]}")

    def header():
        y = height - 20 * mm
        pdf.setFont(CJK_FONT, 16)
        pdf.drawString(left, y, f"{data['company'].name} - {labels['title']}")
        pdf.setFont(CJK_FONT, 10)
        y -= 9 * mm
        pdf.drawString(left, y, f"{labels['dealer']}: {data['dealer'].name}")
        pdf.drawString(left + 110 * mm, y, f"{labels['code']}: {data['dealer'].dealer_code or ''}")
        y -= 6 * mm
        pdf.drawString(left, y, f"{labels['period']}: {data['date_from']} - {data['date_to']}")
        pdf.drawString(left + 110 * mm, y, f"{data['currency'].name}")
        return y - 8 * mm

    columns = _columns(left, right)

    def row(y, values, bold=False):
        _draw_row(pdf, columns, y, values, bold)

    y = _draw_summary(pdf, data, labels, left, header()) - 4 * mm
    row(y, [labels[key] for _x, key, _a in columns], bold=True)
    y -= 2 * mm
    pdf.line(left, y, right, y)
    y -= 5 * mm
    row(y, ["", "", "", labels["opening"], "", "", _amount(data["opening"])])
    y -= 5 * mm
    for line in data["lines"]:
        if y < 20 * mm:
            footer()
            pdf.showPage()
            page[0] += 1
            y = header()
        row(
            y,
            [
                str(line["date"]),
                line["name"] or "",
                line["ref"],
                kinds[line["kind"]],
                _amount(line["debit"]) if line["debit"] else "",
                _amount(line["credit"]) if line["credit"] else "",
                _amount(line["balance"]),
            ],
        )
        y -= 5 * mm
    if not data["lines"]:
        pdf.setFont(CJK_FONT, 9)
        pdf.drawString(left, y, labels["none"])
        y -= 5 * mm
    pdf.line(left, y + 3 * mm, right, y + 3 * mm)
    row(y - 2 * mm, ["", "", "", labels["closing"], "", "", _amount(data["closing"])], bold=True)
    footer()
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def statement_xlsx(env, data):
    """The statement as .xlsx bytes (references and names written as text, never as formulas)."""
    labels = _labels(env)
    kinds = _kinds(env)
    buffer = io.BytesIO()
    workbook = xlsx_workbook(buffer)
    sheet = workbook.add_worksheet(labels["title"][:31])
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    xlsx_write(sheet, 0, 0, labels["title"], bold)
    xlsx_write_row(sheet, 1, [labels["dealer"], data["dealer"].name])
    xlsx_write_row(sheet, 2, [labels["code"], data["dealer"].dealer_code or ""])
    xlsx_write_row(sheet, 3, [labels["period"], f"{data['date_from']} - {data['date_to']}"])
    row = 5
    for key in ("opening", "invoiced", "credited", "rebated", "paid", "closing"):
        total = key in ("opening", "closing")
        xlsx_write(sheet, row, 0, labels[key], bold if total else None)
        xlsx_write(sheet, row, 1, data[key], money_bold if total else money)
        row += 1
    row += 1
    headers = ["date", "document", "reference", "type", "debit", "credit", "balance"]
    xlsx_write_row(sheet, row, [labels[key] for key in headers], bold)
    for line in data["lines"]:
        row += 1
        xlsx_write(sheet, row, 0, line["date"], date_format=day)
        xlsx_write_row(sheet, row, [line["name"] or "", line["ref"] or "", kinds[line["kind"]]], col=1)
        xlsx_write_row(sheet, row, [line["debit"], line["credit"], line["balance"]], money, col=4)
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 3, 20)
    sheet.set_column(4, 6, 14)
    workbook.close()
    return buffer.getvalue()
