package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// interruptible returns a context cancelled by SIGINT or SIGTERM. A build
// in progress then stops at its next block, page or chapter, before its
// next artifact is renamed into place, and removes its temporary files:
// no partial artifact is left, and the artifacts of earlier inputs are
// complete. A second signal is not absorbed: it ends the process at once,
// as signals do by default.
func interruptible() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // the default behaviour again, for the next signal
	}()
	return ctx, stop
}
