package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// interruptible returns a context cancelled by SIGINT or SIGTERM. A build
// in progress then stops before its next artifact is renamed into place
// and removes its temporary files: no partial artifact is left, and the
// artifacts of earlier inputs are complete. Until stop is called, further
// signals are absorbed the same way.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
