// Guest args-env: prints os.Args[1:] one per line as "arg[i]=<value>". An argument
// "env:NAME" also prints "NAME=<value>" (or "NAME unset" when the variable is absent).
// An argument "exit=N" makes the guest exit with code N after printing everything; the
// last such argument wins. Without one it exits 0 by returning from main.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

func main() {
	code := -1
	for i, a := range os.Args[1:] {
		fmt.Printf("arg[%d]=%s\n", i+1, a)
		if name := strings.TrimPrefix(a, "env:"); name != a {
			if v, ok := os.LookupEnv(name); ok {
				fmt.Printf("%s=%s\n", name, v)
			} else {
				fmt.Printf("%s unset\n", name)
			}
		}
		if n := strings.TrimPrefix(a, "exit="); n != a {
			c, err := strconv.Atoi(n)
			if err != nil {
				fmt.Fprintf(os.Stderr, "args-env: bad exit code %q\n", n)
				os.Exit(64)
			}
			code = c
		}
	}
	if code >= 0 {
		fmt.Fprintf(os.Stderr, "args-env: exiting with %d\n", code)
		os.Exit(code)
	}
}
