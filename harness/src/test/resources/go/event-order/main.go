package main

import (
	"fmt"
	"syscall/js"
	"time"
)

func writeCallsBackAtOnce() bool {
	called := false
	cb := js.FuncOf(func(this js.Value, args []js.Value) any { called = true; return nil })
	js.Global().Get("fs").Call("write", 1, js.Global().Get("Uint8Array").New(0), 0, 0, nil, cb)
	return called
}

func main() {
	fmt.Println("before the first pause:", writeCallsBackAtOnce())
	time.Sleep(time.Millisecond)
	fmt.Println("inside an event:", writeCallsBackAtOnce())
}
