package flow.steps.spine

import flow.step.StepContext
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** The argv the spine step builds, rendered with quoting (what command.txt and dry runs show). */
class SpineStepSpec extends Specification {
    Path task = Files.createTempDirectory('spine task')
    Path config = Files.writeString(task.resolve('icarus full_chain.cfg'), 'x')

    String preview(Map params, Map<String, String> env = [:]) {
        def all = [set: [:], oldCli: false, image: '', runtime: 'singularity', binds: [], cvmfs: false, larcv: '', flashmatch: false] +
                [config: config.toString()] + params
        new SpineStep().preview(new StepContext([task.resolve('a.root')], all, task.resolve('out'), task, [taskDir: task.toString()], 1,
                ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.INHERIT, env))
    }

    def "the new CLI, with one output directory per task and --set passed through"() {
        expect:
        preview(set: ['base.iterations': '10', 'io.loader.batch_size': '2']) ==
                "spine -c '${config}' -S '${task}/inputs.txt' --output-dir '${task}/out' --output-suffix 'icarus full_chain' " +
                "--log-dir '${task}/spine-logs' --set base.iterations=10 --set io.loader.batch_size=2"
    }

    def "the old CLI from SPINE_BASEDIR in the profile's environment"() {
        expect:
        preview([oldCli: true], [SPINE_BASEDIR: '/sw/spine']) ==
                "python3 /sw/spine/bin/run.py -c '${config}' -S '${task}/inputs.txt' -o '${task}/out/icarus full_chain.h5'"
    }

    def "inside a container with binds and /cvmfs, LArCV and OpT0Finder sourced first"() {
        expect:
        preview([runtime: 'apptainer', binds: ['/sdf'], cvmfs: true, larcv: '/sw/larcv2', flashmatch: true],
                [SPINE_IMAGE: '/images/spine.sif', FMATCH_BASEDIR: '/sw/OpT0Finder']) ==
                "apptainer exec --nv --bind /sdf --bind /cvmfs /images/spine.sif bash -c " +
                "'source /sw/larcv2/configure.sh && source /sw/OpT0Finder/configure.sh && exec spine -c '\\''${config}'\\'' " +
                "-S '\\''${task}/inputs.txt'\\'' --output-dir '\\''${task}/out'\\'' --output-suffix '\\''icarus full_chain'\\'' " +
                "--log-dir '\\''${task}/spine-logs'\\'''"
    }

    def "the config must exist and the runtime be known, checked before anything runs"() {
        expect:
        new SpineStep().check([config: '/no/such.cfg', runtime: 'docker'], [] as Set) ==
                ['SPINE config /no/such.cfg does not exist', "runtime must be singularity or apptainer, not 'docker'"]
    }
}
