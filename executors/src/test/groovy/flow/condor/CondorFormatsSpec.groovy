package flow.condor

import flow.exec.condor.CondorQuoting
import flow.exec.condor.CondorSubmitFile
import flow.exec.condor.DagFile
import flow.model.Resources
import flow.model.RetrySpec
import flow.plan.StageDefinition
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** Submit-file and DAG formats against FORMATS.md and the sample DAGs of shared/htcondor/samples/dags. */
class CondorFormatsSpec extends Specification {
    static final Path DAGS = Path.of(System.getProperty('flow.home'), '..', 'shared', 'htcondor', 'samples', 'dags').normalize()

    def "new-syntax arguments: the documented examples read back, and any value survives a round trip"() {
        expect:
        CondorQuoting.parseArguments('"3 simple arguments"') == ['3', 'simple', 'arguments']
        CondorQuoting.parseArguments('"one \'two with spaces\' 3"') == ['one', 'two with spaces', '3']
        CondorQuoting.parseArguments('"one ""two"" \'spacey \'\'quoted\'\' argument\'"') == ['one', '"two"', "spacey 'quoted' argument"]
        CondorQuoting.parseArguments(CondorQuoting.arguments(values)) == values

        where:
        values << [['a b', 'it\'s', 'say "hi"', 'semi;colon', '', 'back\\slash', '$(task)'], ['/runs/with space/x', 'plain']]
    }

    def "new-syntax environment follows the documented example"() {
        expect:
        CondorQuoting.environment([one: '1', two: '"2"', three: "spacey 'quoted' value"]) ==
                '"one=1 two=""2"" \'three=spacey \'\'quoted\'\' value\'"'
    }

    def "a stage's submit file: resources in explicit units, per-proc logs, one event log, throttle, site lines"() {
        given:
        def stage = new StageDefinition('convolve', 'convolve', [:], [], [], [], [], RetrySpec.NONE, 10, new Resources(
                [cpus: 2, memory: '4g', disk: '20g', time: '6h', flavourFromTime: true, transferFiles: true,
                 transferInput: ['pulse_response.csv'], environment: [NUMBA_NUM_THREADS: '2'],
                 condor: ['+AccountingGroup = "group_u_CMS.u_zh.users"', 'MY.SingularityImage = "/cvmfs/x.sif"', 'include : site.sub']]), [], 1, [:], flow.model.Batching.NONE, null)

        when:
        def text = CondorSubmitFile.render(stage.name(), stage.throttle(), '/run dir/stages/convolve/scripts/task.sh', ['/run dir', "it's"],
                '/run dir/stages/convolve/logs', 'convolve_a1.sandbox', stage.resources(), '/run dir/stages/convolve/tasks', false)

        then:
        text == '''\
            # flow: stage convolve
            universe = vanilla
            executable = /run dir/stages/convolve/scripts/task.sh
            arguments = "'/run dir' 'it''s' $(task)"
            output = /run dir/stages/convolve/logs/convolve_$(Cluster)_$(Process).out
            error = /run dir/stages/convolve/logs/convolve_$(Cluster)_$(Process).err
            log = /run dir/stages/convolve/logs/convolve.events.log
            request_cpus = 2
            request_memory = 4096M
            request_disk = 20971520K
            max_materialize = 10
            should_transfer_files = YES
            when_to_transfer_output = ON_SUCCESS
            success_exit_code = 0
            transfer_input_files = pulse_response.csv,$(files)
            transfer_output_files = out,result.json,command.txt
            transfer_output_remaps = "out = /run dir/stages/convolve/tasks/$(task)/out; result.json = /run dir/stages/convolve/tasks/$(task)/result.json; command.txt = /run dir/stages/convolve/tasks/$(task)/command.txt"
            environment = "NUMBA_NUM_THREADS=2"
            +JobFlavour = "workday"
            allowed_execute_duration = 21600
            +MaxRuntime = 21600
            notification = Never
            +AccountingGroup = "group_u_CMS.u_zh.users"
            MY.SingularityImage = "/cvmfs/x.sif"
            include : site.sub
            queue task,files from convolve_a1.sandbox
            '''.stripIndent()
        CondorQuoting.parseArguments(text.readLines().find { it.startsWith('arguments') }.substring(12)) == ['/run dir', "it's", '$(task)']
    }

    def "a CERN profile's time limit is +MaxRuntime as well, so a limit beyond the last flavour (a week) is kept: #time"() {
        when:
        def lines = CondorSubmitFile.render('s', null, '/t.sh', [], '/logs', 's.items', new Resources([time: time, flavourFromTime: true]), null, false).readLines()

        then:
        lines.findAll { it.startsWith('+JobFlavour') || it.contains('Runtime') || it.startsWith('allowed_execute') } == expected

        where:
        time  | expected
        '10d' | ['allowed_execute_duration = 864000', '+MaxRuntime = 864000']
        '20m' | ['+JobFlavour = "espresso"', 'allowed_execute_duration = 1200', '+MaxRuntime = 1200']
    }

