package dev.wasmtck.internal.host.wasmexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ScriptRuntime;

/**
 * The guest's {@code fs} as Go's {@code syscall/fs_js.go} calls it, driven from JS: each call's callback
 * records {@code "ok <value>"} or the error's node {@code code}, so the tests see what Go would map to
 * an errno. Confinement is the point: nothing outside a grant, no way out through {@code ..} or a
 * symbolic link, no writes to a read-only grant.
 */
class JsFileSystemTest {
    @TempDir
    Path tmp;

    /** Runs {@code script} in a world over {@code view}; {@code call(name, ...args)} answers what fs.name gave. */
    private String run(GuestFiles view, String script) {
        Context cx = JsEngine.open();
        try {
            JsWorld world = new JsWorld(cx, new EventLoop(), (fd, b, o, l) -> {}, new Random(1), view);
            try {
                String prelude = """
                        function call(name) {
                          let out;
                          const args = Array.prototype.slice.call(arguments, 1);
                          fs[name].apply(fs, args.concat([(err, v) => {
                            out = err ? err.code : 'ok' + (v === undefined ? '' : ' ' + (v && v.isDirectory
                                ? (v.isDirectory() ? 'dir ' : 'file ') + v.size : String(v)));
                          }]));
                          return out;
                        }
                        function bytes(s) { const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; }
                        function text(b, n) { let s = ''; for (let i = 0; i < n; i++) s += String.fromCharCode(b[i]); return s; }
                        """;
                return ScriptRuntime.toString(world.eval(prelude + script, "test", 1));
            } finally {
                world.files().close();
            }
        } finally {
            Context.exit();
        }
    }

    private GuestFiles launcherView(Path cwd, Path temp) throws IOException {
        return GuestFiles.forLauncher(cwd, temp);
    }

    @Test
    void readsAGrantedFolderRelativeToTheWorkingDirectory() throws IOException {
        Path pkg = Files.createDirectories(tmp.resolve("pkg/testdata"));
        Files.writeString(pkg.resolve("data.txt"), "payload");
        Path temp = Files.createDirectory(tmp.resolve("t"));
        String real = pkg.toRealPath().toString();
        String out = run(launcherView(pkg, temp), """
                const fd = call('open', 'data.txt', 0, 0).slice(3) | 0;
                const buf = new Uint8Array(16);
                let n;
                fs.read(fd, buf, 0, 16, null, (e, v) => n = v);
                [call('stat', 'data.txt'), call('stat', '.'), text(buf, n), call('close', fd), call('close', fd),
                 process.cwd(), path.resolve('data.txt'), call('readdir', '.')].join('|')
                """);
        assertThat(out).isEqualTo("ok file 7|ok dir " + Files.size(pkg) + "|payload|ok|EBADF|" + real + "|" + real
                + "/data.txt|ok data.txt");
    }

    @Test
    void nothingOutsideTheGrantsExists() throws IOException {
        Path pkg = Files.createDirectories(tmp.resolve("pkg"));
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        Path temp = Files.createDirectory(tmp.resolve("t"));
        String secret = tmp.resolve("secret.txt").toRealPath().toString();
        String out = run(launcherView(pkg, temp), String.format("""
                [call('open', '../secret.txt', 0, 0), call('open', '%s', 0, 0), call('stat', '/'),
                 call('readdir', '..'), call('mkdir', '../made', 493)].join('|')
                """, secret));
        assertThat(out).isEqualTo("ENOENT|ENOENT|ENOENT|ENOENT|ENOENT");
        assertThat(tmp.resolve("made")).doesNotExist();
    }

