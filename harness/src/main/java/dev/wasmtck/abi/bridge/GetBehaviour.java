package dev.wasmtck.abi.bridge;

import org.apiguardian.api.API;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the host's {@code get} does with one call: answer with the guest's own payload, with a fixed
 * payload, reject, or delegate to a named {@code AsyncFunction} (a host's); optionally after a delay.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface GetBehaviour {

    /** How long the host waits before the operation starts to complete; zero for at once. */
    Duration delay();

    /** Resolves with the very bytes the guest passed to {@code get}. */
    record Echo(Duration delay) implements GetBehaviour {
        public Echo {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Resolves with a fixed MessagePack payload. */
    record Resolve(byte[] payload, Duration delay) implements GetBehaviour {
        public Resolve {
            Objects.requireNonNull(delay, "delay");
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Resolve r && Arrays.equals(payload, r.payload) && delay.equals(r.delay);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload) * 31 + delay.hashCode();
        }

        @Override
        public String toString() {
            return "Resolve[payload=" + HexFormat.of().formatHex(payload) + ", delay=" + delay + "]";
        }
    }

    /** Rejects with a message; the case fails with HOST_ERROR "get #N rejected: message". */
    record Reject(String message, Duration delay) implements GetBehaviour {
        public Reject {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Calls the {@code AsyncFunction} (a host's) registered under {@code name}, resolved when the case runs. */
    record Function(String name, Duration delay) implements GetBehaviour {
        public Function {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(delay, "delay");
        }
    }
}
