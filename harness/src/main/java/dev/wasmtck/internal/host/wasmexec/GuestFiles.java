package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.abi.wasmexec.FileGrant;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of the host's file system one run of a program may see: a few host folders, each
 * mounted at a path of the guest's view, read-only or writable, plus the guest's starting working
 * directory. Everything outside the mounts does not exist for the guest. {@link JsFileSystem} serves
 * the guest's {@code fs} calls from it. Closing it deletes the scratch folders it created.
 *
 * <p>Guest paths are resolved lexically ({@code ..} cannot climb out of a mount), and every host path
 * is checked after following symbolic links, so a link cannot lead out of its mount either.
 */
final class GuestFiles implements AutoCloseable {
    /** Where case grants appear in the guest's view. */
    static final String CASE_READ = FileGrant.READ;
    static final String CASE_SCRATCH = FileGrant.SCRATCH;

    /**
     * A host folder in the guest's view.
     *
     * @param at the guest path it appears at (absolute, normalised)
     * @param folder the host folder, a real path (symbolic links resolved)
     * @param writable whether the guest may change anything below it
     */
    record Mount(String at, Path folder, boolean writable) {
        boolean holds(String guestPath) {
            return guestPath.equals(at) || "/".equals(at) || guestPath.startsWith(at + "/");
        }

        /** The host path for a guest path this mount holds. */
        Path hostPath(String guestPath) {
            String rest = guestPath.length() <= at.length() ? "" : guestPath.substring("/".equals(at) ? 1 : at.length() + 1);
            return rest.isEmpty() ? folder : folder.resolve(rest);
        }

        /** The guest path of a host path inside this mount, or null. */
        String guestPath(Path host) {
            if (!host.startsWith(folder)) {
                return null;
            }
            String rest = folder.relativize(host).toString().replace(host.getFileSystem().getSeparator(), "/");
            return rest.isEmpty() ? at : ("/".equals(at) ? "" : at) + "/" + rest;
        }
    }

    private final List<Mount> mounts;
    private final String cwd;
    private final List<Path> owned;

    private GuestFiles(List<Mount> mounts, String cwd, List<Path> owned) {
        this.mounts = List.copyOf(mounts);
        this.cwd = cwd;
        this.owned = List.copyOf(owned);
    }

    /** No file system at all (the default of every case). */
    static GuestFiles none() {
        return new GuestFiles(List.of(), null, List.of());
    }

    /** The view a case's grant gives one run; closing it deletes the scratch folder. */
    static GuestFiles granted(FileGrant grant) throws IOException {
        return grant.read() == null && !grant.scratch() ? none() : forCase(grant.read(), grant.scratch());
    }

    /**
     * A case's grants: {@code read} (a host folder, or null) read-only at {@value #CASE_READ}, and with
     * {@code scratch} a fresh empty writable folder at {@value #CASE_SCRATCH}, deleted on close. The
     * working directory is the read folder if any, else the scratch folder.
     */
    static GuestFiles forCase(Path read, boolean scratch) throws IOException {
        List<Mount> mounts = new ArrayList<>();
        List<Path> owned = new ArrayList<>();
        if (read != null) {
            mounts.add(new Mount(CASE_READ, read.toRealPath(), false));
        }
        if (scratch) {
            Path dir = Files.createTempDirectory("wasm-tck-scratch-").toRealPath();
            owned.add(dir);
            mounts.add(new Mount(CASE_SCRATCH, dir, true));
        }
        String cwd = read != null ? CASE_READ : scratch ? CASE_SCRATCH : null;
        return new GuestFiles(mounts, cwd, owned);
    }

    /**
     * The launcher's view, which uses host paths unchanged (so {@code go test} output names real
     * files): the working directory read-only, and {@code temp} writable, deleted on close.
     */
    static GuestFiles forLauncher(Path workingDirectory, Path temp) throws IOException {
        Path cwd = workingDirectory.toRealPath();
        Path tmp = temp.toRealPath();
        List<Mount> mounts = List.of(new Mount(guestForm(cwd), cwd, false), new Mount(guestForm(tmp), tmp, true));
        return new GuestFiles(mounts, guestForm(cwd), List.of(tmp));
    }

    private static String guestForm(Path hostAbsolute) {
        String s = hostAbsolute.toString().replace(hostAbsolute.getFileSystem().getSeparator(), "/");
        return s.startsWith("/") ? s : "/" + s;
    }

    /** The working directory the guest starts in, or null when it has no file system. */
    String cwd() {
        return cwd;
    }

    boolean any() {
        return !mounts.isEmpty();
    }

    /** The innermost mount holding a normalised guest path, or null: then the path does not exist for the guest. */
    Mount mountOf(String guestPath) {
        Mount best = null;
        for (Mount m : mounts) {
            if (m.holds(guestPath) && (best == null || m.at().length() > best.at().length())) {
                best = m;
            }
        }
        return best;
    }

    /** A host path (already real) back in the guest's view, or null when no mount holds it. */
    String guestPathOf(Path host) {
        String best = null;
        for (Mount m : mounts) {
            String g = m.guestPath(host);
            if (g != null && (best == null || g.length() < best.length())) {
                best = g;
            }
        }
        return best;
    }

    /**
     * Node's path resolution, lexically: {@code path} against {@code base} (both guest paths),
     * {@code .} and {@code ..} removed, never above the root.
     */
    static String resolve(String base, String path) {
        String joined = path.startsWith("/") ? path : (base == null ? "/" : base) + "/" + path;
        List<String> parts = new ArrayList<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    @Override
    public void close() throws IOException {
        for (Path dir : owned) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                // A guest may have left a folder without write permission; take it back to delete it.
                dir.toFile().setWritable(true);
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
