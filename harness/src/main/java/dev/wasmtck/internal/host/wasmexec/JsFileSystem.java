package dev.wasmtck.internal.host.wasmexec;

import dev.wasmtck.internal.host.wasmexec.GuestFiles.Mount;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;

/**
 * Node's {@code fs} module as Go's {@code syscall/fs_js.go} calls it, plus {@code process.cwd}/{@code
 * chdir} and {@code path.resolve}, over a {@link GuestFiles} view. Calls take a node-style callback
 * {@code (err, value)} as their last argument, which is called before the call returns; errors carry
 * node's {@code code} ({@code ENOENT}, {@code EROFS}, ...), which Go maps to its errno values.
 *
 * <p>Writes to fd 1 and 2 go to the instance's stdout and stderr whatever the view. Without any mount
 * the guest has no file system: path lookups answer {@code ENOENT} (as an empty file system would, which
 * Go's tests expect of a missing {@code testdata} folder), other calls {@code ENOSYS}.
 */
final class JsFileSystem implements AutoCloseable {
    // Node's values on Linux. With -1 (the browser fallback) Go refuses O_DIRECTORY opens before asking.
    private static final int O_WRONLY = 1;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 64;
    private static final int O_EXCL = 128;
    private static final int O_TRUNC = 512;
    private static final int O_APPEND = 1024;
    private static final int O_DIRECTORY = 65536;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    /** Node's default umask, applied to the modes of created files and folders. */
    private static final int UMASK = 022;
    private static final Set<String> LOOKUPS = Set.of("lstat", "open", "readdir", "readlink", "stat");

