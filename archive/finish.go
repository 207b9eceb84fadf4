package archive

import (
	"io"
	"time"

	"github.com/broadsheet-news/broadsheet/internal/atomicfile"
	"github.com/broadsheet-news/broadsheet/internal/fsafe"
)

// finish is what is left of an edition once its PDF is written to its
// temporary file: syncing it to disk, renaming it into place and keeping
// its key beside it.
type finish struct {
	rec     *Record
	pdf     *atomicfile.Pending
	sidecar []byte              // the sidecar's content (nil: none to write)
	key     *atomicfile.Pending // the sidecar, written once the PDF is in place
}

// syncWait bounds how long a written PDF waits for others to be synced
// with it.
const syncWait = 100 * time.Millisecond

// finishAll puts the PDFs it is given in place, and passes each record on
// to out once its PDF and sidecar are. It syncs them to disk in groups of
// up to group PDFs, or what has come within syncWait, at once
// (atomicfile.SyncAll), then renames each and writes its sidecar, which
// is synced and renamed with the next group. A blocking sync holds one of
// Go's processors until the runtime notices (up to 10 ms when the program
// is busy), so a wait for the disk is a core idle: an fsync for every PDF
// and sidecar was 80 such waits for 40 one-page editions. It returns once
// in is closed and every file is in place.
func finishAll(in <-chan *finish, out chan<- *Record, group int, tmp *fsafe.Temps, synced func(string)) {
	var pdfs, keys []*finish // PDFs written; PDFs in place, their sidecars written
	flush := func() {
		ps := make([]*atomicfile.Pending, 0, len(pdfs)+len(keys))
		for _, f := range pdfs {
			ps = append(ps, f.pdf)
		}
		for _, f := range keys {
			ps = append(ps, f.key)
		}
		// On an error each Commit syncs its own file and reports its own.
		_ = atomicfile.SyncAll(ps)
		for _, f := range keys {
			if err := f.key.Commit(); err != nil {
				keyLost(f.rec, err)
			}
			out <- f.rec
		}
		keys = keys[:0]
		for _, f := range pdfs {
			if err := f.pdf.Commit(); err != nil {
				f.rec.Status, f.rec.Pages, f.rec.SHA256 = StatusFailed, 0, ""
				f.rec.Errors = append(f.rec.Errors, Problem{Code: CodeWrite, Message: err.Error(), Pos: f.rec.Output})
				out <- f.rec
				continue
			}
			if f.sidecar == nil { // its key is lost already
				out <- f.rec
				continue
			}
			key, err := atomicfile.Begin(f.rec.Output+SidecarSuffix, func(w io.Writer) error {
				_, err := w.Write(f.sidecar)
				return err
			}, tmp.Hooks())
			if err != nil {
				keyLost(f.rec, err)
				out <- f.rec
				continue
			}
			f.key = key
			keys = append(keys, f)
		}
		pdfs = pdfs[:0]
	}
	var timer <-chan time.Time
	for {
		select {
		case f, ok := <-in:
			if !ok {
				flush() // the last PDFs
				flush() // their sidecars
				return
			}
			if synced != nil {
				synced(f.rec.Output)
			}
			pdfs = append(pdfs, f)
			if timer == nil {
				timer = time.After(syncWait)
			}
			if len(pdfs) < group {
				continue
			}
		case <-timer:
		}
		flush()
		timer = nil
		if len(keys) > 0 {
			timer = time.After(syncWait)
		}
	}
}

// keyLost records that the sidecar of rec's PDF could not be written.
func keyLost(rec *Record, err error) {
	// The PDF is whole; without its key it is only made again next time.
	rec.Warnings = append(rec.Warnings, Problem{Code: CodeKey, Message: "the key could not be kept, so the next run renders this edition again: " + err.Error(), Pos: rec.Output + SidecarSuffix})
}
