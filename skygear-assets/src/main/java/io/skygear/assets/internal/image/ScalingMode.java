package io.skygear.assets.internal.image;

/** {@code m_<mode>} of {@code resize}. */
public enum ScalingMode {
    /** Largest box of the original's aspect inside the target (the default). */
    LFIT,
    /** Smallest box of the original's aspect covering the target. */
    MFIT,
    /** {@link #MFIT}, then a centred crop to the target. */
    FILL,
    /** {@link #LFIT}, then centred on a target-sized canvas of the pad colour. */
    PAD,
    /** Exactly the target, aspect ignored. */
    FIXED;

    /** lfit, mfit and fixed derive a missing side from the aspect ratio; fill and pad make a square. */
    boolean infersOtherSideFromAspect() {
        return this == LFIT || this == MFIT || this == FIXED;
    }
}