    /** A node-style failure: {@code code} becomes the JS error's {@code code}. */
    private static final class Errno extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Errno(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    @FunctionalInterface
    private interface Op {
        Object run(Object[] args) throws Errno, IOException;
    }

    /** An open descriptor: a file's channel, or a folder (channel null). */
    private record Handle(Path host, FileChannel channel, boolean readable, boolean writable, boolean append) {}

    /** A guest path found in the view: its mount, the host path (checked) and the normalised guest path. */
    private record Located(Mount mount, Path host, String guest) {
        boolean isRoot() {
            return host.equals(mount.folder());
        }
    }

    private final JsWorld world;
    private final GuestFiles files;
    private final Map<Integer, Handle> handles = new TreeMap<>();
    private String cwd;

    JsFileSystem(JsWorld world, GuestFiles files) {
        this.world = world;
        this.files = files;
        this.cwd = files.cwd();
    }

    /** Installs {@code fs}, {@code process.cwd}/{@code chdir} and {@code path.resolve} in the world. */
    void install(Scriptable global, Scriptable process, Scriptable path) {
        Scriptable fs = world.newObject();
        Scriptable constants = world.newObject();
        Object[][] flags = {{"O_WRONLY", O_WRONLY}, {"O_RDWR", O_RDWR}, {"O_CREAT", O_CREAT}, {"O_EXCL", O_EXCL},
            {"O_TRUNC", O_TRUNC}, {"O_APPEND", O_APPEND}, {"O_DIRECTORY", O_DIRECTORY}};
        for (Object[] flag : flags) {
            ScriptableObject.putProperty(constants, (String) flag[0], flag[1]);
        }
        ScriptableObject.putProperty(fs, "constants", constants);
        ScriptableObject.putProperty(fs, "writeSync", world.function("writeSync", 2, (c, scope, self, args) -> {
            try {
                return write(args);
            } catch (Errno e) {
                throw new JavaScriptException(world.errnoError(e.code, e.getMessage()), null, 0);
            } catch (IOException e) {
                throw new JavaScriptException(world.errnoError("EIO", e.getMessage()), null, 0);
            }
        }));
        async(fs, "write", this::write);
        async(fs, "read", this::read);
        async(fs, "open", this::open);
        async(fs, "close", this::close);
        async(fs, "fsync", this::fsync);
        async(fs, "fstat", args -> stats(handle(args, 0)));
        async(fs, "stat", args -> stats(locate(args, 0, true).host(), true));
        async(fs, "lstat", args -> stats(locate(args, 0, false).host(), false));
        async(fs, "readdir", this::readdir);
        async(fs, "mkdir", this::mkdir);
        async(fs, "unlink", this::unlink);
        async(fs, "rmdir", this::rmdir);
        async(fs, "rename", this::rename);
        async(fs, "ftruncate", args -> truncate(channelOf(handle(args, 0), true), (long) number(args, 1)));
        async(fs, "truncate", args -> {
            Located at = writable(locate(args, 0, true));
            try (FileChannel ch = FileChannel.open(at.host(), StandardOpenOption.WRITE)) {
                return truncate(ch, (long) number(args, 1));
            }
        });
        async(fs, "chmod", args -> chmod(writable(locate(args, 0, true)).host(), (int) number(args, 1)));
        async(fs, "fchmod", args -> {
            Handle h = handle(args, 0);
            return chmod(writableHost(h), (int) number(args, 1));
        });
        async(fs, "utimes", this::utimes);
        async(fs, "readlink", this::readlink);
        // The guest makes no links and owns nothing: that keeps every host path it reaches checkable.
        for (String op : new String[] {"chown", "fchown", "lchown", "link", "symlink"}) {
            async(fs, op, args -> {
                throw new Errno("EPERM", "operation not permitted");
            });
        }
        ScriptableObject.putProperty(global, "fs", fs);

        ScriptableObject.putProperty(process, "cwd", world.function("cwd", 0, (c, scope, self, args) -> {
            if (cwd == null) {
                throw new JavaScriptException(world.errnoError("ENOSYS", "no working directory: no file system"), null, 0);
            }
            return cwd;
        }));
        ScriptableObject.putProperty(process, "chdir", world.function("chdir", 1, (c, scope, self, args) -> {
            try {
                Located at = locate(args, 0, true);
                if (!Files.isDirectory(at.host())) {
                    throw new Errno("ENOTDIR", "not a directory");
                }
                cwd = at.guest();
                return Undefined.instance;
            } catch (Errno e) {
                throw new JavaScriptException(world.errnoError(e.code, e.getMessage()), null, 0);
            }
        }));
        ScriptableObject.putProperty(path, "resolve", world.function("resolve", 0, (c, scope, self, args) -> {
            String resolved = cwd == null ? "/" : cwd;
            for (Object a : args) {
                resolved = GuestFiles.resolve(resolved, ScriptRuntime.toString(a));
            }
            return resolved;
        }));
    }

    /** Defines {@code fs.name(..., callback)}: runs {@code op} and hands its result or error to the callback. */
    private void async(Scriptable fs, String name, Op op) {
        ScriptableObject.putProperty(fs, name, world.function(name, 1, (c, scope, self, args) -> {
            if (args.length == 0 || !(args[args.length - 1] instanceof Callable callback)) {
                throw ScriptRuntime.typeError("fs." + name + ": the last argument must be a callback");
            }
            Object[] result;
            try {
                if (!files.any() && !LOOKUPS.contains(name) && !standardStream(args)) {
                    throw new Errno("ENOSYS", "not implemented: the host gives this guest no file system");
                }
                result = new Object[] {null, op.run(args)};
            } catch (Errno e) {
                result = new Object[] {world.errnoError(e.code, e.getMessage())};
            } catch (IOException e) {
                result = new Object[] {ioError(e)};
            }
            Object[] answer = result;
            // Outside the try: whatever the guest does in its callback (exit, panic) is its own.
            if (world.callBackLater()) {
                world.loop().schedule(0, () -> callback.call(c, world.global(), Undefined.SCRIPTABLE_UNDEFINED, answer));
            } else {
                callback.call(c, world.global(), Undefined.SCRIPTABLE_UNDEFINED, answer);
            }
            return Undefined.instance;
        }));
    }

    private static boolean standardStream(Object[] args) {
        return args.length > 1 && args[0] instanceof Number n && (n.intValue() == 1 || n.intValue() == 2);
    }

    private Scriptable ioError(IOException e) {
        String code;
        if (e instanceof NoSuchFileException) {
            code = "ENOENT";
        } else if (e instanceof FileAlreadyExistsException) {
            code = "EEXIST";
        } else if (e instanceof DirectoryNotEmptyException) {
            code = "ENOTEMPTY";
        } else if (e instanceof NotDirectoryException) {
            code = "ENOTDIR";
        } else if (e instanceof AccessDeniedException) {
            code = "EACCES";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            code = switch (f.getReason()) {
                case "Is a directory" -> "EISDIR";
                case "Not a directory" -> "ENOTDIR";
                case "Directory not empty" -> "ENOTEMPTY";
                case "No space left on device" -> "ENOSPC";
                default -> "EIO";
            };
        } else {
            code = "EIO";
        }
        return world.errnoError(code, code + ": " + e.getMessage());
    }

    // --- paths ---------------------------------------------------------------------------------

    private Located locate(Object[] args, int index, boolean followLast) throws Errno {
        return locate(ScriptRuntime.toString(args.length > index ? args[index] : Undefined.instance), followLast);
    }

    /**
     * Finds a guest path in the view. Its folder is resolved to a real path, which must stay in the
     * mount; with {@code followLast} a symbolic link at the end is followed too, and must stay in it.
     */
    private Located locate(String path, boolean followLast) throws Errno {
        if (path.isEmpty()) {
            throw new Errno("ENOENT", "no such file or directory: empty path");
        }
        String guest = GuestFiles.resolve(cwd, path);
        Mount mount = files.mountOf(guest);
        if (mount == null) {
            throw new Errno("ENOENT", "no such file or directory, '" + guest + "'");
        }
        Path host = mount.hostPath(guest);
        if (host.equals(mount.folder())) {
            return new Located(mount, host, guest);
        }
        Path folder;
        try {
            folder = host.getParent().toRealPath();
        } catch (IOException e) {
            throw new Errno(e instanceof NotDirectoryException || isNotDirectory(e) ? "ENOTDIR" : "ENOENT",
                    "no such file or directory, '" + guest + "'");
        }
        inside(mount, folder, guest);
        host = folder.resolve(host.getFileName().toString());
        if (followLast && Files.isSymbolicLink(host)) {
            try {
                host = host.toRealPath();
            } catch (IOException e) {
                throw new Errno("ENOENT", "no such file or directory (a symbolic link to nothing), '" + guest + "'");
            }
            inside(mount, host, guest);
        }
        return new Located(mount, host, guest);
    }

    private static boolean isNotDirectory(IOException e) {
        return e instanceof FileSystemException f && "Not a directory".equals(f.getReason());
    }

    private static void inside(Mount mount, Path real, String guest) throws Errno {
        if (!real.startsWith(mount.folder())) {
            throw new Errno("EACCES", "permission denied: '" + guest + "' leads out of the granted folder");
        }
    }

    private static Located writable(Located at) throws Errno {
        if (!at.mount().writable()) {
            throw new Errno("EROFS", "read-only file system, '" + at.guest() + "'");
        }
        return at;
    }

    private static Located changeable(Located at) throws Errno {
        writable(at);
        if (at.isRoot()) {
            throw new Errno("EBUSY", "resource busy: '" + at.guest() + "' is a granted folder itself");
        }
        return at;
    }

    // --- descriptors ---------------------------------------------------------------------------

    private Handle handle(Object[] args, int index) throws Errno {
        int fd = (int) number(args, index);
        Handle h = handles.get(fd);
        if (h == null) {
            throw new Errno("EBADF", "bad file descriptor " + fd);
        }
        return h;
    }

    private static FileChannel channelOf(Handle h, boolean forWriting) throws Errno {
        if (h.channel() == null) {
            throw new Errno("EISDIR", "illegal operation on a directory");
        }
        if (forWriting ? !h.writable() : !h.readable()) {
            throw new Errno("EBADF", "bad file descriptor: not open for " + (forWriting ? "writing" : "reading"));
        }
        return h.channel();
    }

    private Path writableHost(Handle h) throws Errno {
        String guest = files.guestPathOf(h.host());
        Mount mount = guest == null ? null : files.mountOf(guest);
        if (mount == null || !mount.writable()) {
            throw new Errno("EROFS", "read-only file system");
        }
        return h.host();
    }

    private Object open(Object[] args) throws Errno, IOException {
        int flags = (int) number(args, 1);
        int mode = args.length > 3 && args[2] instanceof Number n ? n.intValue() : 0666;
        int access = flags & 3;
        boolean create = (flags & O_CREAT) != 0;
        boolean exclusive = create && (flags & O_EXCL) != 0;
        boolean truncate = (flags & O_TRUNC) != 0;
        // With O_CREAT|O_EXCL a final symbolic link is not followed: it exists, so the open fails.
        Located at = locate(ScriptRuntime.toString(args[0]), !exclusive);
        boolean exists = Files.exists(at.host(), LinkOption.NOFOLLOW_LINKS);
        if (exists && exclusive) {
            throw new Errno("EEXIST", "file already exists, '" + at.guest() + "'");
        }
        if (!exists && !create) {
            throw new Errno("ENOENT", "no such file or directory, '" + at.guest() + "'");
        }
        if (exists && Files.isDirectory(at.host())) {
            if (access != 0 || truncate) {
                throw new Errno("EISDIR", "illegal operation on a directory, '" + at.guest() + "'");
            }
            return register(new Handle(at.host(), null, true, false, false));
        }
        if ((flags & O_DIRECTORY) != 0) {
            throw new Errno("ENOTDIR", "not a directory, '" + at.guest() + "'");
        }
        if (access != 0 || truncate || !exists) {
            writable(at);
        }
        if (!exists) {
            Files.createFile(at.host(), permissions(at.host(), mode & 0777));
        }
        Set<OpenOption> options = new HashSet<>();
        if (access != O_WRONLY) {
            options.add(StandardOpenOption.READ);
        }
        if (access != 0) {
            options.add(StandardOpenOption.WRITE);
        }
        FileChannel channel = FileChannel.open(at.host(), options);
        if (truncate) {
            try (FileChannel writer = access != 0 ? null : FileChannel.open(at.host(), StandardOpenOption.WRITE)) {
                (writer == null ? channel : writer).truncate(0);
            }
        }
        return register(new Handle(at.host(), channel, access != O_WRONLY, access != 0, (flags & O_APPEND) != 0));
    }

    /** Gives a handle the lowest free descriptor from 3 up, as an operating system would. */
    private int register(Handle h) {
        int fd = 3;
        while (handles.containsKey(fd)) {
            fd++;
        }
        handles.put(fd, h);
        return fd;
    }

    private Object close(Object[] args) throws Errno, IOException {
        Handle h = handle(args, 0);
        handles.remove((int) number(args, 0));
        if (h.channel() != null) {
            h.channel().close();
        }
        return Undefined.instance;
    }

    private Object fsync(Object[] args) throws Errno, IOException {
        if (standardStream(args)) {
            return Undefined.instance;
        }
        Handle h = handle(args, 0);
        if (h.channel() != null && h.writable()) {
            h.channel().force(true);
        }
        return Undefined.instance;
    }

    private Object read(Object[] args) throws Errno, IOException {
        FileChannel channel = channelOf(handle(args, 0), false);
        NativeArrayBufferView buf = bytes(args, 1);
        ByteBuffer target = slice(buf, args);
        Object position = args.length > 5 ? args[4] : null;
        int n = position instanceof Number p ? channel.read(target, p.longValue()) : channel.read(target);
        return Math.max(n, 0);
    }

    private Object write(Object[] args) throws Errno, IOException {
        NativeArrayBufferView buf = bytes(args, 1);
        ByteBuffer source = slice(buf, args);
        int length = source.remaining();
        int fd = (int) number(args, 0);
        if (fd == 1 || fd == 2) {
            world.write(fd, source.array(), source.arrayOffset() + source.position(), length);
            return length;
        }
        Handle h = handle(args, 0);
        FileChannel channel = channelOf(h, true);
        Object position = args.length > 5 ? args[4] : null;
        if (h.append()) {
            writeFully(channel, source, channel.size());
        } else if (position instanceof Number p) {
            writeFully(channel, source, p.longValue());
        } else {
            while (source.hasRemaining()) {
                channel.write(source);
            }
        }
        return length;
    }

    private static void writeFully(FileChannel channel, ByteBuffer source, long at) throws IOException {
        while (source.hasRemaining()) {
            at += channel.write(source, at);
        }
    }

    /** The {@code (offset, length)} part of {@code buf} named by arguments 2 and 3. */
    private static ByteBuffer slice(NativeArrayBufferView buf, Object[] args) throws Errno {
        int offset = args.length > 3 && args[2] instanceof Number n ? n.intValue() : 0;
        int length = args.length > 4 && args[3] instanceof Number n ? n.intValue() : buf.getByteLength() - offset;
        if (offset < 0 || length < 0 || (long) offset + length > buf.getByteLength()) {
            throw new Errno("EINVAL", "offset " + offset + " and length " + length + " do not fit a buffer of "
                    + buf.getByteLength() + " bytes");
        }
        return ByteBuffer.wrap(buf.getBuffer().getBuffer(), buf.getByteOffset() + offset, length);
    }

    private static NativeArrayBufferView bytes(Object[] args, int index) {
        if (args.length <= index || !(args[index] instanceof NativeArrayBufferView view)) {
            throw ScriptRuntime.typeError("fs: expected a Uint8Array");
        }
        return view;
    }

    private static Object truncate(FileChannel channel, long length) throws IOException {
        long size = channel.size();
        if (length < size) {
            channel.truncate(length);
        } else if (length > size) {
            channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
        }
        return Undefined.instance;
    }

    // --- folders and names ---------------------------------------------------------------------

    private Object readdir(Object[] args) throws Errno, IOException {
        Located at = locate(args, 0, true);
        List<Object> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(at.host())) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return world.cx().newArray(world.global(), names.toArray());
    }

