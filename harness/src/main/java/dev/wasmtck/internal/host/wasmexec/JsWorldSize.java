package dev.wasmtck.internal.host.wasmexec;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Hashtable;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.NativeMap;
import org.mozilla.javascript.NativeSet;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Symbol;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.typedarrays.NativeArrayBuffer;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;

/**
 * A measurement of what a JS world holds that {@link JsBounds}' constructors do not see: the properties of
 * its objects (an array's elements count as properties), the entries of its {@code Map}s and {@code Set}s,
 * and the characters of its strings, however they
 * were built (a string made by concatenation is counted at its full length, which is what it takes once
 * read). It walks everything reachable from the roots it is given, each object once, without running
 * any JS (accessors are followed, not called; proxies are not entered), and stops as soon as the total
 * passes the budget, so a walk costs at most the budget's worth of objects.
 */
final class JsWorldSize {
    /** An estimate of what the host keeps per property: the slot, its key and its place in the table. */
    static final long BYTES_PER_PROPERTY = 32;
    /** A JS string keeps two bytes per UTF-16 unit. */
    static final long BYTES_PER_CHAR = 2;
    /** An estimate of what Rhino keeps per {@code Map} or {@code Set} entry: its entry, hash node and links. */
    static final long BYTES_PER_ENTRY = 64;

    /** Rhino's proxy class, not public. */
    private static final String PROXY = "org.mozilla.javascript.NativeProxy";

    long properties;
    long entries;
    long chars;
    /** The longest string seen, in characters. */
    long longestString;

    private final long budget;
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayDeque<Object> todo = new ArrayDeque<>();

    private JsWorldSize(long budget) {
        this.budget = budget;
    }

    /** Measures what {@code roots} reach, stopping once past {@code budget} bytes. */
    static JsWorldSize measure(Iterable<?> roots, long budget) {
        JsWorldSize size = new JsWorldSize(budget);
        for (Object root : roots) {
            size.add(root);
        }
        size.walk();
        return size;
    }

    long bytes() {
        return properties * BYTES_PER_PROPERTY + entries * BYTES_PER_ENTRY + chars * BYTES_PER_CHAR;
    }

    boolean over() {
        return bytes() > budget;
    }

    private void add(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof Symbol
                || Undefined.isUndefined(v) || v == Scriptable.NOT_FOUND || !seen.add(v)) {
            return;
        }
        if (v instanceof CharSequence s) {
            // Rhino's concatenation keeps an int length that wraps past 2^31 - 1: negative means at least that.
            long length = s.length() >= 0 ? s.length() : 1L << 31;
            chars += length;
            longestString = Math.max(longestString, length);
            return;
        }
        if (v instanceof Scriptable) {
            todo.add(v);
        } else if (v instanceof Object[] frame) {
            for (Object o : frame) {
                add(o); // a running function's scope, this and arguments
            }
        }
    }

    private void walk() {
        while (!todo.isEmpty() && !over()) {
            Scriptable obj = (Scriptable) todo.poll();
            add(obj.getPrototype());
            add(obj.getParentScope());
            // Buffer storage is JsBounds' own count; a proxy's traps are JS code the walk must not run.
            if (obj instanceof NativeArrayBuffer || obj instanceof NativeArrayBufferView
                    || obj.getClass().getName().equals(PROXY)) {
                continue;
            }
            if (obj instanceof NativeArray array) {
                walkArray(array);
            } else if (obj instanceof NativeMap || obj instanceof NativeSet) {
                walkEntries(obj);
            }
            if (over()) {
                break;
            }
            Object[] ids = obj instanceof ScriptableObject so ? so.getAllIds() : obj.getIds();
            for (int i = 0; i < ids.length && !over(); i++) {
                Object id = ids[i];
                if (obj instanceof NativeArray && id instanceof Integer) {
                    continue; // counted with the elements
                }
                properties++;
                add(id);
                add(value(obj, id));
            }
        }
    }

    /** An array's elements, by length: a long array is over the budget before its elements are read. */
    private void walkArray(NativeArray array) {
        long length = array.getLength();
        properties += length;
        for (int i = 0; i < length && !over(); i++) {
            add(array.get(i, array));
        }
    }

    /** A {@code Map}'s or {@code Set}'s entries: counted by their number, then their keys and values walked. */
    private void walkEntries(Scriptable collection) {
        Hashtable table = CollectionEntries.of(collection);
        if (table == null) {
            return;
        }
        entries += table.size();
        for (Iterator<Hashtable.Entry> it = table.iterator(); it.hasNext() && !over(); ) {
            Hashtable.Entry e = it.next();
            add(e.key());
            add(e.value());
        }
    }

    /** A property's value, or its getter and setter: an accessor is not called. */
    private Object value(Scriptable obj, Object id) {
        if (obj instanceof ScriptableObject so && id instanceof String name) {
            // Rhino answers undefined for a data property and a function for an accessor's half.
            Object getter = so.getGetterOrSetter(name, 0, so, false);
            Object setter = so.getGetterOrSetter(name, 0, so, true);
            if (getter instanceof Callable || setter instanceof Callable) {
                add(setter);
                return getter;
            }
        }
        try {
            if (id instanceof Integer i) {
                return obj.get(i, obj);
            }
            if (id instanceof String name) {
                return obj.get(name, obj);
            }
        } catch (RhinoException e) {
            // A built-in accessor read on its prototype (ArrayBuffer.prototype.byteLength) throws: no value.
        }
        return null; // symbol-keyed: the key is counted, its value is rare enough to leave
    }
}
