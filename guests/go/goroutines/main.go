// Guest goroutines: the Go scheduler on js/wasm, which parks on host timers.
// Three goroutines sleep 150, 50 and 100 ms and report on one channel, so they print in wake
// order (50, 100, 150); a sync.WaitGroup joins them; a time.Ticker ticks 3 times at 10 ms.
// Finally it checks that at least 150 ms (sleeps) and 180 ms (plus ticks) passed and exits 0.
// The delays are 50 ms apart because Go 1.19's runtime under node sometimes wakes sleepers
// that are only 10 ms apart together, in any order.
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
	for _, ms := range []int{150, 50, 100} {
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

	ticker := time.NewTicker(10 * time.Millisecond)
	for i := 1; i <= 3; i++ {
		<-ticker.C
		fmt.Printf("tick %d\n", i)
	}
	ticker.Stop()

	elapsed := time.Since(start)
	fmt.Printf("elapsed >= 150ms: %v\n", elapsed >= 150*time.Millisecond)
	fmt.Printf("elapsed >= 180ms: %v\n", elapsed >= 180*time.Millisecond)
}
