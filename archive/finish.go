package archive

import (
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
	sidecar []byte // the sidecar's content (nil: none to write)
}

// syncWait bounds how long a written PDF waits for others to be synced
// with it.
const syncWait = 100 * time.Millisecond

// finishAll puts the PDFs it is given in place, and passes each record on
// to out once its PDF and sidecar are. It syncs them to disk in groups of
// up to group PDFs, or what has come within syncWait, at once
// (atomicfile.SyncAll), then renames each and writes its sidecar. A
// blocking sync holds one of Go's processors until the runtime notices (up
// to 10 ms when the program is busy), so a wait for the disk is a core
// idle: an fsync for every PDF was 40 such waits for 40 one-page editions.
// The sidecars are not synced at all (atomicfile.WriteUnsynced): one lost
// in a crash only makes the next run render its edition again, and one
// that survives is believed only when the PDF's hash is the one it names
// (upToDate). Syncing them with the next group cost 5% of a batch's time
// (40 one-page editions, 508 against 481 ms). It returns once in is
// closed and every file is in place.
func finishAll(in <-chan *finish, out chan<- *Record, group int, tmp *fsafe.Temps, synced func(string)) {
	var pdfs []*finish
	flush := func() {
		ps := make([]*atomicfile.Pending, len(pdfs))
		for i, f := range pdfs {
			ps[i] = f.pdf
		}
		// On an error each Commit syncs its own file and reports its own.
		_ = atomicfile.SyncAll(ps)
		for _, f := range pdfs {
			if err := f.pdf.Commit(); err != nil {
				f.rec.Status, f.rec.Pages, f.rec.SHA256 = StatusFailed, 0, ""
				f.rec.Errors = append(f.rec.Errors, Problem{Code: CodeWrite, Message: err.Error(), Pos: f.rec.Output})
			} else if f.sidecar != nil { // nil: its key is lost already
				if err := atomicfile.WriteUnsynced(f.rec.Output+SidecarSuffix, f.sidecar, tmp.Hooks()); err != nil {
					keyLost(f.rec, err)
				}
			}
			out <- f.rec
		}
		pdfs = pdfs[:0]
	}
	var timer <-chan time.Time
	for {
		select {
		case f, ok := <-in:
			if !ok {
				flush()
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
	}
}

// keyLost records that the sidecar of rec's PDF could not be written.
func keyLost(rec *Record, err error) {
	// The PDF is whole; without its key it is only made again next time.
	rec.Warnings = append(rec.Warnings, Problem{Code: CodeKey, Message: "the key could not be kept, so the next run renders this edition again: " + err.Error(), Pos: rec.Output + SidecarSuffix})
}
