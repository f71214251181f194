# bash completion for aktkoll (installed as /usr/share/bash-completion/completions/aktkoll).
# Commands and each command's options are read from the program's own --help,
# so they cannot drift from it; rule packs are completed by name from the
# folders aktkoll looks in, and everything else as file names.
_aktkoll() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} prog=${COMP_WORDS[0]}
    COMPREPLY=()
    if ((COMP_CWORD == 1)); then
        local commands
        commands=$("$prog" --help --lang en 2>/dev/null | awk '/^  [a-z]/ { print $1 }')
        mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
        return
    fi
    case $prev in
        --lang) mapfile -t COMPREPLY < <(compgen -W "sv en" -- "$cur"); return ;;
        --format) mapfile -t COMPREPLY < <(compgen -W "terminal md csv json html xlsx" -- "$cur"); return ;;
    esac
    if [[ $cur == -* ]]; then
        local options
        options=$("$prog" "${COMP_WORDS[1]}" --help --lang en 2>/dev/null | grep -o -- '^  --[a-z-]*')
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
        return
    fi
    local packs="" dir
    local IFS=:
    for dir in ${AKTKOLL_RULES_PATH:-} /usr/share/aktkoll/rules; do
        [[ -d $dir ]] && packs+=" $(cd "$dir" && compgen -d | tr '\n' ' ')"
    done
    unset IFS
    mapfile -t COMPREPLY < <(compgen -W "$packs" -- "$cur"; compgen -f -- "$cur")
}
complete -o filenames -F _aktkoll aktkoll
