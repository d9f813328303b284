package flow.util

import spock.lang.Specification

import static flow.util.ShellContexts.Quoting.*

/** Where bash would read a placeholder: the quoting ShellContexts finds for each. */
class ShellContextsSpec extends Specification {
    def "#command: the placeholders stand #expected"() {
        expect:
        ShellContexts.of(command).collect { it.quoting() } == expected

        where:
        command                                   | expected
        'echo ${v}'                               | [WORD]
        'echo "a ${v} b"'                         | [DOUBLE]
        "awk 'BEGIN { print \"\${v}\" }'"         | [SINGLE]
        "printf \$'\${v}\\n'"                     | [ANSI_C]
        'echo "$(printf "%s" "${v}") ${v}"'       | [DOUBLE, DOUBLE]
        'echo $(cat ${v}) "x" ${v}'               | [WORD, WORD]
        'a#b ${v} # ${v}\necho ${v}'              | [WORD, COMMENT, WORD]
        'echo $# ${v}'                            | [WORD]
        'echo \\"${v}'                            | [WORD]
        "echo \"it's\" \${v}"                     | [WORD]
        'cat <<EOF\n${v}\nEOF\necho ${v}'         | [UNSAFE, WORD]
        "cat <<-'E'\n\t\${v}\n\tE\necho \${v}"   | [UNSAFE, WORD]
        'echo $(( ${v} + 1 ))'                    | [UNSAFE]
        'echo `echo ${v}`'                        | [UNSAFE]
        'echo ${HOME:-${v}}'                      | [UNSAFE]
        'eval "echo ${v}"; echo ${v}'             | [UNSAFE, WORD]
        'xargs bash -c "echo ${v}"'               | [UNSAFE]
        'bash script.sh ${v}'                     | [WORD]
        'cat <<<"${v}"'                           | [DOUBLE]
    }

    def "the line of each placeholder counts continued lines and here-document bodies"() {
        expect:
        ShellContexts.of('echo a \\\n  ${v}\ncat <<EOF\nx\nEOF\necho ${v}').collect { it.line() } == [2, 6]
    }
}
