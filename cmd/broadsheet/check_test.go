package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ghostscriptCMYK is Ghostscript's default CMYK profile (Debian's
// libgs-common, which ghostscript pulls in: .ci/run installs it), through
// which the four-page sample's RGB ad prints with 301% ink.
const ghostscriptCMYK = "/usr/share/color/icc/ghostscript/default_cmyk.icc"

// slugEdition is the edition new scaffolds, its page's section named with
// a character no face has: it is on no page, only in the slug line that
// --marks draws under it.
func slugEdition(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "slug")
	if code, stdout, stderr := runCLI(t, "new", dir); code != 0 {
		t.Fatalf("new: exit %d: %s%s", code, stdout, stderr)
	}
	path := filepath.Join(dir, "edition.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "    section: 要闻\n", "    section: \"要闻\U0002A6D6\"\n", 1)
	if s == string(b) {
		t.Fatal("the scaffold has no section 要闻 to rename")
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCheckRefusesWhatRenderRefuses: check takes the render flags that
// change what render refuses, and with the same flags says the same: an
// output profile through which the RGB ad exceeds the ink limit (the
// README's promise: check finds every input problem render would refuse),
// the slug line of --marks with a character no face has, a wrong flag.
func TestCheckRefusesWhatRenderRefuses(t *testing.T) {
	fourPages := filepath.Join(samples, "four-pages.yaml")
	ifra := filepath.Join("..", "..", "pdf", "icc", "IFRA26S.icc")
	slug := slugEdition(t)
	for _, c := range []struct {
		edition string
		flags   []string
		code    int
		say     string // in stderr, when code is not 0
		needs   string // a file the case needs
	}{
		{fourPages, []string{"--output-profile", ghostscriptCMYK}, exitInput, "converts with up to 301% total ink", ghostscriptCMYK},
		{fourPages, []string{"--output-profile", ifra, "--output-condition", "IFRA26", "--ink-limit", "230"}, exitInput, "up to 231% total ink, over the 230% limit", ""},
		{fourPages, []string{"--output-profile", ifra}, exitOK, "", ""},
		{slug, nil, exitOK, "", ""},
		{slug, []string{"--marks"}, exitInput, "no glyph for '𪛖' (U+2A6D6)", ""},
		{slug, []string{"--marks", "--pdf-standard", "none", "--photos", "optimize"}, exitInput, "no glyph for '𪛖'", ""},
		{slug, []string{"--pdf-standard", "x-9"}, exitUsage, "--pdf-standard", ""},
	} {
		if c.needs != "" {
			if _, err := os.Stat(c.needs); err != nil {
				if os.Getenv("CI") != "" {
					t.Fatalf("%s is missing (CI installs ghostscript, which has it)", c.needs)
				}
				t.Logf("%s is missing: skipping %v", c.needs, c.flags)
				continue
			}
		}
		out := filepath.Join(t.TempDir(), "out.pdf")
		for _, cmd := range []string{"render", "check"} {
			args := append([]string{cmd, c.edition}, c.flags...)
			if cmd == "render" {
				args = append(args, "-o", out)
			}
			code, stdout, stderr := runCLI(t, args...)
			if code != c.code || (c.say != "" && !strings.Contains(stderr, c.say)) {
				t.Errorf("%s: exit %d, want %d saying %q\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, c.code, c.say, stdout, stderr)
			}
		}
	}
}
