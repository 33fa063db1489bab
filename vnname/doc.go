// Package vnname parses, prepares and compares Vietnamese personal names.
//
// Names decide most matches when the ID number is missing, and fool naive
// matchers most: about 38% of Vietnamese are called Nguyễn, and a commune
// has dozens of people called Nguyễn Thị Lan. This package turns a messy
// name into a prepared [Name] once, then compares prepared names without
// parsing or allocating.
//
// # Parsing
//
// [Parse] accepts anything normalize.Text accepts (legacy TCVN3 and VNI
// encodings, mojibake, missing diacritics, upper case, NFD, extra spaces)
// and splits the name into family name, middle words and given name:
//
//	Nguyễn Thị Thuý      family Nguyễn, middle Thị, given Thuý
//	Nguyễn Lê Minh Anh   family Nguyễn, middle Lê Minh, given Anh
//	Tôn Nữ Thị Lan       family Tôn Nữ (compound), middle Thị, given Lan
//	Trãi                 given Trãi only
//
// A [Name] holds three text forms that are never confused: the display
// form written back to records ([Name.String], proper case), the
// comparison key ([Name.Key], lower case) and the folded key ([Name.Fold],
// ASCII, đ as d), plus two phonetic keys, for the whole name and for each
// part. Parse never reorders words; [Name.OrderVariant] offers the reading
// with the family name moved to the front when a name was clearly written
// family name last (Lan Thị Nguyễn, Lan Thi Nguyen).
//
// # Phonetic keys
//
// The phonetic key of a word is its initial consonant class, its rhyme and
// a tone digit. Names that typists or regional speech confuse get the same
// key. The rules, each with examples of words that share a key:
//
//  1. d, gi, r and v are one initial, written z (northern speech says
//     d, gi and r alike, southern speech says v like d):
//     Dũng, Giũng, Rũng and Vũng; Giang and Dang; Vy and Dy.
//  2. s and x are one initial, written x: Sương and Xương.
//  3. ch and tr are one initial, written ch: Trang and Chang.
//  4. l and n are one initial, written l (northern rural speech):
//     Lan and Nan.
//  5. a final ng is written n, a final c is written t (southern speech):
//     Hoàng and Hoàn; Đức and Đứt. The finals nh and ch are kept:
//     Anh and An differ.
//  6. spellings of one sound: k is c (Kỳ, Cỳ), gh is g, ngh is ng
//     (Nghĩa, Ngĩa).
//  7. informal typing: f is ph (Fương, Phương); z, j and dz are z
//     (Dzũng, Dũng).
//  8. i and y: a y that stands alone or opens the rhyme is i (Lý and Lí,
//     Kỳ and Kì, Quý and Quí, Yến and Iến); y after another vowel is kept,
//     because the sound differs (Huy and Hui, Tay and Tai differ).
//  9. tone: ngang writes no digit, sắc 1, huyền 2, hỏi and ngã both 3
//     (they are merged in the south and centre and confused in writing:
//     Thủy and Thũy), nặng 4. Tone placement does not matter (Thúy and
//     Thuý).
//
// Vowel quality is kept, written in Telex (â aa, ă aw, ê ee, ô oo, ơ ow,
// ư uw, đ dd), and so is the tone: Hùng (hun2) and Hưng (huwn) differ,
// and so do Lan (lan) and Lán (lan1). A word that is not a Vietnamese
// syllable (H'Hen) is written in Telex with its tone digit, without the
// consonant rules.
//
// Rule 10, missing diacritics: a name typed without diacritics cannot tell
// Hùng from Hưng. Each Name therefore has two keys: the strict key
// [Name.Phonetic], the rules above applied to the comparison key, and the
// loose key [Name.FoldedPhonetic], the same rules applied to the folded
// key (no tone, no vowel quality: Hung, Hùng and Hưng all give hun). For a
// word without marks both keys are the same string. [SamePhonetic] and
// [Compare] compare word by word: the strict keys where both words carry
// marks, the loose keys where either has none. So Hung matches Hùng and
// Hưng, while Hùng does not match Hưng.
//
// # Comparing
//
// [Compare] returns an [Agreement], a small integer level for the linkage
// engine, the first of these that holds: [AgreeExact], [AgreeMissingMarks]
// (only untyped diacritics differ), [AgreePhonetic], [AgreeVariant]
// (documented family-name variants such as Hoàng and Huỳnh, see
// [IsFamilyVariant]), [AgreeMiddleDiffers], [AgreeSwapped] (family and
// given names swapped), [AgreeMarksDiffer] (same letters, different marks:
// often a different name), [AgreeSimilar] (for whole names: given names at
// most one edit apart or phonetically equal, and the whole folded keys
// one edit apart or with Jaro–Winkler at least [SimilarThreshold]) and
// [AgreeDifferent]; [AgreeMissing]
// is the null level. [CompareParts] gives the same levels for the family
// name, middle words and given name separately, so a model can weigh the
// given name most. [JaroWinkler] is an allocation-free Jaro–Winkler
// similarity.
//
// # Frequencies
//
// [FamilyShare] returns the national share of the fourteen most common
// family names (Lê Trung Hoa, Họ và tên người Việt Nam, 2005, as quoted by
// Wikipedia's "Vietnamese name"). [Frequencies] counts full names, given
// names and family names in a data set for term-frequency adjustment:
// agreeing on Nguyễn Thị Lan is weaker evidence than agreeing on a rare
// name.
//
// # Sex
//
// [Name.SexHint] reads the strong markers Thị (female) and Văn (male) as a
// normalize.Sex, so that linkage can catch a mistyped sex field.
//
// # Errors and concurrency
//
// Parse returns a *normalize.ParseError wrapping normalize.ErrEmpty,
// normalize.ErrSyntax or normalize.ErrRange; errors never quote the name.
// Every function of the package is safe for concurrent use; a
// [Frequencies] must not be read while names are being added.
package vnname
