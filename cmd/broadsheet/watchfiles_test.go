package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet-news/broadsheet/editions"
	"github.com/broadsheet-news/broadsheet/fonts"
	"github.com/broadsheet-news/broadsheet/images"
	"github.com/broadsheet-news/broadsheet/internal/fonttest"
	"github.com/broadsheet-news/broadsheet/preview"
)

// watchedEdition writes, in a folder of its own, a councilEdition with a
// user font (font.ttf, holding font) and a photo (photo.jpg, holding
// photo), and returns the edition's path.
func watchedEdition(t *testing.T, font, photo []byte) string {
	t.Helper()
	ed := councilEdition(t, "        photos:\n          - {file: photo.jpg}\n", "photo.jpg", photo)
	if err := os.WriteFile(filepath.Join(filepath.Dir(ed), "font.ttf"), font, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(ed)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "pages:", "fonts:\n  tiny: {file: font.ttf}\npages:", 1))
	if err := os.WriteFile(ed, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return ed
}

func samplePhoto(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samples, "photos", "meeting.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWatchFollowsTheFilesOfAFailedRender: a render that fails still
// names every file the edition reads — as render's inputFiles lists them —
// for watch to follow, whatever stopped it: a photo that does not load,
// a font that is no TrueType font, an ad over the ink limit. Watch listed
// the edition alone when loading failed, and no photo or ad when the
// print checks did, so mending the file that failed rendered nothing
// until the edition itself was saved again.
func TestWatchFollowsTheFilesOfAFailedRender(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edition func(t *testing.T) string
		want    string // in the render's errors
	}{
		{"damaged photo", func(t *testing.T) string { return watchedEdition(t, fonttest.Tiny(), []byte("not a JPEG")) }, "photo.jpg"},
		{"not a font", func(t *testing.T) string { return watchedEdition(t, []byte("not a font"), samplePhoto(t)) }, "not a TrueType font"},
		{"ad over the ink limit", richInkEdition, "290% total ink"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.edition(t)
			lib := fonts.NewLibrary()
			cache := images.NewCache(preview.PixelBudget)
			popts, err := previewFlags(50, nil)
			if err != nil {
				t.Fatal(err)
			}
			b, doc, _, _ := renderForWatch(path, lib, preview.NewRenderer(lib, cache), cache, popts, defaultInputs(), io.Discard)
			if doc != nil || len(b.Errors) == 0 || !strings.Contains(b.Errors[0].Message, tc.want) {
				t.Fatalf("the render did not fail on %q: %+v", tc.want, b.Errors)
			}
			ed, err := editions.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range inputFiles(ed) {
				if !slices.Contains(b.Files, f) {
					t.Errorf("watch does not follow %s (it follows %q)", f, b.Files)
				}
			}
		})
	}
}

// TestWatchRendersAgainWhenAFileIsMended: a photo or font that stopped
// the first render is mended (saved by rename, as editors save) while
// watch runs, and watch renders again, without errors, without the
// edition being saved.
func TestWatchRendersAgainWhenAFileIsMended(t *testing.T) {
	for _, tc := range []struct {
		name  string
		font  []byte
		photo []byte
		mend  string // the file saved again
		good  []byte // with this
	}{
		{"photo", fonttest.Tiny(), []byte("not a JPEG"), "photo.jpg", samplePhoto(t)},
		{"font", []byte("not a font"), samplePhoto(t), "font.ttf", fonttest.Tiny()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edition := watchedEdition(t, tc.font, tc.photo)
			url := startWatch(t, edition, "")
			if st := getState(t, url); st.Seq != 1 || st.GoodSeq != 0 || len(st.Errors) == 0 {
				t.Fatalf("the first render: seq %d, good %d, %d errors; want it to fail", st.Seq, st.GoodSeq, len(st.Errors))
			}
			saveByRename(t, filepath.Join(filepath.Dir(edition), tc.mend), tc.good)
			var st servedState
			for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if st = getState(t, url); st.Seq >= 2 {
					break
				}
			}
			if st.Seq < 2 {
				t.Fatalf("the %s was mended and nothing was rendered again", tc.mend)
			}
			if st.GoodSeq != st.Seq || len(st.Errors) > 0 {
				t.Errorf("after the %s was mended: seq %d, good %d, errors %+v", tc.mend, st.Seq, st.GoodSeq, st.Errors)
			}
		})
	}
}
