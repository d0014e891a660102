package dev.wasmtck.internal.host.external;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The reference adapter, broken on purpose for the kit's failure handling. A call of function
 * {@code crash} makes a host call and then exits with code 3; {@code garbage} writes text instead of a
 * frame; {@code hang} never answers. With {@code args = [mode, marker]} the first start (while the
 * marker file does not exist) misbehaves: {@code exit} exits before its hello, {@code version} says
 * hello in protocol version 2, {@code noise} prints text first; later starts are normal.
 */
public final class BrokenAdapter {
    public static void main(String[] args) throws Exception {
        InputStream in = new BufferedInputStream(System.in);
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        if (args.length == 2 && !Files.exists(Path.of(args[1]))) {
            Files.writeString(Path.of(args[1]), args[0]);
            switch (args[0]) {
                case "exit" -> {
                    System.err.println("broken adapter: giving up before hello");
                    System.exit(3);
                }
                case "version" -> {
                    Frame.write(out, Map.of("type", "hello", "protocol", 2, "abis", java.util.List.of("wapc")));
                    Thread.sleep(60_000);
                }
                case "noise" -> {
                    out.write("Starting adapter...\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(60_000);
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
        ReferenceAdapter adapter = new ReferenceAdapter(in, out);
        adapter.hello();
        for (Optional<Frame> f = Frame.read(in); f.isPresent(); f = Frame.read(in)) {
            Frame frame = f.get();
            String function = frame.type().equals("call") ? frame.requireText("function") : "";
            switch (function) {
                case "crash" -> {
                    Frame.write(out, Map.of("type", "callback", "kind", "host-call", "binding", "b", "namespace", "n",
                            "operation", "o", "payload", new byte[] {1}));
                    Frame.read(in);
                    System.err.println("broken adapter: crashing in the middle of a call");
                    System.exit(3);
                }
                case "garbage" -> {
                    out.write("panic: this is not a frame\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                case "hang" -> Thread.sleep(600_000);
                default -> adapter.handle(frame);
            }
        }
    }

    private BrokenAdapter() throws IOException {}
}
