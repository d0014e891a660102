// Guest hello: the smallest Go js/wasm program. Prints "Hello, World!" to stdout and
// "hello: a line on stderr" to stderr, then returns from main (exit code 0).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("Hello, World!")
	fmt.Fprintln(os.Stderr, "hello: a line on stderr")
}
