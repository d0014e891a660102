// Smoke program for the toolchain image: uses syscall/js, fmt and encoding/json.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"
)

func main() {
	b, _ := json.Marshal(map[string]int{"answer": 42})
	fmt.Println(string(b), js.Global().Type())
}
