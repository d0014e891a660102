package dev.wasmtck.host;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.Limits;
/**
 * A prepared guest that can also serve concurrent calls from a pool of instances (a case's
 * {@code concurrent:} section). Hosts that cannot pool a guest simply do not implement it; such cases
 * are then reported aborted on that host, never passed.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface PooledGuest extends PreparedGuest {

    /**
     * Opens a pool for one case run. Instances are created on demand, at most {@code size} at once;
     * every instance belongs to this pool only, so nothing a call leaves behind reaches another case.
     *
     * @param settings the ABI's parsed {@code host:} section, shared by every call of the pool
     * @param limits bounds on each call: {@code timeout} covers waiting for a free instance, creating
     *     and initialising one when needed, and the call itself; {@code memory} bounds each instance
     */
    GuestPool pool(int size, Object settings, Limits limits) throws GuestFault;

    /** A bounded pool of instances of one guest, safe to call from several threads at once. */
    interface GuestPool extends AutoCloseable {

        /**
         * Calls {@code function} with {@code input} on an idle instance, or on a new one while the pool
         * has room, else waits for one. An instance whose call failed other than by a clean guest error
         * is discarded, never reused. The outcome's stdout, stderr and host calls are this call's only
         * (calls made while the instance was initialised are not included).
         */
        Outcome call(String function, byte[] input) throws GuestFault;

        /** Counts so far. */
        Stats stats();

        /** Drops every instance; calls after this fail. */
        @Override
        void close();
    }

    /**
     * @param created instances created (initialised or not)
     * @param discarded instances dropped after a failed call or initialisation
     * @param peakBusy the most instances that served calls at the same time
     */
    record Stats(int created, int discarded, int peakBusy) {}
}
