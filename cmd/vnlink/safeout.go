package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
)

// Output files hold personal data, so they are written with care:
//
//   - a regular file (or a new one) is written to a hidden temporary file
//     in the same folder, renamed over the name only when the whole output
//     is written, so that a failed run leaves no half file;
//   - a name that is not a regular file — /dev/null, a named pipe (FIFO), a
//     terminal — is written in place, never replaced by a regular file;
//     a folder is refused;
//   - an output that is the same file as an input (the same path, a
//     symbolic link to it or a hard link: compared as files, not as path
//     strings) is refused before anything is read;
//   - on SIGINT or SIGTERM the temporary files are removed before the
//     program exits (status 130 or 143), and so is the private folder in
//     which excelize writes the large sheets of a workbook it reads or
//     writes (privateTmp). After SIGKILL or a power cut a
//     hidden ".NAME.*.tmp" file may remain next to NAME: delete it.

// temps are the temporary files being written, removed on a signal, and
// the private folder excelize spills large sheets into (tmpDir).
var temps struct {
	sync.Mutex
	names    map[string]bool
	tmpDir   string
	stopping bool
}

// privateTmp returns the run's private temporary folder, created on first
// use: excelize writes a large sheet of a workbook there while it reads or
// writes it, and those rows are personal data. The folder goes with
// removeTemps, at the end of a run and on SIGINT/SIGTERM. "" (the system's
// folder) when it cannot be created.
func privateTmp() string {
	temps.Lock()
	defer temps.Unlock()
	if temps.tmpDir == "" {
		if d, err := os.MkdirTemp("", "vnlink-"); err == nil {
			temps.tmpDir = d
		}
	}
	return temps.tmpDir
}

func addTemp(name string) {
	temps.Lock()
	defer temps.Unlock()
	if temps.stopping {
		// A signal came: remove the new file at once (the process is
		// exiting).
		os.Remove(name)
		return
	}
	if temps.names == nil {
		temps.names = map[string]bool{}
	}
	temps.names[name] = true
}

func dropTemp(name string) {
	temps.Lock()
	defer temps.Unlock()
	delete(temps.names, name)
}

// removePrivateTmp removes the run's private temporary folder (privateTmp),
// at the end of a run.
func removePrivateTmp() {
	temps.Lock()
	defer temps.Unlock()
	if temps.tmpDir != "" {
		os.RemoveAll(temps.tmpDir)
		temps.tmpDir = ""
	}
}

// removeTemps removes every temporary file still being written and the
// private temporary folder, and returns how many files it removed.
func removeTemps() int {
	temps.Lock()
	defer temps.Unlock()
	n := 0
	for name := range temps.names {
		if os.Remove(name) == nil {
			n++
		}
		delete(temps.names, name)
	}
	if temps.tmpDir != "" {
		os.RemoveAll(temps.tmpDir)
		temps.tmpDir = ""
	}
	return n
}

// cleanUpOnSignal removes the temporary files and exits when the process
// receives SIGINT or SIGTERM.
func cleanUpOnSignal() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-c
		temps.Lock()
		temps.stopping = true
		temps.Unlock()
		removeTemps()
		code := 130
		if s == syscall.SIGTERM {
			code = 143
		}
		say(os.Stderr, "vnlink: stopped; the files being written were deleted\n")
		os.Exit(code)
	}()
}

// writeFileAtomic writes name through a temporary file in the same folder,
// renamed to name only when write succeeds; a name that exists and is not
// a regular file (a device, a pipe) is written in place.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return errorf("%s is a folder, not a file", name)
		}
		return writeInPlace(name, write)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	addTemp(tmp.Name())
	defer func() {
		os.Remove(tmp.Name())
		dropTemp(tmp.Name())
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// writeInPlace writes to a name that is not a regular file.
func writeInPlace(name string, write func(io.Writer) error) error {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	return errors.Join(err, f.Close())
}

// sameFile reports whether a and b exist and are one regular file or one
// folder (the same path, a symbolic link to the other or a hard link).
// Devices and pipes are never the same file: -out /dev/null -json
// /dev/null is allowed.
func sameFile(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	sa, err := os.Stat(a)
	if err != nil || !(sa.Mode().IsRegular() || sa.IsDir()) {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// sameOutput reports whether two outputs would overwrite each other: one
// path, or links to one file; a device or a pipe (e.g. /dev/null) may take
// several outputs.
func sameOutput(a, b string) bool {
	if st, err := os.Stat(a); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return false
	}
	return samePath(a, b)
}
