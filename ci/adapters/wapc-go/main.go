// Command wapc-go-adapter serves the wasm-tck host protocol (docs/host-protocol.md) with wapc-go
// v0.7.0 on its wazero engine, configured as wapc-go configures it by default. It reports what
// wapc-go does without correcting it: the result and error texts are the library's own.
package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vmihailenco/msgpack/v5"
	"github.com/wapc/wapc-go"
	"github.com/wapc/wapc-go/engines/wazero"
)

type frame map[string]interface{}

var (
	in = bufio.NewReader(os.Stdin)
	// Pool calls answer from goroutines of their own: one frame is written at a time.
	outMu sync.Mutex
	out   = bufio.NewWriter(os.Stdout)
	// The callbacks awaiting the kit's answer, by callback id; the reader goroutine hands each answer over.
	answersMu   sync.Mutex
	answers     = map[int64]chan frame{}
	callbackIDs atomic.Int64
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
	outMu.Lock()
	defer outMu.Unlock()
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

// route hands a callback-result to the host call waiting for it.
func route(answer frame) {
	id, _ := msgpackInt(answer["callback"])
	answersMu.Lock()
	waiting, ok := answers[id]
	answersMu.Unlock()
	if !ok {
		writeFrame(frame{"type": "error", "message": "a callback-result for no callback in flight"})
		return
	}
	waiting <- answer
}

// The pool call a context belongs to: wapc-go hands the context of Invoke to the host call handler.
type callKey struct{}

// hostCall asks the kit, which answers from the case's handlers; an error answer becomes the error
// the handler returns, as an application's handler would. A host call of a pool call names its call;
// one made while wapc-go set up a pool's instances has none, and the kit answers it with the pool's
// handlers.
func hostCall(ctx context.Context, binding, namespace, operation string, payload []byte) ([]byte, error) {
	id := callbackIDs.Add(1)
	waiting := make(chan frame, 1)
	answersMu.Lock()
	answers[id] = waiting
	answersMu.Unlock()
	defer func() {
		answersMu.Lock()
		delete(answers, id)
		answersMu.Unlock()
	}()
	callback := frame{"type": "callback", "kind": "host-call", "callback": id, "binding": binding,
		"namespace": namespace, "operation": operation, "payload": payload}
	if call, ok := ctx.Value(callKey{}).(int64); ok {
		callback["call"] = call
	}
	writeFrame(callback)
	answer := <-waiting
	if e, ok := answer["error"].(string); ok {
		return nil, errors.New(e)
	}
	return binary_(answer, "response"), nil
}

func result(c *capture, output []byte, kind, message string) frame {
	r := frame{"type": "result", "stdout": c.stdout.String(), "stderr": c.stderr.String()}
	if kind != "" {
		r["fault"] = frame{"kind": kind, "message": message}
	} else {
		r["output"] = output
	}
	return r
}

// instantiationFault tells wapc-go's errors when instantiating: it wraps a failing _start or wapc_init
// as "error calling ..."; anything else is linking.
func instantiationFault(c *capture, err error) frame {
	if strings.HasPrefix(err.Error(), "error calling ") {
		return result(c, nil, "trap", err.Error())
	}
	return result(c, nil, "link", err.Error())
}

// invoke makes one call on an instance. wapc-go hands back a view of the guest's memory, valid only
// until the instance is closed or called again: the output is copied, as an application must.
func invoke(ctx context.Context, c *capture, instance wapc.Instance, f frame) frame {
	output, err := instance.Invoke(ctx, text(f, "function"), binary_(f, "input"))
	if err != nil {
		// wapc-go: a trap comes back wrapped as "error invoking guest: ...", a guest error or an
		// unsuccessful call as a plain error.
		if strings.HasPrefix(err.Error(), "error invoking guest: ") {
			return result(c, nil, "trap", err.Error())
		}
		return result(c, nil, "guest-error", err.Error())
	}
	return result(c, append([]byte{}, output...), "", "")
}

func call(ctx context.Context, module wapc.Module, f frame) frame {
	c := capturing()
	defer c.done()
	instance, err := module.Instantiate(ctx)
	if err != nil {
		return instantiationFault(c, err)
	}
	defer instance.Close(ctx)
	return invoke(ctx, c, instance, f)
}

// pool is a concurrent case's wapc.Pool, with what it did: instances created (wapc-go makes them all
// up front and never discards one) and the most calls holding an instance at once.
type pool struct {
	instances *wapc.Pool
	wait      time.Duration // how long a call waits for a free instance: the case's limit
	mu        sync.Mutex
	created   int
	busy      int
	peakBusy  int
}

func openPool(ctx context.Context, module wapc.Module, f frame) (*pool, frame) {
	size, _ := msgpackInt(f["size"])
	limits, _ := f["limits"].(map[string]interface{})
	ms, ok := msgpackInt(limits["timeout-ms"])
	if !ok {
		ms = 30000
	}
	p := &pool{wait: time.Duration(ms) * time.Millisecond}
	c := capturing() // what the guest prints while its instances start is no call's output
	defer c.done()
	instances, err := wapc.NewPool(ctx, module, uint64(size), func(wapc.Instance) error {
		p.created++
		return nil
	})
	if err != nil {
		return nil, instantiationFault(c, err)
	}
	p.instances = instances
	return p, nil
}

// call serves one pool-call on its own goroutine, as an application's request handler would: take an
// instance, invoke, give it back (wapc-go's pool takes back whatever it lent, a trapped instance too).
func (p *pool) call(ctx context.Context, id int64, f frame) {
	c := capturing()
	defer c.done()
	ctx = context.WithValue(ctx, callKey{}, id)
	var r frame
	instance, err := p.instances.Get(p.wait)
	if err != nil {
		r = result(c, nil, "timeout", err.Error())
	} else {
		p.mu.Lock()
		p.busy++
		p.peakBusy = max(p.peakBusy, p.busy)
		p.mu.Unlock()
		r = invoke(ctx, c, instance, f)
		p.mu.Lock()
		p.busy--
		p.mu.Unlock()
		if err := p.instances.Return(instance); err != nil {
			fmt.Fprintln(os.Stderr, "wapc-go adapter: could not return an instance to its pool:", err)
		}
	}
	r["call"] = id
	writeFrame(r)
}

func (p *pool) stats(id int64) frame {
	p.mu.Lock()
	defer p.mu.Unlock()
	return frame{"type": "pool-stats", "pool": id, "created": p.created, "discarded": 0, "peak-busy": p.peakBusy}
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
	pools := map[int64]*pool{}
	writeFrame(frame{"type": "hello", "protocol": 1,
		"host":    frame{"name": "wapc-go", "version": version("github.com/wapc/wapc-go")},
		"runtime": frame{"name": "wazero", "version": version("github.com/tetratelabs/wazero")},
		"abis":    []string{"wapc"},
		// wapc-go's default engine neither stops a running guest nor caps its memory; its pool serves
		// concurrent calls.
		"capabilities": []string{"wapc.concurrent"}})
	// One goroutine reads stdin: answers to callbacks go to the host call waiting for them (several may
	// wait at once during pool calls), every other frame to this loop.
	frames := make(chan frame)
	go func() {
		defer close(frames)
		for {
			f, err := readFrame()
			if err == io.EOF {
				return
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "wapc-go adapter:", err)
				os.Exit(70)
			}
			if text(f, "type") == "callback-result" {
				route(f)
			} else {
				frames <- f
			}
		}
	}()
	for f := range frames {
		id, _ := msgpackInt(f["module"])
		poolID, _ := msgpackInt(f["pool"])
		switch text(f, "type") {
		case "load":
			module, err := engine.New(ctx, hostCall, binary_(f, "wasm"), &wapc.ModuleConfig{
				Logger: func(msg string) { toStdout.Write([]byte(msg + "\n")) },
				Stdout: toStdout, Stderr: toStderr,
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
		case "pool-open":
			module, ok := modules[id]
			if !ok {
				writeFrame(frame{"type": "error", "message": "pool-open of a module that was never loaded"})
				continue
			}
			p, fault := openPool(ctx, module, f)
			if fault != nil {
				writeFrame(fault)
				continue
			}
			pools[poolID] = p
			writeFrame(frame{"type": "pool-opened", "pool": poolID})
		case "pool-call":
			p, ok := pools[poolID]
			if !ok {
				writeFrame(frame{"type": "error", "message": "a pool-call of a pool never opened"})
				continue
			}
			callID, _ := msgpackInt(f["call"])
			go p.call(ctx, callID, f)
		case "pool-stats":
			if p, ok := pools[poolID]; ok {
				writeFrame(p.stats(poolID))
			} else {
				writeFrame(frame{"type": "error", "message": "pool-stats of a pool never opened"})
			}
		case "pool-close":
			if p, ok := pools[poolID]; ok {
				p.instances.Close(ctx)
				delete(pools, poolID)
			}
			writeFrame(frame{"type": "pool-closed", "pool": poolID})
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
