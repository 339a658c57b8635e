package io.maskmill.place;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.place.*}: how objects are placed (see src/site/markdown/place.md). */
@ConfigMapping(prefix = "maskmill.place")
public interface PlaceConfig {
    enum Selection {
        /** centre = argmax F_h */
        ARGMAX,
        /** seeded draw among the top K peaks, probability ∝ score */
        TOP_K,
        /** seeded draw over every candidate, probability ∝ score (F_h as a distribution) */
        DRAW
    }

    /** The built-in scorer (when no model is set). */
    enum Scorer {
        /** where objects of the class are in real photos (ContextScorer): the default */
        CONTEXT,
        /** free ground, a typical size (BuiltinScorer, the default before the plausibility evaluation) */
        FREE_SPACE
    }

    /** Width of the matte's soft edge in pixels, centred on the mask's edge (0 or 1: hard edge). */
    @WithDefault("2")
    int featherPx();

    /** Largest share (0..1) of any existing object a paste may hide; 0 = none, 1 = no limit. */
    @WithDefault("0")
    double maxOcclusion();

    @WithDefault("draw")
    Selection selection();

    @WithDefault("context")
    Scorer scorer();

    /** Peaks to draw from ({@code top-k}). */
    @WithDefault("50")
    int topK();

    /** Number of FOPA scales s_i = i/(n+2). */
    @WithDefault("16")
    int scales();

    /** Smallest pasted box side in pixels. */
    @WithDefault("24")
    int minObjectPx();

    /** Largest enlargement of a cut-out. */
    @WithDefault("1.25")
    double maxUpscale();

    /** Smallest shorter side of an object source's box (a smaller one could only be pasted enlarged). */
    @WithDefault("40")
    int minSourcePx();

    /** Largest share of an object source's box perimeter that may run along its image's edge (cut off). */
    @WithDefault("0.02")
    double maxBorderContact();

    /** Smallest share of an object source in its largest connected piece (else occluded or several objects). */
    @WithDefault("0.85")
    double minMainPiece();

    /** Largest share of an object source's outline that may border other objects (mostly hidden). */
    @WithDefault("0.5")
    double maxHiddenOutline();

    /** Horizon as a fraction of the height when the image shows none. */
    @WithDefault("0.4")
    double horizonFallback();

    /** Relative seeded jitter of the ranking (breaks ties differently for every sample). */
    @WithDefault("0.1")
    double diversity();

    /** Built-in heatmap cells along the background's longer side. */
    @WithDefault("128")
    int gridSize();

    /** How far the scene's own object's size shifts the expected size of pasted objects (0..1). */
    @WithDefault("0.5")
    double anchorWeight();

    /** Classes that need no ground support. */
    @WithDefault("airplane,aeroplane,bird,kite")
    Set<String> airborneClasses();

    /** Also write heatmap.png: heatmaps, peaks and chosen boxes over the scene. */
    @WithDefault("false")
    boolean debugHeatmap();

    /** An ONNX FOPA placement model (path or s3:// URI); the built-in scorer when absent. */
    Optional<String> model();

    default PlaceService.Settings settings() {
        return new PlaceService.Settings(featherPx(), maxOcclusion(), selection(), topK(), scales(),
                minObjectPx(), maxUpscale(), horizonFallback(), diversity(), debugHeatmap());
    }

    default WholeObject.Criteria wholeObject() {
        return new WholeObject.Criteria(minSourcePx(), maxBorderContact(), minMainPiece(), maxHiddenOutline());
    }

    /** Classes whose top other objects may stand on (what lies under a box's bottom decides its support). */
    @WithDefault("dining table,diningtable,table,desk,bed,couch,sofa,bench,chair,toilet,sink,oven")
    Set<String> supportSurfaces();

    /** How far the expected size follows the scene's other objects (0 = the class's scale prior only). */
    @WithDefault("0.5")
    double neighbourWeight();

    default ContextScorer.Settings contextSettings() {
        return new ContextScorer.Settings(gridSize(), anchorWeight(), airborneClasses(), supportSurfaces(),
                neighbourWeight(), ContextScorer.DEFAULT_WEIGHTS);
    }

    default BuiltinScorer.Settings scorerSettings() {
        return new BuiltinScorer.Settings(gridSize(), anchorWeight(), airborneClasses(), supportSurfaces(),
                neighbourWeight(), BuiltinScorer.DEFAULT_SIZE_EXPONENT);
    }
}
