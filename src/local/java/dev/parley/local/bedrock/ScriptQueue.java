package dev.parley.local.bedrock;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Scripted answers in FIFO order. A call takes the first entry for its model id (or for any
 * model); an entry with {@code times} n serves n calls, -1 serves until reset.
 */
final class ScriptQueue {

    private static final class Slot {
        final ScriptEntry entry;
        int remaining;

        Slot(ScriptEntry entry) {
            this.entry = entry;
            this.remaining = entry.times();
        }
    }

    private final List<Slot> slots = new ArrayList<>();

    synchronized void add(ScriptEntry entry) {
        slots.add(new Slot(entry));
    }

    /** The entry for this call, or null when the default model should answer. */
    synchronized ScriptEntry take(String modelId) {
        for (Iterator<Slot> it = slots.iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (slot.entry.appliesTo(modelId)) {
                if (slot.remaining > 0 && --slot.remaining == 0) {
                    it.remove();
                }
                return slot.entry;
            }
        }
        return null;
    }

    synchronized int size() {
        return slots.size();
    }

    synchronized void clear() {
        slots.clear();
    }
}
