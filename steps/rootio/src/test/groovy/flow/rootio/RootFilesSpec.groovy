package flow.rootio

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The real files of shared/data/root (scikit-hep-testdata): every tree of every file opens,
 * and every reference value its README gives is read back exactly (sums to the README's
 * six significant digits, item counts exactly).
 */
class RootFilesSpec extends Specification {
    static final Path DATA = Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'root').normalize()

    static Column read(String file, String tree, String branch) {
        RootFile.open(DATA.resolve(file)).withCloseable { it.tree(tree).read(branch) }
    }

    static boolean close(double actual, double expected) {
        Math.abs(actual - expected) <= Math.abs(expected) * 5e-6
    }

    def "every file opens with its trees and entry counts, in every compression"() {
        expect:
        RootFile.open(DATA.resolve(file)).withCloseable { f ->
            f.compression() == compression && f.treeNames().keySet().toList() == trees.keySet().toList() &&
                    trees.every { name, entries -> f.tree(name).entries() == entries }
        }

        where:
        file                                       | compression | trees
        'uproot-HZZ.root'                          | 1           | [events: 2421]
        'uproot-HZZ-lz4.root'                      | 404         | [events: 2421]
        'uproot-HZZ-lzma.root'                     | 204         | [events: 2421]
        'uproot-HZZ-zstd.root'                     | 505         | [events: 2421]
        'uproot-Zmumu.root'                        | 104         | [events: 2304]
        'uproot-small-flat-tree.root'              | 1           | [tree: 100]
        'uproot-issue-816.root'                    | 101         | [AnalysisMiniTree: 100]
        'uproot-sample-6.20.04-zlib.root'          | 104         | [sample: 30]
        'uproot-sample-6.20.04-lz4.root'           | 404         | [sample: 30]
        'uproot-sample-6.20.04-lzma.root'          | 204         | [sample: 30]
        'uproot-sample-6.20.04-uncompressed.root'  | 100         | [sample: 30]
        'uproot-stl_containers.root'               | 101         | [tree: 5]
        'uproot-nesteddirs.root'                   | 1           | ['one/two/tree': 100, 'one/tree': 4, 'three/tree': 100]
        'uproot-issue412.root'                     | 101         | [test: 1000000]
    }

    def "the README's reference values: #file #branch"() {
        when:
        Column c = read(file, tree, branch)

        then:
        c.size() == items
        close(c.sum(), sum)

        where:
        file                          | tree               | branch                              | items  | sum
        'uproot-issue-816.root'       | 'AnalysisMiniTree' | 'truth_vx_z'                        | 114500 | -329881
        'uproot-issue-816.root'       | 'AnalysisMiniTree' | 'offline_pv_type'                   | 2977   | 8431
        'uproot-issue-816.root'       | 'AnalysisMiniTree' | 'mcEventWeights'                    | 2700   | 86.7486
        'uproot-issue-816.root'       | 'AnalysisMiniTree' | 'eventNumber'                       | 100    | 9.75807e8
        'uproot-issue-816.root'       | 'AnalysisMiniTree' | 'offline_akt4_pf_NOSYS_NNJvtPass'   | 768    | 746
        'uproot-HZZ.root'             | 'events'           | 'Jet_Px'                            | 2773   | 3434.92
        'uproot-HZZ-lz4.root'         | 'events'           | 'Jet_Px'                            | 2773   | 3434.92
        'uproot-HZZ-lzma.root'        | 'events'           | 'Jet_Px'                            | 2773   | 3434.92
        'uproot-HZZ-zstd.root'        | 'events'           | 'Jet_Px'                            | 2773   | 3434.92
        'uproot-HZZ.root'             | 'events'           | 'NJet'                              | 2421   | 2773
        'uproot-HZZ-zstd.root'        | 'events'           | 'NJet'                              | 2421   | 2773
        'uproot-Zmumu.root'           | 'events'           | 'M'                                 | 2304   | 184794
        'uproot-small-flat-tree.root' | 'tree'             | 'Int32'                             | 100    | 4950
        'uproot-small-flat-tree.root' | 'tree'             | 'Float64'                           | 100    | 4950
        'uproot-small-flat-tree.root' | 'tree'             | 'SliceFloat32'                      | 450    | 23100
        'uproot-issue412.root'        | 'test'             | 'b1'                                | 1000000 | 1.52108e8
        'uproot-issue412.root'        | 'test'             | 'b2'                                | 1000000 | 333756
    }

    def "counted arrays keep their entries: Jet_Px has NJet values in each event"() {
        when:
        Column njet = read('uproot-HZZ-lz4.root', 'events', 'NJet')
        Column px = read('uproot-HZZ-lz4.root', 'events', 'Jet_Px')

        then:
        px.offsets().length == 2422
        (0..<2421).every { px.offsets()[it + 1] - px.offsets()[it] == (int) njet.values()[it] }
    }

    def "the same sample in four compressions gives the same values for every branch"() {
        given:
        def names = RootFile.open(DATA.resolve('uproot-sample-6.20.04-uncompressed.root')).withCloseable { it.tree('sample').branchNames() }

        expect:
        names.size() == 35
        ['zlib', 'lz4', 'lzma'].every { codec ->
            names.every { b ->
                def plain = read('uproot-sample-6.20.04-uncompressed.root', 'sample', b)
                def packed = read("uproot-sample-6.20.04-${codec}.root", 'sample', b)
                plain.values() == packed.values() && plain.strings() == packed.strings() && plain.offsets() == packed.offsets()
            }
        }
    }

    def "vector<vector<T>>, strings, vector<string> and split-object members"() {
        expect:
        with(read('uproot-issue-816.root', 'AnalysisMiniTree', 'offline_akt4_pf_NOSYS_NumTrkPt1000')) {
            entries() == 100 && offsets().length == 101 && innerOffsets()[-1] == values().length
        }
        read('uproot-Zmumu.root', 'events', 'Type').strings()[0] == 'GT'
        read('uproot-small-flat-tree.root', 'tree', 'Str').strings()[0] == 'evt-000'
        read('uproot-stl_containers.root', 'tree', 'string').strings().toList() == ['one', 'two', 'three', 'four', 'five']
        with(read('uproot-stl_containers.root', 'tree', 'vector_int32')) { entries() == 5 && offsets() == [0, 1, 3, 6, 10, 15] as int[] }
        with(read('uproot-stl_containers.root', 'tree', 'vector_string')) { strings()[0..2] == ['one', 'one', 'two'] }
        read('uproot-nesteddirs.root', 'one/tree', 'three').strings().toList() == ['uno', 'dos', 'tres', 'quatro']
        read('uproot-nesteddirs.root', 'three/tree', 'I32').sum() == 4950
        read('uproot-nesteddirs.root', 'three/tree', 'SliceI16').values().length == 450
    }

    def "STL members of a split object are read through the file's streamer info"() {
        expect:
        with(read('uproot-nesteddirs.root', 'three/tree', 'StlVecF64')) { entries() == 100 && values().length == 450 && sum() == 23100 }
        read('uproot-nesteddirs.root', 'three/tree', 'StdStr').strings()[0..1] == ['std-000', 'std-001']
        with(read('uproot-nesteddirs.root', 'three/tree', 'StlVecStr')) { offsets().length == 101 && strings().length == 450 }
        RootFile.open(DATA.resolve('uproot-nesteddirs.root')).withCloseable { it.tree('three/tree').shape('StlVecU32') } ==
                new BranchShape(BranchShape.Kind.LIST, LeafType.U32, null)
    }

    def "baskets decompressed on several threads give the same values"() {
        expect:
        RootFile.open(DATA.resolve('uproot-issue412.root')).withCloseable { f ->
            def t = f.tree('test')
            t.read('b1', 2).longs() == t.read('b1', 1).longs() && t.branch('b1').writeBaskets() > 1
        }
    }

    def "reading the first entries reads only the baskets that hold them"() {
        expect:
        RootFile.open(DATA.resolve('uproot-issue412.root')).withCloseable { f ->
            def t = f.tree('test')
            def all = t.read('b1')
            def head = t.read('b1', 1, 1000)
            head.entries() == 1000 && head.longs() == Arrays.copyOf(all.longs(), 1000)
        }
        with(read('uproot-HZZ.root', 'events', 'Jet_Px').head(3)) { offsets().length == 4 && values().length == offsets()[3] }
        RootFile.open(DATA.resolve('uproot-HZZ.root')).withCloseable { it.tree('events').shape('Jet_Px') } ==
                new BranchShape(BranchShape.Kind.LIST, LeafType.F32, null)
    }

    def "errors name the file and what was expected"() {
        given:
        def notRoot = Files.createTempFile('not', '.root')
        Files.writeString(notRoot, 'hello')

        when:
        RootFile.open(notRoot)

        then:
        def e = thrown(RootException)
        e.message == "${notRoot}: not a ROOT file (no 'root' magic)".toString()

        when:
        RootFile.open(DATA.resolve('uproot-HZZ.root')).withCloseable { it.tree('nope') }

        then:
        def missing = thrown(RootException)
        missing.message.contains("uproot-HZZ.root: no 'nope' (looking for nope); has [events]")
    }
}
