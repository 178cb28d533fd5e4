package markdown

import (
	"os"
	"path/filepath"
	"testing"
)

// TestObsidianVault: a directory is in a vault when it, or one above it,
// holds .obsidian (a directory); a file of that name is no vault's.
func TestObsidianVault(t *testing.T) {
	root := t.TempDir()
	notes := filepath.Join(root, "vault", "lessons", "week 1")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	if ObsidianVault(notes) {
		t.Errorf("%s: a vault before .obsidian is made", notes)
	}
	if err := os.WriteFile(filepath.Join(root, "vault", "lessons", ".obsidian"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if ObsidianVault(notes) {
		t.Errorf("%s: a file .obsidian made a vault", notes)
	}
	if err := os.Mkdir(filepath.Join(root, "vault", ".obsidian"), 0o755); err != nil {
		t.Fatal(err)
	}
	if !ObsidianVault(notes) || !ObsidianVault(filepath.Join(root, "vault")) || ObsidianVault(root) {
		t.Errorf("the vault's notes are not in it, or its parent is")
	}
}
