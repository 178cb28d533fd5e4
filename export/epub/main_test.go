package epub

import (
	"os"
	"testing"

	"github.com/galley-pub/galley/internal/validate"
)

// TestMain runs the tests with EPUBCheck's virtual machine started
// before them: they check their books with it.
func TestMain(m *testing.M) { os.Exit(validate.RunWithEPUBCheck(m)) }
