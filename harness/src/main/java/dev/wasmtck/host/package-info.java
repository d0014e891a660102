/** The host SPI: a {@link dev.wasmtck.host.Host} runs guests of the ABIs it implements; hosts are found through {@link dev.wasmtck.host.HostProvider} (docs/host-spi.md). */
@NullMarked
package dev.wasmtck.host;

import org.jspecify.annotations.NullMarked;
