#!/usr/bin/env bash
# make test MODULES=a,b / make test-alone: each add-on alone, as an admin
# installs it for a customer who wants only that one. For every module, in a
# fresh database holding only what its manifests make it depend on:
#   demo    Odoo's runner: -i MODULE --test-enable --test-tags /MODULE, with demo data
#   nodemo  the same in a database installed without demo data
#   pytest  pytest-odoo on the module's tests dir, in the "demo" database
# DEALER_ALONE_MODES picks the checks (make test MODULES=...: all three; make
# test-alone: demo,nodemo for every add-on). DEALER_ALONE_JOBS checks run side
# by side (default 2, the machine's cores).
#
# Each module starts from a template database holding everything it depends
# on (the Odoo modules and the project's add-ons, not the module itself),
# dealer_alone_tmpl_<hash>_<demo|nodemo>, copied in a second. A template is
# built from the largest one whose modules it contains, so dealer_base's demo
# is installed once per flag. The hash covers the Odoo release and the code of
# the project add-ons in it (tests excluded). Names match neither make test's
# dealer_tmpl_% nor make test-odoo's dealer_odoo_tmpl_%; only dealer_alone_tmpl_%
# templates no add-on needs anymore are dropped.
#
# Measured on the 2-core machine (shared with other work, load 2.5-4.5):
#   make test-alone, no template yet (as in CI): 14 min 6 s, 868 tests in 14 checks
#     (templates 3.5 min: demo chain 210 s beside the no-demo one 128 s)
#   make test MODULES=dealer_credit, templates there: 1 min 12 s (3 checks, 99 tests)
# Prints one line per module and check, then "N passed, N failed"; exits
# non-zero on any failure.
DEALER_PG_FAST=1  # throwaway databases: commits need not wait for the disk
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$DEALER_ROOT"
MODULES="${1:-all}"
MODES="${DEALER_ALONE_MODES:-demo,nodemo,pytest}"
JOBS="${DEALER_ALONE_JOBS:-2}"
PREFIX="${DEALER_ALONE_PREFIX:-dealer_alone}"
FILESTORE="$DEALER_ROOT/.local/data/filestore"
LOGS="$DEALER_ROOT/.local/alone"
mkdir -p "$LOGS" "$FILESTORE"
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || {
    echo "[test-alone] chromium is required for the browser tests (Debian: apt-get install chromium)" >&2; exit 1; }
has_mode() { [[ ",$MODES," == *",$1,"* ]]; }

