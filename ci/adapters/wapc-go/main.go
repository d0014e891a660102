// Command wapc-go-adapter serves the wasm-tck host protocol (docs/host-protocol.md) with wapc-go
// v0.7.0 on its wazero engine, configured as wapc-go configures it by default. It reports what
// wapc-go does without correcting it: the result and error texts are the library's own.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/vmihailenco/msgpack/v5"
	"github.com/wapc/wapc-go"
	"github.com/wapc/wapc-go/engines/wazero"
)

type frame map[string]interface{}

var (
	in  = bufio.NewReader(os.Stdin)
	out = bufio.NewWriter(os.Stdout)
	// The current call's captured output; wapc-go writes the guest's WASI stdout and stderr here.
	stdout, stderr bytes.Buffer
)

func readFrame() (frame, error) {
	var head [4]byte
	if _, err := io.ReadFull(in, head[:]); err != nil {
		return nil, err
	}
	body := make([]byte, binary.BigEndian.Uint32(head[:]))
	if _, err := io.ReadFull(in, body); err != nil {
		return nil, err
	}
	var f frame
	if err := msgpack.Unmarshal(body, &f); err != nil {
		return nil, fmt.Errorf("a frame that is not a MessagePack map: %w", err)
	}
	return f, nil
}

func writeFrame(f frame) {
	body, err := msgpack.Marshal(f)
	if err != nil {
		panic(err)
	}
	var head [4]byte
	binary.BigEndian.PutUint32(head[:], uint32(len(body)))
	out.Write(head[:])
	out.Write(body)
	if err := out.Flush(); err != nil {
		os.Exit(1)
	}
}

func text(f frame, key string) string {
	s, _ := f[key].(string)
	return s
}

func binary_(f frame, key string) []byte {
	switch v := f[key].(type) {
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return []byte{}
}

// hostCall asks the kit, which answers from the case's handlers; an error answer becomes the error
// the handler returns, as an application's handler would.
func hostCall(_ context.Context, binding, namespace, operation string, payload []byte) ([]byte, error) {
	writeFrame(frame{"type": "callback", "kind": "host-call", "binding": binding, "namespace": namespace,
		"operation": operation, "payload": payload})
	answer, err := readFrame()
	if err != nil || text(answer, "type") != "callback-result" {
		fmt.Fprintln(os.Stderr, "wapc-go adapter: the kit did not answer a host call:", err)
		os.Exit(70)
	}
	if e, ok := answer["error"].(string); ok {
		return nil, errors.New(e)
	}
	return binary_(answer, "response"), nil
}

func result(output []byte, kind, message string) frame {
	r := frame{"type": "result", "stdout": stdout.String(), "stderr": stderr.String()}
	if kind != "" {
		r["fault"] = frame{"kind": kind, "message": message}
	} else {
		r["output"] = output
	}
	return r
}

func call(ctx context.Context, module wapc.Module, f frame) frame {
	stdout.Reset()
	stderr.Reset()
	instance, err := module.Instantiate(ctx)
	if err != nil {
		// wapc-go wraps a failing _start or wapc_init as "error calling ..."; anything else is linking.
		if strings.HasPrefix(err.Error(), "error calling ") {
			return result(nil, "trap", err.Error())
		}
		return result(nil, "link", err.Error())
	}
	defer instance.Close(ctx)
	output, err := instance.Invoke(ctx, text(f, "function"), binary_(f, "input"))
	if err != nil {
		// wapc-go: a trap comes back wrapped as "error invoking guest: ...", a guest error or an
		// unsuccessful call as a plain error.
		if strings.HasPrefix(err.Error(), "error invoking guest: ") {
			return result(nil, "trap", err.Error())
		}
		return result(nil, "guest-error", err.Error())
	}
	// wapc-go hands back a view of the guest's memory, valid only while the instance lives: copy it
	// before the deferred Close, as an application must.
	return result(append([]byte{}, output...), "", "")
}

func version(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == path {
				return d.Version
			}
		}
	}
	return "unknown"
}

func main() {
	ctx := context.Background()
	engine := wazero.Engine()
	modules := map[int64]wapc.Module{}
	writeFrame(frame{"type": "hello", "protocol": 1,
		"host":    frame{"name": "wapc-go", "version": version("github.com/wapc/wapc-go")},
		"runtime": frame{"name": "wazero", "version": version("github.com/tetratelabs/wazero")},
		"abis":    []string{"wapc"},
		// wapc-go's default engine neither stops a running guest nor caps its memory.
		"capabilities": []string{}})
	for {
		f, err := readFrame()
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "wapc-go adapter:", err)
			os.Exit(70)
		}
		id, _ := msgpackInt(f["module"])
		switch text(f, "type") {
		case "load":
			module, err := engine.New(ctx, hostCall, binary_(f, "wasm"), &wapc.ModuleConfig{
				Logger: func(msg string) { stdout.WriteString(msg + "\n") },
				Stdout: &stdout, Stderr: &stderr,
			})
			if err != nil {
				writeFrame(frame{"type": "load-failed", "module": id, "message": err.Error()})
				continue
			}
			modules[id] = module
			writeFrame(frame{"type": "loaded", "module": id})
		case "call":
			module, ok := modules[id]
			if !ok {
				writeFrame(frame{"type": "error", "message": "call of a module that was never loaded"})
				continue
			}
			writeFrame(call(ctx, module, f))
		default:
			writeFrame(frame{"type": "error", "message": "unexpected frame '" + text(f, "type") + "'"})
		}
	}
}

func msgpackInt(v interface{}) (int64, bool) {
	switch n := v.(type) {
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint64:
		return int64(n), true
	}
	return 0, false
}
