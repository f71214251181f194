#!/usr/bin/env bash
# The stages include only stages before them (README.md, "Layout"): a header
# or source file in one folder may include only its own folder and those
# listed for it here, which are also the libraries CMakeLists.txt links it to.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A allowed=(
  [core]=""
  [dsl]="core"
  [engine]="core dsl"
  [input]="core"
  [run]="core dsl engine input"
  [history]="core dsl engine"
  [intake]="core input"
  [authoring]="core dsl engine input run"
  [report]="core dsl engine input run history authoring"
  [tools]="core dsl engine input run history intake authoring report"
)
bad=0
for stage in "${!allowed[@]}"; do
  while IFS=: read -r file line include; do
    target="${include%%/*}"
    [ "$target" = "$stage" ] && continue
    case " ${allowed[$stage]} " in
      *" $target "*) ;;
      *) echo "$file:$line: $stage/ includes $include, a later stage or one it does not link"; bad=1 ;;
    esac
  done < <(grep -Hno '#include "[^"]*"' "$stage"/*.hpp "$stage"/*.cpp 2>/dev/null | sed 's/#include "\(.*\)"/\1/')
done
[ "$bad" -eq 0 ] && echo "layering: every include points to an earlier stage"
exit "$bad"