    private Object mkdir(Object[] args) throws Errno, IOException {
        Located at = writable(locate(args, 0, false));
        int mode = args.length > 2 && args[1] instanceof Number n ? n.intValue() : 0777;
        Files.createDirectory(at.host(), permissions(at.host(), mode & 0777));
        return Undefined.instance;
    }

    private Object unlink(Object[] args) throws Errno, IOException {
        Located at = changeable(locate(args, 0, false));
        if (Files.isDirectory(at.host(), LinkOption.NOFOLLOW_LINKS)) {
            throw new Errno("EISDIR", "illegal operation on a directory, unlink '" + at.guest() + "'");
        }
        Files.delete(at.host());
        return Undefined.instance;
    }

    private Object rmdir(Object[] args) throws Errno, IOException {
        Located at = changeable(locate(args, 0, false));
        if (Files.exists(at.host(), LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(at.host(), LinkOption.NOFOLLOW_LINKS)) {
            throw new Errno("ENOTDIR", "not a directory, rmdir '" + at.guest() + "'");
        }
        Files.delete(at.host());
        return Undefined.instance;
    }

    private Object rename(Object[] args) throws Errno, IOException {
        Located from = changeable(locate(args, 0, false));
        Located to = changeable(locate(args, 1, false));
        if (from.mount() != to.mount()) {
            throw new Errno("EXDEV", "cross-device link not permitted, rename '" + from.guest() + "' -> '" + to.guest() + "'");
        }
        // An atomic move is rename(2): it replaces a file or an empty folder, as node's rename does.
        Files.move(from.host(), to.host(), StandardCopyOption.ATOMIC_MOVE);
        return Undefined.instance;
    }

    private Object utimes(Object[] args) throws Errno, IOException {
        Located at = writable(locate(args, 0, true));
        FileTime atime = FileTime.fromMillis((long) (number(args, 1) * 1000));
        FileTime mtime = FileTime.fromMillis((long) (number(args, 2) * 1000));
        Files.getFileAttributeView(at.host(), BasicFileAttributeView.class).setTimes(mtime, atime, null);
        return Undefined.instance;
    }

    private Object readlink(Object[] args) throws Errno, IOException {
        Located at = locate(args, 0, false);
        if (!Files.isSymbolicLink(at.host())) {
            throw new Errno("EINVAL", "invalid argument: not a symbolic link, '" + at.guest() + "'");
        }
        Path target = Files.readSymbolicLink(at.host());
        if (!target.isAbsolute()) {
            return target.toString();
        }
        // An absolute target is a host path: show it in the guest's view, or not at all.
        String guest = files.guestPathOf(target.normalize());
        if (guest == null) {
            throw new Errno("EACCES", "permission denied: the link '" + at.guest() + "' leads out of the granted folder");
        }
        return guest;
    }

    private static Object chmod(Path host, int mode) throws IOException {
        if (Files.getFileStore(host).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(host, posix(mode & 0777));
        }
        return Undefined.instance;
    }

    private static FileAttribute<?>[] permissions(Path host, int mode) {
        if (!host.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(posix(mode & ~UMASK))};
    }

    private static Set<PosixFilePermission> posix(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    // --- stats ---------------------------------------------------------------------------------

    private Scriptable stats(Handle h) throws IOException {
        return stats(h.host(), true);
    }

    /** A node {@code fs.Stats}: the numbers Go's {@code setStat} reads and the {@code is*} methods. */
    private Scriptable stats(Path host, boolean follow) throws IOException {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        BasicFileAttributes basic = Files.readAttributes(host, BasicFileAttributes.class, options);
        Map<String, Object> unix = null;
        if (host.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            unix = Files.readAttributes(host, "unix:dev,ino,mode,nlink,uid,gid,rdev,ctime", options);
        }
        int type = basic.isDirectory() ? S_IFDIR : basic.isSymbolicLink() ? S_IFLNK : S_IFREG;
        int mode = unix != null ? (Integer) unix.get("mode") : type | (basic.isDirectory() ? 0555 : 0444);
        long size = basic.size();
        Scriptable st = world.newObject();
        put(st, "dev", unix != null ? (Long) unix.get("dev") : 0);
        put(st, "ino", unix != null ? (Long) unix.get("ino") : Math.abs((long) host.hashCode()));
        put(st, "mode", mode);
        put(st, "nlink", unix != null ? (Integer) unix.get("nlink") : 1);
        put(st, "uid", unix != null ? (Integer) unix.get("uid") : 0);
        put(st, "gid", unix != null ? (Integer) unix.get("gid") : 0);
        put(st, "rdev", unix != null ? (Long) unix.get("rdev") : 0);
        put(st, "size", size);
        put(st, "blksize", 4096);
        put(st, "blocks", (size + 511) / 512);
        put(st, "atimeMs", basic.lastAccessTime().toMillis());
        put(st, "mtimeMs", basic.lastModifiedTime().toMillis());
        put(st, "ctimeMs", unix != null ? ((FileTime) unix.get("ctime")).toMillis() : basic.lastModifiedTime().toMillis());
        typeTests(st, mode);
        return st;
    }

    private void typeTests(Scriptable st, int mode) {
        int type = mode & S_IFMT;
        ScriptableObject.putProperty(st, "isDirectory", world.function("isDirectory", 0, (c, s, t, a) -> type == S_IFDIR));
        ScriptableObject.putProperty(st, "isFile", world.function("isFile", 0, (c, s, t, a) -> type == S_IFREG));
        ScriptableObject.putProperty(st, "isSymbolicLink", world.function("isSymbolicLink", 0,
                (c, s, t, a) -> type == S_IFLNK));
        ScriptableObject.putProperty(st, "isCharacterDevice", world.function("isCharacterDevice", 0,
                (c, s, t, a) -> type == S_IFCHR));
    }

    private static void put(Scriptable target, String name, long value) {
        ScriptableObject.putProperty(target, name, (double) value);
    }

    private static double number(Object[] args, int index) {
        return ScriptRuntime.toNumber(args.length > index ? args[index] : Undefined.instance);
    }

    /** Closes what the guest left open. */
    @Override
    public void close() {
        for (Handle h : handles.values()) {
            if (h.channel() != null) {
                try {
                    h.channel().close();
                } catch (IOException ignored) {
                    // Closing a read or an abandoned write; nothing to report to anyone.
                }
            }
        }
        handles.clear();
    }
}
