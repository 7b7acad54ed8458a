"""Every add-on refers only to models and external ids of modules in its dependency closure.

Usage: python scripts/check_deps.py [addon_dir ...]
Exit 1 listing "file:line: name (of module) is outside the dependencies of addon".

A model's owner is the module whose code declares ``_name = "x.y"`` (the project's add-ons or
Odoo's tree); an external id's owner is its prefix; a field's owners are the modules declaring a
field of that name. References read: ``env["x.y"]``, ``_inherit``, ``_name``, relational fields'
comodels, ``ref("module.xmlid")`` and the probes ``"x.y" in env`` and ``"field" in X._fields`` in
Python; ``model="x.y"``, ``<field name="model">``, ``ref=``, ``inherit_id=``, ``t-call=``,
``groups=``, ``%(module.xmlid)d`` and ``ref('module.xmlid')`` in XML. Models that no module
declares are reported too (typos, or models of a module the project does not ship).
"""

import ast
import functools
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
MODEL = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+"
XMLID = r"[a-z][a-z0-9_]*\.[A-Za-z0-9_.]+"

PY_MODEL_REFS = [
    re.compile(rf"""\benv\[\s*["']({MODEL})["']\s*\]"""),
    re.compile(rf"""["']({MODEL})["']\s+in\s+(?:self\.|request\.)?env\b"""),
    re.compile(rf"""\b_(?:name|inherit)\s*=\s*["']({MODEL})["']"""),
    re.compile(rf"""\bfields\.(?:Many2one|One2many|Many2many)\(\s*["']({MODEL})["']"""),
    re.compile(rf"""\bcomodel_name\s*=\s*["']({MODEL})["']"""),
]
PY_INHERIT_LIST = re.compile(r"""\b_inherit\s*=\s*\[([^\]]*)\]""")
PY_FIELD_PROBES = [re.compile(r"""["']([a-z_][a-z0-9_]*)["']\s+in\s+[\w.\[\]"']*_fields\b""")]
PY_XMLID_REFS = [re.compile(rf"""\bref\(\s*["']({XMLID})["']""")]
XML_MODEL_REFS = [
    re.compile(rf"""\bmodel=["']({MODEL})["']"""),
    re.compile(rf"""<field name=["'](?:model|res_model|model_id)["']>\s*({MODEL})\s*<"""),
]
XML_XMLID_REFS = [
    re.compile(rf"""\b(?:ref|inherit_id|t-call|groups)=["']({XMLID})["']"""),
    re.compile(rf"""%\(({XMLID})\)d"""),
    re.compile(rf"""\bref\(\s*["']({XMLID})["']\s*\)"""),
]


def odoo_addons_paths():
    import odoo  # noqa: PLC0415 - the project's venv provides it; only this script needs it

    package = pathlib.Path(odoo.__file__).resolve().parent
    return [package / "addons", package.parent / "addons"]


@functools.cache
def manifests():
    """{module: (directory, depends)} of Odoo's modules and the project's add-ons."""
    result = {}
    for base in [*odoo_addons_paths(), ADDONS]:
        for manifest in sorted(base.glob("*/__manifest__.py")):
            data = ast.literal_eval(manifest.read_text(encoding="utf-8"))
            result[manifest.parent.name] = (manifest.parent, tuple(data.get("depends", ())))
    return result


@functools.cache
def closure(module):
    """The module and everything it depends on, directly or not."""
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(manifests().get(name, (None, ()))[1])
    return frozenset(seen)


@functools.cache
def field_owners():
    """{field name: {modules declaring a field of that name}}."""
    owners = {}
    declare = re.compile(r"^\s+([a-z_][a-z0-9_]*)\s*=\s*fields\.\w+\(", re.M)
    for module, (directory, _depends) in manifests().items():
        for path in directory.rglob("*.py"):
            if "tests" in path.relative_to(directory).parts:
                continue
            for name in declare.findall(path.read_text(encoding="utf-8", errors="replace")):
                owners.setdefault(name, set()).add(module)
    return owners


@functools.cache
def model_owners():
    """{model: {modules declaring _name = model}}."""
    owners = {}
    declare = re.compile(rf"""^\s+_name\s*=\s*["']({MODEL})["']""", re.M)
    for module, (directory, _depends) in manifests().items():
        for path in directory.rglob("*.py"):
            if "tests" in path.relative_to(directory).parts:
                continue
            for name in declare.findall(path.read_text(encoding="utf-8", errors="replace")):
                owners.setdefault(name, set()).add(module)
    return owners


def references(path):
    """(line number, kind, name) of the models and external ids ``path`` refers to."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".py":
        model_refs, xmlid_refs = PY_MODEL_REFS, PY_XMLID_REFS
    else:
        model_refs, xmlid_refs = XML_MODEL_REFS, XML_XMLID_REFS
    found = []
    for kind, patterns in (("model", model_refs), ("xmlid", xmlid_refs)):
        for pattern in patterns:
            for match in pattern.finditer(text):
                for name in match.group(1).split(","):
                    found.append((text.count("\n", 0, match.start()) + 1, kind, name.strip()))
    if path.suffix == ".py":
        for pattern in PY_FIELD_PROBES:
            for match in pattern.finditer(text):
                found.append((text.count("\n", 0, match.start()) + 1, "field", match.group(1)))
        for match in PY_INHERIT_LIST.finditer(text):
            for name in re.findall(rf"""["']({MODEL})["']""", match.group(1)):
                found.append((text.count("\n", 0, match.start()) + 1, "model", name))
    return found


def check(addon_dir):
    """Problems of one add-on, as printable lines."""
    module = addon_dir.name
    allowed = closure(module)
    problems = []
    for path in sorted([*addon_dir.rglob("*.py"), *addon_dir.rglob("*.xml")]):
        for line, kind, name in references(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if kind == "model":
                owners = model_owners().get(name)
                if not owners:
                    problems.append(f"{where}: model {name} is declared by no known module")
                elif not owners & allowed:
                    owner = ", ".join(sorted(owners))
                    problems.append(f"{where}: model {name} (of {owner}) is outside the dependencies of {module}")
            elif kind == "field":
                owners = field_owners().get(name, set())
                if not owners & allowed:
                    owner = ", ".join(sorted(owners)) or "no known module"
                    problems.append(f"{where}: probe of field {name} (of {owner}) outside the dependencies of {module}")
            else:
                owner = name.split(".", 1)[0]
                if owner not in allowed:
                    problems.append(f"{where}: {name} (of {owner}) is outside the dependencies of {module}")
    return problems


def main(argv):
    dirs = [pathlib.Path(a).resolve() for a in argv] or sorted(p.parent for p in ADDONS.glob("*/__manifest__.py"))
    problems = [problem for addon_dir in dirs for problem in check(addon_dir)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
