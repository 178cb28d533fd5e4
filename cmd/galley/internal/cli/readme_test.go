package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/galley-pub/galley/export"
)

const repoRoot = "../../../.."

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestREADMEFacts: the README's Go versions are go.mod's (its least, and
// the toolchain galley is built with), its install line
// names every package .ci/run installs, and its tables have no blank line
// inside (GitHub would end the table there).
func TestREADMEFacts(t *testing.T) {
	readme, gomod, ci := readRepoFile(t, "README.md"), readRepoFile(t, "go.mod"), readRepoFile(t, ".ci/run")
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(gomod)[1]
	if !strings.Contains(readme, "Go "+goVersion+" or newer") {
		t.Errorf("README does not give go.mod's Go version %s", goVersion)
	}
	if m := regexp.MustCompile(`(?m)^toolchain go(\S+)$`).FindStringSubmatch(gomod); m == nil {
		t.Error("go.mod has no toolchain line")
	} else if !strings.Contains(readme, "built and tested with Go "+m[1]) || !strings.Contains(readme, "GOTOOLCHAIN=go"+m[1]) {
		t.Errorf("README does not give go.mod's toolchain, Go %s", m[1])
	}
	_, tools, _ := strings.Cut(readme, "<!-- tools:begin -->")
	tools, _, _ = strings.Cut(tools, "<!-- tools:end -->")
	var pkgs []string
	for _, m := range regexp.MustCompile(`need="\$need (\S+)"`).FindAllStringSubmatch(ci, -1) {
		pkgs = append(pkgs, m[1])
	}
	pkgs = append(pkgs, "default-jre-headless", "chromium", "@daisy/ace")
	for _, p := range pkgs {
		if !regexp.MustCompile(`[ /]` + regexp.QuoteMeta(p) + `[ \n]`).MatchString(tools) {
			t.Errorf("README's install line lacks %s, which .ci/run installs", p)
		}
	}
	lines := strings.Split(readme, "\n")
	for i := 1; i+1 < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "" && strings.HasPrefix(lines[i-1], "|") && strings.HasPrefix(lines[i+1], "|") {
			t.Errorf("README line %d: a blank line inside a table", i+1)
		}
	}
}

// TestREADMEActionsRecipe runs the README's GitHub Actions recipe the way
// a runner would: its run step in bash from the repository's root with
// CI=true, then the upload step's paths must match what was written.
func TestREADMEActionsRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every handout and the sample book")
	}
	readme := readRepoFile(t, "README.md")
	i := strings.Index(readme, "```yaml\n# .github/workflows/")
	if i < 0 {
		t.Fatal("README has no GitHub Actions recipe")
	}
	block, _, _ := strings.Cut(readme[i+len("```yaml\n"):], "```")
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(block), &wf); err != nil {
		t.Fatalf("the recipe is not YAML: %v", err)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	if err := exec.Command("git", "-C", repoRoot, "log", "-1").Run(); err != nil {
		t.Skip("not a git checkout")
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(readRepoFile(t, "go.mod"))[1]
	ran, uploaded := 0, 0
	for _, job := range wf.Jobs {
		for _, st := range job.Steps {
			switch {
			case strings.HasPrefix(st.Uses, "actions/setup-go@"):
				if st.With["go-version"] != goVersion {
					t.Errorf("setup-go's go-version %q, want go.mod's %s", st.With["go-version"], goVersion)
				}
			case st.Run != "":
				cmd := exec.Command("bash", "-eo", "pipefail", "-c", st.Run)
				cmd.Dir = repoRoot
				cmd.Env = append(os.Environ(), "CI=true")
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("run step: %v\n%s", err, out)
				}
				ran++
			case strings.HasPrefix(st.Uses, "actions/upload-artifact@"):
				for _, p := range strings.Fields(st.With["path"]) {
					if m, _ := filepath.Glob(filepath.Join(repoRoot, p)); len(m) == 0 {
						t.Errorf("upload path %s matches nothing", p)
					}
					uploaded++
				}
			}
		}
	}
	if ran == 0 || uploaded == 0 {
		t.Fatalf("ran %d steps, checked %d upload paths", ran, uploaded)
	}
	var m export.Manifest
	if err := json.Unmarshal([]byte(readRepoFile(t, "out/manifest.json")), &m); err != nil || m.Totals.Errors != 0 || m.Totals.Artifacts < 4 {
		t.Errorf("manifest: %v %+v", err, m.Totals)
	}
}
