// Guest files: exercises the file system a host grants, one command per argument.
//
//	cat:PATH   prints the file's content, or "cat PATH: <error>"
//	ls:PATH    prints the names in a folder, [comma-separated], or the error
//	write:PATH writes "written" to PATH, reads it back and removes it; prints the outcome
//	temp       creates a file in os.TempDir(), writes, reads back, removes it, and prints "temp ok"
//	cwd        prints the working directory, or the error
//
// Errors print the errno's text only (the part after the last ": "), so the output does not
// depend on the Go line.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

func main() {
	for _, arg := range os.Args[1:] {
		cmd, path, _ := strings.Cut(arg, ":")
		switch cmd {
		case "cat":
			b, err := os.ReadFile(path)
			report(arg, string(b), err)
		case "ls":
			entries, err := os.ReadDir(path)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			report(arg, "["+strings.Join(names, ",")+"]", err)
		case "write":
			report(arg, "written", writeBack(path))
		case "temp":
			f, err := os.CreateTemp("", "guest-*.txt")
			if err == nil {
				f.Close()
				err = writeBack(f.Name())
			}
			report(arg, "temp ok", err)
		case "cwd":
			dir, err := os.Getwd()
			report(arg, dir, err)
		default:
			fmt.Println("unknown command", arg)
			os.Exit(2)
		}
	}
}

func writeBack(path string) error {
	if err := os.WriteFile(path, []byte("written"), 0o644); err != nil {
		return err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if string(b) != "written" {
		return fmt.Errorf("read back %q", b)
	}
	return os.Remove(path)
}

func report(arg, result string, err error) {
	if err == nil {
		fmt.Printf("%s = %s\n", arg, result)
		return
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		fmt.Printf("%s: %s\n", arg, errno.Error())
	} else if errors.Is(err, fs.ErrNotExist) {
		fmt.Printf("%s: not found\n", arg)
	} else {
		fmt.Printf("%s: %v\n", arg, err)
	}
}
