// Package archivegen makes a test archive from the sample editions: a
// paper's editions kept in date folders (2019/03/18/edition.yaml beside
// its photos/ and ads/), as an archive team keeps them. Most share the
// file name edition.yaml; every fifth day has a second edition,
// supplement.yml. Each day's photos are the sample photos with bytes of
// their own (a comment naming the day); the ads are shared. Two are bad
// on purpose: one has a misspelt key, one names a damaged photo. A hidden
// folder and a folder marked with
// archive.IgnoreFile hold YAML that a folder search must pass over.
//
// The tests and benchmarks of the archive run use it; so can a person:
//
//	go run ./archive/archivegen/genarchive -n 600 -o /tmp/archive
package archivegen

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Entry is one generated edition.
type Entry struct {
	Rel   string // slash path relative to the archive's root
	Pages int    // pages it renders to (0 for a bad one)
	Bad   bool   // it must fail
	Why   string // what is wrong with a bad one
}

// The samples the archive is made of, and how many pages each renders to.
var sampleFiles = []struct {
	name  string
	pages int
}{{"local-news.yaml", 1}, {"four-pages.yaml", 4}}

var (
	dateLine  = regexp.MustCompile(`(?m)^date: .*$`)
	issueLine = regexp.MustCompile(`(?m)^issue: .*$`)
)

// Options say how Generate makes an archive.
type Options struct {
	// SharedPhotos hard-links every day's photos to the samples instead of
	// giving each day photos with bytes of their own: an archive that
	// costs no disk, where everything keyed by content (the image cache)
	// meets the same eight photos again and again.
	SharedPhotos bool
	// OnePage makes every edition the one-page sample, each in a day
	// folder of its own and none bad on purpose: issue 12's batch case
	// (`batch -j 2` over 40 one-page editions).
	OnePage bool
}

// Generate writes an archive of n editions (n >= 6) under dir, made from
// the sample editions in samples (editions/samples), and returns its
// entries sorted by path.
func Generate(dir, samples string, n int) ([]Entry, error) {
	return GenerateWith(dir, samples, n, Options{})
}

// GenerateWith is Generate with options.
func GenerateWith(dir, samples string, n int, opt Options) ([]Entry, error) {
	if n < 6 {
		return nil, fmt.Errorf("archivegen: want at least 6 editions, not %d", n)
	}
	var srcs [2][]byte
	for i, s := range sampleFiles {
		b, err := os.ReadFile(filepath.Join(samples, s.name))
		if err != nil {
			return nil, fmt.Errorf("archivegen: %w", err)
		}
		srcs[i] = b
	}
	var pictures []string
	for _, sub := range []string{"photos", "ads"} {
		es, err := os.ReadDir(filepath.Join(samples, sub))
		if err != nil {
			return nil, fmt.Errorf("archivegen: %w", err)
		}
		for _, e := range es {
			if !e.IsDir() {
				pictures = append(pictures, filepath.Join(sub, e.Name()))
			}
		}
	}
	badKey, badPhoto := n/3, 2*n/3
	if badPhoto%5 == 4 || badPhoto%5 == 3 { // keep it alone in its day folder
		badPhoto -= 2
	}
	day := time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC)
	var entries []Entry
	linked := map[string]bool{}
	for i := 0; i < n; i++ {
		name := "edition.yaml"
		if i%5 == 4 && !opt.OnePage {
			name = "supplement.yml" // the same day as the edition before it
		} else if i > 0 {
			day = day.AddDate(0, 0, 1)
		}
		folder := day.Format("2006/01/02")
		abs := filepath.Join(dir, filepath.FromSlash(folder))
		if !linked[folder] {
			for _, p := range pictures {
				var err error
				if !opt.SharedPhotos && strings.HasPrefix(p, "photos") && strings.HasSuffix(p, ".jpg") {
					err = writeOwnPhoto(filepath.Join(samples, p), filepath.Join(abs, p), folder)
				} else {
					err = linkOrCopy(filepath.Join(samples, p), filepath.Join(abs, p))
				}
				if err != nil {
					return nil, err
				}
			}
			linked[folder] = true
		}
		s := 0
		if i%4 == 1 && !opt.OnePage {
			s = 1
		}
		y := dateLine.ReplaceAll(srcs[s], []byte("date: "+day.Format("2006-01-02")))
		y = issueLine.ReplaceAll(y, []byte(fmt.Sprintf("issue: %d", 1000+i)))
		e := Entry{Rel: folder + "/" + name, Pages: sampleFiles[s].pages}
		switch {
		case opt.OnePage:
		case i == badKey:
			y = []byte(strings.Replace(string(y), "\n        headline:", "\n        headlin:", 1))
			e = Entry{Rel: e.Rel, Bad: true, Why: `unknown key "headlin"`}
		case i == badPhoto:
			y = []byte(strings.Replace(string(y), "photos/harbour-dusk.jpg", "photos/damaged-scan.jpg", 1))
			if err := os.WriteFile(filepath.Join(abs, "photos", "damaged-scan.jpg"), []byte("\xff\xd8 not really a JPEG"), 0o644); err != nil {
				return nil, err
			}
			e = Entry{Rel: e.Rel, Bad: true, Why: "damaged photo"}
		}
		if err := os.WriteFile(filepath.Join(abs, name), y, 0o644); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	// YAML that is not an edition, where a folder search must not look.
	for _, p := range []string{".trash/2019/edition.yaml", "styles/house.yaml"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte("not: an edition\n"), 0o644); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "styles", ".broadsheetignore"), nil, 0o644); err != nil {
		return nil, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Rel < entries[j].Rel })
	return entries, nil
}

// writeOwnPhoto writes the JPEG src to dst with a comment naming the day
// (a COM segment after the start-of-image marker): the same pixels, but
// bytes of its own, as every day of a real archive has photos of its own,
// so that nothing keyed by content (the image cache, the edition key)
// finds one day's photo in another's. The ads stay shared, as a paper's
// recurring ads are.
func writeOwnPhoto(src, dst, day string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if len(b) < 2 || b[0] != 0xff || b[1] != 0xd8 {
		return fmt.Errorf("archivegen: %s is not a JPEG", src)
	}
	text := "archivegen " + day
	com := []byte{0xff, 0xfe, byte((len(text) + 2) >> 8), byte(len(text) + 2)}
	out := append(append(append(append([]byte{}, b[:2]...), com...), text...), b[2:]...)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, out, 0o644)
}

// linkOrCopy makes dst hold src's bytes: a hard link where the file system
// allows it (a large archive then costs no space), else a copy.
func linkOrCopy(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if os.Link(src, dst) == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
