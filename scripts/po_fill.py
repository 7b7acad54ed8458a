"""Write i18n/zh_CN.po of an add-on from its .pot and a msgid -> msgstr table.

Usage: python scripts/po_fill.py addons/<module> table.py
The table is a Python file defining a dict T. Entries already translated in
the existing zh_CN.po are kept unless the table gives a new text.
"""

import pathlib
import runpy
import sys

import polib


def main(addon, table_file):
    addon = pathlib.Path(addon)
    pot = polib.pofile(str(addon / "i18n" / f"{addon.name}.pot"))
    po_path = addon / "i18n" / "zh_CN.po"
    old = {e.msgid: e.msgstr for e in polib.pofile(str(po_path))} if po_path.exists() else {}
    table = runpy.run_path(table_file)["T"] if table_file else {}
    po = polib.POFile()
    po.metadata = dict(pot.metadata, Language="zh_CN", **{"Plural-Forms": "nplurals=1; plural=0;"})
    missing = []
    for entry in pot:
        text = table.get(entry.msgid) or old.get(entry.msgid, "")
        if not text:
            missing.append(entry.msgid)
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=text,
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=entry.tcomment,
                flags=entry.flags,
            )
        )
    po.save(str(po_path))
    for msgid in missing:
        print("untranslated:", repr(msgid))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
