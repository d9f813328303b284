package flow.steps.skim

import flow.dsl.FlowLoader
import flow.rootio.BranchShape
import flow.rootio.LeafType
import flow.step.StepRegistry
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The logic of workflows/pipelines/hgcal-skim.flow on HGCAL-like columns built here (no HGCAL
 * ntuple ships with the project): its definitions and filters, loaded from the recipe itself,
 * evaluated over three events.
 */
class HgcalRecipeSpec extends Specification {
    static final Path RECIPE = Path.of(System.getProperty('flow.home'), 'workflows', 'pipelines', 'hgcal-skim.flow')

    static final Map<String, List<List<Number>>> EVENTS = [
            // event 0: an anti-electron (pid -11) and a photon; event 1: two photons; event 2: no cluster at positive eta
            genpart_gen       : [[1, 1], [1, 1], [1]],
            genpart_reachedEE : [[2, 2], [2, 2], [2]],
            genpart_pid       : [[-11, 22], [22, 22], [22]],
            genpart_exeta     : [[1.8, 2.0], [1.7, 2.6], [2.0]],
            genpart_exphi     : [[0.5, 1.0], [0.0, 3.0], [0.0]],
            genpart_energy    : [[50, 60], [30, 40], [20]],
            genpart_pt        : [[15, 16], [12, 14], [5]],
            tc_zside          : [[1, 1, -1, 1], [1], [1]],
            tc_mipPt          : [[2.0, 0.1, 3.0, 5.0], [1.0], [1.0]],
            tc_layer          : [[3, 5, 7, 4], [29], [1]],
            cl3d_eta          : [[1.79, -1.0], [1.71, 2.62], [-2.0]],
            cl3d_phi          : [[0.49, 0.0], [0.02, 2.9], [0.0]]]

    static Map<String, BranchShape> shapes() {
        def shapes = [event: new BranchShape(BranchShape.Kind.NUMBER, LeafType.I64, null)]
        (EVENTS.keySet() + ['tc_multicluster_id', 'tc_cellu', 'tc_cellv', 'tc_waferu', 'tc_waferv', 'tc_energy', 'tc_pt', 'tc_x', 'tc_y',
                            'tc_z', 'tc_phi', 'tc_eta', 'cl3d_id', 'cl3d_energy', 'cl3d_pt']).each {
            shapes[it] = new BranchShape(BranchShape.Kind.LIST, LeafType.F32, null)
        }
        shapes
    }

    static Values list(List<List<Number>> events) {
        int[] offsets = [0] + events.inject([]) { acc, e -> acc << ((acc ? acc[-1] : 0) + e.size()) }
        Values.lists(events.flatten().collect { it as double } as double[], offsets)
    }

    static Map<String, Values> columns() {
        def cols = [event: Values.scalars([0, 1, 2] as double[])]
        EVENTS.each { name, events -> cols[name] = list(events) }
        ['tc_multicluster_id', 'tc_cellu', 'tc_cellv', 'tc_waferu', 'tc_waferv', 'tc_energy', 'tc_pt', 'tc_x', 'tc_y', 'tc_z', 'tc_phi', 'tc_eta'].each {
            cols[it] = list(EVENTS.tc_layer)
        }
        ['cl3d_id', 'cl3d_energy', 'cl3d_pt'].each { cols[it] = list(EVENTS.cl3d_eta) }
        cols
    }

    SkimPlan.Evaluation evaluate(Map<String, String> overrides) {
        def pipeline = new FlowLoader(StepRegistry.load()).load(RECIPE, overrides, Files.createTempDirectory('hgcal'))
        def params = pipeline.stages().skim.step().params()
        def plan = new SkimPlan(shapes(), params.define as Map<String, String>, params.where as List<String>, params.keep as List<String>)
        plan.evaluate(columns(), 3)
    }

    def "electrons: negative ids kept, disconnected layers dropped, events without a cluster dropped"() {
        when:
        def r = evaluate([particles: 'electrons', inputs: RECIPE.toString()])

        then:
        r.pass() == [true, false, false] as boolean[]
        r.columns().good_genpart_pid.data() == [-11] as double[]
        // event 0: mipPt 0.1 fails, zside -1 fails, layer 4 is disconnected; event 1: layer 29 > 28
        r.columns().good_tc_layer.data() == [3, 1] as double[]
        r.columns().good_tc_layer.offsets() == [0, 1, 1, 2] as int[]
        Math.abs(r.columns().deltaR.data()[0] - Math.hypot(0.01, 0.01)) < 1e-9
        r.columns().matches.data()[0] == 1d
    }

    def "photons: two generated photons in one event, each cluster matched to the nearest"() {
        when:
        def r = evaluate([particles: 'photons', inputs: RECIPE.toString()])
        def dr = r.columns().deltaR

        then:
        r.pass() == [true, true, false] as boolean[]
        dr.offsets() == [0, 1, 3, 3] as int[]
        Math.abs(dr.data()[0] - Math.hypot(0.21, 0.51)) < 1e-9       // the only photon of event 0 (the other is an electron)
        Math.abs(dr.data()[1] - Math.hypot(0.01, 0.02)) < 1e-9       // nearest of two: (1.7, 0.0)
        Math.abs(dr.data()[2] - Math.hypot(0.02, 0.1)) < 1e-9        // nearest of two: (2.6, 3.0)
        r.columns().matches.data() == [0, 1, 0] as double[]          // deltarThreshold 0.05
    }

    def "an unknown particle type is refused when the recipe is loaded"() {
        when:
        evaluate([particles: 'muons', inputs: RECIPE.toString()])

        then:
        def e = thrown(Exception)
        e.message.contains("particles must be photons, electrons or pions, not 'muons'")
    }
}
