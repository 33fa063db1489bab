// Command genpretrained writes the pretrained parameters that package
// linkage/vnperson embeds, pretrained_dedupe.json and pretrained_link.json,
// by the recipe of package benchmarks/pretrain (train on the synthetic
// commune of vnperson.PretrainedCommunePeople people, splice the link
// model's untrained comparisons; see that package), each with a
// "provenance" object that says how it was made.
//
// Usage, from anywhere in the module:
//
//	go generate ./linkage/vnperson/               # runs this command
//	go run ./benchmarks/cmd/genpretrained [-out DIR]
//	go run ./benchmarks/cmd/genpretrained -check [-out DIR]
//
// Without flags it writes the two files into the linkage/vnperson folder
// of the module it runs in (found from the working directory), or into
// -out DIR. With -check it writes nothing: it regenerates the files in
// memory and exits with status 1, naming each stale file and its first
// difference, when the files in that folder differ from what the recipe
// produces (parameters within a relative 1e-9, provenance exactly). CI
// runs the check. It takes a few seconds.
package main
