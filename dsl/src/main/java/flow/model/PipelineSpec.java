package flow.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a .flow file describes: pipeline defaults, parameters and stages in declaration order. */
public final class PipelineSpec {
    private final Path sourceFile;
    private final String sourceText;
    private final Map<String, String> readFiles = new LinkedHashMap<>();
    private String name;
    private String executor = "local";
    private String profile = "default";
    private SourceLocation profileAt;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, StageSpec> stages = new LinkedHashMap<>();
    private final List<String> duplicateStageErrors = new ArrayList<>();

    public PipelineSpec(Path sourceFile, String sourceText) {
        this.sourceFile = sourceFile;
        this.sourceText = sourceText;
        String file = sourceFile.getFileName().toString();
        this.name = file.endsWith(".flow") ? file.substring(0, file.length() - 5) : file;
    }

    /** The files the script read values from ({@code yaml(...)}, {@code csv(...)}): path → text. */
    public Map<String, String> readFiles() { return readFiles; }
    public Path sourceFile() { return sourceFile; }
    public String sourceText() { return sourceText; }
    public String name() { return name; }
    public void name(String name) { this.name = name; }
    public String executor() { return executor; }
    public void executor(String executor) { this.executor = executor; }
    private String detector;
    /** The detector the pipeline is for (its account and default profile apply), or null. */
    public String detector() { return detector; }
    public void detector(String detector) { this.detector = detector; }
    public String profile() { return profile; }
    public SourceLocation profileAt() { return profileAt; }
    public void profile(String profile, SourceLocation at) { this.profile = profile; this.profileAt = at; }

    /**
     * The profile a stage runs with: its own, else the pipeline's; where neither names one, the
     * detector's default profile, if it has one.
     */
    public String profileOf(StageSpec stage, flow.profile.Profiles profiles) {
        if (stage.profile() != null) return stage.profile();
        if (profileAt == null && detector != null) {
            Object preferred = profiles.detector(detector).map(d -> d.get("default_profile")).orElse(null);
            if (preferred != null) return String.valueOf(preferred);
        }
        return profile;
    }
    private Integer maxJobs;
    /** At most this many tasks of the run with the scheduler at once ({@code maxJobs N}), or null. */
    public Integer maxJobs() { return maxJobs; }
    public void maxJobs(int maxJobs) { this.maxJobs = maxJobs; }
    private final List<NotifySpec> notices = new ArrayList<>();
    /** Whom to tell of failures, finished datasets and ended runs. */
    public List<NotifySpec> notices() { return notices; }
    public Map<String, Object> params() { return params; }
    public Map<String, StageSpec> stages() { return Collections.unmodifiableMap(stages); }

    public StageSpec stage(String name) { return stages.get(name); }

    /** Adds a stage; a second stage of the same name is remembered as an error for validation. */
    public void addStage(StageSpec stage) {
        StageSpec earlier = stages.putIfAbsent(stage.name(), stage);
        if (earlier != null) {
            duplicateStageErrors.add(stage.at() + ": duplicate stage '" + stage.name()
                    + "' (first declared at line " + earlier.at().line() + ")");
        }
    }

    public List<String> duplicateStageErrors() { return duplicateStageErrors; }
}
