package archive

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// IgnoreFile is the name of the marker file that makes a folder search
// pass over the folder holding it, and everything beneath it: put one in a
// folder of YAML files that are not editions.
const IgnoreFile = ".broadsheetignore"

// Job is one edition to render.
type Job struct {
	// Input is the edition file's path, as found: it is what is opened and
	// what messages name.
	Input string
	// Rel is the edition's slash-separated path relative to its input root:
	// the folder it was found in, or, for a file named directly, the working
	// directory (a file outside it keeps its absolute path, less the leading
	// separator). The output mirrors it, and the shard is chosen by it.
	Rel string
}

// Output is the PDF's path under dir: Rel with its extension made .pdf.
func (j Job) Output(dir string) string {
	rel := strings.TrimSuffix(j.Rel, path.Ext(j.Rel)) + ".pdf"
	return filepath.Join(dir, filepath.FromSlash(rel))
}

// isEdition reports whether a file name is one a folder search picks up.
func isEdition(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return (ext == ".yaml" || ext == ".yml") && !strings.HasPrefix(name, ".")
}

// ReadList reads a list of inputs, one path a line. Blank lines and lines
// starting with # are passed over; surrounding spaces are trimmed.
func ReadList(r io.Reader) ([]string, error) {
	var paths []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		paths = append(paths, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the list of editions: %w", err)
	}
	return paths, nil
}

// Discover turns inputs (edition files and folders) into jobs sorted by
// Rel. A folder is searched recursively for *.yaml and *.yml files; files
// and folders whose names start with "." are passed over, and so is a
// folder holding an IgnoreFile. A file named twice is one job. Two
// editions that would be written to the same PDF are an error naming both.
func Discover(inputs []string) ([]Job, error) {
	var jobs []Job
	seen := map[string]bool{} // absolute input paths
	add := func(input, rel string) error {
		abs, err := filepath.Abs(input)
		if err != nil {
			return err
		}
		if !seen[abs] {
			seen[abs] = true
			jobs = append(jobs, Job{Input: input, Rel: rel})
		}
		return nil
	}
	for _, in := range inputs {
		info, err := os.Stat(in)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", in, errors.Unwrap(err))
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				return nil, fmt.Errorf("input %s: not a regular file or a folder", in)
			}
			rel, err := fileRel(in)
			if err != nil {
				return nil, err
			}
			if err := add(in, rel); err != nil {
				return nil, err
			}
			continue
		}
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != in && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				if _, err := os.Stat(filepath.Join(p, IgnoreFile)); err == nil {
					return filepath.SkipDir
				}
				return nil
			}
			if !isEdition(d.Name()) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(in, p)
			if err != nil {
				return err
			}
			return add(p, filepath.ToSlash(rel))
		})
		if err != nil {
			return nil, fmt.Errorf("searching %s: %w", in, err)
		}
	}
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].Rel < jobs[j].Rel })
	byOut := map[string]string{}
	for _, j := range jobs {
		out := j.Output("")
		if prev, dup := byOut[out]; dup {
			return nil, fmt.Errorf("%s and %s would both be written to %s; give their common parent folder instead", prev, j.Input, out)
		}
		byOut[out] = j.Input
	}
	return jobs, nil
}

// fileRel is the Rel of an edition file named directly: its path relative
// to the working directory, or its absolute path less the leading
// separator when it lies outside it.
func fileRel(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("input %s: %w", p, err)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("input %s: %w", p, err)
	}
	if rel, err := filepath.Rel(wd, abs); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel), nil
	}
	abs = strings.TrimPrefix(abs, filepath.VolumeName(abs))
	return strings.TrimLeft(filepath.ToSlash(abs), "/"), nil
}
