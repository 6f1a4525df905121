package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.EventLoop;

import java.util.Arrays;

/**
 * An event loop's pending timers: a binary min-heap on (deadline, order of scheduling), so timers due at the
 * same time run in the order they were scheduled. A cancelled timer leaves the heap at once, so cancelled
 * think times never pile up. Deadlines are {@link System#nanoTime()} values, compared by difference.
 *
 * <p>Loop thread only.
 */
final class LoopTimers {
    private final EventLoop loop;
    private LoopTimer[] heap = new LoopTimer[16];
    private int size;
    private long scheduled;

    LoopTimers(EventLoop loop) {
        this.loop = loop;
    }

    LoopTimer newTimer(Runnable task) {
        return new LoopTimer(this, task);
    }

    void add(LoopTimer timer, long deadline) {
        timer.deadline = deadline;
        timer.order = scheduled++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        timer.index = size;
        siftUp(size++);
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE} when no timer is pending. */
    long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
    }

    /** Takes the earliest timer if it is due by {@code now}; else null. */
    LoopTimer pollDue(long now) {
        if (size == 0 || heap[0].deadline - now > 0) {
            return null;
        }
        LoopTimer due = heap[0];
        removeAt(0);
        return due;
    }

    int size() {
        return size;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].index = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        LoopTimer removed = heap[i];
        removed.index = -1;
        LoopTimer last = heap[--size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        heap[i] = last;
        last.index = i;
        siftDown(i);
        if (heap[i] == last) {
            siftUp(i);
        }
    }

    private void siftUp(int i) {
        LoopTimer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            LoopTimer p = heap[parent];
            if (!earlier(t, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i) {
        LoopTimer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && earlier(heap[right], heap[child])) {
                child = right;
            }
            if (!earlier(heap[child], t)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = t;
        t.index = i;
    }

    private static boolean earlier(LoopTimer a, LoopTimer b) {
        long d = a.deadline - b.deadline;
        return d < 0 || (d == 0 && a.order < b.order);
    }

    /** One scheduled task; also the queued task of a timer scheduled with no delay. */
    static final class LoopTimer implements EventLoop.Timer, Runnable {
        private final LoopTimers timers;
        /** Null once the timer has run or been cancelled. */
        private Runnable task;
        private long deadline;
        private long order;
        private int index = -1;

        private LoopTimer(LoopTimers timers, Runnable task) {
            this.timers = timers;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            if (!timers.loop.inLoop()) {
                throw new IllegalStateException("a timer is cancelled on its loop's thread only");
            }
            if (task == null) {
                return false;
            }
            task = null;
            if (index >= 0) {
                timers.removeAt(index);
            }
            return true;
        }

        @Override
        public void run() {
            Runnable t = task;
            if (t != null) {
                task = null;
                t.run();
            }
        }
    }
}
