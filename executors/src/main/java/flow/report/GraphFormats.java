package flow.report;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link StageGraph} as text others draw — Mermaid, Graphviz dot — or as SVG flow draws itself
 * (left to right by dependency depth, cleanups dashed), with no tool installed.
 */
public final class GraphFormats {
    public static final List<String> NAMES = List.of("mermaid", "dot", "svg");
    private static final int WIDTH = 200, HEIGHT = 46, GAP_X = 70, GAP_Y = 24, MARGIN = 16;

    private GraphFormats() {}

    public static String render(StageGraph graph, String format) {
        return switch (format) {
            case "mermaid" -> mermaid(graph);
            case "dot" -> dot(graph);
            case "svg" -> svg(graph);
            default -> throw new IllegalArgumentException("unknown format '" + format + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** Ids s0, s1, ... so any stage name is safe; names in quotes. */
    static String mermaid(StageGraph graph) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        Map<String, String> ids = ids(graph);
        graph.nodes().forEach(n -> out.append("  ").append(ids.get(n.name())).append("[\"")
                .append((n.name() + " · " + n.label()).replace("\"", "#quot;")).append("\"]\n"));
        for (StageGraph.Edge e : graph.edges()) {
            out.append("  ").append(ids.get(e.from())).append(e.cleanup() ? " -. cleanup .-> " : " --> ").append(ids.get(e.to())).append('\n');
        }
        return out.toString();
    }

    static String dot(StageGraph graph) {
        StringBuilder out = new StringBuilder("digraph flow {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
        Map<String, String> ids = ids(graph);
        graph.nodes().forEach(n -> out.append("  ").append(ids.get(n.name())).append(" [label=\"")
                .append(dotText(n.name() + "\n" + n.label())).append("\"];\n"));
        for (StageGraph.Edge e : graph.edges()) {
            out.append("  ").append(ids.get(e.from())).append(" -> ").append(ids.get(e.to()))
                    .append(e.cleanup() ? " [style=dashed, color=darkorange, label=\"cleanup\"];\n" : ";\n");
        }
        return out.append("}\n").toString();
    }

    static String svg(StageGraph graph) {
        Map<String, Integer> layer = graph.layers();
        Map<Integer, Integer> filled = new HashMap<>();
        Map<String, int[]> at = new LinkedHashMap<>();
        for (StageGraph.Node n : graph.nodes()) {
            int l = layer.get(n.name()), row = filled.merge(l, 1, Integer::sum) - 1;
            at.put(n.name(), new int[]{MARGIN + l * (WIDTH + GAP_X), MARGIN + row * (HEIGHT + GAP_Y)});
        }
        int width = MARGIN * 2 + (layer.values().stream().max(Integer::compare).orElse(0) + 1) * (WIDTH + GAP_X) - GAP_X;
        int height = MARGIN * 2 + filled.values().stream().max(Integer::compare).orElse(1) * (HEIGHT + GAP_Y) - GAP_Y;
        StringBuilder out = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dag\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
                + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        for (StageGraph.Edge e : graph.edges()) {
            int[] a = at.get(e.from()), b = at.get(e.to());
            if (a == null || b == null) continue;
            boolean forward = b[0] > a[0];
            int x1 = forward ? a[0] + WIDTH : a[0] + WIDTH / 2, y1 = forward ? a[1] + HEIGHT / 2 : a[1] + HEIGHT;
            int x2 = forward ? b[0] : b[0] + WIDTH / 2, y2 = forward ? b[1] + HEIGHT / 2 : b[1] + HEIGHT;
            String path = forward ? "M" + x1 + "," + y1 + " C" + (x1 + GAP_X / 2) + "," + y1 + " " + (x2 - GAP_X / 2) + "," + y2 + " " + x2 + "," + y2
                    : "M" + x1 + "," + y1 + " C" + x1 + "," + (y1 + GAP_Y + 10) + " " + x2 + "," + (y2 + GAP_Y + 10) + " " + x2 + "," + y2;
            out.append(e.cleanup()
                    ? "<path class=\"edge cleanup\" d=\"" + path + "\" fill=\"none\" stroke=\"darkorange\" stroke-dasharray=\"5,4\"><title>cleanup: "
                      + xml(e.from()) + " deletes " + xml(e.to()) + "'s outputs</title></path>\n"
                    : "<path class=\"edge\" d=\"" + path + "\" fill=\"none\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>\n");
        }
        for (StageGraph.Node n : graph.nodes()) {
            int[] p = at.get(n.name());
            out.append("<g class=\"node\"><rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(WIDTH)
                    .append("\" height=\"").append(HEIGHT).append("\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#4a6fa5\"/>")
                    .append("<text x=\"").append(p[0] + 10).append("\" y=\"").append(p[1] + 19).append("\" font-weight=\"bold\">")
                    .append(xml(n.name())).append("</text><text x=\"").append(p[0] + 10).append("\" y=\"").append(p[1] + 36)
                    .append("\" fill=\"#444\">").append(xml(n.label())).append("</text></g>\n");
        }
        return out.append("</svg>\n").toString();
    }

    private static Map<String, String> ids(StageGraph graph) {
        Map<String, String> ids = new HashMap<>();
        graph.nodes().forEach(n -> ids.put(n.name(), "s" + ids.size()));
        return ids;
    }

    private static String dotText(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
