package io.maskmill.events;

/**
 * Marks the beans that hold Maskmill's {@code @Funq} functions, so the embedded broker can find them
 * and call them in-process exactly as Funqy calls them over HTTP.
 */
public interface MaskmillFunction {
}
