"""Write each add-on's README.rst from its readme/ fragments.

Usage: python scripts/gen_readme.py [--check] [addon_dir ...]
With --check, exit 1 when a README.rst is not up to date.
"""

import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def md_to_rst(text):
    """The small Markdown subset the fragments use: ### headings, lists, *emphasis*, `code`."""
    lines = []
    for line in text.replace("`", "``").splitlines():
        if line.startswith("### "):
            title = line[4:].strip()
            lines += [title, "~" * len(title)]
        else:
            lines.append(line)
    return "\n".join(lines).strip() + "\n"


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), ""]
    out += [f"*{manifest['summary']}*", "", f"| License: {manifest['license']}", ""]
    out += [".. contents::", "   :local:", ""]
    for filename, heading in SECTIONS:
        fragment = addon / "readme" / filename
        if not fragment.exists():
            continue
        if heading:
            out += [heading, "=" * len(heading), ""]
        out.append(md_to_rst(fragment.read_text(encoding="utf-8")))
    out += ["Maintainers", "===========", "", f"This module is maintained by {manifest['author']}.", ""]
    return "\n".join(out)


def main(argv):
    check = "--check" in argv
    addons = [pathlib.Path(a) for a in argv if a != "--check"] or sorted(
        p.parent for p in (ROOT / "addons").glob("*/__manifest__.py")
    )
    stale = []
    for addon in addons:
        target = addon / "README.rst"
        text = render(addon)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(str(target))
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        print("README.rst out of date (run python scripts/gen_readme.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
