// Package pretrain holds the recipe of the pretrained parameters that
// package linkage/vnperson embeds (pretrained_dedupe.json and
// pretrained_link.json, read by vnperson.PretrainedModel and
// vnperson.PretrainedLinkModel), so that the files can be regenerated and
// checked from one place: command benchmarks/cmd/genpretrained (run by
// go generate ./linkage/vnperson/) writes them, and with -check, as in CI,
// fails when they are stale.
//
// The recipe (Generate):
//
//  1. Generate the synthetic commune of Config: package synth's default
//     configuration and seed with vnperson.PretrainedCommunePeople people.
//  2. Train from the data alone (Options: the vnperson defaults with
//     UsePretrained = PretrainedNever and a fixed Today): the deduplication
//     model by vnperson.Dedupe of the commune's EHR extract, the linkage
//     model by vnperson.Link of that extract to the commune's population
//     registry.
//  3. Splice (SpliceUntrained): the registry has no BHYT cards, so the link
//     training pairs never compare BHXH numbers and the link model's bhxh
//     comparison keeps the engine's starting values. Every comparison of
//     the link model still equal to vnperson.DefaultModel's takes the
//     deduplication model's m and u instead.
//  4. Write each model as indented linkage.Model.MarshalJSON output (no
//     term-frequency tables), preceded by a "provenance" object
//     (Provenance) that says how it was made. linkage.LoadModel ignores
//     fields other than the parameters, so the files load as any saved
//     model.
//
// Diff compares two versions of a file: the provenance exactly, the
// parameters with a relative tolerance of Tolerance, because
// architectures that fuse multiply-adds may round the last bits of m and
// u differently.
package pretrain
