package epub

import (
	"os"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestMain starts EPUBCheck's virtual machine before the tests, which
// check their books with it (validate.StartEPUBCheck), and ends it after.
func TestMain(m *testing.M) {
	validate.StartEPUBCheck()
	code := m.Run()
	validate.StopEPUBCheck()
	os.Exit(code)
}
