package dev.wasmtck.runtime.graalwasm;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;

/** Throwaway: what GraalWasm's polyglot API does for the questions the binding needs answered. */
class SpikeTest {

    static final class Exit extends RuntimeException {
        final int code;
        Exit(int code) {
            super("exit " + code);
            this.code = code;
        }
    }

    @Test
    void spike() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/spike/spike.wasm")) {
            bytes = in.readAllBytes();
        }
        System.out.println("java " + Runtime.version());
        long t0 = System.nanoTime();
        Engine engine = Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build();
        Source source = Source.newBuilder("wasm", ByteSequence.create(bytes), "spike").build();
        System.out.printf("engine %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        for (int round = 0; round < 3; round++) {
            long t1 = System.nanoTime();
            try (Context context = Context.newBuilder("wasm").engine(engine).allowPolyglotAccess(org.graalvm.polyglot.PolyglotAccess.ALL).build()) {
                Value module = context.eval(source);
                long t2 = System.nanoTime();
                AtomicReference<Value> memory = new AtomicReference<>();
                AtomicReference<Value> exportsRef = new AtomicReference<>();
                ProxyExecutable log = args -> {
                    int ptr = args[0].asInt();
                    int len = args[1].asInt();
                    byte[] b = new byte[len];
                    for (int i = 0; i < len; i++) {
                        b[i] = memory.get().readBufferByte(ptr + i);
                    }
                    System.out.println("log: " + new String(b) + " args[0] class " + args[0].getClass());
                    return null;
                };
                ProxyExecutable twice = args -> args[0].asLong() * 2;
                ProxyExecutable reenter = args -> exportsRef.get().getMember("inc").execute(args[0].asInt()).asInt() * 10;
                ProxyExecutable boom = args -> {
                    throw new Exit(7);
                };
                Value instance = module.newInstance(ProxyObject.fromMap(Map.of("env", ProxyObject.fromMap(
                        Map.of("log", log, "twice", twice, "reenter", reenter, "boom", boom)))));
                Value exports = instance.getMember("exports");
                exportsRef.set(exports);
                memory.set(exports.getMember("memory"));
                System.out.printf("round %d: eval %d ms, instantiate %d ms%n", round, (t2 - t1) / 1_000_000,
                        (System.nanoTime() - t2) / 1_000_000);
                if (round > 0) {
                    continue;
                }
                System.out.println("members: " + exports.getMemberKeys());
                exports.getMember("hello").execute();
                Value r = exports.getMember("dbl").execute(Long.MAX_VALUE / 2 + 5);
                System.out.println("dbl -> " + r + " fitsInLong " + r.fitsInLong() + " " + r.asLong());
                Value r2 = exports.getMember("dbl").execute(-3L);
                System.out.println("dbl(-3) -> " + r2.asLong());
                System.out.println("reenter -> " + exports.getMember("callreenter").execute(4).asInt());
                try {
                    exports.getMember("callboom").execute();
                } catch (PolyglotException e) {
                    System.out.println("boom: host=" + e.isHostException() + " guest=" + e.isGuestException()
                            + " msg=" + e.getMessage());
                    if (e.isHostException()) {
                        Throwable h = e.asHostException();
                        System.out.println("  host exception " + h.getClass() + " code " + ((Exit) h).code);
                    }
                }
                try {
                    exports.getMember("trap").execute();
                } catch (PolyglotException e) {
                    System.out.println("trap: host=" + e.isHostException() + " guest=" + e.isGuestException()
                            + " internal=" + e.isInternalError() + " msg=" + e.getMessage() + " guestObj="
                            + e.getGuestObject());
                }
                try {
                    exports.getMember("div").execute(1, 0);
                } catch (PolyglotException e) {
                    System.out.println("div0: msg=" + e.getMessage());
                }
                System.out.println("size before grow " + memory.get().getBufferSize());
                System.out.println("grow -> " + exports.getMember("grow").execute(1).asInt());
                System.out.println("size after grow " + memory.get().getBufferSize() + " via new lookup "
                        + exports.getMember("memory").getBufferSize());
                memory.get().writeBufferInt(java.nio.ByteOrder.LITTLE_ENDIAN, 65536 + 4, 0x01020304);
                System.out.println("read back " + memory.get().readBufferLong(java.nio.ByteOrder.LITTLE_ENDIAN, 65536));
                Value wa = context.getPolyglotBindings().getMember("WebAssembly");
                
                System.out.println("mem_grow -> " + wa.getMember("mem_grow").execute(memory.get(), 1) + " size " + memory.get().getBufferSize());
                try {
                    Value bb = wa.getMember("mem_as_byte_buffer").execute(memory.get());
                    System.out.println("bb: hostObject=" + bb.isHostObject() + " " + bb);
                } catch (Exception e) {
                    System.out.println("mem_as_byte_buffer: " + e);
                }
                byte[] chunk = new byte[8];
                memory.get().readBuffer(65536, chunk, 0, 8);
                System.out.println("bulk read " + java.util.Arrays.toString(chunk));
                System.out.println("grow beyond max -> " + exports.getMember("grow").execute(10).asInt());
                try {
                    memory.get().readBufferByte(10 * 65536);
                } catch (Exception e) {
                    System.out.println("oob read: " + e.getClass().getName() + ": " + e.getMessage());
                }
                // interrupt
                long t3 = System.nanoTime();
                Thread killer = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                        context.interrupt(Duration.ofSeconds(5));
                        System.out.println("interrupted after " + (System.nanoTime() - t3) / 1_000_000 + " ms");
                    } catch (Exception e) {
                        System.out.println("interrupt failed: " + e);
                    }
                });
                killer.start();
                try {
                    exports.getMember("spin").execute();
                } catch (PolyglotException e) {
                    System.out.println("spin: cancelled=" + e.isCancelled() + " interrupted=" + e.isInterrupted()
                            + " msg=" + e.getMessage());
                }
                killer.join();
                System.out.println("after interrupt inc -> " + exports.getMember("inc").execute(1).asInt());
            }
        }
        engine.close();
    }
}
