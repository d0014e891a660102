// Guest json: encoding/json in both directions.
//   - With an argument, decodes args[1] as a JSON document into an interface{} value and
//     prints its canonical encoding (map keys sorted, no spaces) on the line "canonical: ...".
//     When the document is an object with "name" (string) and "tags" (array of strings), it
//     also round-trips it through the struct Item and prints "item: ...". Invalid JSON prints
//     "error: <decoder message>" to stderr and exits 1.
//   - Registers the global jsonRoundTrip(string) string: canonical form of the argument, or
//     "error: <message>" when it is not JSON. Then blocks forever (select {}) so a host can call
//     it; under a runner that waits for the event loop this ends in Go's deadlock report.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"syscall/js"
)

// Item is the struct the document is round-tripped through when it fits.
type Item struct {
	Name  string   `json:"name"`
	Tags  []string `json:"tags"`
	Count int      `json:"count,omitempty"`
}

func canonical(doc string) (string, error) {
	var v interface{}
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return "", err
	}
	out, err := json.Marshal(v) // maps are encoded with sorted keys
	if err != nil {
		return "", err
	}
	return string(out), nil
}

func main() {
	js.Global().Set("jsonRoundTrip", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return "error: jsonRoundTrip expects one string"
		}
		c, err := canonical(args[0].String())
		if err != nil {
			return "error: " + err.Error()
		}
		return c
	}))
	if len(os.Args) > 1 {
		c, err := canonical(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		fmt.Println("canonical:", c)
		var it Item
		if json.Unmarshal([]byte(os.Args[1]), &it) == nil && it.Name != "" {
			b, _ := json.Marshal(it)
			fmt.Println("item:", string(b))
		}
	}
	fmt.Println("json: ready")
	select {}
}
