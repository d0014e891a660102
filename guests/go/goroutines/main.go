// Guest goroutines: the Go scheduler on js/wasm, which parks on host timers.
// Three goroutines sleep 30, 10 and 20 ms and report on one channel, so they print in wake
// order (10, 20, 30); a time.Ticker ticks 3 times at 5 ms; a sync.WaitGroup joins them.
// Finally it checks that at least 30 ms passed ("elapsed >= 30ms: true") and exits 0.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	woke := make(chan int)
	var wg sync.WaitGroup
	for _, ms := range []int{30, 10, 20} {
		wg.Add(1)
		go func(ms int) {
			defer wg.Done()
			time.Sleep(time.Duration(ms) * time.Millisecond)
			woke <- ms
		}(ms)
	}
	for i := 0; i < 3; i++ {
		fmt.Printf("woke after %dms\n", <-woke)
	}
	wg.Wait()
	fmt.Println("all sleepers done")

	ticker := time.NewTicker(5 * time.Millisecond)
	for i := 1; i <= 3; i++ {
		<-ticker.C
		fmt.Printf("tick %d\n", i)
	}
	ticker.Stop()

	elapsed := time.Since(start)
	fmt.Printf("elapsed >= 30ms: %v\n", elapsed >= 30*time.Millisecond)
	fmt.Printf("elapsed >= 45ms: %v\n", elapsed >= 45*time.Millisecond)
}
