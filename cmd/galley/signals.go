package main

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
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

// pathList is a flag that may be repeated, each value a list of paths
// separated by the system's list separator.
type pathList []string

func (p *pathList) String() string { return strings.Join(*p, string(filepath.ListSeparator)) }

func (p *pathList) Set(v string) error {
	for _, s := range filepath.SplitList(v) {
		if s != "" {
			*p = append(*p, s)
		}
	}
	return nil
}
