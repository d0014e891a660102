package main

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
)

// capture is one call's stdout and stderr. wapc-go's logger and wazero's WASI writers are one per
// module and get no context, so a write cannot say which of several concurrent calls made it; but
// both run on the goroutine that invoked the guest, so writes are told apart by goroutine.
type capture struct {
	goroutine      uint64
	stdout, stderr bytes.Buffer
}

var (
	capturesMu sync.Mutex
	captures   = map[uint64]*capture{}
)

// goroutineID reads the current goroutine's number from the first line of its stack trace,
// "goroutine N [...]": Go offers it no other way.
func goroutineID() uint64 {
	var buf [64]byte
	line := buf[:runtime.Stack(buf[:], false)]
	line = bytes.TrimPrefix(line, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(line[:bytes.IndexByte(line, ' ')]), 10, 64)
	return id
}

// capturing starts capturing what the guest writes on this goroutine until done.
func capturing() *capture {
	c := &capture{goroutine: goroutineID()}
	capturesMu.Lock()
	captures[c.goroutine] = c
	capturesMu.Unlock()
	return c
}

func (c *capture) done() {
	capturesMu.Lock()
	delete(captures, c.goroutine)
	capturesMu.Unlock()
}

// stream writes to the stdout or stderr of the call running on the writing goroutine, if any.
type stream bool

const (
	toStdout stream = false
	toStderr stream = true
)

func (s stream) Write(p []byte) (int, error) {
	capturesMu.Lock()
	c := captures[goroutineID()]
	capturesMu.Unlock()
	if c != nil {
		if s == toStderr {
			c.stderr.Write(p)
		} else {
			c.stdout.Write(p)
		}
	}
	return len(p), nil
}
