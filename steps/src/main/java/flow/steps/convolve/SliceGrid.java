package flow.steps.convolve;

/**
 * A file's time grid, from its header's slice step: the pulses resampled onto it, how many input
 * slices make one 200 ps output slice, and how many output slices the 6 ns window holds.
 */
record SliceGrid(double stepSeconds, int stride, int samples, PulseTable table) {
    static final double OUTPUT_STEP_PS = 200;
    static final double WINDOW_SECONDS = 6e-9;

    /** @throws IllegalArgumentException if the step does not divide the output step (the caller adds file and line) */
    static SliceGrid of(String stepPs, PulseTable.Raw pulses) {
        double step = Double.parseDouble(stepPs);
        double ratio = OUTPUT_STEP_PS / step;
        if (!(step > 0) || ratio != Math.rint(ratio)) {
            throw new IllegalArgumentException("slice step " + stepPs + " ps does not divide the 200 ps output step");
        }
        int stride = (int) ratio;
        double stepSeconds = Double.parseDouble(stepPs + "e-12");
        int samples = Numerics.samplesInWindow(stepSeconds, stride, WINDOW_SECONDS);
        // the last output sample is at slice (samples − 1)·stride: no pulse sample beyond it is used
        return new SliceGrid(stepSeconds, stride, samples, PulseTable.resample(pulses, stepSeconds, (samples - 1) * stride + 1));
    }
}
