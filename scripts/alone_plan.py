"""Print, for each add-on to test alone, the template database it starts from.

    python alone_plan.py ODOO_ADDONS_DIR PROJECT_ADDONS_DIR MODULE[,MODULE...]|all

One line per module: ``module<TAB>content<TAB>roots<TAB>state``. The
template holds every module the add-on depends on, not the add-on itself:
content is all of them (the Odoo modules they pull in and the project's
add-ons), roots the ones to name to ``-i`` from scratch, state a hash of the
code of the project add-ons in it (tests excluded), so that a template is
rebuilt when that code changes. Then one line ``*<TAB>content<TAB>-<TAB>state``
per template any project add-on needs, so that only templates no add-on needs
anymore are dropped.
"""

import ast
import hashlib
import os
import sys


def manifest(path):
    with open(os.path.join(path, "__manifest__.py"), encoding="utf-8") as handle:
        return ast.literal_eval(handle.read())


def code_state(project_dir, modules):
    digest = hashlib.sha1()
    for module in sorted(modules):
        root = os.path.join(project_dir, module)
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in ("tests", "__pycache__"))
            for name in sorted(files):
                if name.endswith(".pyc"):
                    continue
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, project_dir).encode())
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()[:10] if modules else "-"


def main(odoo_dir, project_dir, wanted):
    project = {
        name: manifest(os.path.join(project_dir, name))
        for name in sorted(os.listdir(project_dir))
        if os.path.isfile(os.path.join(project_dir, name, "__manifest__.py"))
    }
    project = {name: data for name, data in project.items() if data.get("installable", True)}
    odoo_cache = {}

    def odoo_depends(name):
        if name not in odoo_cache:
            odoo_cache[name] = manifest(os.path.join(odoo_dir, name)).get("depends", []) if name != "base" else []
        return odoo_cache[name]

    def plan(module):
        odoo_roots, project_deps, todo = set(), set(), list(project[module].get("depends", []))
        while todo:
            name = todo.pop()
            if name in project:
                if name not in project_deps:
                    project_deps.add(name)
                    todo.extend(project[name].get("depends", []))
            else:
                odoo_roots.add(name)
        closure, todo = set(), list(odoo_roots)
        while todo:
            name = todo.pop()
            if name not in closure:
                closure.add(name)
                todo.extend(odoo_depends(name))
        content = ",".join(sorted(closure | project_deps))
        roots = ",".join(sorted(odoo_roots | project_deps))
        return content, roots, code_state(project_dir, project_deps)

    modules = sorted(project) if wanted == "all" else [m for m in wanted.split(",") if m]
    unknown = [m for m in modules if m not in project]
    if unknown:
        sys.exit(f"not a project add-on: {', '.join(unknown)}")
    for module in modules:
        print(module, *plan(module), sep="\t")
    for content, state in sorted({plan(module)[::2] for module in project}):
        print("*", content, "-", state, sep="\t")


if __name__ == "__main__":
    main(*sys.argv[1:4])
