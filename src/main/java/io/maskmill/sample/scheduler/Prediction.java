package io.maskmill.sample.scheduler;

/**
 * The clean sample x0 and the noise eps as linear functions of the model input x and model output
 * m, at a variance-preserving noise level x = alpha·x0 + sigma·eps (alpha² + sigma² = 1).
 * Coefficients are computed once per step in double precision; the per-element work is two
 * multiply-adds.
 */
final class Prediction {
    final double x0FromInput;
    final double x0FromOutput;
    final double epsFromInput;
    final double epsFromOutput;

    private Prediction(double x0FromInput, double x0FromOutput, double epsFromInput, double epsFromOutput) {
        this.x0FromInput = x0FromInput;
        this.x0FromOutput = x0FromOutput;
        this.epsFromInput = epsFromInput;
        this.epsFromOutput = epsFromOutput;
    }

    static Prediction of(PredictionType type, double alpha, double sigma) {
        return switch (type) {
            // x0 = (x − sigma·eps)/alpha
            case EPSILON -> new Prediction(1 / alpha, -sigma / alpha, 0, 1);
            // v = alpha·eps − sigma·x0  ⇒  x0 = alpha·x − sigma·v, eps = sigma·x + alpha·v
            case V_PREDICTION -> new Prediction(alpha, -sigma, sigma, alpha);
            // eps = (x − alpha·x0)/sigma
            case SAMPLE -> new Prediction(0, 1, 1 / sigma, -alpha / sigma);
        };
    }

    /**
     * For schedulers whose latent y is the unscaled x/alpha (Euler family, x = alpha·y), the same
     * prediction with y as input.
     */
    Prediction forUnscaledLatent(double alpha) {
        return new Prediction(x0FromInput * alpha, x0FromOutput, epsFromInput * alpha, epsFromOutput);
    }

    double x0(double input, double output) {
        return x0FromInput * input + x0FromOutput * output;
    }

    double eps(double input, double output) {
        return epsFromInput * input + epsFromOutput * output;
    }
}