    @Test
    void symbolicLinksCannotLeadOut() throws IOException {
        Path pkg = Files.createDirectories(tmp.resolve("pkg"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(pkg.resolve("file-link"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(pkg.resolve("dir-link"), outside);
        Files.writeString(pkg.resolve("inside.txt"), "ok");
        Files.createSymbolicLink(pkg.resolve("good-link"), Path.of("inside.txt"));
        Path temp = Files.createDirectory(tmp.resolve("t"));
        Files.createSymbolicLink(temp.resolve("write-link"), outside.resolve("new.txt"));
        String out = run(launcherView(pkg, temp), """
                [call('open', 'file-link', 0, 0), call('open', 'dir-link/secret.txt', 0, 0), call('stat', 'dir-link'),
                 call('readdir', 'dir-link'), call('stat', 'good-link'), call('lstat', 'file-link').slice(0, 2),
                 call('open', '%s/write-link', 65 /* O_WRONLY|O_CREAT */, 420),
                 call('symlink', '/', '%s/root')].join('|')
                """.formatted(temp.toRealPath(), temp.toRealPath()));
        assertThat(out).isEqualTo("EACCES|EACCES|EACCES|EACCES|ok file 2|ok|ENOENT|EPERM");
        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @Test
    void theWorkingDirectoryIsReadOnlyAndTheTemporaryDirectoryWritable() throws IOException {
        Path pkg = Files.createDirectories(tmp.resolve("pkg"));
        Files.writeString(pkg.resolve("keep.txt"), "keep");
        Path temp = Files.createDirectory(tmp.resolve("t"));
        String t = temp.toRealPath().toString();
        String out = run(launcherView(pkg, temp), String.format("""
                const w = call('open', 'new.txt', 577 /* O_WRONLY|O_CREAT|O_TRUNC */, 420);
                const fd = call('open', '%1$s/f.txt', 194 /* O_RDWR|O_CREAT|O_EXCL */, 384).slice(3) | 0;
                let wrote, got;
                fs.write(fd, bytes('hello world'), 0, 11, null, (e, v) => wrote = v);
                const buf = new Uint8Array(5);
                fs.read(fd, buf, 0, 5, 6, (e, v) => got = text(buf, v));
                [w, call('unlink', 'keep.txt'), call('mkdir', 'd', 493), wrote, got,
                 call('ftruncate', fd, 5), call('fstat', fd), call('close', fd),
                 call('open', '%1$s/f.txt', 194, 384),
                 call('mkdir', '%1$s/d', 493), call('rename', '%1$s/f.txt', '%1$s/d/g.txt'),
                 call('rmdir', '%1$s/d'), call('unlink', '%1$s/d'), call('unlink', '%1$s/d/g.txt'),
                 call('rmdir', '%1$s/d'), call('rmdir', '%1$s'), call('rename', '%1$s/x', 'keep.txt'),
                 call('readdir', '%1$s')].join('|')
                """, t));
        assertThat(out).isEqualTo("EROFS|EROFS|EROFS|11|world|ok|ok file 5|ok|EEXIST|ok|ok|ENOTEMPTY|EISDIR|ok|ok"
                + "|EBUSY|EROFS|ok ");
        assertThat(pkg.resolve("keep.txt")).hasContent("keep");
        assertThat(pkg.resolve("new.txt")).doesNotExist();
    }

    @Test
    void withoutAGrantLookupsFindNothingAndTheRestIsNotImplemented() {
        String out = run(GuestFiles.none(), """
                let wrote;
                fs.write(1, bytes('x'), 0, 1, null, (e, v) => wrote = v);
                [call('open', '/tmp', 0, 0), call('stat', '.'), call('mkdir', '/tmp/x', 493), call('close', 3),
                 wrote, (() => { try { process.cwd(); return 'cwd'; } catch (e) { return e.code; } })()].join('|')
                """);
        assertThat(out).isEqualTo("ENOENT|ENOENT|ENOSYS|ENOSYS|1|ENOSYS");
    }

    @Test
    void aCaseSeesItsGrantsAtFixedPathsAndScratchIsPerRun() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("case-data"));
        Files.writeString(data.resolve("in.txt"), "in");
        Function<GuestFiles, String> script = view -> run(view, """
                [process.cwd(), call('stat', '/data/in.txt'), call('readdir', '/tmp'),
                 call('mkdir', '/tmp/made', 448), call('mkdir', '/data/made', 448), call('stat', '/data/../data/in.txt')].join('|')
                """);
        Path scratch;
        try (GuestFiles view = GuestFiles.forCase(data, true)) {
            assertThat(script.apply(view)).isEqualTo("/data|ok file 2|ok |ok|EROFS|ok file 2");
            scratch = view.mountOf("/tmp").folder();
            assertThat(scratch.resolve("made")).isDirectory();
        }
        assertThat(scratch).as("the scratch folder is deleted after the run").doesNotExist();
        try (GuestFiles view = GuestFiles.forCase(null, true)) {
            assertThat(run(view, "[process.cwd(), call('readdir', '.'), call('stat', '/data')].join('|')"))
                    .isEqualTo("/tmp|ok |ENOENT");
        }
        assertThat(data.resolve("made")).doesNotExist();
        assertThat(Files.readString(data.resolve("in.txt"), StandardCharsets.UTF_8)).isEqualTo("in");
    }
}
