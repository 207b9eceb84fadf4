package pdf

// DefaultOutputProfile returns the CMYK output profile the output intent
// carries when Options.OutputProfile is nil (IFRA26S newsprint), read-only:
// for callers that must know what the RIP will convert through, e.g. the
// most ink an RGB ad can print with.
func DefaultOutputProfile() []byte { return readOnly(ifra26s) }
