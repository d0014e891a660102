package dev.wasmtck.internal.host.wasmexec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.mozilla.javascript.Hashtable;
import org.mozilla.javascript.NativeMap;
import org.mozilla.javascript.NativeSet;
import org.mozilla.javascript.Scriptable;

/**
 * The entry table of a Rhino {@code Map} or {@code Set}. Rhino offers no Java accessor for it (its
 * {@code size} and iterators are JS built-ins a script can replace), so its private {@code entries} field
 * is read; where the field is gone or closed (another Rhino), the answer is null and the entries go uncounted.
 */
final class CollectionEntries {
    private static final VarHandle MAP = field(NativeMap.class);
    private static final VarHandle SET = field(NativeSet.class);

    private CollectionEntries() {}

    /** {@code collection}'s entries, or null when this Rhino does not let them be read. */
    static Hashtable of(Scriptable collection) {
        VarHandle h = collection instanceof NativeMap ? MAP : collection instanceof NativeSet ? SET : null;
        return h == null ? null : (Hashtable) h.get(collection);
    }

    private static VarHandle field(Class<?> owner) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                    .findVarHandle(owner, "entries", Hashtable.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