    def "memory per CPU becomes the job's request_memory (HTCondor has no per-CPU request), winning over memory as on SLURM: #resources"() {
        when:
        def text = CondorSubmitFile.render('s', null, '/t.sh', [], '/logs', 's.items', new Resources(resources), null, false)

        then:
        text.readLines().findAll { it.startsWith('request_memory') } == expected

        where:
        resources                                   | expected
        [cpus: 4, memPerCpu: '2g']                  | ['request_memory = 8192M']
        [cpus: 4, memory: '1g', memPerCpu: '2g']    | ['request_memory = 8192M'] // as on SLURM: --mem-per-cpu over a profile's memory
        [memPerCpu: '512m']                         | ['request_memory = 512M']
        [cpus: 2]                                   | []
    }

    def "CERN flavours are chosen from the time limit"() {
        expect:
        CondorSubmitFile.flavourFor(time) == flavour

        where:
        time    | flavour
        '15m'   | 'espresso'
        '1h'    | 'microcentury'
        '90m'   | 'longlunch'
        '8h'    | 'workday'
        '20h'   | 'tomorrow'
        '3d'    | 'testmatch'
        '7d'    | 'nextweek'
        '8d'    | null
    }

    def "a rendered DAG parses back to the same nodes, edges and retries"() {
        given:
        def dag = new DagFile()
        dag.node('prepare', '/r/prepare.sub')
        dag.node('combine', '/r/combine.sub')
        dag.node('cleanup-prepare', '/r/cleanup.sub')
        dag.edge('prepare', 'combine')
        dag.edge('combine', 'cleanup-prepare')
        dag.retries.put('prepare', 2)
        dag.nodeStatusFile = '/r/flow.dag.status'
        dag.jobstateLog = '/r/flow.dag.jobstate.log'

        when:
        def back = DagFile.parse(dag.render())

        then:
        back.nodes == dag.nodes
        back.parents == dag.parents
        back.retries == [prepare: 2]
        back.nodeStatusFile == '/r/flow.dag.status'
        back.jobstateLog == '/r/flow.dag.jobstate.log'
        dag.render() == DagFile.parse(dag.render()).render()
    }

    def "the sample DAGs parse as DAGMan reads them"() {
        when:
        def order = DagFile.parse(Files.readString(DAGS.resolve('job_dagman_cmd_order.dag')))
        def abort = DagFile.parse(Files.readString(DAGS.resolve('job_dagman_abort-B.dag')))
        def jobstate = DagFile.parse(Files.readString(DAGS.resolve('job_dagman_jobstate_log.dag')))
        def vars = DagFile.parse(Files.readString(DAGS.resolve('job_dagman_vars.dag')))
        def splice = DagFile.parse(Files.readString(DAGS.resolve('job_dagman_splice-cat.dag')))

        then: 'lower-case keywords in any order, SUBDAG EXTERNAL and FINAL nodes'
        order.nodes.keySet() == ['NodeA', 'NodeB', 'NodeZ'] as Set
        order.nodes.NodeB.submitFile() == 'job_dagman_cmd_order-lower.dag'
        order.parents == [NodeB: ['NodeA']]
        order.retries == [NodeA: 1, NodeB: 3]

        and: 'mixed case, one PARENT line with two children'
        abort.nodes.keySet() == ['A', 'B', 'C', 'D'] as Set
        abort.parents == [B: ['A'], C: ['B'], D: ['B']]
        abort.retries == [C: 3]
        abort.nodeStatusFile == 'job_dagman_abort-B.status'

        and: 'backslash continuations anywhere'
        jobstate.jobstateLog == 'job_dagman_jobstate_log.dag.jobstate.log'
        jobstate.nodes.NodeA.submitFile() == 'job_dagman_jobstate_log-nodeA.cmd'
        jobstate.parents == [NodeB: ['NodeA'], NodeC: ['NodeB'], NodeD: ['NodeC'], NodeE: ['NodeD']]
        jobstate.retries == [NodeC: 1]

        and: 'VARS escapes and several parents per child'
        vars.vars.NodeA == [nodename: 'X$(JOB)', first: 'Alberto Contador', second: 'Andy\tSchleck', third: 'Lance_Armstrong',
                            misc: '!@#$%^&*()_-=+=[]{}?']
        vars.vars.NodeB.first == 'Greg""_LeMond'
        vars.vars.NodeE.'+A' == '"bob"'
        vars.parents.NodeD == ['NodeB', 'NodeC']

        and: 'an inline JOB description'
        splice.nodes.root.submitFile() == '{inline}'
        splice.parents.A0 == ['root']
    }
}
