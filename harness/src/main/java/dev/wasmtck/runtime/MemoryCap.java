package dev.wasmtck.runtime;

import org.apiguardian.api.API;
import dev.wasmtck.runtime.GuestFault;
import dev.wasmtck.runtime.GuestFault.Kind;
import dev.wasmtck.runtime.Limits;
import dev.wasmtck.module.ModuleShape;
import dev.wasmtck.module.ModuleShape.MemoryLimits;

/** Memory bounds of one instance: the module's declared initial and maximum sizes and the case's limit. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MemoryCap(int initialPages, int declaredMaxPages, int casePages) {

    /** The memory bounds an instance of {@code module} gets under {@code limits}: the module's own, capped by the case. */
    public static MemoryCap of(ModuleShape module, Limits limits) {
        MemoryLimits declared = module.definedMemory().orElse(new MemoryLimits(0, ModuleShape.MAX_PAGES));
        return new MemoryCap(declared.initialPages(), declared.maximumPages(), limits.maxMemoryPages());
    }

    /** The maximum the instance gets: the module's own maximum or the case's, whichever is lower. */
    public int effectiveMaxPages() {
        return Math.max(initialPages, Math.min(declaredMaxPages, casePages));
    }

    /** Whether the case, not the module, sets the maximum. */
    public boolean caseBinds() {
        return casePages < declaredMaxPages;
    }

    /** True when {@code memory} sits at the case's cap, which the module itself would have allowed it to pass. */
    public boolean atCaseLimit(LinearMemory memory) {
        return caseBinds() && memory != null && memory.pages() >= effectiveMaxPages();
    }

    /**
     * The maximum {@code maxPages} lowered to what a runtime's memory can hold ({@code runtimeMaxPages});
     * a module whose initial memory alone exceeds that is refused (kind {@code memory-limit}).
     */
    public static int withinRuntime(String module, String runtime, int initialPages, int maxPages, int runtimeMaxPages)
            throws GuestFault {
        if (initialPages > runtimeMaxPages) {
            throw new GuestFault(Kind.MEMORY_LIMIT, module + " declares an initial memory of " + describe(initialPages)
                    + ", more than " + runtime + "'s memory can hold (" + describe(runtimeMaxPages) + ")");
        }
        return Math.min(maxPages, runtimeMaxPages);
    }

    /** "16 pages (1 MiB)". */
    public static String describe(int pages) {
        long bytes = (long) pages * LinearMemory.PAGE_SIZE;
        String size = bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
        return pages + (pages == 1 ? " page" : " pages") + " (" + size + ")";
    }
}