plan="$("$PY" scripts/alone_plan.py "$ODOO_TREE/addons" addons "$MODULES")" || exit 1
release_hash="$(sha1sum < "$ODOO_TREE/odoo/release.py" | cut -c1-40)"
tmpl_name() {  # content state flag -> template name
    echo "${PREFIX}_tmpl_$( (echo "$1"; echo "$2"; echo "$release_hash") | sha1sum | cut -c1-10)_$3"
}
drop_db() { PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$1"; rm -rf "${FILESTORE:?}/$1"; }
copy_db() {  # source target
    drop_db "$2"
    createdb -T "$1" "$2"
    if [ -d "$FILESTORE/$1" ]; then cp -a "$FILESTORE/$1" "$FILESTORE/$2"; fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# Errors logged outside a test (an installation, a browser) fail a run too, but
# for the test server closing a browser's idle connection.
logged_errors() {
    grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) |demo data failed to install" "$1" \
        | grep -vE " werkzeug: .*Request timed out" || true
}
flags=()
if has_mode demo || has_mode pytest; then flags+=(demo); fi
if has_mode nodemo; then flags+=(nodemo); fi

# Templates no add-on needs anymore (another Odoo release, changed code or manifests).
needed=" "
declare -A BUILT=()  # "content|flag" -> template, for the ones in the database
while IFS=$'\t' read -r name content _roots state; do
    [ "$name" = "*" ] || continue
    for flag in demo nodemo; do
        tmpl="$(tmpl_name "$content" "$state" "$flag")"
        needed+="$tmpl "
        if db_exists "$tmpl"; then BUILT["$content|$flag"]="$tmpl"; fi
    done
done <<< "$plan"
for old in $(psql -XtAc "SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX//_/\\_}\\_tmpl\\_%'" postgres); do
    [[ "$needed" == *" $old "* ]] || { echo "[test-alone] dropping the template $old (no add-on needs it)"; drop_db "$old"; }
done

# ensure_template content roots state flag: from the largest template with the
# same flag whose modules it contains (same code: built in this run or kept),
# or from scratch.
ensure_template() {
    local content="$1" roots="$2" state="$3" flag="$4" tmpl base="" base_content="" other
    tmpl="$(tmpl_name "$content" "$state" "$flag")"
    if db_exists "$tmpl"; then return 0; fi
    for other in "${!BUILT[@]}"; do
        [ "${other##*|}" = "$flag" ] || continue
        local cand="${other%|*}" subset=1 m
        for m in ${cand//,/ }; do [[ ",$content," == *",$m,"* ]] || { subset=0; break; }; done
        if [ "$subset" = 1 ] && [ "${#cand}" -gt "${#base_content}" ]; then base_content="$cand"; base="${BUILT[$other]}"; fi
    done
    # Built under another name and renamed once complete: an interrupted build is never reused.
    local start=$SECONDS log="$LOGS/$tmpl.log" args=() wip="${tmpl}_wip"
    rm -f "$log"
    [ "$flag" = nodemo ] && args+=(--without-demo=all)
    if [ -n "$base" ]; then
        copy_db "$base" "$wip"
        # Only what the base lacks, nor what came with it (auto_install modules such as sale_stock
        # with sale and stock): -i on an installed module would load its data again.
        local missing=() installed
        installed=",$(psql -XtAc "SELECT string_agg(name, ',') FROM ir_module_module WHERE state = 'installed'" "$wip"),"
        for m in ${roots//,/ }; do [[ "$installed" == *",$m,"* ]] || missing+=("$m"); done
        roots="$(IFS=,; echo "${missing[*]}")"
    else
        drop_db "$wip"
    fi
    echo "[test-alone] installing ${roots:-nothing more} into the template $tmpl${base:+ (a copy of $base)}"
    if [ -n "$roots" ] && { ! "${ODOO[@]}" -d "$wip" -i "$roots" "${args[@]}" --stop-after-init --log-level=warn \
        --logfile="$log" || [ -n "$(logged_errors "$log")" ]; }; then
        logged_errors "$log" | tail -n 20 >&2; tail -n 40 "$log" >&2
        echo "[test-alone] the template $tmpl failed to install (log: $log)" >&2
        drop_db "$wip"; return 1
    fi
    psql -Xqc "ALTER DATABASE \"$wip\" RENAME TO \"$tmpl\"" postgres
    if [ -d "$FILESTORE/$wip" ]; then mv "$FILESTORE/$wip" "$FILESTORE/$tmpl"; fi
    BUILT["$content|$flag"]="$tmpl"
    echo "[test-alone] template $tmpl ready in $((SECONDS - start)) s"
}

# run_odoo module flag db template: Odoo's runner on a copy of the template.
run_odoo() {
    local module="$1" flag="$2" db="$3" log="$LOGS/$3.log" args=() rc=0 summary errors install=-i
    copy_db "$4" "$db"
    rm -f "$log"
    [ "$flag" = nodemo ] && args+=(--without-demo=all)
    # An auto_install bridge came with its dependencies into the template: its tests run on an update.
    if [ "$(psql -XtAc "SELECT state FROM ir_module_module WHERE name = '$module'" "$db")" = installed ]; then
        install=-u
    fi
    "${ODOO[@]}" -d "$db" "$install" "$module" "${args[@]}" --test-enable --test-tags "/$module" --stop-after-init \
        --http-port="$(free_port)" --log-level=info --logfile="$log" || rc=$?
    summary="$(grep -oE "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests" "$log" | tail -n1 || true)"
    errors="$(logged_errors "$log")"
    local failed=0 erred=0 total=0
    if [[ "$summary" =~ ^([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        failed="${BASH_REMATCH[1]}" erred="${BASH_REMATCH[2]}" total="${BASH_REMATCH[3]}"
    fi
    PASSED=$((total - failed - erred)) FAILED=$((failed + erred))
    if [ "$rc" != 0 ] || [ -z "$summary" ] || [ "$FAILED" != 0 ] || [ "$total" = 0 ] || [ -n "$errors" ]; then
        if [ -n "$errors" ]; then echo "$errors" | cut -c1-300 | tail -n 30 >&2; fi
        if [ -z "$summary" ]; then tail -n 30 "$log" >&2; fi
        echo "[test-alone] $module ($flag): exit $rc, ${summary:-no test summary} (log: $log)" >&2
        [ "$FAILED" != 0 ] || FAILED=1
        return 1
    fi
}

# run_pytest module db: pytest-odoo on the module's own tests dir only.
run_pytest() {
    local module="$1" db="$2" log="$LOGS/$2.pytest.log" rc=0 line
    "$VENV/bin/pytest" -p no:cacheprovider --odoo-config="$DEALER_ROOT/odoo.conf" --odoo-database="$db" \
        --odoo-http --odoo-log-level=warn -q "addons/$module/tests" > "$log" 2>&1 || rc=$?
    line="$(tail -n1 "$log")"
    PASSED=0 FAILED=0
    if [[ "$line" =~ ([0-9]+)\ passed ]]; then PASSED="${BASH_REMATCH[1]}"; fi
    if [[ "$line" =~ ([0-9]+)\ failed ]]; then FAILED="${BASH_REMATCH[1]}"; fi
    if [[ "$line" =~ ([0-9]+)\ errors? ]]; then FAILED=$((FAILED + BASH_REMATCH[1])); fi
    if [ "$rc" != 0 ]; then
        grep -E "^(FAILED|ERROR) " "$log" | cut -c1-300 >&2 || tail -n 30 "$log" >&2
        echo "[test-alone] $module (pytest): exit $rc, $line (log: $log)" >&2
        [ "$FAILED" != 0 ] || FAILED=1
        return 1
    fi
}

# check module flag-or-pytest template: one check, its result line in $LOGS/result.*
check() {
    local module="$1" what="$2" tmpl="$3" start=$SECONDS db="${PREFIX}_$1" ok=0
    [ "$what" = nodemo ] && db="${db}_nodemo"
    if ! db_exists "$tmpl"; then
        echo "[test-alone] $module ($what): its template $tmpl could not be built" >&2
        PASSED=0 FAILED=1 ok=1
    elif [ "$what" = pytest ]; then
        if ! has_mode demo; then
            # Installed alone without running the tests, then tested by pytest-odoo.
            copy_db "$tmpl" "$db"
            "${ODOO[@]}" -d "$db" -i "$module" --stop-after-init --log-level=warn --logfile="$LOGS/$db.log" \
                || { echo "[test-alone] $module failed to install (log: $LOGS/$db.log)" >&2; PASSED=0 FAILED=1; ok=1; }
        fi
        [ "$ok" != 0 ] || run_pytest "$module" "$db" || ok=1
    else
        run_odoo "$module" "$what" "$db" "$tmpl" || ok=1
    fi
    local line
    line="$(printf '%-18s %-6s %4d passed, %d failed in %d s' "$module" "$what" "$PASSED" "$FAILED" $((SECONDS - start)))"
    echo "[test-alone] $line"
    echo "$ok $PASSED $FAILED $line" > "$LOGS/result.$module.$what"
}

# Templates first, the smallest first: each may start from a copy of a previous one with the same
# flag (the demo and no-demo chains are built side by side). Then the checks.
sorted_plan="$(grep -v "^\*" <<< "$plan" | awk -F'\t' '{print length($2) "\t" $0}' | sort -n | cut -f2-)"
build_templates() {  # flag
    local module content roots state
    while IFS=$'\t' read -r module content roots state; do
        ensure_template "$content" "$roots" "$state" "$1" || return 1
    done <<< "$sorted_plan"
}
status=0 pids=()
for flag in "${flags[@]}"; do build_templates "$flag" & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
tasks=()
while IFS=$'\t' read -r module content roots state; do
    for what in demo nodemo; do
        has_mode "$what" && tasks+=("$module $what $(tmpl_name "$content" "$state" "$what")")
    done
    # pytest runs in the "demo" database: after that check, in the same job.
    has_mode pytest && tasks+=("$module pytest $(tmpl_name "$content" "$state" demo)")
done <<< "$sorted_plan"
rm -f "$LOGS"/result.*
run_module() {  # module, then its checks in order
    local module="$1" task
    for task in "${tasks[@]}"; do
        set -- $task
        [ "$1" = "$module" ] && check "$1" "$2" "$3"
    done
    grep -qv "^0 " "$LOGS"/result."$module".* 2>/dev/null \
        || { drop_db "${PREFIX}_${module}"; drop_db "${PREFIX}_${module}_nodemo"; }  # kept to look into a failure
}
# The modules with the most tests first, so that the jobs end together.
modules=()
for task in "${tasks[@]}"; do set -- $task; [[ " ${modules[*]} " == *" $1 "* ]] || modules+=("$1"); done
mapfile -t modules < <(for m in "${modules[@]}"; do
    echo "$(cat addons/"$m"/tests/test_*.py 2>/dev/null | grep -c "def test_") $m"; done | sort -rn | cut -d' ' -f2)
running=0
for module in "${modules[@]}"; do
    if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
    run_module "$module" &
    running=$((running + 1))
done
wait || true

total_passed=0 total_failed=0
echo "[test-alone] each add-on alone, in $((SECONDS / 60)) min $((SECONDS % 60)) s:"
for task in "${tasks[@]}"; do
    set -- $task
    if [ -f "$LOGS/result.$1.$2" ]; then
        read -r ok passed failed line < "$LOGS/result.$1.$2"
        echo "  $line"
        total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed))
        [ "$ok" = 0 ] || status=1
    else
        echo "  $1 $2: not run"; status=1
    fi
done
[ "$status" = 0 ] || [ "$total_failed" != 0 ] || total_failed=1
echo "$total_passed passed, $total_failed failed"
exit "$status"
