package io.maskmill.imaging;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/** For evaluation tools: a function over a list on a few threads, results in the list's order. */
public final class Parallel {
    /** Threads: {@code -Dmaskmill.eval.threads}, else the available processors. */
    public static final int THREADS = Integer.getInteger("maskmill.eval.threads", Runtime.getRuntime().availableProcessors());

    private Parallel() {
    }

    public static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, THREADS));
        try {
            return pool.submit(() -> items.parallelStream().map(f).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
