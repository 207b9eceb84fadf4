package fonts

import (
	"fmt"
	"strings"
)

// UnknownFontError is returned for a name that no face is registered under.
type UnknownFontError struct {
	Name  string   // the name asked for
	Known []string // the registered names, sorted
}

func (e *UnknownFontError) Error() string {
	return fmt.Sprintf("unknown font %q (known: %s)", e.Name, strings.Join(e.Known, ", "))
}
