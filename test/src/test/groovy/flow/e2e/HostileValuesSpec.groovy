package flow.e2e

import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * Hostile values (spaces, both quotes, ';', $(...), backquotes, new lines, a leading '-', '*',
 * HTCondor macros) as scan values, as input file names, through --param and in the launch
 * directory's path, substituted into every quoting context bash has, on every executor: each
 * value must arrive byte for byte and nothing may run. HTCondor is the stand-in of
 * test/condor/fake (its macro expansion follows condor_submit's); SLURM is the real one.
 */
class HostileValuesSpec extends Specification {
    static final List<String> VALUES = ['a b', "it's", 'dq"x', 'a;touch PWNED_1', '$(touch PWNED_2)', '`touch PWNED_3`', '-n',
                                        'back\\slash', 'new\nline', '$HOME', '*', "x'; touch PWNED_4; '", '"; touch PWNED_5; "',
                                        '$(DOLLAR)$(Cluster)$ENV(HOME)', 'tab\there']
    /** Each context writes the value it received into a file of its own, with printf '%s'. */
    static final Map<String, String> CONTEXTS = [
            word    : 'printf \'%s\' ${v} > word.txt',
            double  : 'printf \'%s\' "${v}" > double.txt',
            single  : 'printf \'%s\' \'${v}\' > single.txt',
            ansiC   : 'printf \'%s\' $\'${v}\' > ansi.txt',
            nested  : 'printf \'%s\' "$(printf \'%s\' "${v}")" > nested.txt',
            param   : 'printf \'%s\' "${params.p}" > param.txt',
            inputs  : 'printf \'%s\\0\' ${inputs} > inputs.txt',
            env     : 'printf \'%s\' "$FLOW_V" > env.txt',
            comment : 'true # ${v} ${inputs}',
    ]

    Path launch = CondorStandIns.launchDir('flow hostile \'q\' "d" ;$(touch PWNED_L)')

    FlowCli flow() {
        new FlowCli(launch, CondorStandIns.environment(launch.resolve('condor-home'), CondorStandIns.CLASSAD_NOTES))
    }

    static String groovyLiteral(String s) {
        "'" + s.replace('\\', '\\\\').replace("'", "\\'").replace('\n', '\\n').replace('\t', '\\t').replace('$', '\\$') + "'"
    }

    /** One input file per value, named after it ('/' cannot be in a name); each task gets them all. */
    List<Path> inputs() {
        def dir = Files.createDirectories(launch.resolve('in'))
        VALUES.withIndex().collect { v, i -> Files.writeString(dir.resolve("${i}-${v.replace('/', '_')}"), '') }
    }

    @Unroll
    def "every hostile value arrives byte for byte in every quoting context, and nothing runs, on #executor"() {
        given:
        if (executor == 'slurm') SlurmCluster.require()
        def files = inputs()
        def command = CONTEXTS.values().join('\n')
        def file = Files.writeString(launch.resolve('hostile.flow'), """
            params { p = 'plain' }
            stage('s') {
                inputs files('in/*'); group 'all'
                scan v: [${VALUES.collect { groovyLiteral(it) }.join(', ')}]
                step exec(${groovyLiteral(command)})
            }
            """.stripIndent())
        def runName = 'r \'x" ;$(touch PWNED_R)'

        when:
        def run = flow().run('run', file.toString(), '--executor', executor, '--run-name', runName, '--param', 'p=' + VALUES.join('|'))
        def tasks = launch.resolve('.flow/runs').resolve(runName).resolve('stages/s/tasks')
        def received = Files.list(tasks).toList().collect { task ->
            def out = task.resolve('out')
            [inputs: Files.readString(out.resolve('inputs.txt')).split('\0').toList(), values: ['word', 'double', 'single', 'ansi', 'nested', 'env'].collect { Files.readString(out.resolve("${it}.txt")) },
             param: Files.readString(out.resolve('param.txt'))]
        }
        def pwned = []
        Files.walk(launch).withCloseable { s -> s.filter { it.fileName.toString().startsWith('PWNED') }.forEach { pwned << it } }

        then:
        run.exit == 0
        received.size() == VALUES.size()
        received.every { it.inputs.sort() == files.collect { it.toString() }.sort() }
        received.every { it.values.toSet().size() == 1 }
        received.collect { it.values[0] }.toSet() == VALUES.toSet()
        received.every { it.param == VALUES.join('|') }
        pwned.isEmpty()

        where:
        executor << ['local', 'slurm', 'condor']
    }

    def "flow validate names each context no quoting makes safe, with its file and line, and the variable to use instead"() {
        given:
        def file = Files.writeString(launch.resolve('unsafe.flow'), '''\
            stage('s') {
                scan v: ['a']
                step exec("""cat <<EOF > x
            \\${v}
            EOF
            eval "echo \\${v}"; bash -c "echo \\${v}"; echo \\$(( \\${v} + 1 )) `echo \\${v}`""")
            }
            '''.stripIndent())

        when:
        def result = flow().run('validate', file.toString())

        then:
        result.exit != 0
        result.err.contains("unsafe.flow:3: \${v} on line 2 of the command is inside a here-document")
        result.err.contains('inside an argument of eval')
        result.err.contains("inside a shell's -c command")
        result.err.contains('inside an arithmetic expression')
        result.err.contains('inside backquotes')
        result.err.contains('use the environment variable $FLOW_V there')
    }

    def "a launch directory with a new line is refused for HTCondor before anything is written"() {
        given:
        def odd = Files.createDirectories(launch.resolve('new\nline'))
        Files.writeString(odd.resolve('x.flow'), "stage('s') { step exec('true') }\n")
        def cli = new FlowCli(odd, CondorStandIns.environment(launch.resolve('condor-home'), CondorStandIns.CLASSAD_NOTES))

        when:
        def result = cli.run('run', 'x.flow', '--executor', 'condor', '--run-name', 'n')

        then:
        result.exit != 0
        (result.out + result.err).contains('holds a control character (\\x0a')
        !Files.exists(odd.resolve('.flow/runs/n/condor/s_a1.sub'))
    }
}
