package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vnlink/vnlink/benchmarks/pretrain"
)

// modulePath is the module whose linkage/vnperson folder the files go to.
const modulePath = "github.com/vnlink/vnlink"

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "genpretrained:", err)
		os.Exit(1)
	}
}

// run generates the files and writes or checks them; what it did goes to
// stdout, usage errors to log.
func run(args []string, stdout, log io.Writer) error {
	fs := flag.NewFlagSet("genpretrained", flag.ContinueOnError)
	fs.SetOutput(log)
	check := fs.Bool("check", false, "write nothing; fail, naming the file and its first difference, when the files in the folder are stale")
	out := fs.String("out", "", "folder of the files (default: "+pretrain.Dir+" of the module the working directory is in)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("unexpected arguments: " + strings.Join(fs.Args(), " "))
	}
	dir := *out
	if dir == "" {
		root, err := moduleRoot()
		if err != nil {
			return err
		}
		dir = filepath.Join(root, filepath.FromSlash(pretrain.Dir))
	}
	if *check {
		old, err := readFiles(dir)
		if err != nil {
			return err
		}
		files, err := pretrain.Generate()
		if err != nil {
			return err
		}
		return checkFiles(old, files, stdout)
	}
	files, err := pretrain.Generate()
	if err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "wrote", display(path))
	}
	return nil
}

// readFiles reads the committed files in dir, before the few seconds of
// generation, so that a wrong folder fails at once.
func readFiles(dir string) ([]pretrain.File, error) {
	var files []pretrain.File
	for _, name := range []string{pretrain.DedupeFile, pretrain.LinkFile} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		files = append(files, pretrain.File{Name: filepath.Join(dir, name), Data: data})
	}
	return files, nil
}

// checkFiles compares the committed files (old, named by their paths)
// with the generated ones, in the same order, and returns an error naming
// every stale file and its first difference.
func checkFiles(old, generated []pretrain.File, stdout io.Writer) error {
	if len(old) != len(generated) {
		return errors.New("the recipe generated " + strconv.Itoa(len(generated)) + " files, " + strconv.Itoa(len(old)) + " were read")
	}
	var stale []string
	for i, f := range old {
		if filepath.Base(f.Name) != generated[i].Name {
			return errors.New("the recipe generated " + generated[i].Name + " where " + display(f.Name) + " was read")
		}
		if d := pretrain.Diff(f.Data, generated[i].Data); d != "" {
			stale = append(stale, display(f.Name)+" is stale: "+d)
		} else {
			fmt.Fprintln(stdout, display(f.Name), "is up to date")
		}
	}
	if len(stale) > 0 {
		return errors.New(strings.Join(stale, "\ngenpretrained: ") + "\ngenpretrained: regenerate with go generate ./linkage/vnperson/ and commit the files")
	}
	return nil
}

// moduleRoot returns the folder of the go.mod of modulePath that holds
// the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && declares(data, modulePath) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("the working directory is not inside module " + modulePath + "; give -out")
		}
		dir = parent
	}
}

// declares reports whether go.mod data declares module path.
func declares(data []byte, path string) bool {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`) == path
		}
	}
	return false
}

// display returns path relative to the working directory when it lies
// under it.
func display(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}
