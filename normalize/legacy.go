package normalize

// PROVISIONAL signatures; the text helper implements them.

// Encoding names a legacy way Vietnamese text gets mangled.
type Encoding int

// Legacy encodings.
const (
	UTF8     Encoding = iota // correct text, nothing to repair
	TCVN3                    // TCVN3 (ABC) font bytes read as Windows-1252
	VNI                      // VNI-Windows font bytes read as Windows-1252
	Mojibake                 // UTF-8 bytes read as Windows-1252
)

// EncodeLegacy mangles correct text s the way encoding e does. It exists to
// produce realistic test data; Text repairs its output.
func EncodeLegacy(s string, e Encoding) string { return s }
