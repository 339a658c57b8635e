package io.maskmill.sample.scheduler;

/**
 * Timestep plans of each diffusers scheduler, reproduced with numpy's arithmetic (linspace as
 * {@code i·step + start} with the exact end point, round half to even).
 */
final class TimestepPlans {
    private TimestepPlans() {
    }

    /** DDIM: integral timesteps, highest first. */
    static double[] ddim(TimestepSpacing spacing, int steps, int trainSteps, int stepsOffset) {
        return switch (spacing) {
            case LINSPACE -> reversed(rint(linspace(0, trainSteps - 1, steps)));
            case LEADING -> leading(steps, trainSteps / steps, stepsOffset);
            case TRAILING -> trailing(steps, trainSteps);
        };
    }

    /** Euler family: as DDIM but linspace is not rounded (fractional timesteps, interpolated sigmas). */
    static double[] euler(TimestepSpacing spacing, int steps, int trainSteps, int stepsOffset) {
        return spacing == TimestepSpacing.LINSPACE
                ? reversed(linspace(0, trainSteps - 1, steps))
                : ddim(spacing, steps, trainSteps, stepsOffset);
    }

    /** DPM-Solver multistep: linspace/leading over steps+1 points with the lowest dropped. */
    static double[] dpmSolver(TimestepSpacing spacing, int steps, int trainSteps, int stepsOffset) {
        return switch (spacing) {
            case LINSPACE -> dropLast(reversed(rint(linspace(0, trainSteps - 1, steps + 1))));
            case LEADING -> dropLast(leading(steps + 1, trainSteps / (steps + 1), stepsOffset));
            case TRAILING -> trailing(steps, trainSteps);
        };
    }

    /**
     * LCM: the distillation's skip grid k−1, 2k−1, …, trainSteps−1 (k = trainSteps/originalSteps),
     * highest first, sampled at floor(linspace(0, originalSteps, steps, endpoint=false)).
     */
    static double[] lcm(int steps, int trainSteps, int originalSteps) {
        int k = trainSteps / originalSteps;
        if (k < 1 || steps > originalSteps) {
            throw new IllegalArgumentException("LCM plans at most original_inference_steps=" + originalSteps
                    + " steps over " + trainSteps + " training steps, asked for " + steps);
        }
        double[] plan = new double[steps];
        double stride = originalSteps / (double) steps;
        for (int i = 0; i < steps; i++) {
            int index = (int) Math.floor(i * stride);
            plan[i] = (originalSteps - index) * k - 1;
        }
        return plan;
    }

    private static double[] leading(int count, int ratio, int stepsOffset) {
        double[] plan = new double[count];
        for (int i = 0; i < count; i++) {
            plan[i] = (double) (count - 1 - i) * ratio + stepsOffset;
        }
        return plan;
    }

    private static double[] trailing(int steps, int trainSteps) {
        double ratio = trainSteps / (double) steps;
        double[] plan = new double[steps];
        for (int i = 0; i < steps; i++) {
            plan[i] = Math.rint(trainSteps - i * ratio) - 1;
        }
        return plan;
    }

    /** numpy.linspace with endpoint. */
    static double[] linspace(double start, double stop, int num) {
        double[] out = new double[num];
        if (num == 1) {
            out[0] = start;
            return out;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = i * step + start;
        }
        out[num - 1] = stop;
        return out;
    }

    private static double[] rint(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.rint(values[i]);
        }
        return values;
    }

    private static double[] reversed(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[values.length - 1 - i];
        }
        return out;
    }

    private static double[] dropLast(double[] values) {
        return java.util.Arrays.copyOf(values, values.length - 1);
    }
}
