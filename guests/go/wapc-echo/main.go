// Guest wapc-echo: the shared waPC operation set (docs/guests.md, "waPC guests", implemented in
// ../wapcops) in standard Go on wasm-tck's own waPC library (../wapc). Built as a WASI reactor:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared
//
// so it exports _initialize (the host calls it once; it runs init below, including the host call
// that "init-calls" reports) and __guest_call; main is never run.
package main

import (
	"wasm-tck.dev/guests/go/wapc"
	"wasm-tck.dev/guests/go/wapcops"
)

func init() {
	host := wapcops.Host{Call: wapc.HostCall, Log: wapc.ConsoleLog, GuestError: wapc.GuestError}
	for name, fn := range wapcops.Operations(host, wapcops.InitCall(host)) {
		wapc.RegisterFunction(name, fn)
	}
}

func main() {}
