// Package vnperson is the ready Vietnamese person schema of vnlink: the
// fields of a person record, their preparation, the default comparisons,
// the default blocking plan and an unsupervised default model, behind two
// calls, Dedupe and Link.
//
// # Preparation
//
// Prepare parses every Person once (package normalize for dates, sex,
// identity numbers, BHYT cards, phones, addresses and ethnicity; package
// vnname for names) into a Record that holds the match features: the parsed
// name, the birth date with its precision, the recorded sex and the sex the
// name's markers suggest, the CCCD and CMND digits, the BHXH number (the
// last 10 digits of a BHYT card), the phone, the ward key of the address and
// the key of its hamlet or street, the ethnic group, and the frequency of
// the name among the records born in the same year. A field that does not parse is left missing
// and reported as a *normalize.RecordError (row and field, never the value);
// the record is kept, and every input row has its Record.
//
// # Comparisons
//
// DefaultComparisons returns, in order (levels first match wins, level 0 is
// null with weight 0):
//
//	national_id  cccd_exact, cmnd_exact, one_digit_typo, different
//	             (a CCCD is never compared with a CMND: such a pair is null)
//	bhxh         exact, else
//	name         the levels of vnname.Compare; exact is term-frequency adjusted
//	birth_date   exact, day_month_swapped, one_digit_typo, year_month,
//	             year_only, year_within_1, different
//	sex          exact, name_hint_agrees, different
//	phone        exact, else
//	address      ward_and_place, place, ward, different
//	ethnicity    exact, else
//
// The weight of a pair is the Fellegi–Sunter weight of package linkage,
//
//	W = log2(λ/(1−λ)) + Σ_c log2(m_c,k / u_c,k),
//
// with the name's exact level using log2(m/max(tf_a, tf_b)) instead, so that
// agreeing on a common name counts less than agreeing on a rare one. tf is
// Record.NameFrequency, the frequency of the name among the records born in
// the same year, shrunk toward its overall frequency where the year holds
// few of the name's holders (linkage.GroupFrequency): names follow
// fashions, so agreeing on "Nguyễn Thị Lan" and on 1985 says less than the
// product of the two frequencies, and the name's weight is what it says
// among the people born that year. When the two years differ, tf is the
// larger of the two records' frequencies, the one of the year where the
// name is the more common (the conservative choice); a record without a
// birth year has the overall frequency.
//
// # Blocking, training, clustering
//
// DefaultRules is an OR of exact rules: national ID, BHXH number, birth year
// and ward, phonetic given name with birth year, and with birth month and
// day, phone and given-name initial, full birth date and place, folded
// family and given names with place. Train
// estimates the model without labels: u from random pairs, the prior from
// the rule "equal valid CCCD" with an assumed recall, m by EM over the
// pattern counts of the pairs of each training rule. Below MinTrainRecords
// records (on the smaller side for Link) there are too few pairs to
// estimate from, and Train uses the pretrained m and u shipped with the
// package (PretrainedModel, PretrainedLinkModel: the same unsupervised recipe
// run on a 50,000-person synthetic commune), with the prior still taken from
// the input; Options.UsePretrained forces either behaviour. Dedupe and Link link
// the pairs whose match probability reaches Options.MatchProbability and
// cluster them; two records with different valid CCCD numbers (not one typo
// apart) never end in one cluster (CannotLink) unless
// Options.AllowCCCDConflicts is set.
//
// # Determinism and privacy
//
// Records are put in a canonical order, by ID and then by content, before
// training and scoring, so the same rows in any order give the same
// clusters, with or without ids (a positional "#N" id counts as none).
// Errors, issues and explanations hold
// field names, level labels and numbers, never personal values.
package vnperson
